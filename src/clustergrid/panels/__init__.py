"""Panels drawn around the heatmap."""

from .annotation import AnnotationBar
from .base import ColorKey, Context, Extent, Panel
from .dendrogram import Dendrogram
from .labels import Labels
from .legends import Legends
from .scalebar import ScaleBar
from .marks import Marks
from .title import SliceTitles, Title
from .tracks import BarTrack, BoxTrack, DistributionTrack, PointTrack
from .blocks import Blocks
from .distributions import HistTrack, StripTrack, ViolinTrack

__all__ = ["Panel", "Context", "Extent", "ColorKey", "Dendrogram", "AnnotationBar", "ScaleBar",
           "Labels", "Legends", "Title", "SliceTitles", "Marks", "BarTrack", "PointTrack",
           "BoxTrack", "Blocks", "ViolinTrack", "StripTrack", "HistTrack", "DistributionTrack"]
