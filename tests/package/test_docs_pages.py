"""The README and the guide pages: CI's set-up commands are the README's, and
every relative link or image in them points at a file that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(
    [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
    + list((ROOT / "docs").glob("*.md"))
    + list((ROOT / "docs" / "guide").glob("*.md"))
    + list((ROOT / "docs" / "migration").glob("*.md"))
)
LINK = re.compile(r"\]\(([^)\s]+)\)")  # markdown links and images


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```bash\n(pip install [^\n]+)\n```", text)


def test_ci_runs_the_readmes_two_set_up_commands():
    commands = readme_commands()
    assert commands[:2] == [
        "pip install . && clustergrid --demo -o demo.png",
        "pip install -e '.[test]' && pytest",
    ]
    ci = (ROOT / ".ci" / "run").read_text()
    # and the docs build and code checks the README gives
    assert len(commands) >= 4
    for command in commands:
        # CI adds -q to pip; otherwise the very command
        assert command.replace("pip install ", "pip install -q ", 1) in ci, command


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_at_files(page):
    for target in LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a URL or an anchor on the same page
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.exists(), f"{page.name} links to {target}, which does not exist"


def python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(), flags=re.S)


@pytest.mark.parametrize(
    "page",
    sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_python_blocks_are_valid_python(page):
    for block in python_blocks(page):
        compile(block, str(page), "exec")  # a SyntaxError names the page


def test_the_guides_layout_error_example_raises_what_it_shows():
    page = ROOT / "docs" / "guide" / "layout.md"
    (block,) = [b for b in python_blocks(page) if "raises cg.LayoutError" in b]
    shown = re.search(r"```text\nLayoutError: (.*?)```", page.read_text(), re.S)
    assert shown is not None
    import clustergrid as cg

    with pytest.raises(cg.LayoutError) as err:
        exec(block, {})

    def words(text: str) -> str:
        # the measured inches depend on the fonts and rc style of the run
        return re.sub(r"\d+\.\d+", "N", " ".join(text.split()))

    assert words(str(err.value)) == words(shown.group(1))


def test_the_readme_example_draws_scipys_tree_with_labels_beside_their_rows(
    tmp_path, monkeypatch
):
    import matplotlib.pyplot as plt
    import numpy as np
    from scipy.cluster import hierarchy

    import clustergrid as cg
    from conftest import renderer_of

    block = python_blocks(ROOT / "README.md")[0]
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    exec(block, ns)
    g = ns["g"]
    try:
        assert (tmp_path / "wine.png").stat().st_size > 0
        x = cg.load_dataset("wine").drop(columns="cultivar")
        z = ((x - x.mean()) / x.std(ddof=1)).to_numpy()
        Z = hierarchy.linkage(z, "average", "euclidean")
        assert list(g.row_order) == list(x.index[hierarchy.leaves_list(Z)])
        labels = [
            s.panel
            for s in g._slots
            if isinstance(s.panel, cg.Labels) and s.side == "right"
        ][0]
        assert 0 < len(labels.shown) <= len(x)
        r = renderer_of(g.figure)
        ys = g.ax_heatmap.transData.transform(
            np.column_stack([np.zeros(len(x)), np.arange(len(x)) + 0.5])
        )[:, 1]
        for pos, t in zip(labels.shown, labels.texts, strict=True):
            assert t.get_text() == str(g.row_order[pos])
            bb = t.get_window_extent(r)
            assert abs((bb.y0 + bb.y1) / 2 - ys[pos]) < 1.0
    finally:
        plt.close("all")


def test_the_landing_page_shows_the_readme_example_and_its_figure():
    """docs/index.md runs the README's example and shows the figure it draws
    (docs/images/wine.png, the README's picture)."""
    index = ROOT / "docs" / "index.md"
    assert python_blocks(index)[0] == python_blocks(ROOT / "README.md")[0]
    text = index.read_text()
    assert "```{figure} images/wine.png" in text
    assert "](docs/images/wine.png)" in (ROOT / "README.md").read_text()
    assert (ROOT / "docs" / "images" / "wine.png").stat().st_size > 10_000


def test_the_migration_guides_side_by_side_code_wraps():
    """Each migration guide's code comparison is a side-by-side table whose
    code wraps (docs/_static/side-by-side.css) instead of scrolling sideways;
    the browser check is in the commit that added this (1280 px window)."""
    for page in sorted((ROOT / "docs" / "migration").glob("*.md")):
        text = page.read_text()
        for table in re.findall(r"````\{list-table\}.*?````", text, re.S):
            if "literalinclude" in table:
                assert ":class: side-by-side" in table, page.name
        assert "<style>" not in text, f"{page.name}: styles live in _static"
    css = (ROOT / "docs" / "_static" / "side-by-side.css").read_text()
    assert re.search(r"table\.side-by-side pre \{[^}]*white-space: pre-wrap", css)
    assert "table-layout: fixed" in css
    conf = (ROOT / "docs" / "conf.py").read_text()
    assert 'html_css_files = ["side-by-side.css"]' in conf
