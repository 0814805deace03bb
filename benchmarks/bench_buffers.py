"""First touch of a large fresh buffer: NumPy's huge pages vs small pages.

Usage (from the repository root)::

    python benchmarks/bench_buffers.py [--mb 400] [--rounds 4] [--idle 3]

Each job runs in a fresh process after ``--idle`` seconds without large
allocations (long enough for a virtual machine with free page reporting to
hand the previous job's memory back to its host), allocates ``--mb`` MB and
fills it once:

* ``numpy``: ``np.empty`` (NumPy advises huge pages from 4 MiB on);
* ``small``: ``np.empty`` inside ``clustergrid._support.buffers.small_pages()`` (no
  huge-page advice), as clustergrid's stages run;
* ``probed``: ``clustergrid._support.buffers.empty_probed`` (huge pages while their
  faults are fast, then small pages), the condensed distance vector's buffer.

The kinds alternate (A B A B ...); it prints each job's time, the medians and
the median of the per-round ratios.  ``--idle 0`` shows the warm case.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

_SRC = str(Path(__file__).resolve().parents[1] / "src")

_CHILD = """
import sys, time
sys.path.insert(0, sys.argv[3])
import numpy as np
from clustergrid._support.buffers import empty_probed, small_pages
n = int(sys.argv[2]) * 2**20 // 8


def small(n):
    with small_pages():
        return np.empty(n)


make = {"numpy": np.empty, "small": small, "probed": empty_probed}
t = time.perf_counter()
a = make[sys.argv[1]](n)
a[:] = 1.0
print(time.perf_counter() - t)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--idle", type=float, default=3.0)
    args = ap.parse_args()
    times: dict[str, list[float]] = {"numpy": [], "small": [], "probed": []}
    for _ in range(args.rounds):
        for kind in times:
            time.sleep(args.idle)
            out = subprocess.run(
                [sys.executable, "-c", _CHILD, kind, str(args.mb), _SRC],
                capture_output=True,
                text=True,
                check=True,
            )
            times[kind].append(float(out.stdout))
    print(f"# {args.mb} MB, fresh process per job, {args.idle:g} s idle before each")
    for kind, ts in times.items():
        print(
            f"{kind:>6}: median {statistics.median(ts):.3f} s  "
            + " ".join(f"{t:.3f}" for t in ts)
        )
    for kind in ("small", "probed"):
        ratio = statistics.median(
            a / b for a, b in zip(times[kind], times["numpy"], strict=True)
        )
        print(f"{kind} / numpy: median per-round ratio {ratio:.2f}x")


if __name__ == "__main__":
    main()
