"""The command's outputs: the figure's name and format (AMiGA's ``-o NAME``
without an extension, or a time-stamped name), the checks made before
anything is written, the canvas size guard and the matrix table."""

from __future__ import annotations

import argparse
import copy
import math
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .._output.formats import FORMATS, PAGE_FORMATS, one_of
from .._support.checks import MAX_PIXELS
from ._args import DEFAULT_FORMAT
from ._errors import fail
from ._read import output_separator

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..grid import ClusterGrid
    from ._tables import Log

__all__ = ["Outputs", "resolve_outputs", "check_canvas", "write_matrix", "MAX_PIXELS"]

# formats people try that clustergrid does not write: refused, not taken as part of a name
_OTHER_FORMATS = (
    "jpg",
    "jpeg",
    "tif",
    "tiff",
    "eps",
    "ps",
    "gif",
    "bmp",
    "webp",
    "pgf",
    "raw",
    "rgba",
    "emf",
    "wmf",
    *PAGE_FORMATS[1:],  # the page's other spelling: the command writes .html only
)
# the largest canvas drawn is the library's (MAX_PIXELS), and matplotlib's Agg limit per side
_MAX_SIDE = 2**16 - 1
_PROBE_DPI = 72.0
_PANEL_ROOM = 10.0  # inches panels may add to the heatmap, for the quick estimate


@dataclass(frozen=True)
class Outputs:
    figure: Path
    format: str
    matrix: Path | None


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:  # pragma: no cover
        pass
    return a.resolve() == b.resolve()


def _figure_path(
    args: argparse.Namespace, note: Callable[[str], None]
) -> tuple[Path, str]:
    if args.output is None:
        fmt = args.format or DEFAULT_FORMAT
        stamp = time.strftime("%Y-%m-%d_%H-%M-%S")
        out = Path(f"{stamp}.{fmt}")
        k = 1
        while out.exists():
            out = Path(f"{stamp}-{k}.{fmt}")
            k += 1
        note(f"no -o given: writing {out} in the current folder")
        return out, fmt
    if not args.output.strip():
        fail(
            f"-o is empty; give a name (NAME.{DEFAULT_FORMAT} is written) or a "
            f"{one_of('.' + f for f in FORMATS)} file"
        )
    out = Path(args.output)
    ext = out.suffix.lstrip(".").lower()
    if ext in FORMATS:
        if args.format is not None and args.format != ext:
            fail(
                f"-o {args.output!r} ends in .{ext} but --format is {args.format}; give one "
                "of them, or make them agree"
            )
        return out, ext
    if ext in _OTHER_FORMATS:
        fail(
            f"cannot write the figure format of {args.output!r}; end it with "
            f"{', '.join('.' + f for f in FORMATS)} (or give a name without extension)"
        )
    if args.output.endswith(("/", os.sep)) or out.is_dir():
        fail(
            f"-o {args.output!r} is a folder; give a file name (e.g. {args.output.rstrip('/')}"
            "/heatmap)"
        )
    fmt = args.format or DEFAULT_FORMAT
    out = out.with_name(f"{out.name}.{fmt}")
    note(f"-o {args.output} has no extension: writing {out}")
    return out, fmt


def _check_writable(option: str, target: Path, inputs: list[tuple[str, str]]) -> None:
    """The writer's own check (a folder, a read-only file, an input or a file
    in an input folder are refused), then a probe of the folder: the saves
    write a temporary file there and rename it."""
    from .._output.write import check_target

    try:
        real = check_target(target, inputs, option)
    except (OSError, ValueError) as exc:
        fail(str(exc))
    try:
        fd, probe = tempfile.mkstemp(
            dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"
        )
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        fail(
            f"{option}: cannot write into the folder {str(real.parent)!r} "
            f"({exc.strerror or exc}); choose another place"
        )


def resolve_outputs(
    args: argparse.Namespace, inputs: list[tuple[str, str]], log: Log
) -> Outputs:
    """Name the outputs and check every one of them before anything is
    written: a writable place, none of the inputs nor a file in an input
    folder, not each other."""
    figure, fmt = _figure_path(args, log.note)
    targets = [("-o", figure)]
    matrix = None
    if args.save_matrix is not None:
        matrix = Path(args.save_matrix)
        output_separator(matrix, "--save-matrix")
        targets.append(("--save-matrix", matrix))
        if _same_file(figure, matrix):
            fail("-o and --save-matrix name the same file; give them different names")
    for option, target in targets:
        _check_writable(option, target, inputs)
    return Outputs(figure=figure, format=fmt, matrix=matrix)


def _inches(x: float) -> str:
    return f"{x:.3g}" if x < 1000 or x >= 1e12 else f"{x:,.0f}"


def _count(x: float) -> str:
    return f"{x:,.0f}" if x < 1e12 else f"{x:.2e}"


def _too_big(w: float, h: float, dpi: float) -> bool:
    pw, ph = w * dpi, h * dpi
    return not (pw * ph <= MAX_PIXELS and max(pw, ph) <= _MAX_SIDE)


def _refuse(
    w: float, h: float, dpi: float, source: str, at_least: bool = False
) -> None:
    if not _too_big(w, h, dpi):
        return
    pw, ph = w * dpi, h * dpi
    gib = pw * ph * 4 / 2**30
    least = "at least " if at_least else ""
    fail(
        f"the figure would be {least}{_inches(w)} x {_inches(h)} in at {dpi:g} dpi ({source}): "
        f"{_count(pw)} x {_count(ph)} pixels, {_count(gib)} GiB to draw, more than the "
        f"{MAX_PIXELS:,} pixels (and {_MAX_SIDE + 1:,} per side) clustergrid allocates; "
        "lower --dpi, or give a smaller --figsize/--cell-size"
    )


def check_canvas(g: ClusterGrid, outputs: Outputs, args: argparse.Namespace) -> None:
    """Refuse, before anything is allocated, a canvas too large to draw.

    The figure is drawn (and, for PNG, saved) at the grid's dpi.  The
    heatmap alone gives a lower bound on the size, refused at once when it
    is too large; a quick upper estimate passes almost everything else;
    in between, the exact size is found by laying the grid out at a
    resolution low enough to be cheap (sizes in inches do not depend on the
    dpi)."""
    dpi = float(getattr(g, "_dpi", 100.0))
    fig_size: tuple[float, float] | None = getattr(g, "_figsize", None)
    if fig_size is not None:
        _refuse(fig_size[0], fig_size[1], dpi, "--figsize")
        return
    n, m = g.matrix.shape
    cell: tuple[float, float] | None = getattr(g, "_cell", None)
    if cell is not None:
        lo = (m * cell[0], n * cell[1])
        _refuse(*lo, dpi, "the cells alone, --cell-size", at_least=True)
        w, h = lo[0] + _PANEL_ROOM, lo[1] + _PANEL_ROOM
    else:
        w = h = 7.0 + _PANEL_ROOM
    if not _too_big(w, h, dpi):
        return
    probe = copy.copy(g)
    if not hasattr(probe, "_dpi"):  # pragma: no cover - an engine without the attribute
        return
    probe._dpi = min(
        _PROBE_DPI, 0.5 * math.sqrt(MAX_PIXELS / (w * h)), 0.5 * _MAX_SIDE / max(w, h)
    )
    fig = probe.draw()
    w, h = fig.get_size_inches()
    _refuse(w, h, dpi, "as laid out")


def write_matrix(
    df: pd.DataFrame, path: Path, inputs: Sequence[tuple[str, str]] = ()
) -> None:
    """Write ``df`` to ``path`` through the one writer (atomic; never over
    one of ``inputs`` nor a file in an input folder)."""
    from .._output.write import atomic_write

    sep = output_separator(path, "--save-matrix")
    compression: Literal["gzip"] | None = (
        "gzip" if path.suffix.lower() == ".gz" else None
    )
    atomic_write(
        path,
        lambda fh: df.to_csv(fh, sep=sep, compression=compression),
        inputs,
        "--save-matrix",
    )
