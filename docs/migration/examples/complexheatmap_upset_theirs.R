library(ComplexHeatmap)
lt <- list(
  A = c("a", "b", "c", "d", "e"),
  B = c("c", "d", "e", "f"),
  C = c("e", "f", "g")
)
m <- make_comb_mat(lt, mode = "distinct")  # or "intersect", "union"
m <- m[comb_size(m) >= 1 & comb_degree(m) <= 3]  # min size, max degree
comb_size(m)          # the counts
extract_comb(m, "110")  # the elements of one combination
UpSet(m, comb_order = order(-comb_size(m)),
      comb_col = ifelse(comb_name(m) == "110", "red", "black"))
