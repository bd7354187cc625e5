"""Build a checklist for one case: SOP steps composed under conditions, each with its deadline.

A template (``checklists/<id>.yaml``) declares its inputs (facts with types and allowed values,
events with times) and includes SOP files under conditions. Building it for a case gives every
step that applies, with who does it, what the law requires, the provision(s) behind it and its
deadline computed by the deadline engine from the event that starts it. A step whose trigger
event was not given keeps its rule and says "date not known": lexkit never guesses a time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from lexkit.errors import KnowledgeBaseInvalid, NotFound, UsageProblem
from lexkit.kb.knowledge import KnowledgeBase, split_ref
from lexkit.kb.models import Source, Text, period_text, sources_of
from lexkit.procedure.conditions import condition_words, holds
from lexkit.procedure.wording import PHASES, deadline_phrase


class FactSpec(NamedTuple):
    """A fact a template takes (--fact NAME=VALUE): its type, allowed values, default and prompt."""

    name: str
    type: str
    prompt: str
    required: bool = False
    enum: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    default: Any = None
    prompt_hi: str | None = None  # lexkit's Hindi of the prompt, when the template holds one

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
        if self.enum:
            lowered = text.lower()
            if lowered in self.enum:
                return lowered
            # A short answer is the unique value it begins (F for female, T for transgender).
            starts = [v for v in self.enum if lowered and v.startswith(lowered)]
            if len(starts) == 1:
                return starts[0]
            raise UsageProblem(f"--fact {self.name}={raw}: must be one of {', '.join(self.enum)}")
        return text


class EventSpec(NamedTuple):
    """An event a template takes (--event NAME=DATETIME), and whether it is taken as the primary event's time."""

    name: str
    title: str
    primary: bool = False
    stands_for: tuple[str, ...] = ()
    with_primary: bool = False  # normally happens with the primary event: taken as its time unless given
    assumption: str | None = None  # why that is a fair default, shown with the assumption
    aliases: tuple[str, ...] = ()  # short names a user may give: --event fir=... for information_recorded
    title_hi: str | None = None  # lexkit's Hindi of the title and the assumption, when held
    assumption_hi: str | None = None


class Include(NamedTuple):
    """SOP steps a template includes, under a condition on the facts."""

    sop: str
    steps: tuple[str, ...] = ()
    when: Mapping[str, Any] | None = None


class ChecklistTemplate(NamedTuple):
    """A checklist template (checklists/<id>.yaml): its facts, events, included SOPs and entitlements."""

    id: str
    title: Text
    summary: Text
    facts: tuple[FactSpec, ...]
    events: tuple[EventSpec, ...]
    includes: tuple[Include, ...]
    derived: Mapping[str, Any] = MappingProxyType({})
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
                         f.get("min"), f.get("max"), f.get("default"), Text.of(f["prompt"]).hi)
                for name, f in inputs["facts"].items()
            ),
            events=tuple(
                EventSpec(name, Text.of(e["title"]).en, bool(e.get("primary", False)), tuple(e.get("stands_for") or ()),
                          bool(e.get("with_primary", False)),
                          Text.of(e["assumption"]).en if e.get("assumption") else None,
                          tuple(e.get("aliases") or ()), Text.of(e["title"]).hi,
                          Text.of(e["assumption"]).hi if e.get("assumption") else None)
                for name, e in inputs["events"].items()
            ),
            includes=tuple(Include(i["sop"], tuple(i.get("steps") or ()), i.get("when")) for i in data["include"]),
            derived=data.get("derived") or {},
            entitlements_sop=ent.get("sop"),
            entitlements_event=ent.get("date_event"),
            file=file,
        )


class RuleInfo(NamedTuple):
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


class Basis(NamedTuple):
    """One source that requires or recommends a checklist item: a statute, or an SOP step."""

    kind: str  # "statute" or "sop"
    ref: str  # provision refs joined ("ITPA-15(6A)"), or "sop-id/step-id"
    label: str  # "ITPA-15(6A)" or the SOP's title
    modality: str
    verification: str


class ChecklistStep(NamedTuple):
    """One duty of a built checklist: who does what, on which basis, and by when."""

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
    duty: str | None = None
    sop_steps: tuple[str, ...] = ()  # every SOP step this item stands for ("sop/step")
    bases: tuple[Basis, ...] = ()  # statute first, then each SOP
    group: str = "undated"  # "overdue", "next_24h", "later" or "undated", relative to the checklist's now
    authorities: tuple[Source, ...] = ()
    #: The overlay folders of the duty and SOP steps this item is made from (none: all shipped).
    origins: tuple[str, ...] = ()
    when: Mapping[str, Any] | None = None  # the condition that brought the step in (condition, in words)

    @property
    def due_at(self) -> dt.datetime | None:
        """The last instant of the deadline (the end of the day for a day period), or None."""
        return self.deadline.due_instant() if self.deadline is not None else None


class Entitlement(NamedTuple):
    """An amount a victim is entitled to under a scheme, with its conditions and sources."""

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


class Assumption(NamedTuple):
    """An event not given, taken as the time of the primary event because it normally happens with it."""

    event: str
    taken_as: str
    at: dt.datetime
    why: str | None

    def text(self) -> str:
        from lexkit.law.wording import when_text

        why = f" ({self.why})" if self.why else ""
        return (f"{self.event} taken as the {self.taken_as} time, {when_text(self.at)}{why}; "
                f"give --event {self.event}=DATETIME (or +2h) if different")


class Governing(NamedTuple):
    """Which procedure code governs the case and why (BNSS s.531(2)(a)), and which penal code."""

    procedure_code: str  # "CRPC" or "BNSS"
    penal_code: str  # "IPC" or "BNS"
    procedure_date: str
    offence_date: str
    reason: str
    began_with: str = ""  # the event the case began with, and when (the reason says it in words)
    began_at: dt.datetime | None = None


#: The time groups of a checklist, in the order a person acts on them.
GROUPS = ("overdue", "next_24h", "later", "undated")
GROUP_TITLES = {
    "overdue": "Overdue",
    "next_24h": "Due in the next 24 hours",
    "later": "Due later",
    "undated": "No date (ongoing, or its starting event is not known)",
}


class Checklist(NamedTuple):
    """A checklist built for one case: its steps in time order, entitlements, assumptions and warnings."""

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
    assumptions: tuple[Assumption, ...] = ()
    governing: Governing | None = None
    now: dt.datetime | None = None
    entitlement_note: str | None = None
    filtered: str | None = None  # "due within 24 hours": a view of the checklist, not all of it
    lang: str = "en"  # the language of what lexkit wrote (titles, actions, prompts); the law stays as held
    untranslated: tuple[str, ...] = ()  # what lexkit wrote that has no translation in ``lang``, shown in English

    @property
    def dated(self) -> int:
        return sum(s.deadline is not None for s in self.steps)


def templates(kb: KnowledgeBase) -> dict[str, ChecklistTemplate]:
    """Every checklist template of the knowledge base, by id."""
    return {d.data["checklist"]["id"]: ChecklistTemplate.of(d.data, d.file) for d in kb.docs_of("checklist")}


def find_template(kb: KnowledgeBase, template_id: str) -> ChecklistTemplate:
    doc = kb.document("checklist", template_id)  # one row, not every template
    if doc is not None:
        return ChecklistTemplate.of(doc.data, doc.file)
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


def _included_sop_docs(kb: KnowledgeBase, template: ChecklistTemplate) -> list[Any]:
    """The SOP documents a template includes (and the one its entitlements come from), in the order of
    their files as ``kb.docs_of`` gives them (read one by one: a checklist never needs the others)."""
    wanted = [i.sop for i in template.includes] + ([template.entitlements_sop] if template.entitlements_sop else [])
    docs = [kb.document("sop", sop_id) for sop_id in dict.fromkeys(wanted)]
    return sorted((d for d in docs if d is not None), key=lambda d: d.file)


def _included_sops(kb: KnowledgeBase, template: ChecklistTemplate) -> dict[str, dict[str, Any]]:
    """The SOPs a template includes, by id (see _included_sop_docs)."""
    return {d.data["sop"]["id"]: d.data for d in _included_sop_docs(kb, template)}


def _applicable_step_ids(kb: KnowledgeBase, template: ChecklistTemplate, facts: Mapping[str, Any]) -> set[str]:
    """The SOP steps a template composes for these facts (conditions only; nothing computed)."""
    facts = dict(facts)
    _derive(template, facts)
    sops = _included_sops(kb, template)
    found: set[str] = set()
    for include in template.includes:
        if not holds(include.when, facts) or include.sop not in sops:
            continue
        for raw in sops[include.sop].get("steps") or ():
            if (not include.steps or raw["id"] in include.steps) and holds(raw.get("when"), facts):
                found.add(f"{include.sop}/{raw['id']}")
    return found


def facts_that_drop_steps(kb: KnowledgeBase, template: ChecklistTemplate, given: Mapping[str, Any]) -> list[FactSpec]:
    """Optional facts not given whose default leaves out steps another answer would bring in.

    Interactive mode asks these (a foreign national's steps appear only when foreign_national
    is true): a default that silently drops a duty is worse than one more question.
    """
    facts = parse_facts(template, {})
    facts.update(given)
    base = _applicable_step_ids(kb, template, facts)
    out = []
    for spec in template.facts:
        if spec.required or spec.name in given:
            continue
        if spec.type == "boolean":
            others: list[Any] = [not bool(spec.default)]
        elif spec.enum:
            others = [v for v in spec.enum if v != spec.default]
        else:
            continue
        if any(_applicable_step_ids(kb, template, {**facts, spec.name: v}) - base for v in others):
            out.append(spec)
    return out


def event_time(raw: str, primary: dt.datetime | None, name: str = "event") -> dt.datetime:
    """When an event happened: a date and time, or an offset from the primary event (+2h, -30m, +1d)."""
    import re

    from lexkit.law.deadlines import parse_datetime

    text = raw.strip()
    if not text:
        raise UsageProblem(f"--event {name}=: no time given", hint=EVENT_FORMS)
    if text[:1] in "+-" and not re.match(r"^[+-]\d{2}:?\d{2}$", text):
        m = re.fullmatch(r"([+-])\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?", text, re.IGNORECASE)
        if not m or not any(m.group(i) for i in (2, 3, 4)):
            raise UsageProblem(f"--event {name}={raw}: not an offset", hint="write e.g. +2h, +1d, +1h30m or -45m")
        if primary is None:
            raise UsageProblem(f"--event {name}={raw}: an offset needs the primary event (--at)")
        delta = dt.timedelta(days=int(m.group(2) or 0), hours=int(m.group(3) or 0), minutes=int(m.group(4) or 0))
        return primary + delta if m.group(1) == "+" else primary - delta
    try:
        return parse_datetime(text)
    except UsageProblem as exc:
        if not exc.message.startswith("cannot read the date"):
            raise  # a real date out of range, or one that does not exist: its own message says which
        raise UsageProblem(f"--event {name}={raw}: neither a date and time nor an offset", hint=EVENT_FORMS) from None


#: What --event accepts, said whenever a value is not one of them.
EVENT_FORMS = ("write NAME=DATE TIME or NAME=OFFSET from --at, e.g. --event arrest='27/11/2026 22:00', "
               "--event arrest=2026-11-27T22:00 or --event arrest=+2h (offsets: +2h, +1d, +1h30m, -45m)")


def resolve_event_name(template: ChecklistTemplate, name: str, allowed: list[str]) -> str:
    """The event a user means: its own name, or an alias such as fir (information_recorded)."""
    if name in allowed:
        return name
    for spec in template.events:
        if name in spec.aliases:
            return spec.name
    raise UsageProblem(f"--event {name}: template {template.id} has no such event",
                       hint="its events are: " + ", ".join(allowed) + "; see 'lexkit checklist show " + template.id + "'")


def default_events(template: ChecklistTemplate, events: Mapping[str, dt.datetime]) -> tuple[dict[str, dt.datetime], list[Assumption]]:
    """Events that normally happen with the primary event, taken as its time when not given."""
    primary = template.primary_event
    at = events.get(primary.name)
    out = dict(events)
    assumptions: list[Assumption] = []
    if at is None:
        return out, assumptions
    for spec in template.events:
        if spec.with_primary and spec.name not in out:
            out[spec.name] = at
            assumptions.append(Assumption(spec.name, primary.name, at, spec.assumption))
    return out, assumptions


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


BNSS_IN_FORCE = "2024-07-01"


def governing_codes(template: ChecklistTemplate, events: Mapping[str, dt.datetime],
                    law_date: dt.date | None) -> Governing:
    """Which procedure code governs: the CrPC when the case began before 1 July 2024.

    BNSS s.531(2)(a): an investigation, inquiry, trial, application or appeal pending immediately
    before 1 July 2024 continues under the CrPC. A case began with its earliest known event (an
    FIR, a rescue, a cognizance): when that is before 1 July 2024 the CrPC governs, else the BNSS.
    The penal code follows the offence date (BNS s.358(2) saves IPC offences).
    """
    known = sorted(events.items(), key=lambda kv: kv[1])
    first_name, first_at = known[0] if known else (template.primary_event.name, dt.datetime.now())
    day = first_at.date().isoformat()
    offence = law_date.isoformat() if law_date else events.get(template.primary_event.name, first_at).date().isoformat()
    penal = "IPC" if offence < BNSS_IN_FORCE else "BNS"
    from lexkit.law.wording import when_text

    label = "FIR" if first_name == "information_recorded" else first_name.replace("_", " ")
    if day < BNSS_IN_FORCE:
        reason = (f"the case began before 1 July 2024 (the {label}, {when_text(first_at)}), so BNSS s.531(2)(a) keeps "
                  "its investigation, inquiry and trial under the CrPC, in CrPC wording and time limits")
        code = "CRPC"
    else:
        reason = (f"the case began on or after 1 July 2024 (the {label}, {when_text(first_at)}), so the BNSS governs; "
                  "give --event fir=DATETIME if the FIR was recorded before 1 July 2024 (BNSS s.531(2)(a))")
        code = "BNSS"
    offence_text = day_text(offence)
    penal_reason = (f"; the offence date, {offence_text}, is before 1 July 2024, so the offences are charged under the IPC "
                    "(BNS s.358(2))" if penal == "IPC" else f"; offences on or after 1 July 2024 ({offence_text}) fall under the BNS")
    return Governing(code, penal, day, offence, reason + penal_reason, first_name, first_at)


def day_text(iso_day: str) -> str:
    """'Fri 10 Mar 2023' for '2023-03-10': a date as a person reads it, with its weekday."""
    from lexkit.law.wording import when_text

    return when_text(dt.date.fromisoformat(iso_day)).split(",")[0]


def sop_label(title: str) -> str:
    """A short name for an SOP: its title up to the first colon ("Immoral Traffic (Prevention) Act, 1956")."""
    return title.split(":", 1)[0].strip()


def _group(due: dt.datetime | None, now: dt.datetime) -> str:
    if due is None:
        return "undated"
    if due < now:
        return "overdue"
    if due <= now + dt.timedelta(hours=24):
        return "next_24h"
    return "later"


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
    now: dt.datetime | None = None,
    lang: str = "en",
) -> Checklist:
    """Compose the duties that apply to this case, compute their deadlines, and put them in time order.

    Both codes are live law. ``law_date`` (the offence date; default: the date of the primary
    event) decides the penal code a step cites: the IPC before 1 July 2024, the BNS from then.
    Procedure follows the date the case began (its earliest event, e.g. the FIR), not the
    offence: BNSS s.531(2)(a) keeps matters pending on 1 July 2024 under the CrPC.

    Events that normally happen with the primary event (the arrest of those found at a rescue)
    are taken as its time unless given, and each such assumption is listed. Steps of several
    SOPs that describe one duty become one item with every basis. Items are ordered by phase
    and then by due time, and grouped relative to ``now`` (default: the clock).
    """
    from lexkit.law.calendars import ClosedDays
    from lexkit.law.deadlines import IST, Period, Rule, compute_rule
    from lexkit.procedure.duties import duties, strongest

    untranslated: list[str] = []

    def pick(text: Text | None) -> str:
        """What lexkit wrote, in ``lang``: its translation, else the English (recorded as untranslated)."""
        if text is None:
            return ""
        if lang == "en" or text.hi:
            return text.get(lang)
        if text.en not in untranslated:
            untranslated.append(text.en)
        return text.en

    facts = dict(facts)
    if state:
        facts["state"] = state
    _derive(template, facts)
    given = dict(events)
    events, assumptions = default_events(template, given)
    closed = calendar or ClosedDays.for_india(state, known=kb.public_holidays)
    governing = governing_codes(template, given, law_date)
    proceedings = governing.procedure_date
    day = governing.offence_date
    sop_docs = _included_sop_docs(kb, template)
    sops = {d.data["sop"]["id"]: d.data for d in sop_docs}
    sop_origins = {d.data["sop"]["id"]: d.origin for d in sop_docs}
    all_duties = duties(kb)
    crpc_case = governing.procedure_code == "CRPC"

    # 1. Every SOP step that applies, in include order; grouped by the duty it describes.
    picked: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    for include in template.includes:
        if not holds(include.when, facts):
            continue
        if include.sop not in sops:
            raise NotFound(f"template {template.id} includes unknown SOP '{include.sop}'", hint="run 'lexkit kb validate'")
        for raw in sops[include.sop].get("steps") or ():
            if include.steps and raw["id"] not in include.steps:
                continue
            if not holds(raw.get("when"), facts):
                continue
            if any(p[0] == include.sop and p[1]["id"] == raw["id"] for p in picked):
                continue  # included twice (two include blocks): one step
            picked.append((include.sop, raw, sops[include.sop]))
    by_duty: dict[str, list[tuple[str, dict[str, Any], dict[str, Any]]]] = {}
    items: list[tuple[str | None, list[tuple[str, dict[str, Any], dict[str, Any]]]]] = []
    for entry in picked:
        duty_id = entry[1].get("duty")
        if duty_id and duty_id in all_duties:
            if duty_id not in by_duty:
                by_duty[duty_id] = []
                items.append((duty_id, by_duty[duty_id]))
            by_duty[duty_id].append(entry)
        else:
            items.append((None, [entry]))

    def statute_first(entry: tuple[str, dict[str, Any], dict[str, Any]]) -> int:
        return 0 if entry[2]["sop"].get("kind") == "statutory" else 1

    steps: list[ChecklistStep] = []
    for duty_id, group in items:
        group = sorted(group, key=statute_first)  # stable: the statute's step, then the SOPs in order
        duty = all_duties.get(duty_id) if duty_id else None
        lead_sop, lead, lead_doc = group[0]
        refs: list[str] = list(duty.basis) if duty else []
        for _sop, raw, _doc in group:
            refs.extend(r for r in raw.get("basis") or () if r not in refs)
        basis, changes = applicable_basis(kb, tuple(refs), day, proceedings)
        pinpointed = {split_ref(r)[0] for r in basis if split_ref(r)[1]}
        basis = tuple(r for r in basis if split_ref(r)[1] or r not in pinpointed)  # BNSS-173(1) says BNSS-173
        # The deadline: the duty's rule, else the first step that has one.
        # The deadline comes from the steps that apply (the duty's rule is the same one, checked
        # by kb validate): a duty whose timed step does not apply to this case has no deadline.
        deadline_raw: Mapping[str, Any] | None = None
        rule_sources: tuple[Source, ...] = ()
        for _sop, raw, doc in group:
            if deadline_raw is None and raw.get("deadline"):
                deadline_raw = raw["deadline"]
                rule_sources = sources_of(doc["sop"])
        rule_in_force = True
        if deadline_raw and "rule" in deadline_raw:
            rule_id, note, rule_in_force = applicable_rule(kb, deadline_raw["rule"], proceedings)
            deadline_raw = {"rule": rule_id}
            changes += (note,) if note else ()
        rule = _rule_info(kb, deadline_raw, rule_sources) if deadline_raw else None
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
        # Every basis: the statutory steps first (as the provisions of the code in force), then
        # each SOP as its authors wrote it, then judgements the duty rests on.
        bases: list[Basis] = []
        for sop_id, raw, doc in group:
            head = doc["sop"]
            verified = raw.get("verification") or head.get("verification", "unverified")
            if head.get("kind") == "statutory" and raw.get("basis"):
                refs_now, _ = applicable_basis(kb, tuple(raw["basis"]), day, proceedings)
                bases.append(Basis("statute", ", ".join(refs_now), ", ".join(refs_now), raw["modality"], verified))
            else:
                bases.append(Basis("sop", f"{sop_id}/{raw['id']}", sop_label(pick(Text.of(head["title"]))),
                                   raw["modality"], verified))
        for authority in duty.authorities if duty else ():
            bases.append(Basis("authority", authority.citation or authority.label(), authority.citation or authority.label(),
                               duty.modality or "may" if duty else "may", authority.kind))
        modalities = [b.modality for b in bases if b.kind != "authority"]
        if duty is None:
            title, action, actor = pick(Text.of(lead["title"])), pick(Text.of(lead["action"])), pick(Text.of(lead["actor"]))
            title = re.sub(r"^(?:Step|चरण) \d+: *", "", title)  # the SOP's own numbering means nothing in a checklist
            title = title[:1].upper() + title[1:]
            phase = lead["phase"]
            verification = lead.get("verification") or lead_doc["sop"].get("verification", "unverified")
            sources = sources_of(lead) or sources_of(lead_doc["sop"])
        else:
            title, action, actor, phase = pick(duty.title), pick(duty.action), pick(duty.actor), duty.phase
            if crpc_case and duty.crpc:
                title = pick(duty.crpc.title) if duty.crpc.title else title
                action = pick(duty.crpc.action) if duty.crpc.action else action
            verification = duty.verification
            sources = duty.sources
        conditions = [condition_words(raw["when"]) for _s, raw, _d in group if raw.get("when")]
        notes = [pick(Text.of(raw["notes"])) for _s, raw, _d in group if raw.get("notes")]
        if lang != "en":
            untranslated.extend(c for c in changes if c not in untranslated)
        steps.append(ChecklistStep(
            id=f"duty/{duty.id}" if duty else f"{lead_sop}/{lead['id']}",
            sop=lead_sop,
            phase=phase,
            title=title,
            action=action,
            actor=actor,
            modality=strongest(modalities) if modalities else lead["modality"],
            legal_basis=basis,
            rule=rule,
            deadline=deadline,
            deadline_status=status,
            condition=conditions[0] if conditions else "",
            notes=" ".join(dict.fromkeys(notes)) or None,
            verification=verification,
            sources=sources,
            basis_changes=changes,
            duty=duty.id if duty else None,
            sop_steps=tuple(f"{s}/{raw['id']}" for s, raw, _d in group),
            bases=tuple(bases),
            authorities=duty.authorities if duty else (),
            origins=tuple(dict.fromkeys(o for o in [duty.origin if duty else None, *(sop_origins.get(s) for s, _r, _d in group)] if o)),
            when=next((raw["when"] for _s, raw, _d in group if raw.get("when")), None),
        ))
    # List only the assumptions a deadline of this case uses: an assumed event nothing counts
    # from is noise (a POCSO report in an adult's case).
    used = {s.rule.trigger for s in steps if s.rule is not None}
    stands = {e.name: set(e.stands_for) for e in template.events}
    kept = [a for a in assumptions if a.event in used or stands.get(a.event, set()) & used]
    for dropped in {a.event for a in assumptions} - {a.event for a in kept}:
        events.pop(dropped, None)
    assumptions = kept
    if lang != "en":
        specs = {e.name: e for e in template.events}
        assumptions = [a._replace(why=pick(Text(a.why, specs[a.event].assumption_hi))) if a.why else a for a in assumptions]
    now = now or dt.datetime.now(IST)
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    order = {id(s): i for i, s in enumerate(steps)}
    steps.sort(key=lambda s: (PHASES.index(s.phase), s.due_at or far, order[id(s)]))
    steps = [s._replace(group=_group(s.due_at, now)) for s in steps]
    entitlements, entitlement_note = _entitlements(kb, template, facts, events, sops, pick)
    if lang != "en" and entitlement_note:
        untranslated.append(entitlement_note)
    return Checklist(
        template=template.id,
        title=pick(template.title),
        summary=pick(template.summary),
        facts=facts,
        events=dict(events),
        steps=tuple(steps),
        entitlements=tuple(entitlements),
        state=state,
        calendar=closed.describe(),
        law_date=day,
        proceedings_date=proceedings,
        kb_version=kb.meta.version,
        kb_date=kb.meta.date,
        disclaimer=kb.meta.disclaimer,
        warnings=tuple(_warnings(template, events, steps)),
        assumptions=tuple(assumptions),
        governing=governing,
        now=now,
        entitlement_note=entitlement_note,
        lang=lang,
        untranslated=tuple(untranslated),
    )


def due_within(checklist: Checklist, hours: float) -> Checklist:
    """Only what is overdue or falls due within ``hours`` of the checklist's now."""
    assert checklist.now is not None
    limit = checklist.now + dt.timedelta(hours=hours)
    kept = tuple(s for s in checklist.steps if s.due_at is not None and s.due_at <= limit)
    words = f"{hours:g} hours" if hours % 24 else f"{hours / 24:g} day" + ("" if hours == 24 else "s")
    if hours == 24:
        words = "24 hours"
    return checklist._replace(steps=kept, filtered=f"overdue or due within {words}")


def _entitlements(kb: KnowledgeBase, template: ChecklistTemplate, facts: Mapping[str, Any],
                  events: Mapping[str, dt.datetime], sops: Mapping[str, Any],
                  pick: Callable[[Text], str] = lambda t: t.en) -> tuple[list[Entitlement], str | None]:
    """The amounts of the scheme in force on the date of the event that decides it (e.g. rescue).

    When no scheme held in the knowledge base covers that date, a note says so and why, rather
    than an empty list a reader could take for "no entitlement".
    """
    if not template.entitlements_sop or not template.entitlements_event:
        return [], None
    when = events.get(template.entitlements_event)
    doc = sops.get(template.entitlements_sop)
    if when is None or doc is None:
        return [], None
    from lexkit.law.wording import when_text

    day = when.date().isoformat()
    rows = doc.get("entitlements") or ()
    out = []
    for e in rows:
        in_force = e["valid_from"] <= day and (e.get("valid_to") is None or day <= e["valid_to"])
        if in_force and holds(e.get("when"), facts):
            out.append(Entitlement(e["id"], e["kind"], e["amount_inr"], e["amount_is"], e["scheme"],
                                   pick(Text.of(e["conditions"])), e["valid_from"], e.get("valid_to"),
                                   e.get("verification", "unverified"), sources_of(e)))
    if out or not rows:
        return out, None
    title = pick(Text.of(doc["sop"]["title"]))
    first = min(rows, key=lambda e: e["valid_from"])
    on = when_text(when.date()).split(",")[0]
    if day < first["valid_from"]:
        start = dt.date.fromisoformat(first["valid_from"]).strftime("%d %b %Y")
        return [], (f"No entitlement is held for a {template.entitlements_event} on {on}: the earliest scheme in "
                    f"the knowledge base ({first['scheme']}, {title}) applies from {start}, and no earlier "
                    "scheme is recorded. Ask the District Magistrate which scheme applied on that date.")
    return [], (f"No entitlement in {title} matches a {template.entitlements_event} on {on} with these facts: "
                "check the scheme's rows and conditions with the District Magistrate.")


def _warnings(template: ChecklistTemplate, events: Mapping[str, dt.datetime], steps: list[ChecklistStep]) -> list[str]:
    unknown = sorted({s.rule.trigger for s in steps if s.deadline_status == "date_not_known" and s.rule})
    if not unknown:
        return []
    names = {t: e.name for e in template.events for t in (e.name, *e.stands_for)}
    give = ", ".join(f"--event {names.get(t, t)}=DATETIME" for t in unknown)
    return [f"{sum(s.deadline_status == 'date_not_known' for s in steps)} deadline(s) have no date (date not known): give {give}"]



def event_names(kb: KnowledgeBase, template: ChecklistTemplate) -> list[str]:
    """Events a user may give with --event: the template's own, and every trigger its steps use."""
    names = [e.name for e in template.events]
    included = {i.sop for i in template.includes}
    for sop_id, sop in _included_sops(kb, template).items():
        if sop_id not in included:  # the SOP only the entitlements come from
            continue
        for raw in sop.get("steps") or ():
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
            changes.append(f"{ref} was not in force on {day_text(day)} and has no counterpart in the knowledge base")
            continue
        for other in others:
            if other not in refs:
                changes.append(f"{ref} -> {other}: the code in force on {day_text(day)}")
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
                return candidate, f"deadline {rule_id} -> {candidate}: the code in force on {day_text(day)}", True
    return rule_id, (f"deadline {rule_id} is not computed: its code was not in force on {day_text(day)} and no "
                     "counterpart time limit is in the knowledge base"), False
