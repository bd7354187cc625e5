"""The --format choices shared by the command modules (one definition, one spelling)."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import Any

from typer._click.types import ParamType


class DataFormat(str, Enum):
    """Data for a person (text) or a program (json)."""

    text = "text"
    json = "json"


class DocFormat(str, Enum):
    """A document: text, json, or Markdown to print."""

    text = "text"
    json = "json"
    md = "md"


class _Strict(ParamType):
    """A number as a person writes it: ASCII digits (and one decimal point for hours), nothing else.

    Python's int() and float() also take '1_5', '+15', ' 15', 'nan', 'inf' and '1e3': on a
    command line each of those is a slip, never what was meant.
    """

    def __init__(self, name: str, pattern: str, convert: Callable[[str], float], low: float, high: float,
                 example: str) -> None:
        self.name = name
        self._pattern = re.compile(pattern)
        self._convert = convert
        self._range = (low, high)
        self._example = example

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value  # a default, already a number
        text = str(value)
        low, high = self._range
        if len(text) > 12 or not self._pattern.fullmatch(text):
            shown = text if len(text) <= 40 else text[:39] + "…"
            self.fail(f"{shown!r} is not {self.name} (digits only, e.g. {self._example})", param, ctx)
        number = self._convert(text)
        if not low <= number <= high:
            self.fail(f"{text} is out of range {low:g}-{high:g}", param, ctx)
        return number


def whole_number(low: int, high: int) -> ParamType:
    """A whole number from ``low`` to ``high``, digits only."""
    return _Strict("a whole number", r"[0-9]+", int, low, high, f"{low}")


def hours() -> ParamType:
    """Hours of journey time: digits with an optional decimal part, 0 to 240."""
    return _Strict("a number of hours", r"[0-9]+(?:\.[0-9]+)?", float, 0, 240, "6 or 1.5")
