"""Property-based tests (hypothesis): under any input, clustergrid either
draws exactly the data or raises a clear ValueError/TypeError.

Every drawn case is read back from the drawn artists and pixels:

* no two panels overlap and nothing leaves the figure;
* every row/column label names the row/column drawn beside it;
* every dendrogram leaf sits on the centre of its own row/column;
* every heatmap cell (>= 3 px) has the colour ``cmap(norm(value))``, and
  missing values show the background;
* every annotation cell has the colour of the value given for that label;
* drawing does not change the shared norm.

The example budget is bounded so the file runs in well under 90 s.  Set
``CLUSTERGRID_PROPERTY_EXAMPLES=500`` (and optionally
``CLUSTERGRID_PROPERTY_RANDOM=1`` for fresh random examples, shrunk when
they fail, instead of the fixed, reproducible ones) to explore further.
"""

from __future__ import annotations

import os
import re
import warnings

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
import scipy.cluster.hierarchy as sch
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from scipy.spatial import distance as ssd

import clustergrid as cg
from conftest import assert_no_overlap, drawn_dendrogram_segments

_EXAMPLES = int(os.environ.get("CLUSTERGRID_PROPERTY_EXAMPLES", "40"))
_EXPLORE = os.environ.get("CLUSTERGRID_PROPERTY_RANDOM", "") == "1"
# Shrinking a failing figure can take minutes; by default the first failing
# example is reported as found (its full case is printed), and exploring
# runs shrink it.
_SETTINGS = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    derandomize=not _EXPLORE,
    database=None,
    phases=list(Phase) if _EXPLORE else [Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

SIDES = ("left", "right", "top", "bottom")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
TOL = 2.0 / 255  # per channel, for pixel colours

# Every error a valid-looking spec may legitimately meet, by message.  An
# error whose message matches none of these fails the test.
_LAYOUT = re.compile(r"layout does not fit|layout did not settle")


# -- strategies ------------------------------------------------------------------


def _labels(draw, n: int, kind: str, prefix: str) -> list:
    if kind == "int":
        start = draw(st.integers(-1000, 1000))
        perm = np.random.default_rng(draw(st.integers(0, 2**31))).permutation(n)
        return [int(start + p) for p in perm]
    if kind == "str":
        return [f"{prefix}{i}" + "x" * draw(st.integers(0, 12)) for i in range(n)]
    if kind == "unicode":
        text = st.text(
            alphabet=st.characters(exclude_categories=("Cs", "Cc")),
            min_size=1,
            max_size=8,
        )
        return draw(st.lists(text, min_size=n, max_size=n, unique=True))
    if kind == "mixed":  # ints and strings that print alike but are different labels
        return [i if i % 2 == 0 else str(i) for i in range(n)]
    assert kind == "dup"
    labels = [f"{prefix}{i}" for i in range(n)]
    i, j = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    labels[j] = labels[i]
    return labels


def _panels(draw, valid: bool, tree_sides: tuple[str, ...]) -> list:
    """The panels of a case: (kind, side, options), drawn in order."""
    panels = []
    for _ in range(draw(st.integers(0 if not valid else 1, 6))):
        kind = draw(
            st.sampled_from(
                ["Dendrogram", "Labels", "Labels", "AnnotationBar", "ScaleBar"]
            )
        )
        if kind == "Dendrogram" and valid and not tree_sides:
            kind = "Labels"
        if kind == "Dendrogram" and tree_sides and (valid or draw(st.booleans())):
            side = draw(st.sampled_from(tree_sides))
        else:
            side = draw(
                st.sampled_from(SIDES + (CORNERS if kind == "ScaleBar" else ()))
            )
        if (
            kind == "ScaleBar"
            and side in CORNERS
            and any(s == side for _, s, _ in panels)
        ):
            continue
        extra = {}
        if kind == "AnnotationBar":
            extra = {
                "categorical": draw(st.booleans()),
                "by_label": draw(st.booleans()),
                "seed": draw(st.integers(0, 2**31)),
            }
        if kind == "Labels" and draw(st.booleans()):
            extra = {"rotation": draw(st.sampled_from([0, 45, 90, -30]))}
        panels.append((kind, side, extra))
    return panels


@st.composite
def cases(draw) -> dict:
    # most cases are valid specs (so most examples are drawn and checked);
    # the rest may combine anything, including what must be refused
    valid = draw(st.integers(0, 4)) > 0
    nrows = draw(st.integers(1, 40))
    ncols = draw(st.integers(1, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    values = rng.normal(size=(nrows, ncols))
    exponent = draw(
        st.one_of(
            st.just(0),
            st.sampled_from([-300, -150, -20, 20, 150, 300]),
            st.integers(-300, 300),
        )
    )
    values = values * 10.0**exponent
    nan = draw(st.sampled_from(["none"] * 6 + ["some", "row", "col", "all"]))
    if nan == "some":
        values[rng.random(values.shape) < draw(st.floats(0.01, 0.5))] = np.nan
    elif nan == "row":
        values[rng.integers(nrows)] = np.nan
    elif nan == "col":
        values[:, rng.integers(ncols)] = np.nan
    elif nan == "all":
        values[:] = np.nan
    if draw(st.integers(0, 2)) == 0:  # constant rows
        k = draw(st.integers(1, nrows))
        values[rng.choice(nrows, k, replace=False)] = (
            draw(st.sampled_from([0.0, 1.0, -3.5])) * 10.0**exponent
        )
    as_int = nan == "none" and exponent == 0 and draw(st.booleans())
    if as_int:
        values = np.round(values * 10).astype(np.int64)

    row_kind = draw(
        st.sampled_from(
            ["range", "int", "str", "str", "unicode", "unicode", "mixed", "dup"]
        )
    )
    col_kind = draw(
        st.sampled_from(["range", "int", "str", "str", "unicode", "unicode", "dup"])
    )
    if row_kind == "dup" and (nrows < 2 or valid):
        row_kind = "str"
    if col_kind == "dup" and (ncols < 2 or valid):
        col_kind = "str"
    rows = (
        list(range(nrows))
        if row_kind == "range"
        else _labels(draw, nrows, row_kind, "r")
    )
    cols = (
        list(range(ncols))
        if col_kind == "range"
        else _labels(draw, ncols, col_kind, "c")
    )
    as_frame = not (row_kind == col_kind == "range") or draw(st.booleans())

    # clustering is refused with missing values: mostly cluster only clean data
    clean = nan == "none" or (not valid and draw(st.integers(0, 3)) == 0)
    cluster_rows = clean and (nrows > 1 or not valid) and draw(st.booleans())
    cluster_cols = clean and (ncols > 1 or not valid) and draw(st.booleans())
    metric = draw(
        st.sampled_from(
            ["euclidean"] * 3
            + ["cityblock"]
            + ([] if valid else ["correlation", "cosine"])
        )
    )
    method = draw(
        st.sampled_from(
            ["average", "complete", "single"]
            + (["ward"] if metric == "euclidean" else [])
        )
    )

    tree_sides = (("left", "right") if cluster_rows else ()) + (
        ("top", "bottom") if cluster_cols else ()
    )
    panels = _panels(draw, valid, tree_sides)

    sizing = draw(st.sampled_from(["default", "figsize", "cell"]))
    if sizing == "figsize":
        size = (draw(st.floats(1.0, 8.0)), draw(st.floats(1.0, 8.0)))
    elif sizing == "cell":
        size = draw(st.floats(0.02, 0.4))
    else:
        size = None
    square = draw(st.booleans()) if sizing != "cell" else False
    center = draw(st.sampled_from([None, None, 0.0]))
    if center is not None and exponent:
        center = None
    return dict(
        values=values,
        rows=rows,
        cols=cols,
        row_kind=row_kind,
        col_kind=col_kind,
        as_frame=as_frame,
        cluster_rows=cluster_rows,
        cluster_cols=cluster_cols,
        metric=metric,
        method=method,
        panels=panels,
        sizing=sizing,
        size=size,
        square=square,
        center=center,
    )


# -- what should happen ----------------------------------------------------------


#: d(c X) = |c| ** k d(X) for these metrics
_METRIC_DEGREE = {"euclidean": 1, "cityblock": 1, "correlation": 0, "cosine": 0}


def _cluster_problem(values: np.ndarray, metric: str, method: str) -> bool:
    """True if clustering these observations must be refused: their
    distances, or the tree's heights, leave float64 even when the values
    are first scaled exactly by a power of two (which keeps the tree and
    scales its heights)."""
    if len(values) < 2:
        return False  # an axis of one is kept as it is (issue 15), never refused
    if np.isnan(values).any():
        return True
    v = values.astype(float)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if np.isfinite(ssd.pdist(v, metric)).all():
            return False
        e = int(np.frexp(np.abs(v).max())[1])
        scaled = np.ldexp(v, -e)
        if np.any((scaled == 0) != (v == 0)) or np.any(
            np.abs(scaled[v != 0]) < np.finfo(float).tiny
        ):
            return True  # the scaling would lose values: float64 cannot span them
        d = ssd.pdist(scaled, metric)
        if not np.isfinite(d).all():
            return True
        heights = sch.linkage(d, method)[:, 2]
        return not np.isfinite(np.ldexp(heights, e * _METRIC_DEGREE[metric])).all()


_TOO_SMALL = re.compile(
    r"values are too small for matplotlib's colour scaling .* multiply "
    r"the data by a power of ten"
)


def expected_errors(case: dict) -> list[re.Pattern]:
    """Patterns of the errors this case must raise (empty: it must draw,
    unless the layout cannot fit the requested size)."""
    v = np.asarray(case["values"], dtype=float)
    if case["row_kind"] == "dup" or case["col_kind"] == "dup":
        return [
            re.compile(
                r"duplicate (row|column) labels: .* must be unique .*make them unique",
                re.S,
            )
        ]
    errs = []
    finite = np.abs(v[np.isfinite(v)])
    if finite.size and 0 < finite.max() < 1e-280:
        errs.append(_TOO_SMALL)
    if case["cluster_rows"] and _cluster_problem(v, case["metric"], case["method"]):
        errs.append(
            re.compile(
                r"cannot cluster the rows( with metric='\w+')?: .*(\.cluster\(rows=False\)|rescale|"
                r"metric='euclidean')",
                re.S,
            )
        )
    if case["cluster_cols"] and _cluster_problem(v.T, case["metric"], case["method"]):
        errs.append(
            re.compile(
                r"cannot cluster the col(umn)?s( with metric='\w+')?: .*(\.cluster\(cols=False\)|"
                r"rescale|metric='euclidean')",
                re.S,
            )
        )
    for kind, side, _ in case["panels"]:
        if kind == "Dendrogram":
            clustered = (
                case["cluster_rows"]
                if side in ("left", "right")
                else case["cluster_cols"]
            )
            if not clustered:
                errs.append(
                    re.compile(
                        r"Dendrogram on the \w+ shows the \w+ tree, but the \w+ are "
                        r"not clustered: call \.cluster"
                    )
                )
    return errs


def build(case: dict) -> tuple[cg.ClusterGrid, dict]:
    """The grid for ``case``, plus the AnnotationBar inputs keyed by panel."""
    values, rows, cols = case["values"], case["rows"], case["cols"]
    data = (
        pd.DataFrame(values, index=rows, columns=cols) if case["as_frame"] else values
    )
    kw = {}
    if case["sizing"] == "figsize":
        kw["figsize"] = case["size"]
    elif case["sizing"] == "cell":
        kw["cell_size"] = case["size"]
    g = cg.ClusterGrid(data, center=case["center"], square=case["square"], **kw)
    if case["cluster_rows"] or case["cluster_cols"]:
        g.cluster(
            rows=case["cluster_rows"],
            cols=case["cluster_cols"],
            metric=case["metric"],
            method=case["method"],
        )
    annotations = {}
    for kind, side, extra in case["panels"]:
        if kind == "AnnotationBar":
            labels = rows if side in ("left", "right") else cols
            rng = np.random.default_rng(extra["seed"])
            if extra["categorical"]:
                vals = rng.choice(
                    np.array(["alpha", "beta", "gamma"], dtype=object), len(labels)
                )
            else:
                vals = rng.normal(size=len(labels))
                vals[rng.random(len(labels)) < 0.2] = np.nan
            if extra["by_label"] and len(set(map(repr, labels))) == len(labels):
                perm = rng.permutation(len(labels))
                user = pd.Series(
                    vals[perm],
                    index=pd.Index([labels[i] for i in perm], dtype=object),
                    name="group",
                )
            else:
                user = list(vals)
            panel = cg.AnnotationBar(user, name="group")
            annotations[id(panel)] = (labels, vals)
        elif kind == "Labels":
            panel = cg.Labels(**extra)
        else:
            panel = getattr(cg, kind)()
        g.add(panel, side)
    return g, annotations


# -- geometric checks on the drawn figure ------------------------------------------


def _to_heatmap_data(g, ax, xy_data: np.ndarray) -> np.ndarray:
    disp = ax.transData.transform(xy_data)
    return g.ax_heatmap.transData.inverted().transform(disp)


def check_labels(g, panel, side: str) -> None:
    vertical = side in ("left", "right")
    order = g.row_order if vertical else g.col_order
    r = g.figure.canvas.get_renderer()
    hm = g.ax_heatmap.get_window_extent(r)
    shown = list(panel.shown)
    assert len(panel.texts) == len(shown)
    if not shown:
        # allowed only when not even one label fits along the heatmap's extent:
        # measure the longest label with the panel's font and rotation
        from matplotlib.text import Text

        rot = panel.rotation if panel.rotation is not None else (0 if vertical else 90)
        t = Text(
            0,
            0,
            max((str(x) for x in order), key=len),
            fontsize=panel.fontsize_,
            rotation=rot,
        )
        t.set_figure(g.figure)
        bb = t.get_window_extent(r)
        along = bb.height if vertical else bb.width
        assert along > (hm.height if vertical else hm.width) / 2, (
            f"no label shown although one is {along:.1f} px long on a {hm.height if vertical else hm.width:.1f} px axis"
        )
        return
    assert shown == sorted(set(shown)), "labels repeat or are out of order"
    prev = None
    for t, k in zip(panel.texts, shown, strict=True):
        anchor_disp = t.get_transform().transform(t.get_position())
        along = g.ax_heatmap.transData.inverted().transform(anchor_disp)[
            1 if vertical else 0
        ]
        idx = int(np.floor(along))
        assert 0 <= idx < len(order)
        assert idx == k and abs(along - (idx + 0.5)) < 1e-6, (along, k)
        assert t.get_text() == str(order[idx]), (t.get_text(), order[idx])
        bb = t.get_window_extent(r)
        if bb.width == 0 and bb.height == 0:
            continue  # an empty or whitespace label draws nothing
        # the text sits beside its cell, outside the heatmap, on its side
        if side == "right":
            assert bb.x0 >= hm.x1 - 0.5
        elif side == "left":
            assert bb.x1 <= hm.x0 + 0.5
        elif side == "top":
            assert bb.y0 >= hm.y1 - 0.5
        else:
            assert bb.y1 <= hm.y0 + 0.5
        centre_disp = ((bb.x0 + bb.x1) / 2, (bb.y0 + bb.y1) / 2)
        centred = (
            vertical
            and t.get_rotation() == 0
            or (not vertical and t.get_rotation() == 90)
        )
        if centred:  # a centred label's middle is on its cell's centre
            c = centre_disp[1] if vertical else centre_disp[0]
            a = anchor_disp[1] if vertical else anchor_disp[0]
            assert abs(c - a) <= 1.5, (t.get_text(), c, a)
        # thinned labels never overlap each other (their boxes are exact
        # for labels running across the axis; rotated ones are skipped)
        if prev is not None and centred:
            if vertical:
                assert (
                    min(prev.y1, bb.y1) - max(prev.y0, bb.y0) <= 0.5
                    or min(prev.x1, bb.x1) - max(prev.x0, bb.x0) <= 0.5
                )
            else:
                assert (
                    min(prev.x1, bb.x1) - max(prev.x0, bb.x0) <= 0.5
                    or min(prev.y1, bb.y1) - max(prev.y0, bb.y0) <= 0.5
                )
        prev = bb


def check_dendrogram(g, panel, side: str, input_labels: list) -> None:
    vertical = side in ("left", "right")
    Z = g.row_linkage if vertical else g.col_linkage
    order = list(g.row_order if vertical else g.col_order)
    n = len(order)
    if n == 1:  # an axis of one has no tree: the Dendrogram draws nothing (and warns)
        assert Z is None and len(panel.ax.collections) == 0
        return
    segs, _ = drawn_dendrogram_segments(panel.collection)
    assert segs.shape == (3 * (n - 1), 2, 2)
    r = g.figure.canvas.get_renderer()
    box = panel.ax.get_window_extent(r)
    rank = {repr(lab): i for i, lab in enumerate(order)}
    for k in range(n - 1):
        for leg, child in ((0, int(Z[k, 0])), (2, int(Z[k, 1]))):
            if child >= n:
                continue
            foot = segs[
                3 * k + leg, 0
            ]  # leg bottom: (along, height) or (height, along)
            height = foot[0] if vertical else foot[1]
            assert height == 0.0
            disp = panel.ax.transData.transform(foot)
            along = g.ax_heatmap.transData.inverted().transform(disp)[
                1 if vertical else 0
            ]
            expected = rank[repr(input_labels[child])] + 0.5
            assert abs(along - expected) < 1e-6, (child, along, expected)
            # the leaves touch the heatmap's side of the panel
            edge = {
                "left": (disp[0], box.x1),
                "right": (disp[0], box.x0),
                "top": (disp[1], box.y0),
                "bottom": (disp[1], box.y1),
            }[side]
            assert abs(edge[0] - edge[1]) < 0.5


def _composite(rgba: np.ndarray, bg: np.ndarray) -> np.ndarray:
    a = rgba[..., 3:4]
    return rgba[..., :3] * a + bg[:3] * (1 - a)


def _grid_pixels(buf: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    h = buf.shape[0]
    cols = np.floor(xs).astype(int)
    rows = (h - 1 - np.floor(ys)).astype(int)
    return buf[rows[:, None], cols[None, :], :3] / 255.0


def check_cell_colours(g, buf: np.ndarray) -> None:
    ax = g.ax_heatmap
    nrows, ncols = g.matrix.shape
    bb = ax.get_window_extent()
    if bb.width / ncols < 3 or bb.height / nrows < 3:
        return
    xs = ax.transData.transform(
        np.column_stack([np.arange(ncols) + 0.5, np.zeros(ncols)])
    )[:, 0]
    ys = ax.transData.transform(
        np.column_stack([np.zeros(nrows), np.arange(nrows) + 0.5])
    )[:, 1]
    got = _grid_pixels(buf, xs, ys)
    values = g.matrix.to_numpy()
    bg = np.asarray(mcolors.to_rgba(g.figure.get_facecolor()))
    want = _composite(np.asarray(g.cmap(g.norm(np.ma.masked_invalid(values)))), bg)
    want[np.isnan(values)] = bg[:3]
    bad = np.abs(got - want).max(axis=-1) > TOL
    assert not bad.any(), (
        f"{bad.sum()} cells have the wrong colour, first at "
        f"{np.argwhere(bad)[0]}: {got[bad][0]} != {want[bad][0]}"
    )


def check_annotation(
    g, panel, side: str, user_labels: list, values: np.ndarray, buf: np.ndarray
) -> None:
    vertical = side in ("left", "right")
    order = list(g.row_order if vertical else g.col_order)
    n = len(order)
    bb = panel.ax.get_window_extent()
    if (bb.height if vertical else bb.width) / n < 3 or min(bb.width, bb.height) < 3:
        return
    by_label = {repr(lab): v for lab, v in zip(user_labels, values, strict=True)}
    drawn = [by_label[repr(lab)] for lab in order]
    if panel.categorical:
        want = np.array(
            [panel.colors_[v] if not pd.isna(v) else (0, 0, 0, 0) for v in drawn]
        )
    else:
        arr = np.asarray(drawn, dtype=float)
        want = np.zeros((n, 4))
        ok = ~np.isnan(arr)
        want[ok] = panel.cmap_(panel.norm_(arr[ok]))
    bg = np.asarray(mcolors.to_rgba(g.figure.get_facecolor()))
    want = _composite(want, bg)
    centres = np.arange(n) + 0.5
    pts = (
        np.column_stack([np.full(n, 0.5), centres])
        if vertical
        else np.column_stack([centres, np.full(n, 0.5)])
    )
    disp = panel.ax.transData.transform(pts)
    # the annotation cells line up with the heatmap's
    hm = _to_heatmap_data(g, panel.ax, pts)[:, 1 if vertical else 0]
    np.testing.assert_allclose(hm, centres, atol=1e-6)
    h = buf.shape[0]
    got = (
        buf[
            (h - 1 - np.floor(disp[:, 1])).astype(int),
            np.floor(disp[:, 0]).astype(int),
            :3,
        ]
        / 255
    )
    bad = np.abs(got - want).max(axis=-1) > TOL
    assert not bad.any(), (
        f"annotation cells {np.flatnonzero(bad)} have the wrong colour"
    )


def check_drawn(g, case: dict, annotations: dict, norm_before: tuple) -> None:
    assert_no_overlap(g)  # draws the canvas
    buf = np.asarray(g.figure.canvas.buffer_rgba())
    assert (g.norm.vmin, g.norm.vmax) == norm_before, "drawing changed the shared norm"
    check_cell_colours(g, buf)
    for s in g._slots:
        p, side = s.panel, s.side
        if isinstance(p, cg.Labels):
            check_labels(g, p, side)
        elif isinstance(p, cg.Dendrogram):
            check_dendrogram(
                g, p, side, case["rows"] if side in ("left", "right") else case["cols"]
            )
        elif isinstance(p, cg.AnnotationBar):
            labels, vals = annotations[id(p)]
            check_annotation(g, p, side, labels, vals, buf)
        elif isinstance(p, cg.ScaleBar):
            assert p.colorbar.norm is g.norm


def _assert_good_message(exc: BaseException) -> None:
    msg = str(exc)
    assert len(msg) >= 30, f"too terse: {msg!r}"
    assert "Traceback" not in msg


# -- the properties ------------------------------------------------------------------


@_SETTINGS
@given(case=cases())
def test_prop_any_input_draws_exactly_or_raises_clearly(case):
    """Random shapes, NaN patterns, constant rows, magnitudes, labels, panels
    and sizes: either it draws and every drawn thing is the data, or it
    raises the expected clear error."""
    expected = expected_errors(case)
    original = pd.DataFrame(case["values"]).copy()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        warnings.filterwarnings("ignore", message=".*Font .* does not have a glyph")
        try:
            g, annotations = build(case)
            norm_before = (g.norm.vmin, g.norm.vmax)
            g.draw()
        except (ValueError, TypeError) as exc:
            _assert_good_message(exc)
            msg = str(exc)
            ok = any(p.search(msg) for p in expected) or (
                isinstance(exc, cg.LayoutError) and _LAYOUT.search(msg)
            )
            assert ok, (
                f"unexpected error {type(exc).__name__}: {msg}\nexpected one of {expected}"
            )
            return
        assert not expected, f"drew, but should have raised one of {expected}"
        check_drawn(g, case, annotations, norm_before)
    pd.testing.assert_frame_equal(pd.DataFrame(case["values"]), original)


_BAD_INPUTS = st.sampled_from(
    [
        # a matrix of strings alone is categorical (issue 14); mixed with numbers it is refused
        (
            "strings and numbers",
            lambda: np.array([["a", 1.5], ["c", 2.0]], dtype=object),
        ),
        ("objects", lambda: np.array([[1, None], [2, 3]], dtype=object)),
        ("text column", lambda: pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})),
        ("bool column", lambda: pd.DataFrame({"a": [True, False]})),
        ("inf", lambda: np.array([[1.0, np.inf], [0.0, 1.0]])),
        ("-inf", lambda: pd.DataFrame([[1.0, -np.inf]])),
        ("empty", lambda: np.empty((0, 3))),
        ("no columns", lambda: pd.DataFrame(index=[1, 2])),
        ("1-D", lambda: np.arange(4.0)),
        ("3-D", lambda: np.zeros((2, 2, 2))),
        ("scalar", lambda: 3.0),
        ("Series", lambda: pd.Series([1.0, 2.0])),
        ("complex", lambda: np.ones((2, 2), dtype=complex)),
        ("ragged", lambda: [[1.0, 2.0], [3.0]]),
        ("None", lambda: None),
        (
            "datetimes",
            lambda: np.array(["2020-01-01"] * 4, dtype="datetime64[D]").reshape(2, 2),
        ),
        ("dup rows", lambda: pd.DataFrame(np.ones((2, 2)), index=["a", "a"])),
        ("dup cols", lambda: pd.DataFrame(np.ones((2, 2)), columns=[0, 0])),
    ]
)


@settings(max_examples=18, deadline=None, derandomize=True, database=None)
@given(bad=_BAD_INPUTS)
def test_prop_bad_matrix_raises_clear_error(bad):
    name, make = bad
    with pytest.raises((ValueError, TypeError)) as info:
        cg.ClusterGrid(make())
    _assert_good_message(info.value)


@_SETTINGS
@given(
    n=st.integers(2, 30),
    seed=st.integers(0, 2**31),
    side=st.sampled_from(SIDES),
    kind=st.sampled_from(["missing", "extra", "duplicate", "length", "2-D"]),
)
def test_prop_misaligned_annotation_never_draws(n, seed, side, kind):
    """An AnnotationBar that does not line up with the matrix by label (or by
    length) always raises, naming the problem; it is never drawn shifted."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        rng.normal(size=(n, n)),
        index=[f"r{i}" for i in range(n)],
        columns=[f"c{i}" for i in range(n)],
    )
    labels = list(df.index if side in ("left", "right") else df.columns)
    s = pd.Series(rng.normal(size=n), index=labels)
    if kind == "missing":
        values = s.drop(labels[rng.integers(n)])
    elif kind == "extra":
        values = pd.concat([s, pd.Series([1.0], index=["nope"])])
    elif kind == "duplicate":
        values = pd.concat([s, s.iloc[[rng.integers(n)]]])
    elif kind == "length":
        values = list(s.to_numpy()) + [0.0]
    else:
        values = np.ones((n, 2))
    g = cg.ClusterGrid(df).cluster().add(cg.AnnotationBar(values), side)
    with pytest.raises(ValueError) as info:
        g.draw()
    _assert_good_message(info.value)
    msg = str(info.value)
    assert {
        "missing": "no value for",
        "extra": "not",
        "duplicate": "duplicate",
        "length": "values but the matrix has",
        "2-D": "one value per",
    }[kind] in msg


# -- known layout bugs found by the properties above ----------------------------------
# Content that one side pushes into a corner (an AnnotationBar's name, rotated
# labels) is not kept clear of the adjacent side's content or of a corner
# panel in that corner.  About 2% of random cases hit this
# (CLUSTERGRID_PROPERTY_RANDOM=1 CLUSTERGRID_PROPERTY_EXAMPLES=300).  These
# fail today; strict, so they report as soon as the layout is fixed.


def _corner_frame() -> pd.DataFrame:
    return pd.DataFrame(np.random.default_rng(0).normal(size=(6, 8)))


def test_prop_regression_bar_names_of_adjacent_sides_do_not_overlap():
    g = (
        cg.ClusterGrid(_corner_frame())
        .add(cg.AnnotationBar(list("aabbccdd"), name="group"), "top")
        .add(cg.AnnotationBar(list("xxyyzz"), name="group"), "right")
        .add(cg.ScaleBar(), "bottom-right")
    )
    g.draw()
    assert_no_overlap(g)


def test_prop_regression_bottom_bar_name_clears_left_bar():
    g = (
        cg.ClusterGrid(_corner_frame())
        .add(cg.AnnotationBar(list("aabbccdd"), name="group"), "bottom")
        .add(cg.AnnotationBar(list("xxyyzz"), name="group"), "left")
        .add(cg.ScaleBar(), "top-left")
    )
    g.draw()
    assert_no_overlap(g)


def test_prop_regression_rotated_labels_clear_corner_scalebar():
    df = _corner_frame().rename(columns=lambda c: f"long column name {c}")
    g = (
        cg.ClusterGrid(df)
        .add(cg.Labels(rotation=45), "top")
        .add(cg.ScaleBar(), "top-right")
    )
    g.draw()
    assert_no_overlap(g)


def test_prop_regression_bar_name_avoids_corner_reached_by_rotated_labels():
    # found by the random search: top labels at -30 degrees reach left into the
    # top-left corner, where the pinwheel puts left bar names
    df = pd.DataFrame(np.arange(10.0).reshape(2, 5), columns=[-10, -8, -9, -12, -11])
    g = (
        cg.ClusterGrid(df)
        .cluster(rows=True, cols=False)
        .add(cg.AnnotationBar([0.5, 1.5]), "left")
        .add(cg.AnnotationBar([0.5, 1.5], name="score"), "left")
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(rotation=-30), "top")
    )
    g.draw()
    assert_no_overlap(g)
    # the name moved to the bottom end of the bar
    name = g.panels[1].name_text.get_window_extent(g.figure.canvas.get_renderer())
    assert name.y1 <= g.ax_heatmap.get_window_extent().y0 + 0.5


def test_prop_regression_bar_name_with_both_corners_taken_is_omitted_with_a_warning():
    # found by the random search: rotated top and bottom labels both reach right
    df = pd.DataFrame(
        np.full((1, 11), np.nan), index=["r0"], columns=[f"c{i}" for i in range(11)]
    )
    g = (
        cg.ClusterGrid(df)
        .add(cg.Labels(rotation=45), "top")
        .add(cg.AnnotationBar([0.5], name="some bar name"), "right")
        .add(cg.Labels(rotation=-30), "bottom")
    )
    with pytest.warns(UserWarning, match="both corners"):
        g.draw()
    assert_no_overlap(g)
    assert not g.panels[1].ax.texts


def test_prop_regression_rotated_row_label_taller_than_its_row_is_not_drawn():
    # found by the random search: a 45-degree row label on a one-row heatmap
    # reached below the heatmap into the corner of the rotated column labels
    df = pd.DataFrame(
        np.full((1, 8), np.nan), index=["r0xx"], columns=[2, 4, 3, 6, 5, 0, 1, 7]
    )
    g = (
        cg.ClusterGrid(df, square=True)
        .add(cg.Labels(rotation=45), "left")
        .add(cg.Labels(rotation=45), "bottom")
    )
    with pytest.warns(UserWarning, match="no label fits"):
        g.draw()
    assert_no_overlap(g)


def test_prop_regression_flipped_bar_name_keeps_out_of_another_sides_corner():
    # found by the random search: the bottom bar's name, pushed out of the
    # bottom-left corner, flipped into the bottom-right one used by right bar names
    g = (
        cg.ClusterGrid(np.zeros((1, 5)), figsize=(2.0, 1.0), square=True)
        .add(cg.Labels(), "left")
        .add(cg.ScaleBar(), "left")
        .add(cg.AnnotationBar([0.5]), "left")
        .add(cg.Labels(), "left")
        .add(cg.AnnotationBar([0.5]), "right")
        .add(cg.AnnotationBar(np.arange(5.0)), "bottom")
    )
    try:
        g.draw()
    except cg.LayoutError:
        return  # too small is an acceptable, clear answer
    assert_no_overlap(g)
