"""Panels drawn around the heatmap."""

from .annotation import AnnotationBar
from .base import Context, Extent, Panel
from .dendrogram import Dendrogram
from .labels import Labels
from .scalebar import ScaleBar

__all__ = ["Panel", "Context", "Extent", "Dendrogram", "AnnotationBar", "ScaleBar", "Labels"]
