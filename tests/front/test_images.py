"""Image comparisons of representative core figures (pytest-mpl).

Every baseline was opened and checked by eye when generated; the geometric
tests in test_geometry.py check the same guarantees numerically."""

from __future__ import annotations

import numpy as np
import pandas as pd

import clustergrid as cg
from conftest import image_test


def _wine_cols(wine, wine_z, step=5):
    return wine_z.T.iloc[:, ::step], wine["cultivar"].iloc[::step]


@image_test()
def test_core_contract_example(wine, wine_z):
    df, tissue = _wine_cols(wine, wine_z)
    g = (
        cg.ClusterGrid(df, cmap="RdBu_r", center=0, cell_size=0.15)
        .cluster(rows=True, cols=True, method="average", metric="euclidean")
        .add(cg.Dendrogram(), "left")
        .add(cg.Dendrogram(), "top")
        .add(cg.AnnotationBar(tissue, name="tissue"), "top")
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="z-score"), "right")
    )
    return g.draw()


@image_test()
def test_core_classic_recipe(wine, wine_z):
    df = wine_z.iloc[::4]
    kind = pd.Series(
        np.where(df.columns.str.contains("phenol|flav|proantho"), "phenolic", "other"),
        index=df.columns,
    )
    g = (
        cg.ClusterGrid(df, cmap="RdBu_r", center=0, figsize=(6.5, 6))
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.AnnotationBar(wine["cultivar"].loc[df.index], name="cultivar"), "left")
        .add(cg.Dendrogram(), "top")
        .add(
            cg.AnnotationBar(
                kind, name="kind", palette={"phenolic": "#8c510a", "other": "#c7eae5"}
            ),
            "top",
        )
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(label="z-score"), "top-left")
    )
    return g.draw()


@image_test()
def test_core_square_correlation(wine_z):
    C = wine_z.corr()
    g = (
        cg.ClusterGrid(C, center=0, figsize=(6, 5), square=True)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(cg.Labels(), "right")
        .add(cg.Labels(rotation=45), "bottom")
        .add(cg.ScaleBar(label="Pearson r"), "top")
    )
    return g.draw()


@image_test()
def test_core_thinned_labels(pbmc):
    df = pbmc.iloc[:200, :60]
    g = (
        cg.ClusterGrid(df, figsize=(5, 5), vmax=4)
        .cluster()
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(), "left")
        .add(cg.Labels(), "bottom")
    )
    return g.draw()


@image_test()
def test_core_scalebar_bottom_and_dendrogram_right(wine_z):
    df = wine_z.iloc[:25]
    g = (
        cg.ClusterGrid(df, center=0, cell_size=0.14)
        .cluster(cols=False)
        .add(cg.Dendrogram(linewidth=1.2, color="#444444"), "right")
        .add(cg.Labels(), "left")
        .add(cg.Labels(rotation=60), "top")
        .add(cg.ScaleBar(label="z-score", length=0.8), "bottom")
    )
    return g.draw()


@image_test()
def test_core_numeric_annotation(wine, wine_z):
    df = wine_z.iloc[::6]
    g = (
        cg.ClusterGrid(df, center=0, cell_size=0.14)
        .cluster()
        .add(
            cg.AnnotationBar(
                wine["proline"].loc[df.index], name="proline", palette="magma"
            ),
            "left",
        )
        .add(
            cg.AnnotationBar(
                wine["cultivar"].loc[df.index],
                name="cultivar",
                palette=["#1b9e77", "#d95f02", "#7570b3"],
            ),
            "left",
        )
        .add(cg.Dendrogram(), "top")
        .add(cg.Labels(rotation=90), "bottom")
        .add(cg.ScaleBar(), "right")
    )
    return g.draw()


@image_test()
def test_core_custom_panel(wine_z):
    class RowMeans(cg.Panel):
        def draw(self, ax, ctx):
            m = ctx.matrix.mean(axis=1)
            ax.barh(np.arange(ctx.n) + 0.5, m, height=0.8, color="0.4")
            ax.axvline(0, color="k", lw=0.5)
            ax.set_axis_off()

    df = wine_z.iloc[:20]
    g = (
        cg.ClusterGrid(df, center=0, cell_size=0.15)
        .cluster()
        .add(cg.Dendrogram(), "left")
        .add(RowMeans(), "right", size="12mm")
        .add(cg.Labels(), "right")
    )
    return g.draw()


@image_test()
def test_core_dendrogram_threshold(wine_z):
    df = wine_z.iloc[::3]
    g = (
        cg.ClusterGrid(df, center=0, figsize=(5, 5))
        .cluster(method="ward")
        .add(cg.Dendrogram(color_threshold=8.0), "left", size="25%")
        .add(cg.Dendrogram(color_threshold=10.0, palette="Dark2"), "top")
        .add(cg.Labels(rotation=90), "bottom")
    )
    return g.draw()


@image_test()
def test_core_missing_values():
    rng = np.random.default_rng(3)
    v = rng.normal(size=(8, 10))
    v[rng.random(v.shape) < 0.15] = np.nan
    df = pd.DataFrame(
        v, index=[f"gene {i}" for i in range(8)], columns=[f"s{j}" for j in range(10)]
    )
    g = (
        cg.ClusterGrid(df, center=0, cell_size=0.3, nan_color="0.85")
        .add(cg.Labels(), "left")
        .add(cg.Labels(), "top")
        .add(cg.ScaleBar(), "right")
    )
    return g.draw()
