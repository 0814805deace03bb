"""The solver on its own: claims -> kiwisolver model -> solved parts.

These tests import the layout stage directly and check its arithmetic,
without drawing anything."""

from __future__ import annotations

import io

import pytest

from clustergrid._layout.model import BASE_MARGIN, Claim, LayoutError, LayoutModel
from clustergrid.sizes import Auto, Fixed, Relative


def _model(claims, shape=(10, 20), **kw):
    m = LayoutModel(claims, shape, **kw)
    return m


def test_cell_size_sets_the_heatmap_and_the_figure_grows():
    left = Claim("left[0]:A", Fixed(0.5), 0.05)
    m = _model({"left": [left]}, figsize=None, cell=(0.1, 0.2), square=False)
    m.solve()
    assert m.heatmap_size == pytest.approx((2.0, 2.0))
    assert m.figure_size == pytest.approx(
        (2 * BASE_MARGIN + 0.55 + 2.0, 2 * BASE_MARGIN + 2.0)
    )
    assert sum(m.x.parts()) == pytest.approx(m.figure_size[0])
    assert m.x.parts()[m.x.index_of(left)] == pytest.approx(0.5)


def test_figsize_heatmap_takes_what_is_left():
    right = Claim("right[0]:B", Fixed(1.0), 0.1)
    m = _model({"right": [right]}, figsize=(6.0, 4.0), cell=None, square=False)
    m.solve()
    assert m.figure_size == pytest.approx((6.0, 4.0))
    assert m.heatmap_size[0] == pytest.approx(6.0 - 2 * BASE_MARGIN - 1.1)
    assert m.heatmap_size[1] == pytest.approx(4.0 - 2 * BASE_MARGIN)


def test_capped_relative_size_leaves_no_blank_margin():
    """A share of the heatmap that hits its max bound holds the bound; the
    heatmap takes the rest (the v1 solver kept the ratio and left margins)."""
    d = Claim("left[0]:Dendrogram", Relative(0.2, min=0.3, max=1.2), 0.05)
    m = _model({"left": [d]}, figsize=(12.0, 12.0), cell=None, square=False)
    m.solve()
    parts = m.x.parts()
    assert parts[m.x.index_of(d)] == pytest.approx(1.2)
    assert (
        m.x.extra_lo.value() + m.x.extra_hi.value() + 2 * m.x.slack.value()
        == pytest.approx(0, abs=1e-9)
    )
    assert m.heatmap_size[0] == pytest.approx(12 - 2 * BASE_MARGIN - 1.25)
    # and on a small figure the min bound holds
    d2 = Claim("left[0]:Dendrogram", Relative(0.2, min=0.3, max=1.2), 0.05)
    m2 = _model({"left": [d2]}, figsize=(1.5, 1.5), cell=None, square=False)
    m2.solve()
    assert m2.x.parts()[m2.x.index_of(d2)] == pytest.approx(0.3)
    # in between the ratio holds exactly
    d3 = Claim("left[0]:Dendrogram", Relative(0.2, min=0.3, max=1.2), 0.05)
    m3 = _model({"left": [d3]}, figsize=(5.0, 5.0), cell=None, square=False)
    m3.solve()
    assert m3.x.parts()[m3.x.index_of(d3)] == pytest.approx(0.2 * m3.heatmap_size[0])


def test_measured_margins_are_parts_of_the_track():
    c = Claim("right[0]:Custom", Fixed(0.6), 0.05)
    m = _model({"right": [c]}, figsize=None, cell=(0.1, 0.1), square=False)
    m.x.suggest_margins(c, 0.02, 0.3)
    m.solve()
    names = m.x.part_names()
    parts = dict(zip(names, m.x.parts(), strict=True))
    assert parts["right[0]:Custom.margin_out"] == pytest.approx(0.3)
    assert parts["right[0]:Custom.margin_in"] == pytest.approx(0.02)
    # order from the heatmap outwards: pad, margin_in, box, margin_out
    i = names.index("right[0]:Custom")
    assert names[i - 2 : i + 2] == [
        "right[0]:Custom.pad",
        "right[0]:Custom.margin_in",
        "right[0]:Custom",
        "right[0]:Custom.margin_out",
    ]
    assert m.figure_size[0] == pytest.approx(
        2 * BASE_MARGIN + 2.0 + 0.05 + 0.02 + 0.6 + 0.3
    )


def test_overhang_grows_the_figure_under_cell_size():
    t = Claim("top[0]:Title", Auto, 0.05)
    m = _model({"top": [t]}, figsize=None, cell=(0.1, 0.1), square=False)
    m.y.suggest_auto(t, 0.3)
    m.x.suggest(ovh_lo=0.7, ovh_hi=0.7)  # a title 1.4 in wider than the heatmap
    m.solve()
    assert m.heatmap_size[0] == pytest.approx(2.0)
    assert m.figure_size[0] == pytest.approx(2 * BASE_MARGIN + 2.0 + 1.4)


def test_corner_need_grows_the_stack_it_sits_in():
    lo = Claim("left[0]:A", Fixed(0.2), 0.05)
    top = Claim("top[0]:B", Fixed(0.2), 0.05)
    m = _model(
        {"left": [lo], "top": [top]}, figsize=None, cell=(0.1, 0.1), square=False
    )
    m.x.suggest(corner_lo=0.8)
    m.y.suggest(corner_lo=0.1)
    m.solve()
    xs = m.x.parts()
    assert sum(xs[m.x.corner_span("lo")]) == pytest.approx(0.8)
    ys = m.y.parts()
    assert sum(ys[m.y.corner_span("lo")]) == pytest.approx(0.2)  # already big enough


def test_square_cells_under_figsize():
    m = _model({}, shape=(10, 20), figsize=(6.0, 6.0), cell=None, square=True)
    m.solve()
    w, h = m.heatmap_size
    assert w / 20 == pytest.approx(h / 10)


def test_slices_and_gaps():
    m = _model(
        {},
        shape=(6, 4),
        figsize=None,
        cell=(0.5, 0.5),
        square=False,
        row_counts=[2, 4],
        gap=(0.0, [0.25]),
    )
    m.solve()
    assert m.y.slice_sizes() == pytest.approx([1.0, 2.0])
    assert m.heatmap_size[1] == pytest.approx(3.25)
    with pytest.raises(ValueError, match="gap"):
        _model(
            {},
            shape=(6, 4),
            figsize=None,
            cell=(0.5, 0.5),
            square=False,
            row_counts=[2, 2, 2],
            gap=(0.0, [0.1]),
        )


def test_collapse_guard_names_the_claim():
    big = Claim("right[0]:Legends", Fixed(5.0), 0.05)
    m = _model({"right": [big]}, figsize=(3.0, 3.0), cell=None, square=False)
    m.solve()
    with pytest.raises(LayoutError, match=r"right\[0\]:Legends needs 5.00 in"):
        m.check()


def test_dump_prints_every_named_part():
    c = Claim("left[0]:Dendrogram", Fixed(0.5), 0.05)
    m = _model({"left": [c]}, figsize=None, cell=(0.1, 0.1), square=False)
    m.solve()
    buf = io.StringIO()
    text = m.dump(file=buf)
    assert buf.getvalue().rstrip("\n") == text
    assert "left[0]:Dendrogram" in text and "heatmap" in text and "base" in text
    # each row: start, size, name; the sizes add up to the total
    lines = text.splitlines()
    k = next(i for i, ln in enumerate(lines) if ln.startswith("height"))
    for block, total in (
        (lines[1:k], m.figure_size[0]),
        (lines[k + 1 :], m.figure_size[1]),
    ):
        assert sum(float(ln.split()[1]) for ln in block) == pytest.approx(
            total, abs=5e-3
        )
