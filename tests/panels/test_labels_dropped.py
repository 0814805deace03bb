"""A label left out at an end always warns, naming how many and which end;
the end labels are never left out for lack of a measured pixel or two."""

from __future__ import annotations

import warnings

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg

ROWS = [f"Substrate name {i}" for i in range(70)]


@pytest.fixture(params=["default", "none"])
def hinting(request):
    """matplotlib's default hinting snaps text extents to whole pixels (the
    suite's style turns it off): both must keep the end labels."""
    value = (
        mpl.rcParamsDefault["text.hinting"] if request.param == "default" else "none"
    )
    with mpl.rc_context({"text.hinting": value}):
        yield value


@pytest.fixture
def amiga(hinting):
    """70 substrates: the AMiGA run whose first and last labels vanished."""
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        rng.normal(size=(70, 8)), index=ROWS, columns=[f"t{j}" for j in range(8)]
    )


def _drawn_labels(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]


def test_70_rows_keep_their_end_labels(amiga):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = cg.ClusterGrid(amiga).add(cg.Labels(), "right")
        fig = g.draw()
    labels = next(p for p in g.panels if isinstance(p, cg.Labels))
    assert list(labels.shown) == list(range(70))
    drawn = _drawn_labels(fig)
    assert "Substrate name 0" in drawn and "Substrate name 69" in drawn


def test_70_rows_keep_their_end_labels_in_cg_heatmap(amiga):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = cg.heatmap(amiga)
        g.draw()
    drawn = [t.get_text() for t in g.figure.texts] + _drawn_labels(g.figure)
    assert "Substrate name 0" in drawn and "Substrate name 69" in drawn


def test_70_rows_keep_their_end_labels_in_the_cli(amiga, tmp_path):
    from clustergrid.cli import main

    amiga.to_csv(tmp_path / "t.csv")
    assert main([str(tmp_path / "t.csv"), "-o", str(tmp_path / "o.svg")]) == 0
    svg = (tmp_path / "o.svg").read_text()
    assert ">Substrate name 0<" in svg and ">Substrate name 69<" in svg


def test_an_end_label_left_out_warns_how_many_and_which_end():
    rows = [f"r{i}" for i in range(29)] + [r"$\sum_{i}^{N}$"]
    df = pd.DataFrame(np.arange(120.0).reshape(30, 4), index=rows, columns=list("abcd"))
    g = cg.ClusterGrid(df, cell_size=0.12).add(cg.Labels(math=True), "right")
    with pytest.warns(UserWarning, match=r"1 label\(s\) left out at the ends") as rec:
        g.draw()
    message = str(rec[0].message)
    assert "the last 1" in message and r"$\sum_{i}^{N}$" in message
    assert rec[0].filename == __file__  # points at the user's line
    labels = next(p for p in g.panels if isinstance(p, cg.Labels))
    assert 29 not in labels.shown and 0 in labels.shown
