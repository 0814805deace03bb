"""The command line, AMiGA-style: a folder of tab-separated summaries, averaged, filtered, titled
==============================================================================================

The command (run from the repository root)::

    clustergrid -i summary/ -x cell_type -y gene -v expression -p mean \\
        -f "row any >= 1.0" -t "Marker genes, mean >= 1" \\
        --kwargs "center:0;cmap:RdBu_r;cbar_kws:label:mean expression" \\
        --format png -o gallery/images/05_command_line

``summary/`` holds one tab-separated ``.txt`` table per batch of cell types, as
AMiGA's summary folder holds one per plate: the folder is read as one table
(with a ``file`` column for ``-s``).  The bundled tidy table
(``cg.load_dataset("pbmc_long")``) has one line per (cell, gene), so every
(gene, cell type) pair has replicates and ``-p mean`` averages them; the
filter keeps genes whose mean reaches 1.0 in at least one cell type.
``-o`` without an extension takes the format from ``--format`` (PDF by
default).  This script writes the folder to a temporary place and runs
exactly that command through ``clustergrid.cli.main``.
"""

import sys
import tempfile
from pathlib import Path

import clustergrid as cg
from clustergrid.cli import main

OUT = Path(__file__).resolve().parent / "images" / "05_command_line"
ARGS = [
    "-x",
    "cell_type",
    "-y",
    "gene",
    "-v",
    "expression",
    "-p",
    "mean",
    "-f",
    "row any >= 1.0",
    "-t",
    "Marker genes, mean >= 1",
    "--kwargs",
    "center:0;cmap:RdBu_r;cbar_kws:label:mean expression",
    "--format",
    "png",
]


def write_summaries(folder: Path) -> None:
    """The long table as AMiGA-like summaries: one .txt (tab-separated) per batch."""
    long = cg.load_dataset("pbmc_long")
    types = sorted(long["cell_type"].unique())
    for k, batch in enumerate(
        (types[: len(types) // 2], types[len(types) // 2 :]), start=1
    ):
        part = long[long["cell_type"].isin(batch)]
        part.to_csv(folder / f"batch{k}_summary.txt", sep="\t", index=False)


def run(out: Path) -> int:
    """Write the summary folder and run the command; return its exit status."""
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary"
        summary.mkdir()
        write_summaries(summary)
        return main(["-i", str(summary), *ARGS, "-o", str(out)])


def make():
    """The figure the command wrote, as a Figure (used by the test suite)."""
    import matplotlib.image as mpimg
    from matplotlib.figure import Figure

    with tempfile.TemporaryDirectory() as tmp:
        assert run(Path(tmp) / "out") == 0
        img = mpimg.imread(Path(tmp) / "out.png")
    fig = Figure(figsize=(img.shape[1] / 100, img.shape[0] / 100), dpi=100)
    fig.figimage(img, 0, 0)
    return fig


if __name__ == "__main__":
    status = run(OUT)
    print(
        f"wrote {OUT.name}.png" if status == 0 else f"clustergrid exited with {status}"
    )
    if status != 0:  # exit 0 by falling off the end (sphinx-gallery runs this too)
        sys.exit(status)
