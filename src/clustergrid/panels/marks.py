"""Marks: a few chosen labels, spread out so they never overlap, each joined
to its row or column by a leader line.  For big matrices where
:class:`~clustergrid.Labels` must thin out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
import pandas as pd
from matplotlib.collections import LineCollection

from .._support.text import literal, measure_texts
from ..sizes import Auto, SizeLike, to_inches
from .base import Context, Extent, Panel

__all__ = ["Marks"]

_GAP = 1.15  # labels keep 15% of their height clear of each other


def spread(wanted: np.ndarray, size: float, lo: float, hi: float) -> np.ndarray:
    """Positions as close as possible to ``wanted`` (sorted) with neighbours
    at least ``size`` apart, kept within ``[lo, hi]`` when they fit.

    Pushes down from the top, then back up from the bottom end."""
    y = np.array(wanted, dtype=float)
    if not len(y):
        return y
    y[0] = max(y[0], lo)
    for i in range(1, len(y)):
        y[i] = max(y[i], y[i - 1] + size)
    if y[-1] > hi:
        y[-1] = hi
        for i in range(len(y) - 2, -1, -1):
            y[i] = min(y[i], y[i + 1] - size)
    return y


class Marks(Panel):
    """Chosen labels with leader lines to their rows (left/right) or
    columns (top/bottom).

    Parameters
    ----------
    labels : sequence
        The row or column labels to show.  Labels not in the matrix raise
        ``ValueError``.
    fontsize : float, optional
        Points; default the rc "small" size.
    color : colour, default "black"
        Text colour.
    linecolor : colour, default "0.4"
    link : float or str, default 0.25 in
        Length of the leader lines across the panel.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> marks = cg.Marks(["wine_001", "wine_081"])
    >>> fig = cg.ClusterGrid(X, z_score=1).cluster().add(marks, "right").draw()
    >>> sorted(t.get_text() for t in marks.ax.texts)
    ['wine_001', 'wine_081']
    """

    default_size: SizeLike = Auto
    default_pad: ClassVar[float] = 0.02

    def __init__(
        self,
        labels: Sequence[Any],
        *,
        fontsize: float | None = None,
        color: Any = "black",
        linecolor: Any = "0.4",
        link: float | str = 0.25,
    ) -> None:
        if isinstance(labels, (str, bytes)):
            labels = [labels]
        self.labels = list(labels)
        if not self.labels:
            raise ValueError("Marks needs at least one label to show")
        self.fontsize = fontsize
        self.color = color
        self.linecolor = linecolor
        self.link = to_inches(link)
        self.texts: list = []
        self.lines: list = []

    def _fs(self) -> float:
        return (
            self.fontsize
            or mpl.font_manager.FontProperties(size="small").get_size_in_points()
        )

    def _props(self, ctx: Context) -> dict:
        side = ctx.side
        if ctx.orientation == "vertical":
            return literal(
                fontsize=self._fs(),
                va="center",
                rotation=0,
                ha="left" if side == "right" else "right",
            )
        return literal(
            fontsize=self._fs(),
            rotation=90,
            rotation_mode="anchor",
            va="center",
            ha="left" if side == "top" else "right",
        )

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError("Marks go on a side, not in a corner")
        every = ctx._drawn_whole()
        # vectorised over the axis (a Python set of a million labels takes
        # seconds); only the few labels found are compared in Python
        found = set(every[pd.Index(every).isin(self.labels)])
        missing = [x for x in self.labels if x not in found]
        if missing:
            what = "row" if ctx.orientation == "vertical" else "column"
            raise ValueError(
                f"Marks: {missing[:5]} are not {what} labels of the matrix; "
                f"choose from g.{what}_order"
            )

    def _chosen(self, ctx: Context) -> npt.NDArray[np.intp]:
        """Positions (in this slice) of the chosen labels, in drawn order."""
        labels = ctx.labels
        hit = self.__dict__.get("_chosen_at")
        if hit is not None and hit[0] is labels:  # the same axis, measured again
            return np.asarray(hit[1], dtype=np.intp)
        # ctx.labels is a pd.Index: isin is vectorised (a Python loop over
        # a million labels takes seconds)
        pos = np.flatnonzero(labels.isin(self.labels)).astype(np.intp)
        self._chosen_at = (labels, pos)  # measure and draw look it up again
        return pos

    def _place(self, ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
        """(positions, text centres along the axis, text boxes, pitch), inches."""
        pos = self._chosen(ctx)
        strings = [str(ctx.labels[i]) for i in pos]
        bbs = measure_texts(strings, ctx.renderer, ctx.figure, **self._props(ctx))
        one = measure_texts(["Ag"], ctx.renderer, ctx.figure, fontsize=self._fs())[0]
        pitch = (one[3] - one[2]) * _GAP
        wanted = (pos + 0.5) * ctx.cell
        spots = spread(wanted, pitch, pitch / 2, ctx.length - pitch / 2)
        return pos, spots, bbs, pitch

    def measure(self, ctx: Context) -> Extent:
        pos, spots, bbs, pitch = self._place(ctx)
        if not len(pos):
            return Extent(thickness=0.0)
        across = (
            (bbs[:, 1] - bbs[:, 0])
            if ctx.orientation == "vertical"
            else (bbs[:, 3] - bbs[:, 2])
        )
        before = max(0.0, pitch / 2 - float(spots[0]))
        after = max(0.0, float(spots[-1]) + pitch / 2 - ctx.length)
        return Extent(
            thickness=self.link + 2 / 72 + float(across.max()),
            before=before,
            after=after,
        )

    def draw(self, ax: Any, ctx: Context) -> None:
        if ctx.slice_index == 0:
            self.texts, self.lines = [], []
        ax.set_axis_off()
        pos, spots, _, _ = self._place(ctx)
        if not len(pos):
            return
        fig = ax.figure
        p = ax.get_position()
        across_in = (
            p.width * fig.bbox.width
            if ctx.orientation == "vertical"
            else p.height * fig.bbox.height
        ) / fig.dpi
        link = min(self.link, across_in)
        f = (
            link / across_in if across_in > 0 else 1.0
        )  # the link as a fraction of the panel
        # across the panel in axes fraction: from the heatmap's edge outward
        near, sgn = (0.0, 1.0) if ctx.side in ("right", "top") else (1.0, -1.0)
        a = np.array([near, near + sgn * f * 0.3, near + sgn * f * 0.7, near + sgn * f])
        segs = []
        for i, s in zip(pos, spots, strict=True):
            along = np.array([i + 0.5, i + 0.5, s / ctx.cell, s / ctx.cell])
            segs.append(
                np.column_stack([a, along])
                if ctx.orientation == "vertical"
                else np.column_stack([along, a])
            )
        trans = (
            ax.get_yaxis_transform()
            if ctx.orientation == "vertical"
            else ax.get_xaxis_transform()
        )
        lc = LineCollection(
            segs, colors=self.linecolor, linewidths=0.6, transform=trans
        )
        ax.add_collection(lc, autolim=False)
        self.lines.append(lc)
        off = 2 / 72 / across_in if across_in > 0 else 0.0
        for i, s in zip(pos, spots, strict=True):
            end = near + sgn * (f + off)
            xy = (
                (end, s / ctx.cell)
                if ctx.orientation == "vertical"
                else (s / ctx.cell, end)
            )
            t = ax.text(
                *xy,
                str(ctx.labels[i]),
                transform=trans,
                color=self.color,
                clip_on=False,
                **self._props(ctx),
            )
            t.mark_index = ctx.slice_start + int(i)
            self.texts.append(t)
