"""The colour limits from the shown cells, computed without copying them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from clustergrid._plan.colors import _finite_limits, resolve_norm


def _reference(values: np.ndarray, mask: np.ndarray | None):
    shown = values if mask is None else np.where(mask, np.nan, values)
    finite = shown[np.isfinite(shown)]
    return None if finite.size == 0 else (float(finite.min()), float(finite.max()))


cells = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([np.nan, np.inf, -np.inf, 0.0, -0.0, 5e-324, 1.7e308]),
)


@settings(max_examples=300, deadline=None)
@given(
    values=hnp.arrays(
        np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=7), elements=cells
    ),
    data=st.data(),
)
def test_limits_equal_those_of_the_copied_finite_cells(values, data):
    mask = data.draw(
        st.one_of(st.none(), hnp.arrays(np.bool_, values.shape)), label="mask"
    )
    hide = mask if mask is not None and mask.any() else None
    assert _finite_limits(values, hide) == _reference(values, hide)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (np.empty((0, 3)), (0.0, 1.0)),  # nothing shown: the default scale
        (np.full((2, 2), np.nan), (0.0, 1.0)),
        (np.array([[np.inf, -np.inf], [2.0, np.nan]]), (1.9, 2.1)),  # one value
        (np.array([[np.inf, 1.0], [3.0, -np.inf]]), (1.0, 3.0)),
    ],
)
def test_resolve_norm_limits_skip_what_is_not_finite(values, expected):
    n = resolve_norm(values, norm=None, vmin=None, vmax=None, center=None, robust=False)
    assert (float(n.vmin), float(n.vmax)) == pytest.approx(expected)


def test_masked_cells_do_not_set_the_limits_and_values_are_not_changed():
    values = np.array([[1.0, 100.0], [-50.0, 2.0]])
    before = values.copy()
    mask = np.array([[False, True], [True, False]])
    n = resolve_norm(
        values, norm=None, vmin=None, vmax=None, center=None, robust=False, mask=mask
    )
    assert (n.vmin, n.vmax) == (1.0, 2.0)
    np.testing.assert_array_equal(values, before)
