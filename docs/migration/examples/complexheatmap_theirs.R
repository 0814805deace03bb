library(ComplexHeatmap)
library(circlize)

wine <- read.csv("wine.csv", row.names = 1)
wine <- wine[seq(1, nrow(wine), by = 4), ]  # 45 of the 178 wines
x <- scale(as.matrix(wine[, -1]))           # z-score each column
lut <- c(class_0 = "#1b9e77", class_1 = "#d95f02", class_2 = "#7570b3")

ht <- Heatmap(
  x,
  name = "z-score",
  col = colorRamp2(c(-3, 0, 3), c("#2166AC", "#F7F7F7", "#B2182B")),
  clustering_method_rows = "average",
  clustering_method_columns = "average",
  row_split = wine$cultivar,
  cluster_row_slices = FALSE,
  row_dend_width = unit(10, "mm"),
  column_dend_height = unit(10, "mm"),
  row_names_gp = gpar(fontsize = 6),
  left_annotation = rowAnnotation(
    cultivar = wine$cultivar, col = list(cultivar = lut)
  ),
  right_annotation = rowAnnotation(
    proline = anno_barplot(wine$proline, width = unit(15, "mm"))
  )
)
png("wine_complexheatmap.png", width = 7, height = 8, units = "in", res = 100)
draw(ht)
dev.off()
