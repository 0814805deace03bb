"""A panel with a value axis: a line track in six lines
=====================================================

``cg.ValueTrack`` is the base of the built-in tracks: a subclass writes
only ``plot(ax, ctx, values)`` for one slice's values in drawn order, and
gets the rest: values aligned by label, one value scale for every slice of
a split grid, and one value axis (ticks and label drawn once, below the last
row slice or left of the first column slice, kept clear of the other panels
by the layout).  Here a ``LineTrack`` runs beside the rows (each wine's
alcohol) and above the columns (each measurement's coefficient of
variation) of a grid split 3 x 2, with a tree on the left and labels below.

Data: ``cg.load_dataset("wine")``: 30 wines of three cultivars, measurements
z-scored; the columns split into two groups by k-means.
"""

from pathlib import Path

import numpy as np

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "43_value_track.png"


class LineTrack(cg.ValueTrack):
    """A line through each row's (column's) value."""

    def plot(self, ax, ctx, values):
        pos = np.arange(len(values)) + 0.5
        xy = (values, pos) if ctx.orientation == "vertical" else (pos, values)
        return ax.plot(*xy, color=self.color, linewidth=1)


def build() -> cg.ClusterGrid:
    wine = cg.load_dataset("wine").iloc[::6]
    X = wine.drop(columns="cultivar")
    return (
        cg.ClusterGrid(X, z_score=1, center=0, cmap="RdBu_r", cell_size=0.16)
        .cluster()
        .split(rows=wine["cultivar"], cols=2, gap="2mm")
        .add(cg.Dendrogram(), "left", size="10mm")
        .add(LineTrack(X["alcohol"], label="alcohol (%)"), "right", size="18mm")
        .add(LineTrack(X.std() / X.mean(), label="CV"), "top", size="14mm")
        .add(cg.Labels(rotation=90), "bottom")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT.name}")
