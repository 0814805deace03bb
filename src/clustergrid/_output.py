"""Output shared by everything that draws a Figure: save, show, notebook display."""

from __future__ import annotations

import io
from typing import Any

from matplotlib.figure import Figure

__all__ = ["Drawable"]


class Drawable:
    """Adds :meth:`save`, :meth:`show` and notebook display to a class with
    ``draw(target=None) -> Figure`` and ``_current_figure() -> Figure`` (the
    last drawn figure while the spec is unchanged, else a new draw)."""

    def draw(self, target: Any = None) -> Figure:  # pragma: no cover - overridden
        raise NotImplementedError

    def _current_figure(self) -> Figure:  # pragma: no cover - overridden
        return self.draw()

    def save(self, path: Any, **savefig_kwargs: Any) -> None:
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
        text elements in SVG).
        """
        from ._save import save_figure

        save_figure(self._current_figure(), path, **savefig_kwargs)

    def show(self) -> None:
        """Show the figure with pyplot's current backend (the last drawn
        figure while the spec is unchanged, edits included; else a new draw)."""
        import matplotlib.pyplot as plt

        fig = self._current_figure()
        if fig.canvas.manager is None:
            plt.figure(fig)  # let pyplot manage this very figure
        plt.show()

    def _repr_png_(self) -> bytes:
        from ._save import save_figure

        buf = io.BytesIO()
        save_figure(self._current_figure(), buf, format="png")
        return buf.getvalue()
