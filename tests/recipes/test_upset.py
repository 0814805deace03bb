"""cg.upset: the combination sizes in every mode equal a brute-force count
over all subsets; what is drawn (bars, numbers, dots, lines) is read back
and equals the counts; filters, orders, inputs, errors, page and concat."""

from __future__ import annotations

import itertools

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection

import clustergrid as cg
from conftest import assert_no_overlap


def _random_sets(n_sets: int, seed: int) -> dict[str, list[int]]:
    rng = np.random.default_rng(seed)
    universe = np.arange(60)
    return {
        f"S{i}": sorted(
            rng.choice(universe, rng.integers(5, 40), replace=False).tolist()
        )
        for i in range(n_sets)
    }


def _brute(sets: dict[str, list[int]], mode: str) -> dict[str, int]:
    """Every non-empty combination's size by plain Python sets."""
    names = list(sets)
    s = {k: set(v) for k, v in sets.items()}
    elements = set().union(*s.values())
    out = {}
    for d in range(1, len(names) + 1):
        for combo in itertools.combinations(range(len(names)), d):
            code = "".join("1" if i in combo else "0" for i in range(len(names)))
            inside = [s[names[i]] for i in combo]
            others = [s[names[i]] for i in range(len(names)) if i not in combo]
            if mode == "distinct":
                hit = set.intersection(*inside) - set().union(*others)
            elif mode == "intersect":
                hit = set.intersection(*inside)
            else:
                hit = set().union(*inside) & elements
            if hit:
                out[code] = len(hit)
    return out


@pytest.mark.parametrize("mode", ["distinct", "intersect", "union"])
@pytest.mark.parametrize("n_sets", [1, 2, 3, 4, 5, 6])
def test_sizes_equal_a_brute_force_count_over_all_subsets(mode, n_sets):
    for seed in range(3):
        sets = _random_sets(n_sets, seed)
        g = cg.upset(sets, mode=mode)
        got = g.combinations["size"].to_dict()
        assert got == _brute(sets, mode)
        assert (g.combinations["degree"] == [c.count("1") for c in got]).all()
        # the elements behind each size, too
        for code, size in list(got.items())[:8]:
            assert len(g.elements(code)) == size


def test_distinct_sizes_add_up_to_the_elements_and_set_sizes_are_pandas_counts():
    sets = _random_sets(5, 7)
    g = cg.upset(sets)
    every = set().union(*map(set, sets.values()))
    assert g.combinations["size"].sum() == len(every)
    long = pd.DataFrame(
        [(k, e) for k, v in sets.items() for e in v], columns=["set", "element"]
    )
    pd.testing.assert_series_equal(
        g.set_sizes.sort_index(),
        long.groupby("set").size().sort_index().astype(int),
        check_names=False,
        check_index_type=False,
    )


def _bars(track) -> np.ndarray:
    return np.array([p.get_height() or p.get_width() for p in track.ax.patches])


def test_drawn_bars_and_numbers_equal_the_counts():
    sets = _random_sets(4, 3)
    g = cg.upset(
        sets, highlight=["1100"] if "1100" in _brute(sets, "distinct") else None
    )
    g.draw()
    top = next(s.panel for s in g._slots if s.side == "top")
    right = next(s.panel for s in g._slots if s.side == "right")
    heights = np.array([p.get_height() for p in top.ax.patches])
    assert heights.tolist() == g.combinations["size"].tolist()
    assert [t.get_text() for t in top.texts] == [str(v) for v in g.combinations["size"]]
    widths = np.array([p.get_width() for p in right.ax.patches])
    assert widths.tolist() == g.set_sizes.tolist()
    assert [t.get_text() for t in right.texts] == [str(v) for v in g.set_sizes]
    # every number sits inside its panel's axes
    r = g.figure.canvas.get_renderer()
    for track in (top, right):
        box = track.ax.get_window_extent(r)
        for t in track.texts:
            bb = t.get_window_extent(r)
            assert bb.x0 >= box.x0 - 0.5 and bb.x1 <= box.x1 + 0.5
            assert bb.y0 >= box.y0 - 0.5 and bb.y1 <= box.y1 + 0.5


def test_dots_and_lines_follow_membership_and_highlight():
    sets = {"A": [1, 2, 3, 4], "B": [3, 4, 5], "C": [4, 6]}
    g = cg.upset(sets, highlight=[{"A", "B"}], color="black", highlight_color="red")
    g.draw()
    combos = g.combinations
    assert list(combos.index) == ["100", "010", "001", "110", "111"]
    ax = g.ax_heatmap
    dots = next(c for c in ax.collections if c.get_label() == "clustergrid:upset-dots")
    lines = next(
        c for c in ax.collections if c.get_label() == "clustergrid:upset-lines"
    )
    assert isinstance(dots, PathCollection) and isinstance(lines, LineCollection)
    xy = dots.get_offsets()
    colors = dots.get_facecolors()
    rows = list(g.row_order)
    for (x, y), c in zip(xy, colors, strict=True):
        code, s = combos.index[int(x)], rows[int(y)]
        member = bool(combos.loc[code, s])
        if not member:
            want = mcolors.to_rgba("#dddddd")
        elif combos.loc[code, "highlighted"]:
            want = mcolors.to_rgba("red")
        else:
            want = mcolors.to_rgba("black")
        assert np.allclose(c, want), (code, s)
    # one line per combination of two or more sets, from its first to last dot
    segs = lines.get_segments()
    assert len(segs) == int((combos["degree"] >= 2).sum())
    for seg in segs:
        code = combos.index[int(seg[0][0])]
        ys = [rows.index(s) + 0.5 for s in sets if combos.loc[code, s]]
        assert sorted([seg[0][1], seg[1][1]]) == [min(ys), max(ys)]
    top = next(s.panel for s in g._slots if s.side == "top")
    red = [p for p in top.ax.patches if np.allclose(p.get_facecolor(), (1, 0, 0, 1))]
    assert len(red) == 1 and red[0].get_x() + red[0].get_width() / 2 == 3.5


def test_orders_and_filters():
    sets = _random_sets(5, 11)
    full = cg.upset(sets, mode="intersect").combinations
    assert full["size"].is_monotonic_decreasing
    by_deg = cg.upset(sets, mode="intersect", order_by="degree").combinations
    assert by_deg["degree"].is_monotonic_increasing
    for _, part in by_deg.groupby("degree"):
        assert part["size"].is_monotonic_decreasing
    f = cg.upset(sets, mode="intersect", min_size=5, max_degree=2, top_n=6).combinations
    want = full[(full["size"] >= 5) & (full["degree"] <= 2)].iloc[:6]
    pd.testing.assert_frame_equal(f, want)
    g = cg.upset(sets, set_order="input")
    assert list(g.row_order) == list(sets)
    g = cg.upset(sets)
    assert g.set_sizes.is_monotonic_decreasing and list(g.row_order) == list(
        g.set_sizes.index
    )


def test_inputs_agree_and_are_not_changed():
    sets = {"A": ["x", "y", "z"], "B": ["y", "w"], "C": ["z", "w", "v"]}
    table = pd.DataFrame(
        {k: [int(e in v) for e in "xyzwv"] for k, v in sets.items()},
        index=list("xyzwv"),
    )
    before = table.copy()
    a = cg.upset(sets).combinations
    b = cg.upset(table).combinations
    c = cg.upset(table.astype(bool)).combinations
    d = cg.upset(list(sets.values())).combinations
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)
    assert d["size"].tolist() == a["size"].tolist()
    assert list(d.columns[:3]) == ["set1", "set2", "set3"]
    pd.testing.assert_frame_equal(table, before)
    assert sets == {"A": ["x", "y", "z"], "B": ["y", "w"], "C": ["z", "w", "v"]}


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(sets="abc"), TypeError, "dict name -> elements"),
        (dict(sets={"A": "abc"}), TypeError, "single string"),
        (dict(sets={}), ValueError, "no sets"),
        (dict(sets=pd.DataFrame({"A": [0, 2]})), ValueError, "only 0/1"),
        (dict(sets={"A": [1]}, mode="exclusive"), ValueError, "make_comb_mat"),
        (dict(sets={"A": [1]}, order_by="name"), ValueError, "order_by"),
        (dict(sets={"A": [1]}, min_size=0), ValueError, "min_size"),
        (dict(sets={"A": [1]}, top_n=2.5), TypeError, "top_n"),
        (dict(sets={"A": [1], "B": [2]}, highlight=["11"]), ValueError, "not drawn"),
        (dict(sets={"A": [1], "B": [2]}, highlight=[{"Q"}]), ValueError, "not a set"),
        (dict(sets={"A": [1]}, min_size=5), ValueError, "no combination"),
        (dict(sets={"size": [1]}), ValueError, "rename it"),
        (dict(sets={"A": [1]}, color="nope"), ValueError, "not a colour"),
    ],
)
def test_bad_input_names_the_option(kwargs, error, match):
    with pytest.raises(error, match=match):
        cg.upset(**kwargs)


def test_too_many_combinations_is_refused_with_the_fix():
    sets = {f"S{i}": [i] for i in range(20)}
    with pytest.raises(ValueError, match="max_degree"):
        cg.upset(sets, mode="union")
    assert len(cg.upset(sets, mode="union", max_degree=1).combinations) == 20


@pytest.mark.parametrize("width", ["89mm", "183mm"])
def test_nothing_clipped_or_overlapping_at_journal_widths(width):
    sets = _random_sets(6, 5)
    g = cg.upset(sets, mode="distinct", top_n=20, figsize=(width, "70mm"))
    g.draw()
    assert_no_overlap(g)
    r = g.figure.canvas.get_renderer()
    fb = g.figure.bbox
    top = next(s.panel for s in g._slots if s.side == "top")
    boxes = [t.get_window_extent(r) for t in top.texts]
    for bb in boxes:
        assert fb.x0 - 0.5 <= bb.x0 and bb.x1 <= fb.x1 + 0.5
    for a, b in itertools.pairwise(boxes):
        assert a.x1 <= b.x0 + 0.5, "numbers of neighbouring bars overlap"


def test_composes_in_a_concat_and_exports_to_the_page():
    sets = _random_sets(3, 1)
    g1 = cg.upset(sets)
    g2 = cg.upset(sets, mode="union")
    fig = (g1 / g2).draw()
    assert fig is not None
    page = cg.upset(sets).to_html()
    assert page.startswith("<!DOCTYPE html>") or "<html" in page[:200]


def test_migration_example_prints_complexheatmaps_counts(tmp_path, monkeypatch, capsys):
    import runpy
    from pathlib import Path

    ex = Path(__file__).resolve().parents[2] / "docs" / "migration" / "examples"
    monkeypatch.chdir(tmp_path)
    ns = runpy.run_path(str(ex / "complexheatmap_upset_ours.py"), run_name="__main__")
    g = ns["g"]
    # comb_size(make_comb_mat(lt)) for these sets, worked by hand:
    # A only {a, b}, A&B only {c, d}, C only {g}, B&C only {f}, A&B&C {e}
    assert g.combinations["size"].to_dict() == {
        "100": 2,
        "110": 2,
        "001": 1,
        "011": 1,
        "111": 1,
    }
    assert g.elements("110") == ["c", "d"]
    assert (tmp_path / "upset_complexheatmap.png").stat().st_size > 0
