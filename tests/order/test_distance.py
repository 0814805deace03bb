"""Tests for clustergrid._order.distance and clustergrid._order.linkage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.cluster.hierarchy as sch
from numpy.testing import assert_allclose, assert_array_equal
from scipy.spatial.distance import pdist

from clustergrid._order import distance as _distance
from clustergrid._order import linkage as _linkage
from clustergrid._order.distance import condensed_distances
from clustergrid._order.linkage import linkage, linkage_large, needs_two_stage

GRAM_METRICS = ["euclidean", "sqeuclidean", "cosine", "correlation"]
LINKAGE_METHODS = ["single", "complete", "average", "weighted", "ward"]


def _atol(metric):
    # cosine/correlation: pdist itself is only accurate to ~m*eps absolute
    return 1e-14 if metric in ("cosine", "correlation") else 0.0


@pytest.fixture(scope="module")
def pbmc():
    import clustergrid as cg

    X = cg.load_dataset("pbmc").to_numpy(dtype=np.float64)
    assert X.shape == (700, 765)
    return X


@pytest.fixture
def force_blas(monkeypatch):
    """Use the Gram/BLAS path even for small inputs (e.g. 700 PBMC cells)."""
    monkeypatch.setattr(_distance, "BLAS_MIN_ROWS", 0)


@pytest.fixture(scope="module")
def rand1200():
    return np.random.default_rng(0).standard_normal((1200, 40))


# --------------------------------------------------------------------------
# condensed_distances
# --------------------------------------------------------------------------


@pytest.mark.parametrize("metric", GRAM_METRICS)
def test_matches_pdist_random(rand1200, metric):
    assert rand1200.shape[0] >= _distance.BLAS_MIN_ROWS  # BLAS path
    got = condensed_distances(rand1200, metric)
    ref = pdist(rand1200, metric)
    assert got.dtype == np.float64
    assert got.shape == ref.shape
    assert_allclose(got, ref, rtol=1e-10, atol=_atol(metric))


@pytest.mark.parametrize("metric", GRAM_METRICS)
def test_matches_pdist_large_offset(metric):
    # 1e6 + small noise: catastrophic cancellation for the naive Gram trick
    rng = np.random.default_rng(1)
    X = 1e6 + rng.standard_normal((1100, 15))
    got = condensed_distances(X, metric)
    ref = pdist(X, metric)
    assert_allclose(got, ref, rtol=1e-10, atol=_atol(metric))


def test_offset_per_cluster_guard_recomputes():
    # two tight clusters far apart: centring does not remove the offset
    rng = np.random.default_rng(2)
    X = np.vstack(
        [1e5 + rng.standard_normal((600, 8)), -1e5 + rng.standard_normal((600, 8))]
    )
    for metric in ("euclidean", "sqeuclidean"):
        assert_allclose(
            condensed_distances(X, metric), pdist(X, metric), rtol=1e-10, atol=0
        )


@pytest.mark.parametrize("metric", ["euclidean", "sqeuclidean"])
def test_duplicate_rows_exact_zero(rand1200, metric):
    X = rand1200.copy()
    X[[5, 600, 1199]] = X[300]
    X[7] = X[8] + 1e-9  # near duplicate: must still match pdist
    X[10] = X.mean(axis=0)  # a row equal to the column means
    X[11] = X[10]
    got = condensed_distances(X, metric)
    ref = pdist(X, metric)
    assert_allclose(got, ref, rtol=1e-10, atol=0)
    n = X.shape[0]

    def k(i, j):
        i, j = min(i, j), max(i, j)
        return n * i - i * (i + 1) // 2 + (j - i - 1)

    for i, j in [(5, 300), (300, 600), (5, 1199), (600, 1199), (10, 11)]:
        assert got[k(i, j)] == 0.0
    assert got[k(7, 8)] > 0.0


def test_all_rows_identical():
    X = np.full((1050, 6), 3.25)
    assert not np.any(condensed_distances(X, "euclidean"))


@pytest.mark.parametrize("metric", ["cosine", "correlation"])
def test_duplicate_rows_cosine_close_to_zero(rand1200, metric):
    X = rand1200.copy()
    X[[5, 600]] = X[300]
    got = condensed_distances(X, metric)
    assert_allclose(got, pdist(X, metric), rtol=1e-10, atol=1e-14)


def test_zero_norm_rows_give_nan_like_pdist(rand1200):
    X = rand1200.copy()
    X[3] = 0.0  # zero norm (cosine) and constant (correlation)
    X[4] = 2.5  # constant row (correlation only)
    for metric in ("cosine", "correlation"):
        with np.errstate(all="ignore"):
            got = condensed_distances(X, metric)
            ref = pdist(X, metric)
        assert_array_equal(np.isnan(got), np.isnan(ref))
        ok = ~np.isnan(ref)
        assert_allclose(got[ok], ref[ok], rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("metric", GRAM_METRICS)
def test_pbmc_rows_and_columns(pbmc, force_blas, metric):
    for data in (pbmc, np.ascontiguousarray(pbmc.T)):  # cells, genes
        got = condensed_distances(data, metric)
        ref = pdist(data, metric)
        assert_allclose(got, ref, rtol=1e-10, atol=_atol(metric))


def test_small_chunks_same_result(rand1200, monkeypatch):
    ref = condensed_distances(rand1200)
    monkeypatch.setattr(_distance, "_CHUNK_BYTES", 8 * 1300 * 3)
    assert_allclose(condensed_distances(rand1200), ref, rtol=1e-14, atol=0)


def test_fallbacks_are_pdist(rand1200):
    small = rand1200[:300]
    assert_array_equal(condensed_distances(small), pdist(small))
    X = rand1200[:1000]
    assert_array_equal(condensed_distances(X, "cityblock"), pdist(X, "cityblock"))

    def cheb(u, v):
        return float(np.max(np.abs(u - v)))

    tiny = rand1200[:60]
    assert_array_equal(condensed_distances(tiny, cheb), pdist(tiny, cheb))


@pytest.mark.parametrize("metric", ["euclidean", "sqeuclidean"])
@pytest.mark.parametrize(
    "shape", [(0, 3), (1, 4), (2, 1), (3, 2), (200, 20), (700, 1), (999, 16), (50, 0)]
)
def test_small_euclidean_is_pdist_bit_for_bit(shape, metric):
    # the small path sums columns in pdist's order: identical values keep
    # the trees identical to scipy's and seaborn's where ties are exact
    rng = np.random.default_rng(sum(shape))
    X = rng.normal(size=shape) * rng.choice([1e-8, 1.0, 1e8], size=shape)
    if shape[0] > 4 and shape[1]:
        X[3] = X[1]  # an exact duplicate (distance 0)
        X[4, 0] += 1e-12
    got = _distance._columnwise_euclidean(X, squared=(metric == "sqeuclidean"))
    assert_array_equal(got, pdist(X, metric))
    assert_array_equal(condensed_distances(X, metric), pdist(X, metric))


@pytest.mark.parametrize("elems", [1, 299, 301, 1000])
def test_small_euclidean_row_blocks(monkeypatch, elems):
    # blocks of 1, 1 (n - 1), 1 and 3 rows: every block boundary case
    X = np.random.default_rng(5).normal(size=(300, 7))
    monkeypatch.setattr(_distance, "_SMALL_BLOCK_ELEMS", elems)
    assert_array_equal(_distance._columnwise_euclidean(X, squared=False), pdist(X))


def test_non_contiguous_and_int_input():
    rng = np.random.default_rng(3)
    X = rng.integers(-5, 5, size=(1100, 30)).astype(np.float64)
    Xf = np.asfortranarray(X)
    assert_allclose(condensed_distances(Xf), pdist(X), rtol=1e-10, atol=0)


# --------------------------------------------------------------------------
# exact linkage
# --------------------------------------------------------------------------


def _backends():
    out = ["scipy"]
    try:
        import fastcluster  # noqa: F401
    except ImportError:
        pass
    else:
        out.append("fastcluster")
    return out


def _assert_same_linkage(Z, Zref):
    assert Z.shape == Zref.shape
    assert_array_equal(sch.leaves_list(Z), sch.leaves_list(Zref))
    assert_array_equal(Z[:, [0, 1, 3]], Zref[:, [0, 1, 3]])
    assert_allclose(Z[:, 2], Zref[:, 2], rtol=1e-9, atol=1e-12)


# ward + optimal ordering is left out here (scipy's optimal_leaf_ordering takes
# ~2 s per call on this balanced tree); test_linkage_random_matches_scipy covers it
_PBMC_CASES = [
    (m, o) for m in LINKAGE_METHODS for o in (False, True) if not (m == "ward" and o)
]


@pytest.mark.parametrize("backend", _backends())
@pytest.mark.parametrize("method,optimal_ordering", _PBMC_CASES)
def test_linkage_pbmc_matches_scipy(
    pbmc, force_blas, method, optimal_ordering, backend
):
    Zref = sch.linkage(pbmc, method, optimal_ordering=optimal_ordering)
    Z = linkage(pbmc, method, optimal_ordering=optimal_ordering, backend=backend)
    _assert_same_linkage(Z, Zref)


@pytest.mark.parametrize("backend", _backends())
@pytest.mark.parametrize("optimal_ordering", [False, True])
@pytest.mark.parametrize("method", LINKAGE_METHODS)
def test_linkage_random_matches_scipy(force_blas, method, optimal_ordering, backend):
    # optimal_leaf_ordering is ~O(n^3): use fewer rows with it
    n = 400 if optimal_ordering else 1200
    X = np.random.default_rng(4).standard_normal((n, 12))
    Zref = sch.linkage(X, method, optimal_ordering=optimal_ordering)
    Z = linkage(X, method, optimal_ordering=optimal_ordering, backend=backend)
    _assert_same_linkage(Z, Zref)


@pytest.mark.parametrize("method", LINKAGE_METHODS + ["centroid", "median"])
def test_linkage_scipy_backend_with_ties(force_blas, method):
    # integer data: many exactly tied distances; the scipy backend must
    # reproduce scipy exactly (fastcluster may break ties differently)
    X = np.random.default_rng(7).integers(0, 3, size=(300, 4)).astype(float)
    _assert_same_linkage(linkage(X, method, backend="scipy"), sch.linkage(X, method))


@pytest.mark.parametrize("metric", ["cosine", "correlation", "cityblock"])
def test_linkage_genes_other_metrics(pbmc, force_blas, metric):
    genes = np.ascontiguousarray(pbmc.T)
    _assert_same_linkage(
        linkage(genes, "average", metric), sch.linkage(genes, "average", metric)
    )


def test_linkage_default_backend(rand1200):
    X = rand1200[:, :10]
    _assert_same_linkage(linkage(X), sch.linkage(X, "average"))


def test_linkage_rejects_bad_arguments(rand1200):
    with pytest.raises(ValueError):
        linkage(rand1200[:50], "ward", "cosine")
    with pytest.raises(ValueError):
        linkage(rand1200[:50], "nonsense")
    with pytest.raises(ValueError):
        linkage(rand1200[:50], backend="nonsense")


# --------------------------------------------------------------------------
# two-stage approximation
# --------------------------------------------------------------------------


def _check_tree(Z, n):
    assert Z.shape == (n - 1, 4)
    assert sch.is_valid_linkage(Z)
    leaves = sch.leaves_list(Z)
    assert_array_equal(np.sort(leaves), np.arange(n))
    assert np.all(np.diff(Z[:, 2]) >= 0)  # rows sorted by height
    for col in (0, 1):  # parent height >= child height
        child = Z[:, col].astype(np.int64)
        inner = child >= n
        assert np.all(Z[inner, 2] >= Z[child[inner] - n, 2])
    assert Z[-1, 3] == n


@pytest.fixture(scope="module")
def blobs():
    rng = np.random.default_rng(5)
    centers = rng.normal(scale=20.0, size=(6, 10))
    truth = np.repeat(np.arange(6), 700)
    X = centers[truth] + rng.standard_normal((truth.size, 10))
    perm = rng.permutation(truth.size)
    return X[perm], truth[perm]


@pytest.mark.parametrize(
    "method,metric",
    [
        ("average", "euclidean"),
        ("weighted", "sqeuclidean"),
        ("complete", "euclidean"),
        ("ward", "euclidean"),
        ("average", "correlation"),
        ("average", "cosine"),
    ],
)
def test_two_stage_valid_and_deterministic(blobs, method, metric):
    X, truth = blobs
    n = X.shape[0]
    Z1 = linkage_large(X, method, metric, n_micro=80, max_leaf_size=400)
    Z2 = linkage_large(X, method, metric, n_micro=80, max_leaf_size=400)
    _check_tree(Z1, n)
    assert_array_equal(Z1, Z2)
    if metric in ("euclidean", "sqeuclidean"):
        # well separated blobs are recovered exactly
        lab = sch.fcluster(Z1, 6, criterion="maxclust")
        pairs = pd.crosstab(lab, truth).to_numpy()
        assert np.count_nonzero(pairs) == 6


def test_two_stage_recursion_and_degenerate():
    rng = np.random.default_rng(6)
    X = np.vstack([np.zeros((1500, 4)), rng.standard_normal((1500, 4))])
    # few micro-clusters -> the big ones are split recursively
    Z = linkage_large(X, n_micro=3, max_leaf_size=300)
    _check_tree(Z, X.shape[0])
    same = np.ones((2500, 3))  # k-means cannot split identical rows
    _check_tree(linkage_large(same, max_leaf_size=500), 2500)


def test_two_stage_small_input_is_exact(rand1200):
    X = rand1200[:500, :5]
    _assert_same_linkage(linkage_large(X), sch.linkage(X, "average"))


def test_two_stage_rejects_unsupported(rand1200):
    with pytest.raises(ValueError):
        linkage_large(rand1200, "single")
    with pytest.raises(ValueError):
        linkage_large(rand1200, "average", "cityblock")
    with pytest.raises(ValueError):
        linkage_large(rand1200, "ward", "cosine")


def test_needs_two_stage(monkeypatch):
    monkeypatch.setattr(_linkage, "_total_ram_bytes", lambda: 24 * 2**30)
    assert not needs_two_stage(10_000, 100)
    assert not needs_two_stage(30_000, 100)
    assert needs_two_stage(100_000, 50)
    assert needs_two_stage(45_000, 10)
    monkeypatch.setattr(_linkage, "_total_ram_bytes", lambda: 2**30)
    assert needs_two_stage(10_000, 100)


@pytest.mark.parametrize("method", LINKAGE_METHODS)
def test_linkage_duplicated_float_rows_match_scipy(force_blas, method):
    # identical rows at different positions: BLAS alone would give tied
    # distances that differ in the last bit and change the tree
    rng = np.random.default_rng(8)
    base = rng.standard_normal((400, 7))
    X = base[rng.integers(0, 400, size=1200)]
    _assert_same_linkage(linkage(X, method, backend="scipy"), sch.linkage(X, method))
    # few duplicates (patched instead of handed to pdist)
    Y = rng.standard_normal((1200, 40))
    Y[[10, 500, 900]] = Y[77]
    _assert_same_linkage(linkage(Y, method, backend="scipy"), sch.linkage(Y, method))


# --------------------------------------------------------------------------
# threaded blocks (issue 19): same values, same tree, whatever the threads
# --------------------------------------------------------------------------


@pytest.mark.parametrize("metric", GRAM_METRICS)
@pytest.mark.parametrize("workers", [1, 2, 4])
def test_threaded_blocks_match_pdist(rand1200, monkeypatch, metric, workers):
    monkeypatch.setattr(_distance, "_MAX_WORKERS", workers)
    monkeypatch.setattr(_distance, "_n_workers", lambda: workers)
    # small blocks so that every worker gets many, including the last ones
    monkeypatch.setattr(_distance, "_CHUNK_BYTES", 16 * 1200 * 7 * workers)
    got = condensed_distances(rand1200, metric)
    ref = pdist(rand1200, metric)
    assert got.shape == ref.shape
    assert_allclose(got, ref, rtol=1e-13, atol=_atol(metric))
    # deterministic: the same call gives the same bytes
    assert condensed_distances(rand1200, metric).tobytes() == got.tobytes()


@pytest.mark.parametrize("workers", [1, 2])
def test_threaded_blocks_integer_data_bit_identical(monkeypatch, workers):
    monkeypatch.setattr(_distance, "_n_workers", lambda: workers)
    X = np.random.default_rng(3).integers(-5, 6, size=(1100, 12)).astype(float)
    for metric in ("euclidean", "sqeuclidean"):
        assert condensed_distances(X, metric).tobytes() == pdist(X, metric).tobytes()


def test_threaded_blocks_same_tree(monkeypatch):
    X = np.random.default_rng(7).standard_normal((1500, 30))
    ref = sch.leaves_list(sch.linkage(X, "average"))
    for workers in (1, 2):
        monkeypatch.setattr(_distance, "_n_workers", lambda w=workers: w)
        assert_array_equal(sch.leaves_list(linkage(X, "average")), ref)


def test_guard_pairs_inside_threaded_blocks(monkeypatch):
    """Tight far-away clusters: the guard recomputes pairs in every block."""
    monkeypatch.setattr(_distance, "_n_workers", lambda: 2)
    monkeypatch.setattr(_distance, "_CHUNK_BYTES", 16 * 1200 * 9 * 2)
    rng = np.random.default_rng(5)
    X = np.where(rng.random((1200, 1)) < 0.5, -1e5, 1e5) + 1e-6 * rng.standard_normal(
        (1200, 8)
    )
    got = condensed_distances(X)
    ref = pdist(X)
    assert_allclose(got, ref, rtol=1e-10, atol=0)


@pytest.mark.parametrize(
    "method,metric",
    [("average", "euclidean"), ("ward", "euclidean"), ("average", "cosine")],
)
def test_two_level_kmeans_path(blobs, monkeypatch, method, metric):
    """The two-level k-means used for very many rows, forced on 4,200 rows."""
    monkeypatch.setattr(_linkage, "_SAMPLE_ABOVE", 0)
    X, truth = blobs
    n = X.shape[0]
    Z1 = linkage_large(X, method, metric, n_micro=80, max_leaf_size=400)
    Z2 = linkage_large(X, method, metric, n_micro=80, max_leaf_size=400)
    _check_tree(Z1, n)
    assert_array_equal(Z1, Z2)  # deterministic
    if metric == "euclidean":
        lab = sch.fcluster(Z1, 6, criterion="maxclust")
        assert np.count_nonzero(pd.crosstab(lab, truth).to_numpy()) == 6


def test_two_level_kmeans_labels(monkeypatch):
    """About k compact micro-clusters, each inside one planted blob."""
    rng = np.random.default_rng(11)
    centres = rng.normal(scale=30.0, size=(4, 6))
    truth = rng.integers(0, 4, size=6000)
    X = centres[truth] + rng.standard_normal((6000, 6))
    monkeypatch.setattr(_linkage, "_SAMPLE_ABOVE", 0)
    labels = _linkage._kmeans(X, 100, seed=0, n_iter=25)
    k = np.unique(labels).size
    assert 90 <= k <= 110
    # no micro-cluster mixes two blobs
    assert np.count_nonzero(pd.crosstab(labels, truth).to_numpy()) == k


def test_on_grid():
    from clustergrid._order.distance import _GRID_BLOCK, on_grid

    rng = np.random.default_rng(0)
    ints = rng.integers(-50, 50, size=(300, 7)).astype(float)
    assert on_grid(ints, 1.0)
    assert not on_grid(ints / 2, 1.0) and on_grid(ints / 2, 2.0)
    assert on_grid(ints / 256, 256.0) and not on_grid(ints / 512 + 1 / 1024, 256.0)
    assert not on_grid(rng.normal(size=(300, 7)), 256.0)
    # a value off the grid in a later block is found too
    big = np.zeros(3 * _GRID_BLOCK + 5)
    big[-1] = 0.5
    assert not on_grid(big.reshape(1, -1), 1.0) and on_grid(big.reshape(1, -1), 2.0)
    # infinities (also from overflow) count as on the grid, NaN as off it
    assert on_grid(np.array([[np.inf, 1.0]]), 1.0)
    assert on_grid(np.array([[1e308, 3.0]]), 256.0)
    assert not on_grid(np.array([[np.nan, 1.0]]), 1.0)
    # a non-contiguous view is read as it is
    assert not on_grid(np.asfortranarray(ints / 2)[:, ::2], 1.0)
    assert on_grid(np.asfortranarray(ints)[:, ::2], 1.0)
