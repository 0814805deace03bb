"""From the parsed arguments to a :class:`~clustergrid.ClusterGrid`: the
input table becomes the matrix, the options become the library's options
and panels.  The library validates; errors are mapped to option names."""

from __future__ import annotations

import argparse
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import numpy as np

from .._compat import seaborn_args as _seaborn
from .._compat.seaborn_text import parse_value
from ..panels.labels import Labels
from ._args import AXES, parse_pair, split_spec
from ._errors import UsageError, blame, blame_grid, fail
from ._read import parse_na_values, parse_sep, read_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..grid import ClusterGrid

    _Columns = dict[str, pd.Series]  # an annotation's name -> its values, by label

from ._tables import (
    Log,
    apply_subset,
    dots_layer,
    file_columns,
    fmt_list,
    long_columns,
    long_matrix_args,
    wide_matrix,
)

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
        df = apply_subset(df, args.subset)
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

    long_kw = long_matrix_args(df, args)
    used = {args.x_variable, args.y_variable, args.value}
    per_row: _Columns = {}
    per_col: _Columns = {}
    if args.row_annotation_file is None:
        per_row = long_columns(df, row_cols, args.y_variable, used)
    if args.col_annotation_file is None:
        per_col = long_columns(df, col_cols, args.x_variable, used)
    table = df[[args.y_variable, args.x_variable, args.value]]
    if args.dots is not None:
        grid_kw["cells"] = dots_layer(df, args, long_kw)
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
    matrix, per_row = wide_matrix(df, args, log)
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
    return file_columns(read(path, option, (0,)), path, cols, option, labels, what)


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
    # a label made from a column name is data: a ScaleBar label is mathtext-parsed
    # (the user's own text), so its dollar signs are escaped to draw as written
    bar_label = (
        label.replace("$", r"\$")
        if label is not None and opts.scale["label"] is None
        else label
    )
    plain_scale = opts.scale["side"] == "right" and opts.scale["length"] is None
    if bars:  # the bars need a key: their legends (then the colour scale)
        g = g.add(
            cg.Legends(scale=opts.cbar and plain_scale, scale_title=label), "right"
        )
    if opts.cbar and not (bars and plain_scale):
        with blame("--kwargs cbar_kws"):
            g = g.add(
                cg.ScaleBar(label=bar_label, length=opts.scale["length"]),
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
        f"{matrix.index[i]!r}, column {matrix.columns[j]!r}; rows {fmt_list(rows, 5)}; "
        f"columns {fmt_list(cols, 5)}); pass --missing pairwise to cluster over the values "
        f"each pair has, fill them in the input, leave those rows or columns out "
        f"(--subset/--filter), or draw unclustered with --cluster none"
    )
