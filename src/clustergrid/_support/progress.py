"""A small progress bar on stderr for the long clustering stages.

``ClusterGrid.cluster(progress=...)`` and the linkage functions accept:

* ``None`` (default): a bar is shown only when stderr is a terminal;
* ``True``: always shown (e.g. to follow a batch job's log);
* ``False``: never shown;
* a :class:`Progress` object: used as is (its ``stages`` list then holds
  the name and wall time of every stage run, which the benchmarks print).

A stage's bar appears only after it has run for ``delay`` seconds, so
short jobs print nothing.  A background thread redraws the bar (with the
elapsed time) a few times a second, so a stage that runs in one long C call
(fastcluster, BLAS) shows that it is alive; it is a daemon thread that
stops when the stage ends.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

__all__ = ["Progress", "resolve_progress", "check_progress"]

#: Seconds a stage runs before its bar appears (when not given).
DEFAULT_DELAY = 1.0


def check_progress(progress: Any) -> None:
    """Validate a ``progress=`` argument where the user passed it."""
    if progress is None or isinstance(progress, (bool, Progress)):
        return
    raise TypeError(
        f"progress must be None (a bar when stderr is a terminal), True or False, "
        f"got {progress!r}"
    )


def resolve_progress(progress: Any) -> Progress:
    """A :class:`Progress` for a ``progress=`` argument (see the module doc)."""
    check_progress(progress)
    if isinstance(progress, Progress):
        return progress
    return Progress(enabled=progress)


class Progress:
    """Reports stages to a stream and records their wall times.

    Parameters
    ----------
    enabled : bool or None
        None: only when ``stream`` is a terminal.
    stream : file, optional
        Default ``sys.stderr`` (looked up when a stage starts).
    delay : float, optional
        Seconds a stage must run before its bar is drawn (default
        ``DEFAULT_DELAY``, one second).
    width : int
        Characters of the bar itself.
    """

    def __init__(
        self,
        enabled: bool | None = None,
        stream: IO[str] | None = None,
        delay: float | None = None,
        width: int = 28,
    ) -> None:
        self.enabled = enabled
        self.stream = stream
        self.delay = float(DEFAULT_DELAY if delay is None else delay)
        self.width = int(width)
        self.stages: list[tuple[str, float]] = []
        self._lock = threading.Lock()

    # -- public ------------------------------------------------------------
    @property
    def active(self) -> bool:
        """Whether anything will be drawn."""
        if self.enabled is False:
            return False
        if self.enabled is True:
            return True
        return self._isatty()

    def _isatty(self) -> bool:
        stream = self.stream if self.stream is not None else sys.stderr
        try:
            return bool(stream.isatty())
        except (AttributeError, ValueError):
            return False

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[_Stage]:
        """Context manager for one stage; ``advance()`` the returned object."""
        st = _Stage(self, name, total)
        ticker = None
        if self.active:
            ticker = threading.Thread(target=st._tick, daemon=True)
            ticker.start()
        try:
            yield st
        finally:
            st._done.set()
            if ticker is not None:
                ticker.join()
            elapsed = time.perf_counter() - st.t0
            self.stages.append((name, elapsed))
            if st._shown:
                st._draw(final=True, inplace=self._isatty())

    # -- drawing -----------------------------------------------------------
    def _write(self, text: str) -> None:
        stream = self.stream if self.stream is not None else sys.stderr
        with self._lock:
            try:
                stream.write(text)
                stream.flush()
            except (OSError, ValueError):  # closed stream: never fail the job
                pass


class _Stage:
    def __init__(self, owner: Progress, name: str, total: int | None) -> None:
        self.owner = owner
        self.name = name
        self.total = total
        self.count = 0
        self.t0 = time.perf_counter()
        self._done = threading.Event()
        self._shown = False

    def advance(self, k: int = 1) -> None:
        """Count ``k`` more units of work done."""
        self.count += k

    def _tick(self) -> None:
        if self.owner.delay > 0 and self._done.wait(self.owner.delay):
            return  # finished before the bar was due
        # a terminal gets a bar redrawn in place; a log (progress=True with
        # stderr redirected) gets one line every few seconds
        tty = self.owner._isatty()
        while True:
            self._shown = True
            self._draw(inplace=tty)
            if self._done.wait(0.25 if tty else 5.0):
                return

    def _draw(self, final: bool = False, inplace: bool = True) -> None:
        elapsed = time.perf_counter() - self.t0
        w = self.owner.width
        if self.total:
            done = self.total if final else min(self.count, self.total)
            filled = int(round(w * done / self.total))
            bar = "#" * filled + "." * (w - filled)
            text = f"{self.name:<16} [{bar}] {done}/{self.total} {elapsed:6.1f} s"
        else:
            text = f"{self.name:<16} {'done' if final else '...'} {elapsed:6.1f} s"
        if inplace:
            self.owner._write("\r" + text + ("\n" if final else ""))
        else:
            self.owner._write(text + "\n")
