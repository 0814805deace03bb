"""What ``import clustergrid`` adds over importing matplotlib.pyplot and pandas.

Usage (from the repository root)::

    python benchmarks/bench_import.py [--rounds 15] [--baseline-src /path/to/old/src]

Each measurement is a fresh interpreter (``python -c``) that times its own
imports with ``time.perf_counter``:

* ``base``: ``import matplotlib.pyplot, pandas``;
* ``cg``: the same, then ``import clustergrid`` (this checkout's ``src``);
* ``old``: the same with ``--baseline-src`` on the path (e.g. ``git archive
  main src | tar -x -C /tmp/old``), if given.

The kinds run in alternating rounds; the script prints the median import
time of each kind, the median of the per-round differences to ``base`` and
whether scipy was imported.  Target (issue 19): ``cg - base <= 0.15 s``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

_SRC = Path(__file__).resolve().parents[1] / "src"

_CODE = """
import time, sys, json
t0 = time.perf_counter()
import matplotlib.pyplot, pandas
t1 = time.perf_counter()
if {cg}:
    sys.path.insert(0, {src!r})
    import clustergrid
t2 = time.perf_counter()
print(json.dumps({{"base": t1 - t0, "total": t2 - t0, "extra": t2 - t1,
                   "scipy": any(m == "scipy" or m.startswith("scipy.") for m in sys.modules)}}))
"""


def _one(cg: bool, src: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CODE.format(cg=cg, src=src)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--baseline-src")
    args = ap.parse_args()
    kinds = {"base": (False, str(_SRC)), "cg": (True, str(_SRC))}
    for src in (str(_SRC), args.baseline_src):  # bytecode first, as installing does
        if src:
            compileall.compile_dir(src, quiet=1)
    if args.baseline_src:
        kinds["old"] = (True, args.baseline_src)
    res: dict[str, list[dict]] = {k: [] for k in kinds}
    for _ in range(args.rounds):
        for k, (cg, src) in kinds.items():
            res[k].append(_one(cg, src))
    print(
        f"# {args.rounds} alternating rounds, fresh interpreters, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    for k in kinds:
        total = statistics.median(r["total"] for r in res[k])
        diff = statistics.median(
            a["total"] - b["total"] for a, b in zip(res[k], res["base"], strict=True)
        )
        print(
            f"{k:>5}: imports {total:6.3f} s, minus base (median per round) {diff:+6.3f} s, "
            f"scipy loaded: {res[k][0]['scipy']}"
        )


if __name__ == "__main__":
    main()
