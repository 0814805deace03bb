"""Usage errors of the command, and the mapping of the library's errors to
the command-line option that supplied the value."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import NoReturn

__all__ = ["UsageError", "fail", "one_line", "blame", "blame_grid"]


class UsageError(Exception):
    """A problem with how the command was called or with its input files.

    Reported as one line on stderr with exit status 2."""


def fail(message: str) -> NoReturn:
    raise UsageError(message)


def one_line(message: object) -> str:
    return " ".join(str(message).split())


@contextmanager
def blame(option: str) -> Iterator[None]:
    """Turn a library ValueError/TypeError raised inside into a usage error
    that starts with ``option``."""
    try:
        yield
    except (ValueError, TypeError) as exc:
        raise UsageError(f"{option}: {one_line(exc)}") from exc


def blame_grid(
    exc: BaseException,
    sources: Mapping[str, str],
    values: Mapping[str, object] | None = None,
) -> NoReturn:
    """Re-raise a ClusterGrid error as a usage error naming the option.

    ``sources`` maps ClusterGrid option names (``cmap``, ``figsize``, ...)
    to the command-line option that supplied them (``--kwargs cmap``,
    ``--figsize``).  The library's message names its option; the first one
    of ``sources`` it mentions is the one blamed, else the one whose value
    (from ``values``) the message quotes.
    """
    text = one_line(exc)
    hits = [
        (m.start(), name)
        for name in sources
        for m in [re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
        if m
    ]
    if not hits and values:  # a message that quotes the value but not the option's name
        hits = [
            (text.find(repr(v)), name)
            for name, v in values.items()
            if name in sources and isinstance(v, str) and repr(v) in text
        ]
    if hits:
        option = sources[min(hits)[1]]
        raise UsageError(f"{option}: {text}") from exc
    raise UsageError(text) from exc
