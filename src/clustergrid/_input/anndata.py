"""AnnData input: cells x genes, or groups x genes aggregated as scanpy's
``matrixplot`` does.

The ``anndata`` package itself is not imported: any object with ``X``,
``obs``, ``var`` (and optionally ``layers``, ``raw``) in AnnData's layout is
read, so the optional extra ``clustergrid[anndata]`` is only needed to build
one.  Sparse matrices are aggregated without densifying them (an indicator
matrix product), and a cells x genes matrix is densified only after the
memory check of :func:`clustergrid._input.matrix.densify`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from types import TracebackType
from typing import Any

import numpy as np
import pandas as pd

from .matrix import _fmt_labels, densify, is_sparse

__all__ = ["ANNDATA_AGGREGATIONS", "anndata_matrix"]

ANNDATA_AGGREGATIONS = ("mean", "median", "max", "min", "sum", "count")


def _source(
    adata: Any, layer: Hashable | None, use_raw: bool
) -> tuple[Any, pd.DataFrame]:  # AnnData (untyped), its X: ndarray or scipy sparse
    """The matrix to read and its var table."""
    if layer is not None and use_raw:
        raise ValueError(
            "from_anndata: give layer= or use_raw=True, not both (adata.raw has "
            "no layers)"
        )
    if use_raw:
        raw = getattr(adata, "raw", None)
        if raw is None:
            raise ValueError(
                "from_anndata: use_raw=True but adata.raw is None; leave "
                "use_raw=False to read adata.X"
            )
        return raw.X, raw.var
    if layer is not None:
        layers = getattr(adata, "layers", {})
        if layer not in layers:
            raise ValueError(
                f"from_anndata: layer={layer!r} is not a layer of the AnnData; its "
                f"layers are {_fmt_labels(list(layers.keys()), limit=10) or 'none'}"
            )
        return layers[layer], adata.var
    if adata.X is None:
        raise ValueError("from_anndata: adata.X is None; pass layer= to read a layer")
    return adata.X, adata.var


def _select_vars(var: pd.DataFrame, var_names: object, use_raw: bool) -> np.ndarray:
    if var_names is None:
        return np.arange(len(var))
    if isinstance(var_names, (str, bytes)) or not hasattr(var_names, "__iter__"):
        var_names = [var_names]
    if isinstance(var_names, dict):
        raise TypeError(
            "from_anndata: var_names must be a list of genes; for scanpy's "
            "{group: [genes]} dict pass a flat list, e.g. sum(d.values(), [])"
        )
    sel = pd.Index(list(var_names))
    if len(sel) == 0:
        raise ValueError(
            "from_anndata: var_names is empty; give at least one gene, or None for all"
        )
    if not sel.is_unique:
        raise ValueError(
            f"from_anndata: var_names lists {_fmt_labels(sel[sel.duplicated()].unique())} "
            "more than once; name each gene once"
        )
    pos = var.index.get_indexer(sel)
    if (pos < 0).any():
        where = "adata.raw.var_names" if use_raw else "adata.var_names"
        hint = "" if use_raw else " (if they are in adata.raw, pass use_raw=True)"
        raise ValueError(
            f"from_anndata: gene(s) {_fmt_labels(sel[pos < 0])} are not in {where}{hint}"
        )
    return pos


def _groups(
    obs: pd.DataFrame, groupby: str | Sequence[str]
) -> tuple[pd.Categorical[Any], str]:  # categories of any label type
    keys = [groupby] if isinstance(groupby, str) else list(groupby)
    if not keys:
        raise ValueError("from_anndata: groupby is empty; give an obs column name")
    for k in keys:
        if k not in obs.columns:
            raise ValueError(
                f"from_anndata: groupby={k!r} is not a column of adata.obs; its "
                f"columns are {_fmt_labels(list(obs.columns), limit=10)}"
            )
        n_na = int(obs[k].isna().sum())
        if n_na:
            raise ValueError(
                f"from_anndata: obs column {k!r} is missing for {n_na} cell(s), so "
                f"they belong to no group; fill them (e.g. with 'unknown') or drop "
                f"those cells first"
            )
    if len(keys) == 1:
        col = obs[keys[0]]
        cat = (
            col.astype("category")
            if not isinstance(col.dtype, pd.CategoricalDtype)
            else col
        )
        return pd.Categorical(cat), keys[0]
    # several keys: combined labels "a_b", as scanpy does, ordered by the keys' categories
    parts = [
        obs[k]
        if isinstance(obs[k].dtype, pd.CategoricalDtype)
        else obs[k].astype("category")
        for k in keys
    ]
    codes = np.column_stack([p.cat.codes.to_numpy() for p in parts])
    uniq, inv = np.unique(codes, axis=0, return_inverse=True)
    cats = [
        # one code per key in each row of codes
        "_".join(str(p.cat.categories[c]) for p, c in zip(parts, row, strict=True))
        for row in uniq
    ]
    if len(set(cats)) != len(cats):
        raise ValueError(
            f"from_anndata: groupby={keys!r} gives ambiguous combined labels "
            f"(joined with '_'); combine the columns yourself into one obs column"
        )
    return (
        pd.Categorical.from_codes(inv.ravel(), categories=pd.Index(cats)),
        "_".join(keys),
    )


def _aggregate(
    X: Any, codes: np.ndarray, n_groups: int, agg: str, limit: int | None
) -> np.ndarray:
    """groups x columns of ``agg`` over the rows of each group; missing values skipped."""
    import scipy.sparse as sp

    n = X.shape[0]
    G = sp.csr_matrix((np.ones(n), (codes, np.arange(n))), shape=(n_groups, n))
    if agg in ("mean", "sum", "count"):
        if is_sparse(X):
            X = sp.csr_matrix(X, dtype=np.float64, copy=True)
            nan = np.isnan(X.data)
            isnan = sp.csr_matrix(
                (nan.astype(np.float64), X.indices, X.indptr), shape=X.shape
            )
            X.data[nan] = 0.0
            s = np.asarray((G @ X).toarray())
            c = np.asarray(G.sum(axis=1)).reshape(-1, 1) - np.asarray(
                (G @ isnan).toarray()
            )
        else:
            A = np.asarray(X, dtype=np.float64)
            ok = ~np.isnan(A)
            s = np.asarray(G @ np.where(ok, A, 0.0))
            c = np.asarray(G @ ok.astype(np.float64))
        if agg == "count":
            return c
        if agg == "sum":
            return np.where(c > 0, s, np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(c > 0, s / c, np.nan)
    fns: dict[str, Callable[..., np.ndarray]] = {
        "median": np.nanmedian,
        "max": np.nanmax,
        "min": np.nanmin,
    }
    fn = fns[agg]
    out = np.empty((n_groups, X.shape[1]))
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(n_groups + 1))
    for k in range(n_groups):  # one dense block per group (checked against the limit)
        rows = order[bounds[k] : bounds[k + 1]]
        block = X[rows]
        block = (
            densify(block, f"group {k}'s cells", limit)
            if is_sparse(block)
            else np.asarray(block, dtype=np.float64)
        )
        with np.errstate(all="ignore"), _quiet():
            out[k] = fn(block, axis=0)
    return out


class _quiet:
    """Silence numpy's all-NaN-slice warnings (those cells are NaN, drawn empty)."""

    def __enter__(self) -> None:
        import warnings

        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(
        self,
        typ: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._w.__exit__(typ, exc, tb)


def anndata_matrix(
    adata: Any,  # an anndata.AnnData (an optional dependency without types)
    var_names: object = None,
    *,
    groupby: str | Sequence[str] | None = None,
    layer: Hashable | None = None,
    use_raw: bool = False,
    agg: str = "mean",
    max_bytes: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The heatmap matrix of an AnnData and its row and column tables.

    Returns
    -------
    matrix : DataFrame
        cells x genes (index ``obs_names``), or groups x genes.
    rows : DataFrame
        Per row: ``adata.obs`` (cells), or per group ``n_cells`` and every obs
        column that is constant within each group.
    cols : DataFrame
        ``adata.var`` (or ``adata.raw.var``) of the selected genes.
    """
    if not all(hasattr(adata, a) for a in ("X", "obs", "var")):
        raise TypeError(
            f"from_anndata needs an AnnData (with .X, .obs and .var), got "
            f"{type(adata).__name__}; for a DataFrame use ClusterGrid(df)"
        )
    if not (isinstance(agg, str) and agg in ANNDATA_AGGREGATIONS):
        raise ValueError(
            f"from_anndata: unknown agg={agg!r}; use one of "
            f"{', '.join(repr(a) for a in ANNDATA_AGGREGATIONS)}"
        )
    if groupby is None and agg != "mean":
        raise ValueError(
            f"from_anndata: agg={agg!r} combines the cells of each group, so it "
            "needs groupby= (an obs column); without it every cell is a row"
        )
    X, var = _source(adata, layer, use_raw)
    obs = adata.obs
    pos = _select_vars(var, var_names, use_raw)
    whole = len(pos) == X.shape[1] and np.array_equal(pos, np.arange(X.shape[1]))
    Xs = X if whole else X[:, pos]
    genes = var.index[pos]
    cols = var.iloc[pos].copy()
    if getattr(Xs, "dtype", np.dtype(float)).kind not in "biuf":
        raise TypeError(
            f"from_anndata: the matrix has dtype {Xs.dtype}; it must hold real numbers"
        )
    hint = " (e.g. var_names=[...] genes, or groupby= to aggregate the cells)"
    if groupby is None:
        values = (
            densify(Xs, "the AnnData matrix (cells x genes)", max_bytes, hint)
            if is_sparse(Xs)
            else np.array(Xs, dtype=np.float64)
        )
        frame = pd.DataFrame(
            values, index=pd.Index(obs.index), columns=genes, copy=False
        )
        return frame, obs.copy(), cols
    cat, name = _groups(obs, groupby)
    present = np.unique(cat.codes)
    codes = np.searchsorted(present, cat.codes)
    labels = cat.categories[present]
    values = _aggregate(Xs, codes, len(present), agg, max_bytes)
    index = pd.Index(labels, name=name)
    frame = pd.DataFrame(values, index=index, columns=genes)
    rows = pd.DataFrame(index=index)
    rows["n_cells"] = np.bincount(codes, minlength=len(present))
    grp = pd.Series(codes, index=obs.index)
    for c in obs.columns:
        col = obs[c]
        if isinstance(groupby, str) and c == groupby:
            continue
        nun = col.groupby(grp.to_numpy(), sort=True).nunique(dropna=False)
        if len(nun) == len(present) and (nun <= 1).all():
            first = col.groupby(grp.to_numpy(), sort=True).first()
            rows[c] = first.to_numpy()
    return frame, rows, cols
