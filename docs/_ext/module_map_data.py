"""What the ``module-map`` directive (``cg_module_map.py``) shows: where things
are in ``src/clustergrid``.  Plain Python, no docutils, so the test suite reads it.

Used by docs/guide/concepts.md.  At build time the directive walks the package tree and
prints every folder in pipeline order, with one sentence on what the folder
holds and what it may import, and every module in it with the first sentence
of the module's docstring.  Nothing is listed by hand but the folders'
sentences (:data:`FOLDERS`) and the import layers (:data:`LAYERS`), so a new
module appears on the page by itself; ``tests/package/test_module_map.py`` fails when
a module has no docstring or a folder has no sentence here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "clustergrid"

#: The import layers, top to bottom: a layer may import the layers below it,
#: never one above (``TYPE_CHECKING`` imports aside).  A name is a folder of
#: ``src/clustergrid`` or a module of the public front.
LAYERS: tuple[str, ...] = (
    "cli",
    "_compat",
    "_recipes",
    "grid",
    "concat",
    "_output",
    "_render",
    "_spec",
    "panels",
    "_body",
    "result",
    "_layout",
    "_plan",
    "_order",
    "_input",
    "sizes",
    "_support",
)

#: Every folder of the package, in pipeline order, with what it holds.  The
#: front ("") is the package folder itself, whose modules are the public front.
FOLDERS: tuple[tuple[str, str], ...] = (
    (
        "",
        "The public front: what ``import clustergrid as cg`` gives, the builder "
        "that collects a spec, concatenation, the result of a draw and the size "
        "types; each module sits in the import layers by its own name.",
    ),
    (
        "_spec",
        "The spec: each builder method's option checks (one function per "
        "method, raising where the user passed the option), the state the "
        "builder records, and the panels a grid adds itself.",
    ),
    (
        "_input",
        "Input: whatever the user passes (matrix, tables, AnnData) becomes "
        "labelled float data, transformed and filtered, with labels written "
        "for display.",
    ),
    (
        "_order",
        "The order stage: distances, hierarchical clustering, leaf orders, "
        "dendrogram geometry and the splits of an axis.",
    ),
    (
        "_plan",
        "The plan stage: what a grid's spec resolves to before anything is "
        "laid out (orders, colours, the panels in their slots).",
    ),
    (
        "_layout",
        "The layout stage: the panels' claims become kiwisolver constraints "
        "and solved boxes.",
    ),
    (
        "_body",
        "The heatmap body: the cell rasters, cell text and borders, and the "
        "layers drawn on the cells.",
    ),
    (
        "_render",
        "The render stage: plans are measured, solved and drawn, and what was "
        "drawn is measured again until the layout holds.",
    ),
    (
        "_output",
        "Output: saving, showing and the interactive page, from the result of a draw.",
    ),
    (
        "panels",
        "The public panels drawn around the heatmap and their base class "
        "(``Panel``, ``Context``).",
    ),
    (
        "_compat",
        "seaborn compatibility: ``cg.clustermap`` and ``cg.heatmap`` with "
        "seaborn's argument names.",
    ),
    (
        "_support",
        "Support code shared by every stage: option checks, warnings, text "
        "measurement, progress, and the speed plumbing (BLAS threads, "
        "buffers, worker threads).",
    ),
    (
        "_recipes",
        "Recipes: whole figure types (UpSet plots, oncoPrints, density heatmaps) "
        "built from a grid, its panels and a body layer; each returns a "
        "ClusterGrid subclass.",
    ),
    (
        "cli",
        "The ``clustergrid`` command line: arguments, reading tables, building "
        "the grid, writing the outputs.",
    ),
    (
        "datasets",
        "The bundled data sets read by ``cg.load_dataset`` (real, and one "
        "synthetic alteration table); outside the "
        "layers, it imports nothing from clustergrid.",
    ),
)


def python_folders(package: Path = PACKAGE) -> list[str]:
    """Every folder of ``package`` that holds a .py file, relative ("" = it)."""
    found = {p.parent.relative_to(package).as_posix() for p in package.rglob("*.py")}
    return sorted("" if f == "." else f for f in found)


def modules(folder: str, package: Path = PACKAGE) -> list[Path]:
    """The .py files directly in ``folder``, ``__init__.py`` first; empty
    ``__init__.py`` files (a folder marker, nothing more) are left out."""
    files = sorted(
        (package / folder).glob("*.py"), key=lambda p: (p.stem != "__init__", p.name)
    )
    return [p for p in files if p.read_text(encoding="utf-8").strip()]


def summary(path: Path) -> str | None:
    """The first sentence of the module's docstring (None without one)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    if not doc or not doc.strip():
        return None
    first = " ".join(doc.strip().split("\n\n")[0].split())
    # the first sentence: up to a full stop followed by a capital or a
    # literal (not "e.g. x")
    m = re.search(r"(?<!e\.g)(?<!i\.e)\.\s+(?=[A-Z`(:])", first)
    return first[: m.start() + 1] if m else first


def may_import(folder: str) -> str:
    """What a folder's modules may import from clustergrid, in words."""
    if folder not in LAYERS:
        return ""
    below = LAYERS[LAYERS.index(folder) + 1 :]
    if not below:
        return "It imports nothing from clustergrid."
    if len(below) == 1:
        return f"It may import ``{below[0]}``."
    return f"It may import the layers below it, from ``{below[0]}`` down to ``{below[-1]}``."
