"""Every gallery script runs, and each figure is an image test.

Each script in gallery/ exposes ``make()`` returning its figure; the journal
figure's PDF is also checked for its page size, embedded TrueType fonts and
the heatmap as one image."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import pytest

from conftest import image_test

GALLERY = Path(__file__).resolve().parents[2] / "gallery"
SCRIPTS = sorted(GALLERY.glob("[0-9][0-9]_*.py"))


def _load(name: str):
    path = GALLERY / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"gallery_{name}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_gallery_has_every_example_and_its_image():
    assert len(SCRIPTS) >= 9
    for script in SCRIPTS:
        assert (GALLERY / "images" / f"{script.stem}.png").exists(), (
            f"{script.stem}.png missing"
        )
        assert f"images/{script.stem}.png" in (GALLERY / "README.md").read_text(), (
            f"{script.stem} is not shown in gallery/README.md"
        )


@pytest.mark.parametrize("name", [s.stem for s in SCRIPTS])
@image_test()
def test_gallery_image(name):
    return _load(name).make()


def test_gallery_custom_panel_is_short():
    src = (GALLERY / "06_custom_panel.py").read_text()
    body = src[src.index("class RowMeans") : src.index("def build")]
    lines = [
        ln
        for ln in body.splitlines()
        if ln.strip() and not ln.strip().startswith(('"""', "#"))
    ]
    assert len(lines) <= 15


def test_gallery_journal_pdf_is_180mm_with_truetype_text_and_raster_cells():
    g = _load("08_journal_figure").build()
    buf = io.BytesIO()
    g.save(buf, format="pdf")
    pdf = buf.getvalue()
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box, "no MediaBox"
    width_pt = float(box.group(1))
    assert width_pt == pytest.approx(180 / 25.4 * 72, rel=0.005)
    assert b"/FontFile2" in pdf, "fonts are not embedded as TrueType"
    assert b"/Type3" not in pdf, "Type 3 fonts are not editable"
    assert b"/Subtype /Image" in pdf, "the heatmap cells are not one embedded image"
    heat = g.ax_heatmap
    assert len(heat.images) == 1 and not heat.collections  # cells drawn as one image
