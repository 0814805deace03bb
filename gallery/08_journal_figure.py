"""A journal figure: exactly 180 mm wide, vector PDF with editable text
====================================================================

``figsize`` takes millimetres; the layout solver fits everything inside the
180 mm x 110 mm page.  ``save`` writes fonts as TrueType (editable in
Illustrator or Inkscape), keeps text and lines as vectors, and the heatmap's
cells are one embedded image, so the PDF stays small however many cells there
are.  The same script writes identical bytes on every run.

Data: ``cg.load_dataset("pbmc")``: 120 cells x 40 genes.
"""

from pathlib import Path

import clustergrid as cg

HERE = Path(__file__).resolve().parent / "images"
OUT_PDF, OUT_PNG = HERE / "08_journal_figure.pdf", HERE / "08_journal_figure.png"


def build() -> cg.ClusterGrid:
    expr, obs = cg.load_dataset("pbmc"), cg.load_dataset("pbmc_obs")
    data = expr.iloc[::6, :40].T  # 40 genes x ~117 cells
    return (
        cg.ClusterGrid(
            data, cmap="RdBu_r", center=0, vmin=-2, vmax=2, figsize=("180mm", "110mm")
        )
        .cluster()
        .add(cg.Dendrogram(linewidth=0.5), "left", size="12mm")
        .add(
            cg.AnnotationBar(obs.loc[data.columns, "bulk_labels"], name="cell type"),
            "top",
        )
        .add(cg.Labels(fontsize=6), "right")
        .add(cg.Legends(), "right")
    )


def make():
    """The figure, drawn (used by the test suite)."""
    return build().draw()


if __name__ == "__main__":
    g = build()
    g.save(OUT_PDF)
    g.save(OUT_PNG)
    print(f"wrote {OUT_PDF.name} and {OUT_PNG.name}")
