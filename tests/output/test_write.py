"""The one writer: every file clustergrid writes follows symlinks, respects
permissions and never replaces an input; the canvas limit holds whatever
dpi savefig would use."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from clustergrid._output.write import atomic_write, check_target

NOBODY = 65534


def small_grid(**kwargs) -> cg.ClusterGrid:
    df = pd.DataFrame(
        np.arange(12.0).reshape(4, 3), index=list("abcd"), columns=list("xyz")
    )
    return cg.ClusterGrid(df, **kwargs).add(cg.Labels(), "right")


# -- symlinks ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "svg", "html"])
def test_save_through_symlink_writes_target_and_keeps_link(tmp_path, fmt):
    target = tmp_path / "real" / f"fig.{fmt}"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(target)
    small_grid().save(link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() != b"old" and len(target.read_bytes()) > 100
    # nothing else appeared next to the link or the target
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"link.{fmt}", "real"]
    assert [p.name for p in target.parent.iterdir()] == [f"fig.{fmt}"]


def test_save_through_dangling_symlink_creates_its_target(tmp_path):
    target = tmp_path / "made.png"
    link = tmp_path / "link.png"
    link.symlink_to(target)
    small_grid().save(link)
    assert link.is_symlink() and target.read_bytes().startswith(b"\x89PNG")


def test_save_through_chain_of_symlinks(tmp_path):
    target = tmp_path / "fig.pdf"
    target.write_bytes(b"old")
    (tmp_path / "a.pdf").symlink_to(target)
    (tmp_path / "b.pdf").symlink_to(tmp_path / "a.pdf")
    small_grid().save(tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").is_symlink() and (tmp_path / "b.pdf").is_symlink()
    assert target.read_bytes().startswith(b"%PDF-")


# -- permissions ---------------------------------------------------------------------


def _try_read_only_saves(folder: str) -> str:
    """Try to save over each read-only file; what happened, one line each."""
    g = small_grid()
    lines = []
    for name in ("fig.png", "fig.svg", "fig.html"):
        p = os.path.join(folder, name)
        try:
            open(p, "wb").close()
        except PermissionError:
            pass
        else:
            return "open() wrote a read-only file: privileges not dropped"
        try:
            g.save(p)
        except PermissionError as exc:
            lines.append(f"{name} refused: {exc}")
        else:
            lines.append(f"{name} REPLACED")
    return "\n".join(lines)


def _warm_up() -> None:
    """Draw and save the test's grid once in every format it saves, to memory."""
    import io

    g = small_grid()
    for fmt in ("png", "svg"):
        g.save(io.BytesIO(), format=fmt)
    g.to_html()


def _as_unprivileged(func, *args) -> str:
    """``func(*args)`` in a forked child that runs as nobody when we are root
    (root may write anything); its return value comes back through a pipe."""
    if not hasattr(os, "fork"):  # pragma: no cover
        pytest.skip("needs os.fork to drop privileges for the read-only test")
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(r)
            if os.geteuid() == 0:
                # load what saving reads from the installed packages (fonts)
                # while still root: a venv under a private folder is not
                # readable by nobody, and that is not what this test checks
                _warm_up()
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            out = func(*args)
        except BaseException as exc:
            out, code = f"child failed: {exc!r}", 1
        os.write(w, out.encode())
        os.close(w)
        os._exit(code)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


def test_save_refuses_read_only_file():
    """A read-only file is refused with a clear error, exactly where
    ``open(path, "wb")`` refuses it, and left as it was."""
    folder = tempfile.mkdtemp(prefix="cg-readonly-")
    try:
        os.chmod(folder, 0o777)
        for name in ("fig.png", "fig.svg", "fig.html"):
            p = os.path.join(folder, name)
            with open(p, "wb") as fh:
                fh.write(b"keep me")
            os.chmod(p, 0o444)
            if os.geteuid() == 0:
                os.chown(p, NOBODY, NOBODY)
        out = _as_unprivileged(_try_read_only_saves, folder)
        assert out.count("refused") == 3, out
        assert "the file is read-only; make it writable" in out
        for name in ("fig.png", "fig.svg", "fig.html"):
            p = os.path.join(folder, name)
            assert open(p, "rb").read() == b"keep me"
            assert stat.S_IMODE(os.stat(p).st_mode) == 0o444
        assert sorted(os.listdir(folder)) == ["fig.html", "fig.png", "fig.svg"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_replaced_file_keeps_mode(tmp_path):
    p = tmp_path / "fig.png"
    p.write_bytes(b"old")
    os.chmod(p, 0o604)
    small_grid().save(p)
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o604


# -- inputs --------------------------------------------------------------------------


def test_writer_refuses_an_input_and_files_in_an_input_folder(tmp_path):
    folder = tmp_path / "summary"
    folder.mkdir()
    (folder / "a.csv").write_text("x,y\n1,2\n")
    inputs = [("INPUT", str(folder))]
    with pytest.raises(ValueError, match="is a file in the INPUT folder"):
        atomic_write(folder / "a.csv", lambda fh: fh.write(b"!"), inputs)
    with pytest.raises(ValueError, match="is the INPUT"):
        check_target(folder / "a.csv", [("INPUT", folder / "a.csv")])
    link = tmp_path / "link.csv"
    link.symlink_to(folder / "a.csv")
    with pytest.raises(ValueError, match="refusing to overwrite it"):
        check_target(link, inputs)
    assert (folder / "a.csv").read_text() == "x,y\n1,2\n"
    # a new file in the folder is not an input
    atomic_write(folder / "new.png", lambda fh: fh.write(b"!"), inputs)
    assert (folder / "new.png").read_bytes() == b"!"


# -- the canvas limit and rc savefig.dpi ---------------------------------------------


def test_rc_savefig_dpi_cannot_bypass_canvas_limit(tmp_path):
    g = small_grid(figsize=(4, 3))  # 3e8 pixels at 5000 dpi
    with mpl.rc_context({"savefig.dpi": 5000}):
        with pytest.raises(ValueError, match="dpi=5000"):
            g.save(tmp_path / "big.png")
    assert list(tmp_path.iterdir()) == []


def test_rasterized_artists_in_vector_output_are_held_to_the_canvas_limit(tmp_path):
    g = small_grid(figsize=(4, 3))
    fig = g.draw()
    fig.axes[0].set_rasterized(True)
    with pytest.raises(ValueError, match="dpi=5000"):
        g.save(tmp_path / "big.pdf", dpi=5000)
    assert list(tmp_path.iterdir()) == []
    g.save(tmp_path / "ok.pdf", dpi=300)
    assert (tmp_path / "ok.pdf").read_bytes().startswith(b"%PDF-")
