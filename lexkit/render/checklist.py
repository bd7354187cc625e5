"""Render a checklist: JSON-ready dict, Markdown a case worker can print, and an .ics calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lexkit.procedure.checklists import Checklist, ChecklistStep
from lexkit.procedure.wording import MODALITY_WORDS, PHASES
from lexkit.render.markdown import md_escape


def _due_text(step: ChecklistStep) -> str:
    if step.deadline is not None:
        d = step.deadline
        due = d.due.strftime("%a %d %b %Y %H:%M %z") if isinstance(d.due, dt.datetime) else d.due.strftime("%a %d %b %Y") + " (end of day)"
        extra = f"; rolled from {d.rolled_from.isoformat()}" if d.rolled_from else ""
        return f"{due}{extra}"
    if step.deadline_status == "not_in_force":
        return "not in force on the date of the case"
    if step.rule is not None:
        return "date not known"
    return ""


def step_dict(step: ChecklistStep) -> dict[str, Any]:
    rule = step.rule
    return {
        "id": step.id,
        "sop": step.sop,
        "phase": step.phase,
        "title": step.title,
        "action": step.action,
        "actor": step.actor,
        "modality": step.modality,
        "legal_basis": list(step.legal_basis),
        "deadline": step.deadline.to_dict() if step.deadline is not None else None,
        "deadline_status": step.deadline_status,
        "rule": None if rule is None else {
            "id": rule.id,
            "trigger": rule.trigger,
            "period": {"amount": rule.amount, "unit": rule.unit, "text": rule.period_text},
            "kind": rule.kind,
            "rolls": rule.rolls,
            "excludes": list(rule.excludes),
            "text": rule.describe(),
            "verification": rule.verification,
            "sources": [s.to_dict() for s in rule.sources],
        },
        "basis_changes": list(step.basis_changes),
        "condition": step.condition or None,
        "notes": step.notes,
        "verification": step.verification,
        "sources": [s.to_dict() for s in step.sources],
    }


def checklist_dict(c: Checklist) -> dict[str, Any]:
    return {
        "template": c.template,
        "title": c.title,
        "summary": c.summary,
        "facts": dict(c.facts),
        "events": {k: v.isoformat() for k, v in c.events.items()},
        "state": c.state,
        "law_date": c.law_date,
        "proceedings_date": c.proceedings_date,
        "calendar": c.calendar,
        "steps": [step_dict(s) for s in c.steps],
        "entitlements": [
            {
                "id": e.id,
                "kind": e.kind,
                "amount_inr": e.amount_inr,
                "amount_is": e.amount_is,
                "scheme": e.scheme,
                "conditions": e.conditions,
                "valid_from": e.valid_from,
                "valid_to": e.valid_to,
                "verification": e.verification,
                "sources": [s.to_dict() for s in e.sources],
            }
            for e in c.entitlements
        ],
        "warnings": list(c.warnings),
        "kb_version": c.kb_version,
        "kb_date": c.kb_date,
        "disclaimer": c.disclaimer,
    }


def fact_text(value: Any) -> str:
    """A fact as a person writes it: true/false, not Python's True/False."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def checklist_markdown(c: Checklist) -> str:
    """Printable Markdown (CommonMark): phases as headings, each step a task-list item."""
    e = md_escape
    lines = [f"# {e(c.title)}", "", e(c.summary), ""]
    lines.append("**Case:** " + "; ".join(f"{e(k)} = {e(fact_text(v))}" for k, v in c.facts.items()))
    lines.append("")
    lines.append("**Events:** " + "; ".join(f"{e(k)} at {v.strftime('%d %b %Y %H:%M %z')}" for k, v in c.events.items()))
    lines.append("")
    lines.append(f"**Closed days:** {e(c.calendar)}")
    lines.append("")
    lines.append(f"**Codes applied:** penal code as on the offence date {e(c.law_date)}, procedure as on "
                 f"{e(c.proceedings_date)} (IPC and CrPC before 1 July 2024, BNS and BNSS from then)")
    lines.append("")
    for warning in c.warnings:
        lines += [f"> **Note:** {e(warning)}", ""]
    for phase in PHASES:
        steps = [s for s in c.steps if s.phase == phase]
        if not steps:
            continue
        lines += [f"## {phase.replace('-', ' ').capitalize()}", ""]
        for s in steps:
            lines.append(f"- [ ] **{e(s.title)}**: {e(s.actor)} *{MODALITY_WORDS[s.modality]}*")
            lines.append(f"  {e(s.action)}")
            if s.rule is not None:
                lines.append(f"  *Deadline:* {e(_due_text(s))}: {e(s.rule.describe())} ({e(s.rule.id)}, {s.rule.verification})")
            if s.legal_basis:
                lines.append(f"  *Legal basis:* {e(', '.join(s.legal_basis))}")
            for change in s.basis_changes:
                lines.append(f"  *Code in force:* {e(change)}")
            if s.condition:
                lines.append(f"  *Applies because:* {e(s.condition)}")
            if s.notes:
                lines.append(f"  *Note:* {e(s.notes)}")
            lines.append(f"  *Source:* {e('; '.join(x.label() for x in s.sources))} ({s.verification})")
            lines.append("")
    if c.entitlements:
        lines += ["## Entitlements", "", "| Kind | Amount (Rs) | Scheme | Conditions | Verification |", "|---|---|---|---|---|"]
        for en in c.entitlements:
            amount = {"up_to": "up to ", "at_least": "at least "}.get(en.amount_is, "") + f"{en.amount_inr:,}"
            lines.append(f"| {e(en.kind.replace('_', ' '))} | {amount} | {e(en.scheme)} | {e(en.conditions)} | {en.verification} |")
        lines.append("")
    lines += ["---", "", f"Knowledge base {e(c.kb_version)} of {e(c.kb_date)}. {e(c.disclaimer)}", ""]
    return "\n".join(lines)


def checklist_ics(c: Checklist) -> bytes:
    """One event per dated step, stable UIDs, a reminder before each deadline, the basis in the description."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//lexkit//checklist//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", c.title)
    # DTSTAMP from the knowledge-base date, not the clock: the same case gives the same file.
    stamp = dt.datetime.fromisoformat(c.kb_date or "2026-01-01").replace(tzinfo=dt.timezone.utc)
    primary = min(c.events.values()).strftime("%Y%m%dT%H%M%z") if c.events else "none"
    for s in c.steps:
        if s.deadline is None:
            continue
        d = s.deadline
        ev = Event()
        ev.add("uid", f"{c.template}-{primary}-{s.id.replace('/', '-')}@lexkit")
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{s.title} ({d.rule})")
        if isinstance(d.due, dt.datetime):
            ev.add("dtstart", d.due)
            ev.add("dtend", d.due)
        else:
            ev.add("dtstart", d.due)
            ev.add("dtend", d.due + dt.timedelta(days=1))
        basis = ", ".join(s.legal_basis or d.basis)
        ev.add("description", "\n".join([
            s.action,
            f"Who: {s.actor} ({MODALITY_WORDS[s.modality]})",
            f"Deadline: {s.rule.describe() if s.rule else ''} ({d.rule}); {d.counting}",
            f"Legal basis: {basis}",
            f"Verification: {s.verification}",
            f"Knowledge base {c.kb_version} of {c.kb_date}. {c.disclaimer}",
        ]))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Due: {s.title}")
        hours = 2 if isinstance(d.due, dt.datetime) else 24
        alarm.add("trigger", dt.timedelta(hours=-hours))
        ev.add_component(alarm)
        cal.add_component(ev)
    cal.add_missing_timezones()  # a VTIMEZONE for Asia/Kolkata, so every calendar reads the times right
    return bytes(cal.to_ical())


def due_ics(due: Any) -> bytes:
    """What is due across the register (lexkit.cases.models.DueList) as calendar events, one per step."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//lexkit//case register//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "lexkit: due in the case register")
    stamp = dt.datetime.fromisoformat(due.kb_date or "2026-01-01").replace(tzinfo=dt.timezone.utc)
    for item in due.items:
        s = item.step
        ev = Event()
        ev.add("uid", f"{item.case_id}-{s.key.replace('/', '-')}@lexkit")
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{'OVERDUE: ' if item.overdue else ''}{s.title} ({item.case_id}, {s.department})")
        if s.due_text and "T" not in s.due_text:
            day = dt.date.fromisoformat(s.due_text)
            ev.add("dtstart", day)
            ev.add("dtend", day + dt.timedelta(days=1))
        else:
            ev.add("dtstart", s.due)
            ev.add("dtend", s.due)
        ev.add("description", "\n".join([
            f"Case {item.case_id} ({item.district}); step {s.key}; rule {s.rule}",
            f"Who: {s.actor}",
            f"Knowledge base {due.kb_version} of {due.kb_date}. {due.disclaimer}",
        ]))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Due: {s.title}")
        alarm.add("trigger", dt.timedelta(hours=-2))
        ev.add_component(alarm)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
