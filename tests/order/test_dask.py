"""ClusterGrid over a 2-D dask array (the ``dask`` extra): the rows are
clustered in two stages on the array's scheduler and a sample of each
micro-cluster is drawn.  Runs on a local distributed cluster and on dask's
default threaded scheduler."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage

import clustergrid as cg
from clustergrid._order import dask as _dask
from conftest import heatmap_cell_centres_px, renderer_of

da = pytest.importorskip(
    "dask.array", reason="the optional 'dask' extra is not installed"
)
distributed = pytest.importorskip(
    "distributed", reason="the optional 'dask' extra is not installed"
)

_SRC = str(Path(__file__).resolve().parents[2] / "src")
K, N, M = 8, 20_000, 10
CHUNK = 2_000


def planted(n: int = N, m: int = M, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 6.0, (K, m))
    truth = rng.integers(0, K, n)
    return centres[truth] + rng.normal(0.0, 1.0, (n, m)), truth


def ari(a: np.ndarray, b: np.ndarray) -> float:
    """Adjusted Rand index (Hubert & Arabie) from the contingency table."""
    ct = pd.crosstab(a, b).to_numpy().astype(float)

    def c2(v: np.ndarray) -> float:
        return float((v * (v - 1) / 2).sum())

    idx, ai, bj = c2(ct), c2(ct.sum(1)), c2(ct.sum(0))
    exp = ai * bj / c2(np.array([ct.sum()]))
    return (idx - exp) / ((ai + bj) / 2 - exp)


def make_grid(x, **kw) -> cg.ClusterGrid:
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        g = cg.ClusterGrid(x, **kw)
    msgs = [str(w.message) for w in got if "micro-cluster" in str(w.message)]
    assert len(msgs) == 1, msgs  # warned once
    s = g.dask_sample
    assert msgs[0].startswith(
        f"drawing {s.positions.size:,} of {s.n_rows:,} rows (a sample of each "
        f"micro-cluster)"
    )
    return g


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    return planted()


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def on_cluster(client, data):
    X, _ = data
    x = da.from_array(X, chunks=(CHUNK, M))
    g = make_grid(x).cluster()
    return g, make_grid(x).cluster()  # a rerun


def test_local_cluster_keeps_planted_clusters_contiguous(on_cluster, data):
    X, truth = data
    g, _ = on_cluster
    s = g.dask_sample
    pos = s.positions
    # the drawn rows, their labels and values are the sampled rows of the array
    assert list(g.matrix.index) == list(g.row_order)
    assert set(g.row_order) == set(pos.tolist())
    np.testing.assert_array_equal(g.matrix.loc[pos, list(range(M))].to_numpy(), X[pos])
    # the tree over the drawn rows separates the planted clusters
    Z = g.row_linkage
    assert Z.shape == (pos.size - 1, 4)
    cut = fcluster(Z, K, "maxclust")
    assert ari(cut, truth[pos]) >= 0.95
    # the leaf order keeps each planted cluster in one contiguous run
    drawn = truth[np.asarray(g.row_order, dtype=np.int64)]
    runs = 1 + np.count_nonzero(np.diff(drawn))
    assert runs == K


def test_sample_is_as_documented_and_reproducible(on_cluster):
    g, again = on_cluster
    s = g.dask_sample
    assert s.n_rows == N and int(s.sizes.sum()) == N
    assert 2 <= g._dask.lloyd_iterations <= _dask._LLOYD_ITER
    assert s.n_micro == min(2000, round(4 * np.sqrt(N)))
    assert s.per_cluster == int(np.ceil(_dask._DRAWN_ROWS / s.n_micro))
    # per micro-cluster min(per_cluster, size) rows, positions sorted and unique
    drawn = np.bincount(s.micro_cluster, minlength=s.n_micro)
    np.testing.assert_array_equal(drawn, np.minimum(s.per_cluster, s.sizes))
    assert (np.diff(s.positions) > 0).all()
    # the same sample, micro-clusters and trees on a rerun
    t = again.dask_sample
    np.testing.assert_array_equal(s.positions, t.positions)
    np.testing.assert_array_equal(s.micro_cluster, t.micro_cluster)
    np.testing.assert_array_equal(g.row_linkage, again.row_linkage)
    np.testing.assert_array_equal(g.col_linkage, again.col_linkage)


def test_column_tree_is_exact_over_all_rows(on_cluster, data):
    X, _ = data
    g, _ = on_cluster
    Zc = linkage(X.T, "average")
    np.testing.assert_array_equal(leaves_list(g.col_linkage), leaves_list(Zc))
    np.testing.assert_allclose(g.col_linkage[:, 2], Zc[:, 2], rtol=1e-9)
    for metric in ("correlation", "cosine", "sqeuclidean"):
        Zm = g._dask.col_linkage("average", metric)
        Ze = linkage(X.T, "average", metric=metric)
        np.testing.assert_array_equal(leaves_list(Zm), leaves_list(Ze))
        np.testing.assert_allclose(Zm[:, 2], Ze[:, 2], rtol=1e-7, atol=1e-12)


def test_cells_and_labels_are_the_sampled_rows(monkeypatch, client):
    """Every drawn cell is cmap(norm(value)) of the sampled row named beside it."""
    monkeypatch.setattr(_dask, "_DRAWN_ROWS", 100)
    X, _ = planted(2_000, 5, seed=3)
    x = da.from_array(X, chunks=(300, 5))
    g = make_grid(x, cell_size=(0.3, 0.06), dpi=100).cluster()
    g.add(cg.Labels(), "right").draw()
    pos = g.dask_sample.positions
    assert g.matrix.shape == (pos.size, 5) and 100 <= pos.size < 2_000
    r = renderer_of(g.figure)
    buf = np.asarray(g.figure.canvas.buffer_rgba()) / 255.0
    h = buf.shape[0]
    xs, ys = heatmap_cell_centres_px(g)
    order = np.asarray(g.row_order, dtype=np.int64)
    cols = np.asarray(g.col_order, dtype=np.int64)
    for i, p in enumerate(order):
        for j, c in enumerate(cols):
            want = np.asarray(g.cmap(g.norm(X[p, c])))
            got = buf[int(h - 1 - np.floor(ys[i])), int(np.floor(xs[j]))]
            np.testing.assert_allclose(got, want, atol=2 / 255)
    lab = g.panels[0]
    assert len(lab.texts) > 10
    for t, i in zip(lab.texts, lab.shown, strict=True):
        bb = t.get_window_extent(r)
        centre = (bb.y0 + bb.y1) / 2
        assert int(np.argmin(np.abs(ys - centre))) == i
        assert t.get_text() == str(order[i])


class _MaxResult:
    """The largest task result (bytes) computed on the threaded scheduler."""

    def __init__(self) -> None:
        from dask.callbacks import Callback

        self.max = 0
        outer = self

        class _CB(Callback):
            def _posttask(self, key, result, dsk, state, id):
                outer.max = max(outer.max, int(getattr(result, "nbytes", 0)))

        self.cb = _CB()


def test_threaded_scheduler_never_computes_the_whole_array(data):
    """On dask's default threaded scheduler: no task ever holds more than a
    chunk or the drawn sample, yet the tree separates the planted clusters."""
    import dask

    X, truth = data
    x = da.from_array(X, chunks=(CHUNK, M))
    mr = _MaxResult()
    with dask.config.set(scheduler="threads"), mr.cb:
        g = make_grid(x).cluster()
        ok = mr.max
        x.sum(axis=0).compute()  # a reduction: chunk-sized results only
        assert mr.max == ok or mr.max <= CHUNK * M * 8
        x.compute()  # the checker sees a whole-array computation
    pos = g.dask_sample.positions
    limit = max(CHUNK * M * 8, pos.size * M * 8)
    assert ok <= limit < X.nbytes / 4
    assert mr.max >= X.nbytes  # (the control above)
    assert ari(fcluster(g.row_linkage, K, "maxclust"), truth[pos]) >= 0.95


def test_import_does_not_import_dask():
    code = (
        f"import sys; sys.path.insert(0, {_SRC!r})\n"
        "import clustergrid\n"
        "print(sorted(m for m in sys.modules if m == 'dask' or m.startswith(('dask.', "
        "'distributed'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


# -- errors, raised where the option is passed ----------------------------------


@pytest.fixture(scope="module")
def small():
    X, _ = planted(3_000, 4, seed=5)
    return X, da.from_array(X, chunks=(1_000, 4))


@pytest.fixture(scope="module")
def small_grid(small):
    import dask

    with dask.config.set(scheduler="sync"):
        return make_grid(small[1])


@pytest.mark.parametrize(
    ("arr", "err", "words"),
    [
        (lambda: da.zeros(10, chunks=5), ValueError, ["2-D", "shape (10,)", "reshape"]),
        (lambda: da.zeros((4, 3, 2), chunks=2), ValueError, ["3-D", "reshape"]),
        (
            lambda: da.from_array(np.array([["a", "b"]] * 4)),
            TypeError,
            ["dtype", "astype"],
        ),
        (
            lambda: da.from_array(np.ones((4, 2), dtype=bool)),
            TypeError,
            ["dtype", "astype"],
        ),
    ],
)
def test_bad_arrays(arr, err, words):
    with pytest.raises(err) as e:
        cg.ClusterGrid(arr())
    for w in words:
        assert w in str(e.value)


def test_missing_values_are_refused():
    import dask

    X, _ = planted(3_000, 4, seed=5)
    X[2_500, 1] = np.nan  # (likely outside the fitting sample: found by the pass)
    with (
        dask.config.set(scheduler="sync"),
        pytest.raises(ValueError, match="nan_to_num"),
    ):
        cg.ClusterGrid(da.from_array(X, chunks=(1_000, 4)))


def test_unknown_chunks_are_refused():
    x = da.from_array(np.ones((10, 2)), chunks=5)
    x = x[x[:, 0] > 0]
    with pytest.raises(ValueError, match="compute_chunk_sizes"):
        cg.ClusterGrid(x)


@pytest.mark.parametrize(
    ("kw", "word"),
    [
        ({"z_score": 1}, "z_score=1"),
        ({"standard_scale": 0}, "standard_scale=0"),
        ({"mask": np.zeros((3_000, 4), dtype=bool)}, "mask="),
        ({"annot": np.zeros((3_000, 4))}, "annot="),
    ],
)
def test_constructor_options_that_need_all_rows(small, kw, word):
    with pytest.raises(ValueError) as e:
        cg.ClusterGrid(small[1], **kw)
    assert word in str(e.value) and "dask array" in str(e.value)


@pytest.mark.parametrize(
    ("kw", "word"),
    [
        ({"two_stage": False}, "two_stage=False"),
        ({"optimal_ordering": True}, "optimal_ordering=True"),
        ({"method": "single"}, "method='single'"),
        ({"metric": "cityblock"}, "metric='cityblock'"),
        ({"metric": "correlation"}, "metric='correlation'"),
        ({"method": "ward", "metric": "sqeuclidean"}, "'sqeuclidean'"),
        ({"missing": "pairwise"}, "missing"),
    ],
)
def test_cluster_options_that_cannot_work(small_grid, kw, word):
    with pytest.raises(ValueError) as e:
        small_grid.cluster(**kw)
    assert word in str(e.value)


def test_linkage_of_all_rows_is_refused(small, small_grid):
    Z = linkage(small[0][:, :2], "average")
    with pytest.raises(ValueError, match="rows=True"):
        small_grid.cluster(rows=Z)


def test_dask_dataframe_like_collection_is_refused():
    class Fake:
        def __dask_graph__(self):  # a dask collection that is not an array
            return {}

    with pytest.raises(TypeError, match="to_dask_array"):
        cg.ClusterGrid(Fake())


def test_dask_not_importable(monkeypatch):
    class Fake:
        def __dask_graph__(self):
            return {}

    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.array", None)
    with pytest.raises(ImportError, match=r"clustergrid\[dask\]"):
        cg.ClusterGrid(Fake())


def test_cluster_after_subset_is_refused(small):
    import dask

    with dask.config.set(scheduler="sync"):
        g = make_grid(small[1])
    g.subset(rows=list(g.matrix.index[:50]))
    with pytest.raises(ValueError, match=r"filter\(\)/subset\(\)"):
        g.cluster()


def test_per_row_inputs_of_all_rows_are_aligned_by_position(small):
    """A Series indexed by row position over all M rows: only the drawn rows
    are read (the grid's label universe is the whole array)."""
    import dask

    X, x = small
    grp = pd.Series(np.where(X[:, 0] > np.median(X[:, 0]), "hi", "lo"))
    with dask.config.set(scheduler="sync"):
        g = make_grid(x)
    g.cluster().split(rows=grp).add(cg.AnnotationBar(grp, name="g"), "left").draw()
    pos = g.dask_sample.positions
    sizes = sorted(b - a for a, b in g.row_slices.bounds)
    assert sizes == sorted(grp.iloc[pos].value_counts().tolist())
    for lo, hi in g.row_slices.bounds:  # each slice holds rows of one group
        assert grp.loc[list(g.row_order[lo:hi])].nunique() == 1
