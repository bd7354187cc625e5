"""Case law: the judgements of judgements/ as data, found by id, name or law-report citation.

A prosecutor names a case the way a bench or a charge-sheet does: "Vishal Jeet",
"Bandhua Mukti Morcha v. UOI", "(1996) 2 SCC 384". Several cases share a name (a 1984 judgment
and its 1991 follow-up), so a name that fits more than one is reported as ambiguous, never guessed.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from lexkit.errors import Ambiguous, NotFound, UsageProblem
from lexkit.kb.knowledge import KnowledgeBase, split_ref
from lexkit.kb.models import Source, Text, sources_of
from lexkit.law.citations import CitationResolver
from lexkit.law.search import search_judgement_rows

_YEAR = re.compile(r"^[0-9]{4}$")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_VERSUS = re.compile(r"(?<![\w])(?:vs|versus)(?![\w])")


class CaseCitation(NamedTuple):
    """A law-report citation of a judgement: '(1969) 1 SCC 43', reporter 'SCC'."""

    citation: str
    reporter: str | None
    verification: str


class LaterHistory(NamedTuple):
    """What happened to a judgement later: followed, modified, review, overruled ..."""

    relation: str
    detail: Text
    date: str | None
    verification: str | None


class Judgement(NamedTuple):
    """One judgement as the knowledge base holds it."""

    id: str
    name: str
    short_name: str | None
    court: str
    court_level: str | None
    bench: tuple[str, ...]
    case_number: str | None
    decided_on: str  # YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no more
    citations: tuple[CaseCitation, ...]
    provisions: tuple[str, ...]
    topics: tuple[str, ...]
    holding: Text
    significance: Text
    later_history: tuple[LaterHistory, ...]
    sources: tuple[Source, ...]
    verification: str
    last_verified_on: str | None
    file: str = ""
    origin: str | None = None  # the overlay folder it comes from; None: the base knowledge base
    override_reason: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any], file: str = "", origin: str | None = None) -> Judgement:
        return cls(
            id=raw["id"],
            name=raw["name"],
            short_name=raw.get("short_name"),
            court=raw["court"],
            court_level=raw.get("court_level"),
            bench=tuple(raw.get("bench") or ()),
            case_number=raw.get("case_number"),
            decided_on=str(raw["decided_on"]),
            citations=tuple(
                CaseCitation(c["citation"], c.get("reporter"), c.get("verification", "unverified"))
                for c in raw.get("citations") or ()
            ),
            provisions=tuple(raw.get("provisions") or ()),
            topics=tuple(raw.get("topics") or ()),
            holding=Text.of(raw["holding"]),
            significance=Text.of(raw["significance"]),
            later_history=tuple(
                LaterHistory(h["relation"], Text.of(h["detail"]), h.get("date"), h.get("verification"))
                for h in raw.get("later_history") or ()
            ),
            sources=sources_of(raw),
            verification=raw.get("verification", "unverified"),
            last_verified_on=raw.get("last_verified_on"),
            file=file,
            origin=origin,
            override_reason=raw.get("reason") if raw.get("overrides") else None,
        )

    @property
    def year(self) -> str:
        return self.decided_on[:4]

    @property
    def label(self) -> str:
        """'Vishal Jeet v Union of India (1990)': how the case is named in a list."""
        return self.name if self.name.endswith(f"({self.year})") else f"{self.name} ({self.year})"


class JudgementHit(NamedTuple):
    """A ranked search result."""

    id: str
    label: str
    snippet: str
    score: float
    origin: str | None = None  # the overlay folder it comes from; None: the base knowledge base


def all_judgements(kb: KnowledgeBase) -> list[Judgement]:
    """Every judgement of the knowledge base, oldest first."""
    found = [Judgement.of(d.data["judgement"], d.file, d.origin) for d in kb.docs_of("judgement")]
    return sorted(found, key=lambda j: (j.decided_on, j.id))


def _norm(text: str) -> str:
    """Lower case, 'vs'/'versus' read as 'v', punctuation dropped: '(1996) 2 SCC 384' -> '1996 2 scc 384'."""
    words = _NON_WORD.sub(" ", text.casefold()).strip()
    return " ".join(_VERSUS.sub("v", words).split())


def _names(j: Judgement) -> list[str]:
    return [_norm(x) for x in (j.name, j.short_name or "", *(c.citation for c in j.citations)) if x]


def _ambiguous(query: str, matches: list[Judgement]) -> Ambiguous:
    return Ambiguous(
        f"'{query}' fits {len(matches)} judgements",
        [f"{j.id} ({j.label})" for j in matches],
        hint=f"give the id, e.g. 'lexkit judgement show {matches[0].id}'",
    )


def _not_found(query: str, judgements: list[Judgement]) -> NotFound:
    import difflib  # only for a suggestion: a look-up that finds its judgement never loads it

    ids = [j.id for j in judgements]
    close = difflib.get_close_matches(query.strip().lower(), ids, n=3, cutoff=0.5)
    if not close:
        by_name = {_norm(j.name): j.id for j in judgements}
        close = [by_name[n] for n in difflib.get_close_matches(_norm(query), list(by_name), n=3, cutoff=0.5)]
    hint = ("did you mean " + " or ".join(close) + "?") if close else "'lexkit judgement list' shows every judgement"
    return NotFound(f"no judgement '{query}' in the knowledge base", hint=hint)


def find_judgement(kb: KnowledgeBase, query: str) -> Judgement:
    """A judgement by id, else by name, short name or citation (whole, then part of one)."""
    if not query.strip():
        raise UsageProblem("the judgement is empty", hint="give an id, a name or a citation, e.g. 'Vishal Jeet'")
    doc = kb.document("judgement", query.strip())
    if doc is not None:
        return Judgement.of(doc.data["judgement"], doc.file, doc.origin)
    judgements = all_judgements(kb)
    q = _norm(query)
    exact = [j for j in judgements if q in _names(j)]
    partial = [j for j in judgements if any(f" {q} " in f" {n} " for n in [*_names(j), _norm(j.id)])]
    matches = exact or partial
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise _ambiguous(query, matches)
    raise _not_found(query, judgements)


def parse_year(text: str) -> int:
    """A year of decision as the command line gives it: four digits."""
    if not _YEAR.match(text.strip()):
        raise UsageProblem(f"'{text}' is not a year", hint="give four digits, e.g. --year 1990")
    return int(text)


def _cites(j: Judgement, section_id: str, pinpoint: str) -> bool:
    """Whether a judgement relies on a section; a pinpoint fits itself, its parts and the whole section."""
    for ref in j.provisions:
        sid, pin = split_ref(ref)
        if sid == section_id and (not pinpoint or not pin or pin.startswith(pinpoint) or pinpoint.startswith(pin)):
            return True
    return False


#: The abbreviations lawyers write for a court's level: SC, HC (and the spelled-out forms).
COURT_ABBREVIATIONS = {"sc": "supreme_court", "apex court": "supreme_court", "hc": "high_court"}


def _in_court(j: Judgement, court: str) -> bool:
    want = court.strip().casefold().rstrip(".").replace(".", "")
    level = COURT_ABBREVIATIONS.get(want)
    if level is not None:
        return level == (j.court_level or "")
    return want in j.court.casefold() or want.replace(" ", "_") == (j.court_level or "")


def list_judgements(
    kb: KnowledgeBase, provision: str | None = None, court: str | None = None, year: int | str | None = None
) -> list[Judgement]:
    """Judgements filtered by the provision they rely on, their court and their year, oldest first."""
    found = all_judgements(kb)
    if provision:
        citation = CitationResolver(kb).resolve(provision)
        pin = citation.pinpoint_ref[len(citation.section.id):]
        found = [j for j in found if _cites(j, citation.section.id, pin)]
    if court:
        found = [j for j in found if _in_court(j, court)]
    if year is not None:
        found = [j for j in found if j.year == str(year)]
    return found


def search_judgements(kb: KnowledgeBase, query: str, limit: int = 10) -> list[JudgementHit]:
    """Rank judgements for ``query`` (BM25); all words must match, else any word (ranked lower)."""
    hits = []
    for jid, name, decided_on, snippet, score, origin in search_judgement_rows(kb, query, limit):
        label = name if name.endswith(f"({decided_on[:4]})") else f"{name} ({decided_on[:4]})"
        hits.append(JudgementHit(jid, label, snippet, score, origin))
    return hits
