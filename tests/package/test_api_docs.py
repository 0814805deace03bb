"""Every public name is documented, and the hooks a custom panel overrides
have numpydoc Parameters/Returns sections (issue 20).

The API reference (docs/api) is generated from these docstrings, so a name
without one would be an empty page.
"""

from __future__ import annotations

import inspect
import re

import pytest

import clustergrid as cg
import clustergrid.cli


def _public_members(cls: type) -> list[str]:
    """Public methods and properties a class defines (or inherits) in clustergrid."""
    names = []
    for name in dir(cls):
        if name.startswith("_"):
            continue
        owner = next((k for k in cls.__mro__ if name in vars(k)), object)
        if not owner.__module__.startswith("clustergrid"):
            continue
        attr = inspect.getattr_static(cls, name)
        if isinstance(attr, (property, classmethod, staticmethod)) or callable(attr):
            names.append(name)
    return names


def _doc(obj: object, member: str | None = None) -> str | None:
    if member is None:
        return inspect.getdoc(obj)
    attr = inspect.getattr_static(obj, member)
    if isinstance(attr, property):
        return inspect.getdoc(attr)
    # inherited from the hook it overrides, as the API reference shows it
    return inspect.getdoc(getattr(obj, member))


PUBLIC = [(name, None) for name in cg.__all__] + [
    (name, member)
    for name in cg.__all__
    if inspect.isclass(getattr(cg, name))
    for member in _public_members(getattr(cg, name))
]


def test_all_lists_every_public_name_once() -> None:
    assert len(cg.__all__) == len(set(cg.__all__))
    for name in cg.__all__:
        assert hasattr(cg, name), name


@pytest.mark.parametrize(
    "name, member", PUBLIC, ids=[f"{n}.{m}" if m else n for n, m in PUBLIC]
)
def test_public_name_has_a_docstring(name: str, member: str | None) -> None:
    doc = _doc(getattr(cg, name), member)
    assert doc and len(doc.split()) >= 3, f"cg.{name}{'.' + member if member else ''}"


def test_cli_entry_point_is_documented() -> None:
    doc = inspect.getdoc(clustergrid.cli.main) or ""
    assert "Parameters" in doc and "Returns" in doc


def _sections(doc: str) -> set[str]:
    return set(re.findall(r"^(\w[\w ]*)\n-{3,}$", doc, re.MULTILINE))


# the hooks a custom panel overrides, and the grid's methods named in issue 20
HOOKS = {
    ("Panel", "validate"): {"Parameters", "Raises"},
    ("Panel", "measure"): {"Parameters", "Returns"},
    ("Panel", "legend"): {"Parameters", "Returns"},
    ("Panel", "offers_legend"): {"Returns"},
    ("Panel", "draw"): {"Parameters", "Returns"},
    ("ClusterGrid", "order"): {"Parameters", "Returns", "Examples"},
    ("ClusterGrid", "subset"): {"Parameters", "Returns", "Examples"},
    ("ClusterGrid", "on"): {"Parameters", "Returns", "Examples"},
    ("ClusterGrid", "cluster"): {"Parameters", "Returns", "Examples"},
    ("ClusterGrid", "split"): {"Parameters", "Returns", "Examples"},
    ("ClusterGrid", "add"): {"Parameters", "Returns", "Examples"},
}


@pytest.mark.parametrize("cls, method", sorted(HOOKS))
def test_hooks_have_numpydoc_sections(cls: str, method: str) -> None:
    doc = inspect.getdoc(getattr(getattr(cg, cls), method)) or ""
    missing = HOOKS[cls, method] - _sections(doc)
    assert not missing, f"cg.{cls}.{method} lacks {sorted(missing)}"


def test_hook_parameters_are_the_signature() -> None:
    """Each Parameters section names exactly the hook's parameters."""
    for (cls, method), want in HOOKS.items():
        if "Parameters" not in want:
            continue
        fn = getattr(getattr(cg, cls), method)
        doc = inspect.getdoc(fn) or ""
        section = doc.split("Parameters\n----------\n", 1)[1]
        section = re.split(r"\n\w[\w ]*\n-{3,}\n", section)[0]
        # entries are "name : type" or "a, b : type" lines, not indented
        entries = re.findall(
            r"^(\*{0,2}\w+(?:, \*{0,2}\w+)*)(?: :.*)?$", section, re.MULTILINE
        )
        documented = {n.strip().lstrip("*") for e in entries for n in e.split(",")}
        params = {
            p.lstrip("*") for p in inspect.signature(fn).parameters if p != "self"
        }
        assert documented == params, f"cg.{cls}.{method}: {documented} != {params}"


def test_api_reference_lists_every_public_name() -> None:
    """docs/api/index.rst has an autosummary entry for each name in __all__."""
    from pathlib import Path

    index = Path(__file__).resolve().parents[2] / "docs" / "api" / "index.rst"
    # the sections under ".. currentmodule:: clustergrid" (clustergrid.result's
    # are checked below)
    parts = re.split(r"^\.\. currentmodule:: ([\w.]+)\n", index.read_text(), flags=re.M)
    text = "".join(
        body
        for module, body in zip(parts[1::2], parts[2::2], strict=True)
        if module == "clustergrid"
    )
    # the entries of the autosummary tables (not of the toctree after them)
    tables = re.findall(r"\.\. autosummary::\n(?:   :.*\n)*\n((?:   \w+\n)+)", text)
    listed = [name.strip() for block in tables for name in block.splitlines()]
    assert len(listed) == len(set(listed))
    assert set(listed) == set(cg.__all__)


def test_api_reference_documents_what_a_draw_produced() -> None:
    """``g.result`` is a clustergrid.result.Result, documented by that name."""
    from pathlib import Path

    from clustergrid import result

    index = Path(__file__).resolve().parents[2] / "docs" / "api" / "index.rst"
    text = index.read_text()
    section = text.split(".. currentmodule:: clustergrid.result\n", 1)[1]
    section = section.split(".. currentmodule::", 1)[0]
    for name in result.__all__:
        assert f"\n   {name}\n" in section, name


# -- the docs name only public objects (issue 28) ------------------------------

# clustergrid._private (clustergrid.__all__ is fine)
PRIVATE_REFERENCE = re.compile(r"\b(?:clustergrid|cg)\._(?!_)\w")


def _docs_sources() -> list:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    docs = root / "docs"
    skip = {"_build", "auto_examples", "generated", "_ext"}
    pages = [
        p
        for p in [*docs.rglob("*.md"), *docs.rglob("*.rst")]
        if not skip & set(p.relative_to(docs).parts)
    ]
    # the gallery scripts' text becomes pages too, the README is PyPI's page
    return (
        sorted(pages) + sorted((root / "gallery").glob("*.py")) + [root / "README.md"]
    )


def test_docs_sources_name_no_private_module() -> None:
    """No page points a user at ``clustergrid._something``: a name a user may
    need is public (``cg.DENSE_LIMIT_BYTES``, ``clustergrid.result.Result``)."""
    sources = _docs_sources()
    assert len(sources) > 20
    found = [
        f"{p.name}:{n}: {line.strip()[:100]}"
        for p in sources
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE_REFERENCE.search(line)
    ]
    assert not found, "\n".join(found)


def _public_docstrings() -> list[tuple[str, str]]:
    from clustergrid import result

    out = [("clustergrid", inspect.getdoc(cg) or "")]
    for name, member in PUBLIC:
        out.append(
            (
                f"{name}.{member}" if member else name,
                _doc(getattr(cg, name), member) or "",
            )
        )
    for name in result.__all__:
        cls = getattr(result, name)
        out.append((f"result.{name}", inspect.getdoc(cls) or ""))
        for member in _public_members(cls):
            out.append((f"result.{name}.{member}", _doc(cls, member) or ""))
    return out


def test_public_docstrings_name_no_private_module() -> None:
    found = [
        name for name, doc in _public_docstrings() if PRIVATE_REFERENCE.search(doc)
    ]
    assert not found, found


def test_dense_limit_is_public_and_is_the_limit_used() -> None:
    from clustergrid._input import matrix

    assert cg.DENSE_LIMIT_BYTES == matrix.DENSE_LIMIT_BYTES == 2 * 2**30
    assert "DENSE_LIMIT_BYTES" in cg.__all__
    # documented where the API reference reads it: a "#:" comment on the line above
    from pathlib import Path

    init = (Path(cg.__file__)).read_text().splitlines()
    at = next(i for i, line in enumerate(init) if line.startswith("DENSE_LIMIT_BYTES"))
    assert init[at - 1].startswith("#: ")
