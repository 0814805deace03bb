"""Reruns are identical: two separate processes running the same script write
byte-identical SVG, PDF and PNG files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

import clustergrid as cg

FORMATS = ("svg", "pdf", "png")

SCRIPT = textwrap.dedent("""
    import sys
    import numpy as np
    import clustergrid as cg

    out = sys.argv[1]
    wine = cg.load_dataset("wine").iloc[::4]
    X = wine.drop(columns="cultivar")
    X = (X - X.mean()) / X.std()
    g = (cg.ClusterGrid(X.T, center=0)
         .cluster(method="average")
         .add(cg.Dendrogram(), "left")
         .add(cg.Dendrogram(), "top")
         .add(cg.AnnotationBar(wine["cultivar"].astype(str), name="cultivar"), "top")
         .add(cg.Labels(), "right")
         .add(cg.Labels(), "bottom")
         .add(cg.ScaleBar(label="z-score"), "bottom-right"))
    for fmt in ("svg", "pdf", "png"):
        g.save(f"{out}/figure.{fmt}")
""")


def run_script(folder, hashseed: str) -> dict[str, bytes]:
    folder.mkdir()
    env = dict(os.environ, PYTHONHASHSEED=hashseed, MPLBACKEND="Agg")
    env.pop("SOURCE_DATE_EPOCH", None)  # determinism must not rely on it
    subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder)],
        check=True,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert sorted(os.listdir(folder)) == sorted(f"figure.{f}" for f in FORMATS)
    return {fmt: (folder / f"figure.{fmt}").read_bytes() for fmt in FORMATS}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("determinism")
    # different hash seeds and different output folders: neither may leak in
    return run_script(base / "first", "1"), run_script(base / "second", "4242")


@pytest.mark.parametrize("fmt", FORMATS)
def test_determinism_two_processes_write_identical_bytes(two_runs, fmt):
    first, second = two_runs
    assert len(first[fmt]) > 1000
    assert first[fmt] == second[fmt], f"{fmt} output differs between two runs"


def test_determinism_no_dates_or_paths_in_output(two_runs):
    first, _ = two_runs
    assert b"CreationDate" not in first["pdf"] and b"ModDate" not in first["pdf"]
    assert b"<dc:date>" not in first["svg"]
    for fmt in FORMATS:
        assert b"first" not in first[fmt]  # the output folder's name


def test_determinism_redraw_in_one_process_is_identical(tmp_path):
    """Saving the same grid twice (a fresh layout each time) gives the same bytes."""
    import numpy as np

    rng = np.random.default_rng(3)
    g = (
        cg.ClusterGrid(rng.normal(size=(12, 9)))
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(), "right")
        .add(cg.ScaleBar(), "bottom")
    )
    for fmt in FORMATS:
        g.save(tmp_path / f"a.{fmt}")
        g.save(tmp_path / f"b.{fmt}")
        assert (tmp_path / f"a.{fmt}").read_bytes() == (
            tmp_path / f"b.{fmt}"
        ).read_bytes()
