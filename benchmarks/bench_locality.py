"""What the rows' storage order does to the tree stage (``clustergrid._order.locality``).

Usage::

    python benchmarks/bench_locality.py [--runs 5] [--backends fastcluster,scipy]

For each data set, the condensed distances are computed twice, once with
the rows as given and once in ``locality_order`` (sorted by their
projection on the leading principal direction), and the agglomeration
(``condensed_tree``, in place) is timed on each, alternately in one
process (``--runs`` rounds; a fresh copy of the distances each time).  It
prints the median seconds, the median of the per-round ratios (sorted /
as given), the cost of finding the order, and whether the trees mapped
back with ``unpermute`` equal the trees of the rows as given (same merges,
same children, heights within 1e-12 relative).

Data sets (fixed seeds):

* ``planted``: 10,000 x 100, eight planted centres plus noise (the rows of
  ``bench_e2e.py``), in random order;
* ``pbmc``: 8,000 rows resampled from the bundled PBMC cells (765 genes)
  with a little noise, in random order;
* ``gauss``: 10,000 x 50 standard normal, no structure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_ROOT / "src"))

from clustergrid._order.distance import condensed_distances  # noqa: E402
from clustergrid._order.linkage import _import_fastcluster, condensed_tree  # noqa: E402
from clustergrid._order.locality import locality_order, unpermute  # noqa: E402


def _datasets() -> dict[str, np.ndarray]:
    import pandas as pd

    rng = np.random.default_rng(12345)
    centres = rng.normal(scale=2.0, size=(8, 100))
    planted = centres[rng.integers(0, 8, size=10_000)] + rng.normal(size=(10_000, 100))
    pbmc_file = (
        _ROOT / "src" / "clustergrid" / "datasets" / "pbmc68k_reduced_scaled.csv.gz"
    )
    cells = pd.read_csv(pbmc_file, index_col=0).to_numpy()
    pick = rng.integers(0, len(cells), size=8_000)
    out = {"planted": planted}
    out["pbmc"] = cells[pick] + rng.normal(scale=0.01, size=(8_000, cells.shape[1]))
    out["gauss"] = rng.standard_normal((10_000, 50))
    return out


def _tree(y: np.ndarray, n: int, fc) -> tuple[np.ndarray, float]:
    work = y.copy()
    t = time.perf_counter()
    Z = condensed_tree(work, n, "average", fc, preserve=False)
    return Z, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--backends", default="fastcluster,scipy")
    args = ap.parse_args()
    fc_mod = _import_fastcluster()
    backends = []
    for b in args.backends.split(","):
        if b == "fastcluster" and fc_mod is None:
            print("# fastcluster is not installed: skipped")
            continue
        backends.append((b, fc_mod if b == "fastcluster" else None))
    print(
        f"# python {sys.version.split()[0]}, average linkage, euclidean; {args.runs} rounds"
    )
    head = f"{'data':>8} {'shape':>11} {'backend':>11} {'as given s':>10} {'sorted s':>9} {'ratio':>6} {'order s':>8} same tree"
    print(head)
    print("-" * len(head))
    for name, X in _datasets().items():
        n = len(X)
        t = time.perf_counter()
        order = locality_order(X, "euclidean")
        t_order = time.perf_counter() - t
        if order is None:
            print(f"{name:>8}: locality_order declined (see its docstring)")
            continue
        y_given = condensed_distances(X, "euclidean")
        y_sorted = condensed_distances(X[order], "euclidean")
        for bname, fc in backends:
            given, sorted_, ratios = [], [], []
            same = True
            for _ in range(args.runs):
                Z0, a = _tree(y_given, n, fc)
                Z1, b = _tree(y_sorted, n, fc)
                Z1 = unpermute(Z1, order)
                same &= bool(
                    np.array_equal(Z0[:, :2], Z1[:, :2])
                    and np.allclose(Z0[:, 2], Z1[:, 2], rtol=1e-12, atol=0)
                )
                given.append(a)
                sorted_.append(b)
                ratios.append(b / a)
            print(
                f"{name:>8} {f'{n}x{X.shape[1]}':>11} {bname:>11} "
                f"{statistics.median(given):10.3f} {statistics.median(sorted_):9.3f} "
                f"{statistics.median(ratios):5.2f}x {t_order:8.4f} {'yes' if same else 'NO'}",
                flush=True,
            )
        del y_given, y_sorted


if __name__ == "__main__":
    main()
