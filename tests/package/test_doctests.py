"""The examples in the public docstrings run, and show what they say (issue 20).

Every docstring of the public API with examples (the package docstring, each
name in ``clustergrid.__all__`` and the members defined with it, and
``clustergrid.cli.main``) is one test, run by :mod:`doctest` with ``cg``,
``np`` and ``pd`` already imported (as numpy's and pandas' own docstrings
assume ``np`` and ``pd``) and nothing else: each example builds its own data
from the bundled data sets.  Examples run in a temporary working directory
(those that save write there), on the Agg backend, and every figure is
closed afterwards.  The public docstrings' examples must exist: the main
entry points are listed in ``MUST_HAVE_EXAMPLES``.
"""

from __future__ import annotations

import doctest
import inspect
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import clustergrid as cg
import clustergrid.cli

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# the entry points a new user meets first: each shows a short, real example
MUST_HAVE_EXAMPLES = {
    "clustergrid",
    "clustergrid.ClusterGrid",
    "clustergrid.ClusterGrid.cluster",
    "clustergrid.ClusterGrid.order",
    "clustergrid.Selection.subset",  # ClusterGrid.subset, from its base
    "clustergrid.ClusterGrid.on",
    "clustergrid.ClusterGrid.split",
    "clustergrid.ClusterGrid.add",
    "clustergrid.Drawable.save",
    "clustergrid.TableConstructors.from_long",  # ClusterGrid.from_long
    "clustergrid.Panel",
    "clustergrid.Dendrogram",
    "clustergrid.Labels",
    "clustergrid.AnnotationBar",
    "clustergrid.ScaleBar",
    "clustergrid.Legends",
    "clustergrid.BarTrack",
    "clustergrid.concat",
    "clustergrid.clustermap",
    "clustergrid.load_dataset",
}


def _doctests() -> dict[str, doctest.DocTest]:
    finder = doctest.DocTestFinder()
    found: dict[str, doctest.DocTest] = {}
    for t in doctest.DocTestFinder(recurse=False).find(cg, "clustergrid"):
        found[t.name] = t
    for name in cg.__all__:
        obj = getattr(cg, name)
        module = inspect.getmodule(obj)
        # members defined in the object's own module only: an inherited
        # method is tested under the class that defines it
        for t in finder.find(obj, f"clustergrid.{name}", module=module):
            found.setdefault(t.name, t)
    # public members of private base classes (ClusterGrid.save is Drawable's)
    public = {id(getattr(cg, n)) for n in cg.__all__}
    for name in cg.__all__:
        obj = getattr(cg, name)
        for base in getattr(obj, "__mro__", ())[1:]:
            if id(base) in public or not base.__module__.startswith("clustergrid"):
                continue
            label = f"clustergrid.{base.__name__.lstrip('_')}"
            for t in finder.find(base, label, module=inspect.getmodule(base)):
                found.setdefault(t.name, t)
    for t in finder.find(clustergrid.cli.main, "clustergrid.cli.main"):
        found[t.name] = t
    # only docstrings with examples; private helpers are not documented
    return {
        name: t
        for name, t in found.items()
        if t.examples and not any(p.startswith("_") for p in name.split("."))
    }


DOCTESTS = _doctests()


def test_main_entry_points_have_examples() -> None:
    missing = sorted(MUST_HAVE_EXAMPLES - set(DOCTESTS))
    assert not missing, f"no Examples section in: {missing}"


@pytest.mark.parametrize("name", sorted(DOCTESTS))
def test_docstring_examples(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert matplotlib.get_backend().lower() == "agg"
    monkeypatch.chdir(tmp_path)
    if name == "clustergrid.TableConstructors.from_anndata":
        pytest.importorskip("anndata")  # the anndata extra builds the AnnData
    test = DOCTESTS[name]
    test.globs = {"cg": cg, "np": np, "pd": pd}
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []  # doctest's failure report, for the message
    try:
        result = runner.run(test, out=report.append)
    finally:
        plt.close("all")
    assert result.attempted > 0
    assert result.failed == 0, "".join(report)
