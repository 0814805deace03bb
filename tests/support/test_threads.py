"""Work handed to clustergrid's own threads (clustergrid._support.threads)."""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from clustergrid._support.threads import in_callers_errstate


def _overflow() -> float:
    return float(np.float64(1e300) * np.float64(1e300))


def test_a_worker_thread_gets_the_callers_errstate():
    with np.errstate(over="raise"):
        wrapped = in_callers_errstate(_overflow)
        with ThreadPoolExecutor(1) as pool:
            with pytest.raises(FloatingPointError):
                pool.submit(wrapped).result()
            # without it the thread has NumPy's defaults: a warning, inf
            with pytest.warns(RuntimeWarning, match="overflow"):
                assert pool.submit(_overflow).result() == np.inf
    with np.errstate(over="ignore"):
        quiet = in_callers_errstate(_overflow)
    with ThreadPoolExecutor(1) as pool, warnings.catch_warnings():
        warnings.simplefilter("error")  # the caller's "ignore" holds in the thread
        assert pool.submit(quiet).result() == np.inf


def test_the_distance_workers_see_the_callers_errstate():
    from clustergrid._order.distance import condensed_distances

    X = np.random.default_rng(0).normal(size=(1500, 4)) * 1e200  # squares overflow
    with np.errstate(over="raise", invalid="raise"), pytest.raises(FloatingPointError):
        condensed_distances(X, "euclidean")
