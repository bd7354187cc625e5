"""The case register: `lexkit case open|event|step|status|person|show|report|export|import` and `lexkit due`.

Only these commands import SQLAlchemy (and Alembic when the schema is behind), inside the
functions: the look-up commands never pay for them.
"""

from __future__ import annotations

import os
import re
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from lexkit.cli.options import DataFormat
from lexkit.errors import UsageProblem

case_app = typer.Typer(help="The case register: cases followed step by step, for the monthly meeting.",
                       no_args_is_help=True)

BY_HELP = "The department answering for this (e.g. police, prosecution, cwc); default LEXKIT_DEPARTMENT."
ROLE_HELP = "The recorder's role or post (e.g. 'investigating officer'), never a victim's name."


class DueFormat(str, Enum):
    table = "table"
    json = "json"
    ics = "ics"


class ReportFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


class Outcome(str, Enum):
    done = "done"
    missed = "missed"
    not_applicable = "not-applicable"


class Status(str, Enum):
    new = "new"
    active = "active"
    referred = "referred"
    closed = "closed"
    reopened = "reopened"


def _register() -> Any:
    from lexkit.cases.register import open_register

    return open_register()


def _by(value: Optional[str]) -> Optional[str]:
    return value or os.environ.get("LEXKIT_DEPARTMENT")


def _when(value: Optional[str]) -> Any:
    if value is None:
        return None
    from lexkit.law.deadlines import parse_datetime

    return parse_datetime(value)


def _warn(change: Any) -> None:
    from lexkit.cli.io import note

    for warning in change.warnings:
        note(f"warning: {warning}")


def _pairs(values: list[str], option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageProblem(f"{option} {item}: write it as NAME=VALUE", hint=f"e.g. {option} victim_age=15")
        pairs[name.strip()] = value
    return pairs


@case_app.command("open")
def case_open(
    ctx: typer.Context,
    template_id: str = typer.Argument(..., metavar="TEMPLATE", help="A checklist template id ('lexkit checklist list')."),
    at: str = typer.Option(..., "--at", help="When the primary event (e.g. the rescue) happened."),
    fact: list[str] = typer.Option([], "--fact", help="NAME=VALUE, repeatable: victim_age=15, victim_gender=female."),
    district: str = typer.Option(..., "--district", help="The district's id or name (e.g. MH-PUNE or Pune)."),
    victim_id: Optional[str] = typer.Option(None, "--victim-id", help="The victim's pseudonymous id, never a name."),
    operation: Optional[str] = typer.Option(None, "--operation", help="The rescue operation's id, shared by its cases."),
    by: Optional[str] = typer.Option(None, "--by", help=BY_HELP),
    role: Optional[str] = typer.Option(None, "--role", help=ROLE_HELP),
    note_text: Optional[str] = typer.Option(None, "--note", help="A free-text note (left out of exports unless asked)."),
) -> None:
    """Open a case from a checklist template; prints its opaque id.

    Example: lexkit case open csec-rescue --at "04/09/2026 22:00" --fact victim_age=15
    --fact victim_gender=female --district MH-PUNE --victim-id V-2026-014 --by police
    """
    from lexkit.cli.io import load_kb, note, out

    register = _register()
    change = register.open_case(load_kb(ctx), template_id, _when(at), _pairs(fact, "--fact"), district=district,
                                department=_by(by), role=role, victim_id=victim_id, operation=operation, note=note_text)
    out(change.case_id)
    _warn(change)
    note(f"opened case {change.case_id}: 'lexkit case show {change.case_id}' lists its steps and deadlines")


@case_app.command("event")
def case_event(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="The case id."),
    pair: str = typer.Argument(..., metavar="NAME=DATETIME", help="The event and when it happened: information_recorded=05/09/2026 02:00."),
    person: Optional[str] = typer.Option(None, "--person", help="The person it concerns (pseudonymous id on the case)."),
    by: Optional[str] = typer.Option(None, "--by", help=BY_HELP),
    role: Optional[str] = typer.Option(None, "--role", help=ROLE_HELP),
    corrects: Optional[int] = typer.Option(None, "--corrects", help="The history entry number this one corrects."),
    note_text: Optional[str] = typer.Option(None, "--note", help="A free-text note."),
) -> None:
    """Record an event (FIR, arrest, remand, statement, hearing ...); every deadline follows it.

    Example: lexkit case event C-7K3M9QXA2B information_recorded="05/09/2026 02:00" --by police
    """
    from lexkit.cli.io import load_kb, note

    name, sep, value = pair.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise UsageProblem(f"{pair}: write the event as NAME=DATETIME", hint="e.g. arrest=2026-09-06T11:00")
    change = _register().record_event(load_kb(ctx), case_id, name, _when(value), department=_by(by), role=role,
                                      person=person, note=note_text, corrects=corrects)
    _warn(change)
    note(f"case {change.case_id}: entry #{change.entries[0]} recorded")


@case_app.command("step")
def case_step(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="The case id."),
    step: str = typer.Argument(..., metavar="STEP", help="The step's id from 'lexkit case show' (its part after '/' is enough when unique)."),
    outcome: Outcome = typer.Argument(..., metavar="done|missed|not-applicable"),
    by: Optional[str] = typer.Option(None, "--by", help=BY_HELP),
    on: Optional[str] = typer.Option(None, "--on", help="When it was done or missed (default: now)."),
    role: Optional[str] = typer.Option(None, "--role", help=ROLE_HELP),
    corrects: Optional[int] = typer.Option(None, "--corrects", help="The history entry number this one corrects."),
    note_text: Optional[str] = typer.Option(None, "--note", help="A free-text note."),
) -> None:
    """Record a step as done, missed or not applicable, by the department that answers for it.

    Example: lexkit case step C-7K3M9QXA2B produce-before-cwc done --by police --on "05/09/2026 15:00"
    """
    from lexkit.cli.io import load_kb, note

    change = _register().record_step(load_kb(ctx), case_id, step, outcome.value, department=_by(by), on=_when(on),
                                     role=role, note=note_text, corrects=corrects)
    _warn(change)
    note(f"case {change.case_id}: entry #{change.entries[0]} recorded")


@case_app.command("status")
def case_status(
    case_id: str = typer.Argument(..., metavar="ID", help="The case id."),
    status: Status = typer.Argument(..., metavar="new|active|referred|closed|reopened"),
    by: Optional[str] = typer.Option(None, "--by", help=BY_HELP),
    on: Optional[str] = typer.Option(None, "--on", help="When the status changed (default: now)."),
    role: Optional[str] = typer.Option(None, "--role", help=ROLE_HELP),
    note_text: Optional[str] = typer.Option(None, "--note", help="Why (e.g. the reason for closing or referring)."),
) -> None:
    """Change a case's status: new -> active|referred|closed; active -> referred|closed; referred -> active|closed; closed -> reopened.

    Example: lexkit case status C-7K3M9QXA2B active --by police
    """
    from lexkit.cli.io import note

    change = _register().change_status(case_id, status.value, department=_by(by), on=_when(on), role=role, note=note_text)
    note(f"case {change.case_id}: status {status.value} (entry #{change.entries[0]})")


@case_app.command("person")
def case_person(
    case_id: str = typer.Argument(..., metavar="ID", help="The case id."),
    kind: str = typer.Argument(..., metavar="victim|trafficker|exploiter|customer"),
    pseudonym: str = typer.Argument(..., metavar="PSEUDONYM", help="The person's pseudonymous id, never a name."),
    by: Optional[str] = typer.Option(None, "--by", help=BY_HELP),
    on: Optional[str] = typer.Option(None, "--on", help="When (default: now)."),
    role: Optional[str] = typer.Option(None, "--role", help=ROLE_HELP),
) -> None:
    """Link a person to a case by a pseudonymous id; one who is in another case is flagged to the meeting.

    Example: lexkit case person C-7K3M9QXA2B trafficker A-2026-031 --by police
    """
    from lexkit.cli.io import note

    change = _register().add_person(case_id, kind, pseudonym, department=_by(by), on=_when(on), role=role)
    _warn(change)
    note(f"case {change.case_id}: entry #{change.entries[0]} recorded")


@case_app.command("list")
def case_list(
    district: Optional[str] = typer.Option(None, "--district", help="Only this district's cases."),
    status: Optional[Status] = typer.Option(None, "--status", help="Only cases with this status."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """The register's cases: id, district, status, template and when each was opened.

    Example: lexkit case list --district MH-PUNE --status active
    """
    from lexkit.cli.io import out, out_json

    register = _register()
    wanted = register.district(district) if district else None
    found = [c for c in register.cases()
             if (wanted is None or c.district == wanted) and (status is None or c.status == status.value)]
    rows = [{"id": c.id, "district": c.district, "status": c.status, "template": c.template,
             "opened_at": c.opened_at.isoformat(), "persons": len(c.persons)} for c in found]
    if fmt is DataFormat.json:
        out_json(rows)
        return
    out("\n".join(f"{r['id']}  {r['district']:<20} {r['status']:<9} {r['template']:<28} opened {r['opened_at']}" for r in rows)
        or "No cases.")


@case_app.command("show")
def case_show(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help="The case id."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge deadlines at this time (default: now)."),
) -> None:
    """A case: facts, persons, events, every step with its deadline recomputed now, and its history.

    Example: lexkit case show C-7K3M9QXA2B
    """
    from lexkit.cases.plan import plan_case
    from lexkit.cli.io import load_kb, out, out_json
    from lexkit.render.case import case_dict, case_text

    register = _register()
    plan = plan_case(load_kb(ctx), register.data, register.case(case_id), _when(as_of) or _now())
    if fmt is DataFormat.json:
        out_json(case_dict(plan))
    else:
        out(case_text(plan))


def _now() -> Any:
    import datetime as dt

    from lexkit.law.deadlines import IST

    return dt.datetime.now(IST)


def _period(text: str) -> Any:
    import datetime as dt

    match = re.fullmatch(r"\s*(\d+)\s*(h|hours?|d|days?|w|weeks?)\s*", text)
    if not match:
        raise UsageProblem(f"--within {text!r}: write it as 7d, 48h or 2w")
    amount, unit = int(match.group(1)), match.group(2)[0]
    return dt.timedelta(hours=amount) if unit == "h" else dt.timedelta(days=amount * (7 if unit == "w" else 1))


def due(
    ctx: typer.Context,
    within: str = typer.Option("7d", "--within", help="How far ahead: 7d, 48h, 2w."),
    department: Optional[str] = typer.Option(None, "--department", help="Only this department's steps."),
    district: Optional[str] = typer.Option(None, "--district", help="Only this district's cases."),
    fmt: DueFormat = typer.Option(DueFormat.table, "--format", help="table, json or ics."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Count from this time instead of now."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
) -> None:
    """What is due or overdue across all open cases of the register.

    Example: lexkit due --within 7d --department police --format table
    """
    from lexkit.cases.reports import due_list
    from lexkit.cli.io import emit, load_kb

    register = _register()
    dept = register.department(department, "--department") if department else None
    dist = register.district(district) if district else None
    now = _when(as_of) or _now()
    result = due_list(load_kb(ctx), register.data, register.cases(), as_of=now, within=_period(within),
                      department=dept, district=dist)
    payload: str | bytes
    if fmt is DueFormat.json:
        import json

        from lexkit.render.case import due_dict

        payload = json.dumps(due_dict(result), ensure_ascii=False, indent=2) + "\n"
    elif fmt is DueFormat.ics:
        from lexkit.render.checklist import due_ics

        payload = due_ics(result)
    else:
        from lexkit.render.case import due_table

        payload = due_table(result)
    emit(payload, output, force, f"{len(result.items)} due", exact=fmt is DueFormat.json)


@case_app.command("report")
def case_report(
    ctx: typer.Context,
    month: str = typer.Option(..., "--month", help="The month: YYYY-MM."),
    fmt: ReportFormat = typer.Option(ReportFormat.md, "--format", help="md, html or json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
) -> None:
    """The monthly meeting's report: cases, overdue steps, accountability matrix, participation index, indicators.

    Example: lexkit case report --month 2026-10 --format html -o report-2026-10.html
    """
    from lexkit.cases.reports import monthly_report, parse_month
    from lexkit.cli.io import emit, load_kb
    from lexkit.render.case import report_dict, report_html, report_markdown

    start, end = parse_month(month)
    register = _register()
    report = monthly_report(load_kb(ctx), register.data, month, register.cases(as_of=end), register.cases(as_of=start))
    if fmt is ReportFormat.json:
        import json

        payload = json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
    elif fmt is ReportFormat.html:
        payload = report_html(report)
    else:
        payload = report_markdown(report)
    emit(payload, output, force, f"report for {month}", exact=fmt is ReportFormat.json)


@case_app.command("export")
def case_export(
    case_ids: list[str] = typer.Argument(None, metavar="[ID]...", help="Cases to export (default: all)."),
    fmt: ExportFormat = typer.Option(ExportFormat.json, "--format", help="json or csv."),
    notes: bool = typer.Option(False, "--notes", help="Include the free-text notes (left out by default)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
) -> None:
    """Export cases with their whole history, for another district's register ('lexkit case import') or a spreadsheet.

    Example: lexkit case export C-7K3M9QXA2B --format json -o referral.json
    """
    import json

    from lexkit.cases.register import export_csv
    from lexkit.cli.io import emit

    payload = _register().export(case_ids or None, notes=notes)
    text = export_csv(payload) if fmt is ExportFormat.csv else json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    emit(text, output, force, f"{len(payload['cases'])} case(s)", exact=fmt is not ExportFormat.csv)


@case_app.command("import")
def case_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="An export file (JSON or CSV) from another register."),
    by: Optional[str] = typer.Option(None, "--by", help=BY_HELP),
    district: Optional[str] = typer.Option(None, "--district", help="The district the cases now belong to."),
    role: Optional[str] = typer.Option(None, "--role", help=ROLE_HELP),
) -> None:
    """Import cases exported by another register (a referral); entries already here are skipped.

    Example: lexkit case import referral.json --district MH-THANE --by police
    """
    from lexkit.cases.register import read_export
    from lexkit.cli.io import load_kb, note, out, read_input

    text = read_input(file, "export", "give the JSON file another register wrote with 'lexkit case export'")
    changes = _register().import_cases(load_kb(ctx), read_export(text, str(file)), department=_by(by), source=file.name,
                                       district=district, role=role)
    for change in changes:
        out(change.case_id)
    note(f"imported {len(changes)} case(s) from {file}")
