"""The progress bar of the clustering stages (issue 19): where it draws,
when it stays silent, and that it never changes the result."""

from __future__ import annotations

import io
import time

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal

import clustergrid as cg
from clustergrid._order.linkage import linkage, linkage_large
from clustergrid._support import progress as _progress
from clustergrid._support.progress import Progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run_stage(rep, seconds=0.35, total=3):
    with rep.stage("k-means", total=total) as st:
        for _ in range(total):
            time.sleep(seconds / total)
            st.advance()


def test_terminal_gets_a_bar_redrawn_in_place():
    out = _Tty()
    rep = Progress(stream=out, delay=0.05)
    assert rep.active  # default: on because the stream is a terminal
    _run_stage(rep)
    text = out.getvalue()
    assert text.startswith("\rk-means")
    assert "[" + "#" * 28 + "] 3/3" in text  # the final bar is full
    assert text.endswith(" s\n") and text.count("\n") == 1
    assert [name for name, _ in rep.stages] == ["k-means"]
    assert rep.stages[0][1] >= 0.3


def test_not_a_terminal_is_silent_by_default():
    out = io.StringIO()
    rep = Progress(stream=out, delay=0.0)
    assert not rep.active
    _run_stage(rep)
    assert out.getvalue() == ""
    assert len(rep.stages) == 1  # timings are still recorded


def test_forced_on_for_a_log_writes_whole_lines():
    out = io.StringIO()
    rep = Progress(enabled=True, stream=out, delay=0.05)
    _run_stage(rep)
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert lines and all(line.startswith("k-means") for line in lines)
    assert lines[-1].split("]")[1].strip().startswith("3/3")


def test_off_and_short_stages_print_nothing():
    out = _Tty()
    _run_stage(Progress(enabled=False, stream=out, delay=0.0))
    _run_stage(Progress(stream=out, delay=5.0), seconds=0.05)  # shorter than the delay
    assert out.getvalue() == ""


def test_stage_without_total_shows_elapsed_time():
    out = _Tty()
    rep = Progress(stream=out, delay=0.05)
    with rep.stage("tree"):
        time.sleep(0.3)
    assert "tree" in out.getvalue() and "done" in out.getvalue()


@pytest.mark.parametrize("bad", ["yes", 1, 0.5, [True]])
def test_cluster_rejects_bad_progress(bad):
    df = pd.DataFrame(np.random.default_rng(0).standard_normal((6, 3)))
    with pytest.raises(TypeError, match=r"progress must be None .* True or False, got"):
        cg.ClusterGrid(df).cluster(progress=bad)


def test_progress_does_not_change_the_trees(monkeypatch, capsys):
    monkeypatch.setattr(_progress, "DEFAULT_DELAY", 0.0)
    rng = np.random.default_rng(1)
    X = np.repeat(rng.normal(scale=6, size=(5, 8)), 500, axis=0) + rng.standard_normal(
        (2500, 8)
    )
    ref = linkage_large(X, max_leaf_size=400)
    got = linkage_large(X, max_leaf_size=400, progress=True)
    assert_array_equal(got, ref)
    err = capsys.readouterr().err
    for stage in ("k-means", "upper tree", "leaf trees"):
        assert stage in err
    assert_array_equal(linkage(X[:300], progress=True), linkage(X[:300]))


def test_grid_progress_reaches_the_clustering(monkeypatch, capsys):
    monkeypatch.setattr(_progress, "DEFAULT_DELAY", 0.0)
    rng = np.random.default_rng(2)
    df = pd.DataFrame(rng.standard_normal((1200, 6)))
    quiet = cg.ClusterGrid(df).cluster(progress=False)
    loud = cg.ClusterGrid(df).cluster(progress=True)
    assert_array_equal(quiet.row_linkage, loud.row_linkage)
    err = capsys.readouterr().err
    assert "distances" in err and "tree" in err
    # default (None): pytest's captured stderr is not a terminal, so silent
    cg.ClusterGrid(df).cluster().row_linkage  # noqa: B018
    assert capsys.readouterr().err == ""
