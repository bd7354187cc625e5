"""Render SOPs as JSON-ready dicts, plain text and Markdown (CommonMark): a document to read or train from."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lexkit.kb.models import Text
from lexkit.procedure.sops import Entitlement, Sop, SopStep, StepDeadline
from lexkit.render.judgement import Page, sources_section
from lexkit.render.markdown import md_escape, source_dicts
from lexkit.render.safe import terminal_safe

if TYPE_CHECKING:  # Hindi only: a warm English look-up loads no YAML (tests/test_startup.py)
    from lexkit.training.words import Words


def header(english: str, lang: str) -> str:
    from lexkit.training.words import header as catalogue_header

    return catalogue_header(english, lang)


def load_catalogue() -> Any:
    from lexkit.training.words import load_catalogue as load

    return load()


def _new_words(lang: str) -> Words:
    from lexkit.training.words import Words

    return Words(lang)


def _w(english: str, lang: str) -> str:
    """A field name or fixed word of the SOP page, in ``lang`` (lexkit's Hindi catalogue)."""
    if lang == "en":
        return english
    return str(load_catalogue().section("sop_fields").get(english, english))


def _namer(lang: str) -> Callable[[str], str]:
    return lambda english: _w(english, lang)


def _step_deadline(d: StepDeadline, lang: str, words: Words | None) -> str:
    if lang == "en" or None in (d.kind, d.amount, d.unit, d.trigger):
        return d.text if lang == "en" else (words or _new_words(lang)).own(d.text)
    assert d.kind and d.amount is not None and d.unit and d.trigger
    return (words or _new_words(lang)).deadline(d.kind, d.amount, d.unit, d.trigger, d.rule_id, d.excludes)


def _condition(s: SopStep, lang: str, words: Words | None) -> str:
    if lang == "en" or not s.condition:
        return s.when or ""
    return (words or _new_words(lang)).condition(dict(s.condition)) or s.when or ""


def _text(value: Text | None, lang: str, words: Words | None) -> str:
    """What lexkit wrote in the SOP record, in ``lang``; English counted as a fallback when untranslated."""
    if value is None:
        return ""
    if lang == "en":
        return value.en
    return (words or _new_words(lang)).text(value)


def sop_gaps(sop: Sop, lang: str) -> list[str]:
    """What lexkit wrote in this SOP that ``sop show --lang`` prints in English: empty when all is translated."""
    if lang == "en":
        return []
    words = _new_words(lang)
    sop_text(sop, lang, words=words)
    return list(words.untranslated)


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


def _step(page: Page, number: int, s: SopStep, lang: str, words: Words | None = None) -> None:
    w = _namer(lang)
    page.heading(f"{_text(s.title, lang, words)} ({s.id})", level=3, number=number)
    modality = s.modality_words if lang == "en" else str(load_catalogue().section("duty").get(s.modality, s.modality))
    page.field(w("Modality"), modality, indent=2)
    page.field(w("Actor"), _text(s.actor, lang, words), indent=2)
    page.field(w("Action"), _text(s.action, lang, words), indent=2)
    if s.basis:
        page.field(w("Legal basis"), ", ".join(s.basis), indent=2)
    if s.deadline:
        page.field(w("Deadline"), _step_deadline(s.deadline, lang, words), indent=2)
    if s.when:
        page.field(w("When"), _condition(s, lang, words), indent=2)
    if s.notes:
        page.field(w("Notes"), _text(s.notes, lang, words), indent=2)
    page.field(w("Verification"), _verification(s.verification or "unverified", lang), indent=2)


def _verification(v: str, lang: str) -> str:
    return v if lang == "en" else header(v, lang)


def _entitlement(page: Page, e: Entitlement, lang: str, words: Words | None = None) -> None:
    w = _namer(lang)
    until = f" {w('to')} {e.valid_to}" if e.valid_to else ""
    if lang == "en":
        page.heading(f"{e.kind.replace('_', ' ').capitalize()}: {e.amount_text} ({e.id})", level=3)
    else:
        kind = str(load_catalogue().section("entitlement_kinds").get(e.kind, e.kind.replace('_', ' ')))
        page.heading(f"{kind}: {_new_words(lang).amount(e.amount_inr, e.amount_is, e.amount_text)} ({e.id})", level=3)
    page.field(w("Scheme"), e.scheme, indent=2)
    page.field(w("Valid"), f"{w('from')} {e.valid_from}{until}" if lang == "en" else f"{e.valid_from} {w('from')}{until}",
               indent=2)
    page.field(w("Conditions"), _text(e.conditions, lang, words), indent=2)
    if e.when:
        page.field(w("When"), e.when, indent=2)
    if e.basis:
        page.field(w("Legal basis"), ", ".join(e.basis), indent=2)
    page.field(w("Verification"), _verification(e.verification or "unverified", lang), indent=2)


def sop_text(sop: Sop, lang: str = "en", markdown: bool = False, words: Words | None = None) -> str:
    """An SOP as a document: who issued it, then its steps phase by phase, entitlements and sources."""
    w = _namer(lang)
    page = Page(markdown)
    page.title(_text(sop.title, lang, words))
    page.blank()
    page.field(w("Id"), sop.id)
    page.field(w("Kind"), sop.kind)
    page.field(w("Issued by"), sop.issued_by or w("not recorded"))
    page.field(w("Issued on"), sop.issued_on or w("not recorded"))
    if sop.reference:
        page.field(w("Reference"), sop.reference)
    if sop.state:
        page.field(w("State"), sop.state)
    if lang != "en":
        page.para(w("translated"))
    page.heading(w("Summary"))
    page.para(_text(sop.summary, lang, words))
    if sop.note:
        page.para(f"{w('Note')}: {_text(sop.note, lang, words)}")
    number = 0
    for phase, steps in sop.by_phase():
        shown = phase if lang == "en" else str(load_catalogue().section("phases").get(phase, phase))
        page.heading(f"{w('Phase')}: {shown}")
        for step in steps:
            number += 1
            _step(page, number, step, lang, words)
    if sop.entitlements:
        page.heading(w("Entitlements"))
        for e in sop.entitlements:
            _entitlement(page, e, lang, words)
    if lang == "en":
        sources_section(page, sop.sources, sop.verification, sop.last_verified_on, sop.origin, sop.override_reason)
    else:
        _sources_hi(page, sop, lang)
    return page.text()


def _sources_hi(page: Page, sop: Sop, lang: str) -> None:
    from lexkit.render.judgement import source_line
    from lexkit.render.markdown import origin_line

    w = _namer(lang)
    page.heading(w("Sources"))
    for src in sop.sources:
        page.item(source_line(src))
    page.item(f"{w('verification')}: {_verification(sop.verification or 'unverified', lang)}; "
              f"{w('last verified on')}: {sop.last_verified_on or w('not recorded')}")
    overlay = origin_line(sop.origin, sop.override_reason)
    if overlay:
        page.item(overlay)


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
        }
        for s in sops
    ]


def _counts(s: Sop, lang: str = "en") -> str:
    if lang != "en":
        parts = [f"{len(s.steps)} {_w('steps', lang)}"] if s.steps or not s.entitlements else []
        if s.entitlements:
            parts.append(f"{len(s.entitlements)} {_w('entitlements', lang)}")
        return ", ".join(parts)
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
            f"- **{md_escape(s.id)}** ({md_escape(s.kind)}, {md_escape(s.issued_on or _w('undated', lang))}): "
            f"{md_escape(s.title.get(lang))}; {_counts(s, lang)}"
            for s in sops
        ) + "\n"
    width = max(len(s.id) for s in sops)
    return terminal_safe("\n".join(
        f"{s.id:<{width}}  {s.kind:<9}  {s.issued_on or _w('undated', lang):<10}  {s.title.get(lang)} ({_counts(s, lang)})"
        for s in sops
    ) + "\n")
