"""Conditions on facts, as SOP steps and checklist templates write them.

A condition is a mapping; every entry must hold. A fact maps to a value (equality) or to
operators (lt, le, gt, ge, eq, ne, in); ``any_of`` holds when one of its conditions holds;
``not`` negates. A fact that is not known makes its entry false, never true.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "in": lambda a, b: a in b,
}


def holds(condition: Mapping[str, Any] | None, facts: Mapping[str, Any]) -> bool:
    """Whether ``condition`` holds for ``facts`` (an absent condition always holds)."""
    if not condition:
        return True
    for key, want in condition.items():
        if key == "any_of":
            if not any(holds(c, facts) for c in want):
                return False
        elif key == "not":
            if holds(want, facts):
                return False
        elif not _fact_holds(facts.get(key), want):
            return False
    return True


def _fact_holds(value: Any, want: Any) -> bool:
    if value is None:
        return False
    if isinstance(want, Mapping):
        try:
            return all(_OPS[op](value, arg) for op, arg in want.items())
        except TypeError:  # comparing a number with a string: the condition does not hold
            return False
    return bool(value == want)


_OPERATORS = {"lt": "<", "le": "<=", "gt": ">", "ge": ">=", "eq": "=", "ne": "!="}


def _fact_words(fact: str, test: Any) -> str:
    if isinstance(test, bool):
        return fact if test else f"not {fact}"
    if not isinstance(test, dict):
        return f"{fact} = {test}"
    parts = []
    for op, value in test.items():
        if op == "in":
            parts.append(f"{fact} is one of {', '.join(str(v) for v in value)}")
        else:
            parts.append(f"{fact} {_OPERATORS.get(op, op)} {str(value).lower() if isinstance(value, bool) else value}")
    return " and ".join(parts)


def condition_words(condition: dict[str, Any]) -> str:
    """A condition in words: {victim_age: {lt: 18}, inter_state: true} -> 'victim_age < 18 and inter_state'."""
    parts: list[str] = []
    for key, value in condition.items():
        if key == "any_of":
            alternatives = [condition_words(c) for c in value]
            parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " or ".join(alternatives) + ")")
        elif key == "not":
            parts.append(f"not ({condition_words(value)})")
        else:
            parts.append(_fact_words(key, value))
    return " and ".join(parts)
