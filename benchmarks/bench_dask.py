"""ClusterGrid over a dask array on a local cluster: each stage timed.

Usage (from the repository root; needs the ``dask`` extra)::

    PYTHONPATH=src python benchmarks/bench_dask.py               # 1,000,000 x 50
    PYTHONPATH=src python benchmarks/bench_dask.py --rows 100000

The job: a ``rows x 50`` dask array of planted clusters plus noise,
generated chunk by chunk on the workers (``--chunk`` rows per chunk; it never
exists in one piece), on a ``distributed.LocalCluster`` of one worker process
per core with one thread each.  ``ClusterGrid(x)`` runs stage 1 on the
cluster, ``cluster()`` builds the sample's row tree and the exact column tree
on the driver, and the figure (row and column dendrograms, the scale bar) is
saved as a PNG at dpi 100.  It prints the wall time of every stage (k-means,
statistics + sample choice, fetching the sample, row tree, column tree, draw,
save), the total, the driver's peak resident memory (``ru_maxrss``, its
start-up baseline too) and each worker's.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _chunk(
    block_info: dict[Any, Any] | None = None, *, centres: np.ndarray
) -> np.ndarray:
    """One chunk of planted clusters, seeded by the chunk's index."""
    assert block_info is not None
    info = block_info[None]
    rows, m = info["chunk-shape"]
    rng = np.random.default_rng([2026, info["chunk-location"][0]])
    lab = rng.integers(0, centres.shape[0], rows)
    out: np.ndarray = centres[lab] + rng.standard_normal((rows, m))
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cols", type=int, default=50)
    ap.add_argument("--chunk", type=int, default=50_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    import matplotlib

    matplotlib.use("Agg")
    import dask.array as da
    import distributed

    import clustergrid as cg
    from clustergrid._order import dask as _dask

    base = _peak_mb()
    n, m, ch = args.rows, args.cols, args.chunk
    print(
        f"# {n:,} x {m} dask array in chunks of {ch:,} rows, LocalCluster of "
        f"{args.workers} worker processes x 1 thread, {os.cpu_count()} cpus, load "
        f"average {os.getloadavg()[0]:.2f} at the start, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    cluster = distributed.LocalCluster(
        n_workers=args.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
    )
    client = distributed.Client(cluster)
    try:
        centres = np.random.default_rng(2026).normal(scale=1.5, size=(30, m))
        sizes = [ch] * (n // ch) + ([n % ch] if n % ch else [])
        x = da.map_blocks(
            _chunk, dtype=np.float64, chunks=(tuple(sizes), (m,)), centres=centres
        )
        stages: list[tuple[str, float]] = []

        def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
            def run(*a: Any, **kw: Any) -> Any:
                t = time.perf_counter()
                out = fn(*a, **kw)
                stages.append((name, time.perf_counter() - t))
                return out

            return run

        R = _dask.DaskRows
        R._fit_centres = timed("k-means (Lloyd on the cluster)", R._fit_centres)  # type: ignore[method-assign]
        R._statistics = timed("statistics + sample choice", R._statistics)  # type: ignore[method-assign]
        R._finish = timed("sample fetch (x[positions])", R._finish)  # type: ignore[method-assign]
        R.row_linkage = timed("row tree (driver)", R.row_linkage)  # type: ignore[method-assign]
        R.col_linkage = timed("column tree (driver)", R.col_linkage)  # type: ignore[method-assign]

        t_all = time.perf_counter()
        with warnings.catch_warnings(record=True) as got:
            warnings.simplefilter("always")
            g = cg.ClusterGrid(x, figsize=(8, 10))
        g.cluster(method="average", metric="euclidean")
        g.add(cg.Dendrogram(), "left").add(cg.Dendrogram(), "top")
        g.add(cg.ScaleBar(), "right")
        t = time.perf_counter()
        g.draw()
        stages.append(("layout + draw", time.perf_counter() - t))
        png = os.path.join(tempfile.mkdtemp(), "dask.png")
        t = time.perf_counter()
        g.save(png, dpi=100)
        stages.append(("save PNG", time.perf_counter() - t))
        total = time.perf_counter() - t_all

        s = g.dask_sample
        assert s is not None
        for name, sec in stages:
            print(f"{name:34s} {sec:8.2f} s")
        print(f"{'total':34s} {total:8.2f} s")
        print(
            f"Lloyd iterations {g._dask.lloyd_iterations if g._dask else 0}, "
            f"micro-clusters {s.n_micro:,}, drawn rows {s.positions.size:,} of "
            f"{s.n_rows:,} ({s.per_cluster} per micro-cluster)"
        )
        print(
            "warning: "
            + "; ".join(
                str(w.message) for w in got if "micro-cluster" in str(w.message)
            )
        )
        print(
            f"driver peak RSS {_peak_mb():,.0f} MB (start-up {base:,.0f} MB); data "
            f"{n * m * 8 / 2**20:,.0f} MB on the workers"
        )
        peaks = client.run(_peak_mb)
        print("worker peak RSS: " + ", ".join(f"{v:,.0f} MB" for v in peaks.values()))
        print(f"PNG {os.path.getsize(png):,} bytes: {png}")
    finally:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
