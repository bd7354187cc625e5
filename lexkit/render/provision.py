"""Render provision look-ups as JSON-ready dicts, plain text and Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lexkit.kb.models import Classification, TimeLimit
from lexkit.law.provisions import Link, MapReport, ProvisionReport
from lexkit.law.search import Hit
from lexkit.law.wording import punishment_text
from lexkit.render.markdown import md_paragraphs, md_text, origin_line, origin_tag, source_dicts
from lexkit.render.safe import terminal_safe


def classification_text(c: Classification) -> str:
    where = f"{c.applies_to}: " if c.applies_to else ""
    return (
        f"{where}{c.status_text()}, " + (f"triable by {c.triable_by}" if c.triable_by else "court (see basis)")
        + ("" if c.compoundable is None else (", compoundable" if c.compoundable else ", not compoundable"))
        + f" [{c.basis}; {c.verification}]"  # the verification mark of the row, not only in JSON
    )


def time_limit_dict(t: TimeLimit) -> dict[str, Any]:
    return {
        "id": t.id,
        "provision": t.section_id,
        "pinpoint": t.pinpoint,
        "what": t.what.en,
        "actor": t.actor.en if t.actor else None,
        "trigger": t.trigger,
        "period": {"amount": t.amount, "unit": t.unit, "text": t.period_text},
        "kind": t.kind,
        "excludes": list(t.excludes),
        "rolls": t.rolls,
        "sources": source_dicts(t.provenance.sources),
        "verification": t.provenance.verification,
        "last_verified_on": t.provenance.last_verified_on,
    }


def _relevant_classification(report: ProvisionReport) -> list[Classification]:
    """Rows of the First Schedule that fit the pinpoint (all rows when none fits)."""
    rows = list(report.section.classification)
    pin = report.pinpoint[len(report.section.id):]
    if pin:
        label = report.section.number + pin
        fitting = [c for c in rows if c.applies_to and c.applies_to.split(":")[0].strip().startswith(label)]
        if fitting:
            return fitting
    return rows


def _uniform(values: list[Any]) -> Any:
    return values[0] if values and all(v == values[0] for v in values) else None


def _link_dict(link: Link) -> dict[str, Any]:
    return {
        "id": link.id,
        "title": link.title,
        "relation": link.relation,
        "changes": link.changes,
        "sources": source_dicts(link.sources),
        "verification": link.verification,
        "origin": link.origin,
    }


def show_dict(report: ProvisionReport) -> dict[str, Any]:
    s, act = report.section, report.act
    classes = _relevant_classification(report)
    out: dict[str, Any] = {
        "id": s.id,
        "act": act.code,
        "act_title": act.title.en,
        "section": s.number,
        "pinpoint": report.pinpoint,
        "title": s.title.en,
        "text": s.text.en,
        "text_kind": s.text_kind,
        "in_force_from": s.in_force_from or act.in_force_from,
        "in_force_to": s.in_force_to or act.in_force_to,
        "punishments": [
            {
                "applies_to": p.applies_to.en,
                "min_years": p.min_years,
                "max_years": p.max_years,
                "life": p.life,
                "life_meaning": p.life_meaning,
                "imprisonment": p.imprisonment,
                "fine": p.fine,
                "fine_min_inr": p.fine_min_inr,
                "fine_max_inr": p.fine_max_inr,
                "death": p.death,
                "term_unit": p.term_unit,
                "min_term": p.min_term,
                "max_term": p.max_term,
                "fine_multiple": ({"factor": p.fine_multiple[0], "of": p.fine_multiple[1]}
                                  if p.fine_multiple else None),
                "fine_to_victim": p.fine_to_victim,
                "forfeiture": p.forfeiture,
                "community_service": p.community_service,
                "conviction": p.conviction,
                "relation": p.relation,
                "relative_to": p.relative_to,
                "fraction": p.fraction,
                "factor": p.factor,
                "note": p.note.en if p.note else None,
                "summary": punishment_text(p),
            }
            for p in s.punishments
        ],
        "cognizable": _uniform([c.cognizable for c in classes]),
        "bailable": _uniform([c.bailable for c in classes]),
        "triable_by": _uniform([c.triable_by for c in classes]),
        "classification": [
            {
                "applies_to": c.applies_to,
                "cognizable": c.cognizable,
                "bailable": c.bailable,
                "triable_by": c.triable_by,
                "compoundable": c.compoundable,
                "basis": c.basis,
                "verification": c.verification,
            }
            for c in classes
        ],
        "subsections": [{"label": x.label, "summary": x.summary.en} for x in s.subsections],
        "predecessors": [_link_dict(x) for x in report.predecessors],
        "successors": [_link_dict(x) for x in report.successors],
        "time_limits": [time_limit_dict(t) for t in report.time_limits],
        "cross_references": list(s.cross_references),
        "cited_by": [{"kind": k, "id": i, "title": t, "origin": o} for k, i, t, o in report.cited_by],
        "tags": list(s.tags),
        "amended_by": list(s.amended_by),
        "note": s.note.en if s.note else None,
        "sources": source_dicts(s.provenance.sources),
        "version": None if report.version is None else {
            "in_force_from": report.version.in_force_from, "in_force_to": report.version.in_force_to,
            "changed_by": report.version.changed_by, "changes": report.version.changes.en,
            "exists": report.version.text is not None,
            "sources": source_dicts(report.version.provenance.sources),
            "verification": report.version.provenance.verification,
        },
        "origin": s.origin,
        "override_reason": s.override_reason,
        "verification": s.provenance.verification,
        "last_verified_on": s.provenance.last_verified_on,
    }
    if report.applicable is not None:
        a = report.applicable
        out["applicable"] = {"offence_date": a.offence_date, "id": a.id, "ids": list(a.ids), "reason": a.reason}
    return out


def _flat(value: str | None) -> str:
    """A knowledge-base string for terminal text: no escape sequence or control character."""
    return terminal_safe(value or "")


def _lines_for_links(title: str, items: tuple[Link, ...], e: Callable[[str | None], str] = _flat) -> list[str]:
    if not items:
        return []
    out = [f"{title}:"]
    for link in items:
        name = f" ({e(link.title)})" if link.title else ""
        out.append(f"  {e(link.id) or '(none)'}{name}: {e(link.relation)}; {e(link.changes)} [{e(link.verification)}]"
                   + origin_tag(link.origin, e))
    return out


def show_text(report: ProvisionReport, markdown: bool = False) -> str:
    """The look-up as a prosecutor reads it: plain text, or Markdown with the same content.

    Every knowledge-base string goes through ``e``: the Markdown escaper for Markdown, and the
    terminal-safe filter for text, so neither a tag nor an escape sequence survives.
    """
    d = show_dict(report)
    s, act = report.section, report.act
    e = md_text if markdown else _flat

    def h(title: str) -> str:
        return f"\n## {title}\n" if markdown else f"\n{title}\n" + "-" * len(title)

    bullet = "- " if markdown else "  "
    pin = f" (pinpoint {e(report.pinpoint)})" if report.pinpoint != s.id else ""
    head = f"{e(s.id)}{pin}: {e(s.title.en)}"
    lines = [f"# {head}" if markdown else head, f"{e(act.title.en)} ({e(act.number)}), {e(act.unit)} {e(s.number)}"]
    earlier = report.version is not None and report.version.text is not None
    lines.append(
        f"In force: {e(d['in_force_from'])} to {e(d['in_force_to']) or 'date'}"
        + ((" [then amended]" if earlier else " [repealed]") if d["in_force_to"] else "")
    )
    if report.applicable:
        a = report.applicable
        lines.append(h(f"Applicable to an offence on {e(str(a.offence_date))}"))
        lines.append(f"{bullet}{e(', '.join(a.ids)) if a.ids else 'none'}: {e(a.reason)}")
    if report.version is not None and report.version.text is None:
        on = report.applicable.offence_date if report.applicable else "that date"
        lines.append(h("Not yet in force on the offence date"))
        lines.append(f"{bullet}the text below came into force on {e(s.in_force_from)}; on {e(str(on))} "
                     f"there was no such section ({e(report.version.changes.en)})")
    if report.version is not None and report.version.text is not None:
        v = report.version
        lines.append(h("This is the earlier form"))
        lines.append(f"{bullet}in force from {e(v.in_force_from or act.in_force_from)} to {e(v.in_force_to)}; "
                     f"{e(v.changed_by)} changed it: {e(v.changes.en)} [{e(v.provenance.verification)}]")
    kind = {"statutory": "statutory text", "excerpt": "statutory text (extract)", "summary": "summary in our own words, not the statutory text"}[s.text_kind]
    lines.append(h(f"Text ({kind})"))
    lines.append(md_paragraphs(s.text.en) if markdown else terminal_safe(s.text.en.rstrip()))
    if s.subsections:
        lines.append(h("Sub-provisions"))
        lines += [f"{bullet}{e(x.label)}: {e(x.summary.en)}" for x in s.subsections]
    if s.punishments:
        lines.append(h("Punishment"))
        lines += [f"{bullet}{e(p.applies_to.en)}: {e(punishment_text(p))}" for p in s.punishments]
    if d["classification"]:
        lines.append(h("Classification"))
        lines += [f"{bullet}{e(classification_text(c))}" for c in _relevant_classification(report)]
    if report.predecessors or report.successors:
        lines.append(h("Old and new codes"))
        lines += [bullet + x for x in _lines_for_links("Replaced", report.predecessors, e)]
        lines += [bullet + x for x in _lines_for_links("Replaced by", report.successors, e)]
    if report.time_limits:
        lines.append(h("Time limits"))
        for t in report.time_limits:
            excl = " (excluding journey time)" if "journey_time" in t.excludes else ""
            roll = "rolls to the next open day (GCA s.10)" if t.rolls else "does not roll"
            lines.append(f"{bullet}{e(t.id)}: {e(t.what.en)}: {e(t.kind)} {e(t.period_text)}{excl} from {e(t.trigger)}; "
                         f"{roll} [{e(t.provenance.verification)}]")
    if s.cross_references:
        lines.append(h("See also"))
        lines.append(bullet + e(", ".join(s.cross_references)))
    if report.cited_by:
        lines.append(h("Relied on by"))
        lines += [f"{bullet}{e(k)} {e(i)}: {e(t)}{origin_tag(o, e)}" for k, i, t, o in report.cited_by]
    if s.note:
        lines.append(h("Note"))
        lines.append(md_paragraphs(s.note.en) if markdown else terminal_safe(s.note.en))
    lines.append(h("Sources"))
    lines += [f"{bullet}{e(src.label())} ({e(src.kind)})" + (f": {e(src.note)}" if src.note else "") for src in s.provenance.sources]
    lines.append(f"{bullet}verification: {e(s.provenance.verification)}; last verified on {e(s.provenance.last_verified_on)}")
    overlay = origin_line(s.origin, s.override_reason)
    if overlay:
        lines.append(f"{bullet}{e(overlay)}")
    return "\n".join(lines).strip() + "\n"


def map_dict(report: MapReport) -> dict[str, Any]:
    s = report.section
    return {
        "from": {"id": s.id, "act": s.act, "title": s.title.en, "in_force_from": report.act.in_force_from,
                 "in_force_to": report.act.in_force_to, "origin": s.origin},
        "direction": report.direction,
        "to": [_link_dict(x) for x in report.to],
    }


def map_text(report: MapReport) -> str:
    s = report.section
    arrow = {"old->new": "replaced by", "new->old": "replaces", "none": "has no correspondence"}[report.direction]
    lines = [f"{s.id} ({s.title.en}) {arrow}" + (":" if report.to else " in the knowledge base") + origin_tag(s.origin, str)]
    for link in report.to:
        lines.append(f"  {link.id or '(nothing: a new provision)'}" + (f" ({link.title})" if link.title else ""))
        lines.append(f"    relation: {link.relation}")
        lines.append(f"    changes: {link.changes}")
        lines.append(f"    sources: {'; '.join(x.label() for x in link.sources)} [{link.verification}]")
        if link.origin:
            lines.append(f"    {origin_line(link.origin)}")
    return terminal_safe("\n".join(lines) + "\n")


def hits_dicts(hits: list[Hit]) -> list[dict[str, Any]]:
    return [{"id": h.id, "title": h.title, "snippet": h.snippet, "score": h.score, "origin": h.origin} for h in hits]


def hits_text(hits: list[Hit]) -> str:
    if not hits:
        return ""
    width = max(len(h.id) for h in hits)
    def overlay(h: Hit) -> str:
        return f" [{origin_line(h.origin)}]" if h.origin else ""

    return terminal_safe("\n".join(f"{h.id:<{width}}  {h.title}{overlay(h)}\n{'':<{width}}  {h.snippet}" for h in hits) + "\n")
