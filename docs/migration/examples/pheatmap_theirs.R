library(pheatmap)

wine <- read.csv("wine.csv", row.names = 1)
wine <- wine[seq(1, nrow(wine), by = 4), ]  # 45 of the 178 wines
x <- as.matrix(wine[, -1])
ann <- data.frame(cultivar = wine$cultivar, row.names = rownames(wine))

pheatmap(
  x,
  scale = "column",
  cellwidth = 12, cellheight = 8,
  border_color = "grey60",                   # the default
  clustering_method = "complete",            # the default
  cutree_rows = 3,
  treeheight_row = 50, treeheight_col = 50,  # the defaults, in points
  annotation_row = ann,
  fontsize_row = 6,
  main = "Wine",
  filename = "wine_pheatmap.png"
)
