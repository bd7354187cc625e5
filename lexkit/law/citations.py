"""Resolve citations as charge-sheets and judgements write them.

Accepted: ``BNS-143``, ``BNS 143``, ``S. 143 BNS``, ``u/s 370(4) IPC``, ``section 15(6A) of ITPA``,
``Sec. 164A Cr.P.C.``, ``JJ Act s.31``, ``PITA 5``, ``CLPRA 14``, ``Art. 23``, ``370/34 IPC``
(the first section is taken), with the abbreviations of each Act kept as data (the ``aliases``
of each Act file). A sub-provision resolves to its section and is kept as the pinpoint.
"""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from lexkit.errors import Ambiguous, KnowledgeBaseInvalid, NotFound, UsageProblem
from lexkit.kb.knowledge import KnowledgeBase, alias_key
from lexkit.kb.knowledge import words as word_spans
from lexkit.kb.models import Section

_SECTION = re.compile(r"(?<![0-9A-Za-z])([0-9]+)([A-Za-z]{0,3})((?:\s*\(\s*[0-9A-Za-z]{1,4}\s*\))*)")
# "164-A", "164 A", "370 - A": charge-sheets split the letter of an inserted section from its number.
_SPLIT_LETTER = re.compile(r"(?<![0-9A-Za-z])([0-9]+)\s*(?:-\s*([A-Za-z]{1,2})|\s([A-Z]{1,2}))(?![A-Za-z])")
_MULTI = re.compile(r"[0-9][0-9A-Za-z()]*\s*(?:,|/|\band\b|&)\s*[0-9]")
_ID = re.compile(r"^\s*([A-Za-z]+)-([0-9]{1,4}[A-Za-z]{0,3})((?:\([0-9A-Za-z]+\))*)\s*$")
_ARTICLE = re.compile(r"(?<![a-z])(?:art|arts|article|articles)(?![a-z])", re.IGNORECASE)


class Citation(NamedTuple):
    """A resolved citation: the section, and the pinpoint the user named (may be empty)."""

    query: str
    section: Section
    pinpoint: str
    warnings: tuple[str, ...] = ()

    @property
    def pinpoint_ref(self) -> str:
        return f"{self.section.id}{self.pinpoint}"


class CitationResolver:
    """Turns free-text citations into sections of one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # Each Act's abbreviations are data: compared as letters and digits only, so "Cr.P.C.",
        # "CrPC" and "Cr PC" are one key ("crpc"); no regular expression is compiled per alias.
        self._aliases: dict[str, str] = {}
        for act in kb.acts.values():
            for alias in (act.code, *act.aliases):
                key = alias_key(alias)
                if key:
                    self._aliases.setdefault(key, act.code)
        self._longest = max((len(k) for k in self._aliases), default=0)
        self._constitution = next((a.code for a in kb.acts.values() if a.kind == "constitution"), None)

    def _act_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Where Acts are named: the longest run of words that spells an alias, left to right.

        Linear in the length of the text: from each word, at most as many characters as the
        longest alias are joined.
        """
        words = [(start, end, text[start:end].casefold()) for start, end in word_spans(text)]
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            key, best = "", None
            for j in range(i, len(words)):
                key += words[j][2]
                if len(key) > self._longest:
                    break
                code = self._aliases.get(key)
                if code is not None:
                    best = (j, code)
            if best is None:
                i += 1
                continue
            spans.append((words[i][0], words[best[0]][1], best[1]))
            i = best[0] + 1
        return spans

    def find_act(self, text: str) -> tuple[str | None, str]:
        """The act named in ``text`` and the text with the act removed."""
        spans = self._act_spans(text)
        codes = {code for _, _, code in spans}
        if len(codes) > 1:
            names = ", ".join(sorted(codes))
            raise Ambiguous(
                f"'{_short(text)}' names more than one Act ({names})",
                sorted(codes),
                hint="look up one provision at a time, e.g. 'lexkit provision show \"BNS 143\"'",
            )
        if codes:
            pieces, last = [], 0
            for start, end, _code in spans:
                pieces += [text[last:start], " " * (end - start)]
                last = end
            return codes.pop(), "".join(pieces) + text[last:]
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
        number = sm.group(1) + sm.group(2).upper()
        pinpoint = re.sub(r"\s+", "", sm.group(3))
        if act is None:
            return self._bare(query, number, pinpoint)
        return self._lookup(query, act, number, pinpoint)

    def _lookup(self, query: str, act: str, number: str, pinpoint: str) -> Citation:
        sid = f"{act}-{number}"
        section = self.kb.sections.get(sid)
        if section is None:
            raise NotFound(
                f"{sid} ('{_short(query)}') is not in the knowledge base",
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

    def _bare(self, query: str, number: str, pinpoint: str) -> Citation:
        held = [s.id for s in self.kb.sections_numbered(number)]
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
        ids = self.kb.section_ids(act) or self.kb.section_ids()
        close = difflib.get_close_matches(sid, ids, n=3, cutoff=0.5)
        if not close:
            number = sid.split("-", 1)[1]
            close = [s.id for s in self.kb.sections_numbered(number)][:3]
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
