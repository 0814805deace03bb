"""The filter language of the AMiGA heatmap tool: keep the rows and columns
whose values pass simple threshold criteria.

Grammar
-------
::

    expression := group ("OR" group)*
    group      := criterion ("AND" criterion)*
    criterion  := ("row" | "col") ("any" | "all") OP NUMBER
    OP         := ">" | ">=" | "<" | "<=" | "="      ("==" is also accepted)

Keywords are case-insensitive; spaces around the operator are optional
(``row any>=1.2``).  AND binds tighter than OR; there are no parentheses.

Meaning
-------
``row any >= 1.2`` keeps the rows with at least one value >= 1.2;
``row all < 0.5`` keeps the rows whose values are all < 0.5.  ``col ...``
does the same for columns.  Missing values are skipped: they never satisfy
``any`` and do not spoil ``all`` (a row with no values at all passes
neither).

Row criteria select rows and column criteria select columns, each axis on
its own: the expression is read once per axis, keeping only that axis's
criteria (an AND group left without criteria of that axis drops out of the
OR).  So ``row any >= 1.2 OR col all < 0.5`` keeps the rows with a value
>= 1.2 and the columns whose values are all < 0.5; ``row any > 1 AND row
all < 9`` keeps the rows passing both.  An axis without criteria is kept
whole.  All criteria are evaluated on the same matrix (the one the filter
is applied to), so their order does not matter.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["Criterion", "FilterExpr", "parse_filter", "evaluate_filter"]

_OPS: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "=": operator.eq,
    "==": operator.eq,
}
_TOKEN = re.compile(r"[<>=!]+|[^\s<>=!]+")
_SYNTAX = (
    'a criterion reads "row|col any|all >|>=|<|<=|= NUMBER", criteria are joined '
    'with OR / AND, e.g. "row any >= 1.2 OR col all < 0.5"'
)


@dataclass(frozen=True)
class Criterion:
    """One ``row|col any|all OP NUMBER`` test."""

    axis: str  # "row" or "col"
    quantifier: str  # "any" or "all"
    op: str  # one of _OPS
    threshold: float

    def __str__(self) -> str:
        return f"{self.axis} {self.quantifier} {self.op} {self.threshold:g}"

    def evaluate(self, values: np.ndarray) -> np.ndarray:
        """Boolean per row (axis "row") or per column (axis "col")."""
        red = 1 if self.axis == "row" else 0
        with np.errstate(invalid="ignore"):
            hit = _OPS[self.op](values, self.threshold)  # NaN compares False
        if self.quantifier == "any":
            return np.asarray(hit.any(axis=red))
        present = ~np.isnan(values)
        return (hit | ~present).all(axis=red) & present.any(axis=red)


@dataclass(frozen=True)
class FilterExpr:
    """A parsed expression: OR of AND-groups of criteria."""

    text: str
    groups: tuple[tuple[Criterion, ...], ...]

    def for_axis(self, axis: str) -> tuple[tuple[Criterion, ...], ...]:
        """The expression restricted to one axis's criteria."""
        out = []
        for g in self.groups:
            kept = tuple(c for c in g if c.axis == axis)
            if kept:
                out.append(kept)
        return tuple(out)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _TOKEN.findall(text)
        self.pos = 0

    def fail(self, why: str) -> ValueError:
        return ValueError(f"cannot parse filter {self.text!r}: {why}; {_SYNTAX}")

    def next(self, expected: str) -> str:
        if self.pos >= len(self.tokens):
            last = self.tokens[-1] if self.tokens else None
            where = f"after {last!r}" if last is not None else "in an empty expression"
            raise self.fail(f"expected {expected} {where}, but the expression ends")
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def criterion(self) -> Criterion:
        axis = self.next("'row' or 'col'")
        if axis.lower() not in ("row", "col"):
            hint = (
                " (parentheses are not supported: AND binds tighter than OR)"
                if "(" in axis or ")" in axis
                else ""
            )
            raise self.fail(f"expected 'row' or 'col', got {axis!r}{hint}")
        quant = self.next(f"'any' or 'all' after {axis!r}")
        if quant.lower() not in ("any", "all"):
            raise self.fail(f"expected 'any' or 'all' after {axis!r}, got {quant!r}")
        op = self.next(f"an operator (>, >=, <, <=, =) after {quant!r}")
        if op not in _OPS:
            raise self.fail(
                f"expected an operator (>, >=, <, <=, =) after {quant!r}, got {op!r}"
            )
        num = self.next(f"a number after {op!r}")
        try:
            threshold = float(num)
        except ValueError:
            raise self.fail(f"expected a number after {op!r}, got {num!r}") from None
        if np.isnan(threshold):
            raise self.fail(
                f"{num!r} is not a usable threshold (nothing compares to NaN)"
            )
        return Criterion(axis.lower(), quant.lower(), op, threshold)

    def parse(self) -> FilterExpr:
        if not self.tokens:
            raise self.fail("the expression is empty")
        groups: list[tuple[Criterion, ...]] = []
        group = [self.criterion()]
        while self.pos < len(self.tokens):
            word = self.next("OR or AND")
            if word.upper() == "AND":
                group.append(self.criterion())
            elif word.upper() == "OR":
                groups.append(tuple(group))
                group = [self.criterion()]
            else:
                raise self.fail(
                    f"expected OR or AND after {str(group[-1])!r}, got {word!r}"
                )
        groups.append(tuple(group))
        return FilterExpr(self.text, tuple(groups))


def parse_filter(expr: str) -> FilterExpr:
    """Parse a filter expression (see the module docstring for the grammar).

    Raises
    ------
    TypeError
        If ``expr`` is not a string.
    ValueError
        If it is malformed; the message quotes the offending token.
    """
    if not isinstance(expr, str):
        raise TypeError(
            f'filter() takes a string such as "row any >= 1.2", '
            f"got {type(expr).__name__}"
        )
    return _Parser(expr).parse()


def evaluate_filter(
    f: FilterExpr, values: np.ndarray
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Which rows and which columns pass.

    Returns
    -------
    rows, cols : boolean arrays, or None for an axis without criteria
        (kept whole).
    """
    out: list[np.ndarray | None] = []
    for axis in ("row", "col"):
        groups = f.for_axis(axis)
        if not groups:
            out.append(None)
            continue
        keep = np.zeros(values.shape[0 if axis == "row" else 1], dtype=bool)
        for g in groups:
            part = g[0].evaluate(values)
            for c in g[1:]:
                part &= c.evaluate(values)
            keep |= part
        out.append(keep)
    return out[0], out[1]
