"""Drawing again into the same axes: what the user changed on an axes after
clustergrid drew it, kept through a new draw.

A layout that runs at every draw of the canvas (``engine.py``) re-solves
and draws again when the user has added something that needs room; the
axes the user holds (``g.ax_heatmap``, ``panel.ax``, the ``ax`` given to
``cg.heatmap``) must stay the same objects.  :class:`AxesPool` hands the
draw loop the previous draw's axes in the order they were made; each is
cleared and drawn again, and what the user changed on it (titles, axis
labels, artists and a legend added) is put back before the layout measures
it.  :func:`signature` is what clustergrid itself left on an axes, so the
user's changes are what differs from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["AxesPool", "Signature", "signature", "detach"]

_TITLES = ("title", "_left_title", "_right_title")


@dataclass(frozen=True)
class Signature:
    """What clustergrid's own draw left on an axes."""

    titles: tuple[str, ...]
    xlabel: str
    ylabel: str
    children: frozenset[int]
    legend: int | None


def signature(ax: Any) -> Signature:
    """What is on ``ax`` now (taken right after clustergrid drew it)."""
    return Signature(
        titles=tuple(getattr(ax, t).get_text() for t in _TITLES),
        xlabel=ax.xaxis.label.get_text(),
        ylabel=ax.yaxis.label.get_text(),
        children=frozenset(id(c) for c in ax.get_children()),
        legend=id(ax.legend_) if ax.legend_ is not None else None,
    )


_EMPTY = Signature(("", "", ""), "", "", frozenset(), None)


@dataclass
class _Edits:
    """The user's changes to one axes, taken before it is cleared."""

    texts: list[tuple[str, Any]] = field(default_factory=list)  # (where, Text copy)
    label_pos: dict[str, tuple[str, float]] = field(default_factory=dict)
    artists: list[Any] = field(default_factory=list)
    legend: Any = None


def user_edits(ax: Any, sig: Signature | None) -> _Edits:
    """What the user changed on ``ax`` since clustergrid drew it (``sig``)."""
    from matplotlib.text import Text

    sig = sig or _EMPTY
    out = _Edits()
    for k, name in enumerate(_TITLES):
        t = getattr(ax, name)
        if t.get_text() != sig.titles[k]:
            out.texts.append((name, _copy_text(t, Text)))
    for name, axis, was in (
        ("x", ax.xaxis, sig.xlabel),
        ("y", ax.yaxis, sig.ylabel),
    ):
        if axis.label.get_text() != was:
            out.texts.append((name + "label", _copy_text(axis.label, Text)))
            out.label_pos[name] = (axis.get_label_position(), axis.labelpad)
    own = {id(getattr(ax, t)) for t in _TITLES} | {id(ax.legend_)}
    out.artists = [
        c
        for c in ax.get_children()
        if id(c) not in sig.children and id(c) not in own and c in ax._children
    ]
    if ax.legend_ is not None and id(ax.legend_) != sig.legend:
        out.legend = ax.legend_
    return out


def _copy_text(t: Any, cls: Any) -> Any:
    c = cls(text=t.get_text())
    c.update_from(t)
    return c


def restore(ax: Any, edits: _Edits) -> None:
    """Put the user's changes back on ``ax`` after clustergrid drew it again."""
    for name, old in edits.texts:
        if name in ("xlabel", "ylabel"):
            axis = ax.xaxis if name == "xlabel" else ax.yaxis
            new = axis.label
            pos, pad = edits.label_pos[name[0]]
            axis.set_label_position(pos)
            axis.labelpad = pad
        else:
            new = getattr(ax, name)
        new.update_from(old)
        new.set_text(old.get_text())
    for a in edits.artists:
        ax.add_artist(a)
    if edits.legend is not None:
        ax.legend_ = edits.legend


class AxesPool:
    """The axes of the previous draw, handed out again in the order they were
    made (one draw makes them in a fixed order: heatmap blocks, then each
    panel's)."""

    def __init__(
        self, axes: list[Any], sigs: dict[int, Signature] | None = None
    ) -> None:
        self.axes = list(axes)
        self.sigs = dict(sigs or {})
        self.pending: dict[int, _Edits] = {}

    def take(self, spec: Any) -> Any | None:
        """The next axes, cleared and placed at ``spec``; None when the pool
        is empty (a new axes is made)."""
        while self.axes:
            ax = self.axes.pop(0)
            if ax.figure is None:
                continue
            self.pending[id(ax)] = user_edits(ax, self.sigs.get(id(ax)))
            ax.cla()
            # what clearing keeps: back to a new axes' state
            ax.set_axis_on()
            ax.set_frame_on(True)
            ax.xaxis.set_visible(True)
            ax.yaxis.set_visible(True)
            ax.patch.set_visible(True)
            ax.set_aspect("auto")
            ax.set_subplotspec(spec)
            return ax
        return None

    def put_back(self, ax: Any) -> None:
        """After clustergrid drew into ``ax``: put back what the user had
        changed on it (a no-op for a new axes)."""
        edits = self.pending.pop(id(ax), None)
        if edits is not None:
            restore(ax, edits)

    def leftover(self) -> list[Any]:
        return [a for a in self.axes if a.figure is not None]


def detach(axes: list[Any]) -> None:
    """Take the grid's axes out of matplotlib's layout engines and
    ``subplots_adjust``: their place is the grid's solved layout, so
    ``tight_layout`` or a host figure's constrained layout never moves them."""
    for ax in axes:
        ax._subplotspec = None  # positions stay as placed
