"""Hostile input (issue 12): one regression test per class of failure.

Each class is fixed in a shared mechanism, so each test sweeps the options
that reach that mechanism rather than one example:

* lengths (``_sizes``): huge, infinite or NaN lengths and relative sizes are
  refused by name; the former kiwisolver aborts run in a child process;
* numbers: numpy scalars are numbers everywhere;
* norms (``_colors``): the user's norm colours everything, unchanged;
* colour limits from the shown cells; a colormap's bad colour kept;
* wrong exception types and raw dependency texts;
* borders and cell text never cover the cells' colours or leave the cells;
* complex values, precomputed linkages, canvases too large to allocate.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import warnings

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import linkage

import clustergrid as cg
from conftest import heatmap_cell_centres_px

SRC = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "src"
)
TOL = 2.0 / 255


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        rng.normal(size=(6, 5)),
        index=[f"r{i}" for i in range(6)],
        columns=[f"c{j}" for j in range(5)],
    )


def _pixels(g) -> np.ndarray:
    """RGB (0..1) of the rendered figure at every heatmap cell centre."""
    fig = g.figure
    fig.canvas.draw()
    buf = np.asarray(fig.canvas.buffer_rgba())[..., :3] / 255.0
    xs, ys = heatmap_cell_centres_px(g)
    h = buf.shape[0]
    rows = (h - 1 - np.floor(ys)).astype(int)
    cols = np.floor(xs).astype(int)
    return buf[np.ix_(rows, cols)]


def _want(g, values=None) -> np.ndarray:
    v = g.matrix.to_numpy() if values is None else values
    rgba = np.asarray(g.cmap(g.norm(np.ma.masked_invalid(v))))
    bg = np.asarray(mcolors.to_rgba(g.figure.get_facecolor()))
    a = rgba[..., 3:4]
    return rgba[..., :3] * a + bg[:3] * (1 - a)


# -- lengths -------------------------------------------------------------------

BAD_LENGTHS = [
    "1e400mm",
    "1e400",
    float("inf"),
    float("nan"),
    -1.0,
    "2000in",
    np.float64("nan"),
]


def _length_cases(value):
    return {
        "cell_size": lambda d: cg.ClusterGrid(d, cell_size=value),
        "cell_size pair": lambda d: cg.ClusterGrid(d, cell_size=(0.2, value)),
        "figsize": lambda d: cg.ClusterGrid(d, figsize=(value, 4)),
        "size": lambda d: cg.ClusterGrid(d).add(cg.Labels(), "right", size=value),
        "pad": lambda d: cg.ClusterGrid(d).add(cg.Labels(), "right", pad=value),
        "gap": lambda d: cg.ClusterGrid(d).split(rows=[0, 0, 0, 1, 1, 1], gap=value),
    }


@pytest.mark.parametrize("value", BAD_LENGTHS, ids=repr)
@pytest.mark.parametrize("option", list(_length_cases(0)))
def test_bad_lengths_are_refused_naming_the_option(df, option, value):
    with pytest.raises(ValueError, match=rf"^{option.split()[0]}="):
        _length_cases(value)[option](df)


@pytest.mark.parametrize(
    "make",
    [
        lambda: cg.Relative(float("inf")),
        lambda: cg.Relative(float("nan")),
        lambda: cg.Relative(-0.1),
        lambda: cg.Relative(np.float64("inf")),
        lambda: cg.Relative(0.1) * float("inf"),
        lambda: cg.Relative(0.1, max="1e400mm"),
        lambda: cg.Fixed("1e400pt"),
        lambda: cg.Relative(0.1, min=2, max=1),
    ],
    ids=[
        "inf",
        "nan",
        "negative",
        "np.inf",
        "times inf",
        "max 1e400mm",
        "Fixed 1e400pt",
        "min>max",
    ],
)
def test_bad_relative_sizes_are_refused(make):
    with pytest.raises(ValueError):
        make()


@pytest.mark.parametrize("size", ["1e400%", "1e5%", "nan%"])
def test_bad_percent_sizes_are_refused(df, size):
    with pytest.raises(ValueError, match="size="):
        cg.ClusterGrid(df).add(cg.Labels(), "right", size=size)


def test_size_arithmetic_with_a_non_number_is_a_clear_type_error():
    with pytest.raises(TypeError, match="multiplied by a number only"):
        cg.Relative(0.1) * "2"


_CHILD = textwrap.dedent("""
    import sys, numpy as np, pandas as pd, matplotlib
    matplotlib.use("Agg")
    import clustergrid as cg
    df = pd.DataFrame(np.arange(30.0).reshape(6, 5))
    inf, nan = float("inf"), float("nan")
    cases = [
        lambda: cg.ClusterGrid(df, cell_size="1e400mm").draw(),
        lambda: cg.ClusterGrid(df).add(cg.Labels(), "right", size="1e400mm").draw(),
        lambda: cg.ClusterGrid(df).add(cg.Labels(), "right", size=cg.Relative(inf)).draw(),
        lambda: cg.ClusterGrid(df).add(cg.Labels(), "right", size=cg.Relative(nan)).draw(),
        lambda: cg.ClusterGrid(df).add(cg.Labels(), "right", size="1e400%").draw(),
        lambda: cg.ClusterGrid(df).add(cg.Labels(), "right", size=cg.Relative(0.1) * inf).draw(),
        lambda: cg.ClusterGrid(df).split(rows=[0, 0, 0, 1, 1, 1], gap="1e400mm").draw(),
        lambda: cg.ClusterGrid(df).add(cg.Labels(), "right", pad="1e400pt").draw(),
        lambda: cg.ClusterGrid(df, figsize=("1e400mm", 4)).draw(),
        lambda: cg.ClusterGrid(df).cluster(rows=np.array(
            [[0, 1, 1, 2], [2, 3, 1, 2], [4, nan, 1, 2], [6, 7, 2, 4], [8, 9, 3, 6]], float),
            cols=False).draw(),
        lambda: cg.ClusterGrid(df, cell_size=50).draw(),
        lambda: cg.ClusterGrid(df, dpi=1e6).draw(),
    ]
    for k, case in enumerate(cases):
        try:
            case()
            print(k, "DREW")
        except ValueError as exc:
            print(k, "ValueError")
        sys.stdout.flush()
""")


def test_former_crash_cases_exit_cleanly_in_a_child_process():
    """These aborted the interpreter (kiwisolver SIGABRT, scipy segfault) or
    ran out of memory: now each is a ValueError, and the child exits 0."""
    env = dict(
        os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", "")
    )
    res = subprocess.run(
        [sys.executable, "-c", _CHILD],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 0, (
        f"child died with {res.returncode}: {res.stderr[-2000:]}"
    )
    lines = res.stdout.split("\n")
    outcomes = [ln.split()[1] for ln in lines if ln.strip()]
    assert outcomes == ["ValueError"] * 12, res.stdout


# -- numbers ---------------------------------------------------------------------


def test_numpy_scalars_are_numbers_everywhere(df):
    g = (
        cg.ClusterGrid(
            df,
            figsize=(np.int64(6), np.float32(4)),
            dpi=np.int64(100),
            vmin=np.float32(-2),
            vmax=np.int64(2),
            linewidths=np.float32(0.5),
            annot=True,
            annot_kws={"fontsize": np.int64(6)},
        )
        .cluster()
        .add(
            cg.Dendrogram(linewidth=np.float32(1)),
            "left",
            size=np.float64(0.5),
            pad=np.int32(0),
        )
        .add(cg.Labels(), "right", size=cg.Relative(np.float32(0.2)))
    )
    fig = g.draw()
    assert tuple(fig.get_size_inches()) == pytest.approx((6, 4))
    assert fig.dpi == 100
    assert (g.norm.vmin, g.norm.vmax) == (-2, 2)
    g2 = cg.ClusterGrid(df, cell_size=(np.float64(0.3), np.float32(0.25)))
    g2.draw()
    assert g2.ax_heatmap.get_window_extent().width == pytest.approx(
        5 * 0.3 * 100, abs=1
    )


@pytest.mark.parametrize(
    "kw,name",
    [
        (dict(vmin="1"), "vmin"),
        (dict(vmax=[1]), "vmax"),
        (dict(center="0"), "center"),
        (dict(dpi="100"), "dpi"),
        (dict(dpi=float("nan")), "dpi"),
        (dict(dpi=True), "dpi"),
        (dict(robust="yes"), "robust"),
    ],
)
def test_non_numbers_name_the_option(df, kw, name):
    with pytest.raises((TypeError, ValueError), match=rf"^{name} must be"):
        cg.ClusterGrid(df, **kw)


# -- norms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "norm,match",
    [
        (mcolors.Normalize(1, 1), "no usable colour range"),
        (mcolors.Normalize(1, 1 + 1e-17), "no usable colour range"),
        (mcolors.Normalize(1e-300, 2e-300), "no usable colour range"),
        (mcolors.Normalize(2, -2), "vmin > vmax"),
        (mcolors.Normalize(0, float("nan")), "vmax must be a finite number"),
        (mcolors.LogNorm(-1, 1), "cannot colour"),
        (mcolors.CenteredNorm(halfrange=0), "no usable colour range"),
    ],
)
def test_unusable_user_norms_are_refused_in_the_constructor(df, norm, match):
    with pytest.raises(ValueError, match=match):
        cg.ClusterGrid(df, norm=norm)


@pytest.mark.parametrize(
    "norm",
    [
        mcolors.Normalize(-1, 1),
        mcolors.Normalize(),
        mcolors.TwoSlopeNorm(0),
        mcolors.CenteredNorm(),
        mcolors.PowerNorm(0.5, 0, 3),
        mcolors.SymLogNorm(0.1),
        mcolors.AsinhNorm(),
        mcolors.BoundaryNorm([-3, -1, 0, 1, 3], 256),
    ],
    ids=lambda n: type(n).__name__,
)
def test_one_norm_colours_everything_with_or_without_a_scale_bar(df, norm):
    plain = cg.ClusterGrid(df, norm=norm, cell_size=0.3)
    plain.draw()
    with_bar = cg.ClusterGrid(df, norm=norm, cell_size=0.3).add(cg.ScaleBar(), "right")
    before = (with_bar.norm.vmin, with_bar.norm.vmax)
    with_bar.draw()
    assert (with_bar.norm.vmin, with_bar.norm.vmax) == before
    assert (plain.norm.vmin, plain.norm.vmax) == before
    np.testing.assert_allclose(_pixels(plain), _pixels(with_bar), atol=TOL)
    np.testing.assert_allclose(_pixels(with_bar), _want(with_bar), atol=TOL)


def test_autoscaled_norm_on_a_constant_matrix_is_widened_once_for_every_panel():
    flat = pd.DataFrame(np.full((4, 3), 2.0))
    g = cg.ClusterGrid(flat, norm=mcolors.Normalize(), cell_size=0.3).add(
        cg.ScaleBar(), "right"
    )
    before = (g.norm.vmin, g.norm.vmax)
    assert before[0] < 2 < before[1]
    g.draw()
    assert (g.norm.vmin, g.norm.vmax) == before
    np.testing.assert_allclose(_pixels(g), _want(g), atol=TOL)


def test_center_keeps_a_single_given_limit(df):
    x = df.copy()
    x.iloc[0, 0] = -3.0  # below vmin: drawn in the lowest colour
    x.iloc[1, 1] = 5.0
    g = cg.ClusterGrid(x, center=0, vmin=-1, cell_size=0.3).add(cg.ScaleBar(), "right")
    assert g.norm.vmin == -1 and g.norm.vmax == 5
    assert g.norm(0) == pytest.approx(0.5)
    assert g.norm(-1) == pytest.approx(0.0)
    g.draw()
    px = _pixels(g)
    i, j = list(g.row_order).index(x.index[0]), list(g.col_order).index(x.columns[0])
    np.testing.assert_allclose(px[i, j], g.cmap(0.0)[:3], atol=TOL)
    np.testing.assert_allclose(px, _want(g), atol=TOL)
    only_max = cg.ClusterGrid(x, center=0, vmax=2)
    assert (
        only_max.norm.vmax == 2 and only_max.norm.vmin == -3 and only_max.norm(0) == 0.5
    )
    # data that do not pass the centre: the missing limit mirrors the given one
    neg = cg.ClusterGrid(-df.abs() - 0.1, center=0, vmin=-1)
    assert (neg.norm.vmin, neg.norm.vmax) == (-1, 1)


@pytest.mark.parametrize(
    "kw,match",
    [
        (dict(center=-3, vmin=-1), "center=-3 must be greater than vmin=-1"),
        (dict(center=3, vmax=1), "center=3 must be less than vmax=1"),
        (dict(center=0, vmin=1, vmax=2), "must lie strictly between"),
    ],
)
def test_center_outside_a_given_limit_is_refused(df, kw, match):
    with pytest.raises(ValueError, match=match):
        cg.ClusterGrid(df, **kw)


def test_lognorm_with_values_not_above_zero_warns_with_the_count(df):
    g = cg.ClusterGrid(df, norm=mcolors.LogNorm())
    n_bad = int((df.to_numpy() <= 0).sum())
    with pytest.warns(UserWarning, match=rf"cannot show {n_bad} of 30 cells"):
        _ = g.norm
    positive = cg.ClusterGrid(df.abs() + 0.1, norm=mcolors.LogNorm())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _ = positive.norm


# -- colour limits from the shown cells, bad colour ----------------------------------


def test_colour_limits_come_from_the_unmasked_cells(df):
    x = df.copy()
    x.iloc[0, 0] = 100.0
    x.iloc[5, 4] = -100.0
    hide = x.abs() > 50
    g = cg.ClusterGrid(x, mask=hide, cell_size=0.3)
    shown = x.to_numpy()[~hide.to_numpy()]
    assert (g.norm.vmin, g.norm.vmax) == (shown.min(), shown.max())
    r = cg.ClusterGrid(x, mask=hide.to_numpy(), robust=True)
    assert (r.norm.vmin, r.norm.vmax) == pytest.approx(
        tuple(np.percentile(shown, [2, 98]))
    )
    g.draw()
    px = _pixels(g)
    want = _want(g)
    bg = np.asarray(mcolors.to_rgba(g.figure.get_facecolor()))[:3]
    want[hide.to_numpy()] = bg  # masked cells show the background
    np.testing.assert_allclose(px, want, atol=TOL)


def test_a_triangle_mask_leaves_its_cells_out_of_the_limits():
    c = pd.DataFrame(np.array([[1.0, 9.0, 9.0], [0.5, 1.0, 9.0], [0.2, 0.3, 1.0]]))
    g = cg.ClusterGrid(c, mask="upper")
    assert (g.norm.vmin, g.norm.vmax) == (0.2, 1.0)


def test_a_user_colormaps_bad_colour_is_kept_unless_nan_color_is_given(df):
    x = df.copy()
    x.iloc[2, 3] = np.nan
    cm = mpl.colormaps["viridis"].with_extremes(bad="red")
    g = cg.ClusterGrid(x, cmap=cm, cell_size=0.3)
    g.draw()
    px = _pixels(g)
    np.testing.assert_allclose(px[2, 3], (1, 0, 0), atol=TOL)
    np.testing.assert_allclose(px, _want(g), atol=TOL)
    blue = cg.ClusterGrid(x, cmap=cm, nan_color="blue", cell_size=0.3)
    blue.draw()
    np.testing.assert_allclose(_pixels(blue)[2, 3], (0, 0, 1), atol=TOL)
    plain = cg.ClusterGrid(x, cmap="viridis", cell_size=0.3)
    plain.draw()
    bg = np.asarray(mcolors.to_rgba(plain.figure.get_facecolor()))[:3]
    np.testing.assert_allclose(_pixels(plain)[2, 3], bg, atol=TOL)
    assert tuple(cm.get_bad()) == (1, 0, 0, 1)  # the user's colormap is not changed


# -- wrong exception types, raw dependency texts ----------------------------------


@pytest.mark.parametrize(
    "kw,exc,match",
    [
        (dict(cmap=[]), ValueError, r"cmap=\[\] lists no colours"),
        (dict(cmap=["red", "nope"]), ValueError, r"cmap: entry 1 \('nope'\)"),
        (dict(cmap=("red", None)), ValueError, "cmap: entry 1"),
        (dict(nan_color="nope"), ValueError, "nan_color='nope' is not a colour"),
        (
            dict(linewidths=1, linecolor="nope"),
            ValueError,
            "linecolor='nope' is not a colour",
        ),
        (
            dict(annot=True, annot_kws={"nope": 1}),
            TypeError,
            "annot_kws: 'nope' is not a Text property",
        ),
        (
            dict(annot=True, annot_kws={"fontweight": object()}),
            ValueError,
            r"annot_kws\['fontweight'\]",
        ),
        (
            dict(annot=True, annot_kws={"fontsize": float("nan")}),
            ValueError,
            r"annot_kws\['fontsize'\]",
        ),
        (
            dict(annot=True, annot_kws={"alpha": "x"}),
            (ValueError, TypeError),
            r"annot_kws\['alpha'\]",
        ),
        (
            dict(annot=True, annot_kws={"color": "nope"}),
            ValueError,
            r"annot_kws\['color'\]='nope'",
        ),
    ],
)
def test_bad_colour_and_text_options_fail_in_the_constructor(df, kw, exc, match):
    with pytest.raises(exc, match=match):
        cg.ClusterGrid(df, **kw)


def test_a_list_cmap_is_drawn_with_its_colours(df):
    g = cg.ClusterGrid(df, cmap=["white", (1, 0, 0)], cell_size=0.3)
    g.draw()
    np.testing.assert_allclose(_pixels(g), _want(g), atol=TOL)


@pytest.mark.parametrize(
    "kw,exc,match",
    [
        (
            dict(metadata={"x": object()}),
            TypeError,
            r"metadata\['x'\] must be a string",
        ),
        (dict(metadata={1: "a"}), TypeError, "metadata keys must be strings"),
        (dict(metadata=["Title"]), TypeError, "metadata must be a dict"),
        (dict(dpi="high"), TypeError, "dpi must be a number"),
        (dict(dpi=float("inf")), ValueError, "dpi must be a finite number"),
        (dict(dpi=1e5), ValueError, "canvas of"),
        (dict(format=3), TypeError, "format must be a string"),
    ],
)
def test_bad_save_options_name_the_option_and_write_nothing(
    df, tmp_path, kw, exc, match
):
    target = tmp_path / "out.png"
    with pytest.raises(exc, match=match):
        cg.ClusterGrid(df).save(target, **kw)
    assert list(tmp_path.iterdir()) == []


def test_save_metadata_strings_are_written(df, tmp_path):
    cg.ClusterGrid(df).save(
        tmp_path / "out.png", metadata={"Title": "hostile", "Author": None}
    )
    assert b"hostile" in (tmp_path / "out.png").read_bytes()


@pytest.mark.parametrize(
    "kw,exc,match",
    [
        (dict(color="nope"), ValueError, "Dendrogram color='nope' is not a colour"),
        (
            dict(linewidth=float("nan")),
            ValueError,
            "Dendrogram linewidth must be a finite number",
        ),
        (dict(linewidth="1"), TypeError, "Dendrogram linewidth must be a number"),
        (
            dict(color_threshold="1"),
            TypeError,
            "Dendrogram color_threshold must be a number",
        ),
        (dict(palette=["red", "nope"]), ValueError, r"Dendrogram palette\[1\]='nope'"),
        (dict(palette="notacmap"), ValueError, "Dendrogram palette='notacmap'"),
        (dict(palette={"a": "red"}), TypeError, "Dendrogram palette must be"),
    ],
)
def test_dendrogram_options_are_checked_in_its_constructor(kw, exc, match):
    with pytest.raises(exc, match=match):
        cg.Dendrogram(**kw)


def test_raw_dependency_texts_never_reach_the_user(df):
    """A sweep of hostile values over every ClusterGrid option and the length
    options: each is drawn, or refused with ValueError/TypeError in our own
    words (none of the dependency texts the issue lists)."""
    raw = (
        "minvalue must be",
        "ufunc",
        "could not convert",
        "can't multiply",
        "cannot convert float",
        "Axis limits",
        "Invalid RGBA",
        "object is not callable",
        "has no attribute",
        "unsupported operand",
        "not supported between",
    )
    values = [
        None,
        "nope",
        "",
        "1e400mm",
        "nan",
        float("nan"),
        float("inf"),
        -1,
        0,
        1e300,
        np.int64(3),
        np.float32(0.5),
        [],
        [1, "x"],
        {},
        {"nope": 1},
        object(),
        True,
        1j,
    ]
    options = [
        "cmap",
        "norm",
        "vmin",
        "vmax",
        "center",
        "robust",
        "figsize",
        "cell_size",
        "square",
        "nan_color",
        "dpi",
        "z_score",
        "standard_scale",
        "mask",
        "annot",
        "fmt",
        "annot_kws",
        "linewidths",
        "linecolor",
    ]
    leaks = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for opt in options:
            for v in values:
                kw = {opt: v}
                if opt in ("annot_kws", "fmt"):
                    kw["annot"] = True
                try:
                    cg.ClusterGrid(df, **kw).draw()
                except (ValueError, TypeError) as exc:
                    if any(r in str(exc) for r in raw):
                        leaks.append((opt, v, str(exc)[:80]))
                except Exception as exc:  # any other type is the failure
                    leaks.append((opt, v, f"{type(exc).__name__}: {exc}"[:80]))
                mpl.pyplot.close("all") if hasattr(mpl, "pyplot") else None
    assert not leaks, leaks


# -- borders and cell text ------------------------------------------------------------


def test_borders_wider_than_the_cells_leave_every_centre_its_colour():
    rng = np.random.default_rng(1)
    x = pd.DataFrame(rng.normal(size=(300, 6)))
    g = cg.ClusterGrid(x, linewidths=1, figsize=(4, 6))
    with pytest.warns(UserWarning, match="linewidths=1"):
        g.draw()
    np.testing.assert_allclose(_pixels(g), _want(g), atol=TOL)


def test_borders_are_narrowed_to_keep_the_cell_middles():
    x = pd.DataFrame(np.random.default_rng(2).normal(size=(8, 8)))
    g = cg.ClusterGrid(x, linewidths=12, cell_size=0.15)  # 10.8 pt cells, 12 pt lines
    with pytest.warns(UserWarning, match="linewidths=12 would cover the middle"):
        g.draw()
    lc = [
        c
        for c in g.ax_heatmap.collections
        if c.get_label() == "clustergrid:cell-borders"
    ]
    assert len(lc) == 1 and lc[0].get_linewidths()[0] <= 10.8 / 2 + 1e-9
    np.testing.assert_allclose(_pixels(g), _want(g), atol=TOL)
    fine = cg.ClusterGrid(x, linewidths=1, cell_size=0.3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fine.draw()
    lc = [
        c
        for c in fine.ax_heatmap.collections
        if c.get_label() == "clustergrid:cell-borders"
    ]
    assert lc[0].get_linewidths()[0] == 1


def test_a_large_annot_font_shrinks_to_the_cells_with_a_warning(df):
    g = cg.ClusterGrid(
        df, annot=True, fmt=".3f", annot_kws={"fontsize": 40}, cell_size=0.3
    )
    g.add(cg.Labels(), "right")
    with pytest.warns(UserWarning, match=r"annot_kws\['fontsize'\]=40 is too large"):
        g.draw()
    r = g.figure.canvas.get_renderer()
    ax = g.ax_heatmap
    texts = [t for t in ax.texts if t.get_gid() == "clustergrid:annot"]
    assert len(texts) == 30
    for t in texts:
        bb = t.get_window_extent(r)
        x, y = t.get_position()
        (x0, y0), (x1, y1) = ax.transData.transform(
            [(x - 0.5, y + 0.5), (x + 0.5, y - 0.5)]
        )
        assert (
            bb.x0 >= x0 - 0.5
            and bb.x1 <= x1 + 0.5
            and bb.y0 >= y0 - 0.5
            and bb.y1 <= y1 + 0.5
        )
        assert t.get_fontsize() < 40


def test_multi_line_cell_text_fits_its_cell(df):
    text = pd.DataFrame(
        [[f"a\nb{i}{j}" for j in range(5)] for i in range(6)],
        index=df.index,
        columns=df.columns,
    )
    g = cg.ClusterGrid(df, annot=text, cell_size=0.3)
    g.draw()
    r = g.figure.canvas.get_renderer()
    ax = g.ax_heatmap
    for t in (t for t in ax.texts if t.get_gid() == "clustergrid:annot"):
        bb = t.get_window_extent(r)
        x, y = t.get_position()
        (x0, y0), (x1, y1) = ax.transData.transform(
            [(x - 0.5, y + 0.5), (x + 0.5, y - 0.5)]
        )
        assert bb.y0 >= y0 - 0.5 and bb.y1 <= y1 + 0.5


# -- complex values, linkages, canvases ------------------------------------------------


def test_complex_values_are_refused_on_every_path(df):
    with pytest.raises(TypeError, match="complex values cannot be drawn"):
        cg.ClusterGrid(df.astype(complex) + 1j)
    mixed = df.astype(object)
    mixed.iloc[0, 0] = 1 + 2j
    with pytest.raises(TypeError):
        cg.ClusterGrid(mixed)
    long = pd.DataFrame(
        {"g": ["a", "a", "b"], "s": ["x", "y", "x"], "v": [1 + 1j, 2, 3]}
    )
    with pytest.raises(
        TypeError, match="from_long: the values column 'v' holds complex"
    ):
        cg.ClusterGrid.from_long(long, "g", "s", "v")
    obj = long.astype({"v": object})
    with pytest.raises(TypeError, match="complex"):
        cg.ClusterGrid.from_long(obj, "g", "s", "v")


def _Z():
    return linkage(np.random.default_rng(0).normal(size=(6, 3)))


@pytest.mark.parametrize(
    "edit,match",
    [
        (lambda Z: Z.__setitem__((4, 1), 0.5), "must be whole numbers"),
        (lambda Z: Z.__setitem__((1, 0), np.nan), "NaN or infinite"),
        (lambda Z: Z.__setitem__((1, 2), np.inf), "NaN or infinite"),
        (lambda Z: Z.__setitem__((0, 2), -1.0), "negative merge height"),
        (lambda Z: Z.__setitem__((0, 0), 99), r"outside 0\.\.9"),
        (lambda Z: Z.__setitem__((0, 3), 1.5), "cluster size of 1.5"),
    ],
    ids=["half", "nan id", "inf height", "negative", "out of range", "count"],
)
def test_bad_precomputed_linkages_are_refused_naming_the_option(df, edit, match):
    Z = _Z()
    edit(Z)
    with pytest.raises(ValueError, match=rf"cluster\(rows=\.\.\.\).*{match}"):
        cg.ClusterGrid(df).cluster(rows=Z, cols=False)


def test_a_valid_linkage_draws_every_row_once(df):
    g = cg.ClusterGrid(df).cluster(rows=_Z(), cols=False)
    assert sorted(g.row_order) == sorted(df.index)


@pytest.mark.parametrize(
    "kw", [dict(cell_size=50), dict(dpi=100000), dict(figsize=(200, 200), dpi=600)]
)
def test_canvases_too_large_to_allocate_are_refused_with_their_size(kw):
    x = np.zeros((2000, 2000)) if "cell_size" in kw else np.zeros((5, 5))
    with pytest.raises(ValueError, match=r"canvas of [\d,]+ x [\d,]+ pixels .* GiB"):
        cg.ClusterGrid(x, **kw)
