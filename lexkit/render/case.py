"""The register's results as text: a case (text, json), what is due (table, json; ics in
render/checklist.py, the one module that imports icalendar), the monthly report (md, html, json).

Every report states the knowledge base's version and date and that lexkit supports, and does not
replace, legal advice.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from lexkit.cases.models import CasePlan, DueList, MonthlyReport, PlannedStep
from lexkit.cases.reports import INDEX_COMPONENTS, INDEX_LABELS, INDICATORS, MATRIX_CELLS
from lexkit.render.markdown import md_text

CELL_WORDS = {"on_time": "on time", "late": "late", "missed": "missed", "pending": "pending"}
STATE_WORDS = {"on_time": "done on time", "late": "done late", "missed": "missed", "overdue": "OVERDUE",
               "pending": "pending", "not_applicable": "not applicable"}


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def _due(step: PlannedStep) -> str:
    if step.due_text is None:
        return "date not known" if step.deadline_status == "date_not_known" else ""
    if "T" in step.due_text:
        return _when(dt.datetime.fromisoformat(step.due_text))
    return dt.date.fromisoformat(step.due_text).strftime("%d/%m/%Y") + " (end of day)"


def _footer(kb_version: str, kb_date: str, disclaimer: str) -> str:
    return f"Knowledge base {kb_version} of {kb_date}. {disclaimer}"


def step_dict(step: PlannedStep) -> dict[str, Any]:
    return {"key": step.key, "title": step.title, "actor": step.actor, "department": step.department,
            "rule": step.rule, "due": step.due_text, "deadline_status": step.deadline_status, "outcome": step.outcome,
            "done_at": step.done_at.isoformat() if step.done_at else None, "state": step.state}


# --- one case ------------------------------------------------------------------------------------


def case_dict(plan: CasePlan, notes: bool = True) -> dict[str, Any]:
    c = plan.case
    return {
        "id": c.id, "template": c.template, "district": c.district, "status": c.status,
        "opened_at": c.opened_at.isoformat(), "facts": c.facts, "operation": c.operation,
        "persons": [{"id": p, "role": r} for p, r in c.persons.items()],
        "events": [{"name": o.name, "at": o.at.isoformat(), "person": o.person, "department": o.department,
                    "entry": o.entry} for o in c.occurrences],
        "steps": [step_dict(s) for s in plan.steps],
        "history": [e.to_dict(notes) for e in c.history],
        "warnings": list(plan.warnings),
        "kb_version": plan.kb_version, "kb_date": plan.kb_date, "disclaimer": plan.disclaimer,
    }


def case_text(plan: CasePlan) -> str:
    c = plan.case
    lines = [f"Case {c.id}: {c.template}, {c.district}, status {c.status}",
             f"Opened: {_when(c.opened_at)}" + (f"; rescue operation {c.operation}" if c.operation else ""),
             "Facts: " + ", ".join(f"{k}={v}" for k, v in c.facts.items())]
    if c.persons:
        lines.append("Persons: " + ", ".join(f"{p} ({r})" for p, r in c.persons.items()))
    lines += ["", "Events:"]
    lines += [f"  {_when(o.at)}  {o.name}" + (f" ({o.person})" if o.person else "") + f"  [{o.department}]"
              for o in c.occurrences] or ["  none"]
    lines += ["", "Steps with a deadline or a record:"]
    for s in plan.steps:
        if s.rule is None and s.outcome is None:
            continue
        done = f", {s.outcome} {_when(s.done_at)}" if s.outcome else ""
        lines.append(f"  [{STATE_WORDS[s.state]}] {s.key}: due {_due(s) or 'no deadline'} ({s.department}{done})")
    others = sum(1 for s in plan.steps if s.rule is None and s.outcome is None)
    lines.append(f"  ... and {others} steps without a deadline: 'lexkit checklist build {c.template}' lists them")
    lines += ["", "History (append-only; a correction is a new entry):"]
    for e in c.history:
        role = f", {e.role}" if e.role else ""
        note = f" -- {e.note}" if e.note else ""
        lines.append(f"  #{e.number} {e.recorded_at} {e.department}{role}: {e.what()}{note}")
    lines += ["", _footer(plan.kb_version, plan.kb_date, plan.disclaimer)]
    return "\n".join(lines)


# --- what is due ---------------------------------------------------------------------------------


def due_dict(due: DueList) -> dict[str, Any]:
    return {"as_of": due.as_of.isoformat(), "until": due.until.isoformat(),
            "items": [{"case": i.case_id, "district": i.district, "overdue": i.overdue, **step_dict(i.step)} for i in due.items],
            "kb_version": due.kb_version, "kb_date": due.kb_date, "disclaimer": due.disclaimer}


def due_table(due: DueList) -> str:
    if not due.items:
        body = [f"Nothing due before {_when(due.until)} in the open cases."]
    else:
        rows = [("Due", "", "Case", "District", "Department", "Step")]
        rows += [(_due(i.step), "OVERDUE" if i.overdue else "", i.case_id, i.district, i.step.department, i.step.key)
                 for i in due.items]
        widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
        body = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([*body, "", _footer(due.kb_version, due.kb_date, due.disclaimer)])


# --- the monthly report --------------------------------------------------------------------------


def _change(now: float, before: float | None) -> str:
    if before is None:
        return "new"
    delta = round(now - before, 2)
    text = f"{delta:+g}"
    return "0" if delta == 0 else text


def report_dict(r: MonthlyReport) -> dict[str, Any]:
    return {
        "month": r.month, "previous_month": r.previous, "as_of": r.as_of.isoformat(),
        "cases": [{
            "id": c.id, "district": c.district, "template": c.template, "status": c.status,
            "opened_at": c.opened_at.isoformat(),
            "next_steps": [step_dict(s) for s in c.next_steps], "overdue": [step_dict(s) for s in c.overdue],
            "participation": {"components": c.index.components, "points": c.index.points, "index": c.index.value,
                              "index_before": c.index_before.value if c.index_before else None},
            "flags": list(c.flags),
        } for c in r.cases],
        "overdue_by_department": {d: [{"case": cid, **step_dict(s)} for cid, s in items]
                                  for d, items in r.overdue_by_department.items()},
        "matrix": r.matrix, "matrix_totals": r.matrix_totals, "matrix_totals_before": r.matrix_totals_before,
        "participation_index": {"mean": r.mean_index, "mean_before": r.mean_index_before},
        "indicators": {k: {"month": r.indicators[k], "before": r.indicators_before[k],
                           "change": r.indicators[k] - r.indicators_before[k]} for k in INDICATORS},
        "flags": list(r.flags), "departments": r.departments,
        "kb_version": r.kb_version, "kb_date": r.kb_date, "register_data_version": r.register_data_version,
        "disclaimer": r.disclaimer,
    }


def _sections(r: MonthlyReport) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report's tables, shared by Markdown and HTML: (heading, header, rows)."""
    cases = [[c.id, c.district, c.status, str(len(c.overdue)),
              "; ".join(f"{s.key} by {_due(s)} ({s.department})" for s in c.next_steps) or "none dated",
              f"{c.index.value:.2f} ({c.index.points}/6)", _change(c.index.value, c.index_before.value if c.index_before else None),
              "; ".join(c.flags)] for c in r.cases]
    overdue = [[d, cid, s.key, _due(s)] for d, items in r.overdue_by_department.items() for cid, s in items]
    matrix = [[d, duty, *(str(cells[c]) for c in MATRIX_CELLS)] for d, duties in r.matrix.items() for duty, cells in duties.items()]
    totals = []
    for d in sorted(set(r.matrix_totals) | set(r.matrix_totals_before)):
        now = r.matrix_totals.get(d, dict.fromkeys(MATRIX_CELLS, 0))
        before = r.matrix_totals_before.get(d, dict.fromkeys(MATRIX_CELLS, 0))
        totals.append([d, *(f"{now[c]} ({_change(now[c], before[c])})" for c in MATRIX_CELLS)])
    index = [[c.id, *(str(c.index.components[k]) for k in INDEX_COMPONENTS), f"{c.index.value:.2f}"] for c in r.cases]
    indicators = [[label, str(r.indicators[k]), str(r.indicators_before[k]), _change(r.indicators[k], r.indicators_before[k])]
                  for k, label in INDICATORS.items()]
    return [
        ("Cases: status, next steps and participation", ["Case", "District", "Status", "Overdue", "Next steps",
                                                         "Participation index", "Change", "Flags"], cases),
        ("Overdue, by department", ["Department", "Case", "Step", "Was due"], overdue),
        ("Accountability matrix (department x duty)", ["Department", "Duty", *CELL_WORDS.values()], matrix),
        (f"Matrix totals by department (change from {r.previous})", ["Department", *CELL_WORDS.values()], totals),
        ("Victim participation index", ["Case", *(INDEX_LABELS[k] for k in INDEX_COMPONENTS), "Index"], index),
        (f"Indicators for {r.month}", ["Indicator", r.month, r.previous, "Change"], indicators),
    ]


def _intro(r: MonthlyReport) -> list[str]:
    mean_before = "n/a" if r.mean_index_before is None else f"{r.mean_index_before:.2f}"
    return [
        f"{len(r.cases)} case(s) as at {_when(r.as_of)} IST (the end of {r.month}).",
        f"Mean victim participation index {r.mean_index:.2f} ({mean_before} a month before).",
        *([f"Flags: {'; '.join(r.flags)}"] if r.flags else []),
    ]


def report_markdown(r: MonthlyReport) -> str:
    lines = [f"# Case register: monthly report for {md_text(r.month)}", ""]
    lines += [md_text(t, block=True) + "  " for t in _intro(r)] + [""]
    for heading, header, rows in _sections(r):
        lines += [f"## {md_text(heading)}", ""]
        if not rows:
            lines += ["None.", ""]
            continue
        lines += ["| " + " | ".join(md_text(h) for h in header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows]
        lines.append("")
    lines += ["---", "", md_text(f"Register data {r.register_data_version}. " + _footer(r.kb_version, r.kb_date, r.disclaimer)), ""]
    return "\n".join(lines)


_CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 15pt; margin: 0 0 4mm; }
h2 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; table-layout: auto; }
th, td { border: 0.3mm solid #777; padding: 1mm 1.5mm; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
td.code { white-space: nowrap; }
th { background: #e8e8e8; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
footer { margin-top: 6mm; font-size: 8.5pt; border-top: 0.3mm solid #777; padding-top: 2mm; }
"""


def _cell(value: str) -> str:
    """A table cell: short codes (case ids, districts, counts) never break; step ids break after '/'."""
    if " " not in value and len(value) <= 16:
        return f'<td class="code">{html.escape(value)}</td>'
    return "<td>" + re.sub(r"/(?=[a-z])", "/<wbr>", html.escape(value)) + "</td>"


def report_html(r: MonthlyReport) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>Case register: monthly report for {e(r.month)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
             f"<h1>Case register: monthly report for {e(r.month)}</h1>"]
    parts += [f"<p>{e(t)}</p>" for t in _intro(r)]
    for heading, header, rows in _sections(r):
        parts.append(f"<h2>{e(heading)}</h2>")
        if not rows:
            parts.append("<p>None.</p>")
            continue
        parts.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr></thead><tbody>")
        parts += ["<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in rows]
        parts.append("</tbody></table>")
    parts += [f"<footer>Register data {e(r.register_data_version)}. {e(_footer(r.kb_version, r.kb_date, r.disclaimer))}</footer>",
              "</body>", "</html>", ""]
    return "\n".join(parts)
