#!/usr/bin/env python3
"""Import every section of the bare Acts into the knowledge base (issue 9, "the whole law").

Reads the bare-act Markdown files in shared/reference/acts (India Code text, one
`## Section N - Title.` heading per section) and the First Schedules of the BNSS and the CrPC,
and rewrites provisions/<act>.yaml so that each Act holds every section:

- Hand-curated records already in a file are kept byte for byte (comments included) and the new
  records are put among them in natural section order (2, 2A, 3, ... 120, 120A, 120B, 121).
- A record is the importer's own, and is regenerated on every run, when its `last_verified_on`
  is IMPORT_DATE and it carries none of the keys the importer never writes (tags,
  cross_references, subsections, time_limits, amended_by). To take a record over by hand, add one
  of those keys or change its date: the importer then leaves it alone.
- An importer-owned record may still carry hand-curated KEPT_KEYS (in_force_from, versions,
  keywords): the bare text cannot give them (a consolidated text shows only the present form), so
  they are read from the existing record and written back verbatim, as its last keys, when the
  record is regenerated. The record stays the one place its dated versions are kept.
- Text is verbatim: lines wrapped by the converter are joined, paragraph breaks kept, India Code's
  footnote markers (^1) dropped, "---" written as an em dash (the rule the BNS file states), and
  India Code's "STATE AMENDMENT" notes (not part of the Central Act) cut off.
- India Code's footnotes become the section's `note`; an omitted or repealed section says so,
  with `in_force_to` the day before the footnote's "w.e.f." date where it gives one.
- Offences of the BNS and the IPC get `classification` from the First Schedule of the BNSS and
  (resolved view) of the CrPC, and structured `punishments` where the Schedule's punishment
  column parses and agrees with the section text; the others are listed by --report.

Deterministic and re-runnable: the same inputs give the same files. Standard library + PyYAML.

    python tools/import_acts.py [--acts DIR] [--kb DIR] [--report FILE] [--check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

IMPORT_DATE = "2026-12-02"
HANDLE = "https://www.indiacode.nic.in/handle/123456789/"
NEVER_WRITTEN = ("tags:", "cross_references:", "subsections:", "time_limits:", "amended_by:")
#: Hand-curated keys an importer-owned record keeps across imports, written back in this order.
KEPT_KEYS = ("keywords", "in_force_from", "versions")


# --------------------------------------------------------------------------------------------
# The Acts
# --------------------------------------------------------------------------------------------

@dataclass
class ActSpec:
    code: str
    md: str                      # file in the acts folder
    yaml: str                    # file in provisions/
    handle: str | None           # India Code handle number
    verification: str = "primary"
    only: tuple[str, ...] | None = None   # import only these sections
    secondary_note: str | None = None     # for texts taken from PDFs in public repositories
    header: str | None = None    # full act header for a new file (YAML text, without "sections:")
    schedule: str | None = None  # "bnss" | "crpc": First Schedule giving classification


SECONDARY_PDF_NOTE = (
    "Text converted from India Code's consolidated PDF of the repealed {name} found in a public "
    "repository ({repo}, {path}); identity with India Code inferred from layout and footnotes, "
    "not byte-checked against the official site: see shared/reference/acts/{md}."
)

ACTS: list[ActSpec] = [
    ActSpec("BNS", "bns-2023.md", "bns-2023.yaml", "20062", schedule="bnss"),
    ActSpec("BNSS", "bnss-2023.md", "bnss-2023.yaml", "20099"),
    ActSpec("BSA", "bsa-2023.md", "bsa-2023.yaml", "20063"),
    ActSpec("IPC", "ipc-1860.md", "ipc-1860.yaml", "2263", verification="secondary", schedule="crpc",
            secondary_note=SECONDARY_PDF_NOTE.format(name="Indian Penal Code, 1860 (as amended to 2018)",
                                                     repo="harish-garg/Doc-to-chatbot", path="ipc.pdf",
                                                     md="ipc-1860.md")),
    ActSpec("CRPC", "crpc-1973.md", "crpc-1973.yaml", None, verification="secondary",
            secondary_note=SECONDARY_PDF_NOTE.format(name="Code of Criminal Procedure, 1973 (as amended to 2019)",
                                                     repo="neerajAIML/localGPTAI",
                                                     path="the_code_of_criminal_procedure_1973.pdf",
                                                     md="crpc-1973.md")),
    ActSpec("IEA", "iea-1872.md", "iea-1872.yaml", None, verification="secondary",
            secondary_note=SECONDARY_PDF_NOTE.format(name="Indian Evidence Act, 1872 (updated to 13-3-2020)",
                                                     repo="neerajAIML/localGPTAI", path="iea_1872.pdf",
                                                     md="iea-1872.md")),
    ActSpec("ITPA", "itpa-1956.md", "itpa-1956.yaml", "19243"),
    ActSpec("BLSA", "blsa-1976.md", "blsa-1976.yaml", "1491"),
    ActSpec("JJA", "jj-act-2015.md", "jja-2015.yaml", "2148"),
    ActSpec("POCSO", "pocso-2012.md", "pocso-2012.yaml", "2079"),
    ActSpec("GCA", "gca-1897.md", "gca-1897.yaml", "2328"),
    ActSpec("IFA", "ifa-2025.md", "ifa-2025.yaml", "21918"),
    ActSpec("PCMA", "pcma-2006.md", "pcma-2006.yaml", "2055"),
    ActSpec("EMA", "emigration-1983.md", "emigration-1983.yaml", "1779"),
    ActSpec("THOTA", "thota-1994.md", "thota-1994.yaml", "1962"),
    ActSpec("ITA", "it-act-2000.md", "it-act-2000.yaml", "1999", only=("66E", "67", "67A", "67B")),
    ActSpec("SCST", "sc-st-poa-1989.md", "sc-st-poa-1989.yaml", "1920", only=("3",)),
    ActSpec("NIA", "nia-2008.md", "nia-2008.yaml", "2054"),
]


# --------------------------------------------------------------------------------------------
# Parsing the bare-act Markdown
# --------------------------------------------------------------------------------------------

SECTION_RE = re.compile(r"^## Section ([0-9]+[A-Z]*) - (.*)$")


@dataclass
class RawSection:
    number: str
    heading: str
    lines: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


def parse_sections(path: Path) -> dict[str, RawSection]:
    """Every `## Section N - Title.` of a file, in order, with its lines and footnotes."""
    out: dict[str, RawSection] = {}
    cur: RawSection | None = None
    in_notes = False
    in_front = False
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if in_front:
            if line == "---":
                in_front = False
            continue
        if line == "---" and i + 1 < len(lines) and re.match(r"^[a-z_]+:", lines[i + 1]):
            in_front, cur = True, None
            continue
        m = SECTION_RE.match(line)
        if m:
            number = m.group(1)
            if number in out:
                raise SystemExit(f"{path.name}: section {number} twice")
            cur = out[number] = RawSection(number, m.group(2).strip())
            in_notes = False
            continue
        if line.startswith("# ") or line.startswith("## "):
            cur = None
            continue
        if cur is None:
            continue
        if line.strip() == "### Footnotes":
            in_notes = True
            continue
        (cur.footnotes if in_notes else cur.lines).append(line)
    return out


def paragraphs(lines: list[str]) -> list[str]:
    """Join lines wrapped by the converter; keep paragraph breaks; keep table rows as lines."""
    paras: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            paras.append(" ".join(buf))
            buf.clear()

    for line in lines:
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("|"):
            flush()
            paras.append(s)
        else:
            buf.append(s)
    flush()
    # consecutive table rows form one block
    out: list[str] = []
    for p in paras:
        if p.startswith("|") and out and out[-1].split("\n")[-1].startswith("|"):
            out[-1] += "\n" + p
        else:
            out.append(p)
    return out


MARKER_RE = re.compile(r"\^\d+")


def clean(s: str, number: str) -> str:
    # A marker fused with the section number ("^1138A." = marker 1 + "138A.")
    s = re.sub(r"\^\d{1,2}(?=" + re.escape(number) + r"\.)", "", s)
    s = MARKER_RE.sub("", s)
    s = re.sub(r"(?<![-|])---(?![-|])", "—", s)  # not the "|---|" rule of a Markdown table
    s = re.sub(r"[ \t]+$", "", s, flags=re.M)
    return s


# Defects of the bare text repaired, each checked against a hand-audited record of the same
# Act (or, for "subsection", against the Acts' own spelling "sub-section"). Mirror files only
# (the India Code section-page conversions), never the IPC/CrPC/IEA PDFs.
REPAIRS: list[tuple[str | None, str | None, str, str]] = [
    # (act code or None for every mirror file, section or None, old, new)
    (None, None, r"\bsubsection", "sub-section"),
    ("JJA", None, r"\bchilds\b", "child's"),
    ("JJA", None, r"\bchildrens\b", "children's"),
    ("POCSO", None, r"\bchilds\b", "child's"),
    ("BNS", None, r"\bthat persons natural life", "that person's natural life"),
    ("BNSS", "35", r"\bpn\.erson\b", "person"),
    ("BNSS", "176", r"\binclause\b", "in clause"),
    ("BNSS", "183", r"\baudiovideo\b", "audio-video"),
    ("ITPA", "18", r"\]two hundred metres\]", "[two hundred metres]"),
    ("BSA", "45", r"(?m)^Illustrations\.$", "Illustration."),
]
# Paragraphs the mirror printed twice (India Code's PDF has them once), per the file's header.
DEDUP = {("BSA", "119")}


def dedup(text: str) -> tuple[str, bool]:
    paras = text.rstrip("\n").split("\n\n")
    out = [p for i, p in enumerate(paras) if i == 0 or p != paras[i - 1]]
    return "\n\n".join(out) + "\n", len(out) != len(paras)
PDF_FILES = {"ipc-1860.md", "crpc-1973.md", "iea-1872.md"}


def repair(code: str, md: str, number: str, text: str) -> tuple[str, list[str]]:
    done = []
    if md in PDF_FILES:
        return text, done
    for c, n, old, new in REPAIRS:
        if (c is None or c == code) and (n is None or n == number):
            text2, k = re.subn(old, new, text)
            if k:
                label = re.sub(r"\(\?m\)|\\b|\^|\$", "", old).replace("\\", "")
                done.append(f'"{label}" -> "{new}" ({k}x)')
                text = text2
    return text, done


def section_text(raw: RawSection) -> tuple[str, bool]:
    """(text, had_state_amendment)."""
    body: list[str] = []
    state = False
    for line in raw.lines:
        if line.strip().upper().startswith("STATE AMENDMENT"):
            state = True
            break
        body.append(line)
    paras = [clean(p, raw.number).strip() for p in paragraphs(body)]
    paras = [p for p in paras if p]
    return "\n\n".join(paras) + "\n", state


ACT_CITED = re.compile(r"\b(?:Act|Regulation) (\d+ of \d{4})")


def footnote_note(raw: RawSection, last_act: list[str], resolve_ibid: bool) -> str | None:
    """India Code's footnotes as one note. In the India Code section-page files, an "ibid." that cites no
    Act is followed by the Act the preceding footnote of the file cites (``last_act`` carries it from
    section to section), marked as our reading; the PDF conversions already carry such notes."""
    notes = [clean(p, raw.number).strip() for p in paragraphs(raw.footnotes)]
    notes = [n for n in notes if n]
    out = []
    for n in notes:
        cited = ACT_CITED.findall(n)
        if resolve_ibid and "ibid" in n and not cited and last_act:
            n += f" [ibid.: Act {last_act[0]}, the Act the preceding footnote cites]"
        if cited:
            last_act[:] = [cited[-1]]
        out.append(n)
    if not out:
        return None
    return "India Code footnotes: " + " ".join(out)


GENERATED_MARK = "read by tools/import_acts.py"


def insertion(raw: RawSection, note: str | None) -> tuple[str, str, str] | None:
    """(first day in force, amending Act and section, footnote) for a section India Code prints as
    wholly inserted ("^1[120A. ..." with footnote 1 "Ins. by Act 26 of 1955, s. 3 (w.e.f. ...)")."""
    body = "\n".join(raw.lines).strip()
    m = re.match(r"^\^(\d+)\[" + re.escape(raw.number) + r"\.", body)
    if not m:
        return None
    key = m.group(1)
    foot = next((f.strip() for f in raw.footnotes if f.strip().startswith(key + ". ")), None)
    if not foot or not re.match(re.escape(key) + r"\. Ins\. by\b", foot):
        return None
    day = WEF_RE.search(foot)
    sec = re.search(r"Ins\. by [^()]*?\bs\.\s?(\d+[A-Z]?)", foot)
    cited = ACT_CITED.findall(foot)
    if not cited and note:  # an "ibid." the note resolves (section-page files)
        own = re.search(re.escape(foot[:40]) + r"[^\[]*\[ibid\.: Act (\d+ of \d{4})", note)
        cited = [own.group(1)] if own else []
    if not (day and sec and cited):
        return None
    first = dt.date(int(day.group(3)), int(day.group(2)), int(day.group(1))).isoformat()
    return first, f"Act {cited[0]}, s.{sec.group(1)}", clean(foot, raw.number)


def title_of(heading: str) -> str:
    t = heading.strip()
    t = re.sub(r"\]\.$", "]", t)
    if t.endswith(".") and not t.endswith("etc.") and not t.endswith("]."):
        t = t[:-1]
    return t.strip() or "[untitled]"


WEF_RE = re.compile(r"w\.\s?e\.\s?f\.\s*(\d{1,2})[-.](\d{1,2})[-.](\d{4})")


def repeal_info(raw: RawSection, text: str, note: str | None) -> tuple[bool, str | None]:
    """Is the section repealed or omitted; the last day in force where a footnote dates it."""
    head = raw.heading.lower()
    body = text.strip().lower()
    gone = ("repealed" in head or "omitted" in head) or bool(
        re.match(r"^[\[.\s]*(\[?[^\]]*\]\.?\s*)?(rep\.|repealed|omitted)\b", body) and len(body) < 400)
    if not gone:
        return False, None
    # the section's own words, then only the footnotes that omit or repeal it: an "Ins. by ..."
    # footnote dates when the section began, not when it ended
    omitting = [f for f in re.split(r"(?<![\d.])(?=\b\d{1,2}\. )", note or "") if re.search(r"\b(omitted|rep\.|repealed)", f, re.I)]
    for src in (text, *omitting):
        m = WEF_RE.search(src)
        if m:
            d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return True, (d - dt.timedelta(days=1)).isoformat()
    return True, None


#: The last day in force of an omitted section whose bare text dates the omitting instrument but
#: gives no "w.e.f." date: (last day, why), read from the section's own words in India Code.
LAST_DAYS = {
    "ITPA-2A": ("2020-03-17",
                "Last day in force: the day before 18 March 2020, the date India Code gives for S.O. 1123(E), "
                "the Jammu and Kashmir Reorganisation (Adaptation of Central Laws) Order, 2020, the first of the "
                "two Orders that omitted s.2A (the second, for Ladakh, S.O. 3774(E), is dated 23 October 2020). "
                "The Orders' own commencement clauses are not held here: the date is the notification's date, "
                "unverified as the date of effect."),
}


# --------------------------------------------------------------------------------------------
# First Schedules: classification and punishments
# --------------------------------------------------------------------------------------------

@dataclass
class Row:
    key: str          # "143(2)", "77", "501(b)"
    offence: str
    punishment: str
    cognizable: str
    bailable: str
    court: str
    not_in_force: bool = False


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def parse_bnss_schedule(path: Path) -> list[Row]:
    rows: list[Row] = []
    part_i = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("### I."):
            part_i = True
            continue
        if line.startswith("### II."):
            break
        if not part_i or not line.startswith("|") or line.startswith("|---") or line.startswith("| Section"):
            continue
        c = _cells(line)
        if len(c) < 8 or c[0] == "1":
            continue
        key = c[6]
        nif = "[not in force]" in key
        key = key.replace("[not in force]", "").strip()
        rows.append(Row(key, c[1], c[2], c[3], c[4], c[5], nif))
    return rows


def parse_crpc_schedule(path: Path) -> list[Row]:
    """The resolved view of Part I (every "Ditto" replaced by the entry it repeats)."""
    rows: list[Row] = []
    on = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## Resolved view"):
            on = True
            continue
        if not on or not line.startswith("|") or line.startswith("|---") or line.startswith("| [key]"):
            continue
        c = _cells(line)
        if len(c) < 6:
            continue
        key = c[0]
        nif = "not in force" in key
        key = re.sub(r"\s*\[.*?\]", "", key).strip()
        row = Row(key, c[1], c[2], c[3], c[4], c[5], nif)
        for col, value in CRPC_DITTO_FIXES.get(key, {}).items():
            setattr(row, col, value)
        rows.append(row)
    return rows


# The Criminal Law (Amendment) Act, 2013 replaced the Schedule's row for IPC 354 and inserted rows
# for 354A-354D before 355, but left the "Ditto" entries of 355-363 as they were. Read literally,
# those "Ditto"s now repeat the 354D row for a second conviction (non-bailable; 5 years for 355 and
# 356), which contradicts the IPC's own punishment for 355 and 356 (2 years, or fine, or both). They
# were written to repeat the 1973 row for 354 (2 years, or fine, or both; bailable), so that is the
# entry used here. Corroborated by the successor rows of the BNSS First Schedule (BNS 133-136 and
# 137(2): bailable; 133 and 134: 2 years, or fine, or both). Decision recorded 2026-12-03.
CRPC_DITTO_FIXES: dict[str, dict[str, str]] = {
    "355": {"punishment": "Imprisonment for 2 years, or fine, or both.", "bailable": "Bailable"},
    "356": {"punishment": "Imprisonment for 2 years, or fine, or both.", "bailable": "Bailable"},
    "357": {"bailable": "Bailable"},
    "358": {"bailable": "Bailable"},
    "363": {"bailable": "Bailable"},
    # The same trap one chapter earlier: the 2013 rows for 326A and 326B (Court of Session) sit
    # between 326 (Magistrate of the first class) and 327, whose court column is "Ditto". The BNSS
    # successor row (BNS 119(1)) reads "Magistrate of the first class" in words.
    "327": {"court": "Magistrate of the first class."},
}
DITTO_NOTE = ("Classification: in the CrPC First Schedule this row's \"Ditto\" entries were written to repeat the "
              "1973 row for IPC 354 (bailable; 2 years, or fine, or both); since the Criminal Law (Amendment) "
              "Act, 2013 put the rows for 354A-354D in between, a literal reading would repeat the 354D "
              "second-conviction row (non-bailable), which contradicts the section's own punishment. lexkit "
              "reads them as bailable, as the successor row of the BNSS First Schedule (BNS 133-137) also does.")


def section_of_key(key: str) -> str:
    m = re.match(r"^([0-9]+[A-Z]*)", key)
    if not m:
        raise ValueError(key)
    return m.group(1)


def _yesno(cell: str, yes: str, no: str) -> bool | None:
    c = cell.strip().rstrip(".").strip().lower()
    if c == yes:
        return True
    if c == no:
        return False
    return None


def classification(rows: list[Row], basis: str, overrides: dict[str, str]) -> list[dict]:
    out = []
    multi = len(rows) > 1
    for r in rows:
        cog = _yesno(r.cognizable, "cognizable", "non-cognizable")
        bail = _yesno(r.bailable, "bailable", "non-bailable")
        court = re.sub(r"\.+$", "", r.court.strip()) or None
        label = r.key
        if multi:
            label += ": " + r.offence.rstrip(".")
        quals = []
        if cog is None:
            quals.append(f"cognizable: {r.cognizable.rstrip('.')}")
        if bail is None:
            quals.append(f"bailable: {r.bailable.rstrip('.')}")
        if r.not_in_force:
            quals.append("entry not in force")
        if quals:
            label += " [Schedule: " + "; ".join(quals) + "]"
        entry = {"applies_to": label, "cognizable": cog, "bailable": bail, "triable_by": court,
                 "basis": basis, "verification": overrides.get(r.key, "secondary")}
        out.append(entry)
    return out


NUM_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
             9: "nine", 10: "ten", 12: "twelve", 14: "fourteen", 20: "twenty", 24: "twenty-four"}
MONTHS = {3: 0.25, 6: 0.5, 9: 0.75, 18: 1.5}
UNIT_YEARS = {"hours": 1 / (365 * 24), "days": 1 / 365, "months": 1 / 12, "years": 1}
FRACTIONS = {"one-eighth part": 0.125, "one-fourth": 0.25, "a quarter part": 0.25, "a quarter": 0.25, "one-half": 0.5, "one half": 0.5,
             "half": 0.5}
MULTIPLE_TEXT = {2: ("twice", "double")}
FRACTION_WORDS = {0.125: ("one-eighth", "one-eight,"), 0.25: ("one-fourth", "one fourth", "quarter"), 0.5: ("one-half", "one- half", "half")}
# The order of a structured punishment's keys in the YAML (the schema's $defs/punishment)
PUNISHMENT_KEYS = ("min_years", "max_years", "term_unit", "min_term", "max_term", "life", "life_meaning", "death",
                   "imprisonment", "fine", "fine_min_inr", "fine_max_inr", "fine_multiple", "fine_to_victim",
                   "forfeiture", "community_service", "conviction", "relation", "relative_to", "fraction", "factor", "note")


class Unparsed(Exception):
    pass


def _term(s: str) -> tuple[int, str]:
    """'7 years' -> (7, 'years'); 'six months' -> (6, 'months'); '24 hours' -> (24, 'hours')."""
    m = re.fullmatch(r"(\d+|[a-z-]+)\s+(years?|months?|days?|hours?)", s.strip())
    if not m:
        raise Unparsed(f"term {s!r}")
    words = {w: k for k, w in NUM_WORDS.items()}
    if m.group(1).isdigit():
        n = int(m.group(1))
    elif m.group(1) in words:
        n = words[m.group(1)]
    else:
        raise Unparsed(f"term {s!r}")
    unit = m.group(2) if m.group(2).endswith("s") else m.group(2) + "s"
    return n, unit


def _years_of(n: int, unit: str) -> int | float:
    if unit == "years":
        return n
    if unit == "months" and n in MONTHS:
        return MONTHS[n]
    return round(n * UNIT_YEARS[unit], 4)


def _set_term(r: dict, which: str, s: str) -> None:
    """Record a term ('min' or 'max') in years, and as the Act states it (kept aside for the unit)."""
    n, unit = _term(s)
    r[f"{which}_years"] = _num(_years_of(n, unit))
    r.setdefault("_terms", {})[which] = (n, unit)


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _inr(s: str) -> int:
    s = s.strip()
    m = re.fullmatch(r"(\d+)\s+lakh\s+rupees", s)
    if m:
        return int(m.group(1)) * 100000
    m = re.fullmatch(r"(\d[\d,]*)\s+rupees", s)
    if m:
        return int(m.group(1).replace(",", ""))
    raise Unparsed(f"amount {s!r}")


def _norm(col: str) -> str:
    s = MARKER_RE.sub("", col).strip().strip("[]").strip()
    return re.sub(r"\s+", " ", s).rstrip(".").strip().rstrip("]").rstrip(".").replace("’", "'")


def parse_punishment(col: str, prev: str | None = None) -> list[dict]:
    """The Schedule's punishment column -> structured punishments (without applies_to).

    ``prev`` is the punishment column of the row above, which "as above" repeats. An empty column
    (a row that only heads the rows below it) gives no punishment."""
    s = _norm(col)
    if not s:
        return []
    rel = _relative(s)
    if rel is not None:
        return rel
    low = s.lower()
    if re.search(r",? or as above$", low):
        # "Death, or as above": this, or the punishment of the entry above (whose fine is not shared)
        if not prev or not _norm(prev):
            raise Unparsed("'as above' without an entry above")
        head = _alternatives(re.sub(r",? or as above$", "", low))
        above = parse_punishment(prev)
        both = head + above
        for i, x in enumerate(both, 1):
            note = re.sub(r"^Alternative (to the (term in the next|previous) entry|\d+ of \d+)\.\s*", "",
                          x.get("note", ""))
            x["note"] = (f"Alternative {i} of {len(both)}. " + note).strip()
        return both
    # the Schedule's slips of the pen, read as the section text has them (checked against it after parsing)
    low = re.sub(r"\bimprisonment with (?=\d)", "imprisonment for ", low)
    low = re.sub(r"\bextend (?=\d)", "extend to ", low)
    low = low.replace("fine, of ", "fine of ")
    m = re.fullmatch(r"on first conviction, with (.+?),? and,? in the event of (?:a )?second or subsequent "
                     r"conviction, with (.+)", low)
    if m:
        out = []
        for part, conviction in ((m.group(1), "first"), (m.group(2), "subsequent")):
            for r in _alternatives(part):
                r["conviction"] = conviction
                out.append(r)
        return out
    conviction = None
    m = re.search(r",? for (first|second or subsequent) conviction$", low)
    if m:
        conviction = "first" if m.group(1) == "first" else "subsequent"
        low = low[:m.start()]
    results = _alternatives(low)
    if conviction:
        for r in results:
            r["conviction"] = conviction
    return results


def _empty(**kw: object) -> dict:
    r: dict = {"min_years": None, "max_years": None, "life": False}
    r.update(kw)
    return r


def _relative(s: str) -> list[dict] | None:
    """A punishment the Schedule states by reference to another offence or sentence, else None."""
    low = s.lower()
    m = re.fullmatch(r"(?:the )?same as (for |if )(.+)", s, re.I)
    if m:
        target = m.group(2) if m.group(1).lower() == "for " else "if " + m.group(2)
        return [_empty(fine="relative", relation="same_as", relative_to=target)]
    m = re.fullmatch(r"(?:the )?punishment (?:provided )?for (.+)", s, re.I)
    if m:
        return [_empty(fine="relative", relation="same_as", relative_to=m.group(1))]
    if low == "punishment of original sentence, or if part of the punishment has been undergone, the residue":
        return [_empty(fine="relative", relation="same_as",
                       relative_to="the original sentence, or, if part of it has been undergone, the residue")]
    m = re.fullmatch(r"one half of the imprisonment for life, or imprisonment not exceeding one-half of the longest "
                     r"term, provided for the offence, or fine, or both", low)
    if m:
        a = _empty(fine="or_both", relation="fraction_of_life", fraction=0.5, relative_to="the offence",
                   note="Alternative to the term in the next entry, where the offence is punishable with "
                        "imprisonment for life.")
        b = _empty(fine="or_both", relation="fraction_of_longest_term", fraction=0.5, relative_to="the offence",
                   note="Alternative to the previous entry, where the offence is punishable with imprisonment "
                        "for a term.")
        return [a, b]
    m = re.fullmatch(r"imprisonment (?:extending to |for |not exceeding )?(one-eighth part|one-fourth|a quarter part|"
                     r"a quarter|one-half|one half|half) of the longest term(, and of the descriptions,)?,? provided for "
                     r"the offence, or fine, or both", low)
    if m:
        r = _empty(fine="or_both", relation="fraction_of_longest_term", fraction=FRACTIONS[m.group(1)],
                   relative_to="the offence")
        if m.group(2):
            r["note"] = "Of the descriptions of imprisonment provided for the offence."
        return [r]
    m = re.fullmatch(r"(.+?),? in addition to (.+?)(,? and fine)?", s, re.I)
    if m:
        base = m.group(1).lower() + (" and fine" if m.group(3) else "")
        rs = _alternatives(base)
        if len(rs) != 1:
            raise Unparsed("alternatives in addition to another punishment")
        target = re.sub(r"\bimprisonment to under\b", "imprisonment under", m.group(2))
        rs[0].update(relation="in_addition_to", relative_to=target)
        return rs
    return None


def _alternatives(low: str) -> list[dict]:
    """'A, or B, or C' (terms of imprisonment, death, fine, community service) -> one entry each."""
    low = low.strip()
    if low == "death":
        return [_empty(death=True, imprisonment="none", fine="none")]
    if re.fullmatch(r"(?:upon|on) return of the value of property or restoration of the stolen property, shall be "
                    r"punished with community service", low):
        return [_empty(imprisonment="none", fine="none", community_service=True,
                       note="On return of the value of the property, or restoration of the stolen property.")]
    death = False
    m = re.match(r"^death,? (?:or (?:with )?)?(?=imprisonment|rigorous|simple)", low)
    if m:
        death, low = True, low[m.end():]
    m = re.search(r",? (and )?(with )?(fine )?or (with )?death$", low)
    if m:
        death, low = True, low[:m.start()] + (" and fine" if m.group(3) else "")
    low = low.replace("or with fine", "or fine").replace("or with both", "or both")
    low = re.sub(r"\band with fine\b", "and fine", low)
    low = re.sub(r"(?<!or )\bwith fine\b", "and fine", low)
    extra: list[dict] = []
    m = re.search(r",? or (?:with )?community service$", low)
    if m:
        extra.append(_empty(imprisonment="none", fine="none", community_service=True))
        low = low[:m.start()]
    m = re.search(r",? or if treating only, fine only$", low)
    if m:
        extra.append(_empty(imprisonment="none", fine="only", note="Where the offence is treating only."))
        low = low[:m.start()]
    m = re.search(r"and fine(, or fine)$", low)
    if m:
        extra.append(_empty(imprisonment="none", fine="only"))
        low = low[:m.start(1)]
    forfeiture = None
    m = re.search(r",? and ((?:forfeiture|confiscation) of .+)$", low)
    if m:
        forfeiture, low = m.group(1), low[:m.start()]
    parts = re.split(r",? or (?=imprisonment\b|rigorous imprisonment|simple imprisonment)", low)
    results = [_one(p.strip().rstrip(",")) for p in parts]
    if len(results) > 1 and not any(x["life"] for x in results) and \
            any(x["min_years"] is not None and x["max_years"] is None for x in results):
        # BNS 121(2): "Imprisonment not less than 1 year, or imprisonment for 10 years and fine" stands for
        # 1 to 10 years in the section text: an alternative with only a minimum is not read as one
        raise Unparsed("alternative with only a minimum")
    # "Imprisonment for life, or imprisonment for 10 years and fine": fine stated once, for every term
    if results[-1]["fine"] == "required":
        for x in results[:-1]:
            if x["fine"] == "none":
                x["fine"] = "required"
    if forfeiture:
        for x in results:
            x["forfeiture"] = forfeiture
    if death:
        results[0]["death"] = True
    n = len(results) + len(extra)
    if n == 2 and len(results) == 2:
        results[0]["note"] = "Alternative to the term in the next entry."
        results[1]["note"] = "Alternative to the previous entry."
    elif n > 1:
        for i, x in enumerate(results + extra, 1):
            x["note"] = (f"Alternative {i} of {n}. " + x.get("note", "")).strip()
    return results + extra


AMT = r"([0-9][0-9,]* rupees|\d+ lakh rupees)"
FINE_TAILS: list[tuple[str, str, str | None]] = [
    # (pattern, fine, what the groups are)
    (r",? with or without fine$", "optional", None),
    (r",? or fine,? or (\d+) times (the value of .+?),? or both$", "or_both", "multiple"),
    (r",? or fine,? or (\d+) times (the value of .+?)$", "alternative", "multiple"),
    (r",? or fine (?:of |which may extend to )?" + AMT + r",? or (?:with )?both$", "or_both", "max"),
    (r",? or fine (?:of )?(?:which shall )?not (?:be )?less than " + AMT + r",? or (?:with )?both$", "or_both", "min"),
    (r",? or fine,? or (?:with )?both$", "or_both", None),
    (r",? or fine (?:of |which may extend to )?" + AMT + "$", "alternative", "max"),
    (r",? or fine$", "alternative", None),
    (r",? and fine to be paid to the victim$", "required", "victim"),
    (r",? and fine (?:of )?(?:which shall )?not (?:be )?less than " + AMT + r",? but (?:which )?may extend to " + AMT + "$",
     "required", "range"),
    (r",? and fine (?:of )?(?:which shall )?not (?:be )?less than " + AMT + "$", "required", "min"),
    (r",? and fine (?:of |which may extend to )" + AMT + "$", "required", "max"),
    (r",? and " + AMT + "$", "required", "max"),
    (r",? and fine$", "required", None),
]


def _one(p: str) -> dict:
    r: dict = {"min_years": None, "max_years": None, "life": False}
    desc = None
    if p.startswith("rigorous imprisonment"):
        desc = "rigorous"
    elif p.startswith("simple imprisonment"):
        desc = "simple"
    if p == "fine":
        r.update(imprisonment="none", fine="only")
        return r
    m = re.fullmatch(r"fine (which may extend to|of) (.+)", p)
    if m:
        r.update(imprisonment="none", fine="only", fine_max_inr=_inr(m.group(2)))
        return r
    body = re.sub(r"^(rigorous |simple )?imprisonment\s*", "", p)
    fine = "none"
    for pattern, kind, groups in FINE_TAILS:
        m = re.search(pattern, body)
        if not m:
            continue
        fine, body = kind, body[:m.start()]
        if groups == "max":
            r["fine_max_inr"] = _inr(m.group(1))
        elif groups == "min":
            r["fine_min_inr"] = _inr(m.group(1))
        elif groups == "range":
            r["fine_min_inr"], r["fine_max_inr"] = _inr(m.group(1)), _inr(m.group(2))
        elif groups == "victim":
            r["fine_to_victim"] = True
        elif groups == "multiple":
            r["fine_multiple"] = {"factor": int(m.group(1)), "of": m.group(2)}
        break
    body = body.strip().rstrip(",").strip()
    life_meaning = None
    lm = re.search(r",? ?which shall mean (?:imprisonment for )?(?:the remainder of )?that person's natural life$",
                   body)
    if lm:
        life_meaning = "remainder_of_natural_life"
        body = body[:lm.start()].strip().rstrip(",")
    mm = re.fullmatch(r"(?:for |of )(?:minimum )?(\d+ (?:years?|months?)),? which may extend to (\d+ years?)", body)
    ml = re.fullmatch(r"(?:for )?not less than (\d+ years?)", body)
    if body in ("for life",):
        r["life"] = True
    elif mm:
        _set_term(r, "min", mm.group(1))
        _set_term(r, "max", mm.group(2))
    elif ml:
        _set_term(r, "min", ml.group(1))
    else:
        m = (re.fullmatch(r"(?:for |of )?(?:a term which shall )?not (?:be )?less than (.+?),? (?:but )?(?:which )?may "
                          r"extend to (.+)", body)
             or re.fullmatch(r"for (\d+ years?),? but which may extend to (.+)", body))
        if m:
            _set_term(r, "min", m.group(1))
            upper = re.sub(r"^imprisonment for (?=\d)", "", m.group(2).strip())
            if re.fullmatch(r"(imprisonment for )?(the )?remainder of that person's natural life", upper):
                r["life"] = True
                life_meaning = "remainder_of_natural_life"
            elif upper == "imprisonment for life":
                r["life"] = True
            else:
                _set_term(r, "max", upper)
        else:
            m = re.fullmatch(r"(?:for|up to|which may extend to|extending to) (.+)", body)
            if m:
                _set_term(r, "max", m.group(1))
            else:
                m = re.fullmatch(r"for (\d+ years?) which may extend to (.+)", body)
                if m:
                    _set_term(r, "min", m.group(1))
                    _set_term(r, "max", m.group(2))
                else:
                    raise Unparsed(f"imprisonment {body!r}")
    if life_meaning:
        if not r["life"]:
            raise Unparsed("life meaning without life")
        r["life_meaning"] = life_meaning
    if desc:
        r["imprisonment"] = desc
    r["fine"] = fine
    return r


def _finish_terms(p: dict) -> None:
    """A term the Act states in hours, days or months keeps its unit: term_unit, min_term, max_term."""
    terms = p.pop("_terms", {})
    units = {u for _n, u in terms.values()}
    if len(units) == 1 and units != {"years"}:
        p["term_unit"] = units.pop()
        p["min_term"] = terms["min"][0] if "min" in terms else None
        p["max_term"] = terms["max"][0] if "max" in terms else None


def _term_words(n: int, unit: str) -> list[str]:
    w = NUM_WORDS.get(n)
    if not w:
        return []
    return [f"{w} {unit}", f"{w} {unit[:-1]}"]


def check_against_text(p: dict, text: str) -> str | None:
    """Why the structured punishment does not agree with the section text, or None."""
    t = " ".join(text.lower().split())
    terms = p.get("_terms", {})
    for which in ("min", "max"):
        if which not in terms:
            continue
        n, unit = terms[which]
        words = _term_words(n, unit)
        if not words:
            return f"no word for {n} {unit}"
        if not any(w in t for w in words):
            return f"{which}_years {p[which + '_years']} not in the text"
    if p["life"] and "imprisonment for life" not in t and "extend to life" not in t:
        return "life not in the text"
    if p.get("death") and "death" not in t:
        return "death not in the text"
    if p.get("community_service") and "community service" not in t:
        return "community service not in the text"
    if p["fine"] in ("required", "or_both", "alternative", "only", "optional") and "fine" not in t \
            and "penalty" not in t:
        return "fine not in the text"
    if p["fine"] == "or_both" and "both" not in t:
        return "'or both' not in the text"
    if p["fine"] == "optional" and "with or without fine" not in t:
        return "'with or without fine' not in the text"
    for k in ("fine_min_inr", "fine_max_inr"):
        if k in p and not amount_in_text(p[k], t):
            return f"{k} {p[k]} not in the text"
    if "fine_multiple" in p:
        w = NUM_WORDS.get(p["fine_multiple"]["factor"])
        if not w or f"{w} times the value" not in t:
            return "fine multiple not in the text"
    if p.get("relation") in ("fraction_of_longest_term", "fraction_of_life"):
        if not any(w in t for w in FRACTION_WORDS[p["fraction"]]):
            return f"fraction {p['fraction']} not in the text"
        if p["relation"] == "fraction_of_life" and "imprisonment for life" not in t:
            return "imprisonment for life not in the text"
    if p.get("relation") == "multiple_of" and not any(w in t for w in MULTIPLE_TEXT.get(p["factor"], ("\0",))):
        return f"multiple {p['factor']} not in the text"
    if p.get("relation") == "in_addition_to" and "in addition" not in t:
        return "'in addition' not in the text"
    if p.get("forfeiture") and not re.search(r"forfeiture|forfeit|confiscat", t):
        return "forfeiture not in the text"
    return None


def fine_bound_from_text(p: dict, text: str) -> None:
    """The Schedule's "fine of 10,000 rupees" is a maximum unless the section says "not less than" it."""
    if "fine_max_inr" not in p:
        return
    t = " ".join(text.lower().split()).replace(",", "")
    for w in _amount_words(p["fine_max_inr"]):
        if re.search(rf"fine (?:which shall )?(?:not be|be not|not) less than {re.escape(w)} rupees", t):
            p["fine_min_inr"] = p.pop("fine_max_inr")
            return


def _amount_words(inr: int) -> list[str]:
    out = [str(inr)]
    lakhs = {1: "one", 2: "two", 3: "three", 5: "five", 10: "ten", 20: "twenty", 25: "twenty-five", 50: "fifty"}
    if inr % 100000 == 0 and inr // 100000 in lakhs:
        out += [f"{lakhs[inr // 100000]} lakh", f"{inr // 100000} lakh"]
    out += [w for w in [AMOUNT_NAMES.get(inr), *AMOUNT_VARIANTS.get(inr, [])] if w]
    return out


AMOUNT_NAMES = {10: "ten", 50: "fifty", 100: "one hundred", 200: "two hundred", 250: "two hundred and fifty",
                500: "five hundred", 1000: "one thousand", 2000: "two thousand", 3000: "three thousand",
                5000: "five thousand", 10000: "ten thousand", 20000: "twenty thousand", 50000: "fifty thousand",
                1500: "one thousand five hundred", 2500: "two thousand five hundred", 300: "three hundred",
                25000: "twenty-five thousand"}
AMOUNT_VARIANTS = {2500: ["two thousand and five hundred"], 600: ["six hundred"]}


def amount_in_text(inr: int, t: str) -> bool:
    """Does the section text state this amount of rupees (in figures or words)?"""
    t = t.replace(",", "")
    if re.search(rf"\b{inr}\s*rupees", t):
        return True
    return any(f"{w} rupees" in t for w in _amount_words(inr)[1:])


def imprisonment_kind(text: str) -> str | None:
    t = " ".join(text.lower().split())
    kinds = set()
    if "either description" in t:
        kinds.add("either")
    if "rigorous imprisonment" in t:
        kinds.add("rigorous")
    if "simple imprisonment" in t:
        kinds.add("simple")
    return kinds.pop() if len(kinds) == 1 else None


# --------------------------------------------------------------------------------------------
# Writing YAML
# --------------------------------------------------------------------------------------------

def q(v) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return json.dumps(v, ensure_ascii=False)


def flow(d: dict) -> str:
    return "{" + ", ".join(f"{k}: {q(v)}" for k, v in d.items()) + "}"


def block(text: str, indent: int) -> str:
    pad = " " * indent
    lines = text.rstrip("\n").split("\n")
    ind = str(indent - 4) if lines and lines[0][:1] == " " else ""
    body = "\n".join((pad + ln) if ln else "" for ln in lines)
    return f"|{ind}\n{body}"


def render_record(r: dict) -> str:
    out = [f"  - id: {r['id']}", f"    number: {q(r['number'])}", f"    title: {q(r['title'])}",
           f"    text: {block(r['text'], 6)}", f"    text_kind: {r['text_kind']}"]
    if "in_force_to" in r:
        out.append(f"    in_force_to: {q(r['in_force_to'])}")
    for key in ("punishments", "classification"):
        if r.get(key):
            out.append(f"    {key}:")
            out.extend(f"      - {flow(x)}" for x in r[key])
    if r.get("note"):
        out.append(f"    note: {q(r['note'])}")
    out.append("    sources:")
    out.extend(f"      - {flow(s)}" for s in r["sources"])
    out.append(f"    verification: {r['verification']}")
    out.append(f"    last_verified_on: {q(IMPORT_DATE)}")
    # dated forms go last, as provisions/README.md asks of every section
    if r.get("in_force_from"):
        out.append(f"    in_force_from: {q(r['in_force_from'])}")
    if r.get("versions"):
        out.append("    versions:")
        for v in r["versions"]:
            out.append(f"      - in_force_to: {q(v['in_force_to'])}")
            if "text" in v:  # an inserted section's "did not exist" form has no text
                out.append(f"        text: {block(v['text'], 10)}")
                out.append(f"        text_kind: {v['text_kind']}")
            for key in ("punishments", "classification"):
                if v.get(key):
                    out.append(f"        {key}:")
                    out.extend(f"          - {flow(x)}" for x in v[key])
            for key in ("changed_by", "changes"):
                out.append(f"        {key}: {q(v[key])}")
            out.append("        sources:")
            out.extend(f"          - {flow(x)}" for x in v["sources"])
            out.append(f"        verification: {v['verification']}")
            out.append(f"        last_verified_on: {q(IMPORT_DATE)}")
    return "\n".join(out)


def natural_key(number: str) -> tuple[int, str]:
    m = re.fullmatch(r"(\d+)([A-Z]*)", number)
    assert m, number
    return int(m.group(1)), m.group(2)


ID_RE = re.compile(r'^  - id: "?([A-Z]+-[0-9]+[A-Z]*)"?\s*$')


def split_file(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(header up to and including 'sections:', [(id, record text)])."""
    lines = text.split("\n")
    try:
        start = lines.index("sections:")
    except ValueError:
        raise SystemExit("no 'sections:' line") from None
    header = "\n".join(lines[: start + 1])
    records: list[tuple[str, list[str]]] = []
    for line in lines[start + 1:]:
        m = ID_RE.match(line)
        if m:
            records.append((m.group(1), [line]))
        elif records:
            records[-1][1].append(line)
        elif line.strip():
            raise SystemExit(f"unexpected line before the first record: {line!r}")
    out = []
    for rid, ls in records:
        while ls and not ls[-1].strip():
            ls.pop()
        out.append((rid, "\n".join(ls)))
    return header, out


def is_generated(record: str) -> bool:
    # the record's own date (4 spaces in), not one of its versions' (deeper)
    if not re.search(r'^    last_verified_on: "' + re.escape(IMPORT_DATE) + '"$', record, re.M):
        return False
    return not any(re.search(r"^    " + re.escape(k), record, re.M) for k in NEVER_WRITTEN)


KEY_RE = re.compile(r"^    ([a-z_]+):")


def kept_keys(record: str) -> dict[str, str]:
    """The KEPT_KEYS of a record's text, each as its own lines (key line and everything nested)."""
    out: dict[str, str] = {}
    current: str | None = None
    for line in record.split("\n")[1:]:
        m = KEY_RE.match(line)
        if m:
            current = m.group(1) if m.group(1) in KEPT_KEYS else None
            if current is not None:
                if current in out:
                    raise SystemExit(f"{record.split(chr(10))[0].strip()}: {current} twice")
                out[current] = line
        elif current is not None:
            out[current] += "\n" + line
    return {k: v.rstrip() for k, v in out.items()}


def hand_dates(kept: dict[str, str]) -> bool:
    """Does a record carry hand-curated in_force_from / versions (not the importer's own)?"""
    return ("in_force_from" in kept or "versions" in kept) and GENERATED_MARK not in kept.get("versions", "")


def with_kept(record: dict, kept: dict[str, str]) -> str:
    if hand_dates(kept):
        record = {k: v for k, v in record.items() if k not in ("in_force_from", "versions")}
    else:
        kept = {k: v for k, v in kept.items() if k not in ("in_force_from", "versions")}
    return "\n".join([render_record(record)] + [kept[k] for k in KEPT_KEYS if k in kept])


# --------------------------------------------------------------------------------------------
# Building the records of one Act
# --------------------------------------------------------------------------------------------

@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def add(self, s: str) -> None:
        self.lines.append(s)


def sources_for(spec: ActSpec) -> list[dict]:
    if not spec.secondary_note:
        return [{"url": HANDLE + spec.handle, "kind": "primary"}]
    first = ({"url": HANDLE + spec.handle, "kind": "primary",
              "note": "India Code's page of the repealed Act; the text below was not checked against it"}
             if spec.handle else
             {"citation": CITATIONS[spec.code], "kind": "primary", "note": "the Act; official text not seen here"})
    return [first, {"citation": f"shared/reference/acts/{spec.md}", "kind": "secondary", "note": spec.secondary_note}]


CITATIONS = {
    "CRPC": "Code of Criminal Procedure, 1973 (Act 2 of 1974), India Code consolidated text (A1974-02.pdf)",
    "IEA": "Indian Evidence Act, 1872 (Act 1 of 1872), India Code consolidated text",
}


def build_records(spec: ActSpec, acts_dir: Path, sched: dict[str, list[Row]] | None,
                  report: Report) -> tuple[list[dict], list[str]]:
    raw = parse_sections(acts_dir / spec.md)
    numbers = list(raw)
    if spec.only:
        missing = [n for n in spec.only if n not in raw]
        if missing:
            raise SystemExit(f"{spec.md}: sections {missing} not found")
        numbers = list(spec.only)
    # footnotes are read in file order, so that an "ibid." can name the Act cited before it
    last_act: list[str] = []
    notes_by_number = {k: footnote_note(v, last_act, spec.md not in PDF_FILES) for k, v in raw.items()}
    records = []
    for n in numbers:
        rs = raw[n]
        text, state = section_text(rs)
        text, fixed = repair(spec.code, spec.md, n, text)
        if (spec.code, n) in DEDUP:
            text, dropped = dedup(text)
            if dropped:
                fixed.append("a paragraph printed twice in the bare text is given once, as in India Code's PDF")
        note = notes_by_number[n]
        notes = []
        if fixed:
            notes.append("Repaired from the bare text (a conversion defect): " + "; ".join(fixed) + ".")
        extra_note = SECTION_NOTES.get(f"{spec.code}-{n}")
        if extra_note:
            notes.append(extra_note)
        gone, last_day = repeal_info(rs, text, note)
        if gone:
            notes.append("Repealed or omitted: India Code keeps the heading and says so.")
        if f"{spec.code}-{n}" in LAST_DAYS:
            last_day, why = LAST_DAYS[f"{spec.code}-{n}"]
            notes.append(why)
        if state:
            notes.append("India Code prints State amendments after this section; they are not part of the "
                         "Central Act's text and are not reproduced here.")
        if spec.secondary_note:
            notes.append("Text from a PDF found in a public repository (secondary): see the source note.")
        if note:
            notes.append(note)
        sources = sources_for(spec)
        rec: dict = {"id": f"{spec.code}-{n}", "number": n, "title": title_of(rs.heading),
                     "text": text if text.strip() else f"{rs.heading}\n", "text_kind": "statutory"}
        if last_day:
            rec["in_force_to"] = last_day
        if sched is not None and n in sched and gone:
            report.add(f"{spec.code}-{n}: repealed or omitted, yet the Schedule has a row: no classification "
                       f"or punishments recorded")
        elif sched is not None and n in sched:
            rows = [r for r in sched[n]]
            basis = SCHEDULE_BASIS[spec.schedule]
            rec["classification"] = classification(rows, basis, CLASSIFICATION_VERIFICATION.get(spec.code, {}))
            pun, why = punishments_for(n, rows, text, spec.code)
            if pun:
                rec["punishments"] = pun
                if why:
                    notes.insert(0, "Punishments: the First Schedule's entry is read as the section text has it ("
                                 + why + ").")
            else:
                report.add(f"{spec.code}-{n}: no structured punishments: {why}")
            sources = sources + [SCHEDULE_SOURCE[spec.schedule]]
            extra = CLASSIFICATION_NOTES.get(f"{spec.code}-{n}")
            if extra:
                notes.insert(0, extra)
        if spec.code in TEXT_PUNISHMENT_ACTS and not gone and "shall be punish" in text:
            pun, why = text_punishments(n, rec["title"], text)
            if pun:
                rec["punishments"] = pun
                notes.insert(0, "Punishments read from the section text (the Act has no First Schedule).")
            else:
                report.add(f"{spec.code}-{n}: punishment in the text not structured: {why}")
        if notes:
            rec["note"] = " ".join(notes)
        rec["sources"] = sources
        rec["verification"] = spec.verification
        merge_special(rec, spec, report)
        inserted = insertion(rs, note)
        if inserted and not gone and "versions" not in rec:  # the data file's versions (JJ Act s.86) come first
            first, by, foot = inserted
            day = dt.date.fromisoformat(first)
            where = ({"url": HANDLE + spec.handle, "kind": "primary"} if not spec.secondary_note else
                     {"citation": f"shared/reference/acts/{spec.md}", "kind": "secondary"})
            rec["in_force_from"] = first
            rec["versions"] = [{
                "in_force_to": (day - dt.timedelta(days=1)).isoformat(),
                "changed_by": by,
                "changes": (f"Inserted by {by}, with effect from {day.day} {day:%B %Y}; before then the "
                            f"{spec.code} had no section {n}."),
                "sources": [dict(where, note=f"India Code footnote to s.{n}, {GENERATED_MARK}: {foot}")],
                "verification": spec.verification,
            }]
        records.append(rec)
    return records, list(raw)


SECTION_NOTES = {
    "ITPA-11": ("ITPA Schedule (s.2(c)): the magistrate competent under s.11(4) is a Metropolitan Magistrate or "
                "Judicial Magistrate of the first class (English rendering of India Code's Hindi text of the "
                "Schedule, inserted by Act 46 of 1978 w.e.f. 2-10-1979: secondary; shared/reference/acts/"
                "itpa-1956-schedule.md)."),
}

NIA_NOTE = """  note: >-
    In force from 31 December 2008 (India Code metadata); amended by Act 16 of 2019 (w.e.f. 2 August
    2019). THE SCHEDULE (s.2(1)(f), "Scheduled Offences"), as substituted by Act 16 of 2019, s.8, read
    from India Code's Hindi text (H2008-34.pdf) in an unofficial English rendering (secondary; the English
    PDF was not available): 1. The Explosive Substances Act, 1908 (6 of 1908); 1A. The Atomic Energy Act,
    1962 (33 of 1962); 2. The Unlawful Activities (Prevention) Act, 1967 (37 of 1967); 3. The
    Anti-Hijacking Act, 2016 (30 of 2016); 4. The Suppression of Unlawful Acts against Safety of Civil
    Aviation Act, 1982 (66 of 1982); 5. The SAARC Convention (Suppression of Terrorism) Act, 1993 (36 of
    1993); 6. The Suppression of Unlawful Acts against Safety of Maritime Navigation and Fixed Platforms
    on Continental Shelf Act, 2002 (69 of 2002); 7. The Weapons of Mass Destruction and their Delivery
    Systems (Prohibition of Unlawful Activities) Act, 2005 (21 of 2005); 8. Offences under (a) Chapter VI
    of the Indian Penal Code [ss.121 to 130], (b) sections 370 and 370A of the Indian Penal Code (human
    trafficking), (c) sections 489A to 489E of the Indian Penal Code, (d) section 25(1AA) of the Arms Act,
    1959, (e) section 66F of the Information Technology Act, 2000. The Schedule names the IPC; how its
    entries read after the BNS replaced the IPC is not recorded here.
"""

SCHEDULE_BASIS = {"bnss": "BNSS 2023, First Schedule, Part I", "crpc": "CrPC 1973, First Schedule, Part I"}
SCHEDULE_SOURCE = {
    "bnss": {"url": HANDLE + "20099", "kind": "primary",
             "note": "BNSS 2023, First Schedule, Part I: source of the classification and punishments, read "
                     "through the Gazette text of 25-12-2023 as converted in shared/reference/acts/"
                     "bnss-2023-first-schedule.md (checked against India Code); hence classification secondary"},
    "crpc": {"citation": "CrPC 1973, First Schedule, Part I (India Code consolidation of 7-8-2020), resolved "
                         "view in shared/reference/acts/crpc-1973-first-schedule.md", "kind": "secondary",
             "note": "source of the classification and punishments"},
}
CLASSIFICATION_VERIFICATION = {"IPC": {"376B": "unverified"}}
CLASSIFICATION_NOTES = {
    **{f"IPC-{n}": DITTO_NOTE for n in ("355", "356", "357", "358")},
    "IPC-327": ("Classification: the CrPC First Schedule's \"Ditto\" for the court of this row was written to repeat "
                "the row for IPC 326 (Magistrate of the first class); since the Criminal Law (Amendment) Act, 2013 put "
                "the rows for 326A and 326B (Court of Session) in between, a literal reading would give the Court of "
                "Session. lexkit reads it as Magistrate of the first class, as the successor row of the BNSS First "
                "Schedule (BNS 119(1)) says in words."),
    "IPC-376B": ("Classification unverified: the 2020 India Code PDF of the CrPC prints column 4 for 376B as "
                 "\"Cognizable\"; an older India Code copy prints \"Cognizable (but only on the complaint of the "
                 "victim)\", and the successor entry (BNSS First Schedule, BNS s.67) reads \"Cognizable (only on "
                 "the complaint of the victim)\". Check the Criminal Law (Amendment) Act, 2013 before relying on it (its "
                 "text was not found on 2026-12-03). Whatever the column says, CrPC s.198B (inserted by the same Act) "
                 "bars a court from taking cognizance of s.376B between spouses except on the wife's complaint."),
}


# --------------------------------------------------------------------------------------------
# Offences of the special Acts: classification and punishments (tools/import_data/special_offences.yaml)
# --------------------------------------------------------------------------------------------

SPECIAL_DATA = Path(__file__).resolve().parent / "import_data" / "special_offences.yaml"
BNSS_START = "2024-07-01"
PART_II = {
    "bnss": {"url": HANDLE + "20099", "kind": "primary",
             "note": "BNSS 2023, First Schedule, Part II (classification of offences against other laws), as "
                     "converted in shared/reference/acts/bnss-2023-first-schedule.md: offences on or after "
                     "1 July 2024"},
    "crpc": {"citation": "CrPC 1973, First Schedule, Part II (classification of offences against other laws), "
                         "shared/reference/acts/crpc-1973-first-schedule.md (India Code consolidation of 7-8-2020)",
             "kind": "secondary", "note": "offences before 1 July 2024"},
}


def part_ii(p: dict) -> tuple[bool, bool, str, str]:
    """(cognizable, bailable, court, the Part II row) for one punishment, by its heaviest term.

    The row is the same in the CrPC's and the BNSS's First Schedule, Part II."""
    if p.get("relation"):
        raise SystemExit(f"{p['applies_to']}: a punishment relative to another offence: give the classification "
                         "explicitly or mark the limb no_classification")
    death = bool(p.get("death"))
    mx, mn = p.get("part_ii_as", p.get("max_years")), p.get("min_years")
    if p.get("life") or death or (mx is not None and mx > 7):
        return True, False, "Court of Session", "death, imprisonment for life, or imprisonment for more than 7 years"
    if mx is None and mn is not None:
        raise SystemExit(f"{p['applies_to']}: a minimum with no maximum: give the classification explicitly")
    if mx is not None and mx >= 3:
        return True, False, "Magistrate of the first class", "imprisonment for 3 years and upwards but not more than 7 years"
    return False, True, "Any Magistrate", "imprisonment for less than 3 years or with fine only"


def schedules_for(act_from: str | None) -> str:
    if act_from and act_from >= BNSS_START:
        return "BNSS 2023, First Schedule, Part II (the Act came into force after the BNSS)"
    return ("First Schedule, Part II of the CrPC 1973 (offences before 1 July 2024) and of the BNSS 2023 "
            "(from 1 July 2024): both give the same result")


def special_classification(entry: dict, punishments: list[dict], rule: dict, act_from: str | None) -> list[dict]:
    """One classification per punishment: the Act's own provision where it speaks, else Part II."""
    out = []
    for p in punishments:
        if p.get("no_classification"):
            continue
        rule_p = {**rule, **p.get("rule", {})}
        cog, bail, court, row = part_ii(p)
        fields: dict = {"cognizable": cog, "bailable": bail, "triable_by": court}
        from_act = []
        for key in ("cognizable", "bailable", "triable_by"):
            if key in rule_p:
                fields[key] = rule_p[key]["value"]
                from_act.append(rule_p[key]["basis"])
        by_part_ii = [k for k in ("cognizable", "bailable", "triable_by") if k not in rule_p]
        basis = "; ".join(dict.fromkeys(from_act))
        if by_part_ii:
            words = {"cognizable": "cognizable or not", "bailable": "bail", "triable_by": "court"}
            basis += ("; " if basis else "") + (
                f"{', '.join(words[k] for k in by_part_ii)}: {schedules_for(act_from)}, by the punishment "
                f"(the row for offences punishable with {row})")
        c = {"applies_to": p["applies_to"], **fields}
        if "compoundable" in rule_p:
            c["compoundable"] = rule_p["compoundable"]["value"]
            c["basis_extra"] = rule_p["compoundable"]["basis"]
        c["basis"] = basis + ("; compounding: " + c.pop("basis_extra") if "basis_extra" in c else "")
        c["verification"] = "primary" if not by_part_ii else "secondary"
        if entry.get("classification_verification"):
            c["verification"] = entry["classification_verification"]
        out.append(c)
    return out


def _rule(data: dict, code: str, entry: dict) -> dict:
    rule = dict(data["acts"].get(code, {}).get("rule", {}))
    rule.update(entry.get("rule", {}))
    return rule


def jja_86(p: dict, enacted: bool) -> dict:
    """JJ Act s.86 as enacted (offences before 1 September 2022) or as substituted by Act 23 of 2021."""
    if p.get("relation") and "part_ii_as" not in p:
        # s.87 (abetment: "the punishment provided for that offence"), s.85 ("twice the penalty"): s.86
        # places the offence by the punishment it comes to, which the record cannot know in advance
        follows = (f"cognizable or not, bail{'' if not enacted else ' and court'}: s.86 places it by the punishment "
                   f"it comes to ({_relative_words(p)})")
        if enacted:
            return {"cognizable": None, "bailable": None, "triable_by": None,
                    "basis": f"JJ Act 2015, s.86 as enacted (in force 15 January 2016 to 31 August 2022); {follows}",
                    "verification": "secondary"}
        return {"cognizable": None, "bailable": None, "triable_by": "Children's Court",
                "basis": f"JJ Act 2015, s.86(4) (Children's Court), as substituted by Act 23 of 2021, s.26 (w.e.f. "
                         f"1 September 2022); {follows}",
                "verification": "primary"}
    mx = p.get("part_ii_as", p.get("max_years"))
    if mx is None and p.get("min_years") and not (p.get("life") or p.get("death")) and p.get("min_years", 0) <= 7:
        # a minimum with no maximum (s.82(3): "not less than three years"): s.86(1) or s.86(2), and the text
        # does not say which; record what both give and leave the rest unstated
        why = (f"the text sets a minimum of {p['min_years']:g} years and no maximum, so it falls under s.86(1) or "
               "s.86(2) and the text does not say which")
        if enacted:
            return {"cognizable": True, "bailable": False, "triable_by": None,
                    "basis": f"JJ Act 2015, s.86(1) or (2) as enacted (in force 15 January 2016 to 31 August 2022): {why}; "
                             "both make it cognizable and non-bailable; the court (Children's Court or Magistrate of the "
                             "first class) is not recorded", "verification": "secondary"}
        return {"cognizable": None, "bailable": False, "triable_by": "Children's Court",
                "basis": f"JJ Act 2015, s.86(1) or (2) and s.86(4), as substituted by Act 23 of 2021, s.26 (w.e.f. "
                         f"1 September 2022): {why}; both make it non-bailable and s.86(4) sends it to the Children's "
                         "Court; cognizable under (1), not under (2): not recorded", "verification": "secondary"}
    heavy = bool(p.get("life")) or bool(p.get("death")) or (mx is not None and mx > 7)
    mid = not heavy and mx is not None and mx >= 3
    sub = "(1)" if heavy else "(2)" if mid else "(3)"
    if enacted:
        court = "Children's Court" if heavy else "Magistrate of the first class" if mid else "Any Magistrate"
        return {"cognizable": heavy or mid, "bailable": not (heavy or mid), "triable_by": court,
                "basis": f"JJ Act 2015, s.86{sub} as enacted (in force 15 January 2016 to 31 August 2022), by the "
                         "punishment", "verification": "secondary"}
    return {"cognizable": heavy, "bailable": not (heavy or mid), "triable_by": "Children's Court",
            "basis": f"JJ Act 2015, s.86{sub} (cognizable or not, bail) and s.86(4) (Children's Court), as "
                     "substituted by Act 23 of 2021, s.26 (w.e.f. 1 September 2022), by the punishment",
            "verification": "primary"}


def _relative_words(p: dict) -> str:
    if p["relation"] == "multiple_of":
        return f"{MULTIPLE_TEXT[p['factor']][0]} the penalty provided for {p['relative_to']}"
    if p["relation"] == "same_as":
        return f"the punishment provided for {p['relative_to']}"
    return f"a {p['relation'].replace('_', ' ')} {p['relative_to']}"


def load_special() -> dict:
    if not SPECIAL_DATA.exists():
        return {"acts": {}, "offences": {}}
    return yaml.safe_load(SPECIAL_DATA.read_text(encoding="utf-8"))


_SPECIAL: dict | None = None
PRIVATE_KEYS = ("no_classification", "part_ii_as", "rule")


def merge_special(rec: dict, spec: ActSpec, report: Report) -> None:
    """Add the data file's punishments and classification to an imported record of a special Act."""
    global _SPECIAL
    if _SPECIAL is None:
        _SPECIAL = load_special()
    entry = _SPECIAL["offences"].get(rec["id"])
    if entry is None:
        return
    act = _SPECIAL["acts"].get(spec.code, {})
    pun = [{k: v for k, v in p.items() if k not in PRIVATE_KEYS} for p in entry["punishments"]]
    rec["punishments"] = pun
    classified = [p for p in entry["punishments"] if not p.get("no_classification")]
    if entry.get("classification"):
        rec["classification"] = entry["classification"]
    elif act.get("scheme") == "JJA-86" and not classified:
        pass  # a penalty no court imposes (JJ s.66(3)): nothing for s.86 to classify
    elif act.get("scheme") == "JJA-86":
        rec["classification"] = [{"applies_to": p["applies_to"], **jja_86(p, enacted=False)}
                                 for p in entry["punishments"] if not p.get("no_classification")]
    else:
        rec["classification"] = special_classification(entry, entry["punishments"], _rule(_SPECIAL, spec.code, entry),
                                                        act.get("in_force_from"))
    notes = [entry["note"]] if entry.get("note") else []
    # what the structured fields cannot say must still be read: an unclassified limb (unless its relation to
    # another offence says why), no maximum
    unsaid = [f"{p['applies_to']}: {p['note']}" for p in entry["punishments"]
              if p.get("note") and ((p.get("no_classification") and not p.get("relation")) or "part_ii_as" in p)]
    if unsaid:
        notes.insert(0, "Punishment beyond the structured fields: " + " ".join(
            u if u.endswith(".") else u + "." for u in unsaid))
    if rec.get("note"):
        notes.append(rec["note"])
    if notes:
        rec["note"] = " ".join(notes)
    extra = [dict(s) for s in act.get("sources", [])] + [dict(s) for s in entry.get("sources", [])]
    uses_part_ii = any("Part II" in c["basis"] for c in rec.get("classification", []))
    if uses_part_ii:
        extra += [PART_II["crpc"], PART_II["bnss"]] if (act.get("in_force_from") or "") < BNSS_START else [PART_II["bnss"]]
    rec["sources"] = rec["sources"] + [s for s in extra if s not in rec["sources"]]
    if act.get("scheme") == "JJA-86" and classified:
        old_text = rec["text"]
        changed_by = "Juvenile Justice (Care and Protection of Children) Amendment Act, 2021 (23 of 2021), s.26"
        changes = JJA_86_CHANGE
        if entry.get("version_text"):
            new, old = entry["version_text"]
            if new not in old_text:
                raise SystemExit(f"{rec['id']}: version_text {new!r} not in the text")
            old_text = old_text.replace(new, old)
            changed_by = ("Juvenile Justice (Care and Protection of Children) Amendment Act, 2021 (23 of 2021): "
                          "the section's words (its India Code footnote) and s.86 (s.26)")
            changes = (f"From 1 September 2022 the words \"{old}\" read \"{new.strip('[]')}\" (Act 23 of 2021, as the "
                       "section's footnote says). " + JJA_86_CHANGE.replace("The words of this section did not change; its "
                                                                            "classification did", "Its classification changed too"))
        rec["in_force_from"] = "2022-09-01"
        rec["versions"] = [{
            "in_force_to": "2022-08-31", "text": old_text, "text_kind": rec["text_kind"],
            "punishments": pun,
            "classification": [{"applies_to": p["applies_to"], **jja_86(p, enacted=True)}
                               for p in entry["punishments"] if not p.get("no_classification")],
            "changed_by": changed_by,
            "changes": changes,
            "sources": [{"url": HANDLE + "2148", "kind": "primary",
                         "note": f"s.86 footnote, {GENERATED_MARK}: substituted by Act 23 of 2021, s.26 (w.e.f. 1-9-2022)"},
                        {"citation": "JJ Act 2015, s.86 as enacted: text held in the versions of JJA-86", "kind": "secondary"}],
            "verification": "secondary"}]


JJA_86_CHANGE = (
    "The words of this section did not change; its classification did, because s.86 was substituted from "
    "1 September 2022. Before that day an offence punishable with 3 to 7 years was cognizable, non-bailable and "
    "triable by a Magistrate of the first class, one punishable with less than 3 years or fine only was "
    "non-cognizable, bailable and triable by any Magistrate, and one punishable with more than 7 years was "
    "cognizable, non-bailable and triable by a Children's Court. From that day the 3 to 7 year offences are "
    "non-cognizable (still non-bailable) and every offence under the Act is triable by the Children's Court. "
    "Classification is procedure: lexkit shows the form in force on the offence date; a court may apply the "
    "form in force when it acts.")


def segment(text: str, key: str) -> str:
    """The sub-section of the text a Schedule key names ("143(4)" -> the paragraphs of (4)), else all."""
    m = re.match(r"^[0-9]+[A-Z]*\((\d+[A-Z]*)\)", key)
    if not m:
        return text
    start = re.search(rf"(?m)^\[?\({re.escape(m.group(1))}\)", text)
    if not start:
        return text
    nxt = re.search(r"(?m)^\[?\(\d+[A-Z]*\)", text[start.end():])
    return text[start.start(): start.end() + nxt.start()] if nxt else text[start.start():]


# Schedule entries read otherwise, each because the section text says so (check_against_text then holds the
# reading to the text): (act, Schedule key, the Schedule's words) -> (the reading, why).
PUNISHMENT_FIXES: dict[tuple[str, str, str], tuple[str, str]] = {
    ("BNS", "121(2)", "Imprisonment not less than 1 year, or imprisonment for 10 years and fine."): (
        "Imprisonment for not less than 1 year but which may extend to 10 years and fine.",
        "the Schedule's \"not less than 1 year, or imprisonment for 10 years\" is read as the section's "
        "\"not less than one year but which may extend to ten years\""),
    ("BNS", "303(2)", "Rigorous imprisonment for not be less than 1 year but which may extend to 5 years and fine."): (
        "On first conviction, with imprisonment for 3 years, or fine, or both, and, in the event of second or "
        "subsequent conviction, with rigorous imprisonment for not less than 1 year but which may extend to 5 years "
        "and fine.",
        "the Schedule's entry for theft gives only what s.303(2) sets for a second or subsequent conviction; "
        "the punishment of any other conviction (up to 3 years, or fine, or both) is read from the section text"),
    ("IPC", "355", "Imprisonment up to 5 years and with fine for second or subsequent conviction."): (
        "Imprisonment for 2 years, or fine, or both.",
        "the Schedule prints \"Ditto\" for s.355, which the resolved view takes from the s.354D entry above it "
        "(stalking, second or subsequent conviction); the section text reads two years, or fine, or both"),
    ("IPC", "356", "Imprisonment up to 5 years and with fine for second or subsequent conviction."): (
        "Imprisonment for 2 years, or fine, or both.",
        "the Schedule prints \"Ditto\" for s.356 as for s.355, which the resolved view takes from the s.354D "
        "entry (stalking, second or subsequent conviction); the section text reads two years, or fine, or both"),
    ("IPC", "511", "Imprisonment for life, or imprisonment not exceeding half.of the longest term, provided for "
                   "the offence, or fine, or both"): (
        "One half of the imprisonment for life, or imprisonment not exceeding one-half of the longest term, "
        "provided for the offence, or fine, or both.",
        "the Schedule's \"Imprisonment for life\" is read as the section's \"one-half of the imprisonment for "
        "life\""),
}


def _as_if(seg: str) -> str | None:
    """'the offence under sub-section (1)' where the section punishes the act as another offence."""
    t = " ".join(seg.split())
    m = re.search(r"punished as if he had committed (.+?)[.;]?(?:\n|$)", t)
    return m.group(1).rstrip(".") if m else None


def punishments_for(number: str, rows: list[Row], text: str, code: str = "") -> tuple[list[dict], str]:
    out = []
    seen = set()
    fixes = []
    prev: str | None = None
    # an offence whose every entry is not yet in force (IPC 153AA) still has its punishment, so marked
    none_in_force = all(r.not_in_force for r in rows)
    for r in rows:
        col, above = r.punishment, prev
        prev = r.punishment if _norm(r.punishment) else prev
        if r.not_in_force and not none_in_force:
            continue
        fix = PUNISHMENT_FIXES.get((code, r.key, r.punishment.strip()))
        if fix and fix[1]:
            col = fix[0]
            fixes.append(f"{r.key}: {fix[1]}")
        try:
            ps = parse_punishment(col, above)
        except Unparsed as e:
            return [], f"Schedule punishment {r.punishment!r} ({r.key}): {e}"
        # "or as above" names the entry above, which the section states in another sub-section
        seg = text if re.search(r"as above\W*$", r.punishment) else segment(text, r.key)
        kind = imprisonment_kind(seg)
        for p in ps:
            why = check_against_text(p, seg)
            if why and p.get("relation") is None and _as_if(seg):
                # "shall be punished as if he had committed the offence under sub-section (1)": the Schedule
                # gives that offence's punishment; the section's own words name no term
                p.update(relation="same_as", relative_to=_as_if(seg))
                why = None
            if why:
                return [], f"Schedule punishment {r.punishment!r} ({r.key}): {why}"
            _finish_terms(p)
            fine_bound_from_text(p, seg)
            if not p.get("fine_to_victim") and ("(" in r.key or not re.search(r"(?m)^\[?\(\d", text)) and \
                    re.search(r"fine [^.]{0,60}paid to the victim", " ".join(seg.lower().split())):
                p["fine_to_victim"] = True
            if p.get("imprisonment") is None and p.get("relation") != "same_as" and \
                    not (p["life"] is False and p["max_years"] is None and p["min_years"] is None
                         and p.get("relation") is None):
                if kind:
                    p["imprisonment"] = kind
            if r.not_in_force:
                p["note"] = (p.get("note", "") + " The Schedule marks this entry as not in force.").strip()
            if "conviction" not in p:
                # BNS 77, 78(2): the Schedule's row "Second or subsequent conviction" follows the first
                # conviction's row, which the section text calls so
                if re.search(r"second or subsequent conviction", r.offence, re.I):
                    p["conviction"] = "subsequent"
                elif any(re.search(r"second or subsequent conviction", o.offence, re.I) for o in rows
                         if o.key == r.key and o is not r) and "first conviction" in " ".join(seg.lower().split()):
                    p["conviction"] = "first"
            label = f"{r.key}: {r.offence.rstrip('.')}"
            rec = {"applies_to": label}
            for k in PUNISHMENT_KEYS:
                if k in p:
                    rec[k] = p[k]
            sig = json.dumps(rec, sort_keys=True)
            if sig not in seen:
                seen.add(sig)
                out.append(rec)
    if not out:
        return [], "no entry gives a punishment"
    return out, "; ".join(fixes)


# --------------------------------------------------------------------------------------------
# Punishments of the special Acts, read from the section text (they have no First Schedule)
# --------------------------------------------------------------------------------------------

TEXT_PUNISHMENT_ACTS = ("ITPA", "BLSA", "JJA", "POCSO", "PCMA", "EMA", "THOTA", "ITA", "SCST", "IFA", "NIA")
CLAUSE_RE = re.compile(r"shall be punish(?:ed|able),? (on first conviction )?with (.+?)(?=[.:;](?:\s|$)|$)")
SUBSECTION_RE = re.compile(r"^\[?\((\d+[A-Z]*)\)")


def _amounts_to_figures(s: str) -> str:
    """'one lakh rupees' -> '1 lakh rupees'; 'two thousand rupees' -> '2000 rupees' (the Schedule's forms)."""
    lakhs = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "twenty": 20, "twenty-five": 25, "fifty": 50}
    s = re.sub(r"\b(" + "|".join(lakhs) + r") lakh rupees", lambda m: f"{lakhs[m.group(1)]} lakh rupees", s)
    names = sorted(((w, n) for n, w in AMOUNT_NAMES.items()), key=lambda x: -len(x[0]))
    for w, n in names:
        s = re.sub(rf"\b{w} rupees", f"{n} rupees", s)
    return s


def text_clause_to_schedule(clause: str, first: bool) -> str:
    """The words of a punishing clause in the Schedule's shorthand, for parse_punishment."""
    s = " ".join(clause.replace("[", "").replace("]", "").split()).lower().rstrip(",")
    s = re.sub(r"\ban imprisonment\b", "imprisonment", s)
    s = s.replace("imprisonment of either description", "imprisonment").replace("imprisonment, which", "imprisonment which")
    s = s.replace("for a term which shall not be less than", "for not less than")
    s = s.replace("for a term which may extend to", "which may extend to")
    s = s.replace("which may extend up to", "which may extend to")
    s = re.sub(r",? and shall also be liable to (?:a )?fine\b", " and fine", s)
    s = re.sub(r",? and (?:also )?with fine\b", " and fine", s)
    s = re.sub(r",? or with (?:a )?fine\b", " or fine", s)
    s = re.sub(r",? or (?:a )?fine\b", " or fine", s)
    s = re.sub(r",? or with both$", ", or both", s)
    s = re.sub(r"(?<!,) or both$", ", or both", s)
    s = re.sub(r",? and shall (?:also )?be liable to (?:a )?fine\b", " and fine", s)
    s = s.replace("fine not exceeding", "fine which may extend to")
    s = re.sub(r"remainder of (?:the )?natural life of that person", "remainder of that person's natural life", s)
    s = re.sub(r"\bfine of not less than\b", "fine not less than", s)
    s = re.sub(r"\bfine which shall not be less than\b", "fine not less than", s)
    s = _amounts_to_figures(s)
    if first or re.search(r"\bin the event of (?:a )?second or subsequent conviction\b", s):
        s = re.sub(r",? and,? in the event of (?:a )?second or subsequent conviction,? with ",
                   ", and, in the event of second or subsequent conviction, with ", s)
        s = "on first conviction, with " + s
    return s


def text_punishments(number: str, title: str, text: str) -> tuple[list[dict], str]:
    """Every punishing clause of a section ('shall be punished with ...'), structured, each held to its
    paragraph; ([], why) when a clause does not read."""
    out: list[dict] = []
    label = number
    for para in text.split("\n\n"):
        m = SUBSECTION_RE.match(para.strip())
        if m:
            label = f"{number}({m.group(1)})"
        flat = " ".join(para.split())
        for c in CLAUSE_RE.finditer(flat):
            reading = text_clause_to_schedule(c.group(2), bool(c.group(1)))
            try:
                ps = parse_punishment(reading)
            except Unparsed as e:
                return [], f"{label}: {c.group(0)[:90]!r}: {e}"
            kind = imprisonment_kind(flat)
            for p in ps:
                why = check_against_text(p, flat)
                if why:
                    return [], f"{label}: {why}"
                _finish_terms(p)
                fine_bound_from_text(p, flat)
                if p.get("imprisonment") is None and (p["life"] or p["min_years"] is not None
                                                      or p["max_years"] is not None) and kind:
                    p["imprisonment"] = kind
                rec = {"applies_to": f"{label}: {title}"}
                rec.update({k: p[k] for k in PUNISHMENT_KEYS if k in p})
                if rec not in out:
                    out.append(rec)
    # POCSO 4(3), 6(2): "The fine imposed under sub-section (1) shall be ... paid to the victim"
    flat_text = " ".join(text.split())
    for m in re.finditer(r"fine imposed under (?:sub-section \((\d+)\)|this section)[^.]{0,60}paid to the victim",
                         flat_text):
        for rec in out:
            label = rec["applies_to"].split(":", 1)[0]
            if rec["fine"] != "none" and (m.group(1) is None or label in (f"{number}({m.group(1)})", number)):
                rec["fine_to_victim"] = True
    return out, ("" if out else "no clause 'shall be punished with ...' read")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def find_acts_dir(start: Path) -> Path | None:
    for base in [start, *start.parents]:
        d = base / "shared" / "reference" / "acts"
        if d.is_dir():
            return d
    return None


def write_act(spec: ActSpec, acts_dir: Path, kb: Path, scheds: dict, report: Report, check: bool) -> bool:
    path = kb / "provisions" / spec.yaml
    sched = scheds.get(spec.schedule) if spec.schedule else None
    records, all_numbers = build_records(spec, acts_dir, sched, report)
    if path.exists():
        header, existing = split_file(path.read_text(encoding="utf-8"))
    else:
        header = (NEW_HEADERS[spec.code].replace("{IMPORT_DATE}", IMPORT_DATE)
                  .replace("{NIA_NOTE}", NIA_NOTE).rstrip("\n") + "\nsections:")
        existing = []
    kept = {rid: txt for rid, txt in existing if not is_generated(txt)}
    curated = {rid: kept_keys(txt) for rid, txt in existing if rid not in kept}
    start = re.search(r'^  in_force_from: "(\d{4}-\d\d-\d\d)"', header, re.M)
    act_start = start.group(1) if start else "0000-00-00"
    # the report is about the importer's records: a hand-curated record keeps its own punishments
    report.lines[:] = [ln for ln in report.lines if ln.split(":", 1)[0] not in kept]
    chunks: dict[str, str] = dict(kept)
    for r in records:
        if r["id"] in kept:
            continue
        if "versions" in r and r["in_force_from"] <= act_start:
            r = {k: v for k, v in r.items() if k not in ("in_force_from", "versions")}
        chunks[r["id"]] = with_kept(r, curated.get(r["id"], {}))
    order = sorted(chunks, key=lambda rid: natural_key(rid.split("-", 1)[1]))
    new = header + "\n" + "\n\n".join(chunks[i] for i in order) + "\n"
    # the result must load and hold every record once
    data = yaml.safe_load(new)
    ids = [s["id"] for s in data["sections"]]
    assert len(ids) == len(set(ids)), spec.code
    for r in records:
        if r["id"] in kept:
            continue
        got = next(s for s in data["sections"] if s["id"] == r["id"])
        assert got["text"] == r["text"], r["id"]
        before = next((yaml.safe_load(t)[0] for rid, t in existing if rid == r["id"] and rid not in kept), {})
        for key in KEPT_KEYS:
            if key == "keywords" or hand_dates(curated.get(r["id"], {})):
                assert got.get(key) == before.get(key), f"{r['id']}: {key} not kept"
    report.add(f"{spec.code}: {len(ids)} sections ({len(kept)} hand-curated kept, "
               f"{len(ids) - len(kept)} imported); bare file has {len(all_numbers)}")
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == new:
        return False
    if check:
        report.add(f"{spec.yaml}: would change")
        return True
    path.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--acts", type=Path, default=None, help="the bare-act folder (default: shared/reference/acts "
                                                              "in the nearest ancestor)")
    ap.add_argument("--kb", type=Path, default=here, help="knowledge-base root (default: the repository)")
    ap.add_argument("--only", nargs="*", help="codes to import (default: all)")
    ap.add_argument("--report", type=Path, help="write the report here as well as to stderr")
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    args = ap.parse_args(argv)
    acts = args.acts or find_acts_dir(here)
    if acts is None or not acts.is_dir():
        print("import_acts: bare-act folder not found (use --acts)", file=sys.stderr)
        return 2
    scheds = {
        "bnss": group(parse_bnss_schedule(acts / "bnss-2023-first-schedule.md")),
        "crpc": group(parse_crpc_schedule(acts / "crpc-1973-first-schedule.md")),
    }
    report = Report()
    changed = False
    for spec in ACTS:
        if args.only and spec.code not in args.only:
            continue
        changed |= write_act(spec, acts, args.kb, scheds, report, args.check)
    text = "\n".join(report.lines) + "\n"
    sys.stderr.write(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    return 1 if (args.check and changed) else 0


def group(rows: list[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for r in rows:
        out.setdefault(section_of_key(r.key), []).append(r)
    return out



def _header(comment: str, body: str) -> str:
    return "".join("# " + ln + "\n" if ln else "#\n" for ln in comment.strip().split("\n")) + body.strip("\n") + "\n"


def _src(handle: str) -> str:
    return f"""  sources:
    - {{url: "{HANDLE}{handle}", kind: primary}}
  verification: primary
  last_verified_on: "{IMPORT_DATE}"
"""


NEW_HEADERS: dict[str, str] = {
    "BSA": _header("""Bharatiya Sakshya Adhiniyam, 2023: every section, verbatim from India Code (handle 20063),
imported by tools/import_acts.py from shared/reference/acts/bsa-2023.md.""", """
act:
  code: BSA
  title: {en: "Bharatiya Sakshya Adhiniyam, 2023"}
  short_title_year: "2023"
  number: "47 of 2023"
  kind: special_act
  aliases: [BSA, "B.S.A.", "Bharatiya Sakshya Adhiniyam", "Sakshya Adhiniyam"]
  unit: section
  enacted_on: "2023-12-25"
  in_force_from: "2024-07-01"
  in_force_to: null
  replaces: IEA
  repealed_by: null
  note: >-
    In force from 1 July 2024 (S.O. 849(E), 23 February 2024; India Code footnote to s.1(3)).
    s.170(1) repeals the Indian Evidence Act, 1872; s.170(2) keeps it for proceedings pending on that
    date. Section texts are transcribed from India Code: lines wrapped by the converter joined,
    paragraph breaks kept, footnote markers dropped, "---" written as an em dash; dashes the mirror
    wrote "--" are kept so. The Schedule (form of certificate under s.63(4)(c)) is not included.
""" + _src("20063")),
    "IEA": _header("""Indian Evidence Act, 1872 (repealed by the BSA from 1 July 2024): every section, imported by
tools/import_acts.py from shared/reference/acts/iea-1872.md, a conversion of India Code's
consolidated PDF (updated to 13-3-2020) found in a public repository: secondary.""", """
act:
  code: IEA
  title: {en: "Indian Evidence Act, 1872"}
  short_title_year: "1872"
  number: "1 of 1872"
  kind: special_act
  aliases: [IEA, "I.E.A.", "Indian Evidence Act", "Evidence Act"]
  unit: section
  enacted_on: "1872-03-15"
  in_force_from: "1872-09-01"
  in_force_to: "2024-06-30"
  replaces: null
  repealed_by: BSA
  note: >-
    s.1: "it shall come into force on the first day of September, 1872". Repealed by the Bharatiya
    Sakshya Adhiniyam, 2023, s.170(1), from 1 July 2024 (S.O. 849(E)); s.170(2) keeps it for
    proceedings pending on that date. The text is India Code's consolidation "Last updated:-13-3-2020"
    as converted from a PDF found in a public repository (neerajAIML/localGPTAI, iea_1872.pdf), not
    byte-checked against the official site: every section is marked secondary. The Schedule
    (enactments repealed) is not included. enacted_on is the date of the Act as printed (15 March 1872).
  sources:
    - {citation: "Indian Evidence Act, 1872 (Act 1 of 1872), India Code consolidated text, last updated 13-3-2020", kind: primary, note: "the Act; official text not seen here"}
    - {citation: "shared/reference/acts/iea-1872.md (conversion of the PDF neerajAIML/localGPTAI iea_1872.pdf)", kind: secondary}
    - {url: "https://www.indiacode.nic.in/handle/123456789/20063", kind: primary, note: "BSA text: s.170 repeal and savings; footnote to s.1(3) on commencement, S.O. 849(E)"}
  verification: secondary
  last_verified_on: "{IMPORT_DATE}"
"""),
    "IFA": _header("""Immigration and Foreigners Act, 2025: every section, verbatim from India Code (handle 21918),
imported by tools/import_acts.py from shared/reference/acts/ifa-2025.md.""", """
act:
  code: IFA
  title: {en: "Immigration and Foreigners Act, 2025"}
  short_title_year: "2025"
  number: "13 of 2025"
  kind: special_act
  aliases: [IFA, "Immigration and Foreigners Act", "I&F Act"]
  unit: section
  enacted_on: "2025-04-04"
  in_force_from: "2025-09-01"
  in_force_to: null
  replaces: null
  repealed_by: null
  note: >-
    In force from 1 September 2025 (S.O. 3981(E), 31 August 2025; India Code footnote to s.1(2)).
    Section 36(1) repeals the Passport (Entry into India) Act, 1920, the Registration of Foreigners
    Act, 1939, the Foreigners Act, 1946 (31 of 1946) and the Immigration (Carriers' Liability) Act,
    2000, which are not in the knowledge base; s.36(2) keeps what was done under them as done under
    the corresponding provisions of this Act, and s.36(3) keeps General Clauses Act s.6 (effect of
    repeal). So an offence committed before 1 September 2025 remains an offence under the repealed
    Act (e.g. the Foreigners Act, 1946) and is charged under it; one committed on or after that day
    is charged under this Act. enacted_on is the date of the Act as given in the reference file
    (4 April 2025).
""" + _src("21918")),
    "PCMA": _header("""Prohibition of Child Marriage Act, 2006: every section, verbatim from India Code (handle 2055),
imported by tools/import_acts.py from shared/reference/acts/pcma-2006.md.""", """
act:
  code: PCMA
  title: {en: "Prohibition of Child Marriage Act, 2006"}
  short_title_year: "2006"
  number: "6 of 2007"
  kind: special_act
  aliases: [PCMA, "PCM Act", "P.C.M. Act", "Prohibition of Child Marriage Act", "Child Marriage Act"]
  unit: section
  enacted_on: "2007-01-10"
  in_force_from: "2007-11-01"
  in_force_to: null
  replaces: null
  repealed_by: null
  note: >-
    In force from 1 November 2007 (S.O. 1850(E), 30 October 2007; India Code footnote to s.1(3)). It
    repealed the Child Marriage Restraint Act, 1929 (s.21). India Code's Karnataka amendments (Karnataka
    Act 26 of 2017) are noted on the sections they amend but not reproduced.
""" + _src("2055")),
    "EMA": _header("""Emigration Act, 1983: every section, verbatim from India Code (handle 1779), imported by
tools/import_acts.py from shared/reference/acts/emigration-1983.md.""", """
act:
  code: EMA
  title: {en: "Emigration Act, 1983"}
  short_title_year: "1983"
  number: "31 of 1983"
  kind: special_act
  aliases: [EMA, "Emigration Act"]
  unit: section
  enacted_on: "1983-09-10"
  in_force_from: "1983-12-30"
  in_force_to: null
  replaces: null
  repealed_by: null
  note: >-
    In force from 30 December 1983 (S.O. 940(E), 30 December 1983; India Code footnote to s.1(3)).
    The Act's forms and rules are not included.
""" + _src("1779")),
    "THOTA": _header("""Transplantation of Human Organs and Tissues Act, 1994: every section, verbatim from India Code
(handle 1962), imported by tools/import_acts.py from shared/reference/acts/thota-1994.md.""", """
act:
  code: THOTA
  title: {en: "Transplantation of Human Organs and Tissues Act, 1994"}
  short_title_year: "1994"
  number: "42 of 1994"
  kind: special_act
  aliases: [THOTA, THOA, "Transplantation of Human Organs and Tissues Act", "Transplantation of Human Organs Act"]
  unit: section
  enacted_on: "1994-07-08"
  in_force_from: "1995-02-04"
  in_force_to: null
  replaces: null
  repealed_by: null
  note: >-
    In force from 4 February 1995 in Goa, Himachal Pradesh, Maharashtra and the Union territories
    (S.O. 80(E)); in other States from their adoption under article 252(1) (s.1(2)-(3)). Renamed and
    amended by Act 16 of 2011 (w.e.f. 10 January 2014). The 2014 Rules are not included.
""" + _src("1962")),
    "ITA": _header("""Information Technology Act, 2000: the sections a trafficking case draws on (66E, 67, 67A, 67B),
verbatim from India Code (handle 1999), imported by tools/import_acts.py from
shared/reference/acts/it-act-2000.md.""", """
act:
  code: ITA
  title: {en: "Information Technology Act, 2000"}
  short_title_year: "2000"
  number: "21 of 2000"
  kind: special_act
  aliases: [ITA, "IT Act", "I.T. Act", "Information Technology Act"]
  unit: section
  enacted_on: "2000-06-09"
  in_force_from: "2000-10-17"
  in_force_to: null
  replaces: null
  repealed_by: null
  note: >-
    In force from 17 October 2000 (G.S.R. 788(E); India Code footnote to s.1). Only ss.66E, 67, 67A
    and 67B are held here (as amended by Act 10 of 2009, w.e.f. 27 October 2009); the rest of the Act
    is not in the knowledge base.
""" + _src("1999")),
    "SCST": _header("""Scheduled Castes and the Scheduled Tribes (Prevention of Atrocities) Act, 1989: s.3 (offences
of atrocities), verbatim from India Code (handle 1920), imported by tools/import_acts.py from
shared/reference/acts/sc-st-poa-1989.md.""", """
act:
  code: SCST
  title: {en: "Scheduled Castes and the Scheduled Tribes (Prevention of Atrocities) Act, 1989"}
  short_title_year: "1989"
  number: "33 of 1989"
  kind: special_act
  aliases: [SCST, "SC/ST Act", "SC/ST (PoA) Act", "SC/ST (Prevention of Atrocities) Act", "Atrocities Act", "PoA Act"]
  unit: section
  enacted_on: "1989-09-11"
  in_force_from: "1990-01-30"
  in_force_to: null
  replaces: null
  repealed_by: null
  note: >-
    In force from 30 January 1990 (S.O. 106(E), 29 January 1990; India Code footnote to s.1(3)). Only
    s.3 is held here, as amended by Act 1 of 2016 (w.e.f. 26 January 2016).
""" + _src("1920")),
    "NIA": _header("""National Investigation Agency Act, 2008: every section, verbatim from India Code (handle 2054),
imported by tools/import_acts.py from shared/reference/acts/nia-2008.md; the Schedule is
recorded in the act note (English rendering of the Hindi text: secondary).""", """
act:
  code: NIA
  title: {en: "National Investigation Agency Act, 2008"}
  short_title_year: "2008"
  number: "34 of 2008"
  kind: special_act
  aliases: [NIA Act, "N.I.A. Act", "National Investigation Agency Act"]
  unit: section
  enacted_on: "2008-12-31"
  in_force_from: "2008-12-31"
  in_force_to: null
  replaces: null
  repealed_by: null
""" + "{NIA_NOTE}" + _src("2054")),
}

if __name__ == "__main__":
    sys.exit(main())
