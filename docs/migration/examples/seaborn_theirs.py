import seaborn as sns

import clustergrid as cg

wine = cg.load_dataset("wine").iloc[::4]  # 45 of the 178 wines
x = wine.drop(columns="cultivar")
lut = {"class_0": "#1b9e77", "class_1": "#d95f02", "class_2": "#7570b3"}
colours = wine["cultivar"].map(lut)

g = sns.clustermap(
    x,
    z_score=1,  # standardise each column
    method="average",
    cmap="RdBu_r",
    center=0,
    row_colors=colours,
    figsize=(7, 8),
)
order = g.dendrogram_row.reordered_ind
g.savefig("wine_seaborn.png")
