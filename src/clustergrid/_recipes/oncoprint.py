"""The oncoPrint: genes x samples, a grey background cell per gene and
sample with each alteration type drawn over it in its own colour and shape;
stacked bars of alterations per sample (top) and per gene (right), the
percentage of altered samples beside each gene, and a legend of the types."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, cast

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection

from .._body.layers import Cells, Layer, _check_color, cell_points
from .._plan.palettes import categorical_colors
from ..grid import ClusterGrid
from ..panels.labels import Labels
from ..panels.legends import Legends
from ..panels.tracks import BarTrack
from .alterations import alteration_tables, gene_order, memo_sort

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .._plan.plan import OrderedMatrix

__all__ = ["OncoPrintGrid", "oncoprint", "SHAPES"]

#: shape -> (width, height) as fractions of the cell; "marker" is a marker
SHAPES: dict[str, tuple[float, float]] = {
    "fill": (0.9, 0.9),
    "bar": (0.9, 0.33),
    "box": (0.5, 0.5),
}
_BACKGROUND = "#CCCCCC"  # ComplexHeatmap's background cell
_KNOWN = {  # common type names: ComplexHeatmap's usual colours and shapes
    "AMP": ("#d62728", "fill"),
    "GAIN": ("#ff9896", "fill"),
    "HOMDEL": ("#1f77b4", "fill"),
    "DEL": ("#1f77b4", "fill"),
    "MUT": ("#2ca02c", "bar"),
    "TRUNC": ("#000000", "bar"),
    "FUSION": ("#9467bd", "box"),
}
AlterFun = Callable[["Axes", np.ndarray, np.ndarray, float, float], object]


class OncoPrintGrid(ClusterGrid):
    """The grid :func:`~clustergrid.oncoprint` returns: a
    :class:`ClusterGrid` of genes x samples whose cells count the alteration
    types of each gene in each sample, with the tables behind it.

    Parameters
    ----------
    data : DataFrame
        Genes x samples, the number of alteration types per cell.  The
        other options are :class:`ClusterGrid`'s; build one with
        :func:`~clustergrid.oncoprint`.

    Attributes
    ----------
    alterations : dict of str to pandas.DataFrame
        Per type, in drawing order, a boolean genes x samples table.
    gene_counts, sample_counts : pandas.DataFrame
        Altered samples per gene and type (genes x types), and alterations
        per sample and type (samples x types): the stacked bars' lengths.
    percent : pandas.Series
        Per gene, the percentage of samples with any alteration (written
        beside the gene).
    styles : dict of str to tuple
        Per type, ``(colour, shape)`` as drawn.

    Examples
    --------
    >>> g = cg.oncoprint(cg.load_dataset("lung_cohort"))
    >>> isinstance(g, cg.OncoPrintGrid), g.row_order[0]
    (True, 'TP53')
    """

    alterations: dict[str, pd.DataFrame]
    gene_counts: pd.DataFrame
    sample_counts: pd.DataFrame
    percent: pd.Series
    styles: dict[str, tuple[Any, Any]]


class AlterationCells(Layer):
    """The oncoPrint body: a grey background rectangle per cell, then each
    type in order (one collection per type and heatmap block)."""

    def __init__(
        self, tables: dict[str, pd.DataFrame], styles: dict[str, tuple[Any, Any]]
    ) -> None:
        self.tables, self.styles = tables, styles

    def draw(self, ax: Axes, cells: Cells, comp: OrderedMatrix) -> list[object]:
        out: list[object] = [
            _rects(ax, cells.x, cells.y, 0.9, 0.9, _BACKGROUND, "background")
        ]
        for t, table in self.tables.items():
            on = cells.lookup(table).astype(bool)
            x, y = cells.x[on], cells.y[on]
            color, shape = self.styles[t]
            if callable(shape):
                xlim, ylim = ax.get_xlim(), ax.get_ylim()
                out.append(shape(ax, x, y, 1.0, 1.0))
                ax.set_xlim(*xlim)
                ax.set_ylim(*ylim)
            elif shape in SHAPES:
                w, h = SHAPES[shape]
                out.append(_rects(ax, x, y, w, h, color, t))
            else:
                pts = 0.6 * cell_points(ax)
                sc = ax.scatter(x, y, s=pts**2, marker=shape, color=color, zorder=3)
                sc.set_label(f"clustergrid:alteration:{t}")
                out.append(sc)
        return out


class TypeBars(BarTrack):
    """Stacked bars of alteration types; only one of the oncoPrint's two
    offers the types' legend (``legend=False`` for the other)."""

    def __init__(self, values: pd.DataFrame, *, legend: bool, **kwargs: Any) -> None:
        super().__init__(values, **kwargs)
        self._offers = legend

    def offers_legend(self) -> bool:
        """True for the bars that show the types' legend."""
        return self._offers

    def legend(self, ctx: Any) -> Any:
        """The types' colours, from the bars that offer them."""
        return super().legend(ctx) if self._offers else None


def _rects(
    ax: Axes, x: np.ndarray, y: np.ndarray, w: float, h: float, color: Any, name: str
) -> PolyCollection:
    x0, x1, y0, y1 = x - w / 2, x + w / 2, y - h / 2, y + h / 2
    verts = (
        np.stack(
            [
                np.stack([x0, y0], 1),
                np.stack([x1, y0], 1),
                np.stack([x1, y1], 1),
                np.stack([x0, y1], 1),
            ],
            axis=1,
        )
        if len(x)
        else np.zeros((0, 4, 2))
    )
    pc = PolyCollection(list(verts), facecolors=color, edgecolors="none", zorder=2)
    pc.set_label(f"clustergrid:alteration:{name}")
    ax.add_collection(pc)
    return pc


def _styles(
    types: list[str], alter_fun: Mapping[str, Any] | None
) -> dict[str, tuple[Any, Any]]:
    """type -> (colour, shape), in drawing order: alter_fun's order, else
    full cells first, then bars, boxes and markers (each as first seen)."""
    given = dict(alter_fun or {})
    unknown = [k for k in given if k not in types]
    if unknown:
        raise ValueError(
            f"oncoprint(alter_fun=...): type(s) {unknown[:3]} are not in the data; "
            f"its types are {types}"
        )
    auto = categorical_colors([t for t in types if t not in _KNOWN], None)
    styles: dict[str, tuple[Any, Any]] = {}
    for t in types:
        color, shape = _KNOWN.get(t, (auto.get(t), "bar" if styles else "fill"))
        spec = given.get(t)
        if callable(spec):
            shape = spec
        elif isinstance(spec, Mapping):
            bad = set(spec) - {"color", "shape"}
            if bad:
                raise ValueError(
                    f"oncoprint(alter_fun={{{t!r}: ...}}) takes 'color' and 'shape', "
                    f"got {sorted(bad)}"
                )
            color = cast(
                Any, _check_color(spec.get("color", color), f"alter_fun {t!r} color")
            )
            shape = spec.get("shape", shape)
            if not isinstance(shape, str):
                raise TypeError(
                    f"oncoprint(alter_fun={{{t!r}: {{'shape': {shape!r}}}}}): a shape "
                    "is 'fill', 'bar', 'box' or a matplotlib marker such as 'x'"
                )
            if shape not in SHAPES:
                import matplotlib.markers as mmarkers

                try:
                    mmarkers.MarkerStyle(shape)
                except ValueError:
                    raise ValueError(
                        f"oncoprint(alter_fun={{{t!r}: {{'shape': {shape!r}}}}}): use "
                        "'fill', 'bar', 'box' or a matplotlib marker such as 'x'"
                    ) from None
        elif spec is not None:
            raise TypeError(
                f"oncoprint(alter_fun={{{t!r}: ...}}): give a dict(color=..., "
                f"shape=...) or a function fn(ax, x, y, w, h); got "
                f"{type(spec).__name__}"
            )
        styles[t] = (color, shape)
    if alter_fun is not None:
        order = list(given) + [t for t in types if t not in given]
    else:
        rank = {"fill": 0, "bar": 1, "box": 2}
        order = sorted(
            types,
            key=lambda t: (
                rank.get(styles[t][1], 3) if isinstance(styles[t][1], str) else 3
            ),
        )
    return {t: styles[t] for t in order}


def oncoprint(
    data: Any,
    *,
    sep: str = ";",
    alter_fun: Mapping[str, Mapping[str, Any] | AlterFun] | None = None,
    samples: list[Hashable] | pd.Index | None = None,
    sort_genes: bool = True,
    sort_samples: bool = True,
    bar_size: str | float = "18mm",
    pct: bool = True,
    legend_side: str = "right",
    figsize: tuple[float | str, float | str] | None = None,
    cell_size: float | str | tuple[float | str, float | str] | None = None,
    dpi: float = 100,
) -> OncoPrintGrid:
    """An oncoPrint: which genes are altered in which samples, and how.

    Parameters
    ----------
    data : DataFrame or dict
        One of: a gene x sample table of alteration strings (``"AMP;MUT"``,
        split at ``sep``; empty or NaN for none); a dict type -> boolean
        gene x sample table; or a long table, one row per alteration, with
        columns ``sample``, ``gene``, ``type`` or a MAF's
        ``Tumor_Sample_Barcode``, ``Hugo_Symbol``, ``Variant_Classification``
        (read by name; a row with no gene or type keeps its sample in the
        cohort).  Only read, never changed.
    sep : str, default ";"
        The separator of the string table.
    alter_fun : dict, optional
        Per type, ``dict(color=..., shape=...)`` with shape ``"fill"`` (the
        whole cell), ``"bar"`` (a third of its height), ``"box"`` (a small
        square) or a matplotlib marker (``"x"``, ``"*"``), or a function
        ``fn(ax, x, y, w, h)`` drawing the type's cells itself (``x``, ``y``
        arrays of cell centres, ``w``, ``h`` the cell size, in data
        coordinates; as ComplexHeatmap's ``alter_fun``).  Types are drawn
        over the grey background in this dict's order (types left out
        follow); without it, full cells first, then bars, boxes, markers.
        Default colours and shapes: AMP red and HOMDEL/DEL blue full cells,
        MUT a green bar, TRUNC a black bar, FUSION a purple box; others
        from tab10.
    samples : list, optional
        The whole cohort, so that samples without any alteration count in
        the percentages (a long table lists only altered samples).
    sort_genes : bool, default True
        ComplexHeatmap's gene order: by number of alterations (all types),
        then by altered samples, decreasing.  False keeps the input order.
    sort_samples : bool, default True
        ComplexHeatmap's memo sort of the samples (see Notes).  False keeps
        the input order.
    bar_size : length, default "18mm"
        Height of the top bars and width of the right bars.
    pct : bool, default True
        Write each gene's percentage of altered samples on the left.
    legend_side : {"right", "bottom"}, default "right"
        Where the legend of the types goes ("bottom" leaves the heatmap
        more width in a narrow figure).
    figsize, cell_size, dpi
        As for :class:`ClusterGrid`.

    Returns
    -------
    OncoPrintGrid
        Genes x samples with gene names on the right, then the stacked bars
        of altered samples per gene by type; the stacked bars of alterations
        per sample by type on top; a legend of the types.

    Notes
    -----
    The memo sort is ComplexHeatmap's ``oncoprint_column_order()``: with the
    genes in their drawn order (``i = 1..n``) and ``x_i`` the number of
    alteration types of gene ``i`` in a sample, the sample scores
    ``sum(2 ** (n - i / x_i))`` over its altered genes, and samples are
    drawn by score, highest first, ties in input order.  So samples altered
    in the first gene come first, then those altered in the second, and a
    cell with two types outranks one with one.

    Examples
    --------
    >>> cohort = cg.load_dataset("lung_cohort")  # synthetic: sample, gene, type
    >>> g = cg.oncoprint(cohort, samples=cohort["sample"].unique())
    >>> fig = g.draw()
    >>> float(g.percent["TP53"])  # % of the 40 samples
    45.0
    """
    if legend_side not in ("right", "bottom"):
        raise ValueError(
            f"oncoprint(legend_side={legend_side!r}): use 'right' or 'bottom'"
        )
    tables = alteration_tables(data, sep)
    if not tables:
        raise ValueError(
            "oncoprint(data=...) holds no alteration; give at least one gene with "
            "an alteration type"
        )
    first = next(iter(tables.values()))
    if samples is not None:
        cohort = pd.Index(pd.unique(pd.Series(list(samples), dtype=object)))
        extra = first.columns.difference(cohort, sort=False)
        if len(extra):
            raise ValueError(
                f"oncoprint(samples=...) leaves out sample(s) {list(extra[:3])} of "
                "the data; list every sample of the cohort"
            )
        tables = {
            k: v.reindex(columns=cohort, fill_value=False) for k, v in tables.items()
        }
        first = next(iter(tables.values()))
    styles = _styles(list(tables), alter_fun)
    tables = {t: tables[t] for t in styles}
    count = sum((t.astype(int) for t in tables.values()), start=0 * first.astype(int))
    rows = gene_order(count) if sort_genes else count.index
    cols = memo_sort(count.loc[rows]) if sort_samples else count.columns
    gene_counts = pd.DataFrame({t: v.sum(axis=1) for t, v in tables.items()})
    sample_counts = pd.DataFrame({t: v.sum(axis=0) for t, v in tables.items()})
    percent = (count > 0).sum(axis=1) / count.shape[1] * 100
    g = OncoPrintGrid(
        count.astype(float),
        cmap=mcolors.ListedColormap(["white"]),
        vmin=0,
        vmax=1,
        figsize=figsize,
        cell_size=cell_size,
        dpi=dpi,
        legends=True,
    )
    g.alterations, g.styles = tables, styles
    g.gene_counts, g.sample_counts, g.percent = gene_counts, sample_counts, percent
    g.order(rows=list(rows), cols=list(cols))
    g.layer(AlterationCells(tables, styles))
    palette = {t: (c if c is not None else "0.5") for t, (c, _) in styles.items()}
    g.add(
        TypeBars(sample_counts, legend=True, color=palette, name="Alterations"),
        "top",
        size=bar_size,
    )
    if pct:
        g.add(Labels(formatter=lambda k: f"{percent[k]:.0f}%"), "left")
    g.add(Labels(), "right")
    g.add(
        TypeBars(gene_counts, legend=False, color=palette, name="Alterations"),
        "right",
        size=bar_size,
    )
    g.add(Legends(scale=False), legend_side)
    return g
