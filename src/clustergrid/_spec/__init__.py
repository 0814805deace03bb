"""The builder's spec: what a :class:`~clustergrid.ClusterGrid` records
(``state``) and one check per builder method that normalises its arguments
and raises the ValueError or TypeError naming the option, the value and the
fix at the user's line (``grid_options``, ``ordering``, ``split``,
``selection``, ``add``), and the panels the grid adds by itself
(``auto_panels``)."""
