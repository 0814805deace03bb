"""Output shared by everything that draws: the one draw path, the one
"redraw or reuse the last figure" rule, save, show, notebook display and
the interactive page.

The draw protocol (internal; :class:`~clustergrid.ClusterGrid` and
:class:`~clustergrid.ConcatGrid` implement it, and ``concat`` reads its
member grids only through it):

``_plans() -> list[Plan]``
    The plans one draw renders, one per grid (the spec resolved).
``_spec_version() -> Hashable``
    Changes whenever the spec changes: the last figure is reused while
    this and the draw target are what they were at the draw.
``_render_options() -> dict``
    Keyword arguments of the render stage beyond the plans and the target
    (a concatenation's axis, main grid, gap, figsize and dpi).
``_drawn(result)``
    Called after each draw with its result (a concatenation hands each
    member grid its part).
``_keep(result)``
    Take ``result`` as this object's last draw (a member of a
    concatenation keeps its part of the concatenation's draw).
``_draw_rc() -> dict | None``
    The rcParams every draw and save runs with (the style at build time;
    None: the rcParams in force).
"""

from __future__ import annotations

import io
import os
from collections.abc import Hashable, Iterable
from typing import IO, TYPE_CHECKING, Any, ClassVar

from matplotlib.figure import Figure

from .._support.style import drawn_with
from .formats import IMAGE_FORMATS, is_page, one_of

if TYPE_CHECKING:  # pragma: no cover
    from .._plan.plan import Plan
    from ..result import DrawTarget, Result
    from .page import Interactive

__all__ = ["Drawable"]


class Drawable:
    """Adds :meth:`draw`, :meth:`save`, :meth:`show`, the interactive page
    and notebook display to a class that implements the draw protocol (see
    the module docstring)."""

    _result: Result | None = None
    """The last draw (None before the first)."""
    _target: DrawTarget | None = None
    """Where :meth:`draw` draws when given no target (set by ``on()``)."""
    _one_grid: ClassVar[bool] = True
    """Whether one draw shows one grid (the interactive page needs that)."""
    _adopt: Any = None
    """An axes of the user's that becomes the heatmap axes when drawing into
    ``_target`` (``cg.heatmap(..., ax=ax)``)."""

    # -- the draw protocol -------------------------------------------------------
    def _plans(self) -> list[Plan]:  # pragma: no cover - implemented by subclasses
        raise NotImplementedError

    def _spec_version(self) -> Hashable:  # pragma: no cover - implemented by subclasses
        raise NotImplementedError

    def _render_options(self) -> dict[str, Any]:
        return {}

    def _drawn(self, result: Result) -> None:
        """Called after each draw with its result; the default does nothing."""

    def _keep(self, result: Result) -> None:
        self._result = result

    def _draw_rc(self) -> dict[str, Any] | None:
        return None

    # -- the one draw path and the one redraw rule -------------------------------
    def _key(self, target: DrawTarget | None) -> tuple[Hashable, int | None]:
        return (self._spec_version(), id(target) if target is not None else None)

    def draw(self, target: DrawTarget | None = None) -> Figure:
        """Lay out and draw; return the Figure.

        Parameters
        ----------
        target : Figure, SubFigure or SubplotSpec, optional
            Draw into it (keeping its size) instead of a new Figure.

        Returns
        -------
        Figure
        """
        from .._render.render import render

        plans = self._plans()
        target = target if target is not None else self._target
        adopt = self._adopt if target is not None and target is self._target else None
        last = self._result
        if target is not None and last is not None and last.target is target:
            # drawing into the same host again: no duplicated axes
            for ax in last.axes():
                if ax is not adopt and ax.figure is not None:
                    ax.remove()
        options = self._render_options()
        with drawn_with(self._draw_rc()):  # the style in force at build time
            result = render(plans, target=target, adopt=adopt, **options)
        result.version = self._key(target)
        self._keep(result)
        self._drawn(result)
        self._attach(result, plans, options)
        return result.figure

    def _attach(
        self, result: Result, plans: list[Plan], options: dict[str, Any]
    ) -> None:
        """Let the figure's layout engine lay this grid out again at each draw
        (``_render/engine.py``)."""
        from .._render.engine import Member, attach
        from .._render.render import render

        def redo(old: Result, frame: tuple[float, float, float, float]) -> Result:
            new = render(plans, reuse=old, frame=frame, **options)
            new.version = old.version
            self._keep(new)
            self._drawn(new)
            return new

        attach(result.figure, id(self), Member(lambda: self._result, redo))

    def _current_result(self) -> Result:
        """The last draw if the spec and the target are unchanged since,
        else a new draw."""
        r = self._result
        if r is None or r.version != self._key(self._target):
            self.draw()
            r = self._result
            assert r is not None  # draw() kept it
        return r

    def _current_figure(self) -> Figure:
        """The last drawn figure if the spec is unchanged since, else a new draw."""
        return self._current_result().figure

    def _page_result(self, options: dict[str, Any], how: str) -> Result:
        """The result the interactive page shows (one grid's), the page's
        ``options`` checked first (``how``: the method, for messages), so a
        mistake is reported before anything is drawn."""
        from .page import check_options

        check_options(options, how, values=False)
        if not self._one_grid:
            raise TypeError(
                f"HTML export takes a ClusterGrid, got {type(self).__name__}; save a "
                f"concatenation as {one_of('.' + f for f in IMAGE_FORMATS)}"
            )
        check_options(options, how)
        return self._current_result()

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
            :meth:`matplotlib.figure.Figure.savefig`, with matplotlib's
            meanings and its ``savefig.*`` rc values: ``bbox_inches="tight"``
            crops the image to the drawn content plus ``pad_inches``, so its
            size is then what that option makes, not the figure's; for an
            HTML page, the options of :meth:`to_html`.

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
            result = self._page_result(savefig_kwargs, "save")
            write_html(result, path, **savefig_kwargs)
            return
        fig = self._current_figure()
        with drawn_with(self._draw_rc()):  # the style in force at build time
            _check_layout(fig)
            save_figure(fig, path, **savefig_kwargs)

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

        options: dict[str, Any] = dict(
            max_cells=max_cells, title=title, exact_rows=exact_rows, dpi=dpi
        )
        return to_html(self._page_result(options, "to_html"), **options)

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

        options: dict[str, Any] = dict(
            max_cells=max_cells, title=title, exact_rows=exact_rows, dpi=dpi
        )
        return Interactive(self._page_result(options, "interactive"), **options)

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
        fig = self._current_figure()
        with drawn_with(self._draw_rc()):
            save_figure(fig, buf, format="png")
        return buf.getvalue()


def _check_layout(fig: Figure) -> None:
    """Lay the figure out now, so what the user added that does not fit
    raises :class:`~clustergrid.LayoutError` here (matplotlib's draw would
    only warn)."""
    from .._render.engine import GridEngine

    eng = fig.get_layout_engine()
    if isinstance(eng, GridEngine):
        eng.execute(fig)
        if eng.error is not None:
            raise eng.error
