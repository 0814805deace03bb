"""The ``clustergrid`` command line: a clustered heatmap from a CSV or TSV
file, for people who never write Python.

Run ``clustergrid --help`` for the options, or ``clustergrid --demo -o
demo.png`` for a figure of the bundled wine data set.  The same command runs
as ``python -m clustergrid``.

Every usage problem (a bad path, an unknown column, a malformed filter, an
unknown option value, ...) ends with exit status 2 and one line on stderr
that names it; ``--verbose`` adds progress messages and tracebacks.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import traceback
import warnings
from contextlib import ExitStack
from pathlib import Path
from typing import Any, NoReturn, Sequence

import matplotlib as mpl
from matplotlib.transforms import blended_transform_factory

from ._sizes import Auto
from .panels.base import Context, Extent, Panel

__all__ = ["main"]

PROG = "clustergrid"
EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2

_OPERATIONS = ("mean", "median", "max", "min")
_AXES = {"rows": 0, "cols": 1}
_SEPARATORS = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
_COMPRESSIONS = (".gz",)
# ClusterGrid options --kwargs may not set: the data, or objects a string cannot express
_KWARGS_EXCLUDED = ("data", "norm")
# ClusterGrid options whose values stay strings even when they look like numbers
_KWARGS_STRINGS = ("cmap", "nan_color")
# ClusterGrid options that have their own command-line option
_KWARGS_DEDICATED = {"figsize": "--figsize", "cell_size": "--cell-size", "dpi": "--dpi",
                     "z_score": "--z-score", "standard_scale": "--standard-scale"}

_DEFAULT_DPI = 150.0
_DEMO_FILE = "wine.csv"
_DEMO_TITLE = "Wine: 13 chemical measurements of 178 wines (z-scored)"


class _UsageError(Exception):
    """A problem with how the command was called or with its input files.

    Reported as one line on stderr with exit status 2."""


def _fail(message: str) -> NoReturn:
    raise _UsageError(message)


def _one_line(message: Any) -> str:
    return " ".join(str(message).split())


# -- argument parsing -------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (no usage block) and is raised
    so that :func:`main` decides the exit status."""

    def error(self, message: str) -> NoReturn:  # noqa: D102 - argparse hook
        _fail(f"{message} (see {PROG} --help)")


def _build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Draw a clustered heatmap from a CSV or TSV table.",
        epilog=(
            "Input: a wide table (first column = row labels, one column per heatmap column) or, "
            "with -x/-y/-v, a long table with one value per line. Files ending in .csv or .tsv "
            "(optionally .gz) are read as comma- or tab-separated.  Examples:  "
            f"{PROG} --demo -o demo.png  |  "
            f"{PROG} expr.csv -o expr.pdf --z-score rows -f 'row any >= 1.2'  |  "
            f"{PROG} tidy.tsv -x gene -y cell_type -v expression -p mean -o dotmap.svg"),
    )
    io = p.add_argument_group("input and output")
    io.add_argument("input", nargs="?", metavar="INPUT",
                    help="CSV or TSV file (.csv, .tsv, .tab, optionally .gz)")
    io.add_argument("-o", "--output", metavar="OUTPUT",
                    help="figure to write; the format comes from the extension (png, pdf, svg)")
    io.add_argument("--dpi", type=_positive_float("--dpi"), default=None,
                    help=f"resolution of PNG output (default {_DEFAULT_DPI:g})")
    io.add_argument("--demo", action="store_true",
                    help="draw the bundled wine data set (z-scored columns, clustered, "
                         "cultivar bar) instead of reading INPUT")
    io.add_argument("--save-matrix", metavar="PATH",
                    help="also write the matrix as drawn (drawn order, after filters and "
                         "scaling) as CSV (.tsv for tabs, .gz to compress)")
    io.add_argument("--verbose", action="store_true",
                    help="report progress, and show the traceback of any error")

    lg = p.add_argument_group("long input (all of -x, -y and -v)")
    lg.add_argument("-x", "--x-variable", metavar="COL",
                    help="column whose values become the heatmap's columns")
    lg.add_argument("-y", "--y-variable", metavar="COL",
                    help="column whose values become the heatmap's rows")
    lg.add_argument("-v", "--value", metavar="COL", help="column holding the values")
    lg.add_argument("-p", "--operation", choices=_OPERATIONS,
                    help="how to combine replicates (several lines for one row/column pair)")

    sel = p.add_argument_group("selecting data")
    sel.add_argument("-s", "--subset", metavar="SPEC",
                     help="lines of the input table to keep, e.g. 'cell_type:B,NK;phase:G1' "
                          "(a line is kept when every named column holds one of its values)")
    sel.add_argument("-f", "--filter", metavar="EXPR",
                     help="keep rows/columns of the matrix, e.g. 'row any >= 1.2 OR col all < 0.5'")

    look = p.add_argument_group("appearance")
    look.add_argument("-t", "--title", help="title above the heatmap")
    look.add_argument("--kwargs", metavar="SPEC",
                      help="ClusterGrid options, e.g. 'center:0;vmin:-2;cmap:RdBu_r;robust:true'")
    look.add_argument("--cluster", choices=("both", "rows", "cols", "none"), default="both",
                      help="which axes to cluster (default both)")
    look.add_argument("--method", default=None,
                      help="linkage method: single, complete, average (default), weighted, "
                           "centroid, median, ward")
    look.add_argument("--metric", default=None,
                      help="distance metric (any scipy pdist name; default euclidean)")
    look.add_argument("--z-score", choices=tuple(_AXES),
                      help="z-score each row or each column before drawing")
    look.add_argument("--standard-scale", choices=tuple(_AXES),
                      help="scale each row or each column to 0..1 before drawing")
    look.add_argument("--row-annotation", action="append", default=[], metavar="COL",
                      help="categorical bar beside the rows from column COL of the input (or "
                           "of --row-annotation-file); repeat for several bars")
    look.add_argument("--col-annotation", action="append", default=[], metavar="COL",
                      help="categorical bar above the columns from column COL of a long input "
                           "(or of --col-annotation-file); repeat for several bars")
    look.add_argument("--row-annotation-file", metavar="PATH",
                      help="CSV/TSV table whose first column holds the heatmap's row labels")
    look.add_argument("--col-annotation-file", metavar="PATH",
                      help="CSV/TSV table whose first column holds the heatmap's column labels")
    size = look.add_mutually_exclusive_group()
    size.add_argument("--figsize", metavar="W,H",
                      help="figure size in inches (or with units: 180mm,120mm)")
    size.add_argument("--cell-size", metavar="S|W,H",
                      help="size of one cell in inches (or with units: 4mm); the figure grows to fit")
    look.add_argument("--no-labels", action="store_true", help="draw no row or column labels")
    return p


def _positive_float(option: str):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} needs a number, got {text!r}") from None
        if not (value > 0 and value < float("inf")):
            raise argparse.ArgumentTypeError(f"{option} must be a positive number, got {text!r}")
        return value
    return parse


# -- small parsers ----------------------------------------------------------------

def _parse_scalar(text: str) -> Any:
    """``true``/``false``/``none`` and numbers become Python values; the rest
    stays a string."""
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("none", "null"):
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _split_spec(spec: str, option: str, example: str) -> list[tuple[str, str]]:
    """``"a:1;b:2"`` -> ``[("a", "1"), ("b", "2")]``, with errors that show
    the malformed part."""
    pairs = []
    for part in spec.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            _fail(f"{option}: cannot read {part.strip()!r}; write NAME:VALUE, with parts "
                  f"separated by ';' (e.g. {example!r})")
        if not value:
            _fail(f"{option}: {key!r} has no value; write NAME:VALUE (e.g. {example!r})")
        pairs.append((key, value))
    if not pairs:
        _fail(f"{option} is empty; write NAME:VALUE parts separated by ';' (e.g. {example!r})")
    return pairs


def _grid_options() -> dict[str, inspect.Parameter]:
    from .grid import ClusterGrid

    params = inspect.signature(ClusterGrid.__init__).parameters
    return {k: v for k, v in params.items()
            if k not in ("self",) + _KWARGS_EXCLUDED and v.kind is inspect.Parameter.KEYWORD_ONLY}


def _parse_kwargs(spec: str) -> dict[str, Any]:
    """Parse ``--kwargs "center:1;vmin:0;cmap:viridis"`` into ClusterGrid options.

    Parameters
    ----------
    spec : str
        ``NAME:VALUE`` parts separated by ``;``.  Values ``true``/``false``
        become booleans, ``none`` None, numbers numbers, and ``a,b`` a pair.

    Returns
    -------
    dict
        Keyword arguments for :class:`~clustergrid.ClusterGrid`.

    Raises
    ------
    _UsageError
        For a malformed part, an unknown option (the known ones are listed),
        an option given twice, or a value of the wrong kind.
    """
    example = "center:0;vmin:-2;cmap:RdBu_r"
    known = _grid_options()
    out: dict[str, Any] = {}
    for key, text in _split_spec(spec, "--kwargs", example):
        name = key.replace("-", "_")
        if name not in known:
            _fail(f"--kwargs: unknown option {key!r}; the options are {', '.join(sorted(known))}")
        if name in out:
            _fail(f"--kwargs: {key!r} is given twice")
        if name in _KWARGS_STRINGS:
            value: Any = text
        elif "," in text:
            value = tuple(_parse_scalar(t.strip()) for t in text.split(","))
        else:
            value = _parse_scalar(text)
        _check_kind(name, value, str(known[name].annotation))
        out[name] = value
    return out


def _check_kind(name: str, value: Any, annotation: str) -> None:
    """Reject a value whose kind the option's annotation rules out, so the
    user sees the option's name rather than a deep error."""
    kinds = {t.strip() for t in annotation.replace("'", "").replace('"', "").split("|")}
    if "Any" in kinds or not kinds:
        return
    if value is None:
        if "None" not in kinds:
            _fail(f"--kwargs: {name} cannot be none")
        return
    if kinds <= {"bool", "None"}:
        if not isinstance(value, bool):
            _fail(f"--kwargs: {name} must be true or false, got {value!r}")
        return
    if kinds & {"float", "int"} and not kinds & {"str"}:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            _fail(f"--kwargs: {name} must be a number, got {value!r}")


def _parse_pair(text: str, option: str, *, single_ok: bool) -> Any:
    parts = [t.strip() for t in text.split(",")]
    if len(parts) == 1 and single_ok:
        return _length(parts[0], option)
    if len(parts) != 2:
        _fail(f"{option} needs W,H (two lengths separated by a comma, e.g. 6,4 or 180mm,120mm), "
              f"got {text!r}")
    return tuple(_length(t, option) for t in parts)


def _length(text: str, option: str) -> Any:
    from ._sizes import to_inches

    value = _parse_scalar(text)
    try:
        inches = to_inches(value)
    except (TypeError, ValueError):
        _fail(f"{option}: cannot read the length {text!r}; use inches (e.g. 0.25) or a unit "
              "(e.g. 4mm, 1cm, 10pt)")
    if inches <= 0:
        _fail(f"{option}: lengths must be positive, got {text!r}")
    return value


def _parse_subset(spec: str) -> list[tuple[str, list[str]]]:
    example = "cell_type:B,NK;phase:G1"
    return [(col, [v.strip() for v in values.split(",")])
            for col, values in _split_spec(spec, "--subset", example)]


# -- files ------------------------------------------------------------------------

def _fmt_list(items: Sequence[Any], limit: int = 12) -> str:
    items = [str(x) for x in items]
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += f", ... ({len(items)} in all)"
    return shown


def _separator(path: Path, what: str) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in _COMPRESSIONS:
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    if ext not in _SEPARATORS:
        _fail(f"{what} {str(path)!r}: cannot tell CSV from TSV by its extension "
              f"{ext or '(none)'!r}; name it .csv or .tsv (optionally with .gz)")
    return _SEPARATORS[ext]


def _read_table(path_text: str, what: str) -> "Any":
    import pandas as pd

    path = Path(path_text)
    sep = _separator(path, what)
    if not path.exists():
        _fail(f"{what} {path_text!r} does not exist")
    if path.is_dir():
        _fail(f"{what} {path_text!r} is a folder, not a file")
    try:
        df = pd.read_csv(path, sep=sep, compression="infer")
    except pd.errors.EmptyDataError:
        _fail(f"{what} {path_text!r} is empty")
    except UnicodeDecodeError:
        _fail(f"{what} {path_text!r} is not UTF-8 text; save it as UTF-8 CSV or TSV")
    except (pd.errors.ParserError, OSError, EOFError, ValueError) as exc:
        _fail(f"cannot read {what} {path_text!r}: {_one_line(exc)}")
    if df.shape[0] == 0:
        _fail(f"{what} {path_text!r} has a header but no data lines")
    return df


def _check_column(df: Any, col: str, option: str, what: str = "the input") -> None:
    if col not in df.columns:
        _fail(f"{option}: no column {col!r} in {what}; available columns: {_fmt_list(df.columns)}")


def _apply_subset(df: Any, spec: str) -> Any:
    import numpy as np
    import pandas as pd

    keep = np.ones(len(df), dtype=bool)
    for col, values in _parse_subset(spec):
        _check_column(df, col, "--subset")
        column = df[col]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            try:
                wanted = [float(v) for v in values]
            except ValueError:
                _fail(f"--subset: column {col!r} holds numbers, got {_fmt_list(values)}")
            present = column.isin(wanted).to_numpy()
            found = set(column[present].astype(float))
            missing = [v for v, w in zip(values, wanted) if w not in found]
        else:
            text = column.astype(str).where(column.notna(), None)
            present = text.isin(values).to_numpy()
            found = set(text[present])
            missing = [v for v in values if v not in found]
        if missing:
            choices = pd.unique(column.dropna())
            _fail(f"--subset: column {col!r} has no value {_fmt_list(missing)}; its values "
                  f"include {_fmt_list(choices)}")
        keep &= present
    if not keep.any():
        _fail(f"--subset {spec!r} keeps no lines of the input (each part must match on the "
              "same line)")
    return df.loc[keep]


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:  # pragma: no cover
        pass
    return a.resolve() == b.resolve()


def _check_outputs(args: argparse.Namespace, inputs: list[tuple[str, Path]]) -> None:
    """The outputs must be writable new places that are none of the inputs."""
    from ._save import FORMATS

    out = Path(args.output)
    fmt = out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        _fail(f"cannot tell the figure format of {args.output!r} from its extension; end it "
              f"with {', '.join('.' + f for f in FORMATS)}")
    targets = [("-o", out)]
    if args.save_matrix is not None:
        sm = Path(args.save_matrix)
        _separator(sm, "--save-matrix")
        targets.append(("--save-matrix", sm))
        if _same_file(out, sm):
            _fail("-o and --save-matrix name the same file; give them different names")
    for option, target in targets:
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            _fail(f"{option}: the folder {str(folder)!r} does not exist; create it first")
        if target.is_dir():
            _fail(f"{option}: {str(target)!r} is a folder; give a file name")
        for what, src in inputs:
            if _same_file(target, src):
                _fail(f"{option} {str(target)!r} is the {what}; refusing to overwrite it, "
                      "choose another name")


def _write_table_atomic(df: Any, path: Path) -> None:
    """Write ``df`` to ``path`` via a temporary file renamed over it."""
    sep = _SEPARATORS[[s.lower() for s in path.suffixes if s.lower() not in _COMPRESSIONS][-1]]
    compression = "gzip" if path.suffix.lower() == ".gz" else None
    from ._save import atomic_write

    atomic_write(path, lambda fh: df.to_csv(fh, sep=sep, compression=compression))


# -- the title panel --------------------------------------------------------------

class _Title(Panel):
    """The command's title: on the top side, centred over the heatmap, and
    allowed to reach past the heatmap's ends (the layout keeps that room
    inside the figure) when it is the wider of the two."""

    default_size = Auto
    default_pad = 6.0 / 72

    def __init__(self, text: str) -> None:
        self.text = text
        self.fontsize = mpl.rcParams["axes.titlesize"]
        self.artist = None

    def validate(self, ctx: Context) -> None:
        if ctx.side != "top":  # pragma: no cover - the command only puts it on top
            raise ValueError("the command's title goes on the top side")

    def measure(self, ctx: Context) -> Extent:
        w, h = ctx.text_extent(self.text, fontsize=self.fontsize)
        over = max(0.0, (w - ctx.length) / 2)
        return Extent(thickness=h, before=over, after=over)

    def draw(self, ax: Any, ctx: Context) -> None:
        ax.set_axis_off()
        tr = blended_transform_factory(ax.transData, ax.transAxes)
        self.artist = ax.text(ctx.n / 2, 0, self.text, transform=tr, ha="center",
                              va="bottom", fontsize=self.fontsize)


# -- building the grid --------------------------------------------------------------

class _Log:
    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose

    def __call__(self, message: str) -> None:
        if self.verbose:
            print(f"{PROG}: {message}", file=sys.stderr)


def _wide_matrix(df: Any, args: argparse.Namespace, log: _Log) -> tuple[Any, dict[str, Any]]:
    """The matrix of a wide table, and the row annotations taken from it."""
    import pandas as pd

    if df.shape[1] < 2:
        _fail(f"the input has {df.shape[1]} column; a wide table needs the row labels in the "
              "first column and at least one value column (is it tab-separated? then name it .tsv)")
    label = df.columns[0]
    if df[label].isna().any():
        line = int(df.index[df[label].isna()][0]) + 2
        _fail(f"the row label column {label!r} is empty on line {line}; every row needs a label")
    dups = df[label][df[label].duplicated()].unique()
    if len(dups):
        _fail(f"row label(s) {_fmt_list(dups)} appear on several lines of the label column "
              f"{label!r}; make the labels unique, or read the table as long (-x/-y/-v) and "
              "combine replicates with -p")
    annotations: dict[str, Any] = {}
    from_file = args.row_annotation_file is not None
    if not from_file:
        for col in args.row_annotation:
            _check_column(df, col, "--row-annotation")
            if col == label:
                _fail(f"--row-annotation: {col!r} holds the row labels; name another column")
    for col in args.row_annotation:
        if col in df.columns and col != label and not from_file:
            annotations[col] = pd.Series(df[col].to_numpy(), index=df[label].to_numpy(), name=col)
    matrix = df.drop(columns=list(annotations)).set_index(label)
    bad = [c for c in matrix.columns
           if not pd.api.types.is_numeric_dtype(matrix[c]) or pd.api.types.is_bool_dtype(matrix[c])]
    if bad:
        hint = (f"; draw it as a bar with --row-annotation {bad[0]}"
                if not from_file else "")
        _fail(f"column(s) {_fmt_list(bad)} of the input are not numeric (e.g. "
              f"{matrix[bad[0]].dropna().astype(str).iloc[0]!r}){hint}, or delete it from "
              "the file")
    if args.col_annotation and args.col_annotation_file is None:
        _fail(f"--col-annotation {args.col_annotation[0]}: a wide table has no per-column "
              "data; give --col-annotation-file PATH (a table whose first column holds the "
              "column labels), or use a long input (-x/-y/-v)")
    log(f"wide table: {matrix.shape[0]} rows x {matrix.shape[1]} columns")
    return matrix, annotations


def _long_matrix_args(df: Any, args: argparse.Namespace) -> dict[str, Any]:
    """Check a long table and return from_long's arguments."""
    import pandas as pd

    x, y, v = args.x_variable, args.y_variable, args.value
    names = {"-x": x, "-y": y, "-v": v}
    if len(set(names.values())) < 3:
        _fail(f"-x, -y and -v must name three different columns, got {x!r}, {y!r}, {v!r}")
    for option, col in names.items():
        _check_column(df, col, option)
    for option, col in (("-x", x), ("-y", y)):
        if df[col].isna().any():
            line = int(df.index[df[col].isna()][0]) + 2
            _fail(f"{option}: column {col!r} is empty on line {line}; every line needs a "
                  "row and a column label")
    if not pd.api.types.is_numeric_dtype(df[v]) or pd.api.types.is_bool_dtype(df[v]):
        sample = df[v].dropna().astype(str)
        example = next((s for s in sample if _parse_scalar(s).__class__ is str), sample.iloc[0])
        _fail(f"-v: column {v!r} is not numeric (it holds {example!r}); name the column "
              "of numbers")
    dup = df.duplicated([y, x], keep=False)
    if dup.any() and args.operation is None:
        first = df.loc[dup, [y, x]].iloc[0]
        count = int(((df[y] == first[y]) & (df[x] == first[x])).sum())
        pairs = int(df.loc[dup, [y, x]].drop_duplicates().shape[0])
        _fail(f"the long table has replicates: {pairs} ({y}, {x}) pair(s) appear on several "
              f"lines (e.g. ({first[y]!r}, {first[x]!r}) on {count}); choose how to combine "
              f"them with -p/--operation {'|'.join(_OPERATIONS)}")
    return dict(index=y, columns=x, values=v, agg=args.operation)


def _long_annotations(df: Any, cols: list[str], key: str, option: str, used: set) -> dict[str, Any]:
    out = {}
    for col in cols:
        _check_column(df, col, option)
        if col in used:
            _fail(f"{option}: {col!r} is already used by -x/-y/-v; name another column")
        groups = df.groupby(key, sort=False)[col]
        n = groups.nunique(dropna=False)
        if (n > 1).any():
            label = n.index[n > 1][0]
            _fail(f"{option}: column {col!r} holds several values for {key} {label!r} "
                  f"({_fmt_list(df.loc[df[key] == label, col].unique())}); an annotation "
                  f"needs one value per {key}")
        s = groups.first()
        s.name = col
        out[col] = s
    return out


def _file_annotations(path: str, cols: list[str], option: str, file_option: str,
                      labels: Any, what: str) -> dict[str, Any]:
    df = _read_table(path, file_option)
    if df.shape[1] < 2:
        _fail(f"{file_option} {path!r} needs the {what} labels in its first column and at "
              "least one annotation column")
    df = df.set_index(df.columns[0])
    if not df.index.is_unique:
        dups = df.index[df.index.duplicated()].unique()
        _fail(f"{file_option} {path!r} lists {what} label(s) {_fmt_list(dups)} more than once")
    missing = [x for x in labels if x not in df.index]
    if missing:
        _fail(f"{file_option} {path!r} has no line for {what}(s) {_fmt_list(missing)}; it needs "
              f"one line per {what} of the heatmap")
    out = {}
    for col in cols:
        _check_column(df, col, option, what=f"{file_option} {path!r}")
        out[col] = df[col].reindex(labels).rename(col)
    return out


def _build(args: argparse.Namespace, input_path: str, log: _Log) -> tuple[Any, Any]:
    """Read the input and return the ClusterGrid and the matrix's row-label name."""
    import clustergrid as cg

    long_opts = {"-x": args.x_variable, "-y": args.y_variable, "-v": args.value}
    given = [k for k, v in long_opts.items() if v is not None]
    if given and len(given) < 3:
        missing = [k for k in long_opts if k not in given]
        _fail(f"a long input needs all of -x, -y and -v; {' and '.join(missing)} "
              f"{'is' if len(missing) == 1 else 'are'} missing")
    is_long = bool(given)
    if args.operation is not None and not is_long:
        _fail("-p/--operation combines replicates of a long input; give -x, -y and -v too "
              "(a wide table has one value per cell)")
    if args.z_score is not None and args.standard_scale is not None:
        _fail("give --z-score or --standard-scale, not both")
    if args.cluster == "none" and (args.method is not None or args.metric is not None):
        _fail("--method/--metric choose how to cluster, but --cluster is none; drop them or "
              "cluster rows, cols or both")

    grid_kw = _parse_kwargs(args.kwargs) if args.kwargs is not None else {}
    for key, option in _KWARGS_DEDICATED.items():
        if key in grid_kw and getattr(args, key, None) is not None:
            _fail(f"{key} is given both in --kwargs and as {option}; give it once")
    if args.figsize is not None:
        grid_kw["figsize"] = _parse_pair(args.figsize, "--figsize", single_ok=False)
    if args.cell_size is not None:
        grid_kw["cell_size"] = _parse_pair(args.cell_size, "--cell-size", single_ok=True)
    if "figsize" in grid_kw and "cell_size" in grid_kw:
        _fail("give the figure size (figsize) or the cell size (cell_size), not both")
    if args.z_score is not None:
        grid_kw["z_score"] = _AXES[args.z_score]
    if args.standard_scale is not None:
        grid_kw["standard_scale"] = _AXES[args.standard_scale]
    if args.dpi is not None:
        grid_kw["dpi"] = args.dpi
    grid_kw.setdefault("dpi", _DEFAULT_DPI)
    args.resolved_dpi = grid_kw["dpi"]

    df = _read_table(input_path, "INPUT")
    log(f"read {df.shape[0]} lines x {df.shape[1]} columns from {input_path}")
    if args.subset is not None:
        df = _apply_subset(df, args.subset)
        log(f"--subset keeps {df.shape[0]} lines")

    row_ann: dict[str, Any] = {}
    col_ann: dict[str, Any] = {}
    if is_long:
        long_kw = _long_matrix_args(df, args)
        used = {args.x_variable, args.y_variable, args.value}
        if args.row_annotation_file is None:
            row_ann = _long_annotations(df, args.row_annotation, args.y_variable,
                                        "--row-annotation", used)
        if args.col_annotation_file is None:
            col_ann = _long_annotations(df, args.col_annotation, args.x_variable,
                                        "--col-annotation", used)
        table = df[[args.y_variable, args.x_variable, args.value]]
        g = cg.ClusterGrid.from_long(table, **long_kw, **grid_kw)
        row_name = args.y_variable
        log(f"long table pivoted to {len(g.matrix.index)} rows ({args.y_variable}) x "
            f"{len(g.matrix.columns)} columns ({args.x_variable})"
            + (f", replicates combined by {args.operation}" if args.operation else ""))
    else:
        matrix, row_ann = _wide_matrix(df, args, log)
        row_name = matrix.index.name
        g = cg.ClusterGrid(matrix, **grid_kw)

    if args.filter is not None:
        g = g.filter(args.filter)
        kept = g.matrix
        log(f"--filter keeps {kept.shape[0]} rows x {kept.shape[1]} columns")
    drawn = g.matrix
    rows, cols = drawn.index, drawn.columns

    if args.row_annotation_file is not None:
        if not args.row_annotation:
            _fail("--row-annotation-file needs --row-annotation COL to say which column to draw")
        row_ann = _file_annotations(args.row_annotation_file, args.row_annotation,
                                    "--row-annotation", "--row-annotation-file", rows, "row")
    if args.col_annotation_file is not None:
        if not args.col_annotation:
            _fail("--col-annotation-file needs --col-annotation COL to say which column to draw")
        col_ann = _file_annotations(args.col_annotation_file, args.col_annotation,
                                    "--col-annotation", "--col-annotation-file", cols, "column")

    # clustering
    for axis, n, what in (("rows", len(rows), "row"), ("cols", len(cols), "column")):
        if args.cluster in ("both", axis) and n < 2:
            cause = f"--filter {args.filter!r} leaves" if args.filter is not None else "the matrix has"
            other = {"both": f"--cluster {'cols' if axis == 'rows' else 'rows'}",
                     axis: "--cluster none"}[args.cluster]
            _fail(f"{cause} only {n} {what}, too few to cluster the {what}s; add {other}"
                  + (" or loosen the filter" if args.filter is not None else ""))
    if args.cluster != "none":
        _check_complete(drawn, args.cluster)
        ckw = {}
        if args.method is not None:
            ckw["method"] = args.method
        if args.metric is not None:
            ckw["metric"] = args.metric
        g = g.cluster(rows=args.cluster in ("both", "rows"), cols=args.cluster in ("both", "cols"),
                      **ckw)
        log(f"clustering {args.cluster} ({args.method or 'average'} linkage, "
            f"{args.metric or 'euclidean'} distance)")

    # panels: left = row bars then dendrogram; top = column bars, dendrogram, title;
    # right = labels then the scale bar (or legends and scale); bottom = labels
    for name, values in row_ann.items():
        g = g.add(cg.AnnotationBar(values.reindex(rows), name=name), "left")
    if args.cluster in ("both", "rows"):
        g = g.add(cg.Dendrogram(), "left")
    for name, values in col_ann.items():
        g = g.add(cg.AnnotationBar(values.reindex(cols), name=name), "top")
    if args.cluster in ("both", "cols"):
        g = g.add(cg.Dendrogram(), "top")
    if args.title:
        g = g.add(_Title(args.title), "top")
    if not args.no_labels:
        g = g.add(cg.Labels(), "right").add(cg.Labels(), "bottom")
    if row_ann or col_ann:  # the bars need a key: their legends, then the colour scale
        g = g.add(cg.Legends(scale_title=_scale_label(args)), "right")
    else:
        g = g.add(cg.ScaleBar(label=_scale_label(args)), "right")
    return g, row_name


def _check_complete(matrix: Any, cluster: str) -> None:
    """Clustering needs every value: name the gaps and the command's ways out."""
    missing = matrix.isna().to_numpy()
    if not missing.any():
        return
    i, j = (int(k[0]) for k in missing.nonzero())
    rows = matrix.index[missing.any(axis=1)]
    cols = matrix.columns[missing.any(axis=0)]
    _fail(f"cannot cluster with missing values: {missing.sum()} cell(s) are empty (first at row "
          f"{matrix.index[i]!r}, column {matrix.columns[j]!r}; rows {_fmt_list(rows, 5)}; "
          f"columns {_fmt_list(cols, 5)}); fill them in the input, leave those rows or columns "
          f"out (--subset/--filter), or draw unclustered with --cluster none")


def _scale_label(args: argparse.Namespace) -> str | None:
    if args.z_score is not None:
        return "z-score"
    if args.standard_scale is not None:
        return "scaled (0 to 1)"
    if args.value is not None:
        return args.value if args.operation is None else f"{args.operation} {args.value}"
    return None


# -- the command --------------------------------------------------------------------

def _demo_defaults(args: argparse.Namespace) -> None:
    """--demo: the wine table, z-scored per column on a diverging scale, with
    the cultivar as a row bar; options the user gave are kept."""
    if not args.row_annotation and args.row_annotation_file is None:
        args.row_annotation = ["cultivar"]
    if args.z_score is None and args.standard_scale is None:
        args.z_score = "cols"
    if args.title is None:
        args.title = _DEMO_TITLE
    if args.kwargs is None:
        args.kwargs = "center:0"


def _run(args: argparse.Namespace, log: _Log) -> None:
    with ExitStack() as stack:
        if args.demo:
            if args.input is not None:
                _fail("give INPUT or --demo, not both (--demo draws the bundled wine data)")
            from importlib import resources

            ref = resources.files("clustergrid.datasets") / _DEMO_FILE
            input_path = str(stack.enter_context(resources.as_file(ref)))
            _demo_defaults(args)
        else:
            if args.input is None:
                _fail("no INPUT file given; run `clustergrid INPUT -o OUTPUT`, or "
                      "`clustergrid --demo -o demo.png` for an example")
            input_path = args.input
        if args.output is None:
            _fail("no output given; add -o OUTPUT (a .png, .pdf or .svg file)")
        inputs = [("INPUT", Path(input_path))]
        for what in ("row_annotation_file", "col_annotation_file"):
            if getattr(args, what) is not None:
                inputs.append(("--" + what.replace("_", "-"), Path(getattr(args, what))))
        _check_outputs(args, inputs)

        g, row_name = _build(args, input_path, log)
        try:
            g.save(args.output, dpi=args.resolved_dpi)
        except OSError as exc:
            _fail(f"cannot write {args.output!r}: {exc.strerror or _one_line(exc)}")
        w, h = g.figure.get_size_inches()
        log(f"wrote {args.output} ({w:.2f} x {h:.2f} in; {len(g.row_order)} rows x "
            f"{len(g.col_order)} columns)")
        if args.save_matrix is not None:
            m = g.matrix
            if m.index.name is None:
                m.index.name = row_name
            _write_table_atomic(m, Path(args.save_matrix))
            log(f"wrote the drawn matrix to {args.save_matrix}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``clustergrid`` command.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 for a usage error (bad option, path, column,
        filter, ...), 1 for an unexpected internal error.  Errors are one
        line on stderr; ``--verbose`` adds the traceback.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in argv
    log = _Log(verbose)
    try:
        parser = _build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help / --version
            return int(exc.code or 0)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                _run(args, log)
            except BaseException:
                # on an error only its one line is shown (warnings too with --verbose)
                if verbose:
                    for w in caught:
                        print(f"{PROG}: warning: {_one_line(w.message)}", file=sys.stderr)
                raise
        for w in caught:
            print(f"{PROG}: warning: {_one_line(w.message)}", file=sys.stderr)
        return EXIT_OK
    except _UsageError as exc:
        if verbose:
            traceback.print_exc()
        print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, TypeError) as exc:
        # the library's own errors about the data or the options name the problem and the fix
        if verbose:
            traceback.print_exc()
        print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an unexpected failure: still no traceback unless asked
        if verbose:
            traceback.print_exc()
        print(f"{PROG}: internal error: {type(exc).__name__}: {_one_line(exc)} (rerun with "
              "--verbose for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL
