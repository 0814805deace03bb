"""Write ``src/clustergrid/datasets/lung_cohort_alterations.csv``: a SYNTHETIC
alteration table for a small cohort that looks like a lung adenocarcinoma
cohort (TCGA-like barcodes, one row per sample, gene and alteration type).

Nothing here is patient data.  The frequencies are rough, rounded figures of
the kind published for lung adenocarcinoma (TP53 about half of the tumours,
KRAS a third, EGFR and BRAF drivers mostly exclusive of KRAS, CDKN2A deleted
in a fifth, a few amplifications and fusions), drawn with a fixed seed so the
file is the same on every run::

    python benchmarks/make_oncoprint_cohort.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "clustergrid"
    / "datasets"
    / "lung_cohort_alterations.csv"
)
N_SAMPLES = 40
SEED = 20240633

#: gene -> {type: probability per sample}, independent draws, except the
#: drivers (KRAS, EGFR, BRAF, ALK fusion, MET), which are drawn exclusively
GENES: dict[str, dict[str, float]] = {
    "TP53": {"MUT": 0.35, "TRUNC": 0.15},
    "KEAP1": {"MUT": 0.12, "TRUNC": 0.06},
    "STK11": {"MUT": 0.05, "TRUNC": 0.12},
    "CDKN2A": {"HOMDEL": 0.2, "MUT": 0.03},
    "NF1": {"TRUNC": 0.08, "MUT": 0.04},
    "SMARCA4": {"TRUNC": 0.06, "MUT": 0.04},
    "PIK3CA": {"MUT": 0.06, "AMP": 0.03},
    "NKX2-1": {"AMP": 0.12},
    "MYC": {"AMP": 0.08},
    "RB1": {"TRUNC": 0.04, "HOMDEL": 0.03},
}
#: driver -> (probability, type); at most one driver per sample
DRIVERS: dict[str, tuple[float, str]] = {
    "KRAS": (0.30, "MUT"),
    "EGFR": (0.14, "MUT"),
    "BRAF": (0.07, "MUT"),
    "ALK": (0.05, "FUSION"),
    "MET": (0.04, "MUT"),
}


def barcodes(rng: np.random.Generator, n: int) -> list[str]:
    sites = ["05", "44", "49", "50", "55", "64", "78", "86"]
    out: set[str] = set()
    while len(out) < n:
        out.add(f"TCGA-{rng.choice(sites)}-{rng.integers(1000, 9999):04d}")
    return sorted(out)


def main() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    samples = barcodes(rng, N_SAMPLES)
    rows = []
    names = list(DRIVERS)
    p = np.array([DRIVERS[g][0] for g in names])
    for s in samples:
        # one driver at most: the drivers' probabilities, the rest for none
        pick = rng.choice(len(names) + 1, p=np.append(p, 1 - p.sum()))
        if pick < len(names):
            rows.append((s, names[pick], DRIVERS[names[pick]][1]))
            if names[pick] == "EGFR" and rng.random() < 0.3:
                rows.append((s, "EGFR", "AMP"))  # EGFR-mutant tumours amplify it
        for gene, types in GENES.items():
            for t, q in types.items():
                if rng.random() < q:
                    rows.append((s, gene, t))
    table = pd.DataFrame(rows, columns=["sample", "gene", "type"])
    table = table.drop_duplicates().sort_values(["sample", "gene", "type"])
    # samples with no alteration are kept as a row with no gene, so the cohort
    # size can be read back from the file
    empty = sorted(set(samples) - set(table["sample"]))
    table = pd.concat(
        [table, pd.DataFrame({"sample": empty, "gene": "", "type": ""})],
        ignore_index=True,
    )
    return table


if __name__ == "__main__":
    t = main()
    t.to_csv(OUT, index=False)
    print(f"wrote {OUT.name}: {len(t)} rows, {t['sample'].nunique()} samples")
