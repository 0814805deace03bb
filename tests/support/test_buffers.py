"""Large arrays and memory pages (``clustergrid._support.buffers``)."""

from __future__ import annotations

import mmap
import pickle

import numpy as np
import pytest

from clustergrid._order import distance as _distance
from clustergrid._support import buffers as _buffers
from conftest import overlapping_blocks


def _mapped(a: np.ndarray) -> bool:
    base = a.base
    return isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.intp])
def test_large_buffer_is_an_ordinary_writable_array(dtype):
    n = _buffers._MIN_BYTES // np.dtype(dtype).itemsize + 3
    a = _buffers.empty_probed(n, dtype)
    assert a.shape == (n,) and a.dtype == np.dtype(dtype)
    assert a.flags.c_contiguous and a.flags.writeable and a.flags.aligned
    assert _mapped(a)  # its own mapping
    a[:] = 7
    a[-1] = 3
    assert int(a.sum()) == 7 * (n - 1) + 3
    b = pickle.loads(pickle.dumps(a))  # copies behave like any array
    assert np.array_equal(a, b)


def test_small_buffer_is_plain_numpy():
    for n in (0, 10, 1000):  # below NumPy's 4 MiB: ordinary heap memory
        a = _buffers.empty_probed(n)
        assert a.shape == (n,) and not _mapped(a)


def test_condensed_vector_uses_small_pages_and_stays_valid():
    # 1,100 rows: 604,450 pairs (4.6 MiB), the BLAS path
    X = np.random.default_rng(0).normal(size=(1100, 30))
    y = _distance.condensed_distances(X)
    assert _mapped(y)
    from scipy.spatial.distance import pdist

    np.testing.assert_allclose(y, pdist(X), rtol=1e-12, atol=0)


def _advice_now() -> bool:
    """NumPy's current huge-page setting (read by setting it back)."""
    assert _buffers._SWITCH is not None
    now = bool(_buffers._SWITCH(True))
    _buffers._SWITCH(now)
    return now


needs_switch = pytest.mark.skipif(
    _buffers._SWITCH is None, reason="this NumPy has no huge-page switch"
)


@needs_switch
@pytest.mark.parametrize("before", [True, False])
def test_small_pages_restores_numpy_setting(before):
    assert _buffers._SWITCH is not None
    old = _buffers._SWITCH(before)
    try:
        with _buffers.small_pages():
            assert _advice_now() is False
            with _buffers.small_pages():  # nested: still off, then still off
                assert _advice_now() is False
            assert _advice_now() is False
        assert _advice_now() is before
        with pytest.raises(RuntimeError), _buffers.small_pages():
            raise RuntimeError("boom")
        assert _advice_now() is before  # restored after an error too
    finally:
        _buffers._SWITCH(old)


@needs_switch
def test_compile_and_render_run_in_small_pages(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import clustergrid as cg
    from clustergrid._order import axis_order
    from clustergrid._render import render as _render

    seen: list[tuple[str, bool]] = []
    draw_until_fit = _render._draw_until_fit
    compute_linkage = axis_order.compute_linkage

    def spy_render(*args, **kwargs):
        seen.append(("render", _advice_now()))
        return draw_until_fit(*args, **kwargs)

    def spy_linkage(*args, **kwargs):
        seen.append(("linkage", _advice_now()))
        return compute_linkage(*args, **kwargs)

    monkeypatch.setattr(_render, "_draw_until_fit", spy_render)
    monkeypatch.setattr(axis_order, "compute_linkage", spy_linkage)
    X = np.random.default_rng(0).normal(size=(30, 4))
    before = _advice_now()
    g = cg.ClusterGrid(X).cluster().add(cg.Dendrogram(), "left")
    g.draw()
    assert seen == [("linkage", False), ("linkage", False), ("render", False)]
    assert _advice_now() is before  # the user's setting is back after draw()


@needs_switch
def test_saving_draws_the_heatmap_in_small_pages(monkeypatch, tmp_path):
    # the raster of the picked cells and its RGBA are arrays of several MiB at
    # journal sizes: drawn at save time, by our save() or the user's savefig()
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.image as mimage

    import clustergrid as cg
    from clustergrid._body import image as _image
    from clustergrid._output import page as _html
    from clustergrid._output import save as _save

    seen: list[tuple[str, bool]] = []
    make_image, save_figure = mimage._ImageBase._make_image, _save.save_figure

    def spy_make_image(self, *args, **kwargs):
        if isinstance(self, _image.CellImage):
            seen.append(("heatmap", _advice_now()))
        return make_image(self, *args, **kwargs)

    monkeypatch.setattr(mimage._ImageBase, "_make_image", spy_make_image)
    X = np.random.default_rng(0).normal(size=(3000, 8))  # rows smaller than a pixel
    g = cg.ClusterGrid(X, figsize=(4, 3)).add(cg.Labels(), "right")
    before = _advice_now()
    g.save(tmp_path / "grid.png", dpi=100)
    assert seen == [("heatmap", False)]
    assert _advice_now() is before
    seen.clear()
    assert save_figure is _save.save_figure
    g.draw().savefig(io.BytesIO(), format="png")  # the user's own save
    assert seen == [("heatmap", False)]
    assert _advice_now() is before
    seen.clear()
    page_data = _html.page_data

    def spy_page(*args, **kwargs):
        seen.append(("page", _advice_now()))
        return page_data(*args, **kwargs)

    monkeypatch.setattr(_html, "page_data", spy_page)
    g.save(tmp_path / "grid.html")  # the interactive page: its cells and its PNG
    assert seen == [("page", False), ("heatmap", False)]
    assert _advice_now() is before


@needs_switch
def test_small_pages_in_two_threads_restores_the_setting():

    assert _buffers._SWITCH is not None
    old = _buffers._SWITCH(True)
    try:
        assert overlapping_blocks(_buffers.small_pages, _advice_now) == [False, False]
        assert _advice_now() is True  # both left: the user's setting is back
    finally:
        _buffers._SWITCH(old)


class _Clock:
    """A fake clock: each touch "takes" the next of the given durations."""

    def __init__(self, durations: list[float]) -> None:
        self.durations = list(durations)
        self.t = 0.0
        self.calls = 0

    def __call__(self) -> float:
        self.calls += 1
        if self.calls % 2 == 0:  # the reading after a touch
            self.t += self.durations.pop(0) if self.durations else 0.0
        return self.t


@pytest.mark.parametrize(
    "durations",
    [
        [],  # every huge page warm: all probed
        [1.0],  # the first is cold: the rest in small pages
        [0.0] * 5 + [1.0],  # cold after five warm ones
    ],
)
def test_probed_buffer_is_an_ordinary_array_whatever_the_pages(durations):
    n = 5 * _buffers._MIN_BYTES // 8 + 5  # 20 MiB: at least 9 whole huge pages
    clock = _Clock(durations)
    a = _buffers.empty_probed(n, clock=clock)
    assert a.shape == (n,) and a.dtype == np.float64 and a.flags.writeable
    assert _mapped(a)
    huge_pages = (n * 8) // _buffers._HUGE
    touches = clock.calls // 2
    if durations and durations[-1] == 1.0:
        assert touches == len(durations)  # it stopped at the first slow page
    else:
        assert touches in (huge_pages - 1, huge_pages)  # every whole 2 MiB page
    a[:] = np.arange(n, dtype=np.float64)
    assert a[0] == 0 and a[-1] == n - 1 and float(a.sum()) == n * (n - 1) / 2
