"""Panels drawn around the heatmap."""

from .annotation import AnnotationBar
from .base import ColorKey, Context, Extent, Panel
from .dendrogram import Dendrogram
from .labels import Labels
from .legends import Legends
from .scalebar import ScaleBar
from .marks import Marks
from .title import SliceTitles, Title
from .tracks import BarTrack, BoxTrack, PointTrack

__all__ = ["Panel", "Context", "Extent", "ColorKey", "Dendrogram", "AnnotationBar", "ScaleBar", "Labels",
           "Legends", "Title", "SliceTitles", "Marks", "BarTrack", "PointTrack", "BoxTrack"]
