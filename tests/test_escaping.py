"""Every output format neutralises what it cannot carry (issue 8, point 4).

A copy of the shipped knowledge base gets three hostile strings appended to every title, text,
step, holding and summary: an HTML tag with a handler, a javascript: link, and terminal escape
sequences that set the window title and clear the screen. Then every command prints them in
every format it has:
- Markdown, rendered to HTML by a CommonMark renderer that passes raw HTML, holds no tag and no
  link from the knowledge base;
- text (and Markdown) holds no escape sequence and no control character but newline and tab;
- HTML escapes the tag; JSON carries every string exactly; ICS parses back.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from lexkit.kb.knowledge import FOLDERS, shipped_root
from lexkit.kb.validate import validate

TAG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\r"
#: Bidirectional overrides, isolates and marks, and other invisible format characters ("Trojan Source").
BIDI = "\u202eevil\u202c\u2066x\u2069\u200e\u200f\u202a\u202b\u202d\u2067\u2068\u200b\ufeff"
PAYLOAD = f" {TAG} {LINK} {ESCAPES}{BIDI}"
#: Keys whose strings are prose (never ids, dates, codes or enumerations).
PROSE = {"title", "text", "action", "holding", "significance", "summary", "changes", "note", "notes", "en",
         "conditions", "detail", "what", "name", "disclaimer", "short_name", "court", "issued_by"}
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _plant(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _plant(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plant(v, key) for v in value]
    if isinstance(value, str) and key in PROSE and key != "hi":
        return value + PAYLOAD
    return value


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("planted")
    src = shipped_root()
    for folder in FOLDERS:
        if (src / folder).is_dir():
            shutil.copytree(src / folder, dest / folder, dirs_exist_ok=True)
    marked = False
    for path in sorted(dest.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # `kb unverified` prints prose (a title) for an unverified section: keep one in the copy,
        # whatever the shipped knowledge base has confirmed since.
        sections = data.get("sections") if isinstance(data, dict) else None
        if sections and not marked:
            sections[0]["verification"] = "unverified"
            marked = True
        # Quoted output: a date stays a string, and ESC and BEL are written as YAML escapes.
        path.write_text(yaml.safe_dump(_plant(data), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    assert marked, "no section to mark unverified"
    report = validate(dest)
    assert report.ok, [str(p) for p in report.problems[:5]]
    return dest


GIRL = ["--at", "27/11/2026 22:00", "--no-input", "--fact", "victim_age=15", "--fact", "victim_gender=female"]
COMMANDS: dict[str, list[str]] = {
    "provision-show": ["provision", "show", "BNS 143"],
    "provision-show-date": ["provision", "show", "IPC 370", "--offence-date", "2024-08-01"],
    "provision-map": ["provision", "map", "IPC 370"],
    "provision-search": ["provision", "search", "trafficking"],
    "judgement-show": ["judgement", "show", "Vishal Jeet"],
    "judgement-list": ["judgement", "list"],
    "judgement-search": ["judgement", "search", "rescue"],
    "sop-list": ["sop", "list"],
    "sop-show": ["sop", "show", "mwcd-child-rescue-protocol-2006"],
    "checklist-list": ["checklist", "list"],
    "checklist-build": ["checklist", "build", "csec-rescue", *GIRL],
    "handout": ["handout", "build", "trafficking-csec"],
    "quiz": ["quiz", "build", "trafficking-csec", "--answers"],
    "kb-unverified": ["kb", "unverified"],
}
#: The formats each command offers, and how each must hold the planted strings.
FORMATS: dict[str, dict[str, str]] = {
    "provision-show": {"text": "text", "md": "md", "json": "json"},
    "provision-show-date": {"text": "text", "md": "md", "json": "json"},
    "provision-map": {"text": "text", "json": "json"},
    "provision-search": {"text": "text", "json": "json"},
    "judgement-show": {"text": "text", "md": "md", "json": "json"},
    "judgement-list": {"text": "text", "md": "md", "json": "json"},
    "judgement-search": {"text": "text", "md": "md", "json": "json"},
    "sop-list": {"text": "text", "md": "md", "json": "json"},
    "sop-show": {"text": "text", "md": "md", "json": "json"},
    "checklist-list": {"text": "text", "json": "json"},
    "checklist-build": {"table": "text", "md": "md", "json": "json", "ics": "ics"},
    "handout": {"md": "md", "html": "html"},
    "quiz": {"md": "md", "json": "json"},
    "kb-unverified": {"": "text"},
}
CASES = [(name, fmt, kind) for name, formats in FORMATS.items() for fmt, kind in formats.items()]


def _assert_no_controls(text: str) -> None:
    assert CONTROL.search(text) is None, repr(CONTROL.search(text))


def _assert_terminal_safe(text: str) -> None:
    """No control character, and the title-setting sequence removed whole (not only its ESC)."""
    _assert_no_controls(text)
    assert "pwned" not in text


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize(("name", "fmt", "kind"), CASES, ids=[f"{n}-{f or 'text'}" for n, f, _ in CASES])
def test_every_format_neutralises_planted_strings(run, planted: Path, name: str, fmt: str, kind: str) -> None:
    args = ["--kb", str(planted), *COMMANDS[name]] + (["--format", fmt] if fmt else [])
    result = run(*args)
    assert result.code == 0, result.stderr
    out = result.stdout
    assert TAG.split()[0] in out or "&lt;img" in out or "\\<img" in out, "the planted string is not in the output"
    _assert_terminal_safe(result.stderr)
    if kind == "json":
        data = json.loads(out)
        assert any(f"{TAG} {LINK} \x1b]0;pwned\x07" in s for s in _strings(data)), "JSON must carry the strings as they are"
        assert any(BIDI in s for s in _strings(data)), "JSON is not filtered: the format characters stay, exactly"
        _assert_no_controls(out)  # ...written as \\uXXXX escapes, which a terminal shows as text
    elif kind == "ics":
        from icalendar import Calendar

        assert Calendar.from_ical(out).walk("VEVENT")
    elif kind == "html":
        assert "<img" not in out and 'href="javascript' not in out
        assert "&lt;img src=x onerror=alert(1)&gt;" in out
    else:
        _assert_terminal_safe(out)
        if kind == "md":
            # A renderer that passes raw HTML through (CommonMark's default) must find no tag and no link.
            html = MarkdownIt("commonmark").render(out)
            assert "<img" not in html
            assert 'href="javascript' not in html


def test_echoed_arguments_reach_the_terminal_without_escapes(run) -> None:
    for args, code, message in (
        (["provision", "show", f"BNS 9999 {ESCAPES}"], 1, "is not in the knowledge base"),
        (["checklist", "build", f"csec{ESCAPES}", "--at", "2026-11-27 10:00"], 1, "no checklist template"),
        (["deadline", "--from", f"2026{ESCAPES}", "--within", "1 day"], 2, "cannot read the date"),
        (["sop", "show", f"x{ESCAPES}"], 1, "no SOP"),
        (["provision", "show", f"--bogus{ESCAPES}"], 2, "No such option"),
        (["provision", "show", f"BNS 9999 {BIDI}"], 1, "is not in the knowledge base"),
        (["checklist", "build", f"csec{BIDI}", "--at", "2026-11-27 10:00"], 1, "no checklist template"),
    ):
        result = run(*args)
        assert result.code == code and message in result.stderr, result.stderr
        _assert_no_controls(result.stderr)


def test_the_terminal_filter_keeps_ordinary_text_and_removes_whole_sequences() -> None:
    from lexkit.render.safe import terminal_safe

    assert terminal_safe("धारा 143\tBNS\n(1) text") == "धारा 143\tBNS\n(1) text"
    assert terminal_safe("a\x1b[31mred\x1b[0m b") == "ared b"
    assert terminal_safe("t\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\") == "tlink"
    assert terminal_safe("x\x1b]0;title\x07y\r\nz\x00\x7f\x85") == "xy\nz"
    assert terminal_safe("unterminated \x1b]0;title\nnext line") == "unterminated \nnext line"


def test_the_terminal_filter_drops_bidi_and_format_characters_but_keeps_zwj_and_zwnj() -> None:
    from lexkit.render.safe import terminal_safe

    assert terminal_safe(f"BNS 143{BIDI} end") == "BNS 143evilx end"
    # क्‍ष (half form with ZWJ) and क्‌ष (explicit virama with ZWNJ): Devanagari spellings that must survive
    for word in ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u200c\u0937"):
        assert terminal_safe(f"धारा {word}") == f"धारा {word}"
    assert terminal_safe("tag\U000e0041\U000e007f end") == "tag end"


def test_the_format_characters_dropped_are_every_cf_character_but_zwj_and_zwnj() -> None:
    """The hard-coded list (no table is built at import time) against this Python's Unicode database."""
    import sys
    import unicodedata

    from lexkit.render.safe import terminal_safe

    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    kept = [c for c in cf if terminal_safe(f"a{c}b") != "ab"]
    assert kept == ["\u200c", "\u200d"]


def test_json_escapes_what_a_terminal_would_obey_and_decodes_to_the_same_data() -> None:
    from lexkit.render.safe import json_invisibles_escaped

    data = {"s": f"a{BIDI}\x85\x7f\U000e0041 \u0915\u094d\u200d\u0937"}
    text = json_invisibles_escaped(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert CONTROL.search(text) is None
    assert "\u200d" in text  # ZWJ stays as it is
