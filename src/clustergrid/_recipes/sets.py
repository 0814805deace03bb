"""Set membership and combination sizes for UpSet plots: sets given as a
dict, a binary membership table or a list of lists become one boolean
element x set table, whose combinations are counted in ComplexHeatmap's
three ``make_comb_mat`` modes (distinct, intersect, union)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from .._input.frame import as_frame

__all__ = ["membership", "count_combinations", "MODES"]

MODES = ("distinct", "intersect", "union")
_MAX_COMBINATIONS = 1 << 16


def _iterable(v: object, name: object) -> list[Hashable]:
    if isinstance(v, (str, bytes)) or not isinstance(v, Iterable):
        raise TypeError(
            f"upset(sets=...): set {name!r} is a {type(v).__name__}, not a "
            "collection of elements; give a list, set or array of elements "
            "(a single string would be read as its letters)"
        )
    return list(v)


def membership(sets: Any) -> pd.DataFrame:
    """A boolean table, elements x sets, from what ``upset(sets=...)`` was
    given.  The user's object is only read."""
    sets = as_frame(sets)
    if isinstance(sets, pd.DataFrame):
        return _from_table(sets)
    if isinstance(sets, Mapping):
        items = [(k, _iterable(v, k)) for k, v in sets.items()]
    elif isinstance(sets, (list, tuple)):
        items = [(f"set{i + 1}", _iterable(v, i)) for i, v in enumerate(sets)]
    else:
        raise TypeError(
            f"upset(sets=...) takes a dict name -> elements, a binary membership "
            f"DataFrame (elements x sets) or a list of lists, got "
            f"{type(sets).__name__}"
        )
    if not items:
        raise ValueError("upset(sets=...) got no sets; give at least one")
    names = [k for k, _ in items]
    if len(set(map(str, names))) != len(names):
        raise ValueError(
            f"upset(sets=...): set names {names} are not unique as text; rename them"
        )
    elements = pd.Index(pd.unique(pd.Series([e for _, v in items for e in v])))
    table = pd.DataFrame(
        {k: elements.isin(pd.Index(v)) for k, v in items}, index=elements
    )
    table.columns = pd.Index(names, dtype=object)
    return table


def _from_table(df: pd.DataFrame) -> pd.DataFrame:
    if df.shape[1] == 0:
        raise ValueError("upset(sets=...) got a DataFrame with no columns (sets)")
    if not df.columns.is_unique:
        raise ValueError("upset(sets=...): the DataFrame's column names (sets) repeat")
    out = {}
    for c in df.columns:
        col = df[c]
        if pd.api.types.is_bool_dtype(col) and not col.isna().any():
            out[c] = col.to_numpy(dtype=bool)
            continue
        v = pd.to_numeric(col, errors="coerce")
        ok = v.isin([0, 1]) & col.notna()
        if not ok.all():
            bad = col[~ok].iloc[0]
            raise ValueError(
                f"upset(sets=...): column {c!r} holds {bad!r}; a membership table "
                "holds only 0/1 or True/False (one row per element, one column "
                "per set)"
            )
        out[c] = v.to_numpy() == 1
    table = pd.DataFrame(out, index=df.index)
    table.columns = pd.Index(list(df.columns), dtype=object)
    return table


def _codes(keys: np.ndarray) -> list[str]:
    return ["".join("1" if b else "0" for b in k) for k in keys]


def count_combinations(
    table: pd.DataFrame, mode: str, max_degree: int | None = None
) -> pd.DataFrame:
    """Every non-empty combination's size in ``mode``, unordered: one row
    per combination, a boolean column per set, ``degree`` and ``size``, and
    the index the combination's code ("101": in the first and third set).

    distinct: elements in exactly these sets and no other; intersect: in
    every one of these sets (others allowed); union: in at least one of
    them.  Combinations of size 0 are left out, as ``make_comb_mat`` does."""
    if mode not in MODES:
        raise ValueError(
            f"upset(mode={mode!r}): use 'distinct', 'intersect' or 'union' "
            "(ComplexHeatmap's make_comb_mat modes)"
        )
    b = table.to_numpy(dtype=bool)
    b = b[b.any(axis=1)]
    n = b.shape[1]
    pats, counts = (
        np.unique(b, axis=0, return_counts=True)
        if len(b)
        else (np.zeros((0, n), bool), np.zeros(0, int))
    )
    top = n if max_degree is None else min(max_degree, n)
    if mode == "distinct":
        keep = pats.sum(axis=1) <= top
        keys, sizes = pats[keep], counts[keep]
    else:
        n_comb = sum(_n_choose(n, d) for d in range(1, top + 1))
        if n_comb > _MAX_COMBINATIONS:
            raise ValueError(
                f"upset(mode={mode!r}) with {n} sets has {n_comb} combinations to "
                f"count; give max_degree= (e.g. 3) or fewer sets"
            )
        keys = np.zeros((n_comb, n), bool)
        row = 0
        for d in range(1, top + 1):
            for idx in combinations(range(n), d):
                keys[row, list(idx)] = True
                row += 1
        # pattern p is in combination k: all of k (intersect), any of k (union)
        hit = pats.astype(np.int64) @ keys.T.astype(np.int64)  # shared sets
        if mode == "intersect":
            inside = hit == keys.sum(axis=1)[None, :]
        else:
            inside = hit > 0
        sizes = counts @ inside if len(pats) else np.zeros(len(keys), int)
        keys, sizes = keys[sizes > 0], sizes[sizes > 0]
    out = pd.DataFrame(keys, columns=table.columns, index=_codes(keys))
    out["degree"] = keys.sum(axis=1).astype(int)
    out["size"] = np.asarray(sizes, dtype=int)
    out.index.name = "combination"
    return out


def _n_choose(n: int, k: int) -> int:
    from math import comb

    return comb(n, k)
