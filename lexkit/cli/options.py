"""The --format choices shared by the command modules (one definition, one spelling)."""

from __future__ import annotations

from enum import Enum


class DataFormat(str, Enum):
    """Data for a person (text) or a program (json)."""

    text = "text"
    json = "json"


class DocFormat(str, Enum):
    """A document: text, json, or Markdown to print."""

    text = "text"
    json = "json"
    md = "md"
