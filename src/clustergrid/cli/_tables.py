"""The input table read as the matrix: a wide table (labels in the first column)
or a long one (-x/-y/-v), ``--subset`` lines, per-row and per-column annotation
columns, and the progress log of what was read."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from .._compat import seaborn_args as _seaborn
from ._args import OPERATIONS, parse_subset
from ._errors import blame, fail
from ._read import FOLDER_COLUMN

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .._body.dots import Dots

    _Columns = dict[str, pd.Series]  # an annotation's name -> its values, by label


__all__ = [
    "Log",
    "fmt_list",
    "check_column",
    "apply_subset",
    "wide_matrix",
    "long_matrix_args",
    "long_columns",
    "file_columns",
    "dots_layer",
]


class Log:
    """Progress lines (``--verbose``, at once) and notes on what was read or
    inferred (kept, and printed by ``main`` when the command succeeds, so an
    error stays one line)."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.notes: list[str] = []

    def __call__(self, message: str) -> None:
        if self.verbose:
            import sys

            print(f"clustergrid: {message}", file=sys.stderr)

    def note(self, message: str) -> None:
        line = f"clustergrid: note: {message}"
        if line not in self.notes:
            self.notes.append(line)


def fmt_list(items: Iterable[object], limit: int = 12) -> str:
    texts = [str(x) for x in items]
    shown = ", ".join(texts[:limit])
    if len(texts) > limit:
        shown += f", ... ({len(texts)} in all)"
    return shown


def check_column(
    df: pd.DataFrame, col: str, option: str, what: str = "the input"
) -> None:
    if col not in df.columns:
        _hint = _seaborn.nearest(col, [str(c) for c in df.columns])
        hint = f" (did you mean {_hint!r}?)" if _hint else ""
        fail(
            f"{option}: no column {col!r} in {what}{hint}; available columns: "
            f"{fmt_list(df.columns)}"
        )


# -- subset ---------------------------------------------------------------------------


def apply_subset(df: pd.DataFrame, spec: str) -> pd.DataFrame:
    import pandas as pd

    keep = np.ones(len(df), dtype=bool)
    for col, values in parse_subset(spec):
        check_column(df, col, "--subset")
        column = df[col]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(
            column
        ):
            try:
                wanted = [float(v) for v in values]
            except ValueError:
                fail(f"--subset: column {col!r} holds numbers, got {fmt_list(values)}")
            present = column.isin(wanted).to_numpy()
            numbers = set(column[present].astype(float))
            missing = [
                v for v, w in zip(values, wanted, strict=True) if w not in numbers
            ]
        else:
            text = column.astype(str).where(column.notna(), None)
            present = text.isin(values).to_numpy()
            found = set(text[present])
            missing = [v for v in values if v not in found]
        if missing:
            choices = pd.unique(column.dropna())
            fail(
                f"--subset: column {col!r} has no value {fmt_list(missing)}; its values "
                f"include {fmt_list(choices)}"
            )
        keep &= present
    if not keep.any():
        fail(
            f"--subset {spec!r} keeps no lines of the input (each part must match on the "
            "same line)"
        )
    return df.loc[keep]


# -- wide and long tables -----------------------------------------------------------------


def wide_matrix(
    df: pd.DataFrame, args: argparse.Namespace, log: Log
) -> tuple[pd.DataFrame, _Columns]:
    """The matrix of a wide table, and the per-row columns (bars, split) taken from it."""
    import pandas as pd

    if df.shape[1] < 2:
        fail(
            f"the input has {df.shape[1]} column; a wide table needs the row labels in the "
            "first column and at least one value column (if it has another separator, give "
            "--sep)"
        )
    label = df.columns[0]
    if df[label].isna().any():
        line = int(df.index[df[label].isna()][0]) + 2
        fail(
            f"the row label column {label!r} is empty on line {line}; every row needs a label"
        )
    dups = df[label][df[label].duplicated()].unique()
    if len(dups):
        fail(
            f"row label(s) {fmt_list(dups)} appear on several lines of the label column "
            f"{label!r}; make the labels unique, or read the table as long (-x/-y/-v) and "
            "combine replicates with -p"
        )
    from_file = args.row_annotation_file is not None
    per_row: _Columns = {}
    for col, option in [
        (c, "--row-annotation") for c in ([] if from_file else args.row_annotation)
    ] + (
        [(args.row_split, "--row-split")]
        if args.row_split is not None and not from_file
        else []
    ):
        check_column(df, col, option)
        if col == label:
            fail(f"{option}: {col!r} holds the row labels; name another column")
        per_row[col] = pd.Series(
            df[col].to_numpy(), index=df[label].to_numpy(), name=col
        )
    drop = list(per_row)
    if (
        FOLDER_COLUMN in df.columns
        and FOLDER_COLUMN not in drop
        and label != FOLDER_COLUMN
    ):
        drop.append(FOLDER_COLUMN)  # the folder input's file names: not values
    matrix = df.drop(columns=drop).set_index(label)
    bad = [
        c
        for c in matrix.columns
        if not pd.api.types.is_numeric_dtype(matrix[c])
        or pd.api.types.is_bool_dtype(matrix[c])
    ]
    if bad:
        hint = (
            f"; draw it as a bar with --row-annotation {bad[0]}"
            if not from_file
            else ""
        )
        sample = matrix[bad[0]].dropna().astype(str)
        example = sample.iloc[0] if len(sample) else ""
        fail(
            f"column(s) {fmt_list(bad)} of the input are not numeric (e.g. {example!r})"
            f"{hint}, or delete it from the file"
        )
    if matrix.shape[1] == 0:
        fail(
            "the input has no value columns besides the row labels and the annotations"
        )
    if args.col_annotation and args.col_annotation_file is None:
        fail(
            f"--col-annotation {args.col_annotation[0]}: a wide table has no per-column "
            "data; give --col-annotation-file PATH (a table whose first column holds the "
            "column labels), or use a long input (-x/-y/-v)"
        )
    if args.col_split is not None and args.col_annotation_file is None:
        fail(
            f"--col-split {args.col_split}: a wide table has no per-column data; give "
            "--col-annotation-file PATH with that column, or use a long input (-x/-y/-v)"
        )
    log(f"wide table: {matrix.shape[0]} rows x {matrix.shape[1]} columns")
    return matrix, per_row


def dots_layer(
    df: pd.DataFrame, args: argparse.Namespace, long_kw: dict[str, Any]
) -> Dots:
    """--dots: the dot sizes, the size column pivoted like -v."""
    import pandas as pd

    import clustergrid as cg

    col = args.dots
    check_column(df, col, "--dots")
    if col in (args.x_variable, args.y_variable, args.value):
        fail(
            f"--dots names {col!r}, which is already -x, -y or -v; name the column of dot sizes"
        )
    if not pd.api.types.is_numeric_dtype(df[col]) or pd.api.types.is_bool_dtype(
        df[col]
    ):
        fail(
            f"--dots: column {col!r} is not numeric; name a column of numbers (the dot sizes)"
        )
    sizes = cg.ClusterGrid.from_long(
        df[[args.y_variable, args.x_variable, col]],
        index=long_kw["index"],
        columns=long_kw["columns"],
        values=col,
        agg=long_kw["agg"],
    ).matrix
    with blame("--dots"):
        return cg.Dots(size=sizes, size_label=col)


def long_matrix_args(df: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    """Check a long table and return from_long's arguments."""
    import pandas as pd

    x, y, v = args.x_variable, args.y_variable, args.value
    names = {"-x": x, "-y": y, "-v": v}
    if len(set(names.values())) < 3:
        fail(
            f"-x, -y and -v must name three different columns, got {x!r}, {y!r}, {v!r}"
        )
    for option, col in names.items():
        check_column(df, col, option)
    for option, col in (("-x", x), ("-y", y)):
        if df[col].isna().any():
            line = int(np.flatnonzero(df[col].isna().to_numpy())[0]) + 2
            fail(
                f"{option}: column {col!r} is empty on line {line} of the table; every line "
                "needs a row and a column label"
            )
    if not pd.api.types.is_numeric_dtype(df[v]) or pd.api.types.is_bool_dtype(df[v]):
        sample = df[v].dropna().astype(str)
        example = next(
            (s for s in sample if not _is_number_text(s)),
            sample.iloc[0] if len(sample) else "",
        )
        fail(
            f"-v: column {v!r} is not numeric (it holds {example!r}); name the column "
            "of numbers"
        )
    dup = df.duplicated([y, x], keep=False)
    if dup.any() and args.operation is None:
        first = df.loc[dup, [y, x]].iloc[0]
        count = int(((df[y] == first[y]) & (df[x] == first[x])).sum())
        pairs = int(df.loc[dup, [y, x]].drop_duplicates().shape[0])
        fail(
            f"the long table has replicates: {pairs} ({y}, {x}) pair(s) appear on several "
            f"lines (e.g. ({first[y]!r}, {first[x]!r}) on {count}); choose how to combine "
            f"them with -p/--operation {'|'.join(OPERATIONS)}"
        )
    return dict(index=y, columns=x, values=v, agg=args.operation)


def _is_number_text(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def long_columns(
    df: pd.DataFrame, cols: list[tuple[str, str]], key: str, used: set[str]
) -> _Columns:
    out: _Columns = {}
    for col, option in cols:
        check_column(df, col, option)
        if col in used:
            fail(f"{option}: {col!r} is already used by -x/-y/-v; name another column")
        groups = df.groupby(key, sort=False)[col]
        n = groups.nunique(dropna=False)
        if (n > 1).any():
            label = n.index[n > 1][0]
            fail(
                f"{option}: column {col!r} holds several values for {key} {label!r} "
                f"({fmt_list(df.loc[df[key] == label, col].unique())}); it needs one value "
                f"per {key}"
            )
        s = groups.first()
        s.name = col
        out[col] = s
    return out


def file_columns(
    df: pd.DataFrame,
    path: str,
    cols: list[tuple[str, str]],
    file_option: str,
    labels: pd.Index,
    what: str,
) -> _Columns:
    if df.shape[1] < 2:
        fail(
            f"{file_option} {path!r} needs the {what} labels in its first column and at "
            "least one annotation column"
        )
    df = df.set_index(df.columns[0])
    if not df.index.is_unique:
        dups = df.index[df.index.duplicated()].unique()
        fail(
            f"{file_option} {path!r} lists {what} label(s) {fmt_list(dups)} more than once"
        )
    missing = [x for x in labels if x not in df.index]
    if missing:
        fail(
            f"{file_option} {path!r} has no line for {what}(s) {fmt_list(missing)}; it needs "
            f"one line per {what} of the heatmap"
        )
    out: _Columns = {}
    for col, option in cols:
        check_column(df, col, option, what=f"{file_option} {path!r}")
        out[col] = df[col].reindex(labels).rename(col)
    return out
