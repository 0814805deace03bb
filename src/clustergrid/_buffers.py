"""Large write-once buffers in small pages.

NumPy asks the kernel for transparent huge pages (``madvise(MADV_HUGEPAGE)``)
on every allocation of 4 MiB or more.  On a virtual machine that hands freed
memory back to its host (virtio-balloon free page reporting, as on the 2-core
benchmark machine), the first touch of a huge page is slow: filling a fresh
400 MB ``np.empty`` took 1.2-3.6 s there, the same buffer in 4 KiB pages
0.17-0.34 s (``benchmarks/bench_buffers.py``).  The condensed distance vector
is the largest such buffer in an exact clustering (n(n-1)/2 doubles: 400 MB at
10,000 rows), so it is allocated here, as an anonymous ``mmap`` that carries no
huge-page advice.  The price when the memory is already warm is small:
fastcluster's linkage on it was 0.1 s (~10%) slower at 10,000 rows.

The array owns its mapping (``arr.base`` is a memoryview of the ``mmap``);
the memory is returned when the last view goes.
"""

from __future__ import annotations

import mmap

import numpy as np
from numpy.typing import DTypeLike

__all__ = ["empty_small_pages"]

#: Below this many bytes NumPy gives ordinary heap memory anyway.
_MIN_BYTES = 4 * 2**20


def empty_small_pages(n: int, dtype: DTypeLike = np.float64) -> np.ndarray:
    """An uninitialised 1-d array of ``n`` items, not in huge pages.

    Falls back to ``np.empty`` for small sizes and where an anonymous
    mapping cannot be made.
    """
    dt = np.dtype(dtype)
    nbytes = int(n) * dt.itemsize
    if nbytes < _MIN_BYTES:
        return np.empty(int(n), dtype=dt)
    try:
        buf = mmap.mmap(-1, nbytes)
    except (OSError, ValueError, OverflowError):  # pragma: no cover - platform
        return np.empty(int(n), dtype=dt)
    return np.frombuffer(buf, dtype=dt, count=int(n))
