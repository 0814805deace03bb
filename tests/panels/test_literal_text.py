"""Text that comes from data is drawn as written, by every panel and legend:
``"$5-$10"`` is six characters, never italic mathtext, and ``"$"`` or
``"$$"`` never reach the mathtext parser (which fails the draw on them).
Mathtext only where the user asked for it (``Labels(math=True)``)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

import clustergrid as cg

# category names, labels, index names: each a string that mathtext would
# mangle or refuse
HOSTILE = ["$5-$10", "$", "$$", r"$\alpha$ & $x", "a$b"]


def _texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def _assert_literal(fig) -> list[str]:
    """Every drawn text holding a dollar sign is literal; the drawn strings."""
    drawn = []
    for t in _texts(fig):
        s = t.get_text()
        drawn.append(s)
        if "$" in s:
            assert t.get_parse_math() is False, f"{s!r} is parsed as mathtext"
            assert t.get_usetex() is False, f"{s!r} goes through TeX"
    return drawn


def hostile_grid() -> cg.ClusterGrid:
    """Every panel that draws text from data, fed the hostile strings."""
    n = 10
    rows = [f"{HOSTILE[i % 5]} r{i}" for i in range(n)]
    cols = [f"{HOSTILE[j % 5]} c{j}" for j in range(5)]
    rng = np.random.default_rng(3)
    df = pd.DataFrame(rng.normal(size=(n, 5)), index=rows, columns=cols)
    df.index.name = "$genes$ (index name)"
    df.columns.name = "$"
    cat = pd.Series([HOSTILE[i % 5] for i in range(n)], index=rows, name="$$")
    other = pd.Series(
        [HOSTILE[(i + 1) % 3] for i in range(n)], index=rows, name="$5-$10"
    )
    col_cat = pd.Series([HOSTILE[j] for j in range(5)], index=cols, name="a$b")
    parts = pd.DataFrame(rng.uniform(size=(5, 2)), index=cols, columns=["$part", "$$"])
    slices = pd.Series(["$", "$$"] * (n // 2), index=rows)
    return (
        cg.ClusterGrid(df, cell_size=0.4, annot=df.map(lambda v: "$"))
        .split(rows=slices)
        .add(cg.AnnotationBar(cat), "left")
        .add(cg.AnnotationBar(other, name="$5-$10 bar"), "left")
        .add(cg.AnnotationBar(col_cat), "top")
        .add(cg.BarTrack(parts), "top")
        .add(cg.Blocks(), "left")
        .add(cg.SliceTitles(), "left")
        .add(cg.Labels(color_by=cat, title=True), "right")
        .add(cg.Labels(title=True), "bottom")
        .add(cg.Marks([rows[0], rows[3]]), "right")
        .layer(cg.Markers(df > 1, label="$ > 1"))
    )


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_every_panel_draws_data_text_literally(fmt):
    g = hostile_grid()
    buf = io.BytesIO()
    g.save(buf, format=fmt)  # "$" and "$$" used to fail the draw here
    assert buf.getvalue()
    drawn = _assert_literal(g.figure)
    # the strings come back exactly as the data holds them
    for s in [
        "$$",  # the AnnotationBar's name
        "$5-$10 bar",
        "a$b",
        "$genes$ (index name)",  # index name as the labels' axis title
        "$5-$10 r0",  # a row label, a mark
        "$part",  # a BarTrack part in the legend
        "$ > 1",  # a layer's legend entry
        *HOSTILE,  # legend entries and slice titles / blocks ("$", "$$")
    ]:
        assert s in drawn, f"{s!r} is not drawn as written"
    assert drawn.count("$") >= 10  # the cell annotations
    assert sum(s == "$5-$10 r0" for s in drawn) >= 2  # the label and the mark


def test_categorical_matrix_legend_is_literal():
    m = pd.DataFrame(
        [["$", "$$"], ["$5-$10", "$"]], index=["a", "b"], columns=["x", "y"]
    )
    g = cg.ClusterGrid(m)
    fig = g.draw()
    drawn = _assert_literal(fig)
    assert {"$", "$$", "$5-$10"} <= set(drawn)


def test_labels_math_true_keeps_mathtext():
    df = pd.DataFrame(np.eye(2), index=[r"$\alpha$", r"$\beta$"], columns=["a", "b"])
    g = cg.ClusterGrid(df).add(cg.Labels(math=True), "right")
    g.draw()
    texts = {t.get_text(): t for t in _texts(g.figure)}
    assert texts[r"$\alpha$"].get_parse_math() is True


def test_cli_row_split_with_dollar_categories(tmp_path):
    from clustergrid.cli import main

    rows = "\n".join(f"g{i},{i},{i * 2},{['$', '$$'][i % 2]}" for i in range(6))
    (tmp_path / "t.csv").write_text("gene,a,b,grp\n" + rows + "\n")
    code = main(
        [
            str(tmp_path / "t.csv"),
            "--row-split",
            "grp",
            "-o",
            str(tmp_path / "o.svg"),
        ]
    )
    assert code == 0
    svg = (tmp_path / "o.svg").read_text()
    assert ">$<" in svg or "$</text>" in svg


@pytest.mark.parametrize("legend", [True, False])
def test_cli_value_column_named_with_dollars(tmp_path, legend):
    """The colour scale's title comes from the -v column's name: data."""
    from clustergrid.cli import main

    lines = [f"g{i},c{j},{i * j}" for i in range(4) for j in range(3)]
    (tmp_path / "long.csv").write_text("gene,cell,$5-$10\n" + "\n".join(lines) + "\n")
    args = [str(tmp_path / "long.csv"), "-x", "gene", "-y", "cell", "-v", "$5-$10"]
    if legend:  # a bar: the scale goes into the Legends panel
        (tmp_path / "ann.csv").write_text(
            "cell,kind\n"
            + "\n".join(f"c{i},{'$' if i % 2 else '$$'}" for i in range(3))
            + "\n"
        )
        args += [
            "--row-annotation-file",
            str(tmp_path / "ann.csv"),
            "--row-annotation",
            "kind",
        ]
    assert main([*args, "-o", str(tmp_path / "o.svg")]) == 0
    svg = (tmp_path / "o.svg").read_text()
    assert ">$5-$10</text>" in svg  # text, not mathtext paths
