"""Checks of seaborn-style arguments: the type and range checks only the mapping
knows (the rest is the library's own, which names the option itself)."""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from typing import TypeGuard

__all__ = ["nearest"]

# tree_kws (seaborn passes them to a LineCollection) -> Dendrogram options
_TREE_KWS = {
    "color": "color",
    "colors": "color",
    "linewidth": "linewidth",
    "linewidths": "linewidth",
    "lw": "linewidth",
}

_CBAR_KWS = {"label": "str", "orientation": "str", "shrink": "number"}
_MAX_POINTS = 1000.0  # the largest font size annot_kws may ask for


def nearest(key: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``key`` (difflib), or None when none is close."""
    matches = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _pair(value: object) -> tuple[float, float]:
    """A number or a checked pair (see ``_check_ratio``) as a pair of floats."""
    if _is_number(value):
        return float(value), float(value)
    assert isinstance(value, (tuple, list))
    a, b = value
    return float(a), float(b)


def _is_number(value: object) -> TypeGuard[numbers.Real]:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _check_value(key: str, kind: str, value: object) -> None:
    """Type and range checks that only the mapping knows; the rest (colours,
    colormaps, masks) is the library's, which names the option itself."""
    check = _CHECKS.get(kind)
    if check is not None:
        check(key, value)


def _check_number(key: str, value: object) -> None:
    if not _is_number(value) or not math.isfinite(float(value)):
        raise TypeError(f"{key} must be a finite number, got {value!r}")


def _check_positive(key: str, value: object) -> None:
    if not _is_number(value) or not (0 < float(value) < math.inf):
        raise ValueError(f"{key} must be a positive number, got {value!r}")


def _check_bool(key: str, value: object) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{key} must be true or false, got {value!r}")


def _check_str(key: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a string, got {value!r}")


def _check_ticklabels(key: str, value: object) -> None:
    if isinstance(value, bool) or (isinstance(value, str) and value == "auto"):
        return
    if not isinstance(value, str) and hasattr(value, "__len__"):  # a list of labels
        return
    if isinstance(value, int) or (_is_number(value) and float(value).is_integer()):
        if float(value) < 1:
            raise ValueError(
                f"{key} as a number is a step (every k-th label), at least 1; "
                f"got {value!r}"
            )
        return
    raise ValueError(
        f"{key} takes true, false, 'auto' or a step (every k-th label, e.g. 2); "
        f"got {value!r}; the labels themselves come from the data"
    )


def _unknown_cbar_key(k: object) -> str:
    guess = nearest(str(k), _CBAR_KWS)
    hint = f"did you mean {guess!r}?" if guess else f"use {', '.join(_CBAR_KWS)}"
    return f"cbar_kws: unknown key {k!r}; {hint}"


def _check_cbar_kws(key: str, value: object) -> None:
    if not isinstance(value, Mapping):
        raise TypeError(
            f"cbar_kws must be a dict of {', '.join(_CBAR_KWS)}, got {value!r}"
        )
    for k, v in value.items():
        if k not in _CBAR_KWS:
            raise ValueError(_unknown_cbar_key(k))
        if k == "orientation" and v not in ("vertical", "horizontal"):
            raise ValueError(
                f"cbar_kws: orientation must be 'vertical' or 'horizontal', got {v!r}"
            )
        if k == "shrink" and not (_is_number(v) and 0 < float(v) <= 1):
            raise ValueError(
                f"cbar_kws: shrink is a fraction of the heatmap's length "
                f"(0 < shrink <= 1), got {v!r}"
            )
        if k == "label" and v is not None and not isinstance(v, str):
            raise TypeError(f"cbar_kws: label must be a string, got {v!r}")


def _check_text_kws(key: str, value: object) -> None:
    if not isinstance(value, Mapping):
        raise TypeError(f"{key} must be a dict of text properties, got {value!r}")
    from matplotlib.text import Text

    for k, v in value.items():
        if _is_number(v) and not math.isfinite(float(v)):
            raise ValueError(f"{key}: {k}={v!r} is not a finite number")
        if (
            k in ("fontsize", "size")
            and _is_number(v)
            and not 0 < float(v) <= _MAX_POINTS
        ):
            raise ValueError(
                f"{key}: {k} must be between 0 and {_MAX_POINTS} points, got {v!r}"
            )
        try:
            Text().update({k: v})
        except AttributeError:
            raise ValueError(
                f"{key}: {k!r} is not a text property (use e.g. fontsize, "
                "color, fontweight, fontstyle)"
            ) from None
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{key}: {k}={v!r}: {exc}") from None


def _check_lengths(key: str, value: object, *, pair: bool) -> None:
    from ..sizes import to_inches

    parts = value if isinstance(value, (tuple, list)) else (value,)
    if pair and len(parts) != 2:
        raise ValueError(f"{key} needs two lengths (width, height), got {value!r}")
    for part in parts:
        try:
            inches = to_inches(part)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{key}: {exc}") from None
        if not (0 < inches < math.inf):
            raise ValueError(
                f"{key}: lengths must be positive and finite, got {part!r}"
            )


def _check_pair(key: str, value: object) -> None:
    _check_lengths(key, value, pair=True)


def _check_length(key: str, value: object) -> None:
    _check_lengths(key, value, pair=False)


def _check_axis(key: str, value: object) -> None:
    if value not in (0, 1) or isinstance(value, bool):
        raise ValueError(f"{key} must be 0 (rows) or 1 (columns), got {value!r}")


def _check_ratio(key: str, value: object) -> None:
    ok = _is_number(value) or (
        isinstance(value, (tuple, list))
        and len(value) == 2
        and all(_is_number(v) for v in value)
    )
    if not ok:
        raise TypeError(
            f"{key} takes a fraction of the figure or a pair (rows, cols), "
            f"got {value!r}"
        )
    if not all(0 <= v < 1 for v in _pair(value)):
        raise ValueError(
            f"{key} is a fraction of the figure (0 <= {key} < 1), got {value!r}"
        )


def _check_cbar_pos(key: str, value: object) -> None:
    if value is None:
        return
    ok = (
        isinstance(value, (tuple, list))
        and len(value) == 4
        and all(_is_number(v) for v in value)
    )
    if not ok:
        raise TypeError(
            f"cbar_pos takes (left, bottom, width, height) in figure fractions, "
            f"or None for no colour scale; got {value!r}"
        )


def _check_tree_kws(key: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise TypeError(
            f"tree_kws must be a dict of {', '.join(_TREE_KWS)}, got {value!r}"
        )
    for k in value:
        if k not in _TREE_KWS:
            raise TypeError(
                f"tree_kws: {k!r} is not supported; the dendrogram takes "
                f"{', '.join(_TREE_KWS)} (for more, build the grid with "
                "cg.Dendrogram(...))"
            )
    if len({_TREE_KWS[k] for k in value}) < len(value):
        raise ValueError(
            f"tree_kws gives the same option under two names: {sorted(value)}"
        )


def _check_pivot_kws(key: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping) or not set(value) <= {
        "index",
        "columns",
        "values",
    }:
        raise TypeError(
            "pivot_kws takes a dict with index=, columns= and values= (as "
            f"DataFrame.pivot), got {value!r}"
        )


def _check_norm(key: str, value: object) -> None:
    from matplotlib.colors import Normalize

    if value is not None and not isinstance(value, Normalize):
        raise TypeError(f"norm must be a matplotlib.colors.Normalize, got {value!r}")


def _check_annot(key: str, value: object) -> None:
    if isinstance(value, str):
        raise TypeError(
            f"{key} takes true or false here (or a table of the cells' texts in "
            f"Python), got the text {value!r}"
        )


# kind -> its check (kinds without one, e.g. cmap, color, mask, colors, linkage,
# are checked by the library, which names the option itself)
_CHECKS: dict[str, Callable[[str, object], None]] = {
    "number": _check_number,
    "positive": _check_positive,
    "bool": _check_bool,
    "str": _check_str,
    "ticklabels": _check_ticklabels,
    "cbar_kws": _check_cbar_kws,
    "text_kws": _check_text_kws,
    "pair": _check_pair,
    "length": _check_length,
    "axis": _check_axis,
    "ratio": _check_ratio,
    "cbar_pos": _check_cbar_pos,
    "tree_kws": _check_tree_kws,
    "pivot_kws": _check_pivot_kws,
    "norm": _check_norm,
    "annot": _check_annot,
}
