"""Wrapped paragraphs and box tables as plain text, laid out exactly as rich lays them out, without rich.

rich costs a checklist more than everything else together (its import and its layout engine,
about 50 ms of a run), yet the table it draws for a file or a pipe has no colour or style at
all. This module reproduces that output, character for character, for the one shape the
checklist uses: paragraphs printed on a console (rich's Text.wrap with overflow "fold"), and
tables with a heavy head box (rich.box.HEAVY_HEAD), a title justified left, padding (0, 1)
with no edge padding, ``expand=True``, columns either of fixed content width or with a ratio.

It handles only text whose every character rich measures as one cell (``fits``). Anything
else (wide or zero-width characters, control characters, rich's emoji codes such as
``:smile:``) is for the caller to hand to rich; tests/test_boxtable.py compares the two on
real checklists and on edge cases, so a change in rich's layout shows as a failing test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from math import ceil
from typing import NamedTuple

#: Characters rich measures as one cell without its Unicode tables (rich.cells), and general
#: punctuation and currency signs that its tables give one cell (checked against rich by a test).
_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027), (0x2030, 0x205E),
           (0x20A0, 0x20C0))
SINGLE_CELL = frozenset(chr(n) for start, end in _RANGES for n in range(start, end + 1))
_FITS = SINGLE_CELL | {"\n"}
#: rich replaces ":name:" in printed strings with an emoji (rich._emoji_replace); such text goes to rich.
_EMOJI_CODE = re.compile(r"(:(\S*?)(?:(?:\-)(emoji|text))?:)")
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")

#: rich.box.HEAVY_HEAD: the top, the header row, the line under the header, the body rows, the bottom.
_TOP, _HEAD, _UNDER_HEAD, _BODY, _BOTTOM = ("┏", "━", "┳", "┓"), ("┃", "┃", "┃"), ("┡", "━", "╇", "┩"), \
    ("│", "│", "│"), ("└", "─", "┴", "┘")


def fits(text: str, printed: bool = False, markup: bool = False) -> bool:
    """Whether this module lays ``text`` out as rich would; ``printed``: a string given to Console.print
    (rich looks for emoji codes in those, not in a Text or a table cell); ``markup``: one rich reads
    as markup too (a table's title), which must then have no "[".
    """
    return (_FITS.issuperset(text) and not ((printed or markup) and _EMOJI_CODE.search(text))
            and not (markup and "[" in text))


def _break_offsets(text: str, width: int) -> list[int]:
    """Where rich breaks a line of text to fit ``width`` cells, folding a word longer than a line
    (rich._wrap.divide_line, for one-cell characters)."""
    offsets: list[int] = []
    cell_offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        word_length = len(word.rstrip())
        if width - cell_offset >= word_length:
            cell_offset += len(word)
        elif word_length > width:
            chunks = [word[i:i + width] for i in range(0, len(word), width)]
            for n, chunk in enumerate(chunks):
                if start:
                    offsets.append(start)
                if n == len(chunks) - 1:
                    cell_offset = len(chunk)
                else:
                    start += len(chunk)
        elif cell_offset and start:
            offsets.append(start)
            cell_offset = len(word)
    return offsets


def wrap(text: str, width: int, *, pad: bool = False) -> list[str]:
    """``text`` wrapped to ``width`` as rich's Text.wrap does with overflow "fold": justify
    "default" (each line as it falls, trailing spaces kept within the width), or "left" (``pad``:
    each line padded to the width)."""
    lines: list[str] = []
    for line in text.split("\n"):
        ends = _break_offsets(line, width)
        for a, b in zip([0, *ends], [*ends, len(line)], strict=True):
            piece = line[a:b]
            if len(piece) > width:  # rich drops trailing whitespace beyond the width, then crops
                space = _TRAILING_SPACE.search(piece)
                if space is not None:
                    piece = piece[:len(piece) - min(len(space.group(0)), len(piece) - width)]
                piece = piece[:width]
            lines.append(piece.ljust(width) if pad else piece)
    return lines


def paragraph(text: str, width: int) -> str:
    """What rich's Console.print(text) writes on a console ``width`` cells wide (no markup, no highlighting)."""
    return "".join(line + "\n" for line in wrap(text, width))


class Column(NamedTuple):
    """A table column: its header, and either a ratio of the free width or (None) the width of its content."""

    header: str
    ratio: int | None = None
    justify: str = "left"  # or "right" (then the cell is not wrapped, as rich's no_wrap)


def _distribute(total: int, ratios: list[int], minimums: list[int]) -> list[int]:
    """Share ``total`` by ``ratios``, each at least its minimum (rich._ratio.ratio_distribute)."""
    ratios = [ratio if minimum else 0 for ratio, minimum in zip(ratios, minimums, strict=True)]
    total_ratio, remaining, shares = sum(ratios), total, []
    for ratio, minimum in zip(ratios, minimums, strict=True):
        share = max(minimum, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        shares.append(share)
        total_ratio -= ratio
        remaining -= share
    return shares


def _cell_lines(text: str, column: Column, width: int, left: int, right: int) -> list[str]:
    inner = width - left - right
    if column.justify == "right":
        lines = [line.rstrip()[:inner].rjust(inner) for line in text.split("\n")]
    else:
        lines = wrap(text, inner, pad=True)
    return [" " * left + line + " " * right for line in lines]


def table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> str:
    """A table as rich.table.Table(title=title, title_justify="left", expand=True, pad_edge=False,
    box=HEAVY_HEAD) prints on a console ``width`` cells wide with no colour; every cell a plain Text.

    Only the layout rich gives when the ratio columns share the width without squeezing a
    fixed column (always so from 60 columns for a checklist): ``ValueError`` otherwise.
    """
    last = len(columns) - 1
    pads = [(0 if i == 0 else 1, 0 if i == last else 1) for i in range(len(columns))]
    room = width - (2 + last)  # the two edges and the lines between columns
    fixed = [0 if c.ratio is not None else max(len(line) for text in [c.header, *(r[i] for r in rows)]
                                               for line in text.split("\n")) + sum(pads[i])
             for i, c in enumerate(columns)]
    flexible = [i for i, c in enumerate(columns) if c.ratio is not None]
    widths = list(fixed)
    if flexible:
        shares = _distribute(room - sum(fixed), [columns[i].ratio or 0 for i in flexible],
                             [1 + sum(pads[i]) for i in flexible])
        for i, share in zip(flexible, shares, strict=True):
            widths[i] = share
    if sum(widths) != room or not flexible:
        raise ValueError(f"a table {width} cells wide needs rich's own layout")
    out = [line + "\n" for line in wrap(title, sum(widths) + 2 + last, pad=True)]
    out.append(_TOP[0] + _TOP[2].join(_TOP[1] * w for w in widths) + _TOP[3] + "\n")
    for n, row in enumerate([[c.header for c in columns], *rows]):
        cells = [_cell_lines(text, columns[i], widths[i], *pads[i]) for i, text in enumerate(row)]
        height = max(len(cell) for cell in cells)
        edge = _HEAD if n == 0 else _BODY
        for cell, w in zip(cells, widths, strict=True):
            if n == 0:  # a header row is aligned to the bottom, a body row to the top
                cell[:0] = [" " * w] * (height - len(cell))
            else:
                cell += [" " * w] * (height - len(cell))
        for k in range(height):
            out.append(edge[0] + edge[2].join(cell[k] for cell in cells) + edge[1] + "\n")
        if n == 0:
            out.append(_UNDER_HEAD[0] + _UNDER_HEAD[2].join(_UNDER_HEAD[1] * w for w in widths) + _UNDER_HEAD[3] + "\n")
    out.append(_BOTTOM[0] + _BOTTOM[2].join(_BOTTOM[1] * w for w in widths) + _BOTTOM[3] + "\n")
    return "".join(out)
