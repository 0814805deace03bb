"""Reading the text a command-line user typed for one seaborn argument
(``--kwargs "center:0;cmap:RdBu_r"``) as the value of that key's kind,
without guessing: a ``fmt`` or a label stays the text it was."""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from typing import Any, TypeAlias

from .seaborn_args import kind_of
from .seaborn_checks import _CBAR_KWS, _unknown_cbar_key

__all__ = ["parse_value", "ParsedValue"]

#: What :func:`parse_value` reads from text: a number, a switch, a string, a
#: pair of lengths or a dict of ``k:v`` pairs.
ParsedValue: TypeAlias = (
    bool | int | float | str | tuple[float | str, ...] | dict[str, Any]
)


# -- text -> value, by kind ----------------------------------------------------------

_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def parse_value(key: str, text: str, function: str = "heatmap") -> ParsedValue:
    """The value of ``key`` that the text ``text`` spells.

    Only the key's own kind is tried: numbers for numeric keys, true/false
    for switches, ``k:v`` pairs for ``cbar_kws``/``annot_kws``; a string
    key (``fmt``, ``cmap``, a colour, a label) keeps the text unchanged.

    Raises
    ------
    ValueError
        For an unknown key (naming the nearest) or text the kind cannot read.
    """
    kind = kind_of(key, function)
    if kind in _PYTHON_KINDS:
        raise ValueError(
            f"{key} is given in Python (cg.clustermap(..., {key}=...)), not as text"
        )
    parse = _PARSERS.get(kind)
    if parse is None:  # pragma: no cover - every text kind has a parser
        raise AssertionError(kind)
    return parse(key, text.strip())


# kinds whose values are Python objects: no text spells them
_PYTHON_KINDS = (
    "colors",
    "ratio",
    "cbar_pos",
    "tree_kws",
    "pivot_kws",
    "linkage",
    "norm",
)


def _parse_text(key: str, raw: str) -> str:
    return _unquote(raw)


def _parse_ticklabels(key: str, raw: str) -> bool | int | str:
    low = raw.lower()
    if low == "auto":
        return "auto"
    if low in ("true", "false"):
        return low == "true"
    try:
        return int(raw)
    except ValueError:
        raise ValueError(
            f"{key} takes true, false, auto or a step (every k-th label, "
            f"e.g. 2); got {raw!r}"
        ) from None


_AXIS_NAMES = {"0": 0, "1": 1, "rows": 0, "row": 0, "cols": 1, "col": 1, "columns": 1}


def _parse_axis(key: str, raw: str) -> int:
    low = raw.lower()
    if low not in _AXIS_NAMES:
        raise ValueError(f"{key} takes 0 or rows, 1 or cols; got {raw!r}")
    return _AXIS_NAMES[low]


def _parse_cbar_kws(key: str, raw: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in _mapping(key, raw).items():
        if k not in _CBAR_KWS:
            raise ValueError(_unknown_cbar_key(k))
        out[k] = _number(f"cbar_kws {k}", v) if _CBAR_KWS[k] == "number" else v
    return out


def _parse_text_kws(key: str, raw: str) -> dict[str, float | str]:
    return {k: _text_prop(v) for k, v in _mapping(key, raw).items()}


def _parse_pair(key: str, raw: str) -> tuple[float | str, ...]:
    parts = [p.strip() for p in _unquote(raw).strip("()[]").split(",")]
    if len(parts) != 2:
        raise ValueError(
            f"{key} needs two lengths W,H (e.g. 6,4 or 180mm,120mm), got {raw!r}"
        )
    return tuple(_length_value(p) for p in parts)


def _parse_length(key: str, raw: str) -> float | str | tuple[float | str, ...]:
    parts = [p.strip() for p in _unquote(raw).strip("()[]").split(",")]
    if len(parts) not in (1, 2):
        raise ValueError(f"{key} needs one length or W,H, got {raw!r}")
    values = tuple(_length_value(p) for p in parts)
    return values[0] if len(values) == 1 else values


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _number(key: str, text: str) -> float | int:
    t = _unquote(text)
    try:
        value: float | int = int(t)
    except ValueError:
        try:
            value = float(t)
        except ValueError:
            raise ValueError(f"{key} must be a number, got {t!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{key} must be a finite number, got {t!r}")
    return value


def _bool(key: str, text: str) -> bool:
    low = _unquote(text).lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"{key} must be true or false, got {text!r}")


def _length_value(text: str) -> float | str:
    t = _unquote(text)
    try:
        return float(t)
    except ValueError:
        return t


def _text_prop(text: str) -> float | str:
    t = _unquote(text)
    try:
        return float(t)
    except ValueError:
        return t


def _mapping(key: str, text: str) -> dict[str, str]:
    """``{'label': 'AUC', 'shrink': 0.5}`` (a Python dict literal) or
    ``label:AUC,shrink:0.5`` (``k:v`` pairs, braces optional) -> dict of
    strings."""
    if text.startswith("{"):
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            value = None
        if isinstance(value, dict):
            return {str(k): str(v) for k, v in value.items()}
        text = text.strip("{}")
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        k, sep, v = part.partition(":")
        if not sep:
            k, sep, v = part.partition("=")
        k, v = _unquote(k.strip()), _unquote(v.strip())
        if not sep or not k:
            raise ValueError(
                f"{key}: cannot read {part.strip()!r}; write key:value pairs "
                f"separated by commas, e.g. {key}:label:z-score,shrink:0.5"
            )
        if k in out:
            raise ValueError(f"{key}: {k!r} is given twice")
        out[k] = v
    if not out:
        raise ValueError(f"{key} is empty; write key:value pairs separated by commas")
    return out


# kind -> the reader of its text
_PARSERS: dict[str, Callable[[str, str], ParsedValue]] = {
    "number": _number,
    "positive": _number,
    "bool": _bool,
    "annot": _bool,
    "str": _parse_text,
    "cmap": _parse_text,
    "color": _parse_text,
    "mask": _parse_text,
    "ticklabels": _parse_ticklabels,
    "axis": _parse_axis,
    "cbar_kws": _parse_cbar_kws,
    "text_kws": _parse_text_kws,
    "pair": _parse_pair,
    "length": _parse_length,
}
