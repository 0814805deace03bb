"""Recipes: whole figure types (UpSet plots, oncoPrints) built from a grid
and its panels, each a function returning a :class:`~clustergrid.ClusterGrid`
subclass that draws, concatenates and exports like any grid."""
