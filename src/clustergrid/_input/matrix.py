"""Input coercion and validation: whatever the user passes becomes one
read-only float matrix with unique row and column labels.

The user's object is never modified: we copy (once) into a float64 array and
mark it read-only so no later step can write into it by accident.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .frame import as_frame, as_series, by_position

__all__ = [
    "Matrix",
    "coerce_matrix",
    "align_to_labels",
    "check_permutation",
    "pivot_long",
    "coerce_cell_table",
    "select_labels",
    "AGGREGATIONS",
    "DENSE_LIMIT_BYTES",
    "densify",
    "is_sparse",
]

#: The largest dense float64 matrix (bytes) a sparse input is expanded to.
DENSE_LIMIT_BYTES = 2 * 2**30


def is_sparse(data: Any) -> bool:
    """True for a scipy.sparse matrix or array."""
    import scipy.sparse as sp

    return bool(sp.issparse(data))


def _fmt_bytes(n: float) -> str:
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{int(n)} bytes"


def densify(
    data: Any, name: str = "the matrix", limit: int | None = None, hint: str = ""
) -> np.ndarray:
    """A dense float64 copy of the sparse ``data``, refused (ValueError)
    before anything is allocated if it would take more than ``limit`` bytes
    (default :data:`DENSE_LIMIT_BYTES`).  Implicit entries are 0; stored NaN
    stay missing."""
    limit = DENSE_LIMIT_BYTES if limit is None else int(limit)
    shape = tuple(int(k) for k in data.shape)
    if len(shape) != 2:
        raise ValueError(f"{name} must be 2-D, got a sparse array of shape {shape}")
    if data.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} is a sparse matrix of dtype {data.dtype}; a heatmap needs "
            f"real numbers (for complex values pass abs(x) or x.real)"
        )
    need = shape[0] * shape[1] * 8
    if need > limit:
        raise ValueError(
            f"{name} is a scipy sparse matrix of shape {shape}; drawn as a heatmap it must be "
            f"densified to {_fmt_bytes(need)} of float64, more than the limit of "
            f"{_fmt_bytes(limit)} (cg.DENSE_LIMIT_BYTES). Select fewer rows "
            f"or columns first{hint}, or pass x.toarray() yourself if it really fits."
        )
    return np.asarray(data.toarray(), dtype=np.float64)


class Matrix:
    """A validated matrix: values (read-only float64) plus row/column labels."""

    __slots__ = ("values", "rows", "cols")

    def __init__(self, values: np.ndarray, rows: pd.Index, cols: pd.Index):
        self.values = values
        self.rows = rows
        self.cols = cols

    @property
    def shape(self) -> tuple[int, int]:
        n, m = self.values.shape
        return int(n), int(m)

    def frame(
        self, row_idx: np.ndarray | None = None, col_idx: np.ndarray | None = None
    ) -> pd.DataFrame:
        """A DataFrame of the values in the given positional order (a view
        when neither order is given, else one copy of the cells, made in the
        values' memory layout)."""
        rows, cols = self.rows, self.cols
        if row_idx is not None:
            rows = rows[row_idx]
        if col_idx is not None:
            cols = cols[col_idx]
        v = _take2(self.values, row_idx, col_idx)
        return pd.DataFrame(v, index=rows, columns=cols, copy=False)

    def take(self, row_pos: np.ndarray | None, col_pos: np.ndarray | None) -> Matrix:
        """A new matrix of the given rows and columns (positions), copying
        only the selected cells, once; ``None`` keeps an axis whole (and if
        both are None, ``self`` is returned)."""
        if row_pos is None and col_pos is None:
            return self
        v = self.values
        rows, cols = self.rows, self.cols
        if row_pos is not None and col_pos is not None:
            v = v[np.ix_(row_pos, col_pos)]
        elif row_pos is not None:
            v = v[row_pos]
        else:
            v = v[:, col_pos]
        if row_pos is not None:
            rows = rows[row_pos]
        if col_pos is not None:
            cols = cols[col_pos]
        v.flags.writeable = False
        return Matrix(v, rows, cols)


def _take2(
    v: npt.NDArray[np.float64],
    row_idx: npt.NDArray[np.intp] | None,
    col_idx: npt.NDArray[np.intp] | None,
) -> npt.NDArray[np.float64]:
    """``v[row_idx][:, col_idx]`` in one copy.  A column-major ``v`` (what
    ``DataFrame.to_numpy()`` gives) is gathered column by column into a
    column-major result, which is also pandas' own layout, so the DataFrame
    holds it without another copy; gathering its rows would read every row
    across the whole array."""
    if row_idx is None and col_idx is None:
        return v
    if v.flags.f_contiguous and not v.flags.c_contiguous:
        cols = np.arange(v.shape[1]) if col_idx is None else col_idx
        n = v.shape[0] if row_idx is None else len(row_idx)
        out = np.empty((n, len(cols)), dtype=v.dtype, order="F")
        for j, c in enumerate(cols):
            if row_idx is None:
                out[:, j] = v[:, c]
            else:
                np.take(v[:, c], row_idx, out=out[:, j])
        return out
    if row_idx is None or col_idx is None:
        return v[row_idx] if row_idx is not None else v[:, col_idx]
    # row-major: gather rows and then columns a block of rows at a time, so
    # the block stays in cache and no whole-matrix intermediate is made
    out = np.empty((len(row_idx), len(col_idx)), dtype=v.dtype)
    step = max(1, 2**20 // max(1, v.shape[1]))  # ~8 MB of rows per block
    for a in range(0, len(row_idx), step):
        np.take(v[row_idx[a : a + step]], col_idx, axis=1, out=out[a : a + step])
    return out


def _fmt_labels(labels: Iterable[Any], limit: int = 5) -> str:
    labels = list(labels)
    shown = ", ".join(repr(x) for x in labels[:limit])
    if len(labels) > limit:
        shown += f", ... ({len(labels)} in all)"
    return shown


def mismatch_parts(
    missing: Collection[Any], extra: Collection[Any], missing_msg: str, extra_msg: str
) -> list[str]:
    """Phrases naming labels that are missing and labels that are extra, for
    an error message; ``{}`` in each message stands for the labels."""
    parts = []
    if len(missing):
        parts.append(missing_msg.format(_fmt_labels(missing)))
    if len(extra):
        parts.append(extra_msg.format(_fmt_labels(extra)))
    return parts


def _check_unique(index: pd.Index, what: str) -> None:
    if not index.is_unique:
        dups = index[index.duplicated()].unique()
        raise ValueError(
            f"duplicate {what} labels: {_fmt_labels(dups)}. Labels must be unique so that "
            f"annotations, orders and labels line up with the right {what}; make them unique "
            f"(for example add a suffix to df.{'index' if what == 'row' else 'columns'}) or "
            f"aggregate the duplicates first (df.groupby(level=0).mean())."
        )


def coerce_matrix(data: Any) -> Matrix:
    """Validate ``data`` and return a :class:`Matrix`.

    Raises
    ------
    TypeError
        For non-numeric columns (named) or unsupported input types.
    ValueError
        For empty, non-2-D input, infinite values or duplicate labels.
        Infinite values are an error, never clipped: the message names the
        first one and shows how to turn them into missing values.
    """
    rows: pd.Index
    cols: pd.Index
    data = as_frame(data)
    if isinstance(data, pd.DataFrame):
        # by position: with duplicate column names data[c] would be a DataFrame
        bad_dt = [
            (c, dt)
            for c, dt in zip(data.columns, data.dtypes, strict=True)
            if not (
                pd.api.types.is_numeric_dtype(dt) and not pd.api.types.is_bool_dtype(dt)
            )
        ]
        cplx = [
            c
            for c, dt in zip(data.columns, data.dtypes, strict=True)
            if getattr(dt, "kind", "") == "c"
        ]
        if cplx:
            raise TypeError(
                f"complex values cannot be drawn (column(s) {_fmt_labels(cplx)}); "
                "pass df.abs() or np.real(df)"
            )
        bad = [c for c, _ in bad_dt]
        if bad:
            raise TypeError(
                f"column(s) {_fmt_labels(bad)} are not numeric "
                f"(dtype {bad_dt[0][1]}). A heatmap needs numbers: drop them "
                f"(df.drop(columns=[...])), move labels into the index (df.set_index(...)), "
                f"or use them as an AnnotationBar."
            )
        rows, cols = data.index, data.columns
        values = data.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    elif is_sparse(data):
        values = densify(data)
        rows, cols = pd.RangeIndex(values.shape[0]), pd.RangeIndex(values.shape[1])
    elif isinstance(data, pd.Series):
        raise ValueError(
            "a heatmap needs a 2-D table, got a Series: use series.to_frame() "
            "or series.unstack()"
        )
    else:
        try:
            arr = np.asarray(data)
        except Exception as exc:  # pragma: no cover - exotic inputs
            raise TypeError(
                f"cannot read {type(data).__name__} as a 2-D matrix: {exc}"
            ) from None
        if arr.dtype == object or arr.dtype.kind in "USbMm":
            raise TypeError(
                f"the matrix has non-numeric values (dtype {arr.dtype}); pass numbers, "
                "or a DataFrame whose label column is set as the index"
            )
        if arr.dtype.kind == "c":
            raise TypeError("complex values cannot be drawn; pass np.abs(x) or x.real")
        if arr.ndim != 2:
            raise ValueError(
                f"the matrix must be 2-D, got an array of shape {arr.shape}; "
                "reshape it (for one row: x.reshape(1, -1))"
            )
        values = np.array(arr, dtype=np.float64, copy=True)
        if np.ma.isMaskedArray(
            data
        ):  # masked cells are missing values, not their fill data
            values[np.ma.getmaskarray(data)] = np.nan
        rows = pd.RangeIndex(values.shape[0])
        cols = pd.RangeIndex(values.shape[1])
    if values.ndim != 2 or values.shape[0] == 0 or values.shape[1] == 0:
        raise ValueError(
            f"the matrix is empty (shape {values.shape}); there is nothing to draw"
        )
    if np.isinf(values).any():
        r, c = np.argwhere(np.isinf(values))[0]
        raise ValueError(
            f"the matrix holds infinite values (first at row {rows[r]!r}, column {cols[c]!r}). "
            "Replace them first, e.g. df.replace([np.inf, -np.inf], np.nan) to draw them as "
            "missing, or clip them to a finite range."
        )
    # an Index is kept as it is: pd.Index(multiindex) would flatten it to tuples and
    # drop the level names
    rows = rows if isinstance(rows, pd.Index) else pd.Index(rows)
    cols = cols if isinstance(cols, pd.Index) else pd.Index(cols)
    _check_unique(rows, "row")
    _check_unique(cols, "column")
    values.flags.writeable = False
    return Matrix(values, rows, cols)


def check_permutation(
    order: Sequence[Any], labels: pd.Index, what: str
) -> npt.NDArray[np.intp]:
    """Positions of ``order`` in ``labels``; ``order`` must name every label once."""
    given = pd.Index(list(order))
    if not given.is_unique:
        raise ValueError(
            f"the {what} order names some labels twice: "
            f"{_fmt_labels(given[given.duplicated()].unique())}"
        )
    missing = labels.difference(given, sort=False)
    extra = given.difference(labels, sort=False)
    if len(extra):
        raise ValueError(
            f"the {what} order names labels that are not in the matrix: {_fmt_labels(extra)}"
        )
    if len(missing):
        raise ValueError(
            f"the {what} order leaves out {what} labels: {_fmt_labels(missing)}; "
            f"list every {what} once"
        )
    return np.asarray(labels.get_indexer(given), dtype=np.intp)


def align_to_labels(
    values: Any,
    labels: pd.Index,
    what: str,
    name: str,
    universe: pd.Index | None = None,
) -> pd.Series:
    """Align per-row or per-column values to ``labels``.

    A Series or dict is aligned by label: missing labels raise, and so do
    extra ones, except labels of ``universe`` (the labels the matrix had
    before ``filter()``/``subset()`` narrowed it), which are dropped.  A list
    or array is taken by position in the matrix *as it was passed* (the order
    of ``universe``), even after a ``subset()`` that reordered or narrowed it;
    only a list as long as what ``filter()``/``subset()`` kept (and shorter
    than the matrix as passed) is taken in that kept order.
    """
    values = as_series(values)
    if isinstance(values, dict):
        values = pd.Series(values)
    if isinstance(values, pd.DataFrame):
        if values.shape[1] != 1:
            raise ValueError(
                f"{name}: pass one column (a Series), got a DataFrame with "
                f"{values.shape[1]} columns; add one bar per column"
            )
        values = values.iloc[:, 0]
    if by_position(values):  # polars/Arrow: no row labels
        values = values.to_numpy()
    if isinstance(values, pd.Series):
        if not values.index.is_unique:
            raise ValueError(
                f"{name}: its index has duplicate labels "
                f"{_fmt_labels(values.index[values.index.duplicated()].unique())}"
            )
        missing = labels.difference(values.index, sort=False)
        extra = values.index.difference(labels, sort=False)
        if universe is not None and len(extra):
            extra = extra.difference(universe, sort=False)  # filtered out: fine
        parts = mismatch_parts(
            missing,
            extra,
            f"no value for {what} label(s) {{}}",
            f"label(s) {{}} are not {what}s of the matrix",
        )
        if parts:
            raise ValueError(
                f"{name} does not line up with the {what}s: "
                + "; ".join(parts)
                + f". Pass a Series indexed by exactly the matrix's {what} labels "
                f"(e.g. values.reindex(...)), or a list in the matrix's {what} order."
            )
        return values.reindex(labels)
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ValueError(
            f"{name}: expected one value per {what}, got shape {arr.shape}"
        )
    if universe is not None and len(arr) == len(universe):
        return pd.Series(arr, index=universe).reindex(labels)
    if len(arr) != len(labels):
        raise ValueError(
            f"{name} has {len(arr)} values but the matrix has {len(labels)} {what}s"
        )
    return pd.Series(arr, index=labels)


# -- long (tidy) tables ---------------------------------------------------------

AGGREGATIONS = ("mean", "median", "max", "min", "sum", "count")


def _check_column(df: pd.DataFrame, name: Any, role: str) -> None:
    try:
        ok = name in df.columns
    except TypeError:  # unhashable, e.g. a list
        ok = False
    if not ok:
        raise ValueError(
            f"from_long: {role}={name!r} is not a column of the table; its columns "
            f"are {_fmt_labels(df.columns, limit=10)}"
        )


def pivot_long(
    df: Any, index: Any, columns: Any, values: Any, agg: Any = "mean"
) -> pd.DataFrame:
    """Pivot a long (tidy) table to a matrix: one row per ``index`` value,
    one column per ``columns`` value, cells from ``values``.

    Several rows for one (index, column) pair are combined with ``agg``
    ("mean", "median", "max", "min", "sum", "count" or a callable taking a
    Series and returning a number); ``agg=None`` requires every pair to be
    unique.  Pairs that never occur become NaN (also for "count" and
    "sum").  Rows and columns come out sorted (categoricals in category
    order).  The table is not modified.
    """
    df = as_frame(df)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"from_long needs a pandas DataFrame in long form (one row per "
            f"observation), got {type(df).__name__}"
        )
    for name, role in ((index, "index"), (columns, "columns"), (values, "values")):
        _check_column(df, name, role)
    if len({index, columns, values}) < 3:
        raise ValueError(
            f"from_long: index, columns and values must be three different columns, "
            f"got index={index!r}, columns={columns!r}, values={values!r}"
        )
    if not (
        agg is None or callable(agg) or (isinstance(agg, str) and agg in AGGREGATIONS)
    ):
        raise ValueError(
            f"from_long: unknown agg={agg!r}; use one of "
            f"{', '.join(repr(a) for a in AGGREGATIONS)}, a function, or None "
            "(when every (index, column) pair occurs once)"
        )
    _check_long_values(df, index, columns, values, agg)
    series = _combine_pairs(df, index, columns, values, agg)
    try:
        wide = series.unstack(level=-1, sort=True)
    except ValueError as exc:  # pragma: no cover - duplicates are caught above
        raise ValueError(f"from_long: cannot pivot the table: {exc}") from None
    bad = [c for c in wide.columns if not pd.api.types.is_numeric_dtype(wide[c])]
    if bad:
        try:
            wide = wide.astype(np.float64)
        except (TypeError, ValueError):
            name = getattr(agg, "__name__", repr(agg))
            raise TypeError(
                f"from_long: agg={name} returned non-numeric results "
                f"(e.g. in column {bad[0]!r}); it must return one number per "
                f"(index, column) pair"
            ) from None
    wide.index.name, wide.columns.name = index, columns
    return wide


def _check_long_values(
    df: pd.DataFrame, index: Any, columns: Any, values: Any, agg: Any
) -> None:
    """The long table has rows, every row a place, and values agg can combine."""
    if df.shape[0] == 0:
        raise ValueError("from_long: the table has no rows; there is nothing to draw")
    for name, role in ((index, "index"), (columns, "columns")):
        n_missing = int(df[name].isna().sum())
        if n_missing:
            raise ValueError(
                f"from_long: the {role} column {name!r} is missing in {n_missing} "
                f"row(s), so those rows have no place in the matrix; drop them "
                f"first (df.dropna(subset=[{name!r}])) or fill them in"
            )
    col = df[values]
    if getattr(col.dtype, "kind", "") == "c" or (
        col.dtype == object
        and any(
            isinstance(v, (complex, np.complexfloating)) for v in col.to_numpy()[:1000]
        )
    ):
        raise TypeError(
            f"from_long: the values column {values!r} holds complex values, which "
            f"cannot be drawn; pass df.assign({values}=np.abs(df[{values!r}])) or "
            "the real part"
        )
    numeric = pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)
    if not numeric and agg != "count" and not callable(agg):
        raise TypeError(
            f"from_long: the values column {values!r} is not numeric (dtype "
            f"{col.dtype}); convert it (pd.to_numeric(df[{values!r}])) or use "
            f"agg='count' to count rows per pair"
        )


def _combine_pairs(
    df: pd.DataFrame, index: Any, columns: Any, values: Any, agg: Any
) -> pd.Series:
    """One value per (index, column) pair: the pair's own (``agg=None``,
    which requires unique pairs) or ``agg`` of its values."""
    keys = [index, columns]
    if agg is None:
        dup = df.duplicated(keys, keep=False)
        if dup.any():
            first = df.loc[dup, keys].iloc[0]
            n = int(df.loc[dup].groupby(keys, observed=True, sort=False).ngroups)
            raise ValueError(
                f"from_long: ({index}={first[index]!r}, {columns}={first[columns]!r}) occurs "
                f"more than once ({n} duplicated pair(s) in all), so agg=None cannot place it in "
                f"one cell; pass agg='mean' (or 'median', 'max', 'min', 'sum', 'count', or a "
                f"function) to combine duplicates"
            )
        series = df.set_index(keys)[values]
    else:
        grouped = df.groupby(keys, observed=True, sort=True)[values]
        try:
            series = grouped.agg(agg)
        except Exception as exc:  # a user's callable failing, or pandas rejecting it
            name = getattr(agg, "__name__", repr(agg))
            raise ValueError(
                f"from_long: agg={name} failed while combining the values of one "
                f"(index, column) pair: {type(exc).__name__}: {exc}. agg must take a "
                f"Series of values and return one number"
            ) from exc
    return series


# -- per-cell tables (mask, annot) ---------------------------------------------


def coerce_cell_table(
    values: Any, m: Matrix, name: str, *, boolean: bool
) -> pd.DataFrame:
    """Validate a per-cell table (``mask=`` or ``annot=``) against ``m``.

    A DataFrame is aligned by label: its index and columns must hold exactly
    the matrix's row and column labels (in any order).  An array or nested
    list is taken by position in the input order and must have the
    matrix's shape.  Either way the result is labelled, so it follows any
    reordering, filtering or slicing of the matrix.  With ``boolean=True``
    the values must be booleans (or 0/1).  A table from polars or Arrow (no
    row labels) is taken by position, as an array.
    """
    values = as_frame(values)
    if by_position(values) and isinstance(values, pd.DataFrame):
        values = values.to_numpy()
    if isinstance(values, pd.DataFrame):
        for what, have, want in (
            ("row", values.index, m.rows),
            ("column", values.columns, m.cols),
        ):
            if not have.is_unique:
                raise ValueError(
                    f"{name}: its {what} labels have duplicates "
                    f"{_fmt_labels(have[have.duplicated()].unique())}"
                )
            missing = want.difference(have, sort=False)
            extra = have.difference(want, sort=False)
            parts = mismatch_parts(
                missing,
                extra,
                f"no entry for {what} label(s) {{}}",
                f"label(s) {{}} are not {what}s of the matrix",
            )
            if parts:
                raise ValueError(
                    f"{name} does not line up with the matrix's {what}s: "
                    + "; ".join(parts)
                    + f". Give a DataFrame with exactly the "
                    f"matrix's labels, or an array of shape {m.shape} in input order."
                )
        table = values
    else:
        if isinstance(values, pd.Series):
            raise ValueError(
                f"{name} needs one entry per cell: pass a DataFrame or an array of "
                f"shape {m.shape}, not a Series"
            )
        arr = (
            densify(
                values, name, limit=max(DENSE_LIMIT_BYTES, m.shape[0] * m.shape[1] * 8)
            )
            if is_sparse(values)
            else np.asarray(values)
        )
        if arr.shape != m.shape:
            raise ValueError(
                f"{name} has shape {arr.shape} but the matrix has shape {m.shape}; "
                f"pass one entry per cell (in the input order), or a DataFrame "
                f"labelled like the matrix"
            )
        table = pd.DataFrame(arr, index=m.rows, columns=m.cols)
    if boolean:
        arr = table.to_numpy()
        if arr.dtype != bool:
            try:
                num = arr.astype(np.float64)
            except (TypeError, ValueError):
                num = None
            if num is None or not np.isin(num, (0.0, 1.0)).all():
                raise TypeError(
                    f"{name} must hold booleans (True hides the cell), got dtype "
                    f"{arr.dtype}{' with missing values' if num is not None and np.isnan(num).any() else ''}; "
                    f"build it with a comparison such as df.isna() or df.abs() < 0.1"
                )
            arr = num.astype(bool)
        table = pd.DataFrame(arr, index=table.index, columns=table.columns)
    return table


def select_labels(labels: Sequence[Any], index: pd.Index, what: str) -> np.ndarray:
    """Positions in ``index`` of ``labels`` (kept in the given order)."""
    if isinstance(labels, (str, bytes)) or not hasattr(labels, "__iter__"):
        labels = [labels]
    sel = pd.Index(list(labels))
    if len(sel) == 0:
        raise ValueError(
            f"subset: the list of {what} labels is empty; give at least one, or "
            f"leave {what}s=None to keep them all"
        )
    if not sel.is_unique:
        raise ValueError(
            f"subset: {what} label(s) {_fmt_labels(sel[sel.duplicated()].unique())} "
            f"are given twice; name each {what} once"
        )
    pos = index.get_indexer(sel)
    if (pos < 0).any():
        bad = sel[pos < 0]
        raise ValueError(
            f"subset: {_fmt_labels(bad)} are not {what} labels of the matrix "
            f"(which has {_fmt_labels(index)}); check the spelling, or that an "
            f"earlier filter()/subset() has not removed them"
        )
    return pos


# -- categorical matrices ---------------------------------------------------------


def _is_categorical_column(col: pd.Series) -> bool:
    if isinstance(col.dtype, pd.CategoricalDtype):
        return True
    if pd.api.types.is_string_dtype(col.dtype) or col.dtype == object:
        return pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty")
    return False


def categorical_codes(data: Any) -> tuple[pd.DataFrame, list] | None:
    """A matrix of strings or categories as (float codes, categories), or
    None for anything else.

    Every column must be strings or categoricals (a mix with numeric
    columns is left to :func:`coerce_matrix`, which refuses it).  The
    categories are the categoricals' own order when every column shares
    it, else the sorted distinct values.  Missing values get NaN codes.
    The user's table is not modified.
    """
    data = as_frame(data)
    if isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(data, np.ndarray) and data.ndim == 2 and data.dtype.kind in "UO":
        frame = pd.DataFrame(data)
    else:
        return None
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        return None
    if not all(_is_categorical_column(frame.iloc[:, k]) for k in range(frame.shape[1])):
        return None
    dts = list(frame.dtypes)
    if all(isinstance(d, pd.CategoricalDtype) for d in dts) and all(
        list(d.categories) == list(dts[0].categories) for d in dts
    ):
        cats = list(dts[0].categories)
    else:
        vals = pd.unique(frame.to_numpy(dtype=object).ravel())
        cats = sorted(
            str(v)
            for v in vals
            if not (v is None or (isinstance(v, float) and np.isnan(v)))
        )
    pos = {c: float(k) for k, c in enumerate(cats)}
    arr = frame.to_numpy(dtype=object)
    codes = np.full(arr.shape, np.nan)
    for (i, j), v in np.ndenumerate(arr):
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            continue
        codes[i, j] = pos[v if v in pos else str(v)]
    return pd.DataFrame(codes, index=frame.index, columns=frame.columns), cats
