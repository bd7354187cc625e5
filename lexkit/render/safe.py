"""Text made safe for a terminal: no control character or escape sequence from the data survives.

A knowledge-base string (or an argument echoed in a message) can hold ``ESC [ 2 J`` (clear the
screen), ``ESC ] 0 ; title BEL`` (set the window title), OSC 8 hyperlinks, or a bare carriage
return that overwrites what was printed before it. A terminal obeys them all. Every text that
lexkit prints for a person goes through ``terminal_safe``: escape sequences are removed whole,
every other C0 and C1 control character and DEL is dropped; newline and tab stay.

JSON, HTML and ICS have their own escaping and do not use this.
"""

from __future__ import annotations

import re

# Whole sequences first, so their parameters do not survive as stray text. Every part is a
# simple character class: matching is linear in the length of the text, whatever it holds.
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # CSI: cursor moves, colours, clear screen
    r"|(?:\x1b[\]P^_X]|[\x9d\x90\x9e\x9f\x98])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, PM, APC, SOS
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"  # any other escape (charset, keypad, reset)
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences or control characters (newline and tab kept)."""
    if not text or (text.isprintable() and "\x1b" not in text):
        return text  # the common case, and cheap
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))
