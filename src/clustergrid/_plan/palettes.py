"""Colours for categories: the palette of a categorical bar or label colouring,
the legend order of categories, and a text colour readable on a given fill."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.typing import ColorType

__all__ = [
    "PaletteBook",
    "allocate_palettes",
    "categorical_colors",
    "legend_categories",
    "contrast_text_color",
]

_DEFAULT_QUAL = ("tab10", "tab20")
# where the colours of a figure's further categorical colourings come from,
# in order, once tab10 is used up (each colour once)
_POOL = (
    "tab10",
    "tab20",
    "Dark2",
    "Set1",
    "Set2",
    "Set3",
    "Accent",
    "tab20b",
    "tab20c",
)
RGBA = tuple[float, float, float, float]


def _key(c: Any) -> tuple[float, ...]:
    return tuple(round(float(x), 3) for x in mcolors.to_rgba(c))


def _fresh(n: int, used: set[tuple[float, ...]]) -> list[RGBA]:
    """``n`` colours none of which is in ``used`` (qualitative palettes first,
    then hues spread around the colour wheel)."""
    out: list[RGBA] = []
    for name in _POOL:
        cm = mpl.colormaps[name]
        assert isinstance(cm, mcolors.ListedColormap)
        for c in np.atleast_2d(np.asarray(cm.colors, dtype=float)):
            rgba = mcolors.to_rgba(tuple(c))
            if _key(rgba) not in used and len(out) < n:
                used.add(_key(rgba))
                out.append(rgba)
    k = 0
    while len(out) < n:  # more categories than the palettes hold
        h = (k * 0.618033988749895) % 1.0
        sat, val = (0.65, 0.85) if (k // 7) % 2 == 0 else (0.45, 0.6)
        rgba = mcolors.to_rgba(tuple(mcolors.hsv_to_rgb((h, sat, val))))
        if _key(rgba) not in used:
            used.add(_key(rgba))
            out.append(rgba)
        k += 1
    return out


class PaletteBook:
    """The colours a figure has handed out so far: every grid of a
    concatenation allocates from the same book."""

    def __init__(self) -> None:
        self.used: set[tuple[float, ...]] = set()
        self.shared: dict[tuple[Hashable, ...], dict[Hashable, RGBA]] = {}


def allocate_palettes(
    requests: Sequence[tuple[Hashable, Sequence[Hashable]]],
    taken: Iterable[ColorType] = (),
    book: PaletteBook | None = None,
) -> dict[Hashable, dict[Hashable, RGBA]]:
    """Default colours for every categorical colouring of one figure, so that
    no colour stands for two unrelated categories.

    ``requests`` are ``(key, categories)`` in the figure's order, one per
    colouring without a palette of its own (an AnnotationBar, ``Labels(
    color_by=)``, a stacked BarTrack's parts, ``Blocks``); ``taken`` the
    colours already in the figure (a categorical matrix's, palettes the user
    gave).  The first colouring gets the single-bar default (tab10, tab20
    beyond 10 categories) when nothing is taken; every further one the next
    unused colours.  Colourings of the same categories in the same order (one
    Series shown as a bar and as label colours, a split and its Blocks)
    share their colours.  ``book`` carries what was handed out over several
    calls (the grids of one figure).
    """
    book = book if book is not None else PaletteBook()
    used, shared = book.used, book.shared
    used.update(_key(c) for c in taken)
    out: dict[Hashable, dict[Hashable, RGBA]] = {}
    for key, categories in requests:
        cats = list(categories)
        same = tuple(cats)
        if same in shared:
            out[key] = shared[same]
            continue
        if not used:
            colors = categorical_colors(cats, None)
            used.update(_key(c) for c in colors.values())
        else:
            colors = dict(zip(cats, _fresh(len(cats), used), strict=True))
        out[key] = shared[same] = colors
    return out


def legend_categories(s: pd.Series) -> list[Any]:
    """The categories of ``s`` in legend order: a Categorical's declared
    categories, else the distinct non-missing values sorted (in order of
    appearance when they cannot be compared)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return list(s.cat.categories)
    present = pd.unique(s.dropna())
    try:
        return sorted(present)
    except TypeError:
        return list(present)


def categorical_colors(
    categories: Iterable[Hashable],
    palette: Mapping[Hashable, ColorType]
    | Sequence[ColorType]
    | str
    | mcolors.Colormap
    | None,
) -> dict[Hashable, tuple[float, float, float, float]]:
    """Map each category to an RGBA colour.

    ``palette`` may be a dict (category -> colour; every category must be
    present), a list of colours (cycled only if long enough, else an error),
    a colormap or the name of one, or None for tab10/tab20.
    """
    cats = list(categories)
    if isinstance(palette, Mapping):
        missing = [c for c in cats if c not in palette]
        if missing:
            raise ValueError(
                f"the palette has no colour for categories {missing[:5]}; "
                "add them to the dict"
            )
        return {c: mcolors.to_rgba(palette[c]) for c in cats}
    if palette is None:
        palette = "tab10" if len(cats) <= 10 else "tab20"
        if len(cats) > 20:
            cm = mpl.colormaps["turbo"]
            return {
                c: mcolors.to_rgba(cm(i / max(len(cats) - 1, 1)))
                for i, c in enumerate(cats)
            }
    if isinstance(palette, (str, mcolors.Colormap)):
        if isinstance(palette, mcolors.Colormap):
            cm = palette
        elif palette in mpl.colormaps:
            cm = mpl.colormaps[palette]
        else:
            try:
                return {c: mcolors.to_rgba(palette) for c in cats}
            except ValueError:
                raise ValueError(
                    f"unknown palette {palette!r}: give a colormap name, a list of "
                    "colours or a dict"
                ) from None
        if isinstance(cm, mcolors.ListedColormap) and cm.N <= 32:
            if len(cats) > cm.N:
                raise ValueError(
                    f"palette {palette!r} has {cm.N} colours but there are "
                    f"{len(cats)} categories; use a larger palette or a dict"
                )
            return {c: mcolors.to_rgba(cm(i)) for i, c in enumerate(cats)}
        return {
            c: mcolors.to_rgba(cm(i / max(len(cats) - 1, 1)))
            for i, c in enumerate(cats)
        }
    colors = list(palette)
    if len(colors) < len(cats):
        raise ValueError(
            f"the palette lists {len(colors)} colours for {len(cats)} categories"
        )
    # a longer list is fine: the first len(cats) colours are used
    return {c: mcolors.to_rgba(col) for c, col in zip(cats, colors, strict=False)}


def contrast_text_color(rgba: np.ndarray) -> np.ndarray:
    """Black or white per colour, whichever contrasts more (WCAG luminance)."""
    rgb = np.asarray(rgba)[..., :3]
    lin = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lum = lin @ np.array([0.2126, 0.7152, 0.0722])
    return np.where(lum > 0.179, 0, 1)
