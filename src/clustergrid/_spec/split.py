"""``split()``: the groupings, gaps and titles checked and normalised to what the
builder holds per axis."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._input.frame import as_frame
from .._input.matrix import Matrix
from .._order.axis_order import AxisRequest, slice_gaps
from .._order.split import SplitSpec, check_split_arg, check_split_options
from ..sizes import to_inches

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

__all__ = ["SplitOptions", "check_split", "n_slices", "parse_gap"]


@dataclass(frozen=True)
class SplitOptions:
    """What the builder holds after ``split()``."""

    requests: dict[str, AxisRequest]
    """Per axis ("row", "col"): its split (or None) and gaps."""
    gap: float
    """The uniform gap between slices."""
    titles: bool | dict[str, Sequence[object]] | None


def parse_gap(gap: object) -> tuple[float, dict[str, float | list[float]]]:
    """``split(gap=...)``: one length, a list per boundary, or a dict per axis.
    Returns the uniform gap and each axis's gap (a length or a list)."""

    def one(v: object, what: str) -> float | list[float]:
        if isinstance(v, (list, tuple, np.ndarray)):
            if not len(v):
                raise ValueError(
                    f"gap={v!r}: give one length for every boundary between "
                    "slices, or a list with one length per boundary"
                )
            try:
                return [to_inches(x, "gap") for x in v]
            except (TypeError, ValueError) as exc:
                raise type(exc)(
                    f"{exc} (in split {what}: every gap must be a length, inches "
                    "or '2mm')"
                ) from None
        return to_inches(v, "gap")

    if isinstance(gap, dict):
        bad = set(gap) - {"rows", "cols"}
        if bad:
            raise ValueError(
                f"split gap= dict keys must be 'rows' and/or 'cols', got "
                f"{sorted(map(str, bad))}"
            )
        per: dict[str, float | list[float]] = {
            "row": one(gap.get("rows", "2mm"), "gap['rows']"),
            "col": one(gap.get("cols", "2mm"), "gap['cols']"),
        }
    else:
        v = one(gap, "gap=")
        per = {"row": v, "col": v}
    uniform = next((v for v in per.values() if isinstance(v, float)), to_inches("2mm"))
    return uniform, per


def n_slices(by: object, labels: pd.Index) -> int | None:
    """How many slices a split grouping makes of the current ``labels``
    (None when that cannot be told before drawing)."""
    if isinstance(by, (bool, np.bool_)):
        return None
    if isinstance(by, (int, np.integer)):
        return int(by)
    try:
        if isinstance(by, (pd.DataFrame, pd.Series, dict)):
            frame = pd.DataFrame(by) if isinstance(by, dict) else by
            if isinstance(frame, pd.Series):
                frame = frame.to_frame()
            if not labels.isin(frame.index).all():
                return None
            return int(len(frame.loc[labels].dropna().drop_duplicates()))
        if not isinstance(by, Iterable):
            return None
        values = pd.Series(list(by))
        return int(values.dropna().nunique()) if len(values) == len(labels) else None
    except (TypeError, ValueError, KeyError):
        return None


def check_split(
    rows: Any,
    cols: Any,
    *,
    gap: object,
    titles: Any,
    cluster_within: bool,
    kmeans: bool,
    repeats: int,
    seed: Any,
    cluster_slices: bool,
    requests: dict[str, AxisRequest],
    data: Matrix,
) -> SplitOptions:
    """``split(...)`` checked and applied to the per-axis ``requests`` (None
    keeps an axis's split, False removes it)."""
    for axis, arg in (("rows", rows), ("cols", cols)):
        if arg is not None and arg is not False:
            check_split_arg(arg, axis)
    check_split_options(kmeans, repeats, seed, cluster_slices)
    if titles is not None and not isinstance(titles, (bool, dict)):
        raise TypeError(
            "titles= takes True/False or a dict {'rows': [...], 'cols': [...]}, "
            f"got {type(titles).__name__}"
        )
    if isinstance(titles, dict) and set(titles) - {"rows", "cols"}:
        raise ValueError(
            f"titles= dict keys must be 'rows' and/or 'cols', got {sorted(titles)}"
        )
    split = {axis: r.split for axis, r in requests.items()}
    for key, arg in (("row", rows), ("col", cols)):
        if arg is False:
            split[key] = None
        elif arg is not None:
            split[key] = SplitSpec(
                as_frame(arg),
                bool(cluster_within),
                bool(kmeans),
                int(repeats),
                seed,
                bool(cluster_slices),
            )
    uniform, gaps = parse_gap(gap)
    for axis in ("row", "col"):  # a gap per boundary: check the count here, at the call
        given, sp = gaps[axis], split[axis]
        if isinstance(given, list) and sp is not None:
            n = n_slices(sp.by, data.rows if axis == "row" else data.cols)
            if n is not None:
                slice_gaps(given, axis, n)
    out = {a: replace(r, split=split[a], gaps=gaps[a]) for a, r in requests.items()}
    return SplitOptions(out, uniform, titles)
