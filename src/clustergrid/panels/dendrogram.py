"""The dendrogram panel: the tree of a clustered axis, leaves on cell centres."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
from matplotlib.collections import LineCollection

from .._order.tree import (
    CollapsedTree,
    collapsed_dendrogram,
    dendrogram_segments,
    flat_clusters,
)
from .._support.checks import check_color, check_real
from .._support.warn import warn as _warn
from ..sizes import Relative, SizeLike
from .base import Context, Panel

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Drawn
    from .page_view import PageView

__all__ = ["Dendrogram"]

#: ``collapse="auto"``, in line widths (a line counted at least one pixel
#: wide).  Two lines are told apart when the gap between them is at least a
#: line width, their centres two widths apart: leaves closer than
#: ``_AUTO_DENSE`` cannot show the tree's lowest merges, so the tree is then
#: drawn with every subtree narrower than ``_AUTO_WIDTHS`` as one stem.  The
#: stems of neighbouring subtrees are about half of that or more apart, so
#: they are resolved too (measured on 1e5 leaves in 390 px: with 2 widths the
#: stems still touch and the leaf side stays a band, with 4 widths about 15%
#: of its pixels are background).  Cells at least ``_AUTO_DENSE`` wide collapse
#: nothing: every figure whose leaves can be told apart is drawn in full.
_AUTO_DENSE = 2.0
_AUTO_WIDTHS = 4.0


class Dendrogram(Panel):
    """The tree of the clustered rows (on the left/right) or columns (top/bottom).

    Its orientation comes from its side: the leaves touch the heatmap and the
    root points away from it.  Leaves sit exactly on cell centres.

    Parameters
    ----------
    color : colour, default "black"
        Line colour (of links above the threshold when ``color_threshold``
        is set).
    linewidth : float, default 0.8
        Line width in points.
    color_threshold : float, optional
        Colour each flat cluster below this height (as
        ``scipy.cluster.hierarchy.fcluster(Z, t, "distance")``) with its own
        colour from ``palette``.
    palette : str or list, default "tab10"
        Colours for the clusters, in leaf order.
    k : int, optional
        Colour the branches of ``k`` clusters, cut from the top of the tree
        exactly as ``.split(rows=k)`` cuts it.  Give ``k`` or
        ``color_threshold``, not both.

    slice_tree : bool, default True
        When the slices are ordered by similarity
        (``split(..., cluster_slices=True)``), draw the tree over the slices
        above the slices' own trees: its leaves stand on the slices' roots at
        the height of the tallest slice tree, and each of its merges is drawn
        that much higher than its own height.
    collapse : "auto", float or None, default "auto"
        Draw every subtree narrower than this along the axis (from its first
        to its last leaf) as one stem: a line from its root's height down to
        0 at the root's position (where the full drawing puts it).  The
        merges above those subtrees are drawn exactly as without it.  A
        float is the width in points.  ``"auto"``: when the leaves are
        closer than two line widths (a line counted at least one pixel wide
        at the figure's dpi), so that neighbouring lines cannot be told
        apart (on screen, in a PNG or in a PDF/SVG), the subtrees narrower
        than four line widths; otherwise nothing collapses.  So only trees
        with more leaves than the drawing can resolve change: a million
        leaves are drawn with a few thousand lines instead of a solid band
        of 999,999 merges.  ``None`` draws every merge.  A stem takes its
        subtree's colour (``k``, ``color_threshold``) when the subtree is in
        one cluster.  After drawing, ``.collapsed`` holds what was collapsed
        (a ``CollapsedTree``), or None.

    Notes
    -----
    With ``k`` on a split axis, each slice's tree takes its slice's colour.
    On a split axis, each slice shows its own tree (its subtree of the whole
    tree for ``split(k)``, its own clustering for a grouping), all on one
    height scale.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> tree = cg.Dendrogram(linewidth=0.8)
    >>> g = cg.ClusterGrid(X, z_score=1).cluster().add(tree, "left", size="15mm")
    >>> fig = g.draw()
    >>> [float(y) for y in tree.ax.get_ylim()]  # the heatmap's rows: leaves at 0.5, 1.5, ...
    [9.0, 0.0]
    """

    default_size: SizeLike = Relative(0.2, min=0.3, max=1.2)

    def __init__(
        self,
        *,
        color: Any = "black",
        linewidth: float = 0.8,
        color_threshold: float | None = None,
        palette: Any = "tab10",
        k: int | None = None,
        slice_tree: bool = True,
        collapse: str | float | None = "auto",
    ) -> None:
        if k is not None:
            if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
                raise ValueError(
                    f"k must be a positive int (the number of clusters), got {k!r}"
                )
            if color_threshold is not None:
                raise ValueError(
                    "give k= (a number of clusters) or color_threshold= (a height), "
                    "not both"
                )
        self.k = None if k is None else int(k)
        self.slice_tree = bool(slice_tree)
        check_color(color, "Dendrogram color")
        self.color = color
        self.linewidth = check_real(
            linewidth,
            "Dendrogram linewidth",
            low=0,
            high=100,
            fix="a number of points, e.g. 0.8",
        )
        self.color_threshold = (
            None
            if color_threshold is None
            else check_real(
                color_threshold,
                "Dendrogram color_threshold",
                fix="a merge height of the tree",
            )
        )
        if isinstance(palette, (list, tuple)):
            if not palette:
                raise ValueError(
                    "Dendrogram palette=[] lists no colours; give a colormap name "
                    "or a list of colours"
                )
            for i, c in enumerate(palette):
                check_color(c, f"Dendrogram palette[{i}]")
        elif not isinstance(palette, str):
            raise TypeError(
                f"Dendrogram palette must be a colormap name or a list of colours, "
                f"got {type(palette).__name__}"
            )
        else:
            try:
                mpl.colormaps[palette]
            except KeyError:
                raise ValueError(
                    f"Dendrogram palette={palette!r} is not a colormap name; use "
                    "e.g. 'tab10', or a list of colours"
                ) from None
        self.palette = palette
        self.collapse = _check_collapse(collapse)
        self.collapsed: CollapsedTree | None = None

    def validate(self, ctx: Context) -> None:
        if ctx.orientation == "corner":
            raise ValueError(
                "a Dendrogram goes on a side ('left', 'right', 'top' or 'bottom'), "
                f"not in the corner {ctx.side!r}"
            )
        if ctx.linkage is None and self._axis_of_one(ctx):
            what = "row" if ctx.orientation == "vertical" else "column"
            _warn(
                f"the Dendrogram on the {ctx.side} draws nothing: the matrix has a single "
                f"{what}, so there is no {what} tree"
            )
            return
        if ctx.linkage is None:
            axis = "rows" if ctx.orientation == "vertical" else "cols"
            raise ValueError(
                f"a Dendrogram on the {ctx.side} shows the {axis[:-1]} tree, but the {axis} are "
                f"not clustered: call .cluster({axis}=True) (or pass a linkage) before drawing, "
                f"or remove the Dendrogram. An explicit .order({axis}=...) has no tree."
            )

    @staticmethod
    def _axis_of_one(ctx: Context) -> bool:
        return ctx.matrix.shape[0 if ctx.orientation == "vertical" else 1] == 1

    def segments(self, ctx: Context) -> tuple[np.ndarray, np.ndarray]:
        """Dendrogram segments in (along, height) coordinates and the cluster
        id of each segment (0 = above the threshold)."""
        Z = ctx.linkage
        assert Z is not None
        n = Z.shape[0] + 1
        ids = self._cluster_ids(ctx)
        return (
            dendrogram_segments(Z, ctx.index, ids)
            if n > 1
            else (np.empty((0, 2, 2)), np.empty(0))
        )

    def _cluster_ids(self, ctx: Context) -> npt.NDArray[np.intp] | None:
        """The flat cluster id of each leaf (``k``, ``color_threshold``, or
        the slices), numbered from 1 in leaf order; None when uncoloured."""
        Z = ctx.linkage
        assert Z is not None
        n = Z.shape[0] + 1
        leaf_order = ctx.index
        ids = None
        if self.k is not None and ctx.n_slices > 1:
            ids = np.full(
                n, ctx.slice_index + 1, dtype=np.intp
            )  # the slices are the clusters
        elif self.k is not None:
            from .._order.split import _subtree_leaves, cut_tree_k

            ids = np.zeros(n, dtype=np.intp)
            if n > 1:
                for c, root in enumerate(cut_tree_k(Z, min(self.k, n)), start=1):
                    ids[_subtree_leaves(Z, root)] = c
            else:
                ids[:] = 1
        elif self.color_threshold is not None:
            flat = np.asarray(flat_clusters(Z, threshold=self.color_threshold))
            # number clusters by their first leaf along the axis, for stable colours
            uniq, first = np.unique(flat[np.asarray(leaf_order)], return_index=True)
            rank = np.empty(uniq.size, dtype=np.intp)
            rank[np.argsort(first)] = np.arange(1, uniq.size + 1)
            ids = rank[np.searchsorted(uniq, flat)]
        return ids

    def _min_extent(self, ctx: Context) -> float:
        """The narrowest subtree drawn in full, in cells (0: draw all)."""
        if self.collapse is None or ctx.cell <= 0:
            return 0.0
        cell = ctx.cell * 72.0  # points
        if self.collapse != "auto":
            return float(self.collapse) / cell
        line = max(self.linewidth, 72.0 / float(ctx.figure.dpi))
        return 0.0 if cell >= _AUTO_DENSE * line else _AUTO_WIDTHS * line / cell

    def _tree(
        self, ctx: Context
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The drawn merges' segments and groups, and the collapsed stems
        (of height > 0) and their groups, in (along, height) coordinates."""
        Z = ctx.linkage
        assert Z is not None
        self.collapsed = None
        min_extent = self._min_extent(ctx)
        if Z.shape[0] < 1 or min_extent <= 1.0:  # leaves a cell apart: none collapse
            seg, group = self.segments(ctx)
            return seg, group, np.empty((0, 2, 2)), np.empty(0, dtype=np.intp)
        tree = collapsed_dendrogram(Z, ctx.index, min_extent, self._cluster_ids(ctx))
        self.collapsed = tree
        tall = tree.stems[:, 1, 1] > 0  # a leaf (or a tie at 0) draws nothing
        return tree.segments, tree.group, tree.stems[tall], tree.stem_group[tall]

    def parent_segments(self, ctx: Context) -> np.ndarray | None:
        """The part of the tree over the slices this slice draws, as segments
        in this slice's (along, height) coordinates, or None when there is
        no such tree.

        Slice ``k`` draws the stem from its own root up to the height of
        the tallest slice tree, and every merge of the slice tree whose
        first slice is ``k`` (legs and crossbar, reaching across the gaps).
        Positions of other slices come from the slices' cell counts and the
        gaps: the cells of all slices have one size (``ctx.cell``)."""
        sl = ctx._engine.axis_slices
        if not self.slice_tree or sl is None or getattr(sl, "parent", None) is None:
            return None
        if ctx.n_slices != len(sl) or ctx.n < 1:
            return None
        from .._order.tree import dendrogram_segments

        Zp = np.asarray(sl.parent)
        S = len(sl)
        c = ctx.cell if ctx.cell > 0 else 1.0
        gaps = list(sl.gaps) if len(sl.gaps) == S - 1 else [0.0] * (S - 1)
        offs = [sl.bounds[j][0] * c + sum(gaps[:j]) for j in range(S)]  # inches
        k = ctx.slice_index
        h0 = float(sl.max_height)
        # each slice's root (local position, height)
        roots = []
        for j in range(S):
            Z, loc = sl.linkages[j], sl.local_index[j]
            n_j = sl.bounds[j][1] - sl.bounds[j][0]
            if Z is None or not len(Z):
                roots.append((n_j / 2, 0.0))
                continue
            seg, _ = dendrogram_segments(np.asarray(Z), np.asarray(loc))
            cross = seg[-2]  # the last (root) merge's crossbar
            roots.append((0.5 * (cross[0, 0] + cross[1, 0]), float(Z[-1, 2])))
        pos = np.empty(2 * S - 1)
        hgt = np.empty(2 * S - 1)
        first = np.empty(2 * S - 1, dtype=np.intp)
        for j in range(S):
            pos[j] = (offs[j] - offs[k]) / c + roots[j][0]
            hgt[j], first[j] = h0, j
        out = [((roots[k][0], roots[k][1]), (roots[k][0], h0))]
        for m in range(S - 1):
            a, b = int(Zp[m, 0]), int(Zp[m, 1])
            node, h = S + m, h0 + float(Zp[m, 2])
            pos[node], hgt[node] = 0.5 * (pos[a] + pos[b]), h
            first[node] = min(first[a], first[b])
            if first[node] == k:
                out += [
                    ((pos[a], hgt[a]), (pos[a], h)),
                    ((pos[a], h), (pos[b], h)),
                    ((pos[b], hgt[b]), (pos[b], h)),
                ]
        return np.asarray(out, dtype=float)

    def page_data(
        self, drawn: Drawn, view: PageView
    ) -> tuple[str, dict[str, Any]] | None:
        """Where tree heights 0 and 1 fall across the panel, in the page's
        pixels (from the first slice's axes), so a click reads a height."""
        ax = view.axes[0]
        if view.axis == "row":
            h0, h1 = view.pixel(ax, 0.0, 0.0)[0], view.pixel(ax, 1.0, 0.0)[0]
        else:
            h0, h1 = view.pixel(ax, 0.0, 0.0)[1], view.pixel(ax, 0.0, 1.0)[1]
        return "dendrograms", {"h0": float(h0), "h1": float(h1)}

    def draw(self, ax: Any, ctx: Context) -> None:
        if ctx.linkage is None and self._axis_of_one(ctx):
            ax.set_axis_off()  # a single row or column has no tree (validate() warned)
            return
        seg, group, stems, stem_group = self._tree(ctx)
        Z = ctx.linkage
        hmax = float(Z[:, 2].max()) if Z is not None and len(Z) else 1.0
        if ctx._engine.tree_height > 0:  # one height scale for the trees of every slice
            hmax = ctx._engine.tree_height
        parent = self.parent_segments(ctx)
        sl = ctx._engine.axis_slices
        if parent is not None and sl is not None:
            # one scale for the slices' trees and the tree over them
            # (parent_segments gives segments only for a split axis)
            hmax = sl.max_height + float(np.asarray(sl.parent)[:, 2].max())
        if hmax <= 0:
            hmax = 1.0
        base = mpl.colors.to_rgba(self.color)
        vertical = ctx.orientation == "vertical"
        # one polyline per merge, (xa, ha) -> (xa, h) -> (xb, h) -> (xb, hb), and
        # one path per colour with NaN breaks between merges: a handful of paths
        # instead of 3 (n - 1) keeps large trees cheap in PNG, PDF and SVG alike
        m = len(seg) // 3
        polys = np.full((m, 5, 2), np.nan)
        if m:
            s3 = seg.reshape(m, 3, 2, 2)
            polys[:, 0], polys[:, 1] = s3[:, 0, 0], s3[:, 0, 1]
            polys[:, 2], polys[:, 3] = s3[:, 2, 1], s3[:, 2, 0]
        # a collapsed subtree: one stem, (x, 0) -> (x, h), in the same paths
        stem_polys = np.full((len(stems), 3, 2), np.nan)
        stem_polys[:, :2] = stems
        if vertical:  # along axis is y: points are (height, along)
            polys = polys[:, :, ::-1]
            stem_polys = stem_polys[:, :, ::-1]
        merge_group = group[::3] if m else np.empty(0, dtype=np.intp)
        coloured = self.color_threshold is not None or self.k is not None
        any_lines = bool(m or len(stems))
        if coloured and any_lines:
            cm = (
                mpl.colormaps[self.palette]
                if isinstance(self.palette, str)
                else mpl.colors.ListedColormap(self.palette)
            )
            keys = np.unique(np.concatenate([merge_group, stem_group]))
            colors = [base if k == 0 else tuple(cm((k - 1) % cm.N)) for k in keys]
        else:
            keys, colors = (
                np.zeros(1 if any_lines else 0, dtype=np.intp),
                [base] * (1 if any_lines else 0),
            )
            merge_group = np.zeros(m, dtype=np.intp)
            stem_group = np.zeros(len(stems), dtype=np.intp)
        paths = [
            np.concatenate(
                [
                    polys[merge_group == k].reshape(-1, 2),
                    stem_polys[stem_group == k].reshape(-1, 2),
                ]
            )[:-1]
            for k in keys
        ]
        lc = LineCollection(
            paths,
            colors=colors,
            linewidths=self.linewidth,
            capstyle="butt",
            joinstyle="miter",
        )
        ax.add_collection(lc, autolim=False)
        if parent is not None and len(parent):
            pts = parent[:, :, ::-1] if vertical else parent
            # drawn from this slice across the gaps to the other slices' roots
            plc = LineCollection(
                list(pts),
                colors=[base],
                linewidths=self.linewidth,
                capstyle="butt",
                clip_on=False,
                label="slice tree",
            )
            plc.set_in_layout(False)
            ax.add_collection(plc, autolim=False)
        top = hmax * 1.03
        if ctx.side == "left":
            ax.set_xlim(top, 0)
        elif ctx.side == "right":
            ax.set_xlim(0, top)
        elif ctx.side == "top":
            ax.set_ylim(0, top)
        else:
            ax.set_ylim(top, 0)
        ax.set_axis_off()
        self.collection = lc


def _check_collapse(collapse: object) -> str | float | None:
    """``collapse`` as "auto", a positive number of points, or None."""
    if collapse is None or (isinstance(collapse, str) and collapse == "auto"):
        return collapse
    if isinstance(collapse, str):
        raise ValueError(
            f"Dendrogram collapse={collapse!r} is not an option; use 'auto' (collapse "
            "what the line width cannot resolve), a width in points such as 1.5, or "
            "None to draw every merge"
        )
    return check_real(
        collapse,
        "Dendrogram collapse",
        low=0,
        low_open=True,
        fix="'auto', a width in points such as 1.5, or None to draw every merge",
    )
