"""The one input adapter: tables and columns from other libraries as pandas.

Every option that takes a table or a column (the matrix, ``mask=``,
``annot=``, annotation and track values, split groupings, colours, ...)
passes its argument through :func:`as_frame` or :func:`as_series` first, so
the rest of clustergrid only ever meets pandas objects, numpy arrays and
plain Python containers.

What is read
------------
* pandas objects: returned as they are (the same object: no copy, and
  clustergrid never modifies it);
* numpy arrays, lists, dicts, scalars, dask collections: returned as they
  are (an array keeps its meaning "by position");
* anything that speaks the Arrow PyCapsule interface
  (``__arrow_c_stream__`` / ``__arrow_c_array__``: polars, pyarrow, ...) or
  the dataframe interchange protocol (``__dataframe__``): converted to a
  pandas DataFrame (a table) or Series (a column), keeping the column names
  and a column's name.  Neither polars nor pyarrow is imported for anything
  else; an Arrow object is read with pyarrow, imported when one arrives.

Row labels
----------
polars and Arrow have no row index.  A table or column from them gets the
row labels ``0 .. n-1``, its row positions (a pyarrow table written from
pandas gets its pandas index back).  As the matrix, that is what a numpy
array gets too.  As a per-row or per-cell option (an annotation, a mask,
``annot=``, a split, label colours, dot sizes, seaborn's ``row_colors``) it
is taken by position, as an array is: its values are matched to the rows
(and columns) of the matrix in the order it was passed, not by label.  A
track's table of several values per label (a stacked ``BarTrack``,
``BoxTrack`` data) is read by those labels ``0..n-1``.
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd

from .._support.warn import warn

__all__ = ["as_frame", "as_series", "by_position"]

#: Set in ``.attrs`` of a pandas object converted from a table or column
#: without row labels: align it by position, not by label.
BY_POSITION = "clustergrid.by_position"


def as_frame(x: Any) -> Any:
    """``x`` for an option that takes a table.

    A table from another library (polars, pyarrow, anything speaking the
    Arrow PyCapsule interface or the dataframe interchange protocol) comes
    back as a pandas DataFrame with its column names; a column from one as a
    pandas Series (so that the option's message about a Series applies).
    Everything else, pandas objects included, comes back unchanged: the very
    same object.  See the module docstring for the row labels.
    """
    return _to_pandas(x)


def as_series(x: Any) -> Any:
    """``x`` for an option that takes one value per row or column.

    A column from another library (a polars Series, a pyarrow Array or
    ChunkedArray, anything speaking the Arrow PyCapsule interface) comes
    back as a pandas Series named after it (polars' default name ``""``
    counts as no name); a table from one as a pandas DataFrame (so that the
    option's rules for a DataFrame apply).  Everything else, pandas objects
    included, comes back unchanged: the very same object.
    """
    return _to_pandas(x)


def by_position(x: object) -> bool:
    """Whether ``x`` is a pandas object read from a table or column without
    row labels (polars, Arrow): aligned by position, as an array is."""
    return isinstance(x, (pd.DataFrame, pd.Series)) and bool(x.attrs.get(BY_POSITION))


def _foreign(x: object) -> bool:
    t = type(x)
    if isinstance(x, (pd.DataFrame, pd.Series, pd.Index)) or hasattr(
        t, "__dask_graph__"
    ):
        return False
    return (
        hasattr(t, "__arrow_c_stream__")
        or hasattr(t, "__arrow_c_array__")
        or hasattr(t, "__dataframe__")
    )


def _to_pandas(x: Any) -> Any:
    if not _foreign(x):
        return x
    try:
        import pyarrow as pa
    except ImportError:
        return _without_pyarrow(x)
    arrow = hasattr(x, "__arrow_c_stream__") or hasattr(x, "__arrow_c_array__")
    out: pd.DataFrame | pd.Series
    if not arrow:  # the interchange protocol only
        out = _from_interchange(x)
    else:
        try:
            table = pa.table(x)
        except (TypeError, ValueError, pa.ArrowException):
            table = None  # not a table: a column
        if table is not None:
            out = table.to_pandas()
        else:
            col = (
                pa.chunked_array(x) if hasattr(x, "__arrow_c_stream__") else pa.array(x)
            )
            series: pd.Series = col.to_pandas()
            name = getattr(x, "name", None)
            series.name = name if isinstance(name, str) and name else None
            out = series
    if isinstance(out.index, pd.RangeIndex):
        out.attrs[BY_POSITION] = True
    return out


def _from_interchange(x: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        # pandas >= 3 says the protocol is deprecated (and would rather use
        # pyarrow); it is still the one way to read such an object here
        warnings.simplefilter("ignore")
        out: pd.DataFrame = pd.api.interchange.from_dataframe(x)
    return out


def _without_pyarrow(x: Any) -> Any:
    """An Arrow object with pyarrow missing: the interchange protocol if it
    speaks it; else by its ``__array__`` as before (names not read, said
    once); else an error saying what to install."""
    name = f"{type(x).__module__.split('.')[0]}.{type(x).__name__}"
    if hasattr(x, "__dataframe__"):
        out = _from_interchange(x)
        if isinstance(out.index, pd.RangeIndex):
            out.attrs[BY_POSITION] = True
        return out
    if hasattr(x, "__array__"):
        warn(
            f"reading a {name} by its values only: its column names cannot be "
            "read without pyarrow; pip install pyarrow to keep them"
        )
        return x
    raise ImportError(
        f"reading a {name} (an Arrow object) needs pyarrow: pip install pyarrow"
    )
