"""The style at build time: the rcParams in force when a grid is made (with
its rc= and style=) are the ones it is drawn and saved with, wherever the
draw happens; read back from the drawn texts and the saved bytes."""

from __future__ import annotations

import io
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

import clustergrid as cg


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    return pd.DataFrame(
        rng.normal(size=(10, 5)),
        index=[f"gene {i}" for i in range(10)],
        columns=[f"s{j}" for j in range(5)],
    )


def _label_sizes(fig, prefix: str = "gene") -> set[float]:
    return {
        t.get_fontsize() for t in fig.findobj(Text) if t.get_text().startswith(prefix)
    }


def _png(g) -> bytes:
    buf = io.BytesIO()
    g.save(buf, format="png")
    return buf.getvalue()


def test_rc_context_around_the_build_holds_for_a_later_save(df):
    with plt.rc_context({"font.size": 7}):
        g = cg.ClusterGrid(df).cluster().add(cg.Labels(), "right")
    assert mpl.rcParams["font.size"] == 10  # the conftest style again
    inside = _png(g)
    assert _label_sizes(g.figure) == {7.0}
    with plt.rc_context({"font.size": 7}):
        same = cg.ClusterGrid(df).cluster().add(cg.Labels(), "right")
        built_and_saved_inside = _png(same)
    assert inside == built_and_saved_inside  # identical bytes
    assert _png(g) == inside  # and on rerun


def test_rc_and_style_options(df):
    g = cg.ClusterGrid(df, style={"text.color": "red"}, rc={"font.size": 6})
    g.add(cg.Labels(), "right").draw()
    texts = [t for t in g.figure.findobj(Text) if t.get_text().startswith("gene")]
    assert {t.get_fontsize() for t in texts} == {6.0}
    assert {t.get_color() for t in texts} == {"red"}
    # rc= wins over style=
    h = cg.ClusterGrid(df, style={"font.size": 12}, rc={"font.size": 6})
    h.add(cg.Labels(), "right").draw()
    assert _label_sizes(h.figure) == {6.0}
    scale = cg.ScaleBar()
    cg.ClusterGrid(df, style="ggplot").add(scale, "right").draw()
    ticks = [t for t in scale.ax.yaxis.get_ticklabels() if t.get_text()]
    assert ticks and {t.get_color() for t in ticks} == {"#555555"}  # ggplot's


def test_clustermap_and_heatmap_take_rc(df):
    g = cg.clustermap(df, rc={"font.size": 5})
    assert {t.get_fontsize() for t in g.ax_heatmap.get_yticklabels()} == {5.0}
    h = cg.heatmap(df, style={"font.size": 6})
    assert {t.get_fontsize() for t in h.ax_heatmap.get_yticklabels()} == {6.0}
    with plt.rc_context({"font.size": 7}):
        k = cg.clustermap(df)
    k.add(cg.Labels(), "left")  # a redraw outside the with keeps the build's rc
    k.savefig(io.BytesIO(), format="png")
    assert _label_sizes(k.figure) == {7.0}


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"rc": {"font.sise": 7}},
            ValueError,
            r"rc=\{'font.sise'.*not a matplotlib rc",
        ),
        ({"rc": {"font.size": "big"}}, ValueError, r"rc=\{'font.size': 'big'\}"),
        ({"rc": {"savefig.dpi": 300}}, ValueError, r"read when saving.*save\(\)"),
        ({"rc": ["font.size"]}, TypeError, r"rc=\.\.\. takes a dict"),
        ({"style": "no-such-style"}, ValueError, r"style='no-such-style'.*available"),
        ({"style": 3}, TypeError, r"style=\.\.\. takes a style name"),
    ],
)
def test_bad_rc_and_style_are_refused_where_given(df, kwargs, error, match):
    with pytest.raises(error, match=match):
        cg.ClusterGrid(df, **kwargs)
    with pytest.raises(error, match=match):
        cg.clustermap(df, **kwargs)


def test_save_time_rc_of_the_writers_still_applies(df):
    """savefig.* and the formats' keys are read when saving, as in matplotlib."""
    g = cg.ClusterGrid(df).add(cg.Labels(), "right")
    a, b = io.BytesIO(), io.BytesIO()
    with plt.rc_context({"pdf.compression": 0}):
        g.save(a, format="pdf")
    with plt.rc_context({"pdf.compression": 9}):
        g.save(b, format="pdf")
    assert b"BT" in a.getvalue()  # the text's content stream, uncompressed
    assert b"BT" not in b.getvalue()


def test_concat_is_drawn_with_the_main_grids_rc(df):
    with plt.rc_context({"font.size": 7}):
        a = cg.ClusterGrid(df).add(cg.Labels(), "right")
    b = cg.ClusterGrid(df).add(cg.Labels(), "right")
    c = cg.concat([a, b])
    with pytest.warns(
        UserWarning, match=r"grid 1 was made with other rcParams.*font.size"
    ):
        fig = c.draw()
    assert _label_sizes(fig) == {7.0}
    same = cg.concat([a, cg.ClusterGrid(df, rc={"font.size": 7})])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        same.draw()
