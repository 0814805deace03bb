"""Output shared by everything that draws a Figure: save, show, notebook display."""

from __future__ import annotations

import io
import os
from collections.abc import Hashable, Iterable
from typing import IO, TYPE_CHECKING, Any

from matplotlib.figure import Figure

from .formats import is_page

if TYPE_CHECKING:  # pragma: no cover
    from ..result import DrawTarget
    from .page import Interactive

__all__ = ["Drawable"]


class Drawable:
    """Adds :meth:`save`, :meth:`show` and notebook display to a class with
    ``draw(target=None) -> Figure`` and ``_current_figure() -> Figure`` (the
    last drawn figure while the spec is unchanged, else a new draw)."""

    def draw(
        self, target: DrawTarget | None = None
    ) -> Figure:  # pragma: no cover - overridden
        raise NotImplementedError

    def _current_figure(self) -> Figure:  # pragma: no cover - overridden
        return self.draw()

    def save(
        self, path: str | os.PathLike[str] | IO[bytes], **savefig_kwargs: Any
    ) -> None:
        """Save to ``path`` (png, pdf or svg, from the extension or
        ``format=``) or a binary file object.

        The last drawn figure is saved as it is while the spec has not
        changed since :meth:`draw`, so matplotlib edits made to it (axis
        labels, a suptitle, annotations) are kept; otherwise the grid is
        drawn first.

        The write is atomic: a temporary file in the same folder is renamed
        over the target only when complete, so a failed save leaves any
        existing file untouched.  Output is deterministic: the same script
        writes the same bytes.  Text stays editable (TrueType fonts in PDF,
        text elements in SVG).  A path ending in ``.html``/``.htm`` (or
        ``format="html"``) writes the interactive page (see :meth:`to_html`).

        Parameters
        ----------
        path : str, path-like or binary file object
            Where to write.  The folder must exist.
        **savefig_kwargs
            ``format``, ``dpi``, ``metadata``, ``transparent``, ... as for
            :meth:`matplotlib.figure.Figure.savefig` (``bbox_inches`` is
            refused: the layout already keeps everything inside the
            figure); for an HTML page, the options of :meth:`to_html`.

        Examples
        --------
        >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
        >>> g = cg.ClusterGrid(X, z_score=1).cluster().add(cg.Labels(), "right")
        >>> g.save("wine.png", dpi=200)
        >>> g.save("wine.pdf")  # the same figure, as vector PDF
        """
        from .save import save_figure

        if is_page(path, savefig_kwargs):
            from .page import write_html

            savefig_kwargs.pop("format", None)
            write_html(self, path, **savefig_kwargs)
            return
        save_figure(self._current_figure(), path, **savefig_kwargs)

    def to_html(
        self,
        *,
        max_cells: int = 2_000_000,
        title: str | None = None,
        exact_rows: Iterable[Hashable] | None = None,
        dpi: float | None = None,
    ) -> str:
        """The drawn figure as one self-contained, interactive HTML page
        (hover, drag-zoom, search, dendrogram branch selection).

        Parameters
        ----------
        max_cells : int, default 2,000,000
            The most cells embedded exactly; beyond, the page holds the
            means of bins of adjacent drawn rows and says so.
        title : str, optional
            The page's title.
        exact_rows : list of row labels, optional
            With an overview, also hold these rows exactly.
        dpi : float, optional
            Resolution of the page's image; default the figure's dpi.

        Returns
        -------
        str
            The page; it loads nothing (no network, no CDN).
        """
        from .page import to_html

        return to_html(
            self, max_cells=max_cells, title=title, exact_rows=exact_rows, dpi=dpi
        )

    def interactive(
        self,
        *,
        max_cells: int = 2_000_000,
        title: str | None = None,
        exact_rows: Iterable[Hashable] | None = None,
        dpi: float | None = None,
    ) -> Interactive:
        """The interactive page (options as :meth:`to_html`) as an object
        that notebooks show inline (``_repr_html_``); the PNG stays the
        grid's own display."""
        from .page import Interactive

        return Interactive(
            self, max_cells=max_cells, title=title, exact_rows=exact_rows, dpi=dpi
        )

    def show(self) -> None:
        """Show the figure with pyplot's current backend (the last drawn
        figure while the spec is unchanged, edits included; else a new draw)."""
        import matplotlib.pyplot as plt

        fig = self._current_figure()
        if fig.canvas.manager is None:
            plt.figure(fig)  # let pyplot manage this very figure
        plt.show()

    def _repr_png_(self) -> bytes:
        from .save import save_figure

        buf = io.BytesIO()
        save_figure(self._current_figure(), buf, format="png")
        return buf.getvalue()
