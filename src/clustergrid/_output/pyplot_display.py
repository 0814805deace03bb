"""Figures that pyplot manages, as seaborn's are: ``cg.clustermap`` and
``cg.heatmap`` register the figure they draw with pyplot when the user works
with pyplot, so a notebook's inline backend shows it once at the end of the
cell and ``plt.show()`` shows it in a script.

"Works with pyplot" means ``matplotlib.pyplot`` has been imported (by the
user, seaborn, a test runner) or the code runs in an IPython kernel (where
pyplot's backend is the notebook's).  Without either, nothing global is
touched: the figure belongs to the grid alone and is freed with it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["pyplot_mode", "pyplot_manages", "register_with_pyplot"]


def pyplot_mode() -> bool:
    """Whether the user works with pyplot (see the module docstring)."""
    return "matplotlib.pyplot" in sys.modules or "ipykernel" in sys.modules


def pyplot_manages(fig: Figure) -> bool:
    """Whether ``fig`` is one of pyplot's open figures (pyplot shows it)."""
    if "matplotlib.pyplot" not in sys.modules:
        return False
    from matplotlib._pylab_helpers import Gcf

    return any(m.canvas.figure is fig for m in Gcf.get_all_fig_managers())


def register_with_pyplot(fig: Figure, replaces: Figure | None = None) -> None:
    """Make ``fig`` a pyplot figure (the current one), as ``plt.figure()``
    makes seaborn's; ``replaces``, an earlier draw of the same grid still
    open in pyplot, is closed first so the grid is shown once."""
    if not pyplot_mode():
        return
    import matplotlib.pyplot as plt

    if replaces is not None and replaces is not fig and pyplot_manages(replaces):
        plt.close(replaces)
    if not pyplot_manages(fig):
        plt.figure(fig)
