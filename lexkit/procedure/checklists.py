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

from lexkit.errors import KnowledgeBaseInvalid, NotFound, UsageProblem
from lexkit.kb.knowledge import KnowledgeBase
from lexkit.kb.models import Source, Text, period_text, sources_of
from lexkit.procedure.conditions import holds
from lexkit.procedure.wording import PHASES, deadline_phrase


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
            # Digits only: int() would also read '1_5' as 15 and take '+15', and a victim's age
            # read wrongly changes which law applies.
            if not (text.isascii() and text.isdigit()) or len(text) > 9:
                raise UsageProblem(f"--fact {self.name}={raw}: not a whole number (digits only)",
                                   hint=f"{self.prompt}: e.g. --fact {self.name}=15")
            value: Any = int(text)
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
        if not self.events:  # kb validate refuses it too; a look-up must not crash on it
            raise KnowledgeBaseInvalid(f"{self.file}: template {self.id} declares no events (--at needs one)",
                                       hint="mark one event 'primary: true'; 'lexkit kb validate' lists every problem")
        return next((e for e in self.events if e.primary), self.events[0])

    def fact(self, name: str) -> FactSpec:
        for spec in self.facts:
            if spec.name == name:
                return spec
        raise UsageProblem(
            f"--fact {name}: template {self.id} has no such fact",
            hint="its facts are: " + ", ".join(s.name for s in self.facts),
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
                FactSpec(name, f["type"], Text.of(f["prompt"]).en, bool(f.get("required", False)), tuple(f.get("enum") or ()),
                         f.get("min"), f.get("max"), f.get("default"))
                for name, f in inputs["facts"].items()
            ),
            events=tuple(
                EventSpec(name, Text.of(e["title"]).en, bool(e.get("primary", False)), tuple(e.get("stands_for") or ()))
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
    first_day_included: bool = False

    @property
    def period_text(self) -> str:
        return period_text(self.amount, self.unit)

    def describe(self) -> str:
        return deadline_phrase(self.kind, self.amount, self.unit, self.trigger, self.id, self.excludes)


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
    deadline: Any  # lexkit.law.deadlines.Deadline | None
    deadline_status: str  # "computed", "date_not_known", "not_in_force" or "none"
    condition: str
    notes: str | None
    verification: str
    sources: tuple[Source, ...]
    basis_changes: tuple[str, ...] = ()


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
    law_date: str
    proceedings_date: str
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
                        (limit.section_id,), limit.provenance.verification, limit.provenance.sources,
                        limit.first_day_included)
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
    law_date: dt.date | None = None,
) -> Checklist:
    """Compose the steps that apply to this case and compute their deadlines.

    Both codes are live law. ``law_date`` (the offence date; default: the date of the primary
    event) decides the penal code a step cites: the IPC before 1 July 2024, the BNS from then.
    Procedure follows the date of the proceedings (the primary event), not of the offence:
    BNSS s.531(2)(a) keeps only matters already pending on 1 July 2024 under the CrPC.
    """
    from lexkit.law.calendars import ClosedDays
    from lexkit.law.deadlines import Period, Rule, compute_rule
    from lexkit.procedure.sops import condition_words

    facts = dict(facts)
    if state:
        facts["state"] = state
    _derive(template, facts)
    closed = calendar or ClosedDays.for_india(state)
    primary = events.get(template.primary_event.name)
    proceedings = (primary.date() if primary else dt.date.today()).isoformat()
    day = law_date.isoformat() if law_date else proceedings
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
            basis, changes = applicable_basis(kb, tuple(raw.get("basis") or ()), day, proceedings)
            deadline_raw = raw.get("deadline")
            rule_in_force = True
            if deadline_raw and "rule" in deadline_raw:
                rule_id, note, rule_in_force = applicable_rule(kb, deadline_raw["rule"], proceedings)
                deadline_raw = {"rule": rule_id}
                changes += (note,) if note else ()
            rule = _rule_info(kb, deadline_raw, sop_sources) if deadline_raw else None
            deadline, status = None, "none"
            if rule is not None and not rule_in_force:
                status = "not_in_force"
            elif rule is not None:
                at = _trigger_time(template, events, rule.trigger)
                status = "date_not_known"
                if at is not None:
                    hours = journey_hours if "journey_time" in rule.excludes else 0.0
                    deadline = compute_rule(
                        Rule(rule.id, Period(rule.amount, rule.unit), rule.kind, rule.rolls, rule.trigger,  # type: ignore[arg-type]
                             rule.excludes, rule.basis, first_day_included=rule.first_day_included),
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
                legal_basis=basis,
                rule=rule,
                deadline=deadline,
                deadline_status=status,
                condition=condition_words(raw["when"]) if raw.get("when") else "",
                notes=Text.of(raw["notes"]).en if raw.get("notes") else None,
                verification=raw.get("verification") or sop["sop"].get("verification", "unverified"),
                sources=sources_of(raw) or sop_sources,
                basis_changes=changes,
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
        law_date=day,
        proceedings_date=proceedings,
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


def _in_force(kb: KnowledgeBase, section_id: str, day: str) -> bool:
    act = kb.acts.get(kb.sections[section_id].act) if section_id in kb.sections else None
    return act is None or act.in_force_on(day)


def applicable_basis(
    kb: KnowledgeBase, refs: tuple[str, ...], offence_day: str, proceedings_day: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The provisions a step rests on, in the code that governs them, and what was swapped.

    A penal provision follows the offence date (IPC before 1 July 2024, BNS after); a procedural
    one follows the date of the proceedings (CrPC or BNSS). A step that names both codes keeps
    the one that governs.
    """
    from lexkit.kb.knowledge import split_ref

    kept: list[str] = []
    changes: list[str] = []
    for ref in refs:
        sid, pin = split_ref(ref)
        section = kb.sections.get(sid)
        procedural = section is not None and kb.acts[section.act].kind == "procedure_code"
        day = proceedings_day if procedural and proceedings_day else offence_day
        if _in_force(kb, sid, day):
            kept.append(ref)
            continue
        rows = kb.predecessors(sid) or kb.successors(sid)
        others = [r.from_ref if r.to_ref and split_ref(r.to_ref)[0] == sid else r.to_ref for r in rows]
        others = [o for o in others if o and _in_force(kb, split_ref(o)[0], day)]
        if not others:
            kept.append(ref)
            changes.append(f"{ref} was not in force on {day} and has no counterpart in the knowledge base")
            continue
        for other in others:
            if other not in refs:
                changes.append(f"{ref} -> {other}: the code in force on {day}")
        kept.extend(o for o in others if o and o not in kept)
    return tuple(dict.fromkeys(kept)), tuple(changes)


def applicable_rule(kb: KnowledgeBase, rule_id: str, day: str) -> tuple[str, str | None, bool]:
    """The same time limit in the code in force on ``day`` (BNSS-58.production <-> CRPC-57.production).

    Returns (rule id, what was changed, whether the rule applies on that day). A BNSS limit with
    no CrPC counterpart (e.g. the 90-day victim update) is shown but not computed for an older case.
    """
    from lexkit.kb.knowledge import split_ref

    limit = kb.time_limits.get(rule_id)
    if limit is None or _in_force(kb, limit.section_id, day):
        return rule_id, None, True
    suffix = rule_id.split(".", 1)[1]
    rows = kb.predecessors(limit.section_id) or kb.successors(limit.section_id)
    for row in rows:
        other = row.from_ref if row.to_ref and split_ref(row.to_ref)[0] == limit.section_id else row.to_ref
        if other:
            candidate = f"{split_ref(other)[0]}.{suffix}"
            if candidate in kb.time_limits:
                return candidate, f"deadline {rule_id} -> {candidate}: the code in force on {day}", True
    return rule_id, (f"deadline {rule_id} is not computed: its code was not in force on {day} and no "
                     "counterpart time limit is in the knowledge base"), False
