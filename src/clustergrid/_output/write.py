"""The one file writer: every file clustergrid writes goes through
:func:`atomic_write`.

A write follows symlinks (the link's target is written, the link stays a
link), respects permissions (a read-only file is refused, never replaced),
never replaces an input nor a file inside an input folder, and is atomic: the
bytes go to a temporary file in the target's folder that is renamed over the
target only once they are on disk.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_write", "check_target", "real_target"]


def real_target(target: str | os.PathLike[str]) -> Path:
    """The file a write to ``target`` changes: symlinks followed (a dangling
    link names the file it would create, as :func:`open` does)."""
    return Path(os.path.realpath(os.fspath(target)))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def check_target(
    target: str | os.PathLike[str],
    inputs: Iterable[tuple[str, str | os.PathLike[str]]] = (),
    option: str | None = None,
) -> Path:
    """Check that ``target`` may be written; return the file written.

    Refused: a folder, a missing folder, an existing file that is not
    writable (``PermissionError``), one of ``inputs`` (pairs of a name for
    the messages and a path; ``"-"`` is standard input) or an existing file
    inside an input folder (``ValueError``); ``option`` names the option in
    the messages.  The check is the writer's own, so a command can make it
    before it draws anything.
    """
    name = f"{option} {os.fspath(target)!r}" if option else repr(os.fspath(target))
    real = real_target(target)
    if real.is_dir():
        raise IsADirectoryError(
            f"cannot save to {name}: it is a folder; give a file name"
        )
    folder = real.parent
    if not folder.is_dir():
        raise FileNotFoundError(
            f"cannot save to {name}: the folder {str(folder)!r} does not exist; "
            "create it first"
        )
    for label, src in inputs:
        if os.fspath(src) == "-":
            continue
        source = real_target(src)
        inside = source.is_dir() and real.exists() and _inside(real, source)
        if real == source or inside:
            what = f"a file in the {label} folder" if inside else f"the {label}"
            raise ValueError(
                f"{name} is {what}; refusing to overwrite it, choose another name"
            )
    if real.exists() and not os.access(real, os.W_OK):
        raise PermissionError(
            f"cannot save to {name}: the file is read-only; make it writable "
            "(chmod u+w) or choose another name"
        )
    return real


def atomic_write(
    target: str | os.PathLike[str],
    write: Callable[[BinaryIO], None],
    inputs: Iterable[tuple[str, str | os.PathLike[str]]] = (),
    option: str | None = None,
) -> None:
    """Write ``target`` with ``write(fh)``, through :func:`check_target`.

    The bytes go to a temporary file in the folder of the file written,
    renamed over it when ``write`` has finished and they are on disk.  On any
    error (including KeyboardInterrupt) the temporary file is removed and an
    existing file is left as it was.  A replaced file keeps its permissions
    (and its owner where the process may set it); a new one gets the umask's.
    """
    real = check_target(target, inputs, option)
    try:
        fd, tmp = tempfile.mkstemp(
            dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"
        )
    except PermissionError as exc:
        raise PermissionError(
            f"cannot save to {os.fspath(target)!r}: the folder {str(real.parent)!r} is "
            "not writable (clustergrid writes a temporary file there and renames it); "
            "choose another place"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        _copy_mode(real, tmp)
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _copy_mode(real: Path, tmp: str) -> None:
    try:
        st = real.stat()
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, st.st_mode & 0o7777)
    if hasattr(os, "chown"):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # only root may give a file away: it is then the writer's


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
