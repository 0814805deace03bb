"""Work handed to clustergrid's own threads.

NumPy's floating-point error handling (``np.errstate``) belongs to the
thread that set it: a worker thread starts with the defaults.  The distance
blocks (``_distance``) and the two-stage mode's leaf trees (``_linkage``)
run in worker threads, so a caller's ``np.errstate`` (clustergrid's own,
which lets overflowing distances through to a clear error, or the user's
``np.seterr(all="raise")``) would not reach them.  :func:`in_callers_errstate`
carries it there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import numpy as np

__all__ = ["in_callers_errstate"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def in_callers_errstate(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """``fn``, run under the floating-point error handling of the thread
    that wraps it (read now, when it is wrapped)."""
    errors = np.geterr()

    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with np.errstate(**errors):
            return fn(*args, **kwargs)

    return run
