"""The Child and Adolescent Labour Act is held whole, its texts verbatim (issue 9 points 1 and 3).

Its bare text (shared/reference/acts/clpra-1986.md) is extracted from India Code's PDF pages, not
section pages, so the importer does not read it and the records are transcribed by hand. This
checks them against it: every section of the Act's own Arrangement of Sections is held, and every
statutory text is the bare text's words in order (compared letter by letter, which is blind to the
words the PDF extraction split, the footnote markers and the amendment brackets).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lexkit.kb.yamlload import load_file

ROOT = Path(__file__).resolve().parents[1]


def _bare() -> Path | None:
    for base in [ROOT, *ROOT.parents]:
        f = base / "shared" / "reference" / "acts" / "clpra-1986.md"
        if f.is_file():
            return f
    return None


BARE = _bare()
pytestmark = pytest.mark.skipif(BARE is None, reason=f"shared/reference/acts/clpra-1986.md not found above {ROOT}")
SECTIONS = {s["id"]: s for s in load_file(ROOT / "provisions" / "clpra-1986.yaml").data["sections"]}


def _arrangement() -> list[str]:
    assert BARE is not None
    text = BARE.read_text(encoding="utf-8")
    block = text[text.index("ARRANGEMENT OF SECTIONS"): text.index("THE SCHEDULE.")]
    numbers = re.findall(r"^(\d+[A-Z]?)\. ", block, re.M)
    span = re.search(r"^(\d+) to (\d+) \[ Repealed", block, re.M)
    assert span, "the Arrangement lists sections 23 to 26 as repealed"
    return numbers + [str(n) for n in range(int(span.group(1)), int(span.group(2)) + 1)]


def _letters(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower())


def _body() -> str:
    """The bare text's words, without page headings, page numbers and footnote lines."""
    assert BARE is not None
    keep = []
    for line in BARE.read_text(encoding="utf-8").split("\n"):
        if line.startswith("## Page") or re.fullmatch(r"\d+", line.strip()):
            continue
        if re.match(r"^\d+\. (Subs\.|Ins\.|Clause|Clauses|\d+(st|th|nd|rd) )", line) or line.startswith("sec. 3("):
            continue
        keep.append(line)
    return _letters("\n".join(keep))


def test_every_section_of_the_arrangement_is_held() -> None:
    numbers = _arrangement()
    assert len(numbers) == 33 and "14D" in numbers and "17B" in numbers
    assert [f"CLPRA-{n}" for n in numbers] == list(SECTIONS)


@pytest.mark.parametrize("sid", [sid for sid, s in SECTIONS.items() if s["text_kind"] == "statutory"])
def test_each_statutory_text_is_the_bare_text(sid: str) -> None:
    body = _body()
    text = SECTIONS[sid]["text"]
    for paragraph in text.split("\n\n"):
        assert _letters(paragraph) in body, f"{sid}: not in the bare text: {paragraph[:80]}"
    assert _letters(text) in body, f"{sid}: its paragraphs are not in the bare text's order"


def test_the_check_catches_a_changed_word() -> None:
    assert _letters("No adolescent shall be required or permitted to work overtime.") in _body()
    assert _letters("No child shall be required or permitted to work overtime.") not in _body()
