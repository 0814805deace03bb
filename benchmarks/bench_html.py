"""Interactive page benchmark: size of the page and time to open it in
headless Chromium, for a 10,000 x 100 grid (the issue's target: at most
20 MB, opens in under 2 s).

Usage (from the repository root; needs ``chromium``, ``chromedriver`` and
``selenium``, as in the test extra)::

    python benchmarks/bench_html.py                     # 10000x100, 5 opens
    python benchmarks/bench_html.py --sizes 2000x50 10000x100 50000x100 --runs 3

For each size it prints, as medians over ``--runs``:

* ``to_html``: seconds to draw and write the page, and the ratio to saving
  the same grid as PNG (the baseline, measured in the same process, in turn);
* the page's size in MB and how much of it is the data block;
* ``open``: seconds from ``driver.get`` to the page's script having decoded
  the data and set up (the page's own ``performance.now()`` at the end of its
  script, and the wall time of ``driver.get``, which waits for ``load``), and
  the ratio to opening a page that holds only the same PNG (the baseline,
  opened in turn in the same browser);
* ``zoom all``: milliseconds to redraw the whole matrix zoomed (the largest
  redraw the page does), and ``hover`` a cell.

A grid beyond the embed limit (2,000,000 cells) holds a binned overview; the
size line says so.  Rows are clustered up to 20,000 rows, kept in order beyond.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd

import clustergrid as cg


def _grid(n: int, m: int) -> cg.ClusterGrid:
    rng = np.random.default_rng(12345)
    centres = rng.normal(scale=2.0, size=(8, m))
    X = centres[rng.integers(0, 8, size=n)] + rng.normal(size=(n, m))
    df = pd.DataFrame(
        X, index=[f"g{i}" for i in range(n)], columns=[f"s{j}" for j in range(m)]
    )
    groups = pd.Series(
        np.where(np.arange(m) % 3 == 0, "case", "control"), index=df.columns
    )
    # rows are clustered up to 20,000 (beyond, the exact distance matrix alone
    # would take gigabytes on a shared machine); their order is kept then
    rows = n <= 20_000
    g = cg.ClusterGrid(df, center=0).cluster(rows=rows)
    if rows:
        g.add(cg.Dendrogram(), "left")
    return (
        g.add(cg.Dendrogram(), "top")
        .add(cg.AnnotationBar(groups, name="group"), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(), "bottom")
        .add(cg.ScaleBar(label="value"), "right")
    )


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for a in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1300",
        f"--user-data-dir={tempfile.mkdtemp(prefix='cg-bench-')}",
    ):
        opts.add_argument(a)
    return webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
        options=opts,
    )


def _open(d, path: Path, ready: bool) -> tuple[float, float]:
    d.get("about:blank")
    t = time.perf_counter()
    d.get(path.as_uri())
    wall = time.perf_counter() - t
    if ready:
        ms = d.execute_script("return window.clustergrid.readyMs")
    else:
        ms = d.execute_script("return performance.now()")
    return wall, ms / 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["10000x100"])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cg-bench-html-"))
    d = _browser()
    try:
        for size in args.sizes:
            n, m = (int(x) for x in size.lower().split("x"))
            g = _grid(n, m)
            g.draw()  # clustering and layout once, outside the timings
            page = folder / f"page_{size}.html"
            base = folder / f"png_{size}.html"
            t_html, t_png = [], []
            for _ in range(args.runs):
                t = time.perf_counter()
                g.save(page)
                t_html.append(time.perf_counter() - t)
                buf = io.BytesIO()
                t = time.perf_counter()
                g.save(buf, format="png")
                t_png.append(time.perf_counter() - t)
            text = page.read_text("utf-8")
            data = re.search(r'id="cg-data">([^<]*)<', text).group(1)
            meta = json.loads(re.search(r'id="cg-meta">([^<]*)<', text).group(1))
            base.write_text(
                '<!DOCTYPE html><html><body><img src="data:image/png;base64,'
                + base64.b64encode(buf.getvalue()).decode()
                + '"></body></html>'
            )
            opens, walls, base_opens, base_walls = [], [], [], []
            for _ in range(args.runs):
                w, r = _open(d, page, True)
                opens.append(r)
                walls.append(w)
                w, r = _open(d, base, False)
                base_opens.append(r)
                base_walls.append(w)
            zooms, hovers = [], []
            d.get(page.as_uri())
            for _ in range(args.runs):
                zooms.append(
                    d.execute_script(
                        f"const t = performance.now(); window.clustergrid.zoom(0, {n}, 0, {m});"
                        "const e = performance.now() - t; window.clustergrid.reset(); return e;"
                    )
                )
                hovers.append(
                    d.execute_script(
                        "const t = performance.now(); const o = document.getElementById('cg-overlay');"
                        "const b = o.getBoundingClientRect(); const h = window.clustergrid.meta.heatmap;"
                        "o.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: b.left + h[0] + h[2] / 2,"
                        " clientY: b.top + h[1] + h[3] / 2})); return performance.now() - t;"
                    )
                )
            med = statistics.median
            ratio_html = med([a / b for a, b in zip(t_html, t_png, strict=True)])
            ratio_open = med([a / b for a, b in zip(walls, base_walls, strict=True)])
            binned = meta["bin"] != [1, 1]
            print(
                f"{size}: page {os.path.getsize(page) / 1e6:.2f} MB (data block "
                f"{len(data) / 1e6:.2f} MB{', binned overview ' + str(meta['bin']) if binned else ', exact'})"
            )
            print(
                f"  to_html {med(t_html):.2f} s (PNG save {med(t_png):.2f} s, ratio {ratio_html:.2f})"
            )
            print(
                f"  open: script ready at {med(opens):.3f} s, driver.get {med(walls):.3f} s "
                f"(PNG-only page {med(base_walls):.3f} s, ratio {ratio_open:.2f})"
            )
            print(f"  zoom all {med(zooms):.1f} ms, hover {med(hovers):.2f} ms")
    finally:
        d.quit()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
