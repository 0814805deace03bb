"""BLAS threads while the distance blocks share the cores (``clustergrid._support.blas``)."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from scipy.spatial.distance import pdist

from clustergrid._order import distance as _distance
from clustergrid._support import blas as _blas
from conftest import overlapping_blocks

controls = _blas._controls()
needs_openblas = pytest.mark.skipif(
    controls is None,
    reason="NumPy's BLAS here is not an OpenBLAS whose threads can be set",
)


def _threads() -> int:
    assert controls is not None
    return int(controls[1]())


def test_numpy_wheels_openblas_is_found():
    # the wheels CI installs ship scipy-openblas in numpy.libs: it must be found,
    # or the distance blocks silently fall back to one thread
    import numpy

    cfg = numpy.show_config(mode="dicts")
    name = str(cfg["Build Dependencies"]["blas"].get("name", ""))
    if "openblas" not in name.lower():
        pytest.skip(f"NumPy is built against {name!r}, not OpenBLAS")
    assert controls is not None


@needs_openblas
@pytest.mark.parametrize("before", [1, 2, 3])
def test_one_blas_thread_restores_the_setting(before):
    assert controls is not None
    old = _threads()
    try:
        controls[0](before)
        with _blas.one_blas_thread() as single:
            assert single is True and _threads() == 1
            with _blas.one_blas_thread():  # nested: still one, then still one
                assert _threads() == 1
            assert _threads() == 1
        assert _threads() == before
        with pytest.raises(RuntimeError), _blas.one_blas_thread():
            raise RuntimeError("boom")
        assert _threads() == before  # restored after an error too
    finally:
        controls[0](old)


@needs_openblas
def test_one_blas_thread_in_two_threads_restores_the_setting():
    assert controls is not None
    old = _threads()
    controls[0](2)
    try:
        assert overlapping_blocks(_blas.one_blas_thread, _threads) == [1, 1]
        assert _threads() == 2  # both left: the user's setting is back
    finally:
        controls[0](old)


def _workers_seen(monkeypatch, n: int = 1500, m: int = 20) -> set[str]:
    """The threads that ran the distance blocks of an n x m matrix."""
    names: set[str] = set()
    fill = _distance._fill_euclidean

    def spy(X, A, sq, out, squared):
        dot = np.dot

        def spy_dot(*args, **kwargs):
            names.add(threading.current_thread().name)
            if controls is not None:
                names.add(f"blas={_threads()}")
            return dot(*args, **kwargs)

        monkeypatch.setattr(np, "dot", spy_dot)
        try:
            return fill(X, A, sq, out, squared)
        finally:
            monkeypatch.setattr(np, "dot", dot)

    monkeypatch.setattr(_distance, "_fill_euclidean", spy)
    X = np.random.default_rng(0).normal(size=(n, m))
    got = _distance.condensed_distances(X)
    np.testing.assert_allclose(got, pdist(X), rtol=1e-13, atol=0)
    return names


@needs_openblas
def test_blocks_share_the_cores_with_single_threaded_blas(monkeypatch):
    monkeypatch.setattr(_distance, "_n_workers", lambda: 2)
    monkeypatch.setattr(_distance, "_CHUNK_BYTES", 8 * 1500 * 40)  # many blocks
    before = _threads()
    names = _workers_seen(monkeypatch)
    workers = {x for x in names if not x.startswith("blas=")}
    # the pool's threads, not the caller (a pool may hand both block lists
    # to one thread when the first finishes before the second is taken)
    assert workers and threading.current_thread().name not in workers
    assert {x for x in names if x.startswith("blas=")} == {"blas=1"}
    assert _threads() == before  # restored


def test_blocks_stay_in_one_thread_when_blas_cannot_be_set(monkeypatch):
    monkeypatch.setattr(_blas, "_controls", lambda: None)
    monkeypatch.setattr(_distance, "_n_workers", lambda: 2)
    monkeypatch.setattr(_distance, "_CHUNK_BYTES", 8 * 1500 * 40)
    names = _workers_seen(monkeypatch)
    workers = {x for x in names if not x.startswith("blas=")}
    assert workers == {threading.current_thread().name}


@needs_openblas
def test_a_single_block_keeps_blas_threads(monkeypatch):
    # 100 observations of 20,000 values (e.g. the columns of a tall matrix):
    # one block, so BLAS keeps its own threads for the product
    assert controls is not None
    old = _threads()
    controls[0](2)
    try:
        monkeypatch.setattr(_distance, "_n_workers", lambda: 2)
        names = _workers_seen(monkeypatch, n=100, m=20_000)
        assert names == {threading.current_thread().name, "blas=2"}
    finally:
        controls[0](old)
