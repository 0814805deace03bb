"""The command never replaces what it reads: an input, a file inside an
input folder (through a symlink too), or a read-only file."""

from __future__ import annotations

import pytest

from clustergrid.cli import main


@pytest.fixture
def summary(tmp_path):
    folder = tmp_path / "summary"
    folder.mkdir()
    for name, shift in (("a.csv", 0), ("b.csv", 10)):
        rows = "\n".join(f"{name[0]}{i},{i + shift},{2 * i + shift}" for i in range(4))
        (folder / name).write_text("gene,x,y\n" + rows + "\n")
    return folder


def _contents(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("target", ["summary/a.csv", "summary/./b.csv", "link.csv"])
def test_save_matrix_into_input_folder_is_refused(summary, tmp_path, capsys, target):
    (tmp_path / "link.csv").symlink_to(summary / "a.csv")
    before = _contents(summary)
    code = main(
        [
            str(summary),
            "--save-matrix",
            str(tmp_path / target),
            "-o",
            str(tmp_path / "o.png"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    assert "is a file in the INPUT folder; refusing to overwrite it" in err
    assert _contents(summary) == before
    assert not (tmp_path / "o.png").exists()  # refused before anything is drawn


def test_figure_and_new_matrix_may_go_into_the_input_folder(summary, tmp_path):
    before = _contents(summary)
    code = main(
        [
            str(summary),
            "--save-matrix",
            str(summary / "drawn.tsv"),
            "-o",
            str(summary / "heatmap.png"),
        ]
    )
    assert code == 0
    after = _contents(summary)
    assert {k: after[k] for k in before} == before
    assert set(after) == set(before) | {"drawn.tsv", "heatmap.png"}
