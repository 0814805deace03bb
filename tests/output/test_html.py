"""Interactive HTML export: the page's content (no browser) and its behaviour
in a real headless Chromium driven by selenium (one browser per module).

Positions are computed here from the drawn figure (the heatmap axes' window
extents), never read from the page, so a misplaced layer fails."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
from clustergrid._output import page as _html

# -- helpers ---------------------------------------------------------------------

INDEX_DTYPES = {1: np.dtype(np.uint8), 2: np.dtype("<u2"), 4: np.dtype("<u4")}


def page_parts(text: str) -> tuple[dict, bytes, bytes]:
    """(meta, binary data, png) read back from a page."""
    meta_s = re.search(
        r'<script type="application/json" id="cg-meta">(.*?)</script>', text, re.S
    )
    data_s = re.search(
        r'<script type="application/octet-stream" id="cg-data">(.*?)</script>',
        text,
        re.S,
    )
    png_s = re.search(r'src="data:image/png;base64,([^"]*)"', text)
    meta = json.loads(meta_s.group(1))
    return meta, base64.b64decode(data_s.group(1)), base64.b64decode(png_s.group(1))


def decoded(meta: dict, binary: bytes) -> tuple[np.ndarray, np.ndarray]:
    nb, mb = meta["binned"]
    dt = INDEX_DTYPES[meta["index_bytes"]]
    idx = np.frombuffer(binary[: nb * mb * meta["index_bytes"]], dtype=dt).reshape(
        nb, mb
    )
    vals = np.frombuffer(binary[meta["index_len"] :], dtype="<f4").reshape(nb, mb)
    return idx, vals


def zscored(wine: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    X = wine.drop(columns="cultivar").iloc[:n]
    return (X - X.mean()) / X.std()


def full_grid(wine: pd.DataFrame, n: int = 30) -> cg.ClusterGrid:
    X = zscored(wine, n)
    return (
        cg.ClusterGrid(X, center=0)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(
            cg.AnnotationBar(wine["cultivar"].iloc[:n].astype(str), name="cultivar"),
            "left",
        )
        .add(cg.AnnotationBar(X.mean().rename("mean")), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
        .add(cg.ScaleBar(label="z-score"), "right")
    )


def cell_centre(g: cg.ClusterGrid, i: int, j: int) -> tuple[float, float]:
    """Centre of drawn cell (i, j) in figure pixels (origin top-left), from
    the heatmap axes that holds it."""
    comp = g._compile()
    n, m = comp.matrix.shape
    rb = comp.row_slices.bounds if comp.row_slices is not None else ((0, n),)
    cb = comp.col_slices.bounds if comp.col_slices is not None else ((0, m),)
    bi = next(k for k, (a, b) in enumerate(rb) if a <= i < b)
    bj = next(k for k, (a, b) in enumerate(cb) if a <= j < b)
    ax = g.heatmap_axes[bi][bj]
    x, y = ax.transData.transform((j - cb[bj][0] + 0.5, i - rb[bi][0] + 0.5))
    return float(x), float(g.figure.bbox.height - y)


def heatmap_box(g: cg.ClusterGrid) -> tuple[int, int, int, int]:
    """The union of the heatmap blocks, in whole figure pixels (x0, y0, x1, y1)."""
    H = g.figure.bbox.height
    bbs = [ax.get_window_extent() for row in g.heatmap_axes for ax in row]
    return (
        int(np.ceil(min(b.x0 for b in bbs))),
        int(np.ceil(H - max(b.y1 for b in bbs))),
        int(np.floor(max(b.x1 for b in bbs))),
        int(np.floor(H - min(b.y0 for b in bbs))),
    )


# -- the page's content (no browser) ------------------------------------------------


def test_page_is_self_contained_and_deterministic(wine):
    g = full_grid(wine)
    text = g.to_html()
    assert text == g.to_html()  # the same grid writes the same page
    # nothing is loaded from anywhere: no URL scheme, no external src/href
    assert not re.search(r"(?i)\b(?:https?|wss?|ftp)://", text)
    assert not re.search(r"(?i)<(?:link|iframe)\b", text)
    assert not re.search(r'(?i)\b(?:src|href)="(?!data:image/png;base64,)', text)
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    # the image is the PNG export, byte for byte
    _, _, png = page_parts(text)
    buf = io.BytesIO()
    g.save(buf, format="png")
    assert png == buf.getvalue()


def test_dpi_scales_the_image_and_every_box(wine):
    g = full_grid(wine, 12)
    m100, _, _ = page_parts(g.to_html())
    m150, _, png = page_parts(g.to_html(dpi=150))
    buf = io.BytesIO()
    g.save(buf, format="png", dpi=150)
    assert png == buf.getvalue()
    assert m150["width"] == pytest.approx(1.5 * m100["width"], abs=1)
    for a, b in zip(
        m100["blocks"] + m100["bars"], m150["blocks"] + m150["bars"], strict=True
    ):
        np.testing.assert_allclose(b["box"], np.array(a["box"]) * 1.5, atol=0.5)


def test_embedded_data_is_the_drawn_matrix_and_its_colours(wine):
    g = full_grid(wine)
    meta, binary, _ = page_parts(g.to_html())
    idx, vals = decoded(meta, binary)
    M = g.matrix
    assert meta["rows"] == [str(x) for x in g.row_order]
    assert meta["cols"] == [str(x) for x in g.col_order]
    np.testing.assert_array_equal(vals, M.to_numpy().astype(np.float32))
    pal = np.array(meta["palette"], dtype=np.uint8)
    want = np.asarray(g.cmap(g.norm(M.to_numpy()), bytes=True))
    np.testing.assert_array_equal(pal[idx], want)
    assert meta["bin"] == [1, 1]
    # annotation bar values and colours in drawn order
    bar = next(b for b in meta["bars"] if b["name"] == "mean")
    assert bar["values"] == [f"{v:.6g}" for v in zscored(wine).mean()[g.col_order]]


def test_mask_and_nan_cells(wine):
    X = zscored(wine, 12).iloc[:, :6].copy()
    X.iloc[5, 1] = np.nan
    g = cg.ClusterGrid(X, mask="upper")
    meta, binary, _ = page_parts(g.to_html())
    idx, vals = decoded(meta, binary)
    pal = np.array(meta["palette"])
    alpha = pal[idx][..., 3]
    hidden = np.triu(np.ones((12, 6), bool), 1)
    assert (alpha[hidden] == 0).all() and (
        alpha[~hidden & ~np.isnan(vals)] == 255
    ).all()
    # a masked cell keeps its value (the page says "(masked)"); a missing one is NaN
    M = g.matrix.to_numpy()
    np.testing.assert_array_equal(vals[hidden], M[hidden].astype(np.float32))
    r, c = g.row_order.get_loc(X.index[5]), g.col_order.get_loc(X.columns[1])
    assert np.isnan(vals[r, c]) and np.isnan(M[r, c])


def test_split_blocks_follow_the_slices(wine):
    X = zscored(wine, 30)
    g = cg.ClusterGrid(X).cluster().split(rows=3, cols=2).add(cg.Dendrogram(), "left")
    meta, _, _ = page_parts(g.to_html())
    comp = g._compile()
    assert len(meta["blocks"]) == 6
    for b in meta["blocks"]:
        x, y = cell_centre(g, b["r0"], b["c0"])
        bx, by, bw, bh = b["box"]
        assert bx < x < bx + bw and by < y < by + bh
        assert bw / (b["c1"] - b["c0"]) == pytest.approx(
            bh
            / (b["r1"] - b["r0"])
            * (bw / (b["c1"] - b["c0"]))
            / (bh / (b["r1"] - b["r0"]))
        )
    # the trees cover every row once, each within its slice
    leaves = sorted(p for t in meta["row_trees"] for p in t["leaf"])
    assert leaves == list(range(len(X)))
    for t, (a, b) in zip(meta["row_trees"], comp.row_slices.bounds, strict=True):
        assert t["start"] == a and min(t["leaf"]) == a and max(t["leaf"]) == b - 1


def test_overview_beyond_max_cells():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(101, 7)))
    g = cg.ClusterGrid(X)
    meta, binary, _ = page_parts(g.to_html(max_cells=200))
    fr, fc = meta["bin"]
    nb, mb = meta["binned"]
    assert nb * mb <= 200 and fr > 1
    _, vals = decoded(meta, binary)
    M = X.to_numpy()
    for bi, bj in [(0, 0), (nb - 1, mb - 1), (nb // 2, 3 % mb)]:
        block = M[bi * fr : (bi + 1) * fr, bj * fc : (bj + 1) * fc]
        assert vals[bi, bj] == pytest.approx(block.mean(), rel=1e-6)
    assert _html._bin_factors(10_000, 100, _html.MAX_CELLS) == (1, 1)


def overview_grid() -> tuple[cg.ClusterGrid, pd.DataFrame]:
    rng = np.random.default_rng(1)
    X = pd.DataFrame(
        rng.normal(size=(60, 7)),
        index=[f"r{i}" for i in range(60)],
        columns=[f"c{j}" for j in range(7)],
    )
    return cg.ClusterGrid(X).add(cg.Labels(), "right"), X


def many_colours_grid() -> cg.ClusterGrid:
    import matplotlib.colors as mcolors

    rng = np.random.default_rng(2)
    X = pd.DataFrame(rng.uniform(size=(24, 30)))
    cmap = mcolors.ListedColormap(rng.uniform(size=(1000, 3)))  # more than 256 colours
    return cg.ClusterGrid(X, cmap=cmap)


def test_more_than_256_colours_use_wider_indices():
    g = many_colours_grid()
    meta, binary, _ = page_parts(g.to_html())
    assert meta["index_bytes"] == 2 and len(meta["palette"]) > 256
    idx, _ = decoded(meta, binary)
    pal = np.array(meta["palette"], dtype=np.uint8)
    np.testing.assert_array_equal(
        pal[idx], np.asarray(g.cmap(g.norm(g.matrix.to_numpy()), bytes=True))
    )


def test_overview_holds_exact_rows():
    g, X = overview_grid()
    meta, binary, _ = page_parts(g.to_html(max_cells=100, exact_rows=["r12", "r3"]))
    assert meta["bin"] == [5, 1] and meta["exact_rows"] == [3, 12]
    k = meta["offsets"]
    dt = INDEX_DTYPES[meta["index_bytes"]]
    ex_idx = np.frombuffer(
        binary[k["exact_index"] : k["exact_index"] + 14 * meta["index_bytes"]], dt
    )
    ex_val = np.frombuffer(
        binary[k["exact_values"] : k["exact_values"] + 14 * 4], "<f4"
    )
    np.testing.assert_array_equal(
        ex_val.reshape(2, 7), X.iloc[[3, 12]].to_numpy().astype(np.float32)
    )
    pal = np.array(meta["palette"], dtype=np.uint8)
    want = np.asarray(g.cmap(g.norm(X.iloc[[3, 12]].to_numpy()), bytes=True))
    np.testing.assert_array_equal(pal[ex_idx].reshape(2, 7, 4), want)
    with pytest.raises(ValueError, match="exact_rows: nope is not a row label"):
        g.to_html(max_cells=100, exact_rows=["nope"])
    with pytest.raises(
        ValueError,
        match=r"exact_rows: 8 rows of 7 cells are more than half of max_cells=100",
    ):
        g.to_html(max_cells=100, exact_rows=[f"r{i}" for i in range(8)])
    with pytest.raises(TypeError, match="exact_rows must be a list of row labels"):
        g.to_html(exact_rows="r1")
    # a page that holds everything exactly ignores exact_rows (after checking them)
    assert page_parts(g.to_html(exact_rows=["r1"]))[0]["exact_rows"] == []


def test_save_html_is_atomic_and_equals_to_html(wine, tmp_path):
    g = full_grid(wine, 15)
    target = tmp_path / "fig.html"
    target.write_text("old")
    g.save(target)
    assert target.read_text("utf-8") == g.to_html()
    g.save(tmp_path / "fig.htm")
    assert (tmp_path / "fig.htm").read_text("utf-8") == g.to_html()
    with pytest.raises(
        TypeError, match="max_cells=, title=, exact_rows= and dpi=, not metadata="
    ):
        g.save(target, metadata={"Title": "x"})
    assert target.read_text("utf-8") == g.to_html()  # left as it was
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    buf = io.BytesIO()
    g.save(buf, format="html")
    assert buf.getvalue().decode("utf-8") == g.to_html()


def test_bad_options_name_the_fix(wine):
    g = cg.ClusterGrid(zscored(wine, 8))
    with pytest.raises(ValueError, match=r"max_cells must be a positive int.*got 0"):
        g.to_html(max_cells=0)
    with pytest.raises(ValueError, match=r"dpi must be a positive number.*got -1"):
        g.to_html(dpi=-1)
    with pytest.raises(TypeError, match="title must be a str"):
        g.to_html(title=3)
    with pytest.raises(TypeError, match="HTML export takes a ClusterGrid.*ConcatGrid"):
        (g + cg.ClusterGrid(zscored(wine, 8))).to_html()


def test_interactive_repr(wine):
    g = cg.ClusterGrid(zscored(wine, 8))
    page = g.interactive(title="wines")
    out = page._repr_html_()
    assert out.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in out
    assert "&lt;title&gt;wines&lt;/title&gt;" in out
    assert page.html == g.to_html(title="wines")
    assert (
        g._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"
    )  # the PNG stays the default display
    assert not hasattr(g, "_repr_html_")


def test_labels_cannot_break_out_of_the_page():
    X = pd.DataFrame(
        [[1.0, 2.0], [3.0, 4.0]], index=["</script><b>x", "a<!--b"], columns=["p", "q"]
    )
    text = cg.ClusterGrid(X).to_html()
    assert text.count("</script>") == 3  # meta, data, code: nothing else closes a block
    meta, _, _ = page_parts(text)
    assert meta["rows"] == ["</script><b>x", "a<!--b"]


class _RowMeans(cg.Panel):
    """A custom panel the page knows nothing about."""

    def __init__(self, name: str = "") -> None:
        self.name = name

    def draw(self, ax, ctx):
        ax.barh(np.arange(ctx.n) + 0.5, ctx.matrix.mean(axis=1), height=0.8)


def test_every_drawn_panel_is_listed_custom_ones_included(wine):
    means = _RowMeans("</script><b>means")  # a name cannot break out either
    g = full_grid(wine, 12).add(means, "right", size="15mm")
    text = g.to_html()
    assert text.count("</script>") == 3
    meta, _, _ = page_parts(text)
    drawn = g.result.grids[0].panels
    assert [p["name"] for p in meta["panels"]] == [d.name for d in drawn]
    assert [p["side"] for p in meta["panels"]] == [d.slot.side for d in drawn]
    (entry,) = [p for p in meta["panels"] if p["name"] == "</script><b>means"]
    assert entry["axis"] == "row"
    # its box is its axes' box in the image (pixels of the PNG, origin top left)
    bb = means.ax.get_window_extent()
    W, H = g.figure.bbox.width, g.figure.bbox.height
    sx, sy = meta["width"] / W, meta["height"] / H
    np.testing.assert_allclose(
        entry["box"],
        [bb.x0 * sx, (H - bb.y1) * sy, bb.width * sx, bb.height * sy],
        atol=1e-6,
    )
    # nothing extra: the script's lists hold the built-in panels only
    assert [b["name"] for b in meta["bars"]] == ["cultivar", "mean"]
    assert len(meta["dendrograms"]) == 2 and len(meta["labels"]) == 2


def test_a_custom_panel_gives_the_page_its_data(wine):
    class Stripe(_RowMeans):
        def page_data(self, drawn, view):
            n = len(view.ordered.row_order)
            return "bars", {
                "name": "stripe",
                "values": ["v"] * n,
                "colors": ["#000000ff"] * n,
            }

    X = zscored(wine, 10)
    g = cg.ClusterGrid(X).add(Stripe(), "left")
    meta, _, _ = page_parts(g.to_html())
    (bar,) = meta["bars"]
    assert bar["name"] == "stripe" and bar["values"] == ["v"] * 10
    assert bar["box"] == meta["panels"][0]["box"]

    class Odd(_RowMeans):
        def page_data(self, drawn, view):
            return "sparkline", {}

    with pytest.raises(ValueError, match="Odd.page_data.*'sparkline'.*'bars'"):
        cg.ClusterGrid(X).add(Odd(), "left").to_html()


def test_the_page_is_made_from_the_result_alone(wine):
    g = full_grid(wine, 12)
    text = g.to_html()
    assert _html.to_html(g.result) == text  # the grid itself is not needed


# -- in a real browser -------------------------------------------------------------------


def _start_browser():
    """A headless Chromium under selenium, or (None, reason)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None, "selenium is not installed (pip install selenium)"
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        return (
            None,
            "no chromium/chromedriver on PATH (apt-get install chromium chromium-driver)",
        )
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    profile = tempfile.mkdtemp(prefix="cg-chromium-")
    for a in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--force-device-scale-factor=1",
        "--window-size=1400,1300",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    try:
        d = webdriver.Chrome(service=Service(driver_path), options=opts)
    except Exception as e:  # any failure to start: skip with its first line
        return None, f"chromium did not start: {str(e).strip().splitlines()[0][:200]}"
    d._cg_profile = profile
    return d, ""


@pytest.fixture(scope="module")
def browser():
    d, why = _start_browser()
    if d is None:
        pytest.skip(why)
    yield d
    d.quit()
    shutil.rmtree(d._cg_profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Pages written once for the module: name -> (grid, path)."""
    import matplotlib

    from conftest import STYLE

    wine = cg.load_dataset("wine")
    out = {}
    folder = tmp_path_factory.mktemp("html")
    with matplotlib.rc_context(STYLE):
        grids = {
            "full": full_grid(wine, 30),
            "split": (
                cg.ClusterGrid(zscored(wine, 40), center=0)
                .cluster()
                .split(rows=3, cols=2)
                .add(cg.Dendrogram(), "left")
                .add(cg.Labels(), "right")
            ),
        }
        for name, g in grids.items():
            path = folder / f"{name}.html"
            g.save(path)
            out[name] = (g, path)
        g = full_grid(wine, 15)
        path = folder / "dpi150.html"
        g.save(path, dpi=150)
        out["dpi150"] = (g, path)
        g = many_colours_grid()
        path = folder / "many.html"
        g.save(path)
        out["many"] = (g, path)
        g = full_grid(wine, 20).add(_RowMeans("row means"), "right", size="15mm")
        path = folder / "custom.html"
        g.save(path)
        out["custom"] = (g, path)
        g, _ = overview_grid()
        path = folder / "overview.html"
        g.save(path, max_cells=100, exact_rows=["r12"])
        out["overview"] = (g, path)
    return out


def _open(browser, path: Path) -> tuple[float, float]:
    browser.get(path.as_uri())
    assert browser.execute_script(
        "return !!(window.clustergrid && window.clustergrid.ready)"
    )
    r = browser.execute_script(
        "const r = document.getElementById('cg-png').getBoundingClientRect();"
        "return [r.left, r.top];"
    )
    return float(r[0]), float(r[1])


def _move(browser, x: float, y: float) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    a = ActionChains(browser)
    a.w3c_actions.pointer_action.move_to_location(int(round(x)), int(round(y)))
    a.perform()


def _drag(browser, p0, p1) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    a = ActionChains(browser)
    pa = a.w3c_actions.pointer_action
    pa.move_to_location(int(round(p0[0])), int(round(p0[1])))
    pa.pointer_down()
    pa.move_to_location(
        int(round((p0[0] + p1[0]) / 2)), int(round((p0[1] + p1[1]) / 2))
    )
    pa.move_to_location(int(round(p1[0])), int(round(p1[1])))
    pa.pointer_up()
    a.perform()


def _screenshot(browser) -> np.ndarray:
    from PIL import Image

    return np.asarray(
        Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    ).astype(int)


def _png_pixels(path: Path) -> np.ndarray:
    from PIL import Image

    _, _, png = page_parts(path.read_text("utf-8"))
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _tip(browser) -> dict:
    return browser.execute_script(
        "const t = document.getElementById('cg-tip'); if (t.hidden) return null;"
        "const o = {}; for (const tr of t.querySelectorAll('tr')) o[tr.dataset.key] ="
        " [tr.querySelector('th').textContent, tr.querySelector('.v').textContent]; return o;"
    )


@pytest.mark.parametrize("name", ["full", "split", "dpi150"])
def test_hover_shows_exactly_that_cell(browser, pages, name):
    g, path = pages[name]
    ox, oy = _open(browser, path)
    scale = (
        1.5 if name == "dpi150" else 1.0
    )  # the image is drawn at 150 dpi, the figure at 100
    M = g.matrix
    n, m = M.shape
    for i, j in [(0, 0), (n - 1, m - 1), (n // 2, m // 3), (7, m - 2)]:
        x, y = cell_centre(g, i, j)
        _move(browser, ox + x * scale, oy + y * scale)
        tip = _tip(browser)
        assert tip is not None, f"no tooltip over cell {(i, j)}"
        assert tip["row"][1] == str(M.index[i])
        assert tip["col"][1] == str(M.columns[j])
        assert float(tip["value"][1]) == pytest.approx(M.iat[i, j], rel=1e-6, abs=1e-7)
    if name == "full":  # the annotation values of that row and column
        X = zscored(cg.load_dataset("wine"), 30)
        cult = cg.load_dataset("wine")["cultivar"].iloc[:30].astype(str)
        i, j = 4, 2
        x, y = cell_centre(g, i, j)
        _move(browser, ox + x, oy + y)
        tip = _tip(browser)
        by_name = {v[0]: v[1] for v in tip.values()}
        assert by_name["cultivar"] == cult[M.index[i]]
        assert float(by_name["mean"]) == pytest.approx(X.mean()[M.columns[j]], rel=1e-5)


def test_hover_over_any_panel_names_it_and_the_row_under_the_pointer(browser, pages):
    """Every drawn panel is part of the page, a custom one the page knows
    nothing about included: hovering it names the panel and the row there."""
    g, path = pages["custom"]
    ox, oy = _open(browser, path)
    (panel,) = [p for p in g.panels if isinstance(p, _RowMeans)]
    bb = panel.ax.get_window_extent()
    x = (bb.x0 + bb.x1) / 2
    M = g.matrix
    for i in (0, 7, len(M) - 1):
        _, y = cell_centre(g, i, 0)
        _move(browser, ox + x, oy + y)
        tip = _tip(browser)
        assert tip is not None, f"no tooltip over the custom panel at row {i}"
        assert tip["panel"][1] == "row means"
        assert tip["row"][1] == str(M.index[i])
        assert "value" not in tip  # not a heatmap cell
    # the built-in dendrogram is a panel too: its name shows over it
    tree = next(p for p in g.panels if isinstance(p, cg.Dendrogram))
    tb = tree.ax.get_window_extent()
    H = g.figure.bbox.height
    _move(browser, ox + (tb.x0 + tb.x1) / 2, oy + H - (tb.y0 + tb.y1) / 2)
    tip = _tip(browser)
    assert tip is not None and tip["panel"][1] == tree_name(g, tree)


def tree_name(g: cg.ClusterGrid, panel: cg.Panel) -> str:
    (drawn,) = [d for d in g.result.grids[0].panels if d.slot.panel is panel]
    return drawn.name


def test_hover_outlines_the_cell(browser, pages):
    g, path = pages["full"]
    ox, oy = _open(browser, path)
    i, j = 5, 4
    x, y = cell_centre(g, i, j)
    before = _screenshot(browser)
    _move(browser, ox + x, oy + y)
    after = _screenshot(browser)
    ax = g.heatmap_axes[0][0]
    cw = ax.get_window_extent().width / g.matrix.shape[1]
    ch = ax.get_window_extent().height / g.matrix.shape[0]
    changed = np.abs(after - before).sum(axis=2) > 30
    # the outline runs along the cell's edges: left and right edges change, the
    # centre does not (the tooltip sits below-right, away from these points)
    cx, cy = int(ox + x), int(oy + y)
    assert not changed[cy, cx]
    assert (
        changed[cy, int(round(ox + x - cw / 2))]
        or changed[cy, int(round(ox + x - cw / 2)) - 1]
    )
    assert (
        changed[int(round(oy + y - ch / 2)), cx]
        or changed[int(round(oy + y - ch / 2)) - 1, cx]
    )
    # nothing changes two cells up (outline and tooltip stay local)
    assert not changed[int(oy + y - 2.5 * ch), cx]


def test_screenshot_matches_png_over_the_heatmap(browser, pages):
    for name in ("full", "split"):
        g, path = pages[name]
        ox, oy = _open(browser, path)
        _move(browser, 2, 2)  # pointer off the figure
        shot = _screenshot(browser)
        png = _png_pixels(path)
        x0, y0, x1, y1 = heatmap_box(g)
        want = png[y0:y1, x0:x1]
        got = shot[int(oy) + y0 : int(oy) + y1, int(ox) + x0 : int(ox) + x1]
        diff = np.abs(got - want).max(axis=2)
        assert (diff > 8).mean() < 0.002, f"{name}: {(diff > 8).sum()} pixels differ"


def test_drag_zooms_to_exactly_those_cells(browser, pages):
    g, path = pages["full"]
    ox, oy = _open(browser, path)
    M = g.matrix
    r0, r1, c0, c1 = 6, 11, 3, 8  # inclusive
    p0 = cell_centre(g, r0, c0)
    p1 = cell_centre(g, r1, c1)
    _drag(browser, (ox + p0[0], oy + p0[1]), (ox + p1[0], oy + p1[1]))
    view = browser.execute_script("return window.clustergrid.view()")
    assert view == {"r0": r0, "r1": r1 + 1, "c0": c0, "c1": c1 + 1}
    labels = browser.execute_script(
        "return [...document.querySelectorAll('#cg-rowlabels .cg-label')].map(e => {"
        "const r = e.getBoundingClientRect(); return [e.textContent, (r.top + r.bottom) / 2]; });"
    )
    assert [t for t, _ in labels] == [str(x) for x in M.index[r0 : r1 + 1]]
    collabels = browser.execute_script(
        "return [...document.querySelectorAll('#cg-collabels .cg-label')].map(e => e.textContent);"
    )
    assert collabels == [str(x) for x in M.columns[c0 : c1 + 1]]
    # each zoomed cell: its label beside its centre, its colour cmap(norm(value))
    x0, y0, x1, y1 = heatmap_box(g)
    nr, nc = r1 - r0 + 1, c1 - c0 + 1
    _move(browser, 2, 2)  # no outline or tooltip over the cells
    shot = _screenshot(browser)
    ch = (y1 - y0) / nr
    for k, (_, cy) in enumerate(labels):
        assert abs(cy - (oy + y0 + (k + 0.5) * ch)) < max(2.0, ch * 0.25)
    for a in range(nr):
        for b in range(nc):
            px = int(ox + x0 + (b + 0.5) * (x1 - x0) / nc)
            py = int(oy + y0 + (a + 0.5) * ch)
            want = np.array(
                g.cmap(g.norm(M.iat[r0 + a, c0 + b]), bytes=True)[:3], dtype=int
            )
            assert np.abs(shot[py, px] - want).max() <= 2, (a, b)
    # hover in the zoomed view names the zoomed cell
    px = ox + x0 + (2 + 0.5) * (x1 - x0) / nc
    py = oy + y0 + (1 + 0.5) * ch
    _move(browser, px, py)
    tip = _tip(browser)
    assert tip["row"][1] == str(M.index[r0 + 1]) and tip["col"][1] == str(
        M.columns[c0 + 2]
    )
    # double-click resets to the PNG
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).double_click().perform()
    assert browser.execute_script("return window.clustergrid.view()") is None
    _move(browser, 2, 2)
    png = _png_pixels(path)
    got = _screenshot(browser)[int(oy) + y0 : int(oy) + y1, int(ox) + x0 : int(ox) + x1]
    assert (np.abs(got - png[y0:y1, x0:x1]).max(axis=2) > 8).mean() < 0.002


def test_overview_says_so_and_zooms_to_exact_rows(browser, pages):
    g, path = pages["overview"]
    ox, oy = _open(browser, path)
    X = g.matrix
    note = browser.find_element("id", "cg-note")
    assert (
        note.is_displayed()
        and "downsampled overview" in note.text
        and "5 \u00d7 1" in note.text
    )
    x, y = cell_centre(g, 12, 3)  # an exact row
    _move(browser, ox + x, oy + y)
    tip = _tip(browser)
    assert tip["row"][1] == "r12" and "bin" not in tip
    assert float(tip["value"][1]) == pytest.approx(X.iat[12, 3], rel=1e-6)
    x, y = cell_centre(g, 21, 3)  # a binned row: the mean of rows 20..24
    _move(browser, ox + x, oy + y)
    tip = _tip(browser)
    assert tip["row"][1] == "r21" and tip["bin"][1] == "mean of 5\u00d71 cells"
    assert float(tip["value"][1]) == pytest.approx(X.iloc[20:25, 3].mean(), rel=1e-6)
    # zoom on rows 10..14: row 12 drawn exactly, the others as their bin's mean
    p0, p1 = cell_centre(g, 10, 0), cell_centre(g, 14, 6)
    _drag(browser, (ox + p0[0], oy + p0[1]), (ox + p1[0], oy + p1[1]))
    _move(browser, 2, 2)
    shot = _screenshot(browser)
    x0, y0, x1, y1 = heatmap_box(g)
    ch, cw = (y1 - y0) / 5, (x1 - x0) / 7
    for a in range(5):
        for b in range(7):
            r = 10 + a
            v = (
                X.iat[r, b]
                if r == 12
                else X.iloc[(r // 5) * 5 : (r // 5) * 5 + 5, b].mean()
            )
            want = np.array(g.cmap(g.norm(v), bytes=True)[:3], dtype=int)
            got = shot[int(oy + y0 + (a + 0.5) * ch), int(ox + x0 + (b + 0.5) * cw)]
            assert np.abs(got - want).max() <= 2, (a, b)


def test_zoom_draws_wide_palettes_exactly(browser, pages):
    g, path = pages["many"]
    ox, oy = _open(browser, path)
    M = g.matrix
    r0, r1, c0, c1 = 3, 9, 10, 17
    p0, p1 = cell_centre(g, r0, c0), cell_centre(g, r1, c1)
    _drag(browser, (ox + p0[0], oy + p0[1]), (ox + p1[0], oy + p1[1]))
    _move(browser, 2, 2)
    shot = _screenshot(browser)
    x0, y0, x1, y1 = heatmap_box(g)
    nr, nc = r1 - r0 + 1, c1 - c0 + 1
    for a in range(nr):
        for b in range(nc):
            px = int(ox + x0 + (b + 0.5) * (x1 - x0) / nc)
            py = int(oy + y0 + (a + 0.5) * (y1 - y0) / nr)
            want = np.array(
                g.cmap(g.norm(M.iat[r0 + a, c0 + b]), bytes=True)[:3], dtype=int
            )
            assert np.abs(shot[py, px] - want).max() <= 2, (a, b)


def test_search_highlights_the_right_row(browser, pages):
    g, path = pages["full"]
    ox, oy = _open(browser, path)
    M = g.matrix
    i = 9
    target = str(M.index[i])
    before = _screenshot(browser)
    box = browser.find_element("id", "cg-search")
    box.send_keys(target)
    want = [k for k, s in enumerate(M.index.astype(str)) if target.lower() in s.lower()]
    assert want == [i]
    assert browser.execute_script("return window.clustergrid.matches().rows") == want
    _move(browser, 2, 2)
    after = _screenshot(browser)
    # every cell of row i changes colour, no cell of the other rows does
    for r in range(M.shape[0]):
        for j in range(0, M.shape[1], 3):
            x, y = cell_centre(g, r, j)
            d = np.abs(
                after[int(oy + y), int(ox + x)] - before[int(oy + y), int(ox + x)]
            ).max()
            assert (d > 10) == (r == i), (r, j, d)
    # columns too, case-insensitively, and the count is shown
    box.clear()
    box.send_keys("ASH")
    want_cols = [k for k, s in enumerate(M.columns.astype(str)) if "ash" in s.lower()]
    assert len(want_cols) >= 2
    assert browser.execute_script("return window.clustergrid.matches()") == {
        "rows": [],
        "cols": want_cols,
    }
    assert (
        browser.find_element("id", "cg-matches").text
        == f"0 rows, {len(want_cols)} columns"
    )


@pytest.mark.parametrize(
    "name,axis", [("full", "row"), ("full", "col"), ("split", "row")]
)
def test_dendrogram_branch_selects_its_leaves(browser, pages, name, axis):
    from scipy.cluster.hierarchy import to_tree
    from selenium.webdriver.common.action_chains import ActionChains

    g, path = pages[name]
    ox, oy = _open(browser, path)
    comp = g._compile()
    sl = comp.row_slices if axis == "row" else comp.col_slices
    if sl is not None:  # the largest slice's own tree
        k = int(np.argmax(sl.counts))
        Z, order, start = sl.linkages[k], sl.local_index[k], sl.bounds[k][0]
    else:
        k, start = 0, 0
        Z, order = (
            (g.row_linkage, comp.row_index)
            if axis == "row"
            else (g.col_linkage, comp.col_index)
        )
    root, nodes = to_tree(Z, rd=True)
    parent = {}
    for nd in nodes:
        if not nd.is_leaf():
            parent[nd.left.id] = parent[nd.right.id] = nd
    # a merge of a few leaves, and a click between its height and its parent's
    node = max(
        (
            nd
            for nd in nodes
            if not nd.is_leaf() and 2 <= nd.count <= 8 and nd.id in parent
        ),
        key=lambda nd: parent[nd.id].dist - nd.dist,
    )
    pos = {leaf: p for p, leaf in enumerate(order)}
    leaves = sorted(pos[x] for x in node.pre_order())  # local drawn positions
    assert leaves == list(range(leaves[0], leaves[-1] + 1))
    side = ("left", "right") if axis == "row" else ("top", "bottom")
    slot = next(
        s for s in g._slots if isinstance(s.panel, cg.Dendrogram) and s.side in side
    )
    ax = (list(slot.panel.axes) or [slot.panel.ax])[k]
    h = (node.dist + parent[node.id].dist) / 2
    xy = (h, leaves[-1] + 0.5) if axis == "row" else (leaves[-1] + 0.5, h)
    x, y = ax.transData.transform(xy)
    _move(browser, ox + x, oy + g.figure.bbox.height - y)
    ActionChains(browser).click().perform()
    text = browser.find_element("id", "cg-seltext").get_attribute("value")
    names = g.row_order if axis == "row" else g.col_order
    assert text.split("\n") == [
        str(s) for s in names[start + leaves[0] : start + leaves[-1] + 1]
    ]
    assert browser.find_element("id", "cg-selection").is_displayed()
    assert browser.execute_script("return window.clustergrid.selection()") == {
        "axis": axis,
        "lo": start + leaves[0],
        "hi": start + leaves[-1],
    }


def test_page_makes_no_network_request(browser, pages):
    browser.get_log("performance")  # drop what earlier tests logged
    g, path = pages["split"]
    _open(browser, path)
    _move(browser, 300, 300)
    urls = []
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    assert urls, "the request log is empty: the log is not being recorded"
    bad = [u for u in urls if not (u.startswith("file://") or u.startswith("data:"))]
    assert bad == []
    assert [u for u in urls if u.startswith("file://")] == [path.as_uri()]
    assert (
        browser.execute_script("return performance.getEntriesByType('resource').length")
        == 0
    )
    assert browser.get_log("browser") == []  # no script errors, no CSP violations


def test_cli_writes_the_interactive_page(tmp_path):
    """`clustergrid table.csv -o figure.html` writes the same self-contained page."""
    import os
    import subprocess
    import sys

    table = tmp_path / "t.csv"
    table.write_text("gene,s1,s2,s3\na,1,2,3\nb,3,1,2\nc,2,3,1\nd,0,1,5\n")
    out = tmp_path / "figure.html"
    r = subprocess.run(
        [sys.executable, "-m", "clustergrid", str(table), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert r.returncode == 0, r.stderr
    page = out.read_text()
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "http://" not in page and "https://" not in page
