"""Resolve citations as charge-sheets and judgements write them.

Accepted: ``BNS-143``, ``BNS 143``, ``S. 143 BNS``, ``u/s 370(4) IPC``, ``section 15(6A) of ITPA``,
``Sec. 164A Cr.P.C.``, ``JJ Act s.31``, ``PITA 5``, ``CLPRA 14``, ``Art. 23``, ``370/34 IPC``
(the first section is taken), with the abbreviations of each Act kept as data (the ``aliases``
of each Act file). A sub-provision resolves to its section and is kept as the pinpoint.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lexkit.errors import Ambiguous, KnowledgeBaseInvalid, NotFound, UsageProblem
from lexkit.kb.knowledge import KnowledgeBase, alias_key
from lexkit.kb.knowledge import words as word_spans
from lexkit.kb.models import Section

MAX_SECTIONS = 40
_ID = re.compile(r"^\s*([A-Za-z]+)-([0-9]{1,4}[A-Za-z]{0,3})((?:\([0-9A-Za-z]+\))*)\s*$")
# Words a citation may hold besides the Act: "u/s 370 r/w 34", "section 15 of the Act", "S. 143".
_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}+(?![A-Za-z])")
_NOT_ACTS = frozenset({"sec", "secs", "section", "sections", "ss", "of", "the", "act", "and", "read", "with", "under",
                       "rw", "us", "sub", "clause", "cl", "para", "rule", "proviso", "explanation", "expl"})
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
        """Resolve a citation to one section (the first it names: a warning says so when it names more)."""
        found = self.resolve_all(query)
        if len(found) == 1:
            return found[0]
        first = found[0]
        note = (f"'{_short(query)}' names {len(found)} sections ({', '.join(c.pinpoint_ref for c in found)}): "
                f"showing {first.section.id}; 'lexkit provision show' shows them all")
        return first._replace(warnings=(note, *first.warnings))

    def resolve_all(self, query: str) -> list[Citation]:
        """Every section a charge names, in order: 'u/s 370(4), 34 IPC', '370/34 IPC', 'u/s 370 r/w 120B IPC',
        'ss. 3, 4, 5 ITPA', 'BNS 143(3), 3(5), 61(2)', 'u/s 370 IPC and 4 POCSO'.

        Numbers belong to the Act written after them ('370/34 IPC'), or, when the charge starts
        with the Act, to the Act written before them ('BNS 143(3), 3(5)'). Nothing named is dropped:
        an unknown section is an error, not a gap. Linear in the length of the text.
        """
        text = query.strip()
        if not text:
            raise UsageProblem("the citation is empty", hint="give one, e.g. 'BNS 143' or 'u/s 370(4) IPC'")
        m = _ID.match(text)
        if m and m.group(1).upper() in self.kb.acts:
            return [self._lookup(query, m.group(1).upper(), m.group(2).upper(), m.group(3))]
        spans = self._act_spans(text)
        if not spans and self._constitution:
            spans = [(m.start(), m.end(), self._constitution) for m in _ARTICLE.finditer(text)]
        rest = list(text)
        for start, end, _code in spans:
            rest[start:end] = " " * (end - start)
        numbers = _section_numbers("".join(rest), [end for _s, end, _c in spans])
        if not numbers:
            what = f"no section number found in '{_short(query)}'"
            raise UsageProblem(what, hint="write it as charge-sheets do, e.g. 'S. 143 BNS' or 'section 15 of ITPA'")
        for _at, number, _pin in numbers:
            digits = "".join(ch for ch in number if ch.isdigit())
            if len(digits) > 5:  # the longest Act held has 575 sections: this is a slip, not a section
                raise UsageProblem(f"'{_short(number, 20)}' in '{_short(query)}' is not a section number",
                                   hint="write it as charge-sheets do, e.g. 'S. 143 BNS' or 'section 15 of ITPA'")
        if not spans:
            number, pinpoint = numbers[0][1], numbers[0][2]
            self._unknown_act(text)  # 'XYZ 143': an Act we do not hold, said as such
            self._bare(query, number, pinpoint)  # raises: a bare number names no Act
        named: list[tuple[str, str, str]] = []
        prefix = spans[0][0] < numbers[0][0]  # 'BNS 143(3), 3(5)': the Act first
        for at, number, pinpoint in numbers:
            if prefix:
                code = [c for s, _e, c in spans if s < at][-1]
            else:
                after = [c for s, _e, c in spans if s > at]
                code = after[0] if after else spans[-1][2]
            if (code, number, pinpoint) not in named:
                named.append((code, number, pinpoint))
        if len(named) > MAX_SECTIONS:
            raise UsageProblem(f"'{_short(query)}' names {len(named)} sections; look up at most {MAX_SECTIONS} at a time",
                               hint="split the charge, e.g. by Act")
        return [self._lookup(query, code, number, pinpoint) for code, number, pinpoint in named]

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
        """What the user should know about a citation that resolved: a sub-provision the text does not have."""
        out = []
        first = re.match(r"\(([0-9A-Za-z]+)\)", pinpoint)
        if first and f"({first.group(1)})" not in section.text.en and not any(
            s.label.startswith(f"({first.group(1)})") for s in section.subsections
        ):
            out.append(f"{section.id} has no sub-provision ({first.group(1)}) in the text held: check the citation")
        return out

    def _unknown_act(self, rest: str) -> None:
        """A word in the place of an Act that names none held ('XYZ 143', 'BNSX 143'): say so."""
        import difflib  # only here and for suggestions: a citation that resolves never loads it

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
        import difflib  # only for a suggestion: a look-up that resolves never loads it

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


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _section_numbers(text: str, act_ends: list[int]) -> list[tuple[int, str, str]]:
    """Every section number in ``text`` (Acts already blanked out): (position, number, pinpoint).

    '370', '370A', '164-A', '164 A', '370(4)', '15(6A)', '3 (5)'; a year just after an Act's name
    ('JJ Act 2015 s.31') is not a section. One pass, no backtracking: linear in the text.
    """
    out: list[tuple[int, str, str]] = []
    n, i = len(text), 0
    while i < n:
        if not text[i].isdigit() or not text[i].isascii() or (i and _is_alnum(text[i - 1])):
            i += 1
            continue
        start = i
        while i < n and text[i].isascii() and text[i].isdigit():
            i += 1
        number = text[start:i]
        j = i
        while j < n and j - i < 3 and text[j].isascii() and text[j].isalpha():
            j += 1
        if j > i and not (j < n and _is_alnum(text[j])):
            number, i = number + text[i:j].upper(), j  # 370A
        elif j == i:  # "164-A", "164 - A", "164 A" (a capital only: "370 and" is not 370A)
            k = i
            while k < n and text[k] == " ":
                k += 1
            dash = k < n and text[k] == "-"
            if dash:
                k += 1
                while k < n and text[k] == " ":
                    k += 1
            m = k
            while m < n and m - k < 2 and text[m].isascii() and text[m].isalpha():
                m += 1
            letters = text[k:m]
            if letters and not (m < n and _is_alnum(text[m])) and (dash or (k > i and letters.isupper())):
                number, i = number + letters.upper(), m
        pinpoint = ""
        while True:
            k = i
            while k < n and text[k] == " ":
                k += 1
            if k >= n or text[k] != "(":
                break
            close = text.find(")", k + 1, k + 12)
            inner = text[k + 1:close].replace(" ", "") if close != -1 else ""
            if not inner or len(inner) > 4 or not all(_is_alnum(c) for c in inner):
                break
            pinpoint += f"({inner})"
            i = close + 1
        gap = text[max(0, start - 8):start]
        after_act = any(0 <= start - end <= 8 and not text[end:start].strip(" ,") for end in act_ends)
        if len(number) == 4 and number.isdigit() and 1850 <= int(number) <= 2099 and after_act and gap.strip(" ,") == "":
            continue  # the year of the Act's short title, not a section
        out.append((start, number, pinpoint))
    return out


def _natural(sid: str) -> tuple[int, str]:
    num = sid.split("-", 1)[1]
    digits = "".join(ch for ch in num if ch.isdigit())
    return int(digits or 0), num


def _short(text: str, limit: int = 60) -> str:
    """A query as echoed in a message: never the whole of a pasted charge-sheet."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
