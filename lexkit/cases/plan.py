"""A case's steps and deadlines, recomputed from its stored facts and events on every question.

This module is the register's one coupling to the procedure: ``plan_case`` builds today's
checklist for the case (lexkit.procedure.checklists.build_checklist) and keys every step by the
checklist's step id ("jj-act-statutory/produce-before-cwc"). When the case plan's duties land,
only this function changes to key steps by duty id; the register stores the key as a string.
Nothing about deadlines is stored: a corrected event or a fixed rule in the knowledge base
changes every deadline the next time anyone asks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lexkit.cases.models import CasePlan, CaseState, PlannedStep
from lexkit.cases.reference import RegisterData
from lexkit.errors import NotFound
from lexkit.kb.knowledge import KnowledgeBase


def _state_code(facts: dict[str, Any]) -> str | None:
    state = facts.get("state")
    if not state:
        return None
    from lexkit.law.calendars import normalise_state

    return f"IN-{normalise_state(str(state))}"


def plan_case(kb: KnowledgeBase, data: RegisterData, case: CaseState, as_of: dt.datetime) -> CasePlan:
    """Every step of the case with its deadline today and what the register recorded against it."""
    from lexkit.procedure.checklists import build_checklist, find_template

    template = find_template(kb, case.template)
    known = {e.name for e in template.events}
    events = {name: at for name, at in case.events.items() if name in known or name not in data.events}
    checklist = build_checklist(kb, template, case.facts, events, state=_state_code(case.facts))
    steps = []
    for step in checklist.steps:
        aliases = tuple(getattr(step, "sop_steps", ()) or ())
        # A step recorded under an SOP step id that a duty now merges still counts for the duty.
        record = next((case.steps[k] for k in (step.id, *aliases) if k in case.steps), None)
        due = step.deadline.due_instant() if step.deadline is not None else None
        department = record.department if record else (data.department_of_actor(step.actor) or "police")
        steps.append(PlannedStep(
            key=step.id, title=step.title, actor=step.actor, department=department,
            rule=step.rule.id if step.rule else None, due=due,
            due_text=step.deadline.due.isoformat() if step.deadline is not None else None,
            deadline_status=step.deadline_status,
            outcome=record.outcome if record else None, done_at=record.at if record else None,
            state=_state(record.outcome if record else None, record.at if record else None, due, as_of),
            aliases=aliases,
        ))
    return CasePlan(case, tuple(steps), checklist.kb_version, checklist.kb_date, checklist.disclaimer,
                    checklist.warnings)


def _state(outcome: str | None, at: dt.datetime | None, due: dt.datetime | None, as_of: dt.datetime) -> str:
    """on_time / late / missed / not_applicable for a recorded step; overdue or pending otherwise."""
    if outcome == "not-applicable":
        return "not_applicable"
    if outcome == "missed":
        return "missed"
    if outcome == "done":
        return "late" if due is not None and at is not None and at > due else "on_time"
    return "overdue" if due is not None and due < as_of else "pending"


def step_keys(kb: KnowledgeBase, data: RegisterData, case: CaseState, as_of: dt.datetime) -> list[str]:
    return [s.key for s in plan_case(kb, data, case, as_of).steps]


def resolve_step(kb: KnowledgeBase, data: RegisterData, case: CaseState, given: str, as_of: dt.datetime) -> str:
    """The step key for what the user typed: a full key, its part after '/', or an SOP step a duty
    merges ('jj-act-statutory/produce-before-cwc' or 'produce-before-cwc'), when that is unique."""
    steps = plan_case(kb, data, case, as_of).steps
    keys = [s.key for s in steps]
    if given in keys:
        return given
    names: dict[str, set[str]] = {}
    for s in steps:
        for name in (s.key, *s.aliases):
            names.setdefault(name, set()).add(s.key)
            names.setdefault(name.split("/", 1)[-1], set()).add(s.key)
    found = names.get(given, set())
    if len(found) == 1:
        return found.pop()
    import difflib

    close = sorted(found) or difflib.get_close_matches(given, sorted(names), n=3, cutoff=0.5)
    hint = ("did you mean " + " or ".join(close) + "?") if close else f"see 'lexkit case show {case.id}' for its steps"
    raise NotFound(f"case {case.id} has no step '{given}'", hint=hint)
