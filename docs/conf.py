"""Sphinx configuration for the clustergrid documentation site.

Build (from the repository root)::

    pip install -e '.[docs]'
    sphinx-build -W --keep-going -n -b html docs docs/_build/html

``-W`` turns every warning into an error and ``-n`` (nitpicky) makes every
cross-reference that does not resolve a warning, so a broken docstring, a
dead reference to clustergrid's API or a failing gallery script fails the
build.  The machine that builds the site has no internet access, so there is
no intersphinx: references to numpy, pandas, matplotlib, scipy and Python's
own names cannot resolve and are listed in ``nitpick_ignore_regex`` below --
those packages only, never a clustergrid name.

The gallery is executed by sphinx-gallery from ``gallery/`` into
``docs/auto_examples``; examples whose source did not change since the last
build are not run again (sphinx-gallery compares their checksums), so keep
``docs/auto_examples`` (and ``docs/_build``) between CI runs to reuse it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE / "_ext"))

from cg_gallery import ResetFile, SavedFigureScraper  # noqa: E402

import clustergrid  # noqa: E402

# -- Project -----------------------------------------------------------------

project = "clustergrid"
author = "the clustergrid developers"
copyright = "the clustergrid developers"  # Sphinx's name (shadows a builtin)
release = clustergrid.__version__  # the version comes from one place
version = release

# -- General -----------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_parser",
    "sphinx_gallery.gen_gallery",
    "cg_module_map",  # _ext/cg_module_map.py: the module map in guide/concepts.md
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "Thumbs.db",
    ".DS_Store",
    # sphinx-gallery's by-products that are not pages
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "auto_examples/*.md5",
    "auto_examples/*.zip",
    "auto_examples/*.json",
]
templates_path = ["_templates"]
nitpicky = True

# -- autodoc / autosummary / numpydoc ------------------------------------------

autosummary_generate = True
autosummary_imported_members = True
autodoc_default_options = {"members": True}
autodoc_member_order = "bysource"
# Signatures show the parameters; the numpydoc "Parameters" sections carry the
# types in words, so the type hints are not repeated (they are in the stubs
# users' editors read, via py.typed).
autodoc_typehints = "none"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# PR02: a documented parameter the signature does not have -- also catches
# prose after a Parameters list that numpydoc would render as parameters
# (it belongs in a Notes section)
numpydoc_validation_checks: set[str] = {"PR02"}

# -- nitpicky: names of other packages ----------------------------------------
# No intersphinx offline: these references cannot resolve.  Only numpy,
# pandas, matplotlib, scipy and Python's own names are listed; a reference to
# a clustergrid name that does not resolve stays an error.
_OTHER_PACKAGES = r"(numpy|np|pandas|pd|matplotlib|mpl|scipy|kiwisolver|typing|collections|pathlib|os|io)(\..+)?"
_PYTHON_NAMES = (
    r"(None|True|False|str|int|float|bool|bytes|dict|list|tuple|set|object|"
    r"callable|Callable|Any|Sequence|Mapping|Iterable|Iterator|Hashable|"
    r"ValueError|TypeError|Exception|PathLike|BinaryIO|Literal)"
)
nitpick_ignore_regex = [
    (r"py:.*", _OTHER_PACKAGES),
    (r"py:.*", _PYTHON_NAMES),
]


def _public_name(target: str) -> str | None:
    """``clustergrid._private.Name`` -> ``clustergrid.Name`` when that is public.

    Type hints and numpydoc "See Also" entries name an object by the module
    it is defined in (``clustergrid.sizes.Size``); the reference documents it
    under the name users import (``clustergrid.Size``).
    """
    m = re.fullmatch(r"clustergrid\.(?:[\w.]+\.)?(\w+)((?:\.\w+)*)", target)
    if not m or m.group(1) not in clustergrid.__all__:
        return None
    return f"clustergrid.{m.group(1)}{m.group(2)}"


def _public_bases(app: Any, name: str, obj: Any, options: Any, bases: list) -> None:
    """Show public ancestors only: a private base (``_Track``, ``Drawable``)
    is replaced by the nearest public class above it; ``object`` when none
    is left (Sphinx prints "Bases:" in any case)."""
    public = {id(getattr(clustergrid, n)) for n in clustergrid.__all__}
    shown: list = []
    for base in bases:
        if not getattr(base, "__module__", "").startswith("clustergrid"):
            shown.append(base)
            continue
        for anc in getattr(base, "__mro__", (base,)):
            if id(anc) in public or not anc.__module__.startswith("clustergrid"):
                if anc is not object and anc not in shown:
                    shown.append(anc)
                break
    bases[:] = shown or [object]


# -- Panel hooks: every override documents its parameters ----------------------
# A panel's draw/measure/legend/... override usually says what *it* draws; its
# parameters and return value are those of the Panel hook it overrides.  When
# the override's docstring has no Parameters/Returns section, the hook's are
# added to the page (only when the override takes exactly the hook's
# parameters), so every hook of every panel documents them.

_HOOKS = ("validate", "measure", "legend", "offers_legend", "draw")
_HOOK_SECTIONS = ("Parameters", "Returns", "Raises")


def _sections(doc: str) -> dict[str, list[str]]:
    """numpydoc sections of ``doc``: header -> its lines (header included)."""
    out: dict[str, list[str]] = {}
    lines = doc.splitlines()
    current = None
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and re.fullmatch(r"-{3,}", nxt.strip()):
            current = line.strip()
            out[current] = []
        if current is not None:
            out[current].append(line)
    return out


def _hook_sections(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    import inspect

    from clustergrid.panels.base import Panel

    hook = name.rsplit(".", 1)[-1]
    if what != "method" or hook not in _HOOKS:
        return
    base = getattr(Panel, hook)
    if obj is base or not callable(obj):
        return
    owner = getattr(clustergrid, name.split(".")[1], None)
    if not (isinstance(owner, type) and issubclass(owner, Panel)):
        return
    if list(inspect.signature(obj).parameters) != list(
        inspect.signature(base).parameters
    ):
        return
    have = _sections("\n".join(lines))
    add = [
        lines_
        for header, lines_ in _sections(inspect.getdoc(base) or "").items()
        if header in _HOOK_SECTIONS and header not in have
    ]
    if not add:
        return
    at = next((i for i, line in enumerate(lines) if line.strip() in have), len(lines))
    block = [""] + [line for section in add for line in [*section, ""]]
    lines[at:at] = block


def _resolve_public(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    public = _public_name(target)
    if public is None or public == target:
        return None
    domain = env.get_domain("py")
    builder = app.builder
    return domain.resolve_xref(
        env, node.get("refdoc"), builder, node["reftype"], public, node, contnode
    )


# -- sphinx-gallery -------------------------------------------------------------
# The scripts save with ``g.save(OUT)`` on Figures pyplot does not know: the
# hooks in _ext/cg_gallery.py run each example with ``OUT`` in a temporary
# folder and show the PNG it saved there (exactly the bytes its ``save``
# wrote); the source tree is not written to.

sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "gallery"),
    "gallery_dirs": "auto_examples",
    # every NN_name.py is an example and is run; make_readme.py is a tool
    "filename_pattern": r"/\d\d_\w+\.py$",
    "ignore_pattern": r"make_readme\.py$",
    # only the PNGs the scripts save: cg.clustermap's figure is also pyplot's
    # (as seaborn's), and matplotlib's scraper would show it a second time
    "image_scrapers": (SavedFigureScraper(),),
    "reset_modules": (ResetFile(), "matplotlib"),
    "reset_modules_order": "both",
    "within_subsection_order": "FileNameSortKey",
    "download_all_examples": False,
    # no notebooks: the scripts find their output folder from __file__, which
    # a notebook does not have; the .py download runs as it does here
    "notebook_extensions": set(),
    "remove_config_comments": True,
    "abort_on_example_error": False,
    "only_warn_on_example_error": False,
    "plot_gallery": "True",
}

# -- HTML ------------------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = f"clustergrid {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
html_show_sourcelink = False
html_static_path = ["_static"]
# the migration guides' side-by-side code wraps instead of scrolling sideways
html_css_files = ["side-by-side.css"]

# -- MyST ------------------------------------------------------------------------

myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]


def _write_cli_help() -> None:
    """``clustergrid --help`` as text, for docs/api/cli.rst (never edited by hand)."""
    from clustergrid.cli._args import build_parser

    os.environ["COLUMNS"] = "88"  # argparse wraps to the terminal width
    text = build_parser().format_help()
    out = HERE / "api" / "_cli_help.txt"
    if not out.exists() or out.read_text() != text:
        out.write_text(text)


def setup(app: Any) -> dict[str, Any]:
    _write_cli_help()
    app.connect("missing-reference", _resolve_public)
    app.connect("autodoc-process-bases", _public_bases)
    # before numpydoc (priority 500) turns the sections into reST
    app.connect("autodoc-process-docstring", _hook_sections, priority=400)
    os.environ.setdefault("MPLBACKEND", "Agg")
    return {"parallel_read_safe": True}
