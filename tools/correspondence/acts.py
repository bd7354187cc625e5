"""Read the bare texts in ../shared/reference/acts/ into sections and numbered units.

A unit is a section's top-level sub-section "(1)", "(2)", ... (for BNS s.2 and BSA s.2(1), the
numbered or lettered definition clauses), so a match can name a pinpoint such as BNS-3(5).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

def _find_acts() -> Path:
    """The bare texts: $LEXKIT_ACTS_DIR, or shared/reference/acts in a folder above this one."""
    import os
    if os.environ.get("LEXKIT_ACTS_DIR"):
        return Path(os.environ["LEXKIT_ACTS_DIR"])
    for parent in Path(__file__).resolve().parents:
        cand = parent / "shared" / "reference" / "acts"
        if cand.is_dir():
            return cand
    return Path("../shared/reference/acts")


ACTS_DIR = _find_acts()
FILES = {"IPC": "ipc-1860.md", "BNS": "bns-2023.md", "CRPC": "crpc-1973.md",
         "BNSS": "bnss-2023.md", "IEA": "iea-1872.md", "BSA": "bsa-2023.md"}

HEAD = re.compile(r"^## Section (\S+) - (.*)$")


@dataclass
class Section:
    act: str
    number: str
    title: str
    raw: str
    units: dict[str, str] = field(default_factory=dict)   # label -> text

    @property
    def id(self) -> str:
        return f"{self.act}-{self.number}"

    @property
    def norm(self) -> str:
        return normalise(self.raw)

    @property
    def repealed(self) -> bool:
        body = normalise(self.raw)
        return len(body.split()) < 12 and ("rep" in body or "omitted" in body) or body.strip() in ("", "rep", "omitted")


def clean(text: str) -> str:
    text = text.split("\n### Footnotes")[0]
    # India Code prints State amendments after the section: they are not the Central Act's text.
    text = re.split(r"\n\s*STATE AMENDMENTS?\b", text)[0]
    # a multi-part file starts each part with front matter; it follows the last section of a part
    text = re.split(r"\n---\s*\ntitle:", text)[0]
    text = re.sub(r"\^\d+", "", text)
    text = text.replace("***", " ")
    return text


def normalise(text: str) -> str:
    t = clean(text).lower()
    t = t.replace("\u2014", " ").replace("\u2013", " ").replace("---", " ").replace("--", " ")
    t = re.sub(r"[\u201c\u201d\u2018\u2019\"'`]", "", t)
    t = re.sub(r"[\[\]\(\)\.,;:\-]", " ", t)
    return re.sub(r"\s+", " ", t).strip()


UNIT = re.compile(r"^\(([0-9]+[A-Z]?)\)\s", re.M)


def split_units(act: str, number: str, text: str) -> dict[str, str]:
    body = clean(text)
    # old sections sometimes start with "363A. Title.—": drop it
    body = re.sub(r"^\s*\[?\d+[A-Z]*\.\s[^\n]*?\u2014", "", body)
    marks = list(UNIT.finditer(body))
    units: dict[str, str] = {}
    if act in ("BSA",) and number == "2":
        # 2(1)(a)...: units are the lettered clauses
        marks = list(re.finditer(r"^\(([a-z])\)\s+[\u201c\"]", body, re.M))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        label = m.group(1)
        if label in units:  # a second "(1)" inside a proviso list: keep with the previous unit
            continue
        units[label] = body[m.start():end]
    return units


def load(act: str) -> dict[str, Section]:
    path = ACTS_DIR / FILES[act]
    out: dict[str, Section] = {}
    cur: Section | None = None
    buf: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = HEAD.match(line)
        if m:
            if cur:
                cur.raw = "\n".join(buf)
                out[cur.number] = cur
            cur = Section(act, m.group(1), m.group(2).rstrip("."), "")
            buf = []
        elif cur is not None:
            buf.append(line)
    if cur:
        cur.raw = "\n".join(buf)
        out[cur.number] = cur
    for s in out.values():
        s.units = split_units(act, s.number, s.raw)
    return out
