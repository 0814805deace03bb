"""The command's arguments: the parser and the small text parsers of option
values (``NAME:VALUE`` specs, lengths, pairs)."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import NoReturn

from .._output.formats import FORMATS, one_of
from ._errors import fail

__all__ = [
    "PROG",
    "OPERATIONS",
    "AXES",
    "FORMATS",
    "build_parser",
    "split_spec",
    "parse_pair",
    "parse_subset",
]

PROG = "clustergrid"
OPERATIONS = ("mean", "median", "max", "min")
AXES = {"rows": 0, "cols": 1}
# FORMATS (the --format choices) is the library's table of output formats
DEFAULT_FORMAT = "pdf"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (no usage block) and is raised
    so that ``main`` decides the exit status."""

    def error(self, message: str) -> NoReturn:  # argparse's hook
        fail(f"{message} (see {PROG} --help)")


def build_parser() -> argparse.ArgumentParser:
    """The ``clustergrid`` argument parser (AMiGA's heatmap options)."""
    p = _Parser(
        prog=PROG,
        description="Draw a clustered heatmap from a table (CSV, TSV or AMiGA's tab-separated "
        ".txt summaries; a file, a folder of them, or - for standard input).",
        epilog=(
            "Input: a wide table (first column = row labels, one column per heatmap column) or, "
            "with -x/-y/-v, a long table with one value per line.  The separator is read from "
            "the content (--sep overrides); R's write.table layout (no header name for the row "
            "names) is understood.  Examples:  "
            f"{PROG} --demo -o demo.png  |  "
            f"{PROG} -i summary/ -x Substrate -y Isolate -v auc_lin -p mean -o heat  |  "
            f"{PROG} expr.csv -o expr.pdf --z-score rows -f 'row any >= 1.2'  |  "
            f"{PROG} tidy.tsv -x gene -y cell_type -v expression -p mean "
            "--kwargs 'cmap:RdBu_r;center:0;cbar_kws:label:mean' -o dotmap.svg"
        ),
    )
    io = p.add_argument_group("input and output")
    io.add_argument(
        "input",
        nargs="?",
        metavar="INPUT",
        help="a table file (.csv, .tsv, .txt, ..., optionally .gz), a folder of "
        "them, or - for standard input; or give it with -i",
    )
    io.add_argument(
        "-i",
        "--input",
        dest="input_option",
        metavar="INPUT",
        help="the same as the positional INPUT (AMiGA's spelling); give one of them",
    )
    io.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help=f"figure to write: a name (NAME.{DEFAULT_FORMAT} is written, or "
        "NAME.<--format>) or a file ending in "
        f"{one_of('.' + f for f in FORMATS)} (the interactive page); "
        "default: a time-stamped name in the current folder",
    )
    io.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=f"figure format when OUTPUT has no extension (default {DEFAULT_FORMAT})",
    )
    io.add_argument(
        "--dpi",
        type=_positive_float("--dpi"),
        default=None,
        help="resolution of PNG output (default 100, as the library)",
    )
    io.add_argument(
        "--sep",
        metavar="SEP",
        help="field separator of the input files: ',', tab (or \\t), ';', '|' or "
        "any one character (default: read from the content)",
    )
    io.add_argument(
        "--na-values",
        metavar="LIST",
        help="comma-separated texts read as missing values (default: pandas' "
        "list, e.g. NA, NaN, None, null, n/a; an empty field is always "
        "missing); --na-values '' reads only empty fields as missing",
    )
    io.add_argument(
        "--demo",
        action="store_true",
        help="draw the bundled wine data set (z-scored columns, clustered, "
        "cultivar bar) instead of reading INPUT",
    )
    io.add_argument(
        "--save-matrix",
        metavar="PATH",
        help="also write the matrix as drawn (drawn order, after filters and "
        "scaling) as CSV (.tsv or .txt for tabs, .gz to compress)",
    )
    io.add_argument(
        "--verbose",
        action="store_true",
        help="report progress, and show the traceback of any error",
    )

    lg = p.add_argument_group("long input (all of -x, -y and -v)")
    lg.add_argument(
        "-x",
        "--x-variable",
        metavar="COL",
        help="column whose values become the heatmap's columns",
    )
    lg.add_argument(
        "-y",
        "--y-variable",
        metavar="COL",
        help="column whose values become the heatmap's rows",
    )
    lg.add_argument("-v", "--value", metavar="COL", help="column holding the values")
    lg.add_argument(
        "-p",
        "--operation",
        choices=OPERATIONS,
        help="how to combine replicates (several lines for one row/column pair)",
    )

    sel = p.add_argument_group("selecting data")
    sel.add_argument(
        "-s",
        "--subset",
        metavar="SPEC",
        help="lines of the input table to keep, e.g. 'cell_type:B,NK;phase:G1' "
        "(a line is kept when every named column holds one of its values; "
        "a folder input has a 'file' column)",
    )
    sel.add_argument(
        "-f",
        "--filter",
        metavar="EXPR",
        help="keep rows/columns of the matrix, e.g. 'row any >= 1.2 OR col all < 0.5'",
    )

    look = p.add_argument_group("appearance")
    look.add_argument("-t", "--title", help="title above the heatmap")
    look.add_argument(
        "--kwargs",
        metavar="SPEC",
        help="seaborn.heatmap's arguments, e.g. 'center:0;vmin:-2;cmap:RdBu_r;"
        "robust:true;cbar_kws:label:z,orientation:horizontal,shrink:0.5;"
        "xticklabels:2;annot:true;fmt:.1f;linewidths:0.5;linecolor:white'",
    )
    look.add_argument(
        "--cluster",
        choices=("both", "rows", "cols", "none"),
        default="both",
        help="which axes to cluster (default both; an axis of one row or column "
        "is never clustered)",
    )
    look.add_argument(
        "--method",
        default=None,
        help="linkage method: single, complete, average (default), weighted, "
        "centroid, median, ward",
    )
    look.add_argument(
        "--metric",
        default=None,
        help="distance metric (any scipy pdist name; default euclidean)",
    )
    look.add_argument(
        "--z-score",
        choices=tuple(AXES),
        help="z-score each row or each column before drawing",
    )
    look.add_argument(
        "--standard-scale",
        choices=tuple(AXES),
        help="scale each row or each column to 0..1 before drawing",
    )
    look.add_argument(
        "--row-annotation",
        action="append",
        default=[],
        metavar="COL",
        help="categorical bar beside the rows from column COL of the input (or "
        "of --row-annotation-file); repeat for several bars",
    )
    look.add_argument(
        "--col-annotation",
        action="append",
        default=[],
        metavar="COL",
        help="categorical bar above the columns from column COL of a long input "
        "(or of --col-annotation-file); repeat for several bars",
    )
    look.add_argument(
        "--row-annotation-file",
        metavar="PATH",
        help="table whose first column holds the heatmap's row labels",
    )
    look.add_argument(
        "--col-annotation-file",
        metavar="PATH",
        help="table whose first column holds the heatmap's column labels",
    )
    look.add_argument(
        "--row-split",
        metavar="COL",
        help="cut the rows into slices drawn apart, one per value of COL (a column "
        "of the input, as --row-annotation takes)",
    )
    look.add_argument(
        "--col-split",
        metavar="COL",
        help="cut the columns into slices, one per value of COL (a column of a "
        "long input or of --col-annotation-file)",
    )
    look.add_argument(
        "--legend",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="draw the annotation bars' legends and the colour scale beside the "
        "heatmap (default); --no-legend draws neither legends nor scale key",
    )
    look.add_argument(
        "--missing",
        choices=("pairwise",),
        default=None,
        help="cluster rows/columns with missing values: each distance over the "
        "coordinates both have, as R's dist() (default: an error)",
    )
    look.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr while clustering (default: only when "
        "stderr is a terminal)",
    )
    look.add_argument(
        "--dots",
        metavar="SIZE_COLUMN",
        help="a dot plot (long input): each cell a dot coloured by -v and sized by "
        "this column, combined like -v (-p)",
    )
    size = look.add_mutually_exclusive_group()
    size.add_argument(
        "--figsize",
        metavar="W,H",
        help="figure size in inches (or with units: 180mm,120mm)",
    )
    size.add_argument(
        "--cell-size",
        metavar="S|W,H",
        help="size of one cell in inches (or with units: 4mm); the figure grows to fit",
    )
    look.add_argument(
        "--no-labels", action="store_true", help="draw no row or column labels"
    )
    return p


def _positive_float(option: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{option} needs a number, got {text!r}"
            ) from None
        if not (value > 0 and value < math.inf):
            raise argparse.ArgumentTypeError(
                f"{option} must be a positive number, got {text!r}"
            )
        if value < 1:
            raise argparse.ArgumentTypeError(
                f"{option} must be at least 1 (dots per inch; less "
                f"draws no pixels), got {text!r}"
            )
        return value

    return parse


def split_spec(spec: str, option: str, example: str) -> list[tuple[str, str]]:
    """``"a:1;b:2"`` -> ``[("a", "1"), ("b", "2")]``, with errors that show
    the malformed part.  Only the first ``:`` of a part separates."""
    pairs = []
    for part in spec.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            fail(
                f"{option}: cannot read {part.strip()!r}; write NAME:VALUE, with parts "
                f"separated by ';' (e.g. {example!r})"
            )
        if not value:
            fail(f"{option}: {key!r} has no value; write NAME:VALUE (e.g. {example!r})")
        pairs.append((key, value))
    if not pairs:
        fail(
            f"{option} is empty; write NAME:VALUE parts separated by ';' (e.g. {example!r})"
        )
    return pairs


def parse_pair(
    text: str, option: str, *, single_ok: bool
) -> float | str | tuple[float | str, ...]:
    parts = [t.strip() for t in text.split(",")]
    if len(parts) == 1 and single_ok:
        return _length(parts[0], option)
    if len(parts) != 2:
        fail(
            f"{option} needs W,H (two lengths separated by a comma, e.g. 6,4 or 180mm,120mm), "
            f"got {text!r}"
        )
    return tuple(_length(t, option) for t in parts)


def _length(text: str, option: str) -> float | str:
    from ..sizes import to_inches

    try:
        value: float | str = float(text)
    except ValueError:
        value = text
    try:  # the library checks lengths; the message names the option as typed
        inches = to_inches(value if isinstance(value, str) else text, option)
    except (TypeError, ValueError) as exc:
        fail(str(exc))
    if inches <= 0:
        fail(f"{option}: lengths must be positive, got {text!r}")
    return value


def parse_subset(spec: str) -> list[tuple[str, list[str]]]:
    example = "cell_type:B,NK;phase:G1"
    return [
        (col, [v.strip() for v in values.split(",")])
        for col, values in split_spec(spec, "--subset", example)
    ]
