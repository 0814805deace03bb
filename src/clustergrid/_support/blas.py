"""BLAS threads, while clustergrid's own threads share a computation.

The distance blocks (``_distance``) are a BLAS product followed by NumPy
work on the product (the guard's filter, the extraction of the condensed
entries, the square root) that runs in one thread.  With one block at a time
BLAS spreads the product over every core and then leaves all but one idle
for the rest; OpenBLAS's threads also keep spinning for a while after each
call.  One block per core instead, each with a single-threaded BLAS, keeps
every core busy through both parts: at 10,000 x 100 on the 2-core benchmark
machine the euclidean distances took 0.30 s against 0.41 s with BLAS's own
threads, and 0.44 s with two blocks at a time on multi-threaded BLAS
(medians of 5, one process, alternating).

:func:`one_blas_thread` sets NumPy's OpenBLAS (the library NumPy's wheels
ship) to one thread inside the block and restores the user's setting
afterwards; blocks open in several threads are counted, like
:func:`clustergrid._support.buffers.small_pages`.  Where NumPy's BLAS is not an
OpenBLAS that can be found (MKL, Accelerate, a system BLAS whose library is
not named like OpenBLAS), it yields False and changes nothing, and the
caller keeps one block at a time.
"""

from __future__ import annotations

import ctypes
import functools
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .shared_setting import SharedSetting

__all__ = ["one_blas_thread"]

#: OpenBLAS's thread-count functions, as exported by the scipy-openblas
#: builds in NumPy's wheels (64-bit integers: ``64_`` suffix) and by plain
#: OpenBLAS.
_NAMES = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)

_Controls = tuple[Callable[[int], None], Callable[[], int]]


def _candidates() -> list[str]:
    """Paths of OpenBLAS libraries that belong to NumPy: shipped beside it
    (``numpy.libs``, ``numpy/.dylibs``) or loaded from its folder."""
    import numpy as np

    pkg = Path(np.__file__).resolve().parent
    found: list[str] = []
    for folder in (pkg.parent / "numpy.libs", pkg / ".dylibs"):
        if folder.is_dir():
            found += [str(p) for p in sorted(folder.iterdir()) if "openblas" in p.name]
    maps = Path("/proc/self/maps")
    if not found and maps.exists():  # a NumPy linked against a system OpenBLAS
        try:
            text = maps.read_text()
        except OSError:  # pragma: no cover - unreadable procfs
            text = ""
        found += sorted(set(re.findall(r"(/\S*openblas\S*\.so[\w.]*)", text)))
    return found


@functools.lru_cache(maxsize=1)
def _controls() -> _Controls | None:
    """(set, get) of NumPy's OpenBLAS thread count, or None."""
    if sys.platform == "win32":  # pragma: no cover - not tested here
        return None
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)  # already loaded by NumPy: the same handle
        except OSError:  # pragma: no cover - a file that is not a library
            continue
        for set_name, get_name in _NAMES:
            setter = getattr(lib, set_name, None)
            getter = getattr(lib, get_name, None)
            if setter is None or getter is None:
                continue
            setter.argtypes, setter.restype = [ctypes.c_int], None
            getter.argtypes, getter.restype = [], ctypes.c_int
            return setter, getter
    return None


@functools.lru_cache(maxsize=1)
def _one_thread() -> SharedSetting[int]:
    """One BLAS thread, held while any thread needs it (counted); only
    called where :func:`_controls` found BLAS's thread functions."""
    controls = _controls()
    assert controls is not None
    setter, getter = controls

    def change() -> int:
        before = int(getter())
        setter(1)
        return before

    return SharedSetting(change, setter)


@contextmanager
def one_blas_thread() -> Iterator[bool]:
    """NumPy's BLAS runs in one thread inside the block (True), or is left
    as it is because it cannot be controlled here (False)."""
    if _controls() is None:
        yield False
        return
    with _one_thread().held():
        yield True
