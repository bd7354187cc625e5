"""Text made safe for a terminal: no control character or escape sequence from the data survives.

A knowledge-base string (or an argument echoed in a message) can hold ``ESC [ 2 J`` (clear the
screen), ``ESC ] 0 ; title BEL`` (set the window title), OSC 8 hyperlinks, or a bare carriage
return that overwrites what was printed before it. A terminal obeys them all. Every text that
lexkit prints for a person goes through ``terminal_safe``: escape sequences are removed whole,
every other C0 and C1 control character and DEL is dropped; newline and tab stay.

Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks U+200E/U+200F
and every other invisible format character (Unicode category Cf: U+200B, U+2060, U+FEFF, tag
characters...) are dropped too: they can make a terminal show text in another order than it
is ("Trojan Source"). ZWJ and ZWNJ (U+200D, U+200C) stay: Devanagari needs them.

JSON is not filtered (its data must stay exact): ``json_invisibles_escaped`` writes the same
characters, and C1 controls and DEL, as ``\\uXXXX`` escapes, which decode to the same string.
HTML and ICS have their own escaping and do not use this.
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
#: Unicode's format characters (category Cf) but ZWNJ/ZWJ (U+200C/U+200D), as of Unicode 15
#: (tests/test_escaping.py checks it against unicodedata).
FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{FORMAT_CHARS}]")
_JSON_INVISIBLE = re.compile(f"[\x7f-\x9f{FORMAT_CHARS}]")


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences or control characters (newline and tab kept)."""
    if not text or (text.isprintable() and "\x1b" not in text):
        return text  # the common case, and cheap
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # a surrogate pair, as JSON writes characters outside the BMP
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_invisibles_escaped(text: str) -> str:
    """JSON text (from json.dumps) with DEL, C1 controls and format characters written as ``\\uXXXX``.

    They can occur only inside JSON strings, where the escape decodes to the very same character:
    the data stays exact, and a terminal showing the JSON sees nothing it would obey.
    """
    return _JSON_INVISIBLE.sub(_escape, text)
