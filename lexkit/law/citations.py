"""Resolve citations as charge-sheets and judgements write them.

Accepted: ``BNS-143``, ``BNS 143``, ``S. 143 BNS``, ``u/s 370(4) IPC``, ``section 15(6A) of ITPA``,
``Sec. 164A Cr.P.C.``, ``JJ Act s.31``, ``PITA 5``, ``CLPRA 14``, ``Art. 23``, ``370/34 IPC``
(the first section is taken), with the abbreviations of each Act kept as data (the ``aliases``
of each Act file). A sub-provision resolves to its section and is kept as the pinpoint.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from lexkit.errors import Ambiguous, KnowledgeBaseInvalid, NotFound, UsageProblem
from lexkit.kb.knowledge import KnowledgeBase
from lexkit.kb.models import Section

_SECTION = re.compile(r"(?<![0-9A-Za-z])([0-9]+)([A-Za-z]{0,3})((?:\s*\(\s*[0-9A-Za-z]{1,4}\s*\))*)")
# "164-A", "164 A", "370 - A": charge-sheets split the letter of an inserted section from its number.
_SPLIT_LETTER = re.compile(r"(?<![0-9A-Za-z])([0-9]+)\s*(?:-\s*([A-Za-z]{1,2})|\s([A-Z]{1,2}))(?![A-Za-z])")
# Starts only at the start of a token and never backtracks into it (possessive), so a long run
# of digits is scanned once: the unanchored form took minutes on a 100 kB citation.
_MULTI = re.compile(r"(?<![0-9A-Za-z()])[0-9][0-9A-Za-z()]*+\s*+(?:,|/|\band\b|&)\s*[0-9]")
_ID = re.compile(r"^\s*([A-Za-z]+)-([0-9]{1,4}[A-Za-z]{0,3})((?:\([0-9A-Za-z]+\))*)\s*$")
# Words a citation may hold besides the Act: "u/s 370 r/w 34", "section 15 of the Act", "S. 143".
_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}+(?![A-Za-z])")
_NOT_ACTS = frozenset({"sec", "secs", "section", "sections", "ss", "of", "the", "act", "and", "read", "with", "under",
                       "rw", "us", "sub", "clause", "cl", "para", "rule", "proviso", "explanation", "expl"})
_ARTICLE = re.compile(r"(?<![a-z])(?:art|arts|article|articles)(?![a-z])", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """A resolved citation: the section, and the pinpoint the user named (may be empty)."""

    query: str
    section: Section
    pinpoint: str
    warnings: tuple[str, ...] = ()

    @property
    def pinpoint_ref(self) -> str:
        return f"{self.section.id}{self.pinpoint}"


def _alias_pattern(alias: str) -> str:
    # Dots and spaces are optional between letters: "Cr.P.C.", "CrPC", "Cr PC" all match "CrPC".
    chars = [c for c in alias.lower() if c not in ". "]
    body = r"[\s.]*".join(re.escape(c) for c in chars)
    return rf"(?<![a-z0-9]){body}\.?(?![a-z])"


class CitationResolver:
    """Turns free-text citations into sections of one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        pairs: list[tuple[str, str]] = []
        for act in kb.acts.values():
            for alias in {act.code, *act.aliases}:
                pairs.append((alias, act.code))
        # Longest alias first, so "BNSS" is never read as "BNS" followed by "S".
        pairs.sort(key=lambda p: -len(p[0].replace(".", "").replace(" ", "")))
        self._aliases = [(re.compile(_alias_pattern(a), re.IGNORECASE), code) for a, code in pairs]
        self._constitution = next((a.code for a in kb.acts.values() if a.kind == "constitution"), None)

    def find_act(self, text: str) -> tuple[str | None, str]:
        """The act named in ``text`` and the text with the act removed."""
        codes: set[str] = set()
        rest = text
        for pattern, code in self._aliases:
            # Each alias is blanked out before the next (shorter) one is looked for, in one pass
            # per alias: rebuilding the text once per match was quadratic in the citation's length.
            rest, hits = pattern.subn(lambda m: " " * (m.end() - m.start()), rest)
            if hits:
                codes.add(code)
        if len(codes) > 1:
            names = ", ".join(sorted(codes))
            raise Ambiguous(
                f"'{_short(text)}' names more than one Act ({names})",
                sorted(codes),
                hint="look up one provision at a time, e.g. 'lexkit provision show \"BNS 143\"'",
            )
        if codes:
            return codes.pop(), rest
        if self._constitution and _ARTICLE.search(text):
            return self._constitution, _ARTICLE.sub(" ", text)
        return None, text

    def resolve(self, query: str) -> Citation:
        """Resolve one citation, or raise NotFound / Ambiguous / UsageProblem."""
        text = query.strip()
        if not text:
            raise UsageProblem("the citation is empty", hint="give one, e.g. 'BNS 143' or 'u/s 370(4) IPC'")
        m = _ID.match(text)
        if m and m.group(1).upper() in self.kb.acts:
            return self._lookup(query, m.group(1).upper(), m.group(2).upper(), m.group(3))
        act, rest = self.find_act(text)
        rest = rest.replace("u/s", " ").replace("U/S", " ").replace("r/w", " ").replace("R/W", " ")
        rest = _SPLIT_LETTER.sub(lambda m: m.group(1) + (m.group(2) or m.group(3)).upper(), rest)
        sm = _SECTION.search(rest)
        if not sm:
            what = f"no section number found in '{_short(query)}'"
            raise UsageProblem(what, hint="write it as charge-sheets do, e.g. 'S. 143 BNS' or 'section 15 of ITPA'")
        if len(sm.group(1)) > 5:  # the longest Act held has 531 sections: this is a slip, not a section
            raise UsageProblem(f"'{_short(sm.group(1), 20)}' in '{_short(query)}' is not a section number",
                               hint="write it as charge-sheets do, e.g. 'S. 143 BNS' or 'section 15 of ITPA'")
        number = sm.group(1) + sm.group(2).upper()
        pinpoint = re.sub(r"\s+", "", sm.group(3))
        if act is None:
            self._unknown_act(rest)
            return self._bare(query, number, pinpoint)
        return self._lookup(query, act, number, pinpoint)

    def _lookup(self, query: str, act: str, number: str, pinpoint: str) -> Citation:
        sid = f"{act}-{number}"
        section = self.kb.sections.get(sid)
        if section is None:
            raise NotFound(
                f"{_short(sid, 40)} ('{_short(query)}') is not in the knowledge base",
                hint=self._suggest(sid, act),
            )
        return Citation(query, section, pinpoint, tuple(self._warnings(query, section, pinpoint)))

    @staticmethod
    def _warnings(query: str, section: Section, pinpoint: str) -> list[str]:
        """What the user should know about a citation that resolved: only the first section is shown."""
        out = []
        if _MULTI.search(query.replace("/34", "").replace("/ 34", "")):
            out.append(f"'{_short(query)}' names more than one section: showing {section.id}; look up the others one by one")
        first = re.match(r"\(([0-9A-Za-z]+)\)", pinpoint)
        if first and f"({first.group(1)})" not in section.text.en and not any(
            s.label.startswith(f"({first.group(1)})") for s in section.subsections
        ):
            out.append(f"{section.id} has no sub-provision ({first.group(1)}) in the text held: check the citation")
        return out

    def _unknown_act(self, rest: str) -> None:
        """A word in the place of an Act that names none held ('XYZ 143', 'BNSX 143'): say so."""
        code_of = {"".join(c for c in a.upper() if c.isalnum()): act.code
                   for act in self.kb.acts.values() for a in (act.code, *act.aliases)}
        for word in _WORD.findall(rest)[:20]:
            if word.lower() in _NOT_ACTS or len(word) > 12:
                continue
            near = difflib.get_close_matches(word.upper(), sorted(code_of), n=5, cutoff=0.6)
            # An abbreviation (XYZ) or a near miss of one held (BNSX, crpcc); other words
            # ("302 murder") leave the citation to the bare-number answer and its candidates.
            if near or (word.isupper() and len(word) <= 8):
                break
        else:
            return
        close = list(dict.fromkeys(code_of[n] for n in near))[:3]
        raise NotFound(
            f"'{_short(word, 30)}' is not an Act in the knowledge base",
            hint=("did you mean " + " or ".join(close) + "? " if close else "")
            + "Acts held: " + ", ".join(sorted(self.kb.acts)),
        )

    def _bare(self, query: str, number: str, pinpoint: str) -> Citation:
        held = sorted(s.id for s in self.kb.sections.values() if s.number == number)
        # "s.302" names different offences in the IPC and the BNS: never guess the code.
        codes = sorted(a.code for a in self.kb.acts.values() if a.kind in ("penal_code", "procedure_code"))
        candidates = held or [f"{code}-{number}" for code in codes]
        where = "in the knowledge base" if held else "none of them in the knowledge base"
        if not candidates:
            raise KnowledgeBaseInvalid("the knowledge base holds no Acts", hint="check --kb or LEXKIT_KB")
        raise Ambiguous(
            f"'{_short(query)}' names no Act: section {number} of which Act? ({len(candidates)} candidates, {where})",
            candidates,
            hint=f"add the Act, e.g. '{candidates[0].replace('-', ' ')}'",
        )

    def _suggest(self, sid: str, act: str) -> str:
        ids = [s for s in self.kb.sections if s.startswith(act + "-")] or list(self.kb.sections)
        close = difflib.get_close_matches(sid, ids, n=3, cutoff=0.5)
        if not close:
            number = sid.split("-", 1)[1]
            close = [s for s in self.kb.sections if s.split("-", 1)[1] == number][:3]
        if close:
            return "did you mean " + " or ".join(close) + "?"
        return f"'lexkit provision search' finds provisions by words; sections of {act} held: " + ", ".join(
            sorted(ids, key=_natural)[:12]
        )


def _natural(sid: str) -> tuple[int, str]:
    num = sid.split("-", 1)[1]
    digits = "".join(ch for ch in num if ch.isdigit())
    return int(digits or 0), num


def _short(text: str, limit: int = 60) -> str:
    """A query as echoed in a message: never the whole of a pasted charge-sheet."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
