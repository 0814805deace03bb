"""The ``{module-map}`` directive: the map of the package's folders and modules,
drawn from :mod:`module_map_data` (which the test suite reads without docutils)."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from module_map_data import (
    FOLDERS,
    LAYERS,
    may_import,
    modules,
    python_folders,
    summary,
)

# ``literal`` and :role:`~x.y.name` spans of a docstring sentence
_INLINE = re.compile(r"``(.+?)``|:\w+:`~?(?:[\w.]+\.)?([^`]+?)`")


def _inline(text: str) -> list[nodes.Node]:
    """``literal`` and :role:`target` as literals, the rest as text."""
    out: list[nodes.Node] = []
    at = 0
    for m in _INLINE.finditer(text):
        if m.start() > at:
            out.append(nodes.Text(text[at : m.start()]))
        code = m.group(1) or m.group(2)
        out.append(nodes.literal(code, code))
        at = m.end()
    if at < len(text):
        out.append(nodes.Text(text[at:]))
    return out


class ModuleMap(Directive):
    """``{module-map}``: the folders and modules of src/clustergrid."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        described = dict(FOLDERS)
        present = python_folders()
        missing = [f for f in present if f not in described]
        if missing:
            raise self.error(
                f"module-map: no sentence for folder(s) {missing}: add them to "
                f"FOLDERS in docs/_ext/module_map_data.py"
            )
        layers = nodes.paragraph()
        layers += nodes.Text(
            "Import layers, top to bottom (a layer imports only those below it): "
        )
        layers += nodes.literal(text=" > ".join(LAYERS))
        layers += nodes.Text(".")
        out: list[nodes.Node] = [layers]
        top = nodes.bullet_list()
        for folder, sentence in FOLDERS:
            if folder not in present:
                continue
            item = nodes.list_item()
            para = nodes.paragraph()
            para += nodes.strong(
                text=f"src/clustergrid/{folder + '/' if folder else ''}"
            )
            para += nodes.Text(" ")
            para += _inline(" ".join(s for s in (sentence, may_import(folder)) if s))
            item += para
            inner = nodes.bullet_list()
            for path in modules(folder):
                entry = nodes.paragraph()
                entry += nodes.literal(text=path.name)
                entry += nodes.Text(": ")
                entry += _inline(summary(path) or "(no docstring)")
                inner += nodes.list_item("", entry)
            item += inner
            top += item
        out.append(top)
        return out


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("module-map", ModuleMap)
    # the map is read from the source tree: rebuild the page every time
    app.connect(
        "env-get-outdated", lambda app, env, added, changed, removed: ["guide/concepts"]
    )
    return {"parallel_read_safe": True, "parallel_write_safe": True}
