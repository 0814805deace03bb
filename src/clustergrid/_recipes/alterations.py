"""Alteration tables for oncoPrints: a gene x sample table of strings
(``"AMP;MUT"``), a dict type -> boolean gene x sample table, or a long table
(sample, gene, type; a MAF's columns by name) becomes one boolean table per
alteration type, all labelled alike; and ComplexHeatmap's default orders
(genes by alteration count, samples by its memo sort)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .._input.frame import as_frame

__all__ = ["alteration_tables", "gene_order", "memo_sort", "MAF_COLUMNS"]

#: A MAF's columns for (sample, gene, type), read by name.
MAF_COLUMNS = ("Tumor_Sample_Barcode", "Hugo_Symbol", "Variant_Classification")
_LONG_COLUMNS = ("sample", "gene", "type")

Tables = dict[str, pd.DataFrame]


def alteration_tables(data: Any, sep: str = ";") -> Tables:
    """type -> boolean gene x sample table (every table with the same genes
    and samples, in first-seen order).  ``data`` is only read."""
    data = as_frame(data)
    if isinstance(data, Mapping):
        return _from_dict(data)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            "oncoprint(data=...) takes a gene x sample table of alteration strings "
            "(e.g. 'AMP;MUT'), a dict type -> boolean gene x sample table, or a "
            f"long table with columns sample, gene, type; got {type(data).__name__}"
        )
    for cols in (MAF_COLUMNS, _LONG_COLUMNS):
        if set(cols) <= set(data.columns):
            return _from_long(data, cols)
    return _from_strings(data, sep)


def _check_labels(index: pd.Index, what: str) -> None:
    if not index.is_unique:
        dup = index[index.duplicated()].unique()[:3].tolist()
        raise ValueError(
            f"oncoprint(data=...): {what} {dup} appear more than once; give each "
            f"{what[:-1]} one row or column"
        )


def _from_strings(df: pd.DataFrame, sep: str) -> Tables:
    if not isinstance(sep, str) or not sep:
        raise ValueError(f"oncoprint(sep={sep!r}): give the separator, e.g. ';'")
    _check_labels(df.index, "genes")
    _check_labels(df.columns, "samples")
    cells: dict[str, np.ndarray] = {}
    arr = df.to_numpy(dtype=object)
    for (i, j), v in np.ndenumerate(arr):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        if not isinstance(v, str):
            raise TypeError(
                f"oncoprint(data=...): cell ({df.index[i]!r}, {df.columns[j]!r}) "
                f"holds {v!r}; a gene x sample table holds alteration strings such "
                f"as 'AMP{sep}MUT' ('' or NaN for none)"
            )
        for t in v.split(sep):
            t = t.strip()
            if t:
                cells.setdefault(t, np.zeros(arr.shape, bool))[i, j] = True
    return {
        t: pd.DataFrame(m, index=df.index, columns=df.columns) for t, m in cells.items()
    }


def _from_long(df: pd.DataFrame, cols: tuple[str, str, str]) -> Tables:
    s, g, t = (df[c] for c in cols)
    samples = pd.Index(pd.unique(s.dropna()))
    ok = g.notna() & t.notna() & (g.astype(str) != "") & (t.astype(str) != "")
    genes = pd.Index(pd.unique(g[ok]))
    out: Tables = {}
    for typ in pd.unique(t[ok]):
        hit = ok & (t == typ)
        m = pd.DataFrame(False, index=genes, columns=samples)
        for gene, sample in zip(g[hit], s[hit], strict=True):
            m.loc[gene, sample] = True
        out[str(typ)] = m
    return out


def _from_dict(data: Mapping[Any, Any]) -> Tables:
    if not data:
        raise ValueError("oncoprint(data={}) holds no alteration type")
    frames = {}
    for k, v in data.items():
        v = as_frame(v)
        if not isinstance(v, pd.DataFrame):
            raise TypeError(
                f"oncoprint(data=...): type {k!r} is a {type(v).__name__}; give a "
                "boolean gene x sample DataFrame per type"
            )
        _check_labels(v.index, "genes")
        _check_labels(v.columns, "samples")
        if not all(pd.api.types.is_bool_dtype(d) for d in v.dtypes):
            vals = pd.unique(v.to_numpy().ravel())
            if not set(vals.tolist()) <= {0, 1}:
                raise ValueError(
                    f"oncoprint(data=...): the table of type {k!r} holds "
                    f"{[x for x in vals if x not in (0, 1)][:3]}; give True/False "
                    "(or 0/1) per gene and sample"
                )
        frames[str(k)] = v
    genes = pd.Index(pd.unique(np.concatenate([f.index for f in frames.values()])))
    samples = pd.Index(pd.unique(np.concatenate([f.columns for f in frames.values()])))
    return {
        k: f.reindex(index=genes, columns=samples).fillna(False).astype(bool)
        for k, f in frames.items()
    }


def gene_order(count: pd.DataFrame) -> pd.Index:
    """ComplexHeatmap's ``oncoprint_row_order()``: genes by their number of
    alterations (all types summed) and then by altered samples, both
    decreasing; ties keep the input order (R's ``order`` is stable)."""
    total = count.sum(axis=1).to_numpy()
    n_mut = (count > 0).sum(axis=1).to_numpy()
    idx = np.lexsort((np.arange(len(total)), -n_mut, -total))
    return count.index[idx]


def memo_sort(count: pd.DataFrame) -> pd.Index:
    """ComplexHeatmap's ``oncoprint_column_order()`` (memo sort) of the
    columns of ``count`` (types per cell, rows already in gene order): each
    sample scores the sum over its altered genes ``i`` (1-based, in gene
    order) of ``2 ** (n - i / x_i)``, ``n`` the number of genes and ``x_i``
    the number of types in the cell; samples by score decreasing, ties in
    input order."""
    x = count.to_numpy(dtype=float)
    n = x.shape[0]
    i = np.arange(1, n + 1, dtype=float)[:, None]
    with np.errstate(divide="ignore"):
        terms = np.where(x > 0, np.exp2(n - i / np.where(x > 0, x, 1.0)), 0.0)
    scores = terms.sum(axis=0)
    return count.columns[np.argsort(-scores, kind="stable")]
