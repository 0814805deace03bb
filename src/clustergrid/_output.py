"""Output shared by everything that draws a Figure: save, show, notebook display."""

from __future__ import annotations

import io
from typing import Any

from matplotlib.figure import Figure

__all__ = ["Drawable"]


class Drawable:
    """Adds :meth:`save`, :meth:`show` and notebook display to a class with
    ``draw(target=None) -> Figure``."""

    def draw(self, target: Any = None) -> Figure:  # pragma: no cover - overridden
        raise NotImplementedError

    def save(self, path: Any, **savefig_kwargs: Any) -> None:
        """Draw and save to ``path`` (png, pdf or svg, from the extension or
        ``format=``) or a binary file object.

        The write is atomic: a temporary file in the same folder is renamed
        over the target only when complete, so a failed save leaves any
        existing file untouched.  Output is deterministic: the same script
        writes the same bytes.  Text stays editable (TrueType fonts in PDF,
        text elements in SVG).
        """
        from ._save import save_figure

        save_figure(self.draw(), path, **savefig_kwargs)

    def show(self) -> None:
        """Draw and show with pyplot's current backend."""
        import matplotlib.pyplot as plt

        fig = self.draw()
        shown = plt.figure(figsize=fig.get_size_inches(), dpi=fig.dpi)
        self.draw(shown)
        plt.show()

    def _repr_png_(self) -> bytes:
        from ._save import save_figure

        buf = io.BytesIO()
        save_figure(self.draw(), buf, format="png")
        return buf.getvalue()
