"""Standard operating procedures, protocols and schemes (sops/) as data.

A step says who does what, in which phase of a case, how binding it is ("shall" is a legal duty,
"should" good practice), on which provisions it rests, and by when: a deadline is either a
statutory time limit held in provisions/ (by rule id) or a rule of the SOP itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lexkit.errors import NotFound
from lexkit.kb.knowledge import KnowledgeBase
from lexkit.kb.models import Source, Text, TimeLimit, sources_of
from lexkit.procedure.conditions import condition_words
from lexkit.procedure.wording import MODALITY_WORDS, PHASES, deadline_phrase

__all__ = ["Entitlement", "Sop", "SopStep", "StepDeadline", "all_sops", "condition_words", "find_sop", "sop_of", "step_deadline"]

@dataclass(frozen=True)
class StepDeadline:
    """By when a step must be done: a statutory rule (by id) or a rule of the SOP itself."""

    rule_id: str
    statutory: bool
    kind: str | None
    amount: int | None
    unit: str | None
    trigger: str | None
    rolls: bool | None
    excludes: tuple[str, ...]
    verification: str | None
    text: str  # "within 24 hours of child_found (JJA-31.production), excluding journey time"


@dataclass(frozen=True)
class SopStep:
    id: str
    phase: str
    actor: Text
    modality: str
    title: Text
    action: Text
    basis: tuple[str, ...]
    deadline: StepDeadline | None
    when: str | None  # the condition in words: "victim_age < 18 and inter_state"
    condition: dict[str, Any] | None
    notes: Text | None
    verification: str | None
    sources: tuple[Source, ...]

    @property
    def modality_words(self) -> str:
        return MODALITY_WORDS.get(self.modality, self.modality)


@dataclass(frozen=True)
class Entitlement:
    """Money or help a victim is entitled to under a scheme."""

    id: str
    kind: str
    scheme: str
    valid_from: str
    valid_to: str | None
    amount_inr: int
    amount_is: str
    conditions: Text
    when: str | None
    basis: tuple[str, ...]
    sources: tuple[Source, ...]
    verification: str | None
    last_verified_on: str | None

    @property
    def amount_text(self) -> str:
        from lexkit.law.wording import rupees

        amount = rupees(self.amount_inr)
        return {"up_to": f"up to {amount}", "at_least": f"at least {amount}"}.get(self.amount_is, amount)


@dataclass(frozen=True)
class Sop:
    id: str
    title: Text
    kind: str
    summary: Text
    issued_by: str | None
    issued_on: str | None
    reference: str | None
    state: str | None
    note: Text | None
    steps: tuple[SopStep, ...]
    entitlements: tuple[Entitlement, ...]
    sources: tuple[Source, ...]
    verification: str
    last_verified_on: str | None
    file: str = ""
    origin: str | None = None  # the overlay folder it comes from; None: the base knowledge base
    override_reason: str | None = None

    def by_phase(self) -> list[tuple[str, tuple[SopStep, ...]]]:
        """Steps grouped by phase, phases in the order of a case, steps in the order of the file."""
        known = [p for p in PHASES if any(s.phase == p for s in self.steps)]
        other = sorted({s.phase for s in self.steps} - set(PHASES))
        return [(p, tuple(s for s in self.steps if s.phase == p)) for p in known + other]


def deadline_text(kind: str, amount: int, unit: str, trigger: str, rule_id: str, excludes: tuple[str, ...]) -> str:
    """A step's deadline in words (see lexkit.procedure.wording.deadline_phrase)."""
    return deadline_phrase(kind, amount, unit, trigger, rule_id, excludes)


def _statutory(rule_id: str, limit: TimeLimit | None) -> StepDeadline:
    if limit is None:
        return StepDeadline(rule_id, True, None, None, None, None, None, (), None,
                            f"{rule_id} (a rule not in the knowledge base)")
    text = deadline_text(limit.kind, limit.amount, limit.unit, limit.trigger, rule_id, limit.excludes)
    return StepDeadline(rule_id, True, limit.kind, limit.amount, limit.unit, limit.trigger, limit.rolls,
                        limit.excludes, limit.provenance.verification, text)


def step_deadline(kb: KnowledgeBase, raw: dict[str, Any]) -> StepDeadline:
    """A step's deadline: a rule id looked up in the provisions, or the SOP's own rule."""
    if "rule" in raw:
        return _statutory(raw["rule"], kb.time_limits.get(raw["rule"]))
    amount, unit = int(raw["period"]["amount"]), raw["period"]["unit"]
    excludes = tuple(raw.get("excludes") or ())
    text = deadline_text(raw["kind"], amount, unit, raw["trigger"], raw["id"], excludes)
    return StepDeadline(raw["id"], False, raw["kind"], amount, unit, raw["trigger"], bool(raw["rolls"]),
                        excludes, raw.get("verification"), text)


def _step(kb: KnowledgeBase, raw: dict[str, Any]) -> SopStep:
    when = raw.get("when")
    return SopStep(
        id=raw["id"],
        phase=raw["phase"],
        actor=Text.of(raw["actor"]),
        modality=raw["modality"],
        title=Text.of(raw["title"]),
        action=Text.of(raw["action"]),
        basis=tuple(raw.get("basis") or ()),
        deadline=step_deadline(kb, raw["deadline"]) if raw.get("deadline") else None,
        when=condition_words(when) if when else None,
        condition=when,
        notes=Text.maybe(raw.get("notes")),
        verification=raw.get("verification"),
        sources=sources_of(raw),
    )


def _entitlement(raw: dict[str, Any]) -> Entitlement:
    when = raw.get("when")
    return Entitlement(
        id=raw["id"],
        kind=raw["kind"],
        scheme=raw["scheme"],
        valid_from=raw["valid_from"],
        valid_to=raw.get("valid_to"),
        amount_inr=int(raw["amount_inr"]),
        amount_is=raw["amount_is"],
        conditions=Text.of(raw["conditions"]),
        when=condition_words(when) if when else None,
        basis=tuple(raw.get("basis") or ()),
        sources=sources_of(raw),
        verification=raw.get("verification"),
        last_verified_on=raw.get("last_verified_on"),
    )


def sop_of(kb: KnowledgeBase, data: dict[str, Any], file: str = "", origin: str | None = None) -> Sop:
    """Build one SOP from its validated document."""
    head = data["sop"]
    return Sop(
        id=head["id"],
        title=Text.of(head["title"]),
        kind=head["kind"],
        summary=Text.of(head["summary"]),
        issued_by=head.get("issued_by"),
        issued_on=head.get("issued_on"),
        reference=head.get("reference"),
        state=head.get("state"),
        note=Text.maybe(head.get("note")),
        steps=tuple(_step(kb, s) for s in data.get("steps") or ()),
        entitlements=tuple(_entitlement(e) for e in data.get("entitlements") or ()),
        sources=sources_of(head),
        verification=head.get("verification", "unverified"),
        last_verified_on=head.get("last_verified_on"),
        file=file,
        origin=origin,
        override_reason=head.get("reason") if head.get("overrides") else None,
    )


def all_sops(kb: KnowledgeBase) -> list[Sop]:
    """Every SOP of the knowledge base, by id."""
    return sorted((sop_of(kb, d.data, d.file, d.origin) for d in kb.docs_of("sop")), key=lambda s: s.id)


def find_sop(kb: KnowledgeBase, sop_id: str) -> Sop:
    """One SOP by id (case does not matter); NotFound suggests the closest ids."""
    wanted = sop_id.strip().lower()
    doc = kb.document("sop", wanted)
    if doc is not None:
        return sop_of(kb, doc.data, doc.file, doc.origin)
    import difflib  # only for a suggestion: a look-up that finds its SOP never loads it

    ids = sorted(d.data["sop"]["id"] for d in kb.docs_of("sop"))
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.4)
    close = close or [i for i in ids if wanted and wanted in i][:3]
    hint = ("did you mean " + " or ".join(close) + "?") if close else (
        "SOPs held: " + ", ".join(ids) if ids else "the knowledge base holds no SOP"
    )
    raise NotFound(f"no SOP '{sop_id}' in the knowledge base", hint=hint)
