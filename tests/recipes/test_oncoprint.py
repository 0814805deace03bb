"""cg.oncoprint: counts drawn equal pandas' counts, ComplexHeatmap's gene
order and memo sort on a hand-checked example, shapes per type read back
from the drawn collections, every input form, errors, widths, concat, page."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from clustergrid._recipes.oncoprint import SHAPES
from conftest import assert_no_overlap


@pytest.fixture
def cohort() -> pd.DataFrame:
    return cg.load_dataset("lung_cohort")


def _build(cohort, **kw):
    return cg.oncoprint(cohort, samples=cohort["sample"].unique(), **kw)


def _tracks(g):
    top = next(s.panel for s in g._slots if s.side == "top")
    right = next(
        s.panel
        for s in g._slots
        if s.side == "right" and isinstance(s.panel, cg.BarTrack)
    )
    return top, right


def test_counts_drawn_equal_pandas_counts(cohort):
    g = _build(cohort)
    g.draw()
    alt = cohort.dropna(subset=["gene", "type"])
    per_sample = pd.crosstab(alt["sample"], alt["type"]).reindex(
        index=g.col_order, fill_value=0
    )
    per_gene = (
        alt.groupby(["gene", "type"])["sample"].nunique().unstack(fill_value=0)
    ).reindex(index=g.row_order)
    top, right = _tracks(g)
    types = list(g.styles)
    # top: one BarContainer per type, bar j is sample j's count of that type
    heights = np.array([p.get_height() for p in top.ax.patches]).reshape(len(types), -1)
    widths = np.array([p.get_width() for p in right.ax.patches]).reshape(len(types), -1)
    for k, t in enumerate(types):
        assert heights[k].tolist() == per_sample[t].tolist(), t
        assert widths[k].tolist() == per_gene[t].fillna(0).tolist(), t
    # percentages on the left: altered samples / cohort
    n = cohort["sample"].nunique()
    pct = alt.groupby("gene")["sample"].nunique() / n * 100
    left = next(s.panel for s in g._slots if s.side == "left")
    texts = [t.get_text() for t in left.ax.texts] or [
        t.get_text() for t in left.ax.get_yticklabels()
    ]
    assert texts == [f"{pct[k]:.0f}%" for k in g.row_order]
    assert g.percent.loc["TP53"] == pytest.approx(pct["TP53"])


def _cells_of(collection) -> list[tuple[float, float, float, float]]:
    """(x centre, y centre, width, height) of each rectangle drawn."""
    out = []
    for path in collection.get_paths():
        v = path.vertices
        x0, x1 = v[:, 0].min(), v[:, 0].max()
        y0, y1 = v[:, 1].min(), v[:, 1].max()
        out.append(((x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0))
    return out


def test_shapes_per_type_read_from_the_drawn_patches(cohort):
    g = _build(cohort, alter_fun={"FUSION": dict(shape="x", color="purple")})
    g.draw()
    ax = g.ax_heatmap
    by_label = {c.get_label(): c for c in ax.collections}
    rows, cols = list(g.row_order), list(g.col_order)
    bg = _cells_of(by_label["clustergrid:alteration:background"])
    assert len(bg) == len(rows) * len(cols)
    assert all(np.isclose(w, 0.9) and np.isclose(h, 0.9) for *_, w, h in bg)
    for t, (color, shape) in g.styles.items():
        coll = by_label[f"clustergrid:alteration:{t}"]
        table = g.alterations[t]
        want = {(g_, s) for g_ in rows for s in cols if table.loc[g_, s]}
        if shape in SHAPES:
            got = _cells_of(coll)
            w, h = SHAPES[shape]
            assert all(np.isclose(a, w) and np.isclose(b, h) for *_, a, b in got), t
            where = {(rows[int(y)], cols[int(x)]) for x, y, *_ in got}
            assert np.allclose(coll.get_facecolors()[0][:3], _rgb(color))
        else:  # a marker
            where = {(rows[int(y)], cols[int(x)]) for x, y in coll.get_offsets()}
        assert where == want, t
    # drawn over the background, in the styles' order
    z = [by_label[f"clustergrid:alteration:{t}"] for t in g.styles]
    order = [ax.collections.index(c) for c in z]
    assert order == sorted(order)
    assert g.styles["FUSION"] == ("purple", "x")
    assert g.styles["MUT"][1] == "bar" and g.styles["AMP"][1] == "fill"


def _rgb(c):
    import matplotlib.colors as mcolors

    return mcolors.to_rgb(c)


def test_memo_sort_equals_complexheatmaps_rule_on_a_hand_checked_example():
    # genes given as G2, G1, G3; samples s1..s6.  Types per cell:
    #   G1: s2 (MUT), s3 (MUT and AMP)          -> 3 alterations, 2 samples
    #   G2: s1, s5 (MUT)                        -> 2 alterations, 2 samples
    #   G3: s4, s5 (MUT)                        -> 2 alterations, 2 samples
    # gene order (alterations, then altered samples, decreasing; ties as
    # given): G1, G2, G3.  Scores sum(2 ** (n - i / x_i)), n = 3:
    #   s1 = 2^(3-2) = 2;  s2 = 2^(3-1) = 4;  s3 = 2^(3-1/2) = 5.66;
    #   s4 = 2^(3-3) = 1;  s5 = 2 + 1 = 3;   s6 = 0
    # so samples: s3, s2, s5, s1, s4, s6.
    m = pd.DataFrame(
        {
            "s1": ["MUT", "", ""],
            "s2": ["", "MUT", ""],
            "s3": ["", "MUT;AMP", ""],
            "s4": ["", "", "MUT"],
            "s5": ["MUT", "", "MUT"],
            "s6": ["", "", ""],
        },
        index=["G2", "G1", "G3"],
    )
    g = cg.oncoprint(m)
    assert list(g.row_order) == ["G1", "G2", "G3"]
    assert list(g.col_order) == ["s3", "s2", "s5", "s1", "s4", "s6"]
    # a tie on alterations is broken by altered samples
    m2 = pd.DataFrame({"a": ["MUT;AMP", "MUT"], "b": ["", "MUT"]}, index=["X", "Y"])
    assert list(cg.oncoprint(m2).row_order) == ["Y", "X"]
    # without sorting: the input's order
    g = cg.oncoprint(m, sort_genes=False, sort_samples=False)
    assert list(g.row_order) == ["G2", "G1", "G3"]
    assert list(g.col_order) == list(m.columns)


def test_every_input_form_gives_the_same_tables(cohort):
    alt = cohort.dropna(subset=["gene", "type"])
    samples = cohort["sample"].unique()
    a = cg.oncoprint(cohort, samples=samples)
    maf = alt.rename(
        columns={
            "sample": "Tumor_Sample_Barcode",
            "gene": "Hugo_Symbol",
            "type": "Variant_Classification",
        }
    )
    b = cg.oncoprint(maf, samples=samples)
    strings = (
        alt.groupby(["gene", "sample"])["type"]
        .agg("|".join)
        .unstack()
        .reindex(columns=samples)
    )
    before = strings.copy()
    c = cg.oncoprint(strings, sep="|")
    pd.testing.assert_frame_equal(strings, before)
    d = cg.oncoprint({t: a.alterations[t] for t in a.alterations})
    for g in (b, c, d):
        assert set(g.alterations) == set(a.alterations)
        for t in a.alterations:
            pd.testing.assert_frame_equal(
                g.alterations[t].loc[a.alterations[t].index, a.alterations[t].columns],
                a.alterations[t],
                check_names=False,
                check_index_type=False,
                check_column_type=False,
            )
        assert list(g.row_order) == list(a.row_order)
        assert list(g.col_order) == list(a.col_order)


@pytest.mark.parametrize(
    "data, kwargs, error, match",
    [
        (42, {}, TypeError, "gene x sample table"),
        (pd.DataFrame({"s": [1.5]}, index=["G"]), {}, TypeError, "alteration strings"),
        (
            pd.DataFrame({"s": ["MUT"]}, index=["G"]),
            {"sep": ""},
            ValueError,
            "separator",
        ),
        (pd.DataFrame({"s": [""]}, index=["G"]), {}, ValueError, "no alteration"),
        ({}, {}, ValueError, "no alteration type"),
        ({"MUT": [[1]]}, {}, TypeError, "boolean gene x sample"),
        ({"MUT": pd.DataFrame({"s": [3]})}, {}, ValueError, "True/False"),
        (
            pd.DataFrame({"s": ["MUT"]}, index=["G"]),
            {"alter_fun": {"AMP": {}}},
            ValueError,
            "not in the data",
        ),
        (
            pd.DataFrame({"s": ["MUT"]}, index=["G"]),
            {"alter_fun": {"MUT": {"shape": "blob"}}},
            ValueError,
            "'fill', 'bar', 'box'",
        ),
        (
            pd.DataFrame({"s": ["MUT"]}, index=["G"]),
            {"alter_fun": {"MUT": {"colour": "red"}}},
            ValueError,
            "takes 'color' and 'shape'",
        ),
        (
            pd.DataFrame({"s": ["MUT"]}, index=["G"]),
            {"alter_fun": {"MUT": "red"}},
            TypeError,
            "dict\\(color",
        ),
        (
            pd.DataFrame({"s": ["MUT"]}, index=["G"]),
            {"samples": ["t"]},
            ValueError,
            "leaves out sample",
        ),
    ],
)
def test_bad_input_names_the_option(data, kwargs, error, match):
    with pytest.raises(error, match=match):
        cg.oncoprint(data, **kwargs)


def test_a_function_draws_its_type(cohort):
    seen = {}

    def stars(ax, x, y, w, h):
        seen["n"] = len(x)
        return ax.scatter(x, y, marker="*", color="gold")

    g = _build(cohort, alter_fun={"AMP": stars})
    g.draw()
    assert seen["n"] == int(g.alterations["AMP"].to_numpy().sum())


@pytest.mark.parametrize(
    "width, kw",
    [
        (
            "89mm",
            dict(legend_side="bottom", bar_size="12mm", figsize=("89mm", "120mm")),
        ),
        ("183mm", dict(figsize=("183mm", "80mm"))),
    ],
)
def test_nothing_clipped_or_overlapping_at_journal_widths(cohort, width, kw):
    import warnings

    g = _build(cohort, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "the heatmap gets ..." squeeze warning
        g.draw()
    assert_no_overlap(g)
    # every gene keeps its name and percentage (no label thinned away)
    names = next(
        s.panel
        for s in g._slots
        if s.side == "right" and isinstance(s.panel, cg.Labels)
    )
    shown = [t.get_text() for t in names.ax.texts] or [
        t.get_text() for t in names.ax.get_yticklabels()
    ]
    assert shown == list(g.row_order), width


def test_composes_with_an_expression_heatmap_and_exports_to_the_page(cohort):
    g = _build(cohort)
    rng = np.random.default_rng(0)
    expr = pd.DataFrame(
        rng.normal(size=(4, len(g.col_order))),
        index=[f"gene{i}" for i in range(4)],
        columns=cohort["sample"].unique(),
    )
    h = cg.ClusterGrid(expr, cmap="RdBu_r", center=0).add(cg.Labels(), "right")
    both = g / h
    fig = both.draw()
    assert fig is not None
    # the expression heatmap's columns follow the oncoPrint's memo order:
    # its column labels are drawn under the oncoPrint's samples
    assert list(both.col_order) == list(g.col_order)
    page = _build(cohort).to_html()
    assert "<html" in page[:500].lower()


def test_splits_and_annotation_bars_work_as_for_any_grid(cohort):
    samples = cohort["sample"].unique()
    stage = pd.Series(
        np.where(np.arange(len(samples)) % 3 == 0, "early", "late"), index=samples
    )
    g = _build(cohort).split(cols=stage, gap="1mm")
    g.add(cg.AnnotationBar(stage, name="stage"), "top")
    g.draw()
    assert len(g.heatmap_axes[0]) == 2
    # each slice keeps the memo order of its own samples
    memo = list(_build(cohort).col_order)
    for part in ("early", "late"):
        mine = [s for s in g.col_order if stage[s] == part]
        assert mine == [s for s in memo if stage[s] == part]
    # the top bars still count each drawn sample's alterations
    top, _ = _tracks(g)
    drawn = sum(len(ax.patches) for ax in top.axes)
    assert drawn == len(g.styles) * len(samples)
