"""A process-wide setting changed while any thread needs it.

NumPy's huge-page advice (:mod:`clustergrid._support.buffers`) and BLAS's thread
count (:mod:`clustergrid._support.blas`) belong to the whole process.  clustergrid
changes them only inside its own stages, and two grids may run those stages
at once in two threads: so the blocks of every thread are counted, the first
to enter saves the user's setting and changes it, and the last to leave puts
the user's setting back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

__all__ = ["SharedSetting"]

_S = TypeVar("_S")


class SharedSetting(Generic[_S]):
    """``change()`` sets the value and returns the previous one;
    ``restore(previous)`` puts it back."""

    def __init__(self, change: Callable[[], _S], restore: Callable[[_S], object]):
        self._change, self._restore = change, restore
        self._lock = threading.Lock()
        self._depth = 0  # blocks open, in every thread
        self._saved: _S | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        """The changed setting inside the block, in every thread."""
        with self._lock:
            if self._depth == 0:
                self._saved = self._change()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    self._restore(self._saved)  # type: ignore[arg-type]
