"""Large arrays and memory pages.

NumPy asks the kernel for transparent huge pages (``madvise(MADV_HUGEPAGE)``)
on every allocation of 4 MiB or more.  On a virtual machine that hands freed
memory back to its host (free page reporting, as on the 2-core benchmark
machine), the first touch of such a page is slow once the host has taken it
back: a fresh 400 MB ``np.empty`` took 1.2-3.9 s to fill there, the same
buffer in 4 KiB pages 0.15-0.18 s (``benchmarks/bench_buffers.py``).  Two
measures follow, neither of which changes a value:

* :func:`small_pages` turns NumPy's huge-page advice off while clustergrid
  builds a grid, clusters, draws and saves (``ClusterGrid(...)``, the
  compile, render and save stages, and the heatmap image's ``make_image``,
  which also runs when the user saves or shows the figure himself, are
  wrapped with :func:`in_small_pages`) and restores the user's setting
  afterwards.  Without NumPy's (private) switch it does nothing.
* The condensed distance vector, the largest array of an exact clustering
  (n(n-1)/2 doubles: 400 MB at 10,000 rows), comes from
  :func:`empty_probed`: its own private mapping, in huge pages while their
  first touch is fast and in small pages from the first slow one.  Warm huge
  pages also make fastcluster's scattered reads faster.

Measured on the whole 10,000 x 100 job (``bench_e2e.py``): NumPy's default
3.0-3.2 s, small pages 2.0-2.2 s, small pages and the probed distance
vector 1.7 s.  Drawing its heatmap at save time (848 x 100 picked cells
resampled to 847 x 530 RGBA pixels, arrays of 4-14 MB) took 0.20 s in huge
pages and 0.02 s in small ones.  An array made here owns its mapping (``arr.base`` is a
memoryview of the ``mmap``); the memory is returned when the last view goes.
"""

from __future__ import annotations

import functools
import mmap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import numpy as np
from numpy.typing import DTypeLike

from .shared_setting import SharedSetting

__all__ = ["empty_probed", "in_small_pages", "small_pages"]

_P = ParamSpec("_P")
_R = TypeVar("_R")

#: Below this many bytes NumPy gives ordinary heap memory anyway.
_MIN_BYTES = 4 * 2**20

#: A transparent huge page (x86-64, arm64 with 4 KiB base pages).
_HUGE = 2 * 2**20

#: A huge page whose first touch takes longer than this is "cold" (handed
#: back to the host): the rest of the buffer goes to small pages.  Measured
#: on the benchmark machine: warm 0.1-0.2 ms, cold 22-25 ms per 2 MiB; small
#: pages about 1.3 ms per 2 MiB either way.
_SLOW_HUGE_S = 1e-3


def _private_mapping(nbytes: int) -> mmap.mmap | None:
    """An anonymous private mapping (not shared with forked children), or
    None where the platform has none (Windows: NumPy's memory is used)."""
    private = getattr(mmap, "MAP_PRIVATE", None)
    anonymous = getattr(mmap, "MAP_ANONYMOUS", None)
    if private is None or anonymous is None:  # pragma: no cover - platform
        return None
    try:
        return mmap.mmap(-1, nbytes, flags=private | anonymous)
    except (OSError, ValueError, OverflowError):  # pragma: no cover - platform
        return None


def empty_probed(
    n: int, dtype: DTypeLike = np.float64, clock: Callable[[], float] | None = None
) -> np.ndarray:
    """An uninitialised 1-d array of ``n`` items, in huge pages while they
    come fast, then in small pages.

    The mapping asks for huge pages and touches them one by one (one byte
    per 2 MiB); the first whose fault takes longer than ``_SLOW_HUGE_S``
    switches the rest of the mapping to small pages (``MADV_NOHUGEPAGE``),
    faulted later by the writes.  Warm huge pages are faster to fault (0.02 s
    instead of 0.25-0.3 s per 400 MB) and to read at random (fastcluster's
    linkage ~0.1 s faster at 10,000 rows); cold ones are ~17x slower than
    small pages.  The probe costs at most one cold page.  ``clock`` is for
    tests.
    """
    dt = np.dtype(dtype)
    nbytes = int(n) * dt.itemsize
    on = getattr(mmap, "MADV_HUGEPAGE", None)
    off = getattr(mmap, "MADV_NOHUGEPAGE", None)
    if nbytes < _MIN_BYTES or on is None or off is None:
        return np.empty(int(n), dtype=dt)  # heap memory, or no huge pages here
    buf = _private_mapping(nbytes)
    if buf is None:  # pragma: no cover - platform
        return np.empty(int(n), dtype=dt)
    arr = np.frombuffer(buf, dtype=dt, count=int(n))
    try:
        buf.madvise(on)
    except OSError:  # pragma: no cover - a kernel without THP
        return arr
    raw = np.frombuffer(buf, dtype=np.uint8)
    now = clock or time.perf_counter
    first = (-arr.__array_interface__["data"][0]) % _HUGE  # 2 MiB aligned
    for at in range(first, nbytes - _HUGE + 1, _HUGE):
        t = now()
        raw[at] = 0
        if now() - t > _SLOW_HUGE_S:
            rest = at + _HUGE
            if rest < nbytes:
                try:
                    buf.madvise(off, rest, nbytes - rest)
                except OSError:  # pragma: no cover - platform
                    pass
            break
    return arr


def _hugepage_switch() -> Callable[[bool], bool] | None:
    """NumPy's ``_set_madvise_hugepage`` (sets the advice, returns the old
    setting), or None where this NumPy has none."""
    for name in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            mod = __import__(name, fromlist=["_set_madvise_hugepage"])
        except ImportError:
            continue
        fn = getattr(mod, "_set_madvise_hugepage", None)
        if callable(fn):
            return fn
    return None


_SWITCH = _hugepage_switch()


def _advice_off(switch: Callable[[bool], bool]) -> SharedSetting[bool]:
    """NumPy's advice switched off, held while any thread needs it (counted)."""
    return SharedSetting(lambda: bool(switch(False)), switch)


_OFF = None if _SWITCH is None else _advice_off(_SWITCH)


@contextmanager
def small_pages() -> Iterator[None]:
    """NumPy's huge-page advice off inside the block, restored after.

    The setting is process-wide, so the blocks of all threads are counted
    (:class:`~clustergrid._support.shared_setting.SharedSetting`): two grids drawn at
    once in two threads leave it as it was.
    """
    if _OFF is None:
        yield
        return
    with _OFF.held():
        yield


def in_small_pages(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorator: run ``fn`` inside :func:`small_pages`."""

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with small_pages():
            return fn(*args, **kwargs)

    return wrapper
