"""End-to-end benchmark: clustergrid vs seaborn.clustermap vs a linkage-only floor.

Usage (from the repository root, with the ``bench`` extra installed for the
peers: ``pip install -e '.[bench]'``)::

    python benchmarks/bench_e2e.py                       # 500x50 .. 20000x50, 2 runs each
    python benchmarks/bench_e2e.py --sizes 10000x100 --runs 3
    python benchmarks/bench_e2e.py --huge                # adds clustergrid alone at 100000x50

Every job runs in a fresh subprocess, so its peak memory (``ru_maxrss`` of
that process, read with ``os.wait4``) is its own.  The tools run in turn
(A B C A B C ...) on the same matrix (random normal, fixed seed), and the
ratios are medians of the per-round ratios, so a drift in machine speed
cancels; the order rotates each round (A B C, B C A, C A B, ...).  Each job times, inside the child, the whole task after imports:

* ``clustergrid``: build, cluster rows and columns (average, euclidean), row
  and column dendrograms, one annotation bar, thinned row labels, a scale
  bar, layout, draw, ``savefig`` to PNG at dpi 100;
* ``seaborn``: ``seaborn.clustermap`` with the same clustering, a
  ``col_colors`` bar and its colorbar, saved the same way;
* ``floor``: linkage of rows and of columns only (fastcluster if installed,
  else scipy), no drawing;
* ``clustergrid-base`` (opt in with ``--tools`` and ``--base-src``): the same
  job with another checkout's ``src`` (e.g. main before a change);
* ``clustergrid-scipy`` (opt in with ``--tools``): clustergrid with
  fastcluster hidden, the path users get without the ``fast`` extra.

``wall`` is the task after the imports; ``+imp`` adds the time the child
spent importing its tools (clustergrid loads scipy lazily, inside the task;
seaborn loads it when imported), and ``+imp vs sns`` is the median per-round
ratio of those totals.  ``cpu s`` is the task's CPU time (all threads,
``time.process_time``) and ``cpu vs sns`` its median per-round ratio: on a
machine shared with other jobs the wall times stretch with the load, the
CPU seconds much less (they still include BLAS threads' busy waiting).

The source trees' bytecode is compiled first (``compileall``), as
installing a package does.

Memory is reported as the peak above the interpreter-plus-imports baseline,
divided by the floor's irreducible need: the condensed distance matrix
(n(n-1)/2 doubles) plus the data.  Leaf orders are compared across tools.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SRC = Path(__file__).resolve().parents[1] / "src"


def _data(n: int, m: int):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(12345)
    # a little structure so the trees are not pure noise
    centres = rng.normal(scale=2.0, size=(8, m))
    X = centres[rng.integers(0, 8, size=n)] + rng.normal(size=(n, m))
    df = pd.DataFrame(
        X, index=[f"g{i}" for i in range(n)], columns=[f"s{j}" for j in range(m)]
    )
    groups = pd.Series(
        np.where(np.arange(m) % 3 == 0, "case", "control"), index=df.columns
    )
    return df, groups


def _child(tool: str, n: int, m: int, out: str) -> None:
    t_imp = time.perf_counter()
    import resource

    if tool in ("clustergrid", "clustergrid-scipy", "clustergrid-base"):
        # clustergrid-base: another checkout's src (--base-src), e.g. main
        sys.path.insert(
            0, os.environ["CG_BASE_SRC"] if tool == "clustergrid-base" else str(_SRC)
        )
        import matplotlib

        matplotlib.use("Agg")
        import clustergrid as cg

        if tool == "clustergrid-scipy":  # the path users get without the `fast` extra
            import clustergrid._order.linkage as _lk

            _lk._import_fastcluster = lambda: None
    elif tool == "seaborn":
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import seaborn as sns
    else:
        try:
            import fastcluster as fc

            link = fc.linkage
            backend = "fastcluster"
        except ImportError:
            from scipy.cluster.hierarchy import linkage as link

            backend = "scipy"
    from scipy.cluster.hierarchy import leaves_list

    imports = time.perf_counter() - t_imp
    df, groups = _data(n, m)
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    png = os.path.join(tempfile.mkdtemp(), "out.png")
    t0 = time.perf_counter()
    c0 = time.process_time()
    if tool in ("clustergrid", "clustergrid-scipy", "clustergrid-base"):
        g = (
            cg.ClusterGrid(df, figsize=(8, 10))
            .cluster(method="average", metric="euclidean")
            .add(cg.Dendrogram(), "left")
            .add(cg.Dendrogram(), "top")
            .add(cg.AnnotationBar(groups, name="group"), "top")
            .add(cg.Labels(), "right")
            .add(cg.ScaleBar(), "right")
        )
        g.save(png, dpi=100)
        rows = [int(s[1:]) for s in g.row_order]
        note = ""
    elif tool == "seaborn":
        colors = groups.map({"case": "tab:red", "control": "tab:blue"})
        cm = sns.clustermap(
            df,
            method="average",
            metric="euclidean",
            col_colors=colors,
            figsize=(8, 10),
            yticklabels="auto",
            xticklabels="auto",
        )
        cm.savefig(png, dpi=100)
        plt.close("all")
        rows = [int(i) for i in cm.dendrogram_row.reordered_ind]
        note = ""
    else:
        X = df.to_numpy()
        Zr = link(X, method="average", metric="euclidean")
        link(X.T, method="average", metric="euclidean")
        rows = leaves_list(Zr).tolist()
        note = backend
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(out, "w") as fh:
        json.dump(
            {
                "wall": wall,
                "cpu": cpu,
                "imports": imports,
                "with_imports": wall + imports,
                "base_kb": base_kb,
                "peak_kb": peak_kb,
                "rows_hash": hash(tuple(rows)),
                "note": note,
            },
            fh,
        )


def _run(tool: str, n: int, m: int, timeout: float) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", tool, str(n), str(m), out],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    t0 = time.perf_counter()
    try:
        _, status, ru = os.wait4(proc.pid, 0)
    except KeyboardInterrupt:  # pragma: no cover
        proc.kill()
        raise
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        return {
            "error": err.strip().splitlines()[-1]
            if err.strip()
            else f"exit {proc.returncode}",
            "elapsed": time.perf_counter() - t0,
        }
    with open(out) as fh:
        res = json.load(fh)
    os.unlink(out)
    res["peak_mb"] = ru.ru_maxrss / 1024
    res["extra_mb"] = (res["peak_kb"] - res["base_kb"]) / 1024
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="500x50,2000x100,10000x100,20000x50")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--tools", default="clustergrid,seaborn,floor")
    ap.add_argument(
        "--huge", action="store_true", help="also clustergrid alone at 100000x50"
    )
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument(
        "--base-src",
        help="src folder of a baseline checkout for the tool "
        "clustergrid-base (e.g. `git archive main src | tar -x -C /tmp/base`)",
    )
    ap.add_argument(
        "--raw", action="store_true", help="also print every run's wall seconds"
    )
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        tool, n, m, out = args.child
        _child(tool, int(n), int(m), out)
        return
    tools = args.tools.split(",")
    # An installed package has its bytecode written (pip does it); jobs run
    # from a source tree under PYTHONDONTWRITEBYTECODE=1 (as on the test
    # machine) would otherwise compile every changed module in every job:
    # 0.03-0.06 s of a 0.2 s figure, which seaborn (installed) never pays
    for src in (str(_SRC), args.base_src):
        if src:
            compileall.compile_dir(src, quiet=1)
    if args.base_src:
        os.environ["CG_BASE_SRC"] = args.base_src
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    print(
        f"# python {sys.version.split()[0]}, {os.cpu_count()} cpus; {args.runs} run(s) per tool, "
        "tools alternating; seconds are medians, ratios are medians of per-round ratios"
    )
    print(f"# load average {os.getloadavg()[0]:.2f} at the start")
    header = (
        f"{'size':>10} {'tool':>12} {'wall s':>8} {'peak MB':>8} {'extra MB':>9} "
        f"{'mem/floor':>9} {'vs seaborn':>10} {'vs floor':>9}  same tree "
        f"{'+imp s':>7} {'+imp vs sns':>11} {'cpu s':>6} {'cpu vs sns':>10}  per-round vs seaborn"
    )
    print(header)
    print("-" * len(header))
    for n, m in sizes:
        floor_mb = (n * (n - 1) / 2 * 8 + n * m * 8) / 2**20
        runs: dict[str, list[dict]] = {t: [] for t in tools}
        for r in range(args.runs):
            # rotate the order each round: the first job of a round was
            # measured ~1.5x slower on the loaded machine (it follows the
            # previous round's 900 MB jobs), which would bias one tool
            for t in tools[r % len(tools) :] + tools[: r % len(tools)]:
                runs[t].append(_run(t, n, m, args.timeout))
        _report(f"{n}x{m}", tools, runs, floor_mb)
        if args.raw:
            for t in tools:
                walls = " ".join(
                    f"{r['wall']:.2f}" if "error" not in r else "err" for r in runs[t]
                )
                print(f"# {n}x{m} {t} wall s by round: {walls}")
        sys.stdout.flush()
    if args.huge:
        n, m = 100_000, 50
        res = [_run("clustergrid", n, m, args.timeout) for _ in range(1)]
        r = res[0]
        if "error" in r:
            print(f"{'100000x50':>10} {'clustergrid':>12} error: {r['error']}")
        else:
            print(
                f"{'100000x50':>10} {'clustergrid':>12} {r['wall']:8.2f} {r['peak_mb']:8.0f} "
                f"{r['extra_mb']:9.0f}  (peers not run: the n^2 distance matrix alone is "
                f"{n * (n - 1) / 2 * 8 / 2**30:.0f} GiB)"
            )


def _report(size: str, tools: list[str], runs: dict, floor_mb: float) -> None:
    ok = {t: [r for r in rs if "error" not in r] for t, rs in runs.items()}
    ref_hash = ok.get("floor", [{}])[0].get("rows_hash") if ok.get("floor") else None
    for t in tools:
        good = ok[t]
        if not good:
            print(f"{size:>10} {t:>12}  error: {runs[t][0].get('error')}")
            continue
        wall = statistics.median(r["wall"] for r in good)
        peak = statistics.median(r["peak_mb"] for r in good)
        extra = statistics.median(r["extra_mb"] for r in good)

        def pairs(other: str, key: str = "wall", t: str = t) -> list[float]:
            return [
                a[key] / b[key]
                for a, b in zip(runs[t], runs[other], strict=True)
                if "error" not in a and "error" not in b
            ]

        def ratio(other: str, key: str = "wall", t: str = t) -> str:
            if other == t or not ok.get(other):
                return "-"
            p = pairs(other, key)
            return f"{statistics.median(p):.2f}x" if p else "-"

        same = (
            "-"
            if ref_hash is None or t == "floor"
            else ("yes" if good[0]["rows_hash"] == ref_hash else "NO")
        )
        note = f" ({good[0]['note']})" if good[0].get("note") else ""
        with_imp = statistics.median(r["with_imports"] for r in good)
        cpu = statistics.median(r["cpu"] for r in good)
        rounds = (
            " ".join(f"{x:.2f}" for x in pairs("seaborn"))
            if t != "seaborn" and ok.get("seaborn")
            else ""
        )
        print(
            f"{size:>10} {t + note:>12} {wall:8.2f} {peak:8.0f} {extra:9.0f} {extra / floor_mb:9.2f} "
            f"{ratio('seaborn'):>10} {ratio('floor'):>9}  {same:>9} {with_imp:7.2f} "
            f"{ratio('seaborn', 'with_imports'):>11} {cpu:6.2f} {ratio('seaborn', 'cpu'):>10}  {rounds}"
        )


if __name__ == "__main__":
    main()
