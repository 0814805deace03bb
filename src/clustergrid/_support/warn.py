"""Warnings that point at the user's line, not at clustergrid's internals."""

from __future__ import annotations

import os
import sys
import warnings
from types import FrameType

__all__ = ["warn"]

# the package folder (this file is in clustergrid/_support/)
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def warn(message: str, category: type[Warning] = UserWarning) -> None:
    """Issue ``message`` attributed to the first caller outside the package,
    however deep inside the draw pipeline it is raised."""
    level = 1
    frame: FrameType | None = sys._getframe(0)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(
        _PACKAGE
    ):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)
