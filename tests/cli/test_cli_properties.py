"""Property tests of the command's table reading (issue 12: no silently wrong
figure from a table whose fields and header disagree).

Random wide tables are written as pandas, R's ``write.table``/``write.csv``
and hand-made unquoted files would write them, with labels holding the
separator, quotes, "NA" and non-ASCII text, into a ``.txt`` file (so the
separator comes from the content).  The command's reader must then either
read exactly the table that was written (labels, columns and values) or
refuse it with one usage error; nothing else (a shifted column, a lost
label, a dependency's exception) is allowed.

Runs in process (no subprocess per example).  ``CLUSTERGRID_PROPERTY_EXAMPLES``
and ``CLUSTERGRID_PROPERTY_RANDOM=1`` widen the search as in
test_properties.py.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from clustergrid.cli import _read, _tables
from clustergrid.cli._args import build_parser
from clustergrid.cli._errors import UsageError

_EXAMPLES = int(os.environ.get("CLUSTERGRID_PROPERTY_EXAMPLES", "60"))
_EXPLORE = os.environ.get("CLUSTERGRID_PROPERTY_RANDOM", "") == "1"
_SETTINGS = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    derandomize=not _EXPLORE,
    database=None,
    phases=list(Phase) if _EXPLORE else [Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)

_ALPHABET = st.sampled_from(list("abcXYZ019 ,;'\"-_.()/é") + ["NA"])
LABEL = st.builds(
    lambda first, rest: first + "".join(rest).rstrip(),
    st.sampled_from(list("gGkQ0")),
    st.lists(_ALPHABET, max_size=6),
)
# safe layouts quote what needs quoting; unsafe ones write fields as they are
SAFE = ("pandas_csv", "pandas_tsv", "r_csv_quoted", "r_tab_unquoted")
UNSAFE = ("r_comma_unquoted", "plain_comma_unquoted")


@st.composite
def tables(draw):
    n = draw(st.integers(1, 6))
    m = draw(st.integers(1, 4))
    rows = draw(st.lists(LABEL, min_size=n, max_size=n, unique=True))
    cols = draw(st.lists(LABEL, min_size=m, max_size=m, unique=True))
    values = draw(
        st.lists(
            st.one_of(
                st.floats(-1e6, 1e6, allow_nan=False),
                st.integers(-1000, 1000).map(float),
            ),
            min_size=n * m,
            max_size=n * m,
        )
    )
    df = pd.DataFrame(
        np.array(values).reshape(n, m), index=pd.Index(rows, name="gene"), columns=cols
    )
    layout = draw(st.sampled_from(SAFE + UNSAFE))
    return df, layout


def _write(df: pd.DataFrame, layout: str) -> str:
    if layout == "pandas_csv":
        return df.to_csv()
    if layout == "pandas_tsv":
        return df.to_csv(sep="\t")
    buf = io.StringIO()
    if (
        layout == "r_csv_quoted"
    ):  # write.csv-style quoting (doubled quotes), no row-name header
        w = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        w.writerow(list(df.columns))
        for label, row in df.iterrows():
            w.writerow([label, *map(float, row)])
        return buf.getvalue()
    sep = "\t" if layout == "r_tab_unquoted" else ","
    header = (
        list(df.columns) if layout != "plain_comma_unquoted" else ["gene", *df.columns]
    )
    lines = [sep.join(header)]
    lines += [
        sep.join([str(label), *(repr(float(v)) for v in row)])
        for label, row in df.iterrows()
    ]
    return "\n".join(lines) + "\n"


def _read_wide(path: Path):
    args = build_parser().parse_args([str(path)])
    df = _read.read_table(
        str(path),
        "INPUT",
        sep=None,
        na=_read.parse_na_values(""),
        note=lambda s: None,
        text_cols=(0,),
    )
    matrix, _ = _tables.wide_matrix(df, args, _tables.Log(False))
    return matrix


def _safe_for(layout: str, df: pd.DataFrame) -> bool:
    if layout == "r_tab_unquoted":  # unquoted: a label must not start with a quote
        return not any(str(x).startswith('"') for x in [*df.index, *df.columns])
    return layout in SAFE


@_SETTINGS
@given(tables())
def test_a_table_is_read_exactly_or_refused(case):
    df, layout = case
    text = _write(df, layout)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.txt"
        path.write_text(text)
        try:
            got = _read_wide(path)
        except UsageError as exc:
            # refusals are allowed only where the file is ambiguous or malformed
            msg = str(exc)
            if _safe_for(layout, df):
                assert "cannot tell the separator" in msg, (layout, msg, text)
            return
    # read: it must be exactly the table written, or (an unquoted file whose every line has
    # one field more than its header is, field for field, an R write.table file) pandas' own
    # index_col inference of the same text
    candidates = [df] if _safe_for(layout, df) else [df, _pandas_reading(text)]
    assert any(_same(got, c) for c in candidates), (layout, text, got)


def _pandas_reading(text: str) -> pd.DataFrame:
    sep = "\t" if text.split("\n")[0].count("\t") else ","
    p = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    if isinstance(p.index, pd.RangeIndex):
        p = p.set_index(p.columns[0])
    return p.apply(lambda c: pd.to_numeric(c.replace("", np.nan), errors="coerce"))


def _same(got: pd.DataFrame, want: pd.DataFrame) -> bool:
    if [str(x) for x in got.index] != [str(x) for x in want.index]:
        return False
    if [str(c) for c in got.columns] != [str(c) for c in want.columns]:
        return False
    try:
        np.testing.assert_allclose(
            got.to_numpy(dtype=float), want.to_numpy(dtype=float), rtol=1e-15, atol=0
        )
    except (AssertionError, ValueError, TypeError):
        return False
    return True


def test_label_columns_keep_their_text(tmp_path):
    """Row labels "01" and "1.50" are labels, not numbers: they stay as written (wide),
    and so do the -x/-y columns of a long table."""
    wide = tmp_path / "wide.csv"
    wide.write_text("id,s1,s2\n01,1,2\n1.50,3,4\nNA,5,6\n")
    m = _read_wide(wide)
    assert list(m.index) == ["01", "1.50", "NA"] and list(m.columns) == ["s1", "s2"]
    long = tmp_path / "long.tsv"
    long.write_text("well\tday\tod\n001\t1.0\t0.5\n002\t1.0\t0.7\n")
    df = _read.read_table(
        str(long),
        "INPUT",
        sep=None,
        na=_read.DEFAULT_NA,
        note=lambda s: None,
        text_cols=("well", "day"),
    )
    assert list(df["well"]) == ["001", "002"] and list(df["day"]) == ["1.0", "1.0"]
    assert df["od"].dtype.kind == "f"
