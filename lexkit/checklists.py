"""Build a checklist for one case: SOP steps composed under conditions, each with its deadline.

A template (``checklists/<id>.yaml``) declares its inputs (facts with types and allowed values,
events with times) and includes SOP files under conditions. Building it for a case gives every
step that applies, with who does it, what the law requires, the provision(s) behind it and its
deadline computed by the deadline engine from the event that starts it. A step whose trigger
event was not given keeps its rule and says "date not known": lexkit never guesses a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .conditions import describe, holds
from .errors import NotFound, UsageProblem
from .kb import KnowledgeBase
from .models import Source, Text, sources_of

PHASES = ("pre-rescue", "rescue", "post-rescue", "investigation", "prosecution", "trial",
          "rehabilitation", "repatriation", "monitoring")
MODALITY_WORDS = {"shall": "shall", "may": "may", "shall_not": "shall not", "should": "should (good practice)"}


@dataclass(frozen=True)
class FactSpec:
    name: str
    type: str
    prompt: str
    required: bool = False
    enum: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    default: Any = None

    def parse(self, raw: str) -> Any:
        """Turn the text of ``--fact NAME=VALUE`` into a typed value, or say what is wrong."""
        text = raw.strip()
        if self.type == "integer":
            try:
                value: Any = int(text)
            except ValueError:
                raise UsageProblem(f"--fact {self.name}={raw}: not a whole number",
                                   hint=f"{self.prompt}: e.g. --fact {self.name}=15") from None
            low = "" if self.min is None else str(self.min)
            high = "" if self.max is None else str(self.max)
            if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
                raise UsageProblem(f"--fact {self.name}={raw}: out of range {low}-{high}")
            return value
        if self.type == "boolean":
            lowered = text.lower()
            if lowered in ("true", "yes", "y", "1"):
                return True
            if lowered in ("false", "no", "n", "0"):
                return False
            raise UsageProblem(f"--fact {self.name}={raw}: not true or false", hint=f"e.g. --fact {self.name}=true")
        if self.enum and text.lower() not in self.enum:
            raise UsageProblem(f"--fact {self.name}={raw}: must be one of {', '.join(self.enum)}")
        return text.lower() if self.enum else text


@dataclass(frozen=True)
class EventSpec:
    name: str
    title: str
    primary: bool = False
    stands_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class Include:
    sop: str
    steps: tuple[str, ...] = ()
    when: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class ChecklistTemplate:
    id: str
    title: Text
    summary: Text
    facts: tuple[FactSpec, ...]
    events: tuple[EventSpec, ...]
    includes: tuple[Include, ...]
    derived: Mapping[str, Any] = field(default_factory=dict)
    entitlements_sop: str | None = None
    entitlements_event: str | None = None
    file: str = ""

    @property
    def primary_event(self) -> EventSpec:
        return next((e for e in self.events if e.primary), self.events[0])

    def fact(self, name: str) -> FactSpec:
        for spec in self.facts:
            if spec.name == name:
                return spec
        raise UsageProblem(
            f"--fact {name}: template {self.id} has no such fact",
            hint="its facts are: " + ", ".join(s.name for s in self.facts),
        )

    def event(self, name: str) -> EventSpec:
        for spec in self.events:
            if spec.name == name:
                return spec
        raise UsageProblem(
            f"--event {name}: template {self.id} has no such event",
            hint="its events are: " + ", ".join(e.name for e in self.events),
        )

    @classmethod
    def of(cls, data: Mapping[str, Any], file: str) -> ChecklistTemplate:
        head, inputs = data["checklist"], data["inputs"]
        ent = data.get("entitlements") or {}
        return cls(
            id=head["id"],
            title=Text.of(head["title"]),
            summary=Text.of(head["summary"]),
            facts=tuple(
                FactSpec(name, f["type"], f["prompt"], bool(f.get("required", False)), tuple(f.get("enum") or ()),
                         f.get("min"), f.get("max"), f.get("default"))
                for name, f in inputs["facts"].items()
            ),
            events=tuple(
                EventSpec(name, e["title"], bool(e.get("primary", False)), tuple(e.get("stands_for") or ()))
                for name, e in inputs["events"].items()
            ),
            includes=tuple(Include(i["sop"], tuple(i.get("steps") or ()), i.get("when")) for i in data["include"]),
            derived=data.get("derived") or {},
            entitlements_sop=ent.get("sop"),
            entitlements_event=ent.get("date_event"),
            file=file,
        )


@dataclass(frozen=True)
class RuleInfo:
    """The rule of a step's deadline, shown even when its date cannot be computed."""

    id: str
    trigger: str
    amount: int
    unit: str
    kind: str
    rolls: bool
    excludes: tuple[str, ...]
    basis: tuple[str, ...]
    verification: str
    sources: tuple[Source, ...]

    @property
    def period_text(self) -> str:
        unit = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{self.amount} {unit}"

    def describe(self) -> str:
        excl = " (excluding journey time)" if "journey_time" in self.excludes else ""
        lead = {"cap": "not more than", "target": "as far as possible within", "minimum": "not less than"}
        return f"{lead.get(self.kind, 'within')} {self.period_text}{excl} of {self.trigger.replace('_', ' ')}"


@dataclass(frozen=True)
class ChecklistStep:
    id: str
    sop: str
    phase: str
    title: str
    action: str
    actor: str
    modality: str
    legal_basis: tuple[str, ...]
    rule: RuleInfo | None
    deadline: Any  # lexkit.deadlines.Deadline | None
    deadline_status: str  # "computed", "date_not_known" or "none"
    condition: str
    notes: str | None
    verification: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Entitlement:
    id: str
    kind: str
    amount_inr: int
    amount_is: str
    scheme: str
    conditions: str
    valid_from: str
    valid_to: str | None
    verification: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Checklist:
    template: str
    title: str
    summary: str
    facts: Mapping[str, Any]
    events: Mapping[str, dt.datetime]
    steps: tuple[ChecklistStep, ...]
    entitlements: tuple[Entitlement, ...]
    state: str | None
    calendar: str
    kb_version: str
    kb_date: str
    disclaimer: str
    warnings: tuple[str, ...] = ()


def templates(kb: KnowledgeBase) -> dict[str, ChecklistTemplate]:
    """Every checklist template of the knowledge base, by id."""
    return {d.data["checklist"]["id"]: ChecklistTemplate.of(d.data, d.file) for d in kb.docs_of("checklist")}


def find_template(kb: KnowledgeBase, template_id: str) -> ChecklistTemplate:
    found = templates(kb)
    if template_id in found:
        return found[template_id]
    import difflib

    close = difflib.get_close_matches(template_id, list(found), n=2)
    hint = f"did you mean {' or '.join(close)}?" if close else "see 'lexkit checklist list'"
    raise NotFound(f"no checklist template '{template_id}'", hint=hint)


def parse_facts(template: ChecklistTemplate, raw: Mapping[str, str]) -> dict[str, Any]:
    """Typed facts from ``--fact NAME=VALUE`` pairs (defaults filled in)."""
    facts: dict[str, Any] = {s.name: s.default for s in template.facts if s.default is not None}
    for name, value in raw.items():
        facts[name] = template.fact(name).parse(value)
    return facts


def missing_facts(template: ChecklistTemplate, facts: Mapping[str, Any]) -> list[FactSpec]:
    """Required facts that were not given."""
    return [s for s in template.facts if s.required and facts.get(s.name) is None]


def _derive(template: ChecklistTemplate, facts: dict[str, Any]) -> None:
    for name, cases in template.derived.items():
        for case in cases:
            if holds(case.get("when"), facts):
                facts[name] = case["value"]
                break


def _trigger_time(template: ChecklistTemplate, events: Mapping[str, dt.datetime], trigger: str) -> dt.datetime | None:
    if trigger in events:
        return events[trigger]
    for spec in template.events:
        if trigger in spec.stands_for and spec.name in events:
            return events[spec.name]
    return None


def _rule_info(kb: KnowledgeBase, deadline: Mapping[str, Any], sop_sources: tuple[Source, ...]) -> RuleInfo:
    if "rule" in deadline:
        limit = kb.time_limits.get(deadline["rule"])
        if limit is None:
            raise NotFound(f"deadline rule {deadline['rule']} is not in the knowledge base",
                           hint="run 'lexkit kb validate'")
        return RuleInfo(limit.id, limit.trigger, limit.amount, limit.unit, limit.kind, limit.rolls, limit.excludes,
                        (limit.section_id,), limit.provenance.verification, limit.provenance.sources)
    period = deadline["period"]
    return RuleInfo(deadline["id"], deadline["trigger"], int(period["amount"]), period["unit"], deadline["kind"],
                    bool(deadline["rolls"]), tuple(deadline.get("excludes") or ()), (),
                    deadline.get("verification", "unverified"), sources_of(deadline) or sop_sources)


def build_checklist(
    kb: KnowledgeBase,
    template: ChecklistTemplate,
    facts: Mapping[str, Any],
    events: Mapping[str, dt.datetime],
    *,
    state: str | None = None,
    journey_hours: float = 0.0,
    calendar: Any = None,
) -> Checklist:
    """Compose the steps that apply to this case and compute their deadlines."""
    from .calendars import ClosedDays
    from .deadlines import Period, Rule, compute_rule

    facts = dict(facts)
    if state:
        facts["state"] = state
    _derive(template, facts)
    closed = calendar or ClosedDays.for_india(state)
    sops = {d.data["sop"]["id"]: d.data for d in kb.docs_of("sop")}
    steps: list[ChecklistStep] = []
    for include in template.includes:
        if not holds(include.when, facts):
            continue
        if include.sop not in sops:
            raise NotFound(f"template {template.id} includes unknown SOP '{include.sop}'", hint="run 'lexkit kb validate'")
        sop = sops[include.sop]
        sop_sources = sources_of(sop["sop"])
        for raw in sop.get("steps") or ():
            if include.steps and raw["id"] not in include.steps:
                continue
            if not holds(raw.get("when"), facts):
                continue
            rule = _rule_info(kb, raw["deadline"], sop_sources) if raw.get("deadline") else None
            deadline, status = None, "none"
            if rule is not None:
                at = _trigger_time(template, events, rule.trigger)
                status = "date_not_known"
                if at is not None:
                    hours = journey_hours if "journey_time" in rule.excludes else 0.0
                    deadline = compute_rule(
                        Rule(rule.id, Period(rule.amount, rule.unit), rule.kind, rule.rolls, rule.trigger,  # type: ignore[arg-type]
                             rule.excludes, rule.basis),
                        at, calendar=closed, journey_hours=hours)
                    status = "computed"
            steps.append(ChecklistStep(
                id=f"{include.sop}/{raw['id']}",
                sop=include.sop,
                phase=raw["phase"],
                title=Text.of(raw["title"]).en,
                action=Text.of(raw["action"]).en,
                actor=Text.of(raw["actor"]).en,
                modality=raw["modality"],
                legal_basis=tuple(raw.get("basis") or ()),
                rule=rule,
                deadline=deadline,
                deadline_status=status,
                condition=describe(raw.get("when")),
                notes=Text.of(raw["notes"]).en if raw.get("notes") else None,
                verification=raw.get("verification") or sop["sop"].get("verification", "unverified"),
                sources=sources_of(raw) or sop_sources,
            ))
    steps.sort(key=lambda s: PHASES.index(s.phase))  # stable: include order within a phase
    return Checklist(
        template=template.id,
        title=template.title.en,
        summary=template.summary.en,
        facts=facts,
        events=dict(events),
        steps=tuple(steps),
        entitlements=tuple(_entitlements(kb, template, facts, events, sops)),
        state=state,
        calendar=closed.describe(),
        kb_version=kb.meta.version,
        kb_date=kb.meta.date,
        disclaimer=kb.meta.disclaimer,
        warnings=tuple(_warnings(template, events, steps)),
    )


def _entitlements(kb: KnowledgeBase, template: ChecklistTemplate, facts: Mapping[str, Any],
                  events: Mapping[str, dt.datetime], sops: Mapping[str, Any]) -> list[Entitlement]:
    """The amounts of the scheme in force on the date of the event that decides it (e.g. rescue)."""
    if not template.entitlements_sop or not template.entitlements_event:
        return []
    when = events.get(template.entitlements_event)
    doc = sops.get(template.entitlements_sop)
    if when is None or doc is None:
        return []
    day = when.date().isoformat()
    out = []
    for e in doc.get("entitlements") or ():
        in_force = e["valid_from"] <= day and (e.get("valid_to") is None or day <= e["valid_to"])
        if in_force and holds(e.get("when"), facts):
            out.append(Entitlement(e["id"], e["kind"], e["amount_inr"], e["amount_is"], e["scheme"],
                                   Text.of(e["conditions"]).en, e["valid_from"], e.get("valid_to"),
                                   e.get("verification", "unverified"), sources_of(e)))
    return out


def _warnings(template: ChecklistTemplate, events: Mapping[str, dt.datetime], steps: list[ChecklistStep]) -> list[str]:
    unknown = sorted({s.rule.trigger for s in steps if s.deadline_status == "date_not_known" and s.rule})
    if not unknown:
        return []
    names = {t: e.name for e in template.events for t in (e.name, *e.stands_for)}
    give = ", ".join(f"--event {names.get(t, t)}=DATETIME" for t in unknown)
    return [f"{sum(s.deadline_status == 'date_not_known' for s in steps)} deadline(s) have no date: give {give}"]


def event_names(kb: KnowledgeBase, template: ChecklistTemplate) -> list[str]:
    """Events a user may give with --event: the template's own, and every trigger its steps use."""
    names = [e.name for e in template.events]
    for doc in kb.docs_of("sop"):
        if doc.data["sop"]["id"] not in {i.sop for i in template.includes}:
            continue
        for raw in doc.data.get("steps") or ():
            deadline = raw.get("deadline") or {}
            trigger = deadline.get("trigger")
            if "rule" in deadline and deadline["rule"] in kb.time_limits:
                trigger = kb.time_limits[deadline["rule"]].trigger
            if trigger and trigger not in names and not any(trigger in e.stands_for for e in template.events):
                names.append(trigger)
    return names
