"""The output formats: one table read by ``save()``, the HTML dispatch and
the command line (its ``--format`` choices and its messages).

A new image format is one more name in :data:`IMAGE_FORMATS` (and its
date-free metadata in ``save.py``); everything that lists the formats reads
them from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

__all__ = [
    "IMAGE_FORMATS",
    "PAGE_FORMATS",
    "FORMATS",
    "is_page",
    "one_of",
]

IMAGE_FORMATS = ("png", "pdf", "svg")
"""What ``save_figure`` writes: matplotlib's savefig, made deterministic."""

PAGE_FORMATS = ("html", "htm")
"""The interactive page's names (``format=`` or the extension); the first is
the one offered by name (``--format html``)."""

FORMATS = IMAGE_FORMATS + PAGE_FORMATS[:1]
"""Every format written, by its main name: png, pdf, svg, html."""


def is_page(path: object, options: Mapping[str, object]) -> bool:
    """Whether a save to ``path`` with ``options`` writes the interactive page
    (``format=`` decides; else the path's extension)."""
    fmt = options.get("format")
    if fmt is not None:
        return str(fmt).lower() in PAGE_FORMATS
    return isinstance(path, (str, os.PathLike)) and str(path).lower().endswith(
        tuple("." + f for f in PAGE_FORMATS)
    )


def one_of(names: Iterable[str]) -> str:
    """``"a, b or c"``: names as a sentence lists alternatives."""
    items = list(names)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
