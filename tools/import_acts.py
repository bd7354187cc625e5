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
        rows.append(Row(key, c[1], c[2], c[3], c[4], c[5], nif))
    return rows


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
             9: "nine", 10: "ten", 12: "twelve", 14: "fourteen", 20: "twenty"}
MONTHS = {3: 0.25, 6: 0.5, 9: 0.75, 18: 1.5}


class Unparsed(Exception):
    pass


def _term(s: str) -> float:
    """'7 years' -> 7; '6 months' -> 0.5; '1 year' -> 1."""
    m = re.fullmatch(r"(\d+|[a-z]+)\s+(years?|months?)", s.strip())
    if not m:
        raise Unparsed(f"term {s!r}")
    words = {w: k for k, w in NUM_WORDS.items()}
    if m.group(1).isdigit():
        n = int(m.group(1))
    elif m.group(1) in words:
        n = words[m.group(1)]
    else:
        raise Unparsed(f"term {s!r}")
    if m.group(2).startswith("year"):
        return n
    if n in MONTHS:
        return MONTHS[n]
    raise Unparsed(f"months {s!r}")


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


def parse_punishment(col: str) -> list[dict]:
    """The Schedule's punishment column -> structured punishments (without applies_to)."""
    s = MARKER_RE.sub("", col).strip().strip("[]").strip()
    s = re.sub(r"\s+", " ", s).rstrip(".").strip().rstrip("]").rstrip(".")
    low = s.lower()
    if low.startswith("same as") or "longest term" in low or "one-half" in low or "in addition to" in low \
            or "as above" in low or "one half" in low:
        raise Unparsed("relative to another offence")
    note = None
    if re.match(r"^death,? or (with )?", low) or re.search(r",? or (with )?death$", low) or \
            re.search(r"\bor death\b", low):
        # death is not a field: record the imprisonment part and say so
        note = f"The Schedule reads: \"{s}.\" Death is also a punishment for this offence."
        low2 = re.sub(r"^death,? or (with )?", "", low)
        low2 = re.sub(r",? (and )?(with )?(fine )?or (with )?death$", lambda m: " and fine" if "fine" in m.group(0) else "", low2)
        low2 = re.sub(r"\band with fine\b", "and fine", low2)
        low = low2.strip()
    low = low.replace("or with fine", "or fine").replace("or with both", "or both")
    low = low.replace("and with fine", "and fine").replace("with fine", "and fine")
    # alternatives "A, or B" where both are imprisonment terms
    parts = re.split(r",? or (?=imprisonment\b|rigorous imprisonment|simple imprisonment)", low)
    if len(parts) > 2:
        raise Unparsed("three alternatives")
    results = []
    for p in parts:
        results.append(_one(p.strip().rstrip(",")))
    if len(parts) == 2:
        a, b = results
        if any(x["min_years"] is not None and x["max_years"] is None and not x["life"] for x in results):
            # BNS 121(2): "Imprisonment not less than 1 year, or imprisonment for 10 years and fine" stands for
            # 1 to 10 years in the section text: an alternative with only a minimum is not read as one
            raise Unparsed("alternative with only a minimum")
        # "Imprisonment for life, or imprisonment for 10 years and fine": fine stated once, for both
        if a["fine"] == "none" and b["fine"] == "required":
            a["fine"] = "required"
        a["note"] = "Alternative to the term in the next entry."
        b["note"] = "Alternative to the previous entry."
    if note:
        for r in results:
            r["note"] = (r.get("note", "") + " " + note).strip()
    return results


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
    # fine tail
    fine = "none"
    fmin = fmax = None
    amount = r"(?: (?:of|which may extend to) ([0-9][0-9,]* rupees|\d+ lakh rupees))?"
    m = re.search(r",? or fine" + amount + r",? or (?:with )?both$", body)
    if m:
        fine, body = "or_both", body[:m.start()]
        if m.group(1):
            fmax = _inr(m.group(1))
    else:
        m = re.search(r",? or fine" + amount + "$", body)
        if m:
            fine, body = "alternative", body[:m.start()]
            if m.group(1):
                fmax = _inr(m.group(1))
        else:
            m = re.search(r",? and fine( of not less than (.+?)| which may extend to (.+?))?$", body)
            if m:
                fine, body = "required", body[:m.start()]
                if m.group(2):
                    fmin = _inr(m.group(2))
                if m.group(3):
                    fmax = _inr(m.group(3))
    body = body.strip().rstrip(",").strip()
    body = re.sub(r" for (first|second or subsequent) conviction$", "", body)
    life_meaning = None
    lm = re.search(r",? ?which shall mean (imprisonment for )?the remainder of that person's natural life$",
                   body.replace("’", "'"))
    if lm:
        life_meaning = "remainder_of_natural_life"
        body = body[:lm.start()].strip().rstrip(",")
    mm = re.fullmatch(r"(?:for |of )(?:minimum )?(\d+ (?:years?|months?)),? which may extend to (\d+ years?)", body)
    ml = re.fullmatch(r"(?:for )?not less than (\d+ years?)", body)
    if body in ("for life",):
        r["life"] = True
    elif mm:
        r["min_years"] = _num(_term(mm.group(1)))
        r["max_years"] = _num(_term(mm.group(2)))
    elif ml:
        r["min_years"] = _num(_term(ml.group(1)))
    else:
        m = (re.fullmatch(r"(?:for |of )?(?:a term which shall )?not (?:be )?less than (.+?),? (?:but )?which may "
                          r"extend to (.+)", body)
             or re.fullmatch(r"for (\d+ years?),? but which may extend to (.+)", body))
        if m:
            r["min_years"] = _num(_term(m.group(1)))
            upper = re.sub(r"^imprisonment for (?=\d)", "", m.group(2).strip())
            if re.fullmatch(r"(imprisonment for )?(the )?remainder of that person's natural life",
                            upper.replace("’", "'")):
                r["life"] = True
                life_meaning = "remainder_of_natural_life"
            elif upper == "imprisonment for life":
                r["life"] = True
            else:
                r["max_years"] = _num(_term(upper))
        else:
            m = re.fullmatch(r"(?:for|up to|which may extend to|extending to) (.+)", body)
            if m:
                r["max_years"] = _num(_term(m.group(1)))
            else:
                m = re.fullmatch(r"for (\d+ years?) which may extend to (.+)", body)
                if m:
                    r["min_years"] = _num(_term(m.group(1)))
                    r["max_years"] = _num(_term(m.group(2)))
                else:
                    raise Unparsed(f"imprisonment {body!r}")
    if life_meaning:
        if not r["life"]:
            raise Unparsed("life meaning without life")
        r["life_meaning"] = life_meaning
    if desc:
        r["imprisonment"] = desc
    r["fine"] = fine
    if fmin is not None:
        r["fine_min_inr"] = fmin
    if fmax is not None:
        r["fine_max_inr"] = fmax
    return r


def check_against_text(p: dict, text: str) -> str | None:
    """Why the structured punishment does not agree with the section text, or None."""
    t = " ".join(text.lower().split())
    for k in ("min_years", "max_years"):
        v = p.get(k)
        if v is None:
            continue
        if v == 0.5:
            words = ["six months"]
        elif v == 0.25:
            words = ["three months"]
        else:
            w = NUM_WORDS.get(int(v))
            if not w:
                return f"no word for {v}"
            words = [f"{w} years", f"{w} year"]
        if not any(w in t for w in words):
            return f"{k} {v} not in the text"
    if p["life"] and "imprisonment for life" not in t:
        return "life not in the text"
    if p["fine"] in ("required", "or_both", "alternative", "only") and "fine" not in t:
        return "fine not in the text"
    if p["fine"] == "or_both" and "both" not in t:
        return "'or both' not in the text"
    for k in ("fine_min_inr", "fine_max_inr"):
        if k in p and not amount_in_text(p[k], t):
            return f"{k} {p[k]} not in the text"
    return None


def amount_in_text(inr: int, t: str) -> bool:
    """Does the section text state this amount of rupees (in figures or words)?"""
    t = t.replace(",", "")
    if re.search(rf"\b{inr}\s*rupees", t):
        return True
    words = {1: "one", 2: "two", 3: "three", 5: "five", 10: "ten", 20: "twenty", 25: "twenty-five", 50: "fifty"}
    if inr % 100000 == 0 and inr // 100000 in words:
        return f"{words[inr // 100000]} lakh rupees" in t or f"{inr // 100000} lakh rupees" in t
    names = {10: "ten", 50: "fifty", 100: "one hundred", 200: "two hundred", 250: "two hundred and fifty",
             500: "five hundred", 1000: "one thousand", 2000: "two thousand", 3000: "three thousand",
             5000: "five thousand", 10000: "ten thousand", 20000: "twenty thousand", 50000: "fifty thousand",
             1500: "one thousand five hundred", 2500: "two thousand five hundred", 300: "three hundred"}
    variants = {2500: ["two thousand and five hundred"], 600: ["six hundred"]}
    return any(f"{w} rupees" in t for w in [names.get(inr), *variants.get(inr, [])] if w)


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
    if r.get("versions"):
        out.append(f"    in_force_from: {q(r['in_force_from'])}")
        out.append("    versions:")
        for v in r["versions"]:
            out.append(f"      - in_force_to: {q(v['in_force_to'])}")
            out.append(f"        changed_by: {q(v['changed_by'])}")
            out.append(f"        changes: {q(v['changes'])}")
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
            pun, why = punishments_for(n, rows, text)
            if pun:
                rec["punishments"] = pun
            else:
                report.add(f"{spec.code}-{n}: no structured punishments: {why}")
            sources = sources + [SCHEDULE_SOURCE[spec.schedule]]
            extra = CLASSIFICATION_NOTES.get(f"{spec.code}-{n}")
            if extra:
                notes.insert(0, extra)
        if notes:
            rec["note"] = " ".join(notes)
        rec["sources"] = sources
        rec["verification"] = spec.verification
        inserted = insertion(rs, note)
        if inserted and not gone:
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
    "IPC-376B": ("Classification unverified: the 2020 India Code PDF of the CrPC prints column 4 for 376B as "
                 "\"Cognizable\"; an older India Code copy prints \"Cognizable (but only on the complaint of the "
                 "victim)\", and the successor entry (BNSS First Schedule, BNS s.67) reads \"Cognizable (only on "
                 "the complaint of the victim)\". Check the Criminal Law (Amendment) Act, 2013 before relying on it."),
}


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


def punishments_for(number: str, rows: list[Row], text: str) -> tuple[list[dict], str]:
    out = []
    seen = set()
    for r in rows:
        if r.not_in_force:
            continue
        try:
            ps = parse_punishment(r.punishment)
        except Unparsed as e:
            return [], f"Schedule punishment {r.punishment!r} ({r.key}): {e}"
        seg = segment(text, r.key)
        kind = imprisonment_kind(seg)
        for p in ps:
            why = check_against_text(p, seg)
            if why:
                return [], f"Schedule punishment {r.punishment!r} ({r.key}): {why}"
            if p.get("imprisonment") is None and not (p["life"] is False and p["max_years"] is None
                                                        and p["min_years"] is None):
                if kind:
                    p["imprisonment"] = kind
            label = f"{r.key}: {r.offence.rstrip('.')}"
            rec = {"applies_to": label}
            for k in ("min_years", "max_years", "life", "life_meaning", "imprisonment", "fine",
                      "fine_min_inr", "fine_max_inr", "note"):
                if k in p:
                    rec[k] = p[k]
            sig = json.dumps(rec, sort_keys=True)
            if sig not in seen:
                seen.add(sig)
                out.append(rec)
    if not out:
        return [], "no row in force"
    return out, ""


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
