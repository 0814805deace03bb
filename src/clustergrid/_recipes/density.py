"""The density heatmap: each column a distribution, drawn as a vertical
strip of its kernel density on one shared value axis (highest values on
top), with lines through the columns' quantiles and means, and optional
column clustering by the Kolmogorov-Smirnov distance between distributions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import matplotlib as mpl
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.transforms import blended_transform_factory

from .._body.layers import Cells, Layer
from .._input.frame import as_frame
from ..grid import ClusterGrid
from ..panels.base import Extent, Panel
from ..panels.dendrogram import Dendrogram
from ..sizes import Auto

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .._plan.plan import OrderedMatrix
    from ..panels.context import Context

__all__ = ["DensityGrid", "density_heatmap", "distributions", "ks_distances"]

_TICK_PT = 3.0


class DensityGrid(ClusterGrid):
    """The grid :func:`~clustergrid.density_heatmap` returns: a
    :class:`ClusterGrid` whose rows are points of the shared value axis
    (highest first) and columns the distributions; a cell is the column's
    density at that value.

    Parameters
    ----------
    data : DataFrame
        Values x distributions, the densities.  The other options are
        :class:`ClusterGrid`'s; build one with
        :func:`~clustergrid.density_heatmap`.

    Attributes
    ----------
    values : numpy.ndarray
        The value of each row, highest first.
    distributions : dict of str to numpy.ndarray
        Each column's finite values, as given.
    stats : pandas.DataFrame
        Per column (index), its quantiles (one column each, named by the
        probability) and ``mean``: where the lines are drawn.

    Examples
    --------
    >>> g = cg.density_heatmap({"a": [1, 2, 2, 3], "b": [2, 3, 3, 5]})
    >>> isinstance(g, cg.DensityGrid), float(g.stats.loc["b", "mean"])
    (True, 3.25)
    """

    values: np.ndarray
    distributions: dict[str, np.ndarray]
    stats: pd.DataFrame


def distributions(
    data: Any, group: str | None = None, value: str | None = None
) -> dict[str, np.ndarray]:
    """name -> finite float values, from a DataFrame's columns, a dict of
    arrays, or a long table with ``group`` and ``value`` columns."""
    data = as_frame(data)
    if isinstance(data, pd.DataFrame) and (group is not None or value is not None):
        if group not in data.columns or value not in data.columns:
            raise ValueError(
                f"density_heatmap(group={group!r}, value={value!r}): a long table "
                f"needs both, naming its columns; its columns are {list(data.columns)}"
            )
        items = [
            (str(k), v[value].to_numpy()) for k, v in data.groupby(group, sort=False)
        ]
    elif isinstance(data, pd.DataFrame):
        items = [(str(c), data[c].to_numpy()) for c in data.columns]
    elif isinstance(data, Mapping):
        items = [(str(k), np.asarray(v)) for k, v in data.items()]
    else:
        raise TypeError(
            "density_heatmap(data=...) takes a DataFrame (one distribution per "
            "column), a dict name -> values, or a long table with group= and "
            f"value=; got {type(data).__name__}"
        )
    if not items:
        raise ValueError("density_heatmap(data=...) holds no distribution")
    out: dict[str, np.ndarray] = {}
    for k, v in items:
        try:
            a = np.asarray(v, dtype=float).ravel()
        except (TypeError, ValueError):
            raise TypeError(
                f"density_heatmap: distribution {k!r} holds non-numbers; give numbers"
            ) from None
        a = a[np.isfinite(a)]
        if len(np.unique(a)) < 2:
            raise ValueError(
                f"density_heatmap: distribution {k!r} has {len(np.unique(a))} distinct "
                "finite value(s); a density needs at least two (drop that column)"
            )
        out[k] = a
    return out


def ks_distances(dists: Mapping[str, np.ndarray]) -> np.ndarray:
    """The Kolmogorov-Smirnov statistic between every two distributions
    (the largest gap between their empirical CDFs), as a square matrix."""
    from scipy.stats import ks_2samp

    arrs = list(dists.values())
    n = len(arrs)
    d = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            d[i, j] = d[j, i] = float(ks_2samp(arrs[i], arrs[j]).statistic)
    return d


class ValueAxis(Panel):
    """The shared value axis beside a density heatmap: round ticks at the
    rows where those values fall."""

    default_size = Auto

    def __init__(self, values: np.ndarray, fontsize: float | None = None) -> None:
        self.values, self.fontsize = values, fontsize

    def _fs(self) -> float:
        return (
            self.fontsize
            or mpl.font_manager.FontProperties(size="small").get_size_in_points()
        )

    def ticks(self) -> tuple[np.ndarray, list[str]]:
        """The tick values inside the axis's range and their labels."""
        hi, lo = float(self.values[0]), float(self.values[-1])
        t = np.asarray(mticker.MaxNLocator(nbins=5).tick_values(lo, hi), float)
        t = t[(t >= lo - 1e-12) & (t <= hi + 1e-12)]
        return t, [f"{x:g}" for x in t]

    def row_of(self, v: np.ndarray) -> np.ndarray:
        """The row coordinate (centre of row i at i + 0.5) of values ``v``."""
        hi, lo = float(self.values[0]), float(self.values[-1])
        return (hi - np.asarray(v, float)) / (hi - lo) * (len(self.values) - 1) + 0.5

    def measure(self, ctx: Context) -> Extent:
        """As thick as the widest tick label, its tick and gap."""
        _, labels = self.ticks()
        w = max((ctx.text_extent(s, fontsize=self._fs())[0] for s in labels), default=0)
        pad = mpl.rcParams["ytick.major.pad"] / 72
        return Extent(thickness=w + (_TICK_PT + 1) / 72 + pad)

    def draw(self, ax: Axes, ctx: Context) -> list[Any]:
        """Draw the ticks and labels at the panel's edge by the heatmap."""
        ax.set_axis_off()
        t, labels = self.ticks()
        y = self.row_of(t)
        tr = blended_transform_factory(ax.transAxes, ax.transData)
        width_in = ax.bbox.width / ctx.figure.dpi
        tick = _TICK_PT / 72 / max(width_in, 1e-9)
        pad = mpl.rcParams["ytick.major.pad"] / 72 / max(width_in, 1e-9)
        lines = LineCollection(
            [[(1 - tick, yy), (1, yy)] for yy in y],
            colors="black",
            linewidths=0.6,
            transform=tr,
        )
        ax.add_collection(lines, autolim=False)
        texts = [
            ax.text(
                1 - tick - pad,
                yy,
                s,
                ha="right",
                va="center",
                fontsize=self._fs(),
                transform=tr,
                parse_math=False,
            )
            for yy, s in zip(y, labels, strict=True)
        ]
        self.texts = texts
        return [lines, *texts]


class QuantileLines(Layer):
    """Lines through the columns' quantiles (solid) and means (dashed),
    one collection per kind and heatmap block."""

    def __init__(self, stats: pd.DataFrame, axis: ValueAxis, color: Any) -> None:
        self.stats, self.axis, self.color = stats, axis, color

    def draw(self, ax: Axes, cells: Cells, comp: OrderedMatrix) -> list[LineCollection]:
        n_rows = cells.shape[0]
        first = cells.i.min() if len(cells.i) else 0
        cols = list(dict.fromkeys(cells.col))
        xs = np.arange(len(cols)) + 0.5
        out = []
        for kind in self.stats.columns:
            y = self.axis.row_of(self.stats.loc[cols, kind].to_numpy()) - first
            seg = np.column_stack([xs, np.clip(y, 0, n_rows)])
            lc = LineCollection(
                [seg],
                colors=self.color,
                linewidths=0.8,
                linestyles="--" if kind == "mean" else "-",
                zorder=3,
            )
            lc.set_label(f"clustergrid:density:{kind}")
            ax.add_collection(lc, autolim=False)
            out.append(lc)
        return out


def density_heatmap(
    data: Any,
    *,
    group: str | None = None,
    value: str | None = None,
    n_points: int = 100,
    lim: tuple[float, float] | None = None,
    bw_method: str | float | None = None,
    quantiles: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0),
    mean: bool = True,
    cluster: bool = False,
    method: str = "average",
    cmap: str = "Blues",
    line_color: Any = "black",
    figsize: tuple[float | str, float | str] | None = None,
    cell_size: float | str | tuple[float | str, float | str] | None = None,
    dpi: float = 100,
) -> DensityGrid:
    """A density heatmap: each column a distribution, drawn as a vertical
    strip of its density on one shared value axis.

    Parameters
    ----------
    data : DataFrame, dict or long table
        One distribution per DataFrame column, per dict entry (name ->
        values), or per group of a long table (with ``group=`` and
        ``value=``).  Missing values are dropped.  Only read.
    group, value : str, optional
        The long table's group and value columns.
    n_points : int, default 100
        Rows: points of the value axis, evenly from the largest value of
        all distributions (top) to the smallest.
    lim : (low, high), optional
        The value axis's range instead (ComplexHeatmap's ``ylim``): the
        densities, computed from all values, are shown between these; lines
        of quantiles outside it stop at its ends.
    bw_method : str or float, optional
        ``scipy.stats.gaussian_kde``'s bandwidth (default Scott's rule).
    quantiles : sequence of float, default (0, 0.25, 0.5, 0.75, 1)
        Probabilities whose quantiles (numpy's default, linear) are joined
        across the columns by solid lines; empty for none.
    mean : bool, default True
        Join the columns' means by a dashed line.
    cluster : bool, default False
        Cluster the columns by the Kolmogorov-Smirnov distance between
        their distributions (``method`` linkage), with a dendrogram on top.
    method : str, default "average"
        scipy linkage method for ``cluster``.
    cmap : str, default "Blues"
        Colormap of the density.
    line_color : colour, default "black"
        Colour of the quantile and mean lines.
    figsize, cell_size, dpi
        As for :class:`ClusterGrid`.

    Returns
    -------
    DensityGrid
        Values x distributions with the value axis on the left, column
        names at the bottom and a density scale; add annotation bars on top
        with :meth:`~ClusterGrid.add`.

    Examples
    --------
    >>> x = cg.load_dataset("pbmc")
    >>> g = cg.density_heatmap(x[["CST3", "NKG7", "LYZ", "GNLY"]], cluster=True)
    >>> fig = g.draw()
    >>> list(g.stats.columns)
    ['0%', '25%', '50%', '75%', '100%', 'mean']
    """
    dists = distributions(data, group, value)
    if (
        isinstance(n_points, bool)
        or not isinstance(n_points, (int, np.integer))
        or n_points < 2
    ):
        raise ValueError(
            f"density_heatmap(n_points={n_points!r}): give a whole number >= 2"
        )
    qs = [float(q) for q in quantiles]
    if any(not 0 <= q <= 1 for q in qs):
        raise ValueError(
            f"density_heatmap(quantiles={list(quantiles)!r}): probabilities lie in "
            "[0, 1] (0.5 for the median)"
        )
    from scipy.stats import gaussian_kde

    lo = min(float(a.min()) for a in dists.values())
    hi = max(float(a.max()) for a in dists.values())
    if lim is not None:
        if (
            len(lim) != 2
            or not all(np.isfinite(float(v)) for v in lim)
            or not float(lim[0]) < float(lim[1])
        ):
            raise ValueError(
                f"density_heatmap(lim={lim!r}): give (low, high) with low < high"
            )
        lo, hi = float(lim[0]), float(lim[1])
    grid = np.linspace(hi, lo, int(n_points))
    dens = {
        k: gaussian_kde(a, bw_method=cast(Any, bw_method))(grid)
        for k, a in dists.items()
    }
    matrix = pd.DataFrame(dens, index=pd.Index([f"{v:.6g}" for v in grid]))
    if not matrix.index.is_unique:
        matrix.index = pd.Index([f"{i}:{v:.6g}" for i, v in enumerate(grid)])
    stats = pd.DataFrame(
        {
            f"{q * 100:g}%": [float(np.quantile(a, q)) for a in dists.values()]
            for q in qs
        },
        index=list(dists),
    )
    if mean:
        stats["mean"] = [float(a.mean()) for a in dists.values()]
    axis = ValueAxis(grid)
    g = DensityGrid(
        matrix, cmap=cmap, vmin=0, figsize=figsize, cell_size=cell_size, dpi=dpi
    )
    g.values, g.distributions, g.stats = grid, dists, stats
    if cluster and len(dists) > 1:
        from scipy.cluster.hierarchy import linkage
        from scipy.spatial.distance import squareform

        z = linkage(
            squareform(ks_distances(dists), checks=False), method=cast(Any, method)
        )
        g.cluster(rows=False, cols=z)
        g.add(Dendrogram(), "top", size="10mm")
    if len(stats.columns):
        g.layer(QuantileLines(stats, axis, line_color))
    g.add(axis, "left")
    from ..panels.labels import Labels
    from ..panels.scalebar import ScaleBar

    g.add(Labels(rotation=90), "bottom")
    g.add(ScaleBar(label="density"), "right")
    return g
