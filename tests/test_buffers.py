"""Large buffers in small pages (``clustergrid._buffers``)."""

from __future__ import annotations

import mmap
import pickle

import numpy as np
import pytest

from clustergrid import _buffers, _distance


def _mapped(a: np.ndarray) -> bool:
    base = a.base
    return isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.intp])
def test_large_buffer_is_an_ordinary_writable_array(dtype):
    n = _buffers._MIN_BYTES // np.dtype(dtype).itemsize + 3
    a = _buffers.empty_small_pages(n, dtype)
    assert a.shape == (n,) and a.dtype == np.dtype(dtype)
    assert a.flags.c_contiguous and a.flags.writeable and a.flags.aligned
    assert _mapped(a)  # its own mapping, without huge-page advice
    a[:] = 7
    a[-1] = 3
    assert int(a.sum()) == 7 * (n - 1) + 3
    b = pickle.loads(pickle.dumps(a))  # copies behave like any array
    assert np.array_equal(a, b)


def test_small_buffer_is_plain_numpy():
    a = _buffers.empty_small_pages(10)
    assert a.shape == (10,) and not _mapped(a)
    assert _buffers.empty_small_pages(0).shape == (0,)


def test_condensed_vector_uses_small_pages_and_stays_valid():
    # 1,100 rows: 604,450 pairs (4.6 MiB), the BLAS path
    X = np.random.default_rng(0).normal(size=(1100, 30))
    y = _distance.condensed_distances(X)
    assert _mapped(y)
    from scipy.spatial.distance import pdist

    np.testing.assert_allclose(y, pdist(X), rtol=1e-12, atol=0)
