"""ValueTrack, the public base of value-axis panels, and the Context every
panel receives: one value scale over the slices of a split grid, one
labelled value axis per track, nothing overlapping (read back from the drawn
artists); a Context the engine never changes; ``ctx.align`` lines values up
with the drawn rows.  The LineTrack under test is the panel guide's own."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

import clustergrid as cg
from conftest import renderer_of

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "panels.md"


def _guide_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", GUIDE.read_text(), flags=re.S)


def _line_track_source() -> str:
    (block,) = [b for b in _guide_blocks() if "class LineTrack(cg.ValueTrack)" in b]
    return block


def _line_track() -> type:
    ns: dict[str, Any] = {"np": np, "cg": cg}
    exec(_line_track_source(), ns)
    return ns["LineTrack"]


def test_the_guides_line_track_is_at_most_ten_lines():
    lines = [
        ln
        for ln in _line_track_source().splitlines()
        if ln.strip() and not ln.strip().startswith(('"""', "#"))
    ]
    assert len(lines) <= 10, lines


def test_the_panel_guide_runs_and_its_row_means_share_one_axis():
    ns: dict[str, Any] = {}
    try:
        for block in _guide_blocks():
            exec(block, ns)
        fig = ns["fig"]
        means = [ax for ax in fig.axes if ax.get_label().endswith(":RowMeans")]
        _one_scale_one_axis(means)
    finally:
        plt.close("all")


# -- a 3 x 2 split grid with a line track on every side -------------------------


@pytest.fixture(scope="module")
def split_grid(wine):
    LineTrack = _line_track()
    sample = wine.iloc[::6]
    X = sample.drop(columns="cultivar")
    tracks = {
        "right": LineTrack(X["alcohol"], label="alcohol"),
        "left": LineTrack(X["proline"], label="proline"),
        "top": LineTrack(X.std() / X.mean(), label="CV"),
        "bottom": LineTrack(X.max() * 1000, label="max"),
    }
    g = (
        cg.ClusterGrid(X, z_score=1, center=0, cmap="RdBu_r", cell_size=0.16)
        .cluster()
        .split(rows=sample["cultivar"], cols=2)
        .add(tracks["right"], "right", size="15mm")
        .add(cg.Labels(), "right")
        .add(cg.Dendrogram(), "left", size="8mm")
        .add(tracks["left"], "left", size="15mm")
        .add(tracks["top"], "top", size="12mm")
        .add(tracks["bottom"], "bottom", size="12mm")
        .add(cg.Labels(rotation=90), "bottom")
    )
    fig = g.draw()
    yield g, fig, tracks
    plt.close(fig)


def _vertical(axes: list[Any]) -> bool:
    return axes[0].get_label().split(":")[1] in ("left", "right")


def _value_axis(axes: list[Any]) -> list[Any]:
    """Per slice, the axis along which the track's values run."""
    return [ax.xaxis if _vertical(axes) else ax.yaxis for ax in axes]


def _shown_tick_labels(axis) -> list[str]:
    return [
        t.get_text() for t in axis.get_ticklabels() if t.get_visible() and t.get_text()
    ]


def _one_scale_one_axis(axes: list[Any]) -> None:
    assert len(axes) > 1
    vertical = _vertical(axes)
    lims = {ax.get_xlim() if vertical else ax.get_ylim() for ax in axes}
    assert len(lims) == 1, f"one value scale for every slice, got {lims}"
    labelled = [
        i for i, axis in enumerate(_value_axis(axes)) if _shown_tick_labels(axis)
    ]
    # drawn once: below the last row slice, or left of the first column slice
    assert labelled == [len(axes) - 1 if vertical else 0]
    titled = [i for i, axis in enumerate(_value_axis(axes)) if axis.label.get_text()]
    assert titled in ([], labelled)


def test_one_value_scale_and_one_labelled_value_axis_per_side(split_grid):
    g, fig, tracks = split_grid
    assert len(tracks["right"].axes) == len(tracks["left"].axes) == 3
    assert len(tracks["top"].axes) == len(tracks["bottom"].axes) == 2
    for side, track in tracks.items():
        _one_scale_one_axis(track.axes)
        axis = _value_axis(track.axes)[-1 if side in ("left", "right") else 0]
        assert axis.label.get_text() == track.label and axis.label.get_visible()
    # the limits hold every slice's values (not just one slice's)
    alcohol = tracks["right"].values
    lo, hi = sorted(tracks["right"].axes[0].get_xlim())
    assert lo <= alcohol.min() and alcohol.max() <= hi


def _shown_texts(fig) -> list[Text]:
    out = []
    for t in fig.findobj(Text):
        if not (t.get_visible() and t.get_text().strip()):
            continue
        if t.axes is not None and not t.axes.get_visible():
            continue
        out.append(t)
    return out


def _overlap(a, b, tol: float = 0.5) -> bool:
    return (
        min(a.x1, b.x1) - max(a.x0, b.x0) > tol
        and min(a.y1, b.y1) - max(a.y0, b.y0) > tol
    )


def test_nothing_overlaps_and_everything_is_inside_the_figure(split_grid):
    g, fig, tracks = split_grid
    r = renderer_of(fig)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    boxes = {ax: ax.get_window_extent(r) for ax in axes}
    texts = [(t, t.get_window_extent(r)) for t in _shown_texts(fig)]
    fbox = fig.bbox
    for ax, bb in boxes.items():
        assert bb.x0 >= fbox.x0 - 1 and bb.x1 <= fbox.x1 + 1, ax.get_label()
        assert bb.y0 >= fbox.y0 - 1 and bb.y1 <= fbox.y1 + 1, ax.get_label()
    for t, bb in texts:
        assert bb.x0 >= fbox.x0 - 1 and bb.x1 <= fbox.x1 + 1, t.get_text()
        assert bb.y0 >= fbox.y0 - 1 and bb.y1 <= fbox.y1 + 1, t.get_text()
    # no two axes overlap (heatmap slices and every panel's slices)
    for i, a in enumerate(axes):
        for b in axes[i + 1 :]:
            assert not _overlap(boxes[a], boxes[b]), (a.get_label(), b.get_label())
    # no text overlaps another text, nor the axes of anything else
    for i, (t, bb) in enumerate(texts):
        for u, cc in texts[i + 1 :]:
            assert not _overlap(bb, cc), (t.get_text(), u.get_text())
        for ax, ab in boxes.items():
            if ax is not t.axes:
                assert not _overlap(bb, ab), (t.get_text(), ax.get_label())
    # and the value axes were among what was checked
    shown = {t.get_text() for t, _ in texts}
    assert {"alcohol", "proline", "CV", "max"} <= shown


# -- Context ------------------------------------------------------------------


def _snapshot(ctx: cg.Context) -> dict[str, Any]:
    shot = {f.name: getattr(ctx, f.name) for f in dataclasses.fields(ctx)}
    eng = ctx._engine
    shot["engine"] = {f.name: getattr(eng, f.name) for f in dataclasses.fields(eng)}
    shot["reach"] = {c: frozenset(d) for c, d in eng.corner_reach.items()}
    return shot


def _unchanged(ctx: cg.Context, shot: dict[str, Any]) -> bool:
    now = _snapshot(ctx)
    same = all(now[k] is shot[k] for k in shot if k not in ("engine", "reach"))
    same_engine = all(now["engine"][k] is v for k, v in shot["engine"].items())
    return same and same_engine and now["reach"] == shot["reach"]


class _Spy(cg.Panel):
    """Keeps every context it is given, with a snapshot of its fields."""

    def __init__(self) -> None:
        self.seen: list[tuple[cg.Context, dict[str, Any]]] = []

    def _keep(self, ctx: cg.Context) -> None:
        self.seen.append((ctx, _snapshot(ctx)))

    def validate(self, ctx):
        self._keep(ctx)

    def measure(self, ctx):
        self._keep(ctx)
        return cg.Extent()

    def draw(self, ax, ctx):
        self._keep(ctx)
        ax.set_axis_off()


def test_the_engine_never_changes_a_context(wine):
    X = wine.drop(columns="cultivar").iloc[::6]
    spies = {side: _Spy() for side in ("left", "right", "top", "bottom-right")}
    g = (
        cg.ClusterGrid(X, z_score=1)
        .cluster()
        .split(rows=wine["cultivar"].iloc[::6], cols=2)
        .add(cg.AnnotationBar(X["alcohol"] > 13, name="strong"), "left")
        .add(cg.Labels(), "right")
    )
    for side, spy in spies.items():
        g.add(spy, side) if "-" in side else g.add(spy, side, size="5mm")
    fig = g.draw()
    try:
        for spy in spies.values():
            assert spy.seen
            for ctx, shot in spy.seen:
                assert _unchanged(ctx, shot)
        ctx = spies["right"].seen[-1][0]
        with pytest.raises(dataclasses.FrozenInstanceError):
            ctx.side = "left"  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            ctx._engine.legends = ()  # type: ignore[misc]
        # a derived context is a new one; the original stays as it was
        other = ctx.replace(side="left")
        assert other.side == "left" and ctx.side == "right"
    finally:
        plt.close(fig)


def test_context_names_only_what_a_panel_author_needs():
    fields = {f.name for f in dataclasses.fields(cg.Context)}
    doc = cg.Context.__doc__ or ""
    for name in fields - {"_engine"}:
        assert re.search(rf"\b{name}\b.*:", doc), f"Context.{name} is not documented"
    for internal in ("legends", "corner_reach", "movable_sides", "input_labels"):
        assert internal not in fields


class _Aligned(cg.Panel):
    def __init__(self, values: Any) -> None:
        self.values = values

    def draw(self, ax, ctx):
        self.got = getattr(self, "got", []) + [
            (list(ctx.labels), ctx.align(self.values))
        ]
        ax.set_axis_off()


def test_align_gives_values_in_drawn_order_and_one_clear_error(wine):
    X = wine.drop(columns="cultivar").iloc[::6]
    s = X["alcohol"].sample(frac=1.0, random_state=0)  # shuffled: aligned by label
    p = _Aligned(s)
    g = cg.ClusterGrid(X).cluster().split(rows=wine["cultivar"].iloc[::6])
    fig = g.add(p, "right").draw()
    plt.close(fig)
    for labels, got in p.got[-3:]:
        assert list(got.index) == labels
        np.testing.assert_array_equal(got.to_numpy(), s.reindex(labels).to_numpy())
    # a list is taken in the matrix's input order
    q = _Aligned(list(X["alcohol"]))
    plt.close(cg.ClusterGrid(X).cluster().add(q, "right").draw())
    labels, got = q.got[-1]
    np.testing.assert_array_equal(got.to_numpy(), X["alcohol"].reindex(labels))
    # missing and unknown labels: the same error as every built-in track's
    bad = pd.concat([s.iloc[1:], pd.Series([1.0], index=["nope"])])
    with pytest.raises(ValueError, match="does not line up with the rows") as mine:
        cg.ClusterGrid(X).add(_Aligned(bad), "right").draw()
    with pytest.raises(ValueError, match="does not line up with the rows") as builtin:
        cg.ClusterGrid(X).add(cg.BarTrack(bad), "right").draw()
    assert (
        str(mine.value).split(" does not")[1]
        == str(builtin.value).split(" does not")[1]
    )
    plt.close("all")
