"""Provision look-ups: show one provision, map old<->new codes, say which applies on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lexkit.errors import UsageProblem
from lexkit.kb.knowledge import KnowledgeBase, split_ref
from lexkit.kb.models import Act, CorrespondenceRow, Section, Source, TimeLimit
from lexkit.law.citations import CitationResolver
from lexkit.law.search import Hit

#: Where the savings clauses of the new codes keep the old ones alive for older matters.
_SAVINGS = {
    "penal_code": "BNS s.358(2) saves liability incurred under the IPC before its repeal",
    "procedure_code": (
        "for procedure what matters is when the proceeding began: BNSS s.531(2)(a) keeps an "
        "investigation, inquiry, trial or appeal pending on 1 July 2024 under the CrPC"
    ),
}


@dataclass(frozen=True)
class Link:
    """A predecessor or successor of a provision, with what changed."""

    id: str | None
    relation: str
    changes: str
    title: str | None
    sources: tuple[Source, ...]
    verification: str

    @classmethod
    def of(cls, kb: KnowledgeBase, ref: str | None, row: CorrespondenceRow) -> Link:
        section = kb.section(ref) if ref else None
        return cls(
            id=ref,
            relation=row.relation,
            changes=row.changes.en,
            title=section.title.en if section else None,
            sources=row.provenance.sources,
            verification=row.provenance.verification,
        )


@dataclass(frozen=True)
class Applicable:
    """Which provision applies to an offence committed on a date, and why."""

    offence_date: str
    id: str | None
    ids: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class ProvisionReport:
    """Everything `provision show` prints about one provision."""

    query: str
    section: Section
    act: Act
    pinpoint: str
    predecessors: tuple[Link, ...]
    successors: tuple[Link, ...]
    time_limits: tuple[TimeLimit, ...]
    cited_by: tuple[tuple[str, str, str], ...]  # (kind, id, title): judgements and SOP steps
    applicable: Applicable | None
    warnings: tuple[str, ...] = ()


def parse_offence_date(text: str) -> dt.date:
    """An offence date: ISO 8601 (2024-06-30) or Indian day-first (30/06/2024, 30-06-2024)."""
    from lexkit.law.deadlines import YEARS

    raw = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            day = dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        if not YEARS[0] <= day.year <= YEARS[1]:
            # The oldest Act held is of 1860: year 1 or 9999 is a typing slip, never an offence date.
            raise UsageProblem(f"'{raw}': the year must be between {YEARS[0]} and {YEARS[1]}",
                               hint="write the date as YYYY-MM-DD or DD/MM/YYYY, e.g. 2024-06-30")
        return day
    raise UsageProblem(
        f"'{text}' is not a date (or is impossible)",
        hint="write the offence date as YYYY-MM-DD or DD/MM/YYYY, e.g. 2024-06-30 or 30/06/2024",
    )


def links(kb: KnowledgeBase, section: Section) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    """(predecessors, successors) of a section, from the correspondence tables."""
    preds = tuple(Link.of(kb, r.from_ref, r) for r in kb.predecessors(section.id) if r.from_ref)
    succs = tuple(Link.of(kb, r.to_ref, r) for r in kb.successors(section.id) if r.to_ref)
    return preds, succs


def applicable_on(kb: KnowledgeBase, section: Section, day: dt.date, pinpoint: str = "") -> Applicable:
    """Which provision governs an offence committed on ``day``: IPC before 1 July 2024, BNS after.

    A pinpoint is not carried across codes (sub-sections are renumbered): the reason says which
    sub-provision to look for in the counterpart.
    """
    result = _applicable(kb, section, day)
    if pinpoint and result.ids and result.ids != (section.id,):
        return Applicable(result.offence_date, result.id, result.ids,
                          result.reason + f"; find the sub-provision matching {section.id}{pinpoint} in "
                          f"{', '.join(result.ids)} (sub-sections are not always numbered alike)")
    return result


def _applicable(kb: KnowledgeBase, section: Section, day: dt.date) -> Applicable:
    act = kb.acts[section.act]
    iso = day.isoformat()
    preds, succs = links(kb, section)
    saving = _SAVINGS.get(act.kind, "")
    if act.in_force_on(iso):
        if section.in_force_from and iso < section.in_force_from:
            return Applicable(
                iso, None, (),
                f"{section.id} in its present form is in force from {section.in_force_from}; "
                f"an offence on {iso} falls under the text in force before it (not held here)",
            )
        until = f" to {act.in_force_to}" if act.in_force_to else ""
        extra = f"; {saving}" if act.in_force_to and saving else ""
        return Applicable(
            iso, section.id, (section.id,),
            f"{act.code} was in force on {iso} (from {act.in_force_from}{until}): {section.id} applies{extra}",
        )
    if act.in_force_to and iso > act.in_force_to:
        ids = tuple(link.id for link in succs if link.id)
        if not ids:
            return Applicable(
                iso, None, (),
                f"{act.code} was repealed after {act.in_force_to} and {section.id} has no successor in the knowledge base",
            )
        new = kb.acts.get(act.repealed_by or "") if act.repealed_by else None
        name = new.code if new else "its successor"
        changes = "; ".join(f"{link.id} ({link.relation}: {link.changes})" for link in succs if link.id)
        verb = "proceed under" if act.kind == "procedure_code" else "charge under"
        return Applicable(
            iso, ids[0], ids,
            f"offence on {iso}, after {act.code} was repealed (in force to {act.in_force_to}): "
            f"{verb} {', '.join(ids)} ({name}); {changes}",
        )
    # Before the Act came into force: the predecessor applies, if there is one.
    ids = tuple(link.id for link in preds if link.id)
    if not ids:
        return Applicable(
            iso, None, (),
            f"{act.code} came into force on {act.in_force_from}; {section.id} has no predecessor, so an act "
            f"done on {iso} is not an offence under it (no retrospective criminal law: Constitution Art. 20(1))"
            if act.kind == "penal_code"
            else f"{act.code} came into force on {act.in_force_from}; on {iso} it was not yet in force",
        )
    old = kb.acts.get(act.replaces or "")
    name = old.code if old else "the earlier law"
    saving_old = _SAVINGS.get(old.kind if old else "", "")
    verb = "proceed under" if act.kind == "procedure_code" else "charge under"
    return Applicable(
        iso, ids[0], ids,
        f"offence on {iso}, before {act.code} came into force on {act.in_force_from}: {verb} "
        f"{', '.join(ids)} ({name})" + (f"; {saving_old}" if saving_old else ""),
    )


def show(kb: KnowledgeBase, query: str, offence_date: dt.date | None = None) -> ProvisionReport:
    """Resolve a citation and gather what a prosecutor needs about it."""
    citation = CitationResolver(kb).resolve(query)
    section = citation.section
    preds, succs = links(kb, section)
    return ProvisionReport(
        query=query,
        section=section,
        act=kb.acts[section.act],
        pinpoint=citation.pinpoint_ref,
        predecessors=preds,
        successors=succs,
        time_limits=section.time_limits,
        cited_by=tuple(cited_by(kb, section.id)),
        applicable=applicable_on(kb, section, offence_date, citation.pinpoint) if offence_date else None,
        warnings=citation.warnings,
    )


def cited_by(kb: KnowledgeBase, section_id: str) -> list[tuple[str, str, str]]:
    """Judgements and SOP steps that rely on a provision: (kind, id, title)."""
    out: list[tuple[str, str, str]] = []
    for doc in kb.docs_of("judgement"):
        j = doc.data.get("judgement", doc.data)
        if any(split_ref(p)[0] == section_id for p in j.get("provisions") or ()):
            name, year = str(j.get("name", "")), str(j.get("decided_on", ""))[:4]
            title = name if not year or name.endswith(f"({year})") else f"{name} ({year})"
            out.append(("judgement", j.get("id", ""), title))
    for doc in kb.docs_of("sop"):
        sop_id = doc.data.get("sop", {}).get("id", "")
        for step in doc.data.get("steps") or ():
            if any(split_ref(p)[0] == section_id for p in step.get("basis") or ()):
                action = step.get("action", "")
                action = action.get("en", "") if isinstance(action, dict) else str(action)
                out.append(("sop-step", f"{sop_id}/{step.get('id', '')}", action))
    return out


@dataclass(frozen=True)
class MapReport:
    """`provision map`: a provision and its correspondence in both directions."""

    section: Section
    act: Act
    to: tuple[Link, ...]
    direction: str  # "old->new", "new->old" or "none"
    warnings: tuple[str, ...] = ()


def map_provision(kb: KnowledgeBase, query: str) -> MapReport:
    """Old<->new correspondence of a provision: IPC->BNS, CrPC->BNSS and back."""
    citation = CitationResolver(kb).resolve(query)
    section = citation.section
    preds, succs = links(kb, section)
    act = kb.acts[section.act]
    if succs:
        return MapReport(section, act, succs, "old->new", citation.warnings)
    if preds:
        return MapReport(section, act, preds, "new->old", citation.warnings)
    new_rows = tuple(
        Link.of(kb, None, r) for r in kb.correspondence if r.to_ref and split_ref(r.to_ref)[0] == section.id
    )
    return MapReport(section, act, new_rows, "new->old" if new_rows else "none", citation.warnings)


def search_or_resolve(
    kb: KnowledgeBase, query: str, act: str | None = None, limit: int = 10
) -> tuple[list[Hit], bool]:
    """A citation ('u/s 370 IPC') goes to the resolver; anything else to full-text search.

    Returns (hits, resolved_as_citation). A bare number is searched as text.
    """
    from lexkit.errors import Ambiguous
    from lexkit.law.search import search

    if not query.strip():
        raise UsageProblem("the search query is empty", hint="give words or a citation, e.g. 'search without warrant'")
    resolver = CitationResolver(kb)
    act_code = resolver.find_act(act)[0] if act else None
    if act and act_code is None:
        raise UsageProblem(f"unknown Act '{act}'", hint="use a code such as " + ", ".join(sorted(kb.acts)))
    named, _ = resolver.find_act(query)
    if named is not None:
        try:
            section = resolver.resolve(query).section
        except (UsageProblem, Ambiguous):
            section = None
        if section is not None:
            snippet = " ".join(section.text.en.split())[:160]
            return [Hit(section.id, section.title.en, snippet, 0.0)], True
    return search(kb, query, act_code, limit), False
