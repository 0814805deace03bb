import clustergrid as cg

wine = cg.load_dataset("wine").iloc[::4]  # 45 of the 178 wines
x = wine.drop(columns="cultivar")

g = (
    cg.ClusterGrid(
        x,
        z_score=1,  # scale = "column"
        center=0,
        cmap="RdYlBu_r",  # pheatmap's default palette
        cell_size=("12pt", "8pt"),  # cellwidth = 12, cellheight = 8
        linewidths=0.5,  # border_color = "grey60"
        linecolor="0.6",
    )
    .cluster(method="complete")  # the default method
    .split(rows=3)  # cutree_rows = 3
    .add(cg.AnnotationBar(wine["cultivar"], name="cultivar"), "left")
    .add(cg.Dendrogram(), "left", size="50pt")  # treeheight_row = 50
    .add(cg.Dendrogram(), "top", size="50pt")
    .add(cg.Labels(fontsize=6, title=False), "right")  # fontsize_row = 6
    .add(cg.Labels(title=False), "bottom")
    .add(cg.Title("Wine"), "top")  # main = "Wine"
)
g.save("wine_pheatmap.png")  # filename = ...
