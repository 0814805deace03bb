"""Recipes: whole figure types (UpSet plots, oncoPrints, density heatmaps) built from a grid
and its panels, each a function returning a :class:`~clustergrid.ClusterGrid`
subclass that draws, concatenates and exports like any grid."""
