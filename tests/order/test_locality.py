"""The rows' storage order for the tree stage (clustergrid._order.locality).

The tree of the rows stored in ``locality_order`` and mapped back with
``unpermute`` must be scipy's tree of the rows as given: the same merges,
the same children in the same places, heights to rounding."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.cluster.hierarchy as sch
from hypothesis import given, settings
from hypothesis import strategies as st

from clustergrid._order import linkage as _linkage
from clustergrid._order import locality as _locality
from clustergrid._order.linkage import linkage
from clustergrid._order.locality import (
    MIN_ROWS,
    locality_order,
    tied_heights,
    unpermute,
)

METHODS = ("single", "complete", "average", "weighted", "ward", "centroid", "median")


def _planted(n: int = MIN_ROWS + 200, m: int = 12, seed: int = 7) -> np.ndarray:
    """Rows around six centres, in random order (so the order matters)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=3.0, size=(6, m))
    return centres[rng.integers(0, 6, size=n)] + rng.normal(size=(n, m))


def _same_tree(Z: np.ndarray, Zs: np.ndarray) -> None:
    np.testing.assert_array_equal(Z[:, :2], Zs[:, :2])  # merges and child order
    np.testing.assert_allclose(Z[:, 2], Zs[:, 2], rtol=1e-11, atol=0)
    np.testing.assert_array_equal(Z[:, 3], Zs[:, 3])
    np.testing.assert_array_equal(sch.leaves_list(Z), sch.leaves_list(Zs))


@pytest.fixture(scope="module")
def planted() -> np.ndarray:
    return _planted()


@pytest.mark.parametrize("backend", ["auto", "scipy"])
@pytest.mark.parametrize("method", METHODS)
def test_the_sorted_tree_is_scipys_tree(planted, method, backend):
    order = locality_order(planted, "euclidean")
    assert order is not None  # the path under test is taken
    assert not np.array_equal(order, np.arange(len(planted)))
    _same_tree(linkage(planted, method, backend=backend), sch.linkage(planted, method))


@pytest.mark.parametrize(
    "metric", ["correlation", "cosine", "cityblock", "sqeuclidean"]
)
def test_other_metrics(planted, metric):
    assert locality_order(planted, metric) is not None
    _same_tree(
        linkage(planted, "average", metric), sch.linkage(planted, "average", metric)
    )


def test_distances_are_computed_in_the_sorted_order(planted, monkeypatch):
    seen: list[np.ndarray] = []
    real = _linkage.condensed_distances

    def spy(X, metric):
        seen.append(np.array(X))
        return real(X, metric)

    monkeypatch.setattr(_linkage, "condensed_distances", spy)
    before = planted.copy()
    linkage(planted, "average")
    order = locality_order(planted, "euclidean")
    assert len(seen) == 1
    np.testing.assert_array_equal(seen[0], planted[order])
    np.testing.assert_array_equal(planted, before)  # the caller's data untouched


def test_the_order_follows_the_leading_direction():
    # rows spread along one direction: sorted by it, neighbours are near
    rng = np.random.default_rng(3)
    t = rng.uniform(-10, 10, size=MIN_ROWS + 5)
    X = np.outer(t, rng.normal(size=8)) + 1e-4 * rng.normal(size=(t.size, 8))
    order = locality_order(X, "euclidean")
    assert order is not None
    s = t[order]  # monotone, but for neighbours closer than the noise
    assert abs(np.corrcoef(s, np.arange(s.size))[0, 1]) > 0.9999
    assert np.mean(np.sign(np.diff(s)) == np.sign(s[-1] - s[0])) > 0.95


def test_unpermute_gives_the_tree_in_the_callers_numbers():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(40, 3))
    p = rng.permutation(40)
    for method in METHODS:
        _same_tree(unpermute(sch.linkage(X[p], method), p), sch.linkage(X, method))


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 60),
    seed=st.integers(0, 2**32 - 1),
    method=st.sampled_from(METHODS),
)
def test_unpermute_any_permutation(n, seed, method):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    p = rng.permutation(n)
    Z = sch.linkage(X, method)
    if tied_heights(Z):  # the merges' numbering would follow the storage order
        return
    _same_tree(unpermute(sch.linkage(X[p], method), p), Z)


def test_unpermute_does_not_change_its_input():
    Z = sch.linkage(np.random.default_rng(0).normal(size=(10, 2)), "average")
    keep = Z.copy()
    unpermute(Z, np.arange(10)[::-1].copy())
    np.testing.assert_array_equal(Z, keep)


@pytest.mark.parametrize(
    "make, why",
    [
        (lambda X: X[: MIN_ROWS - 1], "small: fits the caches"),
        (lambda X: np.rint(X * 3), "integers"),
        (lambda X: np.rint(X * 4) / 4, "quarters"),
        (lambda X: np.vstack([X, X[:1]]), "a duplicated row"),
        (lambda X: np.zeros_like(X), "no spread"),
        (lambda X: np.repeat(X[: MIN_ROWS // 2], 2, axis=0)[:, :1], "duplicates"),
    ],
)
def test_declined_where_it_cannot_pay_or_ties_are_likely(planted, make, why):
    assert locality_order(make(planted), "euclidean") is None, why


def test_declined_where_the_copy_would_cost_too_much():
    rng = np.random.default_rng(2)
    n = MIN_ROWS
    wide = rng.normal(size=(n, n // 8 + 10))  # data > a quarter of the condensed matrix
    assert locality_order(wide, "euclidean") is None
    assert locality_order(wide[:, : n // 8 - 10], "euclidean") is not None


def test_tied_heights():
    Z = np.array([[0, 1, 1.0, 2], [2, 3, 1.0, 2], [4, 5, 2.0, 4]])
    assert tied_heights(Z)
    Z[1, 2] = 1.5
    assert not tied_heights(Z)


def test_a_tree_with_tied_heights_is_recomputed_in_the_callers_order(monkeypatch):
    # quarter-valued data have exactly tied heights; force the sorted path on them
    rng = np.random.default_rng(5)
    X = np.unique(rng.integers(0, 40, size=(MIN_ROWS + 300, 3)), axis=0) / 4.0
    X = X[rng.permutation(len(X))]
    calls: list[np.ndarray] = []
    real = _linkage.condensed_distances

    def spy(A, metric):
        calls.append(np.array(A[:2]))
        return real(A, metric)

    monkeypatch.setattr(_linkage, "condensed_distances", spy)
    monkeypatch.setattr(
        _linkage, "locality_order", lambda A, metric: np.arange(len(A))[::-1].copy()
    )
    Z = linkage(X, "average")
    assert len(calls) == 2  # the sorted attempt, then the caller's order
    np.testing.assert_array_equal(calls[1], X[:2])
    monkeypatch.setattr(_linkage, "locality_order", lambda A, metric: None)
    np.testing.assert_array_equal(Z, linkage(X, "average"))
    assert tied_heights(Z)


def test_optimal_ordering_keeps_the_callers_order(monkeypatch):
    monkeypatch.setattr(_locality, "MIN_ROWS", 10)  # small enough to be quick
    X = _planted(n=80, m=4)
    assert locality_order(X, "euclidean") is not None
    asked: list[bool] = []
    real = _locality.locality_order

    def spy(A, metric):
        asked.append(True)
        return real(A, metric)

    monkeypatch.setattr(_linkage, "locality_order", spy)
    _same_tree(
        linkage(X, "average", optimal_ordering=True),
        sch.linkage(X, "average", optimal_ordering=True),
    )
    assert asked == []
    linkage(X, "average")
    assert asked == [True]


def test_sorted_tree():
    from clustergrid._order.locality import sorted_tree

    rng = np.random.default_rng(8)
    X = rng.normal(size=(30, 3))
    p = rng.permutation(30)
    built: list[np.ndarray] = []

    def tree(order):
        built.append(order)
        return sch.linkage(X[order], "average")

    assert sorted_tree(None, tree) is None and built == []  # the order was declined
    _same_tree(sorted_tree(p, tree), sch.linkage(X, "average"))
    tied = np.array([[0, 1, 1.0, 2], [2, 3, 1.0, 2], [4, 5, 2.0, 4]])
    assert sorted_tree(np.arange(4), lambda order: tied) is None
