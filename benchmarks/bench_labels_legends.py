"""What automatic legends, styled labels and axis titles cost at draw time.

Usage (from the repository root)::

    python benchmarks/bench_labels_legends.py            # 2000 x 40, 5 rounds
    python benchmarks/bench_labels_legends.py --rows 500 --rounds 7

Both variants run in this process, in turn (A B A B ...), on the same matrix
(random normal, fixed seed, rows clustered), and each times ``draw()`` plus a
canvas draw (the text is really rendered):

* ``baseline``: one categorical AnnotationBar, plain row and column Labels,
  ``legends=False``, no axis titles;
* ``features``: the same plus a 3-column DataFrame of bars (categorical,
  numeric, literal colours), rows labelled with ``color_by=`` and a
  per-label ``fontweight`` function, axis titles, and the automatic Legends.

Printed: the median seconds of each and the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd

import clustergrid as cg


def _data(rows: int, cols: int):
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        rng.normal(size=(rows, cols)),
        index=pd.Index([f"g{i:05d}" for i in range(rows)], name="gene"),
        columns=pd.Index([f"s{j}" for j in range(cols)], name="sample"),
    )
    group = pd.Series(rng.choice(list("ABCDE"), rows), index=df.index, name="group")
    meta = pd.DataFrame(
        {
            "group": group,
            "score": rng.normal(size=rows),
            "colour": np.where(rng.uniform(size=rows) > 0.5, "#e41a1c", "#377eb8"),
        },
        index=df.index,
    )
    return df, group, meta


def _baseline(df, group):
    return (
        cg.ClusterGrid(df, legends=False)
        .cluster(cols=False)
        .add(cg.AnnotationBar(group), "left")
        .add(cg.Labels(title=False), "right")
        .add(cg.Labels(title=False), "bottom")
    )


def _features(df, group, meta):
    return (
        cg.ClusterGrid(df)
        .cluster(cols=False)
        .add(cg.AnnotationBar(group), "left")
        .add(cg.AnnotationBar(meta), "left")
        .add(
            cg.Labels(
                color_by=group, fontweight=lambda s: "bold" if s.endswith("7") else None
            ),
            "right",
        )
        .add(cg.Labels(), "bottom")
    )


def _time(g) -> float:
    t0 = time.perf_counter()
    fig = g.draw()
    fig.canvas.draw()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--cols", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    df, group, meta = _data(a.rows, a.cols)
    _time(_baseline(df, group))  # warm up (imports, font cache)
    base, feat = [], []
    for _ in range(a.rounds):
        base.append(_time(_baseline(df, group)))
        feat.append(_time(_features(df, group, meta)))
    ratios = [f / b for f, b in zip(feat, base, strict=True)]
    print(f"{a.rows} x {a.cols}, {a.rounds} rounds")
    print(f"baseline  median {statistics.median(base):.3f} s")
    print(f"features  median {statistics.median(feat):.3f} s")
    print(
        f"ratio features / baseline (median of rounds) {statistics.median(ratios):.2f}"
    )


if __name__ == "__main__":
    main()
