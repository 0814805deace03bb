"""clustergrid: publication-quality clustered heatmaps on matplotlib.

>>> import clustergrid as cg
>>> wine = cg.load_dataset("wine").drop(columns="cultivar")
>>> g = (cg.ClusterGrid(wine, z_score=1, center=0).cluster()
...      .add(cg.Dendrogram(), "left").add(cg.Labels(), "right")
...      .add(cg.ScaleBar(label="z-score"), "right"))
>>> g.save("figure.pdf")
"""

from ._body.dots import Dots
from ._body.layers import Cells
from ._body.markers import Markers
from ._compat.seaborn import SeabornGrid, clustermap, heatmap
from ._input.matrix import DENSE_LIMIT_BYTES as _DENSE_LIMIT_BYTES
from ._layout.model import LayoutError
from ._recipes.density import DensityGrid, density_heatmap
from ._recipes.oncoprint import OncoPrintGrid, oncoprint
from ._recipes.upset import UpSetGrid, upset
from .concat import ConcatGrid, concat
from .datasets import load_dataset
from .grid import ClusterGrid
from .panels import (
    AnnotationBar,
    BarTrack,
    Blocks,
    BoxTrack,
    ColorKey,
    Context,
    Dendrogram,
    DistributionTrack,
    Extent,
    HistTrack,
    Labels,
    Legends,
    Marks,
    Panel,
    PointTrack,
    ScaleBar,
    SliceTitles,
    StripTrack,
    Title,
    ValueTrack,
    ViolinTrack,
)
from .sizes import Auto, Fixed, Relative, Size

__version__ = "0.1.0"

#: The largest dense float64 copy, in bytes (2 GiB), that a scipy sparse
#: matrix given to :class:`ClusterGrid` is expanded to; a larger one is
#: refused before anything is allocated.  A fixed limit, not a setting:
#: to draw a larger sparse matrix, densify it yourself (``x.toarray()``);
#: :meth:`ClusterGrid.from_anndata` takes its own limit, ``max_bytes=``.
DENSE_LIMIT_BYTES: int = _DENSE_LIMIT_BYTES

__all__ = [
    "ClusterGrid",
    "Panel",
    "Context",
    "Extent",
    "Dendrogram",
    "AnnotationBar",
    "ScaleBar",
    "Labels",
    "Size",
    "Fixed",
    "Relative",
    "Auto",
    "LayoutError",
    "load_dataset",
    "Legends",
    "Title",
    "SliceTitles",
    "concat",
    "ConcatGrid",
    "Marks",
    "BarTrack",
    "PointTrack",
    "BoxTrack",
    "ColorKey",
    "Blocks",
    "ViolinTrack",
    "StripTrack",
    "HistTrack",
    "DistributionTrack",
    "ValueTrack",
    "Dots",
    "Markers",
    "Cells",
    "clustermap",
    "heatmap",
    "SeabornGrid",
    "DENSE_LIMIT_BYTES",
    "upset",
    "UpSetGrid",
    "oncoprint",
    "OncoPrintGrid",
    "density_heatmap",
    "DensityGrid",
]
