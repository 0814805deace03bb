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

__all__ = ["categorical_colors", "legend_categories", "contrast_text_color"]

_DEFAULT_QUAL = ("tab10", "tab20")


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
