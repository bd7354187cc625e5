"""Making knowledge-base strings safe in Markdown, for every renderer that writes it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lexkit.kb.models import Source
from lexkit.render.safe import terminal_safe

# CommonMark: any ASCII punctuation may be backslash-escaped. These are the characters that can
# start markup inside a line (emphasis, code, links, raw HTML, entities, table cells, strike).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!])")
# At the start of a line these open a block (list, quote, heading underline, thematic break).
_LINE_START = re.compile(r"^([-+=>]|\d+[.)])")


def md_text(value: str | None, block: bool = False) -> str:
    """A knowledge-base string made safe for one line of Markdown.

    ``block``: the string starts a line or a list item's content, where "1." or "-" would open
    a list and ">" a quote; in a table cell or after other text they are plain.
    """
    if not value:
        return ""
    flat = " ".join(terminal_safe(str(value)).split())  # Markdown is read in terminals too
    escaped = _INLINE_SPECIAL.sub(r"\\\1", flat)
    m = _LINE_START.match(escaped) if block else None
    if m:
        lead = m.group(1)
        escaped = (lead[:-1] + "\\" + lead[-1]) + escaped[len(lead):]
    return escaped


def md_escape(text: str) -> str:
    """Text made literal wherever it stands in CommonMark, the start of a line included."""
    return md_text(text, block=True)


def origin_line(origin: str | None, reason: str | None = None) -> str | None:
    """Where an overlay record comes from, and why it replaced the record below: None for the base."""
    if origin is None:
        return None
    return f"from the overlay at {origin}" + (f"; it replaces the record below: {reason}" if reason else "")


def origin_tag(origin: str | None, escape: Callable[[str], str] = str) -> str:
    """' [from the overlay at FOLDER]' after a line that uses an overlay record; nothing for the base."""
    line = origin_line(origin)
    return f" [{escape(line)}]" if line else ""


def md_paragraphs(text: str | None) -> str:
    """A multi-line knowledge-base text (a section's text) as Markdown paragraphs, each line escaped."""
    return "\n\n".join(md_escape(line) for line in (text or "").splitlines() if line.strip())


def source_dicts(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    """Sources as JSON-ready dicts."""
    return [s.to_dict() for s in sources]
