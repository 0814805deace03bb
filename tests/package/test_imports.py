"""The package's modules import each other without cycles, counting every
import: at module level and inside functions alike (an import inside a
function still makes the two modules depend on each other at run time).
Only imports under ``if TYPE_CHECKING:`` are left out: they never run."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "clustergrid"


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return "TYPE_CHECKING" in ast.unparse(test)


def imports_of(path: Path, name: str) -> set[str]:
    """Every clustergrid module ``path`` imports, wherever the import
    statement is (functions, methods, try/if blocks), except under
    ``if TYPE_CHECKING:`` (its ``else:`` branch counts)."""
    tree = ast.parse(path.read_text())
    pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            for a in node.names:  # "from . import x" may name a submodule
                out.add(f"{mod}.{a.name}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {m for m in out if m == "clustergrid" or m.startswith("clustergrid.")}


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in SRC.rglob("*.py")}
    return {
        m: {d for d in imports_of(p, m) if d in files and d != m}
        for m, p in files.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` (module -> modules it imports), or None.
    A submodule importing its own parent package's ``__init__`` is no cycle
    (the package imports its submodules; they only read what it has set)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph[m]):
            if m.startswith(d + "."):
                continue  # a submodule importing from its parent package's __init__
            if state.get(d) == 1:
                return stack[stack.index(d) :] + [d]
            if d not in state:
                found = dfs(d)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = dfs(m)
            if found:
                return found
    return None


def test_no_import_cycles():
    cycle = find_cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_imports_inside_functions_count():
    # the walk sees an import in a method body and skips only TYPE_CHECKING
    # blocks: a cycle made by a lazy import is still a cycle
    src = SRC / "concat.py"
    found = imports_of(src, "clustergrid.concat")
    assert "clustergrid.panels.legends" in found  # imported inside _one_legends
    assert not any(m == "clustergrid.grid" for m in found)
