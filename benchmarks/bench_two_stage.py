"""How close is the two-stage tree to the exact one?

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/bench_two_stage.py [--rows 20000] [--method average]

Two data sets of ``--rows`` rows (default 20,000):

* ``pbmc``: the bundled PBMC matrix (700 cells x 765 genes) resampled: rows
  drawn with replacement (fixed seed) plus Gaussian noise of 0.3 x each
  gene's standard deviation, so that no two rows are identical;
* ``planted``: 50 columns, 12 planted clusters of unequal sizes (Dirichlet
  proportions), centres ~ N(0, 1.5^2) per column, unit Gaussian noise.

For each, the exact tree (``clustergrid._order.linkage.linkage``) and the
two-stage tree (``linkage_large``) are built, timed, and compared:

* cophenetic correlation: Pearson correlation of the two trees'
  cophenetic distances over 2,000,000 random pairs of rows (fixed seed;
  the full vector would be 1.6 GB per tree at 20,000 rows); the cophenetic
  distance of leaves at positions p < q of a tree's leaf order is the
  largest merge height between adjacent leaves in p..q, answered with a
  sparse table;
* adjusted Rand index of the flat cuts into k = 5, 10, 20 clusters
  (``fcluster(..., "maxclust")``) of the two trees;
* neighbour fraction: the fraction of rows whose two neighbours in the
  leaf order (one at either end) are the same rows in both orders;
* each for three variants of the first stage: ``flat`` (one k-means, the
  default below 50,000 rows), ``two-level`` (the two-level k-means used
  from 50,000 rows on, forced here so that its quality is measured too; at
  20,000 rows its sample is every row) and ``sampled`` (the same fitted on
  a real sample: a quarter of the rows, ~9 per micro-centre - sparser than
  the million-row job's 10 % at 50 per centre - then one assignment pass);
* for ``planted`` also the ARI of each tree's cut at k = 12 against the
  planted labels.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

import scipy.cluster.hierarchy as sch  # noqa: E402

from clustergrid._order import linkage as _linkage  # noqa: E402
from clustergrid._order.linkage import linkage, linkage_large  # noqa: E402


def adjusted_rand(a: np.ndarray, b: np.ndarray) -> float:
    """Adjusted Rand index of two flat labelings (Hubert & Arabie)."""
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(table, (ai, bi), 1)

    def comb2(x):
        return (x * (x - 1) / 2.0).sum()

    n = a.size
    s_ij = comb2(table)
    s_a = comb2(table.sum(axis=1))
    s_b = comb2(table.sum(axis=0))
    expected = s_a * s_b / (n * (n - 1) / 2.0)
    top = 0.5 * (s_a + s_b)
    return float((s_ij - expected) / (top - expected)) if top != expected else 1.0


def adjacent_heights(Z: np.ndarray):
    """Leaf order and gap[t] = merge height between leaves t and t+1 of it."""
    n = Z.shape[0] + 1
    order = sch.leaves_list(Z)
    counts = np.concatenate([np.ones(n), Z[:, 3]])
    start = np.zeros(2 * n - 1, dtype=np.int64)
    gap = np.zeros(n - 1)
    for r in range(n - 2, -1, -1):  # root first: children get their start
        node = n + r
        a, b = int(Z[r, 0]), int(Z[r, 1])
        start[a] = start[node]
        start[b] = start[node] + int(counts[a])
        gap[start[b] - 1] = Z[r, 2]
    return order, gap


def cophenetic_pairs(Z: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Cophenetic distances of the pairs (i, j) via range maxima of gaps."""
    order, gap = adjacent_heights(Z)
    pos = np.empty_like(order)
    pos[order] = np.arange(order.size)
    p, q = np.minimum(pos[i], pos[j]), np.maximum(pos[i], pos[j])  # gaps p..q-1
    table = [gap]
    while (1 << len(table)) <= gap.size:
        prev, h = table[-1], 1 << (len(table) - 1)
        table.append(np.maximum(prev[:-h], prev[h:]))
    length = q - p
    lvl = np.floor(np.log2(length)).astype(np.int64)
    out = np.empty(i.size)
    for L in np.unique(lvl):
        sel = lvl == L
        t = table[L]
        out[sel] = np.maximum(t[p[sel]], t[q[sel] - (1 << L)])
    return out


def neighbour_fraction(Za: np.ndarray, Zb: np.ndarray) -> float:
    def neighbours(Z):
        order = sch.leaves_list(Z)
        n = order.size
        left = np.full(n, -1)
        right = np.full(n, -1)
        left[order[1:]] = order[:-1]
        right[order[:-1]] = order[1:]
        return np.sort(np.stack([left, right], axis=1), axis=1)

    return float(np.mean(np.all(neighbours(Za) == neighbours(Zb), axis=1)))


def datasets(n: int):
    rng = np.random.default_rng(19)
    import clustergrid as cg

    P = cg.load_dataset("pbmc").to_numpy(dtype=np.float64)
    idx = rng.integers(0, P.shape[0], size=n)
    pbmc = P[idx] + 0.3 * P.std(axis=0) * rng.standard_normal((n, P.shape[1]))
    k, m = 12, 50
    props = rng.dirichlet(np.full(k, 2.0))
    truth = rng.choice(k, size=n, p=props)
    centres = rng.normal(scale=1.5, size=(k, m))
    planted = centres[truth] + rng.standard_normal((n, m))
    return {"pbmc": (pbmc, None), "planted": (planted, truth)}


def compare(name, X, truth, method, metric, variants):
    t0 = time.perf_counter()
    Ze = linkage(X, method, metric)
    te = time.perf_counter() - t0
    for variant in variants:
        # "flat": one k-means (the default below _SAMPLE_ABOVE rows);
        # "two-level": the k-means used from _SAMPLE_ABOVE rows on, forced
        #   (at this size its "sample" is every row);
        # "sampled": the same fitted on a real sample, a quarter of the rows
        #   at ~9 rows per micro-centre (the million-row job fits on 10 % at
        #   50 per centre), then one assignment pass over all rows
        saved = (
            _linkage._SAMPLE_ABOVE,
            _linkage._SAMPLE_ROWS,
            _linkage._SAMPLE_PER_CENTRE,
        )
        if variant in ("two-level", "sampled"):
            _linkage._SAMPLE_ABOVE = 0
        if variant == "sampled":
            _linkage._SAMPLE_ROWS = X.shape[0] // 4
            _linkage._SAMPLE_PER_CENTRE = 8
        try:
            t0 = time.perf_counter()
            Zt = linkage_large(X, method, metric)
            tt = time.perf_counter() - t0
        finally:
            (
                _linkage._SAMPLE_ABOVE,
                _linkage._SAMPLE_ROWS,
                _linkage._SAMPLE_PER_CENTRE,
            ) = saved
        _report(name, variant, X, truth, method, Ze, te, Zt, tt)


def _report(name, variant, X, truth, method, Ze, te, Zt, tt):
    n = X.shape[0]
    rng = np.random.default_rng(0)
    i = rng.integers(0, n, size=2_000_000)
    j = rng.integers(0, n, size=2_000_000)
    keep = i != j
    ce = cophenetic_pairs(Ze, i[keep], j[keep])
    ct = cophenetic_pairs(Zt, i[keep], j[keep])
    coph = float(np.corrcoef(ce, ct)[0, 1])
    aris = {
        k: adjusted_rand(
            sch.fcluster(Ze, k, "maxclust"), sch.fcluster(Zt, k, "maxclust")
        )
        for k in (5, 10, 20)
    }
    nbr = neighbour_fraction(Ze, Zt)
    line = (
        f"{name:>8} {n:>6}x{X.shape[1]:<4} {method:>8} {variant:>9} exact {te:6.1f} s  "
        f"two-stage {tt:6.1f} s  "
        f"coph r {coph:.3f}  ARI k=5 {aris[5]:.3f} k=10 {aris[10]:.3f} k=20 {aris[20]:.3f}  "
        f"neighbours {nbr:.3f}"
    )
    if truth is not None:
        k = int(truth.max()) + 1
        line += (
            f"  vs planted (k={k}): exact {adjusted_rand(sch.fcluster(Ze, k, 'maxclust'), truth):.3f}"
            f" two-stage {adjusted_rand(sch.fcluster(Zt, k, 'maxclust'), truth):.3f}"
        )
    print(line)
    sys.stdout.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--method", default="average")
    ap.add_argument("--metric", default="euclidean")
    ap.add_argument("--sets", default="planted,pbmc")
    ap.add_argument("--variants", default="flat,two-level,sampled")
    args = ap.parse_args()
    print(
        f"# {os.cpu_count()} cpus, load average {os.getloadavg()[0]:.2f}; "
        f"metric {args.metric}"
    )
    data = datasets(args.rows)
    for name in args.sets.split(","):
        X, truth = data[name]
        compare(name, X, truth, args.method, args.metric, args.variants.split(","))
    print(f"# load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
