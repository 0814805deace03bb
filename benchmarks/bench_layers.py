"""Benchmark: a 2,000 x 50 dot plot (issue 14).

Measures, medians of 3 runs each, in one process:
- the PDF size and save time of the dot plot (target: < 5 MB),
- the PNG save time of the dot plot (target: < 2 s),
- the same for the plain heatmap of the same matrix, as the baseline.

Run: PYTHONPATH=src python benchmarks/bench_layers.py
"""

from __future__ import annotations

import io
import statistics
import time

import numpy as np
import pandas as pd

import clustergrid as cg


def grid(dots: bool) -> cg.ClusterGrid:
    rng = np.random.default_rng(0)
    color = pd.DataFrame(rng.normal(size=(2000, 50)))
    size = pd.DataFrame(rng.uniform(size=(2000, 50)))
    kw = dict(cells=cg.Dots(size=size)) if dots else {}
    return cg.ClusterGrid(color, figsize=(6, 12), **kw)


def timed(g: cg.ClusterGrid, fmt: str) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(3):
        g._changed()  # draw afresh each time: layout, draw and save are all measured
        buf = io.BytesIO()
        t0 = time.perf_counter()
        g.save(buf, format=fmt)
        times.append(time.perf_counter() - t0)
        size = len(buf.getvalue())
    return statistics.median(times), size


def main() -> None:
    res = {}
    for name, dots in (("heatmap", False), ("dot plot", True)):
        g = grid(dots)
        for fmt in ("png", "pdf"):
            res[name, fmt] = timed(g, fmt)
            t, n = res[name, fmt]
            print(f"{name:9s} {fmt}: median {t:6.2f} s, {n / 1e6:6.2f} MB")
    for fmt in ("png", "pdf"):
        (t0, n0), (t1, n1) = res["heatmap", fmt], res["dot plot", fmt]
        print(f"dot plot / heatmap {fmt}: time x{t1 / t0:.1f}, size x{n1 / n0:.1f}")
    t_png, _ = res["dot plot", "png"]
    _, n_pdf = res["dot plot", "pdf"]
    print(
        f"targets: PNG {t_png:.2f} s < 2 s: {'ok' if t_png < 2 else 'MISSED'}; "
        f"PDF {n_pdf / 1e6:.2f} MB < 5 MB: {'ok' if n_pdf < 5e6 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
