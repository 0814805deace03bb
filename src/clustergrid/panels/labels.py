"""Row and column labels, in drawn order, thinned when they cannot all fit."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import numpy.typing as npt
import pandas as pd
from matplotlib.text import Text

from .._input.frame import as_series
from .._input.label_text import display_label, index_title
from .._input.matrix import align_to_labels
from .._plan.palettes import categorical_colors, legend_categories
from .._support.text import measure_texts, text_mode
from .._support.warn import warn as _warn
from ..sizes import Auto, SizeLike
from .base import RGBA, Context, Extent, LegendSpec, Palette, Panel

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.typing import ColorType

    from ..result import Drawn
    from .page_view import PageView

__all__ = ["Labels"]

_V = TypeVar("_V")
#: A style given for the labels: one value for all, a dict (or Series) label ->
#: value, or a function label -> value (None keeps the default).
PerLabel: TypeAlias = _V | dict[Any, _V] | pd.Series | Callable[[Any], _V | None]

_GAP = 1.15  # labels keep 15% of their height clear of each other
_MIN_FONTSIZE = 6.0  # below this, thin the labels instead of shrinking them
_SLACK_PX = 2.0  # measured pixels an end label may reach past the heatmap
_TITLE_PAD_PT = 4.0  # between the labels and the axis title
_WEIGHTS = (
    "ultralight",
    "light",
    "normal",
    "regular",
    "book",
    "medium",
    "roman",
    "semibold",
    "demibold",
    "demi",
    "bold",
    "heavy",
    "extra bold",
    "black",
)
_STYLES = ("normal", "italic", "oblique")


def _check_weight(v: object) -> bool:
    if isinstance(v, (int, float, np.number)) and not isinstance(v, bool):
        return bool(0 <= v <= 1000)
    return isinstance(v, str) and v in _WEIGHTS


def _check_style_option(
    option: str, value: PerLabel[_V] | None, ok: Callable[[Any], bool], fix: str
) -> PerLabel[_V] | None:
    """A single value, a dict label -> value, or a callable label -> value;
    single values and dict values are checked now."""
    if value is None or callable(value):
        return value
    value = as_series(value)
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if isinstance(value, dict):
        for k, v in value.items():
            if not ok(v):
                raise ValueError(
                    f"Labels({option}=...): the value for {k!r} is {v!r}; {fix}"
                )
        return dict(value)
    if isinstance(value, (list, np.ndarray)) and not (option == "color" and ok(value)):
        raise TypeError(
            f"Labels({option}=...) takes one value, a dict label -> value or a "
            f"function of the label, not a {type(value).__name__} (a list cannot say "
            f"which label it means once the rows are clustered); e.g. "
            f"{option}={{'gene_a': ...}} or {option}=lambda label: ..."
        )
    if not ok(value):
        raise ValueError(f"Labels({option}={value!r}): {fix}")
    return value


def _same_labels(a: pd.Index, b: pd.Index) -> bool:
    """Whether two label indexes hold the same labels in the same order."""
    return len(a) == len(b) and bool(a.equals(b))


class Labels(Panel):
    """The row names (left/right) or column names (top/bottom), in drawn order.

    Each label is centred on its cell.  When the cells are too small for
    every label at a legible size, an evenly spaced subset is shown (every
    k-th label) so no two labels overlap; the attribute ``shown`` tells which.

    Parameters
    ----------
    rotation : float, optional
        Degrees.  Default 0 on the left/right and 90 on the top/bottom.
    fontsize : float, optional
        Points.  Default: the rc font size, shrunk to fit the cells down to
        6 pt, below which labels are thinned instead.
    formatter : callable, optional
        Turns a label into the string drawn.  Default: ``str``, with the
        parts of a MultiIndex label joined by "-" (``("A", 1)`` -> "A-1").
    math : bool, default False
        Render ``$...$`` in labels as mathtext.  By default labels are data
        and drawn literally, so a name such as ``"a$b$"`` is shown as is
        (and malformed math in a label can never fail the save).
    color, fontweight, fontstyle : value, dict or callable, optional
        Each label's colour, weight ("bold", 700, ...) and style ("italic",
        ...): one value for all, a dict label -> value (labels not in it
        keep the default), or a function of the label.  Values are checked
        when the panel is created (a function's results when drawn).
    color_by : Series or dict, optional
        Colour the labels by a category per label (aligned by label, like an
        AnnotationBar) and contribute its legend; not together with
        ``color=``.
    palette : dict, list or str, optional
        Colours for ``color_by``'s categories (as for AnnotationBar).
    title : str or bool, optional
        An axis title beyond the labels, e.g. "Samples".  Default (None):
        the index's (rows) or columns' name, or the MultiIndex level names
        joined with "-", as seaborn does; False: no title.  The title is
        part of the measured layout.
    title_fontsize : float, optional
        Points; default the rc font size.
    step : int, optional
        Show every ``step``-th label from the first (seaborn's
        ``xticklabels=k``); a multiple of ``step`` when that many would
        overlap.  Default: every label that fits.

    Attributes
    ----------
    shown : numpy.ndarray of int
        After a draw: the positions (in drawn order) of the labels drawn.
    texts : list of matplotlib.text.Text
        After a draw: the label texts drawn, in the order of ``shown``.

    Examples
    --------
    >>> X = cg.load_dataset("wine").drop(columns="cultivar").iloc[::20]
    >>> names = cg.Labels(fontsize=8)
    >>> g = cg.ClusterGrid(X, z_score=1).cluster().add(names, "right")
    >>> fig = g.draw()
    >>> [t.get_text() for t in names.texts][:3] == g.row_order[:3].tolist()
    True
    """

    default_size: SizeLike = Auto
    default_pad = 2.0 / 72

    def __init__(
        self,
        rotation: float | None = None,
        fontsize: float | None = None,
        *,
        color: PerLabel[ColorType] | None = None,
        formatter: Callable[[Any], str] | None = None,
        math: bool = False,
        fontweight: PerLabel[str | float] | None = None,
        fontstyle: PerLabel[str] | None = None,
        color_by: pd.Series | Mapping[Any, Hashable] | None = None,
        palette: Palette | None = None,
        title: str | bool | None = None,
        title_fontsize: float | None = None,
        step: int | None = None,
    ) -> None:
        if step is not None and (
            isinstance(step, bool)
            or not isinstance(step, (int, np.integer))
            or step < 1
        ):
            raise ValueError(
                f"Labels(step={step!r}): give a whole number >= 1 (every step-th "
                "label, seaborn's xticklabels=k), or None to show all that fit"
            )
        self.step = None if step is None else int(step)
        if fontsize is not None and not (
            isinstance(fontsize, (int, float)) and fontsize > 0
        ):
            raise ValueError(
                f"fontsize must be a positive number of points, got {fontsize!r}"
            )
        if rotation is not None:
            if (
                isinstance(rotation, bool)
                or not isinstance(rotation, (int, float, np.number))
                or not np.isfinite(rotation)
            ):
                raise ValueError(
                    f"Labels(rotation={rotation!r}): give a finite angle in degrees, "
                    "e.g. rotation=45 (or None for the side's default)"
                )
        if title_fontsize is not None and not (
            isinstance(title_fontsize, (int, float)) and title_fontsize > 0
        ):
            raise ValueError(
                f"title_fontsize must be a positive number of points, got "
                f"{title_fontsize!r}"
            )
        if not (title is None or isinstance(title, (str, bool))):
            raise TypeError(
                f"Labels(title=...) takes a string, True/None (the index name) or "
                f"False (none), got {type(title).__name__}"
            )
        if formatter is not None and not callable(formatter):
            raise TypeError(
                f"Labels(formatter=...) takes a function label -> str, got "
                f"{type(formatter).__name__}"
            )
        self.rotation = None if rotation is None else float(rotation)
        self.fontsize = fontsize
        self.color: PerLabel[ColorType] | None = _check_style_option(
            "color",
            color,
            mcolors.is_color_like,
            "give a colour name, hex string or RGB(A) tuple",
        )
        self.fontweight: PerLabel[str | float] | None = _check_style_option(
            "fontweight",
            fontweight,
            _check_weight,
            f"give one of {', '.join(_WEIGHTS[:11])}, ... or a number 0-1000",
        )
        self.fontstyle: PerLabel[str] | None = _check_style_option(
            "fontstyle",
            fontstyle,
            lambda v: isinstance(v, str) and v in _STYLES,
            f"give one of {', '.join(_STYLES)}",
        )
        if color_by is not None:
            if color is not None:
                raise ValueError(
                    "Labels: give color= or color_by=, not both (color_by colours "
                    "the labels by category and adds its legend)"
                )
            color_by = as_series(color_by)
            if not isinstance(color_by, (pd.Series, dict)):
                raise TypeError(
                    f"Labels(color_by=...) takes a Series or dict label -> category, "
                    f"got {type(color_by).__name__}"
                )
            cats = pd.Series(color_by)
            categorical_colors(
                legend_categories(cats), palette
            )  # a bad palette fails here
        elif palette is not None:
            raise ValueError(
                "Labels(palette=...) colours color_by's categories; pass color_by= "
                "too, or use color= for fixed colours"
            )
        self.color_by = color_by
        self.palette = palette
        self.title = title
        self.title_fontsize = title_fontsize
        self.formatter = formatter or display_label
        self.math = bool(math)
        self.shown: np.ndarray = np.empty(0, dtype=np.intp)
        self.texts: list[Text] = []

    # -- text properties -------------------------------------------------------
    def _rotation(self, ctx: Context) -> float:
        if self.rotation is not None:
            r = float(self.rotation) % 360
            return r - 360 if r > 180 else r
        return 0.0 if ctx.orientation == "vertical" else 90.0

    def _align(self, ctx: Context) -> dict[str, Any]:
        rot = self._rotation(ctx)
        r = ((rot + 90) % 180) - 90  # the text's direction in (-90, 90]
        side = ctx.side
        if side in ("left", "right"):
            return dict(
                rotation=rot,
                va="center",
                ha="left" if side == "right" else "right",
                rotation_mode="anchor" if r == 0 else "default",
                **text_mode(self.math),
            )
        if abs(r) in (0.0, 90.0):
            ha = "center"
        elif side == "bottom":
            ha = "right" if r > 0 else "left"
        else:
            ha = "left" if r > 0 else "right"
        return dict(
            rotation=rot,
            ha=ha,
            va="top" if side == "bottom" else "bottom",
            **text_mode(self.math),
        )

    def _strings(self, ctx: Context) -> list[str]:
        labels = ctx.labels
        hit = self.__dict__.get("_strings_of")
        if (
            hit is not None
            and hit[1] is self.formatter
            and (hit[0] is labels or _same_labels(hit[0], labels))
        ):
            return hit[2]  # the same axis, measured again: format it once
        # tolist(): the Index's values as Python objects in one pass (iterating a
        # pandas string Index item by item costs ~1 us per label)
        fmt = self.formatter
        out = [fmt(x) for x in labels.tolist()]
        self._strings_of = (labels, self.formatter, out)
        return out

    # -- per-label style ----------------------------------------------------------
    def _color_by(self, ctx: Context) -> tuple[pd.Series, dict[Any, RGBA]] | None:
        """color_by's categories in drawn order, and category -> colour."""
        if self.color_by is None:
            return None
        what = "row" if ctx.orientation == "vertical" else "column"
        whole = ctx._drawn_whole()
        s = align_to_labels(
            self.color_by,
            whole,
            what,
            "Labels(color_by=...)",
            ctx._engine.universe(ctx.orientation == "vertical"),
        )
        palette = self.palette
        if palette is None:  # the colours the grid allocated across the figure
            palette = ctx._engine.palettes.get(id(self))
        colors = categorical_colors(legend_categories(s), palette)
        return s.reindex(ctx.labels), colors

    def _color_by_categories(self, ctx: Context) -> list[Any]:
        s = align_to_labels(
            self.color_by,
            ctx._drawn_whole(),
            "row" if ctx.orientation == "vertical" else "column",
            "Labels(color_by=...)",
            ctx._engine.universe(ctx.orientation == "vertical"),
        )
        return legend_categories(s)

    def _palette_requests(self, ctx: Context) -> list[tuple[int, list[Any]]]:
        if self.color_by is None or self.palette is not None:
            return []
        return [(id(self), self._color_by_categories(ctx))]

    def _taken_colors(self, ctx: Context) -> list[Any]:
        if self.color_by is None or self.palette is None:
            return []
        by = self._color_by(ctx)
        return [] if by is None else list(by[1].values())

    def _styles(self, ctx: Context) -> list[dict[str, Any]]:
        """Text properties per label (drawn order): colour, weight, style.

        The dictionaries are read, never changed: without any per-label
        option every label shares one empty dictionary (formatting 10,000
        labels' styles took ~0.1 s of a 10,000-row figure)."""
        by = self._color_by(ctx)
        options = [
            (key, spec)
            for key, spec in (
                ("color", self.color),
                ("fontweight", self.fontweight),
                ("fontstyle", self.fontstyle),
            )
            if spec is not None
        ]
        if not options and by is None:
            return [{}] * len(ctx.labels)
        labels = list(ctx.labels)
        out: list[dict[str, Any]] = [{} for _ in labels]
        v: object  # the label's value of that option
        for key, spec in options:
            for i, lab in enumerate(labels):
                if callable(spec):
                    v = spec(lab)
                    ok = {
                        "color": mcolors.is_color_like,
                        "fontweight": _check_weight,
                        "fontstyle": lambda x: x in _STYLES,
                    }[key]
                    if v is not None and not ok(v):
                        raise ValueError(
                            f"Labels({key}=function): it returned {v!r} for label "
                            f"{lab!r}, which is not a valid {key}"
                        )
                elif isinstance(spec, dict):
                    v = spec.get(lab)
                else:
                    v = spec
                if v is not None:
                    out[i][key] = v
        if by is not None:
            cats, colors = by
            for i, c in enumerate(cats):
                if not pd.isna(c):
                    out[i]["color"] = colors[c]
        return out

    def offers_legend(self) -> bool:
        return self.color_by is not None

    def legend(self, ctx: Context) -> LegendSpec | None:
        """color_by's legend: its name and a swatch per category."""
        by = self._color_by(ctx)
        if by is None:
            return None
        _, colors = by
        name = getattr(self.color_by, "name", None)
        return (
            "" if name is None else str(name),
            [(display_label(k), mcolors.to_rgba(v)) for k, v in colors.items()],
        )

    # -- axis title -------------------------------------------------------------------
    def _title(self, ctx: Context) -> str:
        if self.title is False:
            return ""
        if isinstance(self.title, str):
            return self.title
        return index_title(ctx.labels)

    def _title_props(self, ctx: Context) -> dict[str, Any]:
        fs = self.title_fontsize or mpl.rcParams["font.size"]
        if ctx.side in ("left", "right"):
            return dict(
                **text_mode(self.math),
                fontsize=fs,
                rotation=90,
                va="center",
                ha="left" if ctx.side == "right" else "right",
            )
        return dict(
            **text_mode(self.math),
            fontsize=fs,
            rotation=0,
            ha="center",
            va="bottom" if ctx.side == "top" else "top",
        )

    def _title_slice(self, ctx: Context) -> bool:
        """The title goes with the middle slice of a split axis."""
        return ctx.slice_index == ctx.n_slices // 2

    def _title_extent(self, ctx: Context) -> tuple[float, float]:
        """(thickness across, length along) of the title, inches."""
        title = self._title(ctx)
        if not title:
            return 0.0, 0.0
        bb = measure_texts([title], ctx.renderer, ctx.figure, **self._title_props(ctx))[
            0
        ]
        w, h = bb[1] - bb[0], bb[3] - bb[2]
        return (w, h) if ctx.orientation == "vertical" else (h, w)

    def layout(self, ctx: Context) -> tuple[float, np.ndarray, dict]:
        """Choose the font size and the shown subset for ``ctx.length``.

        Returns (fontsize, shown positions, text properties)."""
        n, cell = ctx.n, ctx.cell
        self._dropped = (0, 0)  # labels left out at the (start, end) of the axis
        props = self._align(ctx)
        rot = math.radians(((props["rotation"] + 90) % 180) - 90)
        base = self.fontsize or mpl.rcParams["font.size"]
        styles = self._styles(ctx)
        bold = {
            k: v
            for st in (styles if self.fontweight is not None else ())
            for k, v in st.items()
            if k == "fontweight"
            and v not in ("normal", "regular", "book", "light", "ultralight", "roman")
            and not (isinstance(v, (int, float)) and v < 500)
        }
        if bold:  # a bold label is the widest: measure as bold
            props = dict(props, fontweight="bold")
        # the along-axis extent of one label per point of font size (the
        # tallest label's, so multi-line labels get room for every line)
        unit = measure_texts(
            ["Ag"],
            ctx.renderer,
            ctx.figure,
            fontsize=10.0,
            fontweight=props.get("fontweight", "normal"),
        )[0]
        h1 = (unit[3] - unit[2]) / 10.0
        strings0 = self._strings(ctx)
        if any("\n" in x for x in strings0):
            tall = measure_texts(
                [x for x in strings0 if "\n" in x],
                ctx.renderer,
                ctx.figure,
                fontsize=10.0,
                fontweight=props.get("fontweight", "normal"),
                **text_mode(self.math),
            )
            h1 = max(h1, float((tall[:, 3] - tall[:, 2]).max()) / 10.0)
        if ctx.orientation == "vertical":
            along_sin = abs(math.cos(rot))  # text height projects onto y
        else:
            along_sin = abs(math.sin(rot))
        fs = base
        if self.fontsize is None and along_sin > 0.3:
            fit = cell * along_sin / (h1 * _GAP)
            fs = float(np.clip(fit, _MIN_FONTSIZE, base))
        # spacing needed between neighbouring labels, in inches
        if along_sin > 1e-6:
            need = h1 * fs * _GAP / along_sin
        else:
            need = np.inf
        if along_sin < 0.7:  # the label's length may matter more than its height
            strings = self._strings(ctx)
            bbs = measure_texts(strings, ctx.renderer, ctx.figure, fontsize=fs, **props)
            widths = (
                (bbs[:, 1] - bbs[:, 0])
                if ctx.orientation == "horizontal"
                else (bbs[:, 3] - bbs[:, 2])
            )
            need = min(need, float(widths.max()) * _GAP)
        k = max(1, int(math.ceil(need / cell - 1e-9))) if cell > 0 else n
        centred = (
            props.get("ha") == "center" if ctx.orientation == "horizontal" else True
        )
        i0 = 0
        # measured extents are whole pixels of the measuring canvas: an end
        # label is never left out for lack of a pixel or two (the overhang is
        # reported to the layout by measure(), which makes room for it)
        slack = _SLACK_PX / ctx.figure.dpi
        if k > 1 and centred and cell > 0:
            # keep the outermost labels within the heatmap's extent: a label's own
            # along-axis extent (without the gap kept between neighbours) must fit
            i0 = max(0, int(math.ceil(need / _GAP / (2 * cell) - 0.5 - 1e-9)))
        # when not even one label fits within the extent, show none rather than
        # let it reach into a corner where other content may be (draw() warns)
        shown = np.arange(i0, n - i0, k) if n - i0 > i0 else np.empty(0, dtype=np.intp)
        props = dict(props, fontsize=fs)
        props.pop("fontweight", None)
        if centred and len(shown):
            # the end labels' own boxes (rotated labels are taller than their
            # spacing suggests) must stay within the heatmap's extent
            strings = self._strings(ctx)

            def half(i: int) -> float:
                bb = measure_texts(
                    [strings[i]],
                    ctx.renderer,
                    ctx.figure,
                    **dict(props, **_font(styles[i])),
                )[0]
                return (
                    float(
                        bb[3] - bb[2]
                        if ctx.orientation == "vertical"
                        else bb[1] - bb[0]
                    )
                    / 2
                )

            first, last = int(shown[0]), int(shown[-1])
            while (
                len(shown) and half(shown[0]) > (shown[0] + 0.5) * cell + slack + 1e-9
            ):
                shown = shown[1:]
            while (
                len(shown)
                and half(shown[-1]) > (n - shown[-1] - 0.5) * cell + slack + 1e-9
            ):
                shown = shown[:-1]
            if k == 1:  # every label fitted: any left out at an end is dropped
                at_start = int(shown[0]) - first if len(shown) else n
                at_end = last - int(shown[-1]) if len(shown) else 0
                self._dropped = (at_start, at_end)
        if self.step is not None and len(shown):
            # every step-th label (a multiple of step when that many would overlap)
            fit = int(shown[1] - shown[0]) if len(shown) > 1 else 1
            k = self.step * max(1, math.ceil(fit / self.step))
            lo, hi = int(shown[0]), int(shown[-1])
            shown = np.arange(int(math.ceil(lo / k) * k), hi + 1, k, dtype=np.intp)
        return fs, shown, props

    def _warn_dropped(self, ctx: Context, fs: float) -> None:
        """Warn about labels left out at the ends (every other one fitted)."""
        at_start, at_end = self._dropped
        if not (at_start or at_end):
            return
        strings = self._strings(ctx)
        ends = ("first", "last") if ctx.orientation == "vertical" else ("left", "right")
        parts = []
        if at_start:
            names = ", ".join(f'"{x}"' for x in strings[:at_start][:3])
            parts.append(f"the {ends[0]} {at_start} ({names})")
        if at_end:
            names = ", ".join(f'"{x}"' for x in strings[ctx.n - at_end :][-3:])
            parts.append(f"the {ends[1]} {at_end} ({names})")
        where = f" of slice {ctx.slice_index + 1}" if ctx.n_slices > 1 else ""
        _warn(
            f"Labels on the {ctx.side}: {at_start + at_end} label(s) left out at the "
            f"ends{where}: {' and '.join(parts)}; at {fs:.1f} pt they would reach past "
            "the heatmap; give a smaller fontsize=, a larger cell_size=, or turn them "
            "(rotation=)"
        )

    def _boxes(
        self, ctx: Context, shown: npt.NDArray[np.intp], props: dict[str, Any]
    ) -> npt.NDArray[np.float64]:
        """Each shown label's box, measured with its own weight and style."""
        strings = self._strings(ctx)
        styles = self._styles(ctx)
        out = np.zeros((len(shown), 4))
        groups: dict[tuple[tuple[str, Any], ...], list[int]] = {}
        for j, i in enumerate(shown):
            groups.setdefault(tuple(sorted(_font(styles[i]).items())), []).append(j)
        for key, js in groups.items():
            out[js] = measure_texts(
                [strings[shown[j]] for j in js],
                ctx.renderer,
                ctx.figure,
                **dict(props, **dict(key)),
            )
        return out

    def _thickness(self, ctx: Context, shown: np.ndarray, bbs: np.ndarray) -> float:
        if not len(shown):
            return 0.0
        if ctx.side == "right":
            thick = bbs[:, 1].max()
        elif ctx.side == "left":
            thick = -bbs[:, 0].min()
        elif ctx.side == "top":
            thick = bbs[:, 3].max()
        else:
            thick = -bbs[:, 2].min()
        return max(float(thick), 0.0)

    def measure(self, ctx: Context) -> Extent:
        if ctx.orientation == "corner":
            raise ValueError("Labels go on a side, not in a corner")
        fs, shown, props = self.layout(ctx)
        before = after = 0.0
        thick = 0.0
        if len(shown):
            bbs = self._boxes(ctx, shown, props)
            pos = (shown + 0.5) * ctx.cell
            thick = self._thickness(ctx, shown, bbs)
            if ctx.orientation == "vertical":  # along runs down: y up is 'before'
                lo, hi = pos - bbs[:, 3], pos - bbs[:, 2]
            else:
                lo, hi = pos + bbs[:, 0], pos + bbs[:, 1]
            before, after = (
                max(0.0, -float(lo.min())),
                max(0.0, float(hi.max()) - ctx.length),
            )
        across, along = self._title_extent(ctx)
        if across:
            thick += _TITLE_PAD_PT / 72 + across
            if self._title_slice(
                ctx
            ):  # a title longer than the heatmap reaches past its ends
                over = max(0.0, along / 2 - ctx.length / 2)
                before, after = max(before, over), max(after, over)
        return Extent(thickness=thick, before=before, after=after)

    def page_data(
        self, drawn: Drawn, view: PageView
    ) -> tuple[str, dict[str, Any]] | None:
        """The page redraws the labels of the zoomed cells over this box."""
        return "labels", {}

    def _keep_user_edits(self) -> None:
        _keep_label_edits(self)

    def draw(self, ax: Axes, ctx: Context) -> list[Text]:
        """Draw the labels (and the axis title); returns the texts drawn."""
        fs, shown, props = self.layout(ctx)
        strings = self._strings(ctx)
        styles = self._styles(ctx)
        ax.set_axis_off()
        if not len(shown) and ctx.n:
            _warn(
                f"Labels on the {ctx.side}: no label fits in the heatmap's {ctx.length:.2f} in at "
                f"{fs:.0f} pt, so none is drawn; enlarge the figure (or cell_size), shorten the "
                "labels, or turn them (rotation=)"
            )
        if len(shown):
            self._warn_dropped(ctx, fs)
        if ctx.slice_index == 0:
            self.shown, self.texts = np.empty(0, dtype=np.intp), []
        # positions in the full drawn order, over every slice of a split axis
        self.shown = np.concatenate([self.shown, shown + ctx.slice_start])
        self.fontsize_ = fs
        if ctx.orientation == "vertical":
            trans = ax.get_yaxis_transform()
            x = 0.0 if ctx.side == "right" else 1.0
            pts = [(x, i + 0.5) for i in shown]
        else:
            trans = ax.get_xaxis_transform()
            y = 1.0 if ctx.side == "bottom" else 0.0
            pts = [(i + 0.5, y) for i in shown]
        drawn = [
            ax.text(
                px,
                py,
                strings[i],
                transform=trans,
                clip_on=False,
                **dict(props, **styles[i]),
            )
            for (px, py), i in zip(pts, shown, strict=True)
        ]
        edits = getattr(self, "_user_edits", {})
        for text in drawn:
            text._cg_as_drawn = _edit_props(text)  # type: ignore[attr-defined]
            if text.get_text() in edits:  # what the user changed before a re-layout
                text.update(edits[text.get_text()])
        self.texts = self.texts + drawn
        title = self._title(ctx)
        if title and self._title_slice(ctx):
            thick = (
                self._thickness(ctx, shown, self._boxes(ctx, shown, props))
                if len(shown)
                else 0.0
            )
            off = (thick + _TITLE_PAD_PT / 72) * 72
            side = ctx.side
            xy = {
                "right": (0.0, 0.5),
                "left": (1.0, 0.5),
                "top": (0.5, 0.0),
                "bottom": (0.5, 1.0),
            }[side]
            xytext = {
                "right": (off, 0),
                "left": (-off, 0),
                "top": (0, off),
                "bottom": (0, -off),
            }[side]
            t = ax.annotate(
                title,
                xy=xy,
                xycoords="axes fraction",
                xytext=xytext,
                textcoords="offset points",
                annotation_clip=False,
                **self._title_props(ctx),
            )
            t.set_label("clustergrid:labels:title")
            self.title_text = t
            drawn.append(t)
        return drawn


_EDITABLE = ("fontsize", "rotation", "color", "fontweight", "fontstyle", "visible")


def _edit_props(text: Text) -> dict[str, Any]:
    """The properties of a label a user changes after drawing (``plt.setp``,
    ``tick_params``, ``set_*ticklabels(..., **props)``)."""
    return {k: text.properties()[k] for k in _EDITABLE}


def _keep_label_edits(panel: Labels) -> None:
    """Remember, by label, what the user changed on ``panel``'s drawn labels,
    so the labels of the next draw carry it (and are measured with it)."""
    edits = dict(getattr(panel, "_user_edits", {}))
    for text in getattr(panel, "texts", []):
        before = getattr(text, "_cg_as_drawn", None)
        if before is None:
            continue
        now = _edit_props(text)
        changed = {k: v for k, v in now.items() if v != before[k]}
        if changed:
            edits[text.get_text()] = {**edits.get(text.get_text(), {}), **changed}
    panel._user_edits = edits  # type: ignore[attr-defined]


def _font(style: dict[str, Any]) -> dict[str, Any]:
    """The parts of a label's style that change its size."""
    return {k: v for k, v in style.items() if k in ("fontweight", "fontstyle")}
