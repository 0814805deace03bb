"""The grid's constructors from other tables: a long (tidy) table pivoted
(:meth:`~clustergrid.ClusterGrid.from_long`) and an AnnData read
(:meth:`~clustergrid.ClusterGrid.from_anndata`), each handing the matrix to
the grid's own constructor."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from .anndata import anndata_matrix
from .matrix import pivot_long

if TYPE_CHECKING:  # pragma: no cover
    from typing_extensions import Self  # typing.Self from Python 3.11

__all__ = ["TableConstructors"]


class TableConstructors:
    """Adds :meth:`from_long` and :meth:`from_anndata` to a class whose
    constructor takes the matrix and keyword options (the grid), and that
    has ``obs`` and ``var`` attributes."""

    obs: pd.DataFrame | None
    var: pd.DataFrame | None

    if TYPE_CHECKING:  # the grid's constructor

        def __init__(self, data: Any, **grid_kwargs: Any) -> None: ...

    @classmethod
    def from_long(
        cls,
        df: pd.DataFrame,
        index: Hashable,
        columns: Hashable,
        values: Hashable,
        agg: str | Callable[[pd.Series], float] | None = "mean",
        **grid_kwargs: Any,
    ) -> Self:
        """A grid from a long (tidy) table, pivoted.

        Parameters
        ----------
        df : DataFrame
            One row per observation; not modified.
        index, columns, values : column names
            The heatmap's rows come from ``df[index]``, its columns from
            ``df[columns]``, the cells from ``df[values]``.
        agg : str, callable or None, default "mean"
            How several rows for one (index, column) pair are combined:
            "mean", "median", "max", "min", "sum", "count", or a function
            of a Series returning a number.  None requires each pair to
            occur once (a duplicated pair raises ValueError naming it).
        **grid_kwargs
            Passed to :class:`ClusterGrid` (cmap, center, z_score, ...).

        Notes
        -----
        Pairs that never occur are missing (NaN) and drawn as empty cells:
        ``nan_color`` if given, else the background.  Rows and columns are
        sorted (categoricals in category order).

        Examples
        --------
        >>> tidy = cg.load_dataset("pbmc_long")  # cell_type, gene, expression
        >>> g = cg.ClusterGrid.from_long(tidy, index="gene", columns="cell_type",
        ...                              values="expression", agg="mean")
        >>> g.matrix.shape  # genes x cell types
        (28, 10)
        """
        return cls(pivot_long(df, index, columns, values, agg), **grid_kwargs)

    @classmethod
    def from_anndata(
        cls,
        adata: Any,  # an anndata.AnnData (an optional dependency without types)
        var_names: Sequence[Hashable] | None = None,
        *,
        groupby: str | Sequence[str] | None = None,
        layer: str | None = None,
        use_raw: bool = False,
        agg: str = "mean",
        max_bytes: int | None = None,
        **grid_kwargs: Any,
    ) -> Self:
        """A grid from an AnnData (single-cell data): cells x genes, or
        groups x genes.

        Parameters
        ----------
        adata : anndata.AnnData
            Not modified.  ``X`` (or the layer) may be dense or scipy sparse.
        var_names : list of str, optional
            The genes (columns), in this order; default all.  A gene not in
            ``adata.var_names`` (or ``adata.raw.var_names``) raises
            ValueError naming it.
        groupby : str or list of str, optional
            obs column(s): one row per group (categories in their order,
            groups without cells left out; several columns give combined
            labels ``"a_b"``), each cell of the heatmap ``agg`` over the
            group's cells, as scanpy's ``matrixplot``.  Without it, one row
            per cell.
        layer : str, optional
            Read ``adata.layers[layer]`` instead of ``adata.X``.
        use_raw : bool, default False
            Read ``adata.raw.X`` (and ``adata.raw.var_names``).
        agg : {"mean", "median", "max", "min", "sum", "count"}
            How a group's cells are combined (missing values skipped;
            "count" counts the non-missing values, zeros included).  Only
            with ``groupby``.
        max_bytes : int, optional
            The largest dense float64 matrix a sparse one may be expanded
            to; default :data:`~clustergrid.DENSE_LIMIT_BYTES` (2 GiB).
            A larger one is refused before anything is allocated (mean, sum
            and count of groups never densify).
        **grid_kwargs
            Passed to :class:`ClusterGrid` (cmap, center, z_score, ...).

        Notes
        -----
        The returned grid keeps the row and column tables as :attr:`obs`
        (cells: ``adata.obs``; groups: ``n_cells`` and every obs column
        constant within each group) and :attr:`var`, so obs columns are
        annotation values by name: ``cg.AnnotationBar(g.obs["louvain"])``
        (a Series named after its column, aligned by label).  Needs the
        ``anndata`` extra only to build the AnnData.

        Examples
        --------
        >>> import anndata
        >>> adata = anndata.AnnData(cg.load_dataset("pbmc"), obs=cg.load_dataset("pbmc_obs"))
        >>> markers = ["CD3E", "LYZ", "NKG7", "CST3"]
        >>> g = (cg.ClusterGrid.from_anndata(adata, markers, groupby="bulk_labels",
        ...                                  standard_scale=1)
        ...      .cluster().add(cg.Labels(), "left"))
        >>> g.matrix.shape  # cell types x genes
        (10, 4)
        >>> int(g.obs["n_cells"].sum())
        700
        """
        frame, obs, var = anndata_matrix(
            adata,
            var_names,
            groupby=groupby,
            layer=layer,
            use_raw=use_raw,
            agg=agg,
            max_bytes=max_bytes,
        )
        g = cls(frame, **grid_kwargs)
        g.obs, g.var = obs, var
        return g
