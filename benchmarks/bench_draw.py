"""The drawing stages alone: layout + draw, and the save, with the trees given.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/bench_draw.py                  # 10000x100 and 1000000x50
    PYTHONPATH=src python benchmarks/bench_draw.py --sizes 10000x100 --rounds 5
    PYTHONPATH=src python benchmarks/bench_draw.py --base-src /work/main/src

The trees are computed before the clock starts and passed as linkage
matrices (``.cluster(rows=Z_rows, cols=Z_cols)``), so only clustergrid's
drawing is timed: at 10,000 rows the real average-linkage trees (fastcluster
or scipy), at 1,000,000 rows a balanced tree over a random leaf order (the
exact tree of a million rows is out of reach; the drawing does not care how
the tree was found).  The figure is the one of ``bench_million.py``: a row
dendrogram (and a column one at 10,000 rows), a bar, marks for 20 chosen
rows (thinned labels at 10,000 rows) and the scale bar, 8 x 10 in at
dpi 100.

Each round builds a fresh grid and times, in this process:

* ``compile``: the drawn matrix in order, the colour limits;
* ``draw``: layout and drawing (``g.draw()``);
* ``save``: ``g.save(png)`` of the drawn figure (Agg rendering and PNG
  encoding).

Medians over ``--rounds`` rounds (at least 3) are printed.  With
``--base-src`` the same rounds also run another checkout's ``src`` (in a
subprocess, alternating), and the per-round ratios base/this are printed
as medians.

``--dendrogram N`` times instead a grid of N rows x 2 columns with only a
row ``Dendrogram`` (the balanced tree above, 8 x 10 in at dpi 100), once
with ``collapse=None`` (every merge drawn: the baseline) and once with the
default ``collapse="auto"``, alternating in this process: ``draw``, then
``save`` to PNG and to PDF, with the number of drawn vertices, medians and
the ratios None/auto.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

_SRC = Path(__file__).resolve().parents[1] / "src"


def balanced_linkage(order: np.ndarray) -> np.ndarray:
    """A valid scipy linkage matrix of a balanced tree whose leaves, left to
    right, are ``order``; heights grow by one per level."""
    n = len(order)
    Z = np.empty((n - 1, 4))
    ids = np.asarray(order, dtype=np.int64)
    sizes = np.ones(n, dtype=np.int64)
    nxt, row, level = n, 0, 1.0
    while len(ids) > 1:
        k = len(ids) // 2
        a, b = ids[0 : 2 * k : 2], ids[1 : 2 * k : 2]
        sa, sb = sizes[0 : 2 * k : 2], sizes[1 : 2 * k : 2]
        Z[row : row + k, 0], Z[row : row + k, 1] = a, b
        Z[row : row + k, 2] = level
        Z[row : row + k, 3] = sa + sb
        new = np.arange(nxt, nxt + k)
        if len(ids) % 2:
            new, news = np.append(new, ids[-1]), np.append(sa + sb, sizes[-1])
        else:
            news = sa + sb
        ids, sizes = new, news
        row, nxt, level = row + k, nxt + k, level + 1.0
    return Z


def _data(n: int, m: int) -> Any:
    import pandas as pd

    rng = np.random.default_rng(2026)
    centres = rng.normal(scale=1.5, size=(30, m))
    X = centres[rng.integers(0, 30, size=n)]
    X += rng.standard_normal((n, m))
    df = pd.DataFrame(
        X,
        index=pd.RangeIndex(n).map("r{}".format),
        columns=[f"s{j}" for j in range(m)],
        copy=False,
    )
    groups = pd.Series(
        np.where(np.arange(m) % 3 == 0, "case", "control"), index=df.columns
    )
    chosen = [f"r{i}" for i in np.sort(rng.choice(n, 20, replace=False))]
    return df, groups, chosen


def _trees(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = X.shape[0]
    try:
        import fastcluster

        link = fastcluster.linkage
    except ImportError:  # pragma: no cover
        from scipy.cluster.hierarchy import linkage as link
    Zc = np.asarray(link(X.T, method="average", metric="euclidean"))
    if n <= 20_000:
        Zr = np.asarray(link(X, method="average", metric="euclidean"))
    else:
        Zr = balanced_linkage(np.random.default_rng(7).permutation(n))
    return Zr, Zc


def _child(n: int, m: int, rounds: int, src: str, out: str) -> None:
    sys.path.insert(0, src)
    import matplotlib

    matplotlib.use("Agg")
    import clustergrid as cg

    df, groups, chosen = _data(n, m)
    Zr, Zc = _trees(df.to_numpy())
    big = n > 20_000
    png = os.path.join(tempfile.mkdtemp(), "draw.png")
    res: dict[str, list[float]] = {"compile": [], "draw": [], "save": []}
    for _ in range(rounds):
        g = (
            cg.ClusterGrid(df, figsize=(8, 10))
            .cluster(rows=Zr, cols=Zc)
            .add(cg.Dendrogram(), "left")
            .add(cg.AnnotationBar(groups, name="group"), "top")
            .add(cg.Marks(chosen) if big else cg.Labels(), "right")
            .add(cg.ScaleBar(), "right")
        )
        if not big:
            g.add(cg.Dendrogram(), "top")
        t0 = time.perf_counter()
        g.row_order  # noqa: B018 - compiles: the matrix in drawn order, the norm
        t1 = time.perf_counter()
        g.draw()
        t2 = time.perf_counter()
        g.save(png, dpi=100)
        t3 = time.perf_counter()
        res["compile"].append(t1 - t0)
        res["draw"].append(t2 - t1)
        res["save"].append(t3 - t2)
        del g
    with open(out, "w") as fh:
        json.dump(res, fh)


def _run(n: int, m: int, rounds: int, src: str) -> dict[str, list[float]]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    subprocess.run(
        [sys.executable, __file__, "--child", str(n), str(m), str(rounds), src, out],
        check=True,
    )
    with open(out) as fh:
        res: dict[str, list[float]] = json.load(fh)
    os.unlink(out)
    return res


def _dendrogram_round(
    df: Any, Z: np.ndarray, collapse: str | None, out: str
) -> dict[str, float]:
    import clustergrid as cg

    tree = cg.Dendrogram(collapse=collapse)
    g = cg.ClusterGrid(df, figsize=(8, 10)).cluster(rows=Z, cols=False)
    g.add(tree, "left", size=1.5)
    t0 = time.perf_counter()
    g.draw()
    t1 = time.perf_counter()
    g.save(out + ".png", dpi=100)
    t2 = time.perf_counter()
    g.save(out + ".pdf")
    t3 = time.perf_counter()
    verts = sum(len(p.vertices) for p in tree.collection.get_paths())
    return {
        "draw": t1 - t0,
        "png": t2 - t1,
        "pdf": t3 - t2,
        "vertices": float(verts),
        "pdf MB": os.path.getsize(out + ".pdf") / 1e6,
    }


def bench_dendrogram(n: int, rounds: int) -> None:
    """Draw and save a row dendrogram of ``n`` leaves, collapse=None vs "auto"."""
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    rng = np.random.default_rng(2026)
    df = pd.DataFrame(rng.standard_normal((n, 2)), columns=["a", "b"])
    Z = balanced_linkage(rng.permutation(n))
    out = os.path.join(tempfile.mkdtemp(), "dendro")
    res: dict[str | None, list[dict[str, float]]] = {None: [], "auto": []}
    for _ in range(rounds):  # alternating, so a drift in machine speed cancels
        for collapse in (None, "auto"):
            res[collapse].append(_dendrogram_round(df, Z, collapse, out))
    keys = ("draw", "png", "pdf", "vertices", "pdf MB")
    print(f"# dendrogram of {n} leaves, 8 x 10 in at dpi 100, medians of {rounds}")
    for collapse in (None, "auto"):
        med = {k: statistics.median(r[k] for r in res[collapse]) for k in keys}
        print(
            f"collapse={collapse!s:5}: draw {med['draw']:6.2f} s  png {med['png']:6.2f} s"
            f"  pdf {med['pdf']:6.2f} s  ({med['vertices']:.0f} vertices, "
            f"pdf {med['pdf MB']:.1f} MB)"
        )
    for k in ("draw", "png", "pdf"):
        ratio = statistics.median(
            b[k] / a[k] for b, a in zip(res[None], res["auto"], strict=True)
        )
        print(f"  {k}: None/auto (median of per-round ratios) {ratio:.1f}x")
    tot = statistics.median(
        sum(b[k] for k in ("draw", "png", "pdf"))
        / sum(a[k] for k in ("draw", "png", "pdf"))
        for b, a in zip(res[None], res["auto"], strict=True)
    )
    print(f"  draw + png + pdf: None/auto {tot:.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000x100,1000000x50")
    ap.add_argument(
        "--dendrogram",
        type=int,
        default=0,
        metavar="N",
        help="time a dendrogram of N leaves, collapse=None vs 'auto'",
    )
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--base-src", default=None, help="another checkout's src/")
    ap.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        n, m, r, src, out = args.child
        _child(int(n), int(m), int(r), src, out)
        return
    rounds = max(3, args.rounds)
    if args.dendrogram:
        sys.path.insert(0, str(_SRC))
        bench_dendrogram(args.dendrogram, rounds)
        return
    print(
        f"# bench_draw: {os.cpu_count()} cpus, load average {os.getloadavg()[0]:.2f} "
        f"at the start; medians of {rounds} rounds, seconds"
    )
    for size in args.sizes.split(","):
        n, m = (int(x) for x in size.lower().split("x"))
        this: dict[str, list[float]] = {"compile": [], "draw": [], "save": []}
        base: dict[str, list[float]] = {"compile": [], "draw": [], "save": []}
        # one round per subprocess, alternating, so a drift in machine speed cancels
        for _ in range(rounds):
            for src, acc in ((str(_SRC), this), (args.base_src, base)):
                if src is None:
                    continue
                for k, v in _run(n, m, 1, src).items():
                    acc[k] += v
        line = f"{n} x {m}:"
        for k in ("compile", "draw", "save"):
            line += f"  {k} {statistics.median(this[k]):7.2f}"
        tot = [
            sum(this[k][i] for k in ("compile", "draw", "save")) for i in range(rounds)
        ]
        line += f"  total {statistics.median(tot):7.2f}"
        print(line)
        if args.base_src:
            btot = [
                sum(base[k][i] for k in ("compile", "draw", "save"))
                for i in range(rounds)
            ]
            line = "  base:"
            for k in ("compile", "draw", "save"):
                line += f"  {k} {statistics.median(base[k]):7.2f}"
            line += f"  total {statistics.median(btot):7.2f}"
            ratio = statistics.median(b / t for b, t in zip(btot, tot, strict=True))
            print(line + f"   base/this (median of per-round ratios) {ratio:.2f}x")
    print(f"# load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
