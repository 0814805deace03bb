"""Atomic, deterministic saving."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from .._support.buffers import in_small_pages
from .._support.checks import check_canvas, check_real
from .formats import IMAGE_FORMATS, one_of
from .write import atomic_write

__all__ = ["save_figure", "atomic_write"]

HASH_SALT = "clustergrid"
_RC: dict[str, Any] = {
    "svg.hashsalt": HASH_SALT,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "none",
}
_NO_DATES = {
    "png": {},
    "pdf": {"CreationDate": None, "ModDate": None},
    "svg": {"Date": None},
}


def _format(path: Any, fmt: str | None) -> str:
    if fmt is None:
        if isinstance(path, (str, os.PathLike)):
            fmt = Path(path).suffix.lstrip(".").lower()
            if not fmt:
                raise ValueError(
                    f"cannot tell the format of {str(path)!r}: give it an extension "
                    f"({', '.join(IMAGE_FORMATS)}) or pass format="
                )
        else:
            raise ValueError(
                "saving to a file object needs format= "
                f"({one_of(repr(f) for f in IMAGE_FORMATS)})"
            )
    if not isinstance(fmt, str):
        raise TypeError(
            f"format must be a string ({', '.join(IMAGE_FORMATS)}), got {fmt!r}"
        )
    fmt = fmt.lower()
    if fmt not in IMAGE_FORMATS:
        raise ValueError(
            f"unsupported format {fmt!r}; clustergrid saves {', '.join(IMAGE_FORMATS)}"
        )
    return fmt


@in_small_pages
def save_figure(fig: Figure, path: Any, **kwargs: Any) -> None:
    """Save ``fig`` atomically and reproducibly.

    A path is written through a temporary file in the same folder that is
    renamed over the target only after savefig succeeded; on any error the
    temporary file is removed and an existing target is left as it was.
    Metadata carries no dates and SVG ids use a fixed salt, so reruns give
    identical bytes.  ``dpi``, ``bbox_inches`` and ``pad_inches`` (and
    their ``savefig.*`` rc values) mean what they mean to matplotlib; the
    canvas limit counts the image they make.
    """
    fmt = _format(path, kwargs.pop("format", None))
    meta = dict(_NO_DATES[fmt])
    meta.update(_check_metadata(kwargs.pop("metadata", None), fmt))
    if "dpi" in kwargs and kwargs["dpi"] not in (None, "figure"):
        kwargs["dpi"] = check_real(
            kwargs["dpi"], "dpi", low=0, low_open=True, fix="e.g. 300 for print"
        )
    if fmt == "png" or _rasterizes(fig):  # vector formats embed images at their own
        # resolution, but draw rasterized artists on a whole-figure canvas at dpi
        w, h, dpi = output_geometry(fig, kwargs)
        check_canvas(w, h, dpi, f"saving a {w:.4g} x {h:.4g} in figure")
    with mpl.rc_context(_RC):  # type: ignore[arg-type]  # rc keys are Literal-typed
        if not isinstance(path, (str, os.PathLike)):
            fig.savefig(path, format=fmt, metadata=meta, **kwargs)
            return
        atomic_write(
            Path(path), lambda fh: fig.savefig(fh, format=fmt, metadata=meta, **kwargs)
        )


def output_geometry(fig: Figure, kwargs: dict[str, Any]) -> tuple[float, float, float]:
    """The (width, height) in inches and the dpi of the image ``savefig``
    writes with ``kwargs``, as matplotlib reads them: ``dpi`` else
    ``savefig.dpi`` ("figure": the figure's), ``bbox_inches`` else
    ``savefig.bbox`` ("tight": the drawn content plus ``pad_inches``, else
    ``savefig.pad_inches``)."""
    dpi = _effective_dpi(fig, kwargs.get("dpi"))
    bbox = kwargs.get("bbox_inches", mpl.rcParams["savefig.bbox"])
    w, h = (float(v) for v in fig.get_size_inches())
    if bbox == "tight":
        from .._render.target import get_renderer

        pad = kwargs.get("pad_inches")
        if pad is None or pad == "layout":
            pad = mpl.rcParams["savefig.pad_inches"]
        tb = fig.get_tightbbox(get_renderer(fig))
        w, h = tb.width + 2 * float(pad), tb.height + 2 * float(pad)
    elif bbox is not None and bbox != "standard":
        w, h = float(bbox.width), float(bbox.height)
    return w, h, float(dpi)


def _rasterizes(fig: Figure) -> bool:
    return any(
        a.get_rasterized()
        or getattr(a, "get_rasterization_zorder", lambda: None)() is not None
        for a in fig.findobj()
    )


def _effective_dpi(fig: Figure, dpi: Any) -> float:
    """The resolution savefig will draw at: ``dpi=``, else rc savefig.dpi,
    else the figure's (``"figure"``)."""
    if dpi is None:
        dpi = mpl.rcParams["savefig.dpi"]
    if dpi == "figure":
        return float(fig.dpi)
    return float(
        check_real(dpi, "rcParams['savefig.dpi']", low=0, low_open=True, fix="e.g. 300")
    )


def _check_metadata(metadata: Any, fmt: str) -> dict:
    """``metadata`` as a dict of text entries, checked before anything is written."""
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        raise TypeError(
            f"metadata must be a dict of text entries, e.g. {{'Title': 'Figure 1'}}, "
            f"got {type(metadata).__name__}"
        )
    for key, value in metadata.items():
        if not isinstance(key, str):
            raise TypeError(
                f"metadata keys must be strings, got {key!r} ({type(key).__name__})"
            )
        if value is None:
            continue
        if (
            fmt == "pdf"
            and key in ("CreationDate", "ModDate")
            and isinstance(value, datetime)
        ):
            continue
        if (
            fmt == "svg"
            and key
            in (
                "Creator",
                "Contributor",
                "Keywords",
                "Publisher",
                "Rights",
                "Language",
                "Relation",
                "Source",
            )
            and isinstance(value, (list, tuple))
            and all(isinstance(v, str) for v in value)
        ):
            continue
        if not isinstance(value, str):
            raise TypeError(
                f"metadata[{key!r}] must be a string (or None to leave it out), got "
                f"{value!r} ({type(value).__name__}); convert it with str()"
            )
    return dict(metadata)
