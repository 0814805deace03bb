import clustergrid as cg

lt = {
    "A": ["a", "b", "c", "d", "e"],
    "B": ["c", "d", "e", "f"],
    "C": ["e", "f", "g"],
}
g = cg.upset(
    lt,
    mode="distinct",  # or "intersect", "union"
    min_size=1,
    max_degree=3,
    order_by="size",  # comb_order = order(-comb_size(m))
    highlight=["110"],  # comb_col for one combination
    highlight_color="red",
)
print(g.combinations["size"])  # comb_size(m)
print(g.elements("110"))  # extract_comb(m, "110")
g.save("upset_complexheatmap.png")
