"""sphinx-gallery hooks for clustergrid's gallery (used by docs/conf.py).

The gallery scripts save their figure with ``g.save(OUT)``, where ``OUT`` is
``gallery/images/NN_name.png`` next to the script (``Path(__file__)...``);
the gallery shows those files only (sphinx-gallery's matplotlib scraper is
off: it would show ``cg.clustermap``'s figure, which is pyplot's too, twice).  sphinx-gallery does not set ``__file__``; while it
runs an example, :class:`ResetFile` gives the example one in a fresh
temporary ``gallery`` folder, so ``OUT`` points there, and after the example
ran :class:`SavedFigureScraper` shows the PNG files the script wrote --
exactly the bytes its own ``save`` produced.  The source tree is never
written to.

Both are classes with a fixed ``repr`` in an importable module, so Sphinx can
pickle its environment and sphinx-gallery's cache of unchanged examples works.
"""

from __future__ import annotations

import ast
import builtins
import shutil
import tempfile
from pathlib import Path
from typing import Any

_RUN: dict[str, Path] = {}
_SHOWN: dict[str, int] = {}  # example file name -> PNG figures shown


def _fresh_folder(fname: str) -> None:
    old = _RUN.pop("dir", None)
    if old is not None:
        shutil.rmtree(old.parent, ignore_errors=True)
    run = Path(tempfile.mkdtemp(prefix="cg-gallery-")) / "gallery"
    (run / "images").mkdir(parents=True)
    _RUN["dir"] = run
    # the example's globals have no __file__; the lookup falls back to builtins
    builtins.__file__ = str(run / Path(fname).name)  # type: ignore[attr-defined]


def _finish(fname: str) -> None:
    """After an example: it must have shown a figure; then clean up."""
    run = _RUN.pop("dir", None)
    shown = _SHOWN.pop(fname, 0)
    if hasattr(builtins, "__file__"):
        del builtins.__file__
    if run is not None:
        shutil.rmtree(run.parent, ignore_errors=True)
    if not shown:
        from sphinx.util import logging

        logging.getLogger(__name__).warning(
            "gallery example %s saved no PNG figure (each example shows the "
            "figure it saves with g.save(OUT))",
            fname,
        )


class ResetFile:
    """``reset_modules`` hook: a fresh temporary folder and ``__file__`` before
    each example; afterwards, a warning (an error under ``-W``) if it saved
    no PNG figure."""

    def __repr__(self) -> str:
        return "ResetFile"

    def __call__(
        self, gallery_conf: dict[str, Any], fname: str, when: str = "before"
    ) -> None:
        if when == "before":
            _fresh_folder(fname)
            _SHOWN[Path(fname).name] = 0
        else:
            _finish(Path(fname).name)


def _title(block_vars: dict[str, Any]) -> str:
    """The example's title (its docstring's first line), as the image's alt text."""
    src = block_vars.get("src_file")
    if src is None:
        return ""
    doc = ast.get_docstring(ast.parse(Path(src).read_text())) or ""
    return doc.partition("\n")[0]


class SavedFigureScraper:
    """Image scraper: the PNG files the example saved into its ``images`` folder."""

    def __repr__(self) -> str:
        return "SavedFigureScraper"

    def __call__(
        self, block: Any, block_vars: dict[str, Any], gallery_conf: dict[str, Any]
    ) -> str:
        from sphinx_gallery.scrapers import figure_rst

        run = _RUN.get("dir")
        if run is None:
            return ""
        paths = []
        saved = sorted((run / "images").glob("*.png"))
        for png, dest in zip(saved, block_vars["image_path_iterator"], strict=False):
            shutil.move(str(png), dest)
            paths.append(dest)
        name = Path(block_vars.get("src_file", "")).name
        _SHOWN[name] = _SHOWN.get(name, 0) + len(paths)
        return figure_rst(paths, gallery_conf["src_dir"], _title(block_vars))
