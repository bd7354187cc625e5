"""Provision look-ups: show one provision, map old<->new codes, say which applies on a date."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from lexkit.errors import UsageProblem
from lexkit.kb.knowledge import KnowledgeBase
from lexkit.kb.models import Act, CorrespondenceRow, Section, SectionVersion, Source, TimeLimit
from lexkit.law.citations import Citation, CitationResolver
from lexkit.law.search import Hit

#: Where the savings clauses of the new codes keep the old ones alive for older matters.
_SAVINGS = {
    "penal_code": "BNS s.358(2) saves liability incurred under the IPC before its repeal",
    "procedure_code": (
        "for procedure what matters is when the proceeding began: BNSS s.531(2)(a) keeps an "
        "investigation, inquiry, trial or appeal pending on 1 July 2024 under the CrPC"
    ),
}


class Link(NamedTuple):
    """A predecessor or successor of a provision, with what changed."""

    id: str | None
    relation: str
    changes: str
    title: str | None
    sources: tuple[Source, ...]
    verification: str
    #: The overlay folder the correspondence row comes from (else the linked section's): None for the base.
    origin: str | None = None

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
            origin=row.origin or (section.origin if section else None),
        )


class Applicable(NamedTuple):
    """Which provision applies to an offence committed on a date, and why."""

    offence_date: str
    id: str | None
    ids: tuple[str, ...]
    reason: str


class ProvisionReport(NamedTuple):
    """Everything `provision show` prints about one provision."""

    query: str
    section: Section
    act: Act
    pinpoint: str
    predecessors: tuple[Link, ...]
    successors: tuple[Link, ...]
    time_limits: tuple[TimeLimit, ...]
    cited_by: tuple[tuple[str, str, str, str | None], ...]  # (kind, id, title, origin): judgements and SOP steps
    applicable: Applicable | None
    warnings: tuple[str, ...] = ()
    #: The earlier form shown because the offence date falls in it (``section`` then holds that form).
    version: SectionVersion | None = None


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
            return _earlier_form(act, section, iso)
        if section.in_force_to and iso > section.in_force_to:
            return Applicable(
                iso, None, (),
                f"{section.id} was in force until {section.in_force_to} (then omitted or repealed: see its note); "
                f"on {iso} it was no longer in force, though {act.code} was",
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


def _earlier_form(act: Act, section: Section, iso: str) -> Applicable:
    """An offence before the present form of a section: the form in force then, if held, and why."""
    version = section.version_on(iso)
    since = f"{section.id} in its present form is in force from {section.in_force_from}"
    if version is None:
        return Applicable(iso, None, (), f"{since}; an offence on {iso} falls under the text in force before it (not held here)")
    period = f"from {version.in_force_from or act.in_force_from} to {version.in_force_to}"
    if version.text is None:  # the section did not exist then
        return Applicable(iso, None, (), f"{since}; on {iso} there was no {section.id} ({period}: {version.changes.en})")
    return Applicable(
        iso, section.id, (section.id,),
        f"{since}; an offence on {iso} falls under the form in force {period}, shown here; "
        f"{version.changed_by} changed it: {version.changes.en}",
    )


def as_on(section: Section, day: dt.date | None) -> tuple[Section, SectionVersion | None]:
    """The section as it read on ``day``: its earlier form when one is held for that day."""
    version = section.version_on(day.isoformat()) if day else None
    if version is None or version.text is None:
        return section, version if version is not None and version.text is None else None
    return section._replace(
        title=version.title or section.title,
        text=version.text,
        text_kind=version.text_kind or section.text_kind,
        # The present punishments never stand in for an earlier form's: none held, none shown.
        punishments=version.punishments or (),
        classification=version.classification or (),
        subsections=(),
        in_force_from=version.in_force_from,
        in_force_to=version.in_force_to,
        provenance=version.provenance,
    ), version


def show(kb: KnowledgeBase, query: str, offence_date: dt.date | None = None) -> ProvisionReport:
    """The first provision a citation names, with what a prosecutor needs about it (see show_all)."""
    return _report(kb, CitationResolver(kb).resolve(query), query, offence_date)


def show_all(kb: KnowledgeBase, query: str, offence_date: dt.date | None = None) -> list[ProvisionReport]:
    """Every provision a charge names, in its order, each in the form in force on the offence date."""
    return [_report(kb, citation, query, offence_date) for citation in CitationResolver(kb).resolve_all(query)]


def _report(kb: KnowledgeBase, citation: Citation, query: str, offence_date: dt.date | None) -> ProvisionReport:
    preds, succs = links(kb, citation.section)
    section, version = as_on(citation.section, offence_date)
    return ProvisionReport(
        query=query,
        section=section,
        act=kb.acts[section.act],
        pinpoint=citation.pinpoint_ref,
        predecessors=preds,
        successors=succs,
        time_limits=section.time_limits,
        cited_by=tuple(kb.cited_by(section.id)),
        applicable=applicable_on(kb, citation.section, offence_date, citation.pinpoint) if offence_date else None,
        warnings=citation.warnings,
        version=version,
    )


class MapReport(NamedTuple):
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
        Link.of(kb, None, r) for r in kb.predecessors(section.id) if r.from_ref is None
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
