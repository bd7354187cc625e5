"""The rows of a handout or card: each a frozen record of what one item of the knowledge base
says, with its verification marker and sources, and the helpers that put the law into them.

Rows hold text already in the reader's language; the language is chosen by ``words.Words``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lexkit.kb.knowledge import KnowledgeBase, split_ref
from lexkit.kb.models import Classification, Provenance, Punishment, Source, TimeLimit
from lexkit.law.wording import punishment_text
from lexkit.procedure.sops import Entitlement, SopStep, condition_words
from lexkit.procedure.wording import deadline_phrase

_RANK = {"unverified": 0, "secondary": 1, "primary": 2}

#: How binding a step is, in the words of a handout.
DUTY_WORDS = {"shall": "must", "shall_not": "must not", "should": "should (good practice)", "may": "may"}

ENTITLEMENT_KINDS = {
    "immediate_assistance": "Immediate assistance",
    "rehabilitation_assistance": "Rehabilitation assistance",
    "annuity_minimum": "Minimum deposited in an annuity",
    "cash_transfer": "Cash transfer",
    "compensation": "Compensation",
    "rehabilitation_fund_credit": "Credit to the rehabilitation fund",
}

#: ISO 3166-2:IN codes used by state-specific SOP steps.
STATES = {
    "IN-AN": "Andaman and Nicobar Islands", "IN-AP": "Andhra Pradesh", "IN-AR": "Arunachal Pradesh",
    "IN-AS": "Assam", "IN-BR": "Bihar", "IN-CH": "Chandigarh", "IN-CT": "Chhattisgarh", "IN-CG": "Chhattisgarh",
    "IN-DH": "Dadra and Nagar Haveli and Daman and Diu", "IN-DL": "Delhi", "IN-GA": "Goa", "IN-GJ": "Gujarat",
    "IN-HR": "Haryana", "IN-HP": "Himachal Pradesh", "IN-JK": "Jammu and Kashmir", "IN-JH": "Jharkhand",
    "IN-KA": "Karnataka", "IN-KL": "Kerala", "IN-LA": "Ladakh", "IN-LD": "Lakshadweep", "IN-MP": "Madhya Pradesh",
    "IN-MH": "Maharashtra", "IN-MN": "Manipur", "IN-ML": "Meghalaya", "IN-MZ": "Mizoram", "IN-NL": "Nagaland",
    "IN-OR": "Odisha", "IN-OD": "Odisha", "IN-PY": "Puducherry", "IN-PB": "Punjab", "IN-RJ": "Rajasthan",
    "IN-SK": "Sikkim", "IN-TN": "Tamil Nadu", "IN-TG": "Telangana", "IN-TS": "Telangana", "IN-TR": "Tripura",
    "IN-UP": "Uttar Pradesh", "IN-UT": "Uttarakhand", "IN-UK": "Uttarakhand", "IN-WB": "West Bengal",
}


@dataclass(frozen=True)
class Check:
    """Where a row comes from and how far it has been verified."""

    verification: str  # primary | secondary | unverified
    sources: tuple[Source, ...]

    @property
    def unverified(self) -> bool:
        return self.verification not in ("primary", "secondary")


@dataclass(frozen=True)
class ProvisionRow:
    id: str
    old: tuple[str, ...]  # the old-code provisions it replaced, cited ("IPC s.370")
    relation: str | None  # same | modified | merged | split | new | None (no old-code counterpart)
    new: str  # the provision in force, cited ("BNS s.143")
    title: str
    punishment: tuple[str, ...]
    classification: tuple[str, ...]
    check: Check


@dataclass(frozen=True)
class CorrespondenceView:
    id: str
    old: str | None
    new: str | None
    relation: str
    changes: str
    check: Check


@dataclass(frozen=True)
class ActRow:
    id: str
    title: str
    in_force_from: str
    in_force_to: str | None
    replaces: str | None
    repealed_by: str | None
    check: Check


@dataclass(frozen=True)
class StepRow:
    id: str  # sop/step
    phase: str
    actor: str
    duty: str
    text: str
    deadline: str | None
    basis: tuple[str, ...]
    condition: str | None
    check: Check


@dataclass(frozen=True)
class TimeLimitRow:
    id: str
    when: str  # "within 24 hours of the child being found (JJA-31.production; excluding journey time)"
    what: str
    who: str
    kind: str
    check: Check


@dataclass(frozen=True)
class DoDontRow:
    id: str
    kind: str  # do | dont
    text: str
    duty: str
    basis: tuple[str, ...]
    condition: str | None
    check: Check


@dataclass(frozen=True)
class JudgementRow:
    id: str
    label: str
    court: str
    decided_on: str
    citation: str | None
    citation_unverified: bool
    holding: str
    significance: str
    check: Check


@dataclass(frozen=True)
class EntitlementRow:
    id: str
    what: str
    amount: str | None
    conditions: str | None
    basis: str
    in_force: str | None
    check: Check


@dataclass(frozen=True)
class TellRow:
    id: str
    text: str
    basis: str
    check: Check


Row = (
    ProvisionRow | CorrespondenceView | ActRow | StepRow | TimeLimitRow | DoDontRow | JudgementRow
    | EntitlementRow | TellRow
)


@dataclass(frozen=True)
class HandoutSection:
    kind: str  # one of SECTION_KINDS, or of card.CARD_SECTIONS
    rows: tuple[Row, ...]
    intro: str | None = None
    more: int = 0  # rows left out of a card for space (the full handout has them)


@dataclass(frozen=True)
class Handout:
    """A trainer's handout: structured sections, never pre-rendered text."""

    topic: str
    title: str
    audience: str
    audience_label: str
    lang: str
    on_date: str  # the date for which entitlements are shown
    sections: tuple[HandoutSection, ...]
    notes: tuple[str, ...]
    missing: tuple[str, ...]  # ids the topic names that the knowledge base does not hold
    fallbacks: int  # strings shown in English in a Hindi handout
    kb_version: str
    kb_date: str
    disclaimer: str
    length: str = "full"  # full (the booklet) | card (the pocket card)
    law_as_held: int = 0  # statutory strings shown in the language the knowledge base holds them in
    translation: str | None = None  # who translated the Hindi shown, and its weakest verification
    overlays: tuple[str, ...] = ()  # the overlay folders whose records the page uses (none: shipped only)

    def section(self, kind: str) -> HandoutSection | None:
        return next((s for s in self.sections if s.kind == kind), None)


def weakest(*verifications: str | None) -> str:
    """The weakest verification of the items a row rests on."""
    known = [v or "unverified" for v in verifications]
    return min(known, key=lambda v: _RANK.get(v, 0)) if known else "unverified"


def check_of(*provenances: Provenance) -> Check:
    sources: list[Source] = []
    for p in provenances:
        sources.extend(s for s in p.sources if s not in sources)
    return Check(weakest(*(p.verification for p in provenances)), tuple(sources))


def cite(kb: KnowledgeBase, ref: str) -> str:
    """A provision id as a reader writes it: 'BNS-143(4)' -> 'BNS s.143(4)', 'CONST-23' -> 'Constitution Art. 23'."""
    sid, pin = split_ref(ref)
    section = kb.sections.get(sid)
    if section is None:
        return ref
    act = kb.acts.get(section.act)
    name = act.aliases[0] if act is not None and act.aliases else section.act
    if act is not None and act.unit == "article":
        return f"{name} Art. {section.number}{pin}"
    return f"{name} s.{section.number}{pin}"


def limit_phrase(limit: TimeLimit) -> str:
    return deadline_phrase(limit.kind, limit.amount, limit.unit, limit.trigger, limit.id, limit.excludes)


def condition_text(condition: dict[str, Any] | None) -> str | None:
    """A step's condition in words, with state codes named: {state: IN-DL} -> 'only in Delhi'."""
    if not condition:
        return None
    if set(condition) == {"state"} and isinstance(condition["state"], str):
        return f"only in {STATES.get(condition['state'], condition['state'])}"
    return "only where " + condition_words(condition).replace("_", " ")


def is_dont(step: SopStep) -> bool:
    """A prohibition: 'shall not' in law, or good practice the SOP words as 'Do not ...'."""
    return step.modality == "shall_not" or step.title.en.lower().startswith(("do not ", "don't "))


def _class_words(c: Classification) -> str:
    return c.status_text()


def classification_lines(rows: tuple[Classification, ...]) -> tuple[str, ...]:
    """'cognizable, non-bailable', once when every row agrees, else one line per row of the Schedule."""
    words = [_class_words(c) for c in rows]
    if not words:
        return ()
    if len(set(words)) == 1:
        return (words[0],)
    return tuple(f"{c.applies_to}: {w}" if c.applies_to else w for c, w in zip(rows, words, strict=True))


def punishment_lines(punishments: tuple[Punishment, ...]) -> tuple[str, ...]:
    if len(punishments) == 1:
        return (punishment_text(punishments[0]),)
    return tuple(f"{p.applies_to.en}: {punishment_text(p)}" for p in punishments)


def valid_on(e: Entitlement, day: str) -> bool:
    return e.valid_from <= day and (e.valid_to is None or day <= e.valid_to)
