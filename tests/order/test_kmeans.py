"""The one k-means (``clustergrid._order.kmeans``) gives what the loops it
replaced gave: the split's k-means (labels until none changes, an empty
cluster keeps its centre) and the two-stage tree's (re-seeded empty
clusters, a tolerance), on random data, ties, k = 1 and k = n."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.cluster.vq import kmeans2

from clustergrid._order.kmeans import assign, group_sum, lloyd, update


def _split_lloyd_before(X, cent, lab, max_iter=300):
    """The split's loop as it was (exact squared distances, member means)."""
    sq = np.einsum("ij,ij->i", X, X)
    cent = np.array(cent, dtype=float)
    for _ in range(max_iter):
        d = (
            sq[:, None]
            - 2.0 * (X @ cent.T)
            + np.einsum("ij,ij->i", cent, cent)[None, :]
        )
        new = d.argmin(axis=1)
        for j in range(len(cent)):
            members = new == j
            if members.any():
                cent[j] = X[members].mean(axis=0)
        if np.array_equal(new, lab):
            break
        lab = new
    return cent, new


def _two_stage_lloyd_before(F, C, n_iter, tol):
    """The two-stage tree's loop as it was."""
    n = F.shape[0]
    k = C.shape[0]
    fsq = np.einsum("ij,ij->i", F, F)
    labels = None
    for _ in range(n_iter):
        new, dmin = assign(F, C, fsq)
        counts = np.bincount(new, minlength=k)
        empty = np.flatnonzero(counts == 0)
        if empty.size:
            far = np.argsort(-dmin, kind="stable")[: empty.size]
            new[far] = empty
            counts = np.bincount(new, minlength=k)
        moved = n if labels is None else int(np.count_nonzero(new != labels))
        labels = new
        C = group_sum(labels, F, k) / np.maximum(counts, 1)[:, None]
        if moved == 0 or (tol > 0.0 and moved <= tol * n):
            break
    if labels is None:
        labels, _ = assign(F, C)
    return labels, C


def _inputs():
    for seed in range(6):
        r = np.random.default_rng(seed)
        n, m = int(r.integers(5, 120)), int(r.integers(1, 9))
        yield f"random{seed}", r.standard_normal((n, m))
        yield f"ties{seed}", r.integers(0, 3, size=(n, m)).astype(float)
        blobs = r.normal(scale=4.0, size=(4, m))[r.integers(0, 4, n)]
        yield f"blobs{seed}", blobs + r.standard_normal((n, m))
    yield "duplicates", np.repeat(np.random.default_rng(9).normal(size=(6, 3)), 9, 0)


@pytest.mark.parametrize(("name", "X"), list(_inputs()))
def test_one_kmeans_gives_what_each_old_loop_gave(name, X):
    n = X.shape[0]
    for k in sorted({1, 2, 3, min(6, n), n}):
        for seed in (0, 1):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # kmeans2: an empty cluster
                cent, lab = kmeans2(X, k, iter=1, minit="++", rng=seed)
            old_c, old_l = _split_lloyd_before(X, cent, lab)
            new_l, new_c = lloyd(X, cent, max_iter=300, labels=lab)
            np.testing.assert_array_equal(new_l, old_l)
            if X.shape[1] > 1:
                np.testing.assert_array_equal(new_c, old_c)
            else:  # numpy's mean of one column sums pairwise, the update in order
                np.testing.assert_allclose(new_c, old_c, rtol=1e-15, atol=1e-15)

            F = np.ascontiguousarray(X)
            rng = np.random.default_rng(seed)
            starts = (np.sort(rng.choice(n, k, replace=False)), np.zeros(k, int))
            for init in starts:  # zeros: every centre the same row (empties)
                for tol, n_iter in ((0.0, 25), (1e-2, 10), (0.0, 0)):
                    old_l, old_c = _two_stage_lloyd_before(F, F[init], n_iter, tol)
                    new_l, new_c = lloyd(
                        F, F[init], max_iter=n_iter, tol=tol, reseed_empty=True
                    )
                    np.testing.assert_array_equal(new_l, old_l)
                    np.testing.assert_array_equal(new_c, old_c)


def test_update_keeps_an_empty_centre():
    C = np.array([[1.0, 1.0], [5.0, 5.0]])
    out = update(np.array([[4.0, 2.0], [0.0, 0.0]]), np.array([2, 0]), C)
    np.testing.assert_array_equal(out, [[2.0, 1.0], [5.0, 5.0]])
