"""The matplotlib style a grid is drawn with: the rcParams in force when it
was built, with its ``style=`` and ``rc=`` applied on top
(:func:`build_rc`), entered around every draw and save
(:func:`drawn_with`).

Drawing is lazy, so without this a ``with plt.rc_context(...)`` around the
build would be forgotten by a later ``save()``.  Left out: the keys that a
matplotlib style leaves out too (the backend, interactive mode, ...), and
the ``savefig.*`` keys and those of the file formats (``pdf.*``, ``ps.*``,
``svg.*``, ``pgf.*``), which matplotlib reads when saving: they stay the
ones in force at the save.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.style

__all__ = ["build_rc", "drawn_with"]

# what matplotlib.style.use leaves out (not style: the backend, pyplot's own)
_LEFT_OUT = frozenset(
    {
        "backend",
        "backend_fallback",
        "interactive",
        "toolbar",
        "timezone",
        "date.epoch",
        "docstring.hardcopy",
        "figure.hooks",
        "figure.max_open_warning",
        "figure.raise_window",
        "tk.window_focus",
        "webagg.address",
        "webagg.open_in_browser",
        "webagg.port",
        "webagg.port_retries",
    }
)


# read by the writers when saving: the ones in force at the save hold
_AT_SAVE = ("savefig.", "pdf.", "ps.", "svg.", "pgf.")


def _kept(key: str) -> bool:
    return key not in _LEFT_OUT and not key.startswith(_AT_SAVE)


def build_rc(
    rc: object = None, style: object = None, where: str = ""
) -> dict[str, Any]:
    """The rcParams in force now, with ``style`` (a style name, a path to a
    style file, a dict, or a list of those, as :func:`matplotlib.style.use`
    takes) and then ``rc`` (a dict of rcParams) applied; checked, so a
    mistake is reported where it was given (``where``: a prefix for the
    messages, e.g. "ClusterGrid: ")."""
    if rc is not None and not isinstance(rc, Mapping):
        raise TypeError(
            f"{where}rc=... takes a dict of matplotlib rcParams, e.g. "
            f"rc={{'font.size': 7}}, got {type(rc).__name__}"
        )
    for key in rc or {}:
        if not isinstance(key, str) or key not in mpl.rcParams:
            raise ValueError(
                f"{where}rc={{{key!r}: ...}}: {key!r} is not a matplotlib rc "
                "parameter; see matplotlib.rcParams.keys() for the names"
            )
        if not _kept(key):
            raise ValueError(
                f"{where}rc={{{key!r}: ...}}: {key!r} is read when saving or by "
                "pyplot, not when drawing; give it to save() (dpi=, ...) or set it "
                "in matplotlib.rcParams (or a rc_context) around the save"
            )
    if style is not None and not isinstance(style, (str, Path, Mapping, list, tuple)):
        raise TypeError(
            f"{where}style=... takes a style name (e.g. 'ggplot'), the path of "
            f"a style file, a dict of rcParams or a list of those, got "
            f"{type(style).__name__}"
        )
    if style is None and not rc:
        return {k: v for k, v in mpl.rcParams.items() if _kept(k)}
    with mpl.rc_context():
        if style is not None:
            try:
                matplotlib.style.use(style)  # type: ignore[arg-type]
            except (OSError, ValueError, KeyError) as exc:
                raise ValueError(
                    f"{where}style={style!r}: {exc}; give a name from "
                    "matplotlib.style.available, a style file's path or a dict"
                ) from None
        for key, value in (rc or {}).items():
            try:
                mpl.rcParams[key] = value
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{where}rc={{{key!r}: {value!r}}}: {exc}") from None
        return {k: v for k, v in mpl.rcParams.items() if _kept(k)}


@contextlib.contextmanager
def drawn_with(rc: dict[str, Any] | None) -> Iterator[None]:
    """Within: the rcParams ``rc`` (from :func:`build_rc`); None changes
    nothing."""
    if rc is None:
        yield
        return
    with mpl.rc_context(rc):  # type: ignore[arg-type]  # rc keys are Literal-typed
        yield
