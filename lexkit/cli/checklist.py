"""Commands for deadlines and checklists: `lexkit deadline`, `lexkit checklist list|build`."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from lexkit.cli.options import DataFormat, hours
from lexkit.errors import UsageProblem

checklist_app = typer.Typer(help="Step-by-step checklists with every statutory deadline computed.", no_args_is_help=True)


class RollChoice(str, Enum):
    next_open_day = "next-open-day"
    none = "none"


class ChecklistFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"
    ics = "ics"


def _calendar(kb: Any, state: Optional[str], calendar_ids: list[str]) -> Any:
    """Closed days: Sundays, national holidays, a state's holidays and court calendars from the KB."""
    from lexkit.law.calendars import ClosedDays, normalise_state, overrides_from_data

    docs = {d.data["calendar"]["id"]: d for d in kb.docs_of("calendar")}
    overrides = []
    for cid in calendar_ids:
        if cid not in docs:
            from lexkit.errors import NotFound

            known = ", ".join(sorted(docs)) or "none in this knowledge base"
            raise NotFound(f"--calendar {cid}: no such calendar", hint=f"calendars: {known}")
        overrides.extend(overrides_from_data(docs[cid].data, docs[cid].file))
    return ClosedDays.for_india(normalise_state(state) if state else None, overrides)


def deadline(
    ctx: typer.Context,
    start: str = typer.Option(..., "--from", help="When the period starts: 2026-11-23T14:30, '23/11/2026 14:30'."),
    within: Optional[str] = typer.Option(None, "--within", help="The period: '24 hours', '10 days', '2 months'."),
    rule: Optional[str] = typer.Option(None, "--rule", help="A statutory time limit by id, e.g. JJA-31.production."),
    roll: Optional[RollChoice] = typer.Option(None, "--roll", help="next-open-day (an act in a court or office, GCA s.10) or none (default)."),
    state: Optional[str] = typer.Option(None, "--state", help="Also close this state's holidays (ISO 3166-2:IN, e.g. MH)."),
    calendar: list[str] = typer.Option([], "--calendar", help="Court or district calendar id from the knowledge base (repeatable)."),
    journey_hours: float = typer.Option(0.0, "--journey-hours", click_type=hours(), help="Journey time to add where the law excludes it."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """Compute a deadline with its trace: hours on the clock, days by GCA s.9, months by s.3(35).

    Example: lexkit deadline --rule JJA-31.production --from "27/11/2026 22:00"
    """
    from lexkit.cli.io import load_kb, out, out_json
    from lexkit.law.deadlines import compute, compute_rule, parse_datetime, parse_period, rule_of

    if (within is None) == (rule is None):
        raise UsageProblem("give either --within PERIOD or --rule RULE_ID (one of them)",
                           hint="e.g. --within '10 days' or --rule JJA-31.production")
    at = parse_datetime(start)
    kb = load_kb(ctx)
    closed = _calendar(kb, state, calendar)
    if rule is not None:
        if roll is not None:
            raise UsageProblem("--roll cannot be used with --rule: the rule itself says whether it rolls")
        by_folded = {key.casefold(): value for key, value in kb.time_limits.items()}
        limit = by_folded.get(rule.strip().casefold())
        if limit is None:
            import difflib

            from lexkit.errors import NotFound

            close = difflib.get_close_matches(rule, list(kb.time_limits), n=3, cutoff=0.4)
            raise NotFound(f"--rule {rule}: no such time limit",
                               hint=("did you mean " + " or ".join(close) + "?") if close else "see 'lexkit provision show' for a section's time limits")
        result = compute_rule(rule_of(limit), at, calendar=closed, journey_hours=journey_hours)
    else:
        assert within is not None
        result = compute(at, parse_period(within), rolls=roll is RollChoice.next_open_day, calendar=closed,
                         excludes=("journey_time",) if journey_hours else (), journey_hours=journey_hours)
    data = result.to_dict()
    data["calendar"] = closed.describe()
    if fmt is DataFormat.json:
        out_json(data)
        return
    lines = [f"Due: {data['due']}" + (" (end of that day)" if "T" not in data["due"] else ""),
             f"Trigger: {data['trigger']['event']} at {data['trigger']['at']}",
             f"Period: {data['period']['text']} ({data['kind']})",
             f"Rule: {data['rule']}",
             f"Counting: {data['counting']}"]
    if data["journey_hours"]:
        lines.append(f"Journey time added: {data['journey_hours']:g} hours")
    if data["rolled_from"]:
        lines.append(f"Rolled from: {data['rolled_from']} (GCA s.10: the court or office was closed)")
    lines += [f"Skipped: {s['date']}: {s['reason']}" for s in data["skipped"]]
    if data["basis"]:
        lines.append("Basis: " + ", ".join(data["basis"]))
    lines += [f"Note: {n}" for n in data["notes"]]
    lines.append(f"Closed days: {data['calendar']}")
    out("\n".join(lines))


@checklist_app.command("list")
def checklist_list(
    ctx: typer.Context,
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """List the checklist templates and the facts and events each needs.

    Example: lexkit checklist list
    """
    from lexkit.cli.io import load_kb, out, out_json
    from lexkit.procedure.checklists import templates

    found = templates(load_kb(ctx))
    if fmt is DataFormat.json:
        out_json([
            {"id": t.id, "title": t.title.en, "summary": t.summary.en,
             "facts": {f.name: {"type": f.type, "required": f.required, "enum": list(f.enum) or None} for f in t.facts},
             "events": [e.name for e in t.events], "primary_event": t.primary_event.name}
            for t in found.values()
        ])
        return
    for t in found.values():
        required = ", ".join(f.name for f in t.facts if f.required)
        out(f"{t.id}: {t.title.en}\n  --at = {t.primary_event.name}; required facts: {required or 'none'}")


def _pairs(values: list[str], option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageProblem(f"{option} {item}: write it as NAME=VALUE", hint=f"e.g. {option} victim_age=15")
        if name.strip() in pairs:
            raise UsageProblem(f"{option} {name.strip()} is given twice ({pairs[name.strip()]} and {value})",
                               hint="give each one once")
        pairs[name.strip()] = value
    return pairs


def _ask_missing(template: Any, facts: dict[str, Any], no_input: bool) -> None:
    from lexkit.procedure.checklists import missing_facts

    missing = missing_facts(template, facts)
    if not missing:
        return
    if no_input or not sys.stdin.isatty():
        names = " ".join(f"--fact {s.name}=..." for s in missing)
        choices = "; ".join(f"{s.name}: {s.prompt}" + (f" ({'/'.join(s.enum)})" if s.enum else "") for s in missing)
        raise UsageProblem(f"missing {names} for template {template.id}", hint=choices)
    for spec in missing:
        suffix = f" [{'/'.join(spec.enum)}]" if spec.enum else ""
        while True:
            answer = typer.prompt(f"{spec.prompt}{suffix}", err=True)
            try:
                facts[spec.name] = spec.parse(answer)
                break
            except UsageProblem as exc:
                sys.stderr.write(f"lexkit: {exc.message}\n")


@checklist_app.command("build")
def checklist_build(
    ctx: typer.Context,
    template_id: str = typer.Argument(..., metavar="TEMPLATE", help="A template id from 'lexkit checklist list'."),
    at: str = typer.Option(..., "--at", help="When the primary event (e.g. the rescue) happened: ISO 8601 or 'DD/MM/YYYY HH:MM'."),
    fact: list[str] = typer.Option([], "--fact", help="NAME=VALUE, repeatable: victim_age=15, victim_gender=female."),
    event: list[str] = typer.Option([], "--event", help="NAME=DATETIME, repeatable: when another event happened."),
    state: Optional[str] = typer.Option(None, "--state", help="ISO 3166-2:IN state code: its holidays, and state rules."),
    calendar: list[str] = typer.Option([], "--calendar", help="Court or district calendar id from the knowledge base."),
    journey_hours: float = typer.Option(0.0, "--journey-hours", click_type=hours(), help="Journey time, added only where the law excludes it."),
    fmt: ChecklistFormat = typer.Option(ChecklistFormat.table, "--format", help="table, md, json or ics."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
    no_input: bool = typer.Option(False, "--no-input", help="Never ask: fail naming the missing --fact."),
    offence_date: Optional[str] = typer.Option(
        None, "--offence-date", help="Date that decides IPC/CrPC or BNS/BNSS (default: the --at date)."),
) -> None:
    """Build a checklist for one case: every step, who does it, its deadline and legal basis.

    Example: lexkit checklist build csec-rescue --at "27/11/2026 22:00" --fact victim_age=15 --fact victim_gender=female
    """
    from lexkit.cli.io import emit, load_kb, note
    from lexkit.law.calendars import normalise_state
    from lexkit.law.deadlines import parse_datetime
    from lexkit.procedure.checklists import build_checklist, event_names, find_template, parse_facts

    kb = load_kb(ctx)
    template = find_template(kb, template_id)
    events = {template.primary_event.name: parse_datetime(at)}
    allowed = event_names(kb, template)
    given_events = _pairs(event, "--event")
    for name, value in given_events.items():
        if name not in allowed:
            raise UsageProblem(f"--event {name}: template {template.id} has no such event",
                               hint="its events are: " + ", ".join(allowed))
        events[name] = parse_datetime(value)
    for name, raw in ((template.primary_event.name, at), *given_events.items()):
        if ":" not in raw:
            note(f"no time given for {name} ({raw.strip()}): taken as 00:00 IST; hour deadlines count from then")
    facts = parse_facts(template, _pairs(fact, "--fact"))
    _ask_missing(template, facts, no_input)
    state = state or facts.get("state")  # a template may take the state as a fact (IN-TN)
    code = f"IN-{normalise_state(state)}" if state else None
    from lexkit.law.provisions import parse_offence_date

    law_date = parse_offence_date(offence_date) if offence_date else None
    result = build_checklist(kb, template, facts, events, state=code, journey_hours=journey_hours,
                             calendar=_calendar(kb, state, calendar), law_date=law_date)
    from lexkit.render.checklist import checklist_dict, checklist_ics, checklist_markdown

    payload: str | bytes
    if fmt is ChecklistFormat.json:
        import json

        payload = json.dumps(checklist_dict(result), ensure_ascii=False, indent=2) + "\n"
    elif fmt is ChecklistFormat.md:
        payload = checklist_markdown(result)
    elif fmt is ChecklistFormat.ics:
        payload = checklist_ics(result)
    else:
        from lexkit.render.terminal import checklist_table

        payload = checklist_table(result)
    emit(payload, output, force, f"{len(result.steps)} steps")
    for warning in result.warnings:
        note(warning)
