"""Render SOPs as JSON-ready dicts, plain text and Markdown (CommonMark): a document to read or train from."""

from __future__ import annotations

from typing import Any

from lexkit.procedure.sops import Entitlement, Sop, SopStep, StepDeadline
from lexkit.render.judgement import Page, sources_section
from lexkit.render.markdown import md_escape, origin_tag, source_dicts
from lexkit.render.safe import terminal_safe


def _deadline_dict(d: StepDeadline) -> dict[str, Any]:
    return {
        "rule": d.rule_id,
        "statutory": d.statutory,
        "kind": d.kind,
        "period": None if d.amount is None else {"amount": d.amount, "unit": d.unit},
        "trigger": d.trigger,
        "rolls": d.rolls,
        "excludes": list(d.excludes),
        "verification": d.verification,
        "text": d.text,
    }


def step_dict(s: SopStep, lang: str = "en") -> dict[str, Any]:
    return {
        "id": s.id,
        "phase": s.phase,
        "actor": s.actor.get(lang),
        "modality": s.modality,
        "modality_words": s.modality_words,
        "title": s.title.get(lang),
        "action": s.action.get(lang),
        "basis": list(s.basis),
        "deadline": _deadline_dict(s.deadline) if s.deadline else None,
        "when": s.when,
        "condition": s.condition,
        "notes": s.notes.get(lang) if s.notes else None,
        "verification": s.verification,
        "sources": source_dicts(s.sources),
    }


def entitlement_dict(e: Entitlement, lang: str = "en") -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind,
        "scheme": e.scheme,
        "valid_from": e.valid_from,
        "valid_to": e.valid_to,
        "amount_inr": e.amount_inr,
        "amount_is": e.amount_is,
        "amount_text": e.amount_text,
        "conditions": e.conditions.get(lang),
        "when": e.when,
        "basis": list(e.basis),
        "sources": source_dicts(e.sources),
        "verification": e.verification,
        "last_verified_on": e.last_verified_on,
    }


def sop_dict(sop: Sop, lang: str = "en") -> dict[str, Any]:
    return {
        "id": sop.id,
        "title": sop.title.get(lang),
        "kind": sop.kind,
        "issued_by": sop.issued_by,
        "issued_on": sop.issued_on,
        "reference": sop.reference,
        "state": sop.state,
        "summary": sop.summary.get(lang),
        "note": sop.note.get(lang) if sop.note else None,
        "phases": [{"phase": p, "steps": [s.id for s in steps]} for p, steps in sop.by_phase()],
        "steps": [step_dict(s, lang) for s in sop.steps],
        "entitlements": [entitlement_dict(e, lang) for e in sop.entitlements],
        "sources": source_dicts(sop.sources),
        "origin": sop.origin,
        "override_reason": sop.override_reason,
        "verification": sop.verification,
        "last_verified_on": sop.last_verified_on,
        "file": sop.file,
    }


def _step(page: Page, number: int, s: SopStep, lang: str) -> None:
    page.heading(f"{s.title.get(lang)} ({s.id})", level=3, number=number)
    page.field("Modality", s.modality_words, indent=2)
    page.field("Actor", s.actor.get(lang), indent=2)
    page.field("Action", s.action.get(lang), indent=2)
    if s.basis:
        page.field("Legal basis", ", ".join(s.basis), indent=2)
    if s.deadline:
        page.field("Deadline", s.deadline.text, indent=2)
    if s.when:
        page.field("When", s.when, indent=2)
    if s.notes:
        page.field("Notes", s.notes.get(lang), indent=2)
    page.field("Verification", s.verification or "unverified", indent=2)


def _entitlement(page: Page, e: Entitlement, lang: str) -> None:
    until = f" to {e.valid_to}" if e.valid_to else ""
    page.heading(f"{e.kind.replace('_', ' ').capitalize()}: {e.amount_text} ({e.id})", level=3)
    page.field("Scheme", e.scheme, indent=2)
    page.field("Valid", f"from {e.valid_from}{until}", indent=2)
    page.field("Conditions", e.conditions.get(lang), indent=2)
    if e.when:
        page.field("When", e.when, indent=2)
    if e.basis:
        page.field("Legal basis", ", ".join(e.basis), indent=2)
    page.field("Verification", e.verification or "unverified", indent=2)


def sop_text(sop: Sop, lang: str = "en", markdown: bool = False) -> str:
    """An SOP as a document: who issued it, then its steps phase by phase, entitlements and sources."""
    page = Page(markdown)
    page.title(sop.title.get(lang))
    page.blank()
    page.field("Id", sop.id)
    page.field("Kind", sop.kind)
    page.field("Issued by", sop.issued_by or "not recorded")
    page.field("Issued on", sop.issued_on or "not recorded")
    if sop.reference:
        page.field("Reference", sop.reference)
    if sop.state:
        page.field("State", sop.state)
    page.heading("Summary")
    page.para(sop.summary.get(lang))
    if sop.note:
        page.para(f"Note: {sop.note.get(lang)}")
    number = 0
    for phase, steps in sop.by_phase():
        page.heading(f"Phase: {phase}")
        for step in steps:
            number += 1
            _step(page, number, step, lang)
    if sop.entitlements:
        page.heading("Entitlements")
        for e in sop.entitlements:
            _entitlement(page, e, lang)
    sources_section(page, sop.sources, sop.verification, sop.last_verified_on, sop.origin, sop.override_reason)
    return page.text()


def list_dicts(sops: list[Sop], lang: str = "en") -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "title": s.title.get(lang),
            "kind": s.kind,
            "issued_by": s.issued_by,
            "issued_on": s.issued_on,
            "reference": s.reference,
            "state": s.state,
            "steps": len(s.steps),
            "entitlements": len(s.entitlements),
            "verification": s.verification,
            "file": s.file,
            "origin": s.origin,
        }
        for s in sops
    ]


def _counts(s: Sop) -> str:
    parts = [f"{len(s.steps)} step" + ("" if len(s.steps) == 1 else "s")] if s.steps or not s.entitlements else []
    if s.entitlements:
        parts.append(f"{len(s.entitlements)} entitlement" + ("" if len(s.entitlements) == 1 else "s"))
    return ", ".join(parts)


def list_text(sops: list[Sop], lang: str = "en", markdown: bool = False) -> str:
    """One line an SOP: id, kind, date, title, how many steps."""
    if not sops:
        return ""
    if markdown:
        return "\n".join(
            f"- **{md_escape(s.id)}** ({md_escape(s.kind)}, {md_escape(s.issued_on or 'undated')}): "
            f"{md_escape(s.title.get(lang))}; {_counts(s)}{origin_tag(s.origin, md_escape)}"
            for s in sops
        ) + "\n"
    width = max(len(s.id) for s in sops)
    return terminal_safe("\n".join(
        f"{s.id:<{width}}  {s.kind:<9}  {s.issued_on or 'undated':<10}  {s.title.get(lang)} ({_counts(s)}){origin_tag(s.origin)}" for s in sops
    ) + "\n")
