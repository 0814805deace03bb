"""The module map in docs/guide/concepts.md stays true (issue 28).

The map is generated from the package tree when the site is built
(docs/_ext/module_map_data.py, drawn by cg_module_map.py), so it lists every module by itself; what it
cannot invent is a module's summary or a folder's sentence.  These tests fail
when a module has no docstring, when a folder has no sentence in the map, or
when the map's import layers disagree with the import-linter contract.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import module_map_data as mm  # noqa: E402

PACKAGE = ROOT / "src" / "clustergrid"
MODULES = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    # an empty __init__.py only marks a folder
    if p.name != "__init__.py" or p.read_text(encoding="utf-8").strip()
)


def test_the_map_reads_this_package():
    assert mm.PACKAGE == PACKAGE
    assert len(MODULES) > 40


@pytest.mark.parametrize(
    "path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_every_module_has_a_one_line_summary(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc and doc.strip(), f"{path.relative_to(ROOT)} has no module docstring"
    first = doc.strip().splitlines()[0].strip()
    assert len(first.split()) >= 3, f"{path.relative_to(ROOT)}: {first!r}"
    summary = mm.summary(path)
    assert summary and summary.startswith(first[:20])


def test_every_folder_has_a_sentence_in_the_map():
    described = [folder for folder, _ in mm.FOLDERS]
    present = mm.python_folders()
    missing = sorted(set(present) - set(described))
    assert not missing, (
        f"folders {missing} have no sentence in FOLDERS of docs/_ext/module_map_data.py"
    )
    gone = sorted(set(described) - set(present))
    assert not gone, f"FOLDERS in docs/_ext/module_map_data.py names {gone}, not in src"
    assert len(described) == len(set(described))
    for folder, sentence in mm.FOLDERS:
        assert sentence.endswith(".") and len(sentence.split()) >= 5, folder


def test_every_layer_is_a_folder_or_a_front_module():
    for layer in mm.LAYERS:
        assert (PACKAGE / layer).is_dir() or (PACKAGE / f"{layer}.py").is_file(), layer
    # every stage folder is in a layer (datasets imports nothing from clustergrid)
    for folder in mm.python_folders():
        top = folder.split("/")[0]
        assert top in ("", "datasets") or top in mm.LAYERS, folder


def test_the_maps_layers_are_the_import_contracts():
    """When pyproject.toml has an import-linter layers contract, the map shows
    the same order."""
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config.get("tool", {}).get("importlinter", {}).get("contracts", [])
    layered = [c for c in contracts if c.get("type") == "layers"]
    if not layered:
        pytest.skip("no import-linter layers contract in pyproject.toml")
    names = []
    for layer in layered[0]["layers"]:
        # "a | b" (independent) or "a : b" (siblings) share a level
        for part in layer.replace(":", "|").split("|"):
            names.append(part.strip().removeprefix("clustergrid."))
    assert names == list(mm.LAYERS), (
        "LAYERS in docs/_ext/module_map_data.py differ from pyproject's contract"
    )


def test_the_concepts_page_uses_the_generated_map():
    page = (ROOT / "docs" / "guide" / "concepts.md").read_text()
    assert "```{module-map}" in page
    # the old flat module names are gone from the page
    for old in ("_data.py", "_result.py", "_save.py", "_html.py", "_plan.py"):
        assert old not in page, old
    conf = (ROOT / "docs" / "conf.py").read_text()
    assert '"cg_module_map"' in conf
