"""Panels drawn around the heatmap."""

from .annotation import AnnotationBar
from .base import ColorKey, Context, Extent, Panel
from .blocks import Blocks
from .dendrogram import Dendrogram
from .distributions import HistTrack, StripTrack, ViolinTrack
from .labels import Labels
from .legends import Legends
from .marks import Marks
from .scalebar import ScaleBar
from .title import SliceTitles, Title
from .tracks import BarTrack, BoxTrack, DistributionTrack, PointTrack
from .value_track import ValueTrack

__all__ = [
    "Panel",
    "Context",
    "Extent",
    "ColorKey",
    "Dendrogram",
    "AnnotationBar",
    "ScaleBar",
    "Labels",
    "Legends",
    "Title",
    "SliceTitles",
    "Marks",
    "BarTrack",
    "PointTrack",
    "BoxTrack",
    "Blocks",
    "ViolinTrack",
    "StripTrack",
    "HistTrack",
    "DistributionTrack",
    "ValueTrack",
]
