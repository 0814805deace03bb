"""seaborn's clustermap with row colours, as one cg. call
======================================================

The seaborn documentation's ``clustermap`` example with ``row_colors`` and
``standard_scale=1`` (there on iris; here on the bundled wine data, whose 178
wines x 13 measurements have a cultivar each).  The seaborn code::

    species = iris.pop("species")
    lut = dict(zip(species.unique(), "rbg"))
    g = sns.clustermap(iris, row_colors=species.map(lut), standard_scale=1)

becomes the same call with ``cg.`` for ``sns.``: the dendrograms, the colour
bar, the labels (thinned to those that fit: seaborn's "auto") and the scale
in the top-left corner (seaborn's ``cbar_pos``) are laid out by the solver.
"""

from pathlib import Path

import clustergrid as cg

OUT = Path(__file__).resolve().parent / "images" / "40_seaborn_row_colors.png"


def build() -> cg.SeabornGrid:
    wine = cg.load_dataset("wine")
    cultivar = wine.pop("cultivar")
    lut = dict(zip(cultivar.unique(), "rbg", strict=True))
    return cg.clustermap(
        wine, row_colors=cultivar.map(lut), standard_scale=1, figsize=(7, 7)
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    build().savefig(OUT)
    print(f"wrote {OUT.name}")
