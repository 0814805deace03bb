"""The command line: a long summary table with replicates, averaged, filtered, titled.

The command (run from the repository root)::

    clustergrid markers_long.csv -x cell_type -y gene -v expression -p mean \\
        -f "row any >= 1.0" -t "Marker genes with a mean of 1 or more in some cell type" \\
        --kwargs "center:0;cmap:RdBu_r" -o gallery/images/05_command_line.png

``markers_long.csv`` is the bundled tidy table (``cg.load_dataset("pbmc_long")``):
one line per (cell, gene), so every (gene, cell type) pair has replicates and
``-p mean`` averages them; the filter keeps genes whose mean reaches 1.0 in at
least one cell type.  This script writes the table to a temporary folder and
runs exactly that command through ``clustergrid.cli.main``.
"""

import sys
import tempfile
from pathlib import Path

import clustergrid as cg
from clustergrid.cli import main

OUT = Path(__file__).resolve().parent / "images" / "05_command_line.png"
ARGS = ["-x", "cell_type", "-y", "gene", "-v", "expression", "-p", "mean",
        "-f", "row any >= 1.0", "-t", "Marker genes with a mean of 1 or more in some cell type",
        "--kwargs", "center:0;cmap:RdBu_r", "--dpi", "100"]


def run(out: Path) -> int:
    """Write the long table and run the command; return its exit status."""
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "markers_long.csv"
        cg.load_dataset("pbmc_long").to_csv(table, index=False)
        return main([str(table), *ARGS, "-o", str(out)])


def make():
    """The figure the command wrote, as a Figure (used by the test suite)."""
    import matplotlib.image as mpimg
    from matplotlib.figure import Figure

    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "out.png"
        assert run(png) == 0
        img = mpimg.imread(png)
    fig = Figure(figsize=(img.shape[1] / 100, img.shape[0] / 100), dpi=100)
    fig.figimage(img, 0, 0)
    return fig


if __name__ == "__main__":
    status = run(OUT)
    print(f"wrote {OUT}" if status == 0 else f"clustergrid exited with {status}")
    sys.exit(status)
