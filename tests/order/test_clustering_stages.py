"""Correctness of the faster clustering stages (issue 19): same results, never timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.cluster.hierarchy as sch
from numpy.testing import assert_allclose, assert_array_equal
from scipy.spatial.distance import pdist

from clustergrid._order import distance as _distance
from clustergrid._order import linkage as _linkage
from clustergrid._order.distance import condensed_distances
from clustergrid._order.linkage import linkage, linkage_large
from clustergrid._order.tree import _merge_schedule, dendrogram_segments, leaves_list

_SRC = str(Path(__file__).resolve().parents[2] / "src")


def _trees() -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    out = []
    for n, method in [
        (2, "average"),
        (3, "single"),
        (40, "single"),
        (600, "average"),
        (1500, "single"),
        (1500, "ward"),
        (2500, "complete"),
    ]:
        out.append(sch.linkage(rng.standard_normal((n, 3)), method))
    n = 200  # a pure chain: every merge adds one leaf (depth n - 1)
    chain = [[0.0, 1.0, 1.0, 2.0]] + [
        [n + k - 1.0, k + 1.0, k + 1.0, k + 2.0] for k in range(1, n - 1)
    ]
    out.append(np.array(chain))
    return out


def _segments_by_loop(
    Z: np.ndarray, order: np.ndarray, ids: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The reference: one merge at a time, children before parents."""
    n = Z.shape[0] + 1
    pos = np.empty(2 * n - 1)
    pos[order] = np.arange(n) + 0.5
    node = np.zeros(2 * n - 1, dtype=np.intp)
    node[:n] = ids
    for k in range(n - 1):
        a, b = int(Z[k, 0]), int(Z[k, 1])
        pos[n + k] = 0.5 * (pos[a] + pos[b])
        node[n + k] = node[a] if node[a] == node[b] else 0
    return pos, node


@pytest.mark.parametrize("Z", _trees(), ids=lambda Z: f"n{Z.shape[0] + 1}")
def test_leaves_list_is_scipys(Z):
    assert_array_equal(leaves_list(Z), sch.leaves_list(Z))


@pytest.mark.parametrize("Z", _trees(), ids=lambda Z: f"n{Z.shape[0] + 1}")
def test_dendrogram_segments_levelwise_equal_the_sequential_recursion(Z):
    n = Z.shape[0] + 1
    order = sch.leaves_list(Z)
    ids = sch.fcluster(Z, min(5, n), criterion="maxclust")
    pos, node = _segments_by_loop(Z, order, ids)
    seg, group = dendrogram_segments(Z, order, ids)
    seg = seg.reshape(n - 1, 3, 2, 2)
    left, right = Z[:, 0].astype(int), Z[:, 1].astype(int)
    # legs at the children, crossbar at the merge height, exactly
    assert_array_equal(seg[:, 0, 0, 0], pos[left])
    assert_array_equal(seg[:, 2, 0, 0], pos[right])
    assert_array_equal(seg[:, 1, :, 1], np.repeat(Z[:, 2:3], 2, axis=1))
    assert_array_equal(group.reshape(n - 1, 3)[:, 0], node[n:])
    # a merge's position is its children's midpoint (the leaves sit on cell centres)
    mid = 0.5 * (seg[:, 1, 0, 0] + seg[:, 1, 1, 0])
    parents = left >= n
    assert_array_equal(mid[left[parents] - n], seg[parents, 0, 0, 0])


def test_merge_schedule_covers_every_merge_children_first():
    for Z in _trees():
        n = Z.shape[0] + 1
        left, right = Z[:, 0].astype(np.intp), Z[:, 1].astype(np.intp)
        levels, rest = _merge_schedule(left, right, n, min_batch=4)
        done = np.zeros(2 * n - 1, dtype=bool)
        done[:n] = True
        for lv in levels:
            assert done[left[lv]].all() and done[right[lv]].all()
            done[n + lv] = True
        assert np.all(np.diff(rest) > 0)
        for k in rest:
            assert done[left[k]] and done[right[k]]
            done[n + k] = True
        assert done.all()


def test_duplicate_hash_agrees_with_the_sorted_rows():
    rng = np.random.default_rng(4)
    base = rng.integers(-2, 3, size=(300, 4)).astype(float)
    X = base[rng.integers(0, 300, size=2000)]
    zeros = X == 0
    X[zeros] = np.where(rng.random(zeros.sum()) < 0.5, -0.0, 0.0)  # -0.0 equals 0.0
    got = _distance._duplicate_representatives(X)
    assert_array_equal(got, _distance._duplicate_representatives_sorted(X))
    Y = rng.standard_normal((3000, 20))
    Y[[100, 2999]] = Y[7]
    rep = _distance._duplicate_representatives(Y)
    assert_array_equal(np.flatnonzero(rep != np.arange(3000)), [100, 2999])
    assert_array_equal(rep[[100, 2999]], [7, 7])


def test_duplicate_hash_collision_falls_back_to_the_exact_sort(monkeypatch):
    rng = np.random.default_rng(5)
    X = rng.standard_normal((50, 6))
    X[30] = X[3]
    # every row hashing alike (weights all zero) must still give the true duplicates
    real = np.random.default_rng

    class _ZeroWeights:
        def __init__(self, seed: int) -> None:
            self._rng = real(seed)

        def integers(self, *a, **kw):
            return np.zeros(kw["size"], dtype=np.uint64)

    monkeypatch.setattr(_distance.np.random, "default_rng", _ZeroWeights)
    rep = _distance._duplicate_representatives(X)
    monkeypatch.setattr(_distance.np.random, "default_rng", real)
    assert_array_equal(np.flatnonzero(rep != np.arange(50)), [30])
    assert rep[30] == 3


def test_few_rows_many_columns_take_blas_and_match_scipy(monkeypatch):
    rng = np.random.default_rng(6)
    X = rng.standard_normal((60, 20_000)) + rng.normal(size=(60, 1))
    assert 60 * 59 // 2 * 20_000 >= _distance.BLAS_MIN_WORK
    called = []
    monkeypatch.setattr(
        _distance, "pdist", lambda *a, **k: called.append(1) or pdist(*a, **k)
    )
    got = condensed_distances(X)
    assert not called  # the BLAS path, not pdist
    assert_allclose(got, pdist(X), rtol=1e-12)
    for method in ("average", "complete", "ward"):
        assert_array_equal(
            sch.leaves_list(linkage(X, method)),
            sch.leaves_list(sch.linkage(X, method)),
        )


def test_leaf_trees_do_not_depend_on_the_threads(monkeypatch):
    rng = np.random.default_rng(7)
    X = rng.normal(scale=4.0, size=(10, 8))[rng.integers(0, 10, 6000)]
    X += rng.standard_normal(X.shape)
    monkeypatch.setattr(_linkage, "_leaf_threads", lambda: 1)
    one = linkage_large(X, n_micro=60, max_leaf_size=500)
    monkeypatch.setattr(_linkage, "_leaf_threads", lambda: 2)
    two = linkage_large(X, n_micro=60, max_leaf_size=500)
    assert one.tobytes() == two.tobytes()
    assert sch.is_valid_linkage(two)


def test_sampled_kmeans_one_pass_keeps_planted_clusters(monkeypatch):
    """The sampled two-level k-means (forced on a small case): pure micro-clusters,
    deterministic, and the two-stage cut at the planted k recovers the clusters."""
    rng = np.random.default_rng(8)
    k, m, n = 12, 20, 12_000
    truth = rng.choice(k, size=n, p=rng.dirichlet(np.full(k, 2.0)))
    X = rng.normal(scale=3.0, size=(k, m))[truth] + rng.standard_normal((n, m))
    monkeypatch.setattr(_linkage, "_SAMPLE_ABOVE", 0)
    monkeypatch.setattr(
        _linkage, "_SAMPLE_ROWS", 4000
    )  # a real sample: 4,000 of 12,000
    labels = _linkage._kmeans(X, 200, seed=0, n_iter=25)
    assert_array_equal(labels, _linkage._kmeans(X, 200, seed=0, n_iter=25))
    assert 150 <= np.unique(labels).size <= 210
    pairs = np.unique(np.stack([labels, truth]), axis=1)
    assert pairs.shape[1] <= np.unique(labels).size * 1.02  # (almost) no mixed one
    Z = linkage_large(X, n_micro=200, max_leaf_size=500)
    cut = sch.fcluster(Z, k, criterion="maxclust")
    table = np.zeros((k + 1, k))
    np.add.at(table, (cut, truth), 1)
    assert (table.max(axis=0).sum() / n) > 0.98  # each planted cluster in one cut


@pytest.mark.parametrize(
    ("shape", "draw"),
    [
        ((1000, 200), False),  # rows and columns: both on the BLAS path
        ((200, 20), True),  # below BLAS_MIN_ROWS: the column-sum distances, drawn
    ],
)
def test_the_clustering_job_does_not_import_scipy(shape, draw):
    """Clustering (and drawing) needs no scipy with fastcluster installed: its
    import was ~0.3 s of a 10,000-row job, and scipy.spatial's 0.25-0.47 s
    most of a 200 x 20 figure's time."""
    if draw:
        pytest.importorskip("fastcluster", reason="the fast extra is not installed")
    code = (
        f"import sys, numpy as np, pandas as pd; sys.path.insert(0, {_SRC!r})\n"
        "import matplotlib; matplotlib.use('Agg')\n"
        "import clustergrid as cg\n"
        f"X = np.random.default_rng(0).standard_normal({shape!r})\n"
        "g = cg.ClusterGrid(pd.DataFrame(X)).cluster()\n"
        "g.row_order; g.col_order\n"
        + ("g.add(cg.Dendrogram(), 'left').draw()\n" if draw else "")
        + "print(sorted(m for m in sys.modules if m.startswith('scipy'))[:3])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_sampled_kmeans_reports_its_steps_on_the_progress_bar(monkeypatch):
    """The k-means bar of the sampled two-level path counts its real steps:
    the top fit, one fit per top cluster, the assignment pass."""
    from contextlib import contextmanager

    from clustergrid._support.progress import Progress

    kept = []

    class _Keep(Progress):
        @contextmanager
        def stage(self, name, total=None):
            with super().stage(name, total) as st:
                kept.append(st)
                yield st

    rng = np.random.default_rng(9)
    X = rng.normal(scale=5.0, size=(6, 5))[rng.integers(0, 6, 5000)]
    X += rng.standard_normal(X.shape)
    monkeypatch.setattr(_linkage, "_SAMPLE_ABOVE", 0)
    rep = _Keep(enabled=False)
    Z = linkage_large(X, n_micro=100, max_leaf_size=500, progress=rep)
    assert [name for name, _ in rep.stages] == [
        "k-means",
        "upper tree",
        "leaf trees",
        "assemble",
    ]
    km = kept[0]
    assert km.total == 10 + 2  # ceil(sqrt(100)) top clusters
    assert km.count == km.total
    assert_array_equal(Z, linkage_large(X, n_micro=100, max_leaf_size=500))


def test_very_long_rows_use_pdist_not_an_all_guarded_gram(monkeypatch):
    """Above _GUARD_MAX_COLUMNS the Gram's error bound would send every pair to
    the exact recomputation: euclidean distances then come from pdist."""
    m = _distance._GUARD_MAX_COLUMNS + 100
    X = np.random.default_rng(10).standard_normal((40, m))
    assert 40 * 39 // 2 * m >= _distance.BLAS_MIN_WORK  # would be BLAS otherwise
    called = []
    monkeypatch.setattr(
        _distance, "pdist", lambda *a, **k: called.append(a[1]) or pdist(*a, **k)
    )
    assert_array_equal(condensed_distances(X), pdist(X))
    assert called == ["euclidean"]
    condensed_distances(X, "cosine")  # no guard there: the BLAS path
    assert called == ["euclidean"]
