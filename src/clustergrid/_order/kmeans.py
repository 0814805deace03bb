"""Lloyd's k-means: one assignment step, one update step, one loop.

Every k-means in clustergrid is built from these:

* ``split(rows=k, kmeans=True)`` (:func:`clustergrid._order.split.kmeans_labels`):
  :func:`lloyd` from k-means++ seeds until no label changes;
* the micro-clusters of the two-stage tree
  (:func:`clustergrid._order.linkage.linkage_large`): :func:`lloyd` with
  ``reseed_empty=True`` and a tolerance, and :func:`assign` alone for the
  one pass over all rows;
* the dask path (:mod:`clustergrid._order.dask`): :func:`assign` and
  :func:`group_sum` on each chunk, the chunks' sums added up, then
  :func:`update` on the driver.

The steps
---------
:func:`assign`
    The nearest centre of every row by squared euclidean distance, one BLAS
    product per chunk of rows.
:func:`group_sum` and :func:`update`
    Each centre becomes the mean of its rows (the rows' sums per label,
    divided by the counts); a centre with no rows keeps its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:  # pragma: no cover
    from .._support.progress import _Stage

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

__all__ = ["assign", "group_sum", "lloyd", "update"]


def assign(
    F: FloatArray,
    C: FloatArray,
    fsq: FloatArray | None = None,
    chunk_elems: int = 4 * 2**20,
) -> tuple[IntArray, FloatArray | None]:
    """Nearest centre (squared euclidean) for every row of F.

    One BLAS product per chunk of rows: ``|c|^2 - 2 f.c`` (the row's own
    ``|f|^2`` does not change the argmin), the centres pre-scaled by -2 so
    the chunk's score matrix is touched only twice (``+= |c|^2``, argmin).
    Ties go to the lowest centre number.  ``dmin`` (the squared distance to
    the nearest centre) is returned when ``fsq`` (the rows' squared norms)
    is given, else None.
    """
    n = F.shape[0]
    k = C.shape[0]
    csq = np.einsum("ij,ij->i", C, C)
    Cm2 = np.ascontiguousarray((-2.0 * C).T)  # (m, k); scaling by -2 is exact
    labels = np.empty(n, dtype=np.intp)
    dmin = None if fsq is None else np.empty(n)
    step = max(1, chunk_elems // max(k, 1))
    buf = np.empty(min(n, step) * k)
    for s in range(0, n, step):
        e = min(n, s + step)
        G = buf[: (e - s) * k].reshape(e - s, k)
        np.dot(F[s:e], Cm2, out=G)
        G += csq
        lab = G.argmin(axis=1)
        labels[s:e] = lab
        if dmin is not None and fsq is not None:
            dmin[s:e] = G[np.arange(e - s), lab] + fsq[s:e]
    return labels, dmin


def group_sum(labels: IntArray, F: FloatArray, k: int) -> FloatArray:
    """Row sums of F per label, shape (k, m): one bincount per column, each
    adding the rows in input order.

    (Faster than sorting the rows by label, which copies all of F.)
    """
    out = np.empty((k, F.shape[1]))
    for j in range(F.shape[1]):
        out[:, j] = np.bincount(labels, weights=F[:, j], minlength=k)
    return out


def update(sums: FloatArray, counts: npt.NDArray[Any], C: FloatArray) -> FloatArray:
    """The new centres: each the mean of its rows (``sums / counts``, per
    label); a centre with no rows keeps its value in ``C``."""
    out = sums / np.maximum(counts, 1)[:, None]
    empty = counts == 0
    if empty.any():
        out[empty] = C[empty]
    return out


def lloyd(
    F: FloatArray,
    C: FloatArray,
    *,
    max_iter: int,
    tol: float = 0.0,
    labels: IntArray | None = None,
    reseed_empty: bool = False,
    stage: _Stage | None = None,
) -> tuple[IntArray, FloatArray]:
    """Lloyd iterations from centres ``C``: :func:`assign`, then
    :func:`update`, until no label changes, or at most ``tol * n`` rows
    change when ``tol > 0``, or after ``max_iter`` iterations.

    Parameters
    ----------
    F : ndarray (n, m)
        The rows.
    C : ndarray (k, m)
        The starting centres (not modified).
    labels : ndarray, optional
        The labels ``C`` came with: the first iteration counts the rows that
        move away from them (without, every row counts as moved).
    reseed_empty : bool
        Give each centre that no row chose the row farthest from its own
        centre (farthest first) before the update; a centre left without
        rows by that goes to the origin.  Without, an empty centre keeps
        its place.
    stage : progress stage, optional
        Advanced once per iteration.

    Returns
    -------
    labels, centres
        The last labels and the centres of those labels (the labels of the
        start when ``max_iter`` is 0).
    """
    n = F.shape[0]
    k = C.shape[0]
    fsq = np.einsum("ij,ij->i", F, F) if reseed_empty else None
    for _ in range(max_iter):
        if stage is not None:
            stage.advance()
        new, dmin = assign(F, C, fsq)
        counts = np.bincount(new, minlength=k)
        keep = C
        if reseed_empty and (counts == 0).any():
            assert dmin is not None
            empty = np.flatnonzero(counts == 0)
            far = np.argsort(-dmin, kind="stable")[: empty.size]
            new[far] = empty
            counts = np.bincount(new, minlength=k)
            keep = np.zeros_like(C)
        moved = n if labels is None else int(np.count_nonzero(new != labels))
        labels = new
        C = update(group_sum(labels, F, k), counts, keep)
        if moved == 0 or (tol > 0.0 and moved <= tol * n):
            break
    if labels is None:  # max_iter == 0 and no labels given
        labels, _ = assign(F, C)
    return labels, C
