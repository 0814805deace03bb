"""The UpSet plot: sets as rows, their combinations as columns; a dot where
a set takes part in a combination, the dots of a combination joined by a
line, combination sizes as numbered bars on top, set sizes on the right."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection

from .._body.layers import Cells, Layer, _check_color, cell_points
from ..grid import ClusterGrid
from ..panels.labels import Labels
from ..panels.tracks import BarTrack
from .sets import count_combinations, membership

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection
    from matplotlib.typing import ColorType

    from .._plan.plan import OrderedMatrix
    from ..panels.context import Context

__all__ = ["UpSetGrid", "upset"]

_OFF = "#dddddd"  # a set not in the combination: a light dot


class UpSetGrid(ClusterGrid):
    """The grid :func:`~clustergrid.upset` returns: a :class:`ClusterGrid`
    whose rows are the sets and columns the combinations (cells 1 where
    the set takes part), with the combination table.

    Parameters
    ----------
    data : DataFrame
        Sets x combinations, 1 where the set is in the combination.  The
        other options are :class:`ClusterGrid`'s; build one with
        :func:`~clustergrid.upset`.

    Attributes
    ----------
    combinations : pandas.DataFrame
        One row per drawn combination, in drawn order, indexed by its code
        (``"101"``: the first and third set, in the input's set order): a
        boolean column per set, ``degree`` (how many sets), ``size`` (its
        count in the grid's mode) and ``highlighted``.
    set_sizes : pandas.Series
        Elements per set, in drawn order.
    mode : str
        ``"distinct"``, ``"intersect"`` or ``"union"``.
    membership : pandas.DataFrame
        Elements x sets, True where the element is in the set.

    Examples
    --------
    >>> g = cg.upset({"A": [1, 2, 3], "B": [3, 4]})
    >>> isinstance(g, cg.UpSetGrid), g.combinations["size"].tolist()
    (True, [2, 1, 1])
    """

    combinations: pd.DataFrame
    set_sizes: pd.Series
    mode: str
    membership: pd.DataFrame

    def elements(self, combination: str | Collection[Hashable]) -> list[Hashable]:
        """The elements counted in one combination, in the grid's mode.

        Parameters
        ----------
        combination : str or collection of set names
            A code from the ``combinations`` table (``"110"``) or the set names
            (``{"A", "B"}``).

        Returns
        -------
        list
            The elements, in the input's order.

        Examples
        --------
        >>> g = cg.upset({"A": [1, 2, 3], "B": [3, 4]})
        >>> g.elements({"A", "B"}), g.elements("10")
        ([3], [1, 2])
        """
        key = _combination_key(combination, list(self.membership.columns))
        b = self.membership.to_numpy(dtype=bool)
        inside = b[:, key].sum(axis=1)
        if self.mode == "distinct":
            ok = (inside == key.sum()) & (b.sum(axis=1) == key.sum())
        elif self.mode == "intersect":
            ok = inside == key.sum()
        else:
            ok = inside > 0
        return list(self.membership.index[ok])


def _combination_key(
    combination: str | Collection[Hashable], sets: Sequence[Hashable]
) -> np.ndarray:
    n = len(sets)
    if (
        isinstance(combination, str)
        and len(combination) == n
        and set(combination) <= {"0", "1"}
    ):
        key = np.array([c == "1" for c in combination])
    elif isinstance(combination, Collection) and not isinstance(combination, str):
        unknown = [c for c in combination if c not in sets]
        if unknown:
            raise ValueError(
                f"combination {sorted(map(str, combination))}: {unknown[:3]} is not "
                f"a set; the sets are {sets}"
            )
        key = np.array([s in combination for s in sets])
    else:
        raise ValueError(
            f"combination {combination!r}: give a code of {n} 0/1 characters (one "
            f"per set, e.g. {'1' * min(2, n) + '0' * (n - min(2, n))!r}) or a "
            f"collection of set names from {sets}"
        )
    if not key.any():
        raise ValueError(
            f"combination {combination!r} has no set; name at least one of {sets}"
        )
    return key


class CombinationDots(Layer):
    """The UpSet combination matrix on the body: per cell a dot, dark where
    the set takes part in the combination (the highlight colour for a
    highlighted one), light where not, and each combination's dots joined
    by a vertical line.  One line collection and one dot collection per
    heatmap block."""

    def __init__(
        self,
        color: ColorType,
        highlighted: frozenset[Hashable],
        highlight_color: ColorType,
    ) -> None:
        self.color, self.highlighted = color, highlighted
        self.highlight_color = highlight_color

    def draw(
        self, ax: Axes, cells: Cells, comp: OrderedMatrix
    ) -> list[LineCollection | PathCollection]:
        on = cells.value == 1
        hl = np.array([c in self.highlighted for c in cells.col], bool)
        dark = mcolors.to_rgba(self.color)
        bright = mcolors.to_rgba(self.highlight_color)
        faint = mcolors.to_rgba(_OFF)
        colors = np.array([bright if h else dark for h in hl])
        colors[~on] = faint
        pt = cell_points(ax)
        segs, seg_colors = [], []
        for j in np.unique(cells.x):
            ys = cells.y[(cells.x == j) & on]
            if len(ys) >= 2:
                segs.append([(j, ys.min()), (j, ys.max())])
                first = np.flatnonzero(cells.x == j)[0]
                seg_colors.append(bright if hl[first] else dark)
        lines = LineCollection(
            segs, colors=seg_colors, linewidths=max(0.5, min(2.0, 0.15 * pt))
        )
        lines.set_zorder(2)
        lines.set_label("clustergrid:upset-lines")
        ax.add_collection(lines)
        dots = ax.scatter(
            cells.x, cells.y, s=(0.55 * pt) ** 2, c=colors, linewidths=0, zorder=3
        )
        dots.set_label("clustergrid:upset-dots")
        return [lines, dots]


class CombinationBars(BarTrack):
    """Numbered bars whose highlighted labels take their own colour."""

    def __init__(
        self,
        values: pd.Series,
        highlighted: frozenset[Hashable],
        highlight_color: ColorType,
        **kwargs: Any,
    ) -> None:
        super().__init__(values, **kwargs)
        self.highlighted, self.highlight_color = highlighted, highlight_color

    def plot(self, ax: Axes, ctx: Context, values: np.ndarray) -> Any:
        """Draw the bars (:meth:`BarTrack.plot`), highlighted ones recoloured."""
        bars = super().plot(ax, ctx, values)
        for label, bar in zip(ctx.labels[np.isfinite(values)], bars, strict=True):
            if label in self.highlighted:
                bar.set_facecolor(self.highlight_color)
        return bars


def _order(
    combos: pd.DataFrame,
    order_by: str,
    min_size: int,
    max_degree: int | None,
    top_n: int | None,
) -> pd.DataFrame:
    c = combos[combos["size"] >= min_size]
    if max_degree is not None:
        c = c[c["degree"] <= max_degree]
    # on ties, "100" before "010": the first set's combinations come first
    c = c.assign(_code=c.index)
    by_size = c.sort_values(["size", "degree", "_code"], ascending=[False, True, False])
    if top_n is not None:
        by_size = by_size.iloc[:top_n]
    if order_by == "degree":
        by_size = by_size.sort_values(
            ["degree", "size", "_code"], ascending=[True, False, False]
        )
    return by_size.drop(columns="_code")


def _check_count(v: object, name: str, low: int) -> int | None:
    if v is None:
        return None
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
        raise TypeError(f"upset({name}={v!r}): give a whole number >= {low} or None")
    if v < low:
        raise ValueError(f"upset({name}={v!r}): give a whole number >= {low} or None")
    return int(v)


def upset(
    sets: Any,
    *,
    mode: Literal["distinct", "intersect", "union"] = "distinct",
    order_by: Literal["size", "degree"] = "size",
    set_order: Literal["size", "input"] = "size",
    min_size: int = 1,
    max_degree: int | None = None,
    top_n: int | None = None,
    highlight: Sequence[str | Collection[Hashable]] | None = None,
    color: ColorType = "black",
    highlight_color: ColorType = "#d62728",
    bar_size: str | float = "25mm",
    figsize: tuple[float | str, float | str] | None = None,
    cell_size: float | str | tuple[float | str, float | str] | None = None,
    dpi: float = 100,
) -> UpSetGrid:
    """An UpSet plot: how many elements each combination of sets holds.

    Parameters
    ----------
    sets : dict, DataFrame or list of lists
        A dict set name -> elements (any iterable of hashable elements), a
        binary membership table (one row per element, one column per set,
        holding 0/1 or True/False), or a list of lists (sets named
        ``set1``, ``set2``, ...).  Only read, never changed.
    mode : {"distinct", "intersect", "union"}, default "distinct"
        ComplexHeatmap's ``make_comb_mat`` modes.  A combination's size
        counts the elements in exactly its sets and no other (distinct),
        in every one of its sets whatever else (intersect), or in at least
        one of its sets (union).  In distinct mode every element is
        counted once, so the sizes add up to the number of elements in any
        set.
    order_by : {"size", "degree"}, default "size"
        Combinations largest first, or by degree (how many sets, fewest
        first) and then largest first.  Ties: fewer sets first, then the
        combinations of earlier sets.
    set_order : {"size", "input"}, default "size"
        Sets largest first (ComplexHeatmap's default) or as given.
    min_size : int, default 1
        Leave out combinations smaller than this (empty ones always are,
        as in ``make_comb_mat``).
    max_degree : int, optional
        Leave out combinations of more sets than this.
    top_n : int, optional
        Keep the ``top_n`` largest combinations (after ``min_size`` and
        ``max_degree``).
    highlight : list, optional
        Combinations drawn in ``highlight_color`` (dots, line and bar):
        codes such as ``"110"`` (one character per set, in the input's set
        order) or collections of set names such as ``{"A", "B"}``.
    color : colour, default "black"
        Colour of the dots, lines and bars.
    highlight_color : colour, default "#d62728"
        Colour of highlighted combinations.
    bar_size : length, default "25mm"
        Height of the combination-size bars and width of the set-size bars.
    figsize, cell_size, dpi
        As for :class:`ClusterGrid`.

    Returns
    -------
    UpSetGrid
        A grid (sets x combinations) with set labels on the left, numbered
        combination sizes on top and numbered set sizes on the right; its
        ``combinations`` table holds the counts drawn.

    Examples
    --------
    >>> markers = cg.load_dataset("pbmc_markers")  # top 10 genes per cell type
    >>> sets = {k: v["gene"] for k, v in markers.groupby("group")}
    >>> g = cg.upset(sets, top_n=8)
    >>> fig = g.draw()
    >>> g.combinations["size"].tolist()  # largest first
    [10, 10, 10, 10, 10, 9, 9, 9]
    """
    table = membership(sets)
    clash = {"degree", "size", "highlighted"} & {str(c) for c in table.columns}
    if clash:
        raise ValueError(
            f"upset(sets=...): a set is named {sorted(clash)}, a column name of the "
            "combination table; rename it"
        )
    if order_by not in ("size", "degree"):
        raise ValueError(f"upset(order_by={order_by!r}): use 'size' or 'degree'")
    if set_order not in ("size", "input"):
        raise ValueError(f"upset(set_order={set_order!r}): use 'size' or 'input'")
    min_n = _check_count(min_size, "min_size", 1)
    max_d = _check_count(max_degree, "max_degree", 1)
    top = _check_count(top_n, "top_n", 1)
    _check_color(color, "upset color")
    _check_color(highlight_color, "upset highlight_color")
    combos = count_combinations(table, mode, max_d)
    combos = _order(combos, order_by, min_n or 1, max_d, top)
    if combos.empty:
        raise ValueError(
            "upset(): no combination is left to draw (every one is empty, smaller "
            "than min_size, or of more sets than max_degree); lower min_size or "
            "raise max_degree"
        )
    names = list(table.columns)
    wanted = [_combination_key(h, names) for h in (highlight or [])]
    codes = {"".join("1" if b else "0" for b in k) for k in wanted}
    missing = codes - set(combos.index)
    if missing:
        raise ValueError(
            f"upset(highlight=...): combination(s) {sorted(missing)} are not drawn "
            "(empty or filtered out); the drawn ones are in g.combinations"
        )
    hl = frozenset(codes)
    combos = combos.assign(highlighted=combos.index.isin(list(hl)))
    sizes = table.sum(axis=0).astype(int)
    if set_order == "size":
        sizes = sizes.iloc[np.argsort(-sizes.to_numpy(), kind="stable")]
    matrix = combos[names].T.astype(float).loc[sizes.index]
    g = UpSetGrid(
        matrix,
        cmap=mcolors.ListedColormap(["white"]),
        vmin=0,
        vmax=1,
        figsize=figsize,
        cell_size=cell_size,
        dpi=dpi,
        legends=False,
    )
    g.combinations, g.set_sizes, g.mode = combos, sizes, mode
    g.membership = table
    g.layer(CombinationDots(color, hl, highlight_color))
    g.add(Labels(), "left")
    g.add(
        CombinationBars(
            combos["size"],
            hl,
            highlight_color,
            color=color,
            numbers="d",
            label="Intersection size" if mode != "union" else "Union size",
        ),
        "top",
        size=bar_size,
    )
    g.add(
        BarTrack(sizes, color=color, numbers="d", label="Set size"),
        "right",
        size=bar_size,
    )
    return g
