"""How a label is written for display: MultiIndex tuples joined with "-"
(seaborn's convention), everything else with ``str``."""

from __future__ import annotations

__all__ = ["display_label", "index_title"]


def display_label(label: object) -> str:
    """``("A", 1)`` -> ``"A-1"``; anything else -> ``str(label)``."""
    if isinstance(label, tuple):
        return "-".join(str(x) for x in label)
    return str(label)


def index_title(index: object) -> str:
    """The title an index gives its axis: its name, or its level names
    joined with "-" for a MultiIndex ("" when unnamed)."""
    names = [n for n in getattr(index, "names", [None]) if n is not None]
    if not names:
        return ""
    return "-".join(str(n) for n in names)
