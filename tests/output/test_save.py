"""Saving is atomic: a failed save leaves an existing file exactly as it was
and never leaves a temporary file behind; a successful save replaces the
target in one step."""

from __future__ import annotations

import errno
import io
import os
import stat

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import clustergrid as cg
from clustergrid._output import save as _save

OLD = b"the previous figure, which must survive a failed save\n"
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<?xml"}


@pytest.fixture
def grid():
    rng = np.random.default_rng(7)
    df = pd.DataFrame(
        rng.normal(size=(6, 5)),
        index=[f"gene{i}" for i in range(6)],
        columns=list("ABCDE"),
    )
    return (
        cg.ClusterGrid(df)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(), "right")
        .add(cg.ScaleBar(), "bottom")
    )


def listing(folder) -> dict[str, bytes]:
    """Every entry in the folder (hidden ones included) with its bytes."""
    out = {}
    for name in sorted(os.listdir(folder)):
        p = os.path.join(folder, name)
        out[name] = open(p, "rb").read() if os.path.isfile(p) else b"<dir>"
    return out


def existing(tmp_path, name: str, mode: int = 0o640):
    p = tmp_path / name
    p.write_bytes(OLD)
    os.chmod(p, mode)
    return p


def _fail_midway(exc: BaseException):
    """A Figure.savefig that writes part of the file, then fails."""
    real = Figure.savefig

    def savefig(self, fname, *args, **kwargs):
        if hasattr(fname, "write"):
            buf = io.BytesIO()
            real(self, buf, *args, **kwargs)
            fname.write(buf.getvalue()[: len(buf.getvalue()) // 2])
            fname.flush()
        raise exc

    return savefig


# -- failures leave everything as it was ----------------------------------------------


@pytest.mark.parametrize(
    "name, kwargs, message",
    [
        ("fig.png", {"format": "jpg"}, "unsupported format 'jpg'"),
        ("fig.xyz", {}, "unsupported format 'xyz'"),
        ("fig", {}, "cannot tell the format"),
    ],
)
def test_save_bad_format_leaves_existing_file(grid, tmp_path, name, kwargs, message):
    target = existing(tmp_path, name)
    before = listing(tmp_path)
    with pytest.raises(ValueError, match=message):
        grid.save(target, **kwargs)
    assert listing(tmp_path) == before
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_save_disk_error_midway_leaves_existing_file(grid, tmp_path, monkeypatch, fmt):
    target = existing(tmp_path, f"fig.{fmt}")
    before = listing(tmp_path)
    monkeypatch.setattr(
        Figure,
        "savefig",
        _fail_midway(OSError(errno.ENOSPC, "No space left on device")),
    )
    with pytest.raises(OSError, match="No space left"):
        grid.save(target)
    assert listing(tmp_path) == before


def test_save_disk_error_creates_no_file(grid, tmp_path, monkeypatch):
    monkeypatch.setattr(
        Figure, "savefig", _fail_midway(OSError(errno.EIO, "I/O error"))
    )
    with pytest.raises(OSError):
        grid.save(tmp_path / "new.pdf")
    assert listing(tmp_path) == {}


def test_save_fsync_failure_leaves_existing_file(grid, tmp_path, monkeypatch):
    target = existing(tmp_path, "fig.svg")
    before = listing(tmp_path)

    def broken_fsync(fd):
        raise OSError(errno.EIO, "I/O error while syncing")

    monkeypatch.setattr(_save.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="syncing"):
        grid.save(target)
    assert listing(tmp_path) == before


def test_save_interrupted_leaves_existing_file(grid, tmp_path, monkeypatch):
    """Ctrl-C in the middle of writing: old file kept, temporary file removed."""
    target = existing(tmp_path, "fig.png")
    before = listing(tmp_path)
    monkeypatch.setattr(Figure, "savefig", _fail_midway(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        grid.save(target)
    assert listing(tmp_path) == before


def test_save_rename_failure_removes_temp_file(grid, tmp_path):
    """The last step (the rename) fails for real: the target is a folder."""
    (tmp_path / "fig.png").mkdir()
    (tmp_path / "fig.png" / "inside.txt").write_bytes(OLD)
    before = listing(tmp_path)
    with pytest.raises(OSError):
        grid.save(tmp_path / "fig.png")
    assert listing(tmp_path) == before
    assert listing(tmp_path / "fig.png") == {"inside.txt": OLD}


def test_save_failed_draw_leaves_existing_file(tmp_path):
    """A spec error found while drawing (a Dendrogram on unclustered rows)
    is raised before anything is written."""
    target = existing(tmp_path, "fig.pdf")
    before = listing(tmp_path)
    g = cg.ClusterGrid(np.eye(3)).add(cg.Dendrogram(), "left")
    with pytest.raises(ValueError, match="not clustered"):
        g.save(target)
    assert listing(tmp_path) == before


def test_save_missing_folder_is_a_clear_error(grid, tmp_path):
    with pytest.raises(FileNotFoundError, match="folder .* does not exist"):
        grid.save(tmp_path / "no" / "such" / "fig.png")
    assert listing(tmp_path) == {}


# -- success replaces in one step ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_save_replaces_existing_file_and_keeps_its_mode(grid, tmp_path, fmt):
    target = existing(tmp_path, f"fig.{fmt}", mode=0o604)
    grid.save(target)
    assert listing(tmp_path).keys() == {f"fig.{fmt}"}
    data = target.read_bytes()
    assert data.startswith(MAGIC[fmt]) and data != OLD
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o604


def test_save_new_file_gets_umask_mode(grid, tmp_path):
    old = os.umask(0o027)
    try:
        grid.save(tmp_path / "fig.png")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "fig.png").st_mode) == 0o640
    assert listing(tmp_path).keys() == {"fig.png"}


def test_save_format_keyword_overrides_extension(grid, tmp_path):
    grid.save(tmp_path / "figure.out", format="pdf")
    assert (tmp_path / "figure.out").read_bytes().startswith(MAGIC["pdf"])
    assert listing(tmp_path).keys() == {"figure.out"}


def test_save_to_file_object(grid):
    buf = io.BytesIO()
    grid.save(buf, format="svg")
    assert buf.getvalue().startswith(MAGIC["svg"])
    with pytest.raises(ValueError, match="needs format="):
        grid.save(io.BytesIO())


def test_save_to_str_path_in_current_folder(grid, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    grid.save("plain.png")
    assert listing(tmp_path).keys() == {"plain.png"}
    assert (tmp_path / "plain.png").read_bytes().startswith(MAGIC["png"])


def test_save_png_has_the_figure_size(grid, tmp_path):
    """The saved image is the laid-out figure, not cropped or padded."""
    import matplotlib.image as mimage

    grid.save(tmp_path / "fig.png", dpi=100)
    img = mimage.imread(tmp_path / "fig.png")
    w, h = grid.figure.get_size_inches()
    assert img.shape[:2] == (int(h * 100), int(w * 100))  # as Agg sizes its canvas
