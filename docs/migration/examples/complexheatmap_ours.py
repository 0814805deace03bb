import clustergrid as cg

wine = cg.load_dataset("wine").iloc[::4]  # 45 of the 178 wines
x = wine.drop(columns="cultivar")
lut = {"class_0": "#1b9e77", "class_1": "#d95f02", "class_2": "#7570b3"}

g = (
    cg.ClusterGrid(
        x, z_score=1, cmap="RdBu_r", vmin=-3, vmax=3, center=0, figsize=(7, 8)
    )
    .cluster(method="average", reorder=True)  # *_dend_reorder = TRUE
    .split(rows=wine["cultivar"])  # row_split
    .add(cg.AnnotationBar(wine["cultivar"], name="cultivar", palette=lut), "left")
    .add(cg.Dendrogram(), "left", size="10mm")  # row_dend_width
    .add(cg.Dendrogram(), "top", size="10mm")  # column_dend_height
    .add(cg.BarTrack(wine["proline"]), "right", size="15mm")  # anno_barplot
    .add(cg.Labels(fontsize=6, title=False), "right")  # row_names_gp
    .add(cg.Labels(title=False), "bottom")
    .add(cg.Legends(scale_title="z-score"))  # name = "z-score"
)
g.save("wine_complexheatmap.png")
