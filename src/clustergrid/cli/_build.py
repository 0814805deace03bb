"""From the parsed arguments to a :class:`~clustergrid.ClusterGrid`: the
input table becomes the matrix, the options become the library's options
and panels.  The library validates; errors are mapped to option names."""

from __future__ import annotations

import argparse
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from .._compat import seaborn_args as _seaborn
from .._compat.seaborn_text import parse_value
from ..panels.labels import Labels
from ._args import AXES, OPERATIONS, parse_pair, parse_subset, split_spec
from ._errors import UsageError, blame, blame_grid, fail
from ._read import FOLDER_COLUMN, parse_na_values, parse_sep, read_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .._body.dots import Dots
    from ..grid import ClusterGrid

    _Columns = dict[str, pd.Series]  # an annotation's name -> its values, by label

__all__ = ["Log", "build", "parse_kwargs", "KWARGS_EXAMPLE"]

KWARGS_EXAMPLE = "center:0;vmin:-2;cmap:RdBu_r"
# ClusterGrid options that have their own command-line option
_DEDICATED = {
    "figsize": "--figsize",
    "cell_size": "--cell-size",
    "dpi": "--dpi",
    "z_score": "--z-score",
    "standard_scale": "--standard-scale",
}


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


def _fmt_list(items: Iterable[object], limit: int = 12) -> str:
    texts = [str(x) for x in items]
    shown = ", ".join(texts[:limit])
    if len(texts) > limit:
        shown += f", ... ({len(texts)} in all)"
    return shown


def _check_column(
    df: pd.DataFrame, col: str, option: str, what: str = "the input"
) -> None:
    if col not in df.columns:
        _hint = _seaborn.nearest(col, [str(c) for c in df.columns])
        hint = f" (did you mean {_hint!r}?)" if _hint else ""
        fail(
            f"{option}: no column {col!r} in {what}{hint}; available columns: "
            f"{_fmt_list(df.columns)}"
        )


# -- --kwargs -------------------------------------------------------------------------


def parse_kwargs(spec: str) -> _seaborn.SeabornOptions:
    """``--kwargs "center:0;cmap:RdBu_r;cbar_kws:label:z"`` -> the mapped options.

    Each value is read by its key's kind only (see ``_compat/seaborn_text.py``):
    a string option such as ``fmt`` or ``cmap`` keeps its text."""
    values: dict[str, Any] = {}
    for key, text in split_spec(spec, "--kwargs", KWARGS_EXAMPLE):
        name = key.replace("-", "_")
        with blame("--kwargs"):
            _seaborn.kind_of(name)
        if name in values:
            fail(f"--kwargs: {key!r} is given twice")
        with blame("--kwargs"):
            values[name] = parse_value(name, text)
    with blame("--kwargs"):
        return _seaborn.map_seaborn(values)


# -- subset ---------------------------------------------------------------------------


def _apply_subset(df: pd.DataFrame, spec: str) -> pd.DataFrame:
    import pandas as pd

    keep = np.ones(len(df), dtype=bool)
    for col, values in parse_subset(spec):
        _check_column(df, col, "--subset")
        column = df[col]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(
            column
        ):
            try:
                wanted = [float(v) for v in values]
            except ValueError:
                fail(f"--subset: column {col!r} holds numbers, got {_fmt_list(values)}")
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
                f"--subset: column {col!r} has no value {_fmt_list(missing)}; its values "
                f"include {_fmt_list(choices)}"
            )
        keep &= present
    if not keep.any():
        fail(
            f"--subset {spec!r} keeps no lines of the input (each part must match on the "
            "same line)"
        )
    return df.loc[keep]


# -- wide and long tables -----------------------------------------------------------------


def _wide_matrix(
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
            f"row label(s) {_fmt_list(dups)} appear on several lines of the label column "
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
        _check_column(df, col, option)
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
            f"column(s) {_fmt_list(bad)} of the input are not numeric (e.g. {example!r})"
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


def _dots(df: pd.DataFrame, args: argparse.Namespace, long_kw: dict[str, Any]) -> Dots:
    """--dots: the dot sizes, the size column pivoted like -v."""
    import pandas as pd

    import clustergrid as cg

    col = args.dots
    _check_column(df, col, "--dots")
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


def _long_matrix_args(df: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    """Check a long table and return from_long's arguments."""
    import pandas as pd

    x, y, v = args.x_variable, args.y_variable, args.value
    names = {"-x": x, "-y": y, "-v": v}
    if len(set(names.values())) < 3:
        fail(
            f"-x, -y and -v must name three different columns, got {x!r}, {y!r}, {v!r}"
        )
    for option, col in names.items():
        _check_column(df, col, option)
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


def _long_columns(
    df: pd.DataFrame, cols: list[tuple[str, str]], key: str, used: set[str]
) -> _Columns:
    out: _Columns = {}
    for col, option in cols:
        _check_column(df, col, option)
        if col in used:
            fail(f"{option}: {col!r} is already used by -x/-y/-v; name another column")
        groups = df.groupby(key, sort=False)[col]
        n = groups.nunique(dropna=False)
        if (n > 1).any():
            label = n.index[n > 1][0]
            fail(
                f"{option}: column {col!r} holds several values for {key} {label!r} "
                f"({_fmt_list(df.loc[df[key] == label, col].unique())}); it needs one value "
                f"per {key}"
            )
        s = groups.first()
        s.name = col
        out[col] = s
    return out


def _file_columns(
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
            f"{file_option} {path!r} lists {what} label(s) {_fmt_list(dups)} more than once"
        )
    missing = [x for x in labels if x not in df.index]
    if missing:
        fail(
            f"{file_option} {path!r} has no line for {what}(s) {_fmt_list(missing)}; it needs "
            f"one line per {what} of the heatmap"
        )
    out: _Columns = {}
    for col, option in cols:
        _check_column(df, col, option, what=f"{file_option} {path!r}")
        out[col] = df[col].reindex(labels).rename(col)
    return out


# -- labels every k-th ----------------------------------------------------------------------


def _labels_panel(choice: bool | int | str) -> Labels | None:
    if choice is False:
        return None
    if choice is True or choice == "auto":
        return Labels()
    return Labels(step=int(choice))


# -- the grid ----------------------------------------------------------------------------


def _scale_label(args: argparse.Namespace) -> str | None:
    if args.z_score is not None:
        return "z-score"
    if args.standard_scale is not None:
        return "scaled (0 to 1)"
    if args.value is not None:
        return (
            args.value if args.operation is None else f"{args.operation} {args.value}"
        )
    return None


def _grid_options(
    args: argparse.Namespace,
) -> tuple[dict[str, Any], dict[str, str], _seaborn.SeabornOptions]:
    """The ClusterGrid keyword arguments, which option gave each, and the
    mapped --kwargs."""
    opts = (
        parse_kwargs(args.kwargs)
        if args.kwargs is not None
        else _seaborn.SeabornOptions()
    )
    grid_kw = dict(opts.grid)
    sources = {k: f"--kwargs {k}" for k in grid_kw}
    for key, option in _DEDICATED.items():
        if key in grid_kw and getattr(args, key, None) is not None:
            fail(f"{key} is given both in --kwargs and as {option}; give it once")
    if args.figsize is not None:
        grid_kw["figsize"] = parse_pair(args.figsize, "--figsize", single_ok=False)
        sources["figsize"] = "--figsize"
    if args.cell_size is not None:
        grid_kw["cell_size"] = parse_pair(args.cell_size, "--cell-size", single_ok=True)
        sources["cell_size"] = "--cell-size"
    if "figsize" in grid_kw and "cell_size" in grid_kw:
        fail("give the figure size (figsize) or the cell size (cell_size), not both")
    if args.z_score is not None:
        grid_kw["z_score"] = AXES[args.z_score]
        sources["z_score"] = "--z-score"
    if args.standard_scale is not None:
        grid_kw["standard_scale"] = AXES[args.standard_scale]
        sources["standard_scale"] = "--standard-scale"
    if args.dpi is not None:
        grid_kw["dpi"] = args.dpi
        sources["dpi"] = "--dpi"
    return grid_kw, sources, opts


def build(
    args: argparse.Namespace, input_path: str, log: Log
) -> tuple[ClusterGrid, Hashable]:
    """Read the input and return the ClusterGrid and the matrix's row-label name."""
    is_long = _check_combinations(args)
    grid_kw, sources, opts = _grid_options(args)
    read = _Reader(args, log)
    # label columns are read as text: the row labels (first column) of a wide table, -x/-y
    df = read(
        input_path,
        "INPUT",
        (args.x_variable, args.y_variable) if is_long else (0,),
        folder_ok=True,
    )
    log(f"read {df.shape[0]} lines x {df.shape[1]} columns from {input_path}")
    if args.subset is not None:
        df = _apply_subset(df, args.subset)
        log(f"--subset keeps {df.shape[0]} lines")

    row_cols = [(c, "--row-annotation") for c in args.row_annotation]
    col_cols = [(c, "--col-annotation") for c in args.col_annotation]
    if args.row_split is not None:
        row_cols.append((args.row_split, "--row-split"))
    if args.col_split is not None:
        col_cols.append((args.col_split, "--col-split"))
    try:
        if is_long:
            g, row_name, per_row, per_col = _long_grid(
                df, args, grid_kw, row_cols, col_cols, log
            )
        else:
            g, row_name, per_row, per_col = _wide_grid(df, args, grid_kw, log)
    except UsageError:
        raise
    except (ValueError, TypeError) as exc:
        blame_grid(exc, sources, grid_kw)

    g = _apply_filter(g, args, log)
    rows, cols = g.matrix.index, g.matrix.columns
    if args.row_annotation_file is not None:
        per_row = _annotation_file(args, read, "row", row_cols, rows)
    if args.col_annotation_file is not None:
        per_col = _annotation_file(args, read, "col", col_cols, cols)
    g, cluster_rows, cluster_cols = _apply_cluster(g, args, opts, log)
    g = _apply_split(g, args, per_row, per_col, rows, cols)
    g = _add_panels(
        g, args, opts, (per_row, per_col), (rows, cols), (cluster_rows, cluster_cols)
    )
    return g, row_name


def _check_combinations(args: argparse.Namespace) -> bool:
    """Refuse options that contradict each other; True for a long input."""
    long_opts = {"-x": args.x_variable, "-y": args.y_variable, "-v": args.value}
    given = [k for k, v in long_opts.items() if v is not None]
    if given and len(given) < 3:
        missing = [k for k in long_opts if k not in given]
        fail(
            f"a long input needs all of -x, -y and -v; {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing"
        )
    is_long = bool(given)
    if args.operation is not None and not is_long:
        fail(
            "-p/--operation combines replicates of a long input; give -x, -y and -v too "
            "(a wide table has one value per cell)"
        )
    if args.z_score is not None and args.standard_scale is not None:
        fail("give --z-score or --standard-scale, not both")
    if args.cluster == "none" and (args.method is not None or args.metric is not None):
        fail(
            "--method/--metric choose how to cluster, but --cluster is none; drop them or "
            "cluster rows, cols or both"
        )
    return is_long


class _Reader:
    """Reads a table with the command's --sep and --na-values."""

    def __init__(self, args: argparse.Namespace, log: Log) -> None:
        self.sep, self.na = parse_sep(args.sep), parse_na_values(args.na_values)
        self.log = log

    def __call__(
        self,
        source: str,
        what: str,
        text_cols: tuple[str | int, ...],
        folder_ok: bool = False,
    ) -> pd.DataFrame:
        return read_table(
            source,
            what,
            sep=self.sep,
            na=self.na,
            note=self.log.note,
            folder_ok=folder_ok,
            log=self.log,
            text_cols=text_cols,
        )


def _long_grid(
    df: pd.DataFrame,
    args: argparse.Namespace,
    grid_kw: dict[str, Any],
    row_cols: list[tuple[str, str]],
    col_cols: list[tuple[str, str]],
    log: Log,
) -> tuple[ClusterGrid, Hashable, _Columns, _Columns]:
    """A long table pivoted to the grid, and its per-row and per-column columns."""
    import clustergrid as cg

    long_kw = _long_matrix_args(df, args)
    used = {args.x_variable, args.y_variable, args.value}
    per_row: _Columns = {}
    per_col: _Columns = {}
    if args.row_annotation_file is None:
        per_row = _long_columns(df, row_cols, args.y_variable, used)
    if args.col_annotation_file is None:
        per_col = _long_columns(df, col_cols, args.x_variable, used)
    table = df[[args.y_variable, args.x_variable, args.value]]
    if args.dots is not None:
        grid_kw["cells"] = _dots(df, args, long_kw)
    if not args.legend:
        grid_kw["legends"] = False
    g = cg.ClusterGrid.from_long(table, **long_kw, **grid_kw)
    log(
        f"long table pivoted to {len(g.matrix.index)} rows ({args.y_variable}) x "
        f"{len(g.matrix.columns)} columns ({args.x_variable})"
        + (f", replicates combined by {args.operation}" if args.operation else "")
    )
    return g, args.y_variable, per_row, per_col


def _wide_grid(
    df: pd.DataFrame, args: argparse.Namespace, grid_kw: dict[str, Any], log: Log
) -> tuple[ClusterGrid, Hashable, _Columns, _Columns]:
    """A wide table's grid, and its per-row columns (a wide table has no
    per-column ones)."""
    import clustergrid as cg

    if args.dots is not None:
        fail(
            "--dots needs a long table: give -x, -y and -v, and --dots the column of "
            "dot sizes"
        )
    matrix, per_row = _wide_matrix(df, args, log)
    if not args.legend:
        grid_kw["legends"] = False
    return cg.ClusterGrid(matrix, **grid_kw), matrix.index.name, per_row, {}


def _apply_filter(g: ClusterGrid, args: argparse.Namespace, log: Log) -> ClusterGrid:
    """--filter, and a refusal when nothing is left to draw."""
    if args.filter is not None:
        with blame("--filter"):
            g = g.filter(args.filter)
        log(f"--filter keeps {g.matrix.shape[0]} rows x {g.matrix.shape[1]} columns")
    rows, cols = g.matrix.index, g.matrix.columns
    if len(rows) == 0 or len(cols) == 0:
        cause = f"--filter {args.filter!r}" if args.filter is not None else "the input"
        fail(f"{cause} leaves no {'rows' if len(rows) == 0 else 'columns'} to draw")
    return g


def _annotation_file(
    args: argparse.Namespace,
    read: _Reader,
    axis: str,
    cols: list[tuple[str, str]],
    labels: pd.Index,
) -> _Columns:
    """--row-annotation-file / --col-annotation-file: the named columns of
    that table, one line per row (column) of the heatmap."""
    what = "row" if axis == "row" else "column"
    path = getattr(args, f"{axis}_annotation_file")
    option = f"--{axis}-annotation-file"
    if (
        not getattr(args, f"{axis}_annotation")
        and getattr(args, f"{axis}_split") is None
    ):
        fail(
            f"{option} needs --{axis}-annotation COL (or --{axis}-split COL) to say "
            "which column to use"
        )
    return _file_columns(read(path, option, (0,)), path, cols, option, labels, what)


def _apply_cluster(
    g: ClusterGrid,
    args: argparse.Namespace,
    opts: _seaborn.SeabornOptions,
    log: Log,
) -> tuple[ClusterGrid, bool, bool]:
    """Cluster the axes asked for; an axis of one row or column is drawn as it is."""
    drawn = g.matrix
    rows, cols = drawn.index, drawn.columns
    cluster_rows = args.cluster in ("both", "rows") and opts.cluster.get("rows", True)
    cluster_cols = args.cluster in ("both", "cols") and opts.cluster.get("cols", True)
    for axis, n, what in (("rows", len(rows), "row"), ("cols", len(cols), "column")):
        if (cluster_rows if axis == "rows" else cluster_cols) and n < 2:
            log(f"only {n} {what}: the {what}s are not clustered")
    cluster_rows = cluster_rows and len(rows) >= 2
    cluster_cols = cluster_cols and len(cols) >= 2
    if not (cluster_rows or cluster_cols):
        return g, cluster_rows, cluster_cols
    if args.missing is None:  # --missing pairwise: the library clusters around them
        _check_complete(drawn)
    ckw = {
        k: getattr(args, k)
        for k in ("method", "metric", "missing", "progress")
        if getattr(args, k) is not None
    }
    with blame("--method/--metric/--missing" if ckw else "--cluster"):
        g = g.cluster(rows=cluster_rows, cols=cluster_cols, **ckw)
    axes = (
        "rows and columns"
        if cluster_rows and cluster_cols
        else "rows"
        if cluster_rows
        else "columns"
    )
    log(
        f"clustering {axes} "
        f"({args.method or 'average'} linkage, {args.metric or 'euclidean'} distance)"
    )
    return g, cluster_rows, cluster_cols


def _apply_split(
    g: ClusterGrid,
    args: argparse.Namespace,
    per_row: _Columns,
    per_col: _Columns,
    rows: pd.Index,
    cols: pd.Index,
) -> ClusterGrid:
    """--row-split/--col-split; a split column that is not also an
    annotation leaves ``per_row``/``per_col`` (it is drawn as slices only)."""
    if args.row_split is None and args.col_split is None:
        return g
    row_split = col_split = None
    if args.row_split is not None:
        row_split = (
            per_row.pop(args.row_split).reindex(rows)
            if args.row_split not in args.row_annotation
            else per_row[args.row_split].reindex(rows)
        )
    if args.col_split is not None:
        col_split = (
            per_col.pop(args.col_split).reindex(cols)
            if args.col_split not in args.col_annotation
            else per_col[args.col_split].reindex(cols)
        )
    with blame("--row-split/--col-split"):
        return g.split(rows=row_split, cols=col_split)


def _add_panels(
    g: ClusterGrid,
    args: argparse.Namespace,
    opts: _seaborn.SeabornOptions,
    per_axis: tuple[_Columns, _Columns],
    labels: tuple[pd.Index, pd.Index],
    clustered: tuple[bool, bool],
) -> ClusterGrid:
    """Left: row bars then the dendrogram; top: column bars, dendrogram,
    title; right: labels then the scale bar (or legends and scale); bottom:
    labels."""
    import clustergrid as cg

    (per_row, per_col), (rows, cols) = per_axis, labels
    cluster_rows, cluster_cols = clustered
    for name, values in per_row.items():
        with blame(f"--row-annotation {name}"):
            g = g.add(cg.AnnotationBar(values.reindex(rows), name=name), "left")
    if cluster_rows:
        g = g.add(cg.Dendrogram(), "left")
    for name, values in per_col.items():
        with blame(f"--col-annotation {name}"):
            g = g.add(cg.AnnotationBar(values.reindex(cols), name=name), "top")
    if cluster_cols:
        g = g.add(cg.Dendrogram(), "top")
    if args.title:
        with blame("-t/--title"):
            g = g.add(cg.Title(args.title), "top")
    if not args.no_labels:
        for choice, side in ((opts.row_labels, "right"), (opts.col_labels, "bottom")):
            panel = _labels_panel(choice)
            if panel is not None:
                g = g.add(panel, side)
    if not args.legend:
        return g  # no legends, no scale key
    return _add_keys(g, args, opts, bool(per_row or per_col))


def _add_keys(
    g: ClusterGrid,
    args: argparse.Namespace,
    opts: _seaborn.SeabornOptions,
    bars: bool,
) -> ClusterGrid:
    """The colour scale, and the bars' legends when there are bars."""
    import clustergrid as cg

    label = (
        opts.scale["label"] if opts.scale["label"] is not None else _scale_label(args)
    )
    plain_scale = opts.scale["side"] == "right" and opts.scale["length"] is None
    if bars:  # the bars need a key: their legends (then the colour scale)
        g = g.add(
            cg.Legends(scale=opts.cbar and plain_scale, scale_title=label), "right"
        )
    if opts.cbar and not (bars and plain_scale):
        with blame("--kwargs cbar_kws"):
            g = g.add(
                cg.ScaleBar(label=label, length=opts.scale["length"]),
                opts.scale["side"],
            )
    return g


def _check_complete(matrix: pd.DataFrame) -> None:
    """Clustering needs every value: name the gaps and the command's ways out."""
    missing = matrix.isna().to_numpy()
    if not missing.any():
        return
    i, j = (int(k[0]) for k in missing.nonzero())
    rows = matrix.index[np.flatnonzero(missing.any(axis=1))]
    cols = matrix.columns[np.flatnonzero(missing.any(axis=0))]
    fail(
        f"cannot cluster with missing values: {missing.sum()} cell(s) are empty (first at row "
        f"{matrix.index[i]!r}, column {matrix.columns[j]!r}; rows {_fmt_list(rows, 5)}; "
        f"columns {_fmt_list(cols, 5)}); pass --missing pairwise to cluster over the values "
        f"each pair has, fill them in the input, leave those rows or columns out "
        f"(--subset/--filter), or draw unclustered with --cluster none"
    )
