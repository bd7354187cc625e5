"""What is due across the register, and the monthly report for the district meeting (TESTA).

Pure functions over cases already folded from their history (lexkit.cases.models): no database
here, so a report of any month is the same computation over the cases as they stood then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from lexkit.cases.models import (
    ACCUSED_ROLES,
    CaseLine,
    CasePlan,
    CaseState,
    DueItem,
    DueList,
    MonthlyReport,
    ParticipationIndex,
    PlannedStep,
)
from lexkit.cases.plan import plan_case
from lexkit.cases.reference import RegisterData
from lexkit.errors import UsageProblem
from lexkit.kb.knowledge import KnowledgeBase

#: The six parts of the victim participation index, in the order the report prints them.
INDEX_COMPONENTS = (
    "index_statement", "index_appearance", "index_support_applied", "index_support_received",
    "index_compensation_applied", "index_compensation_received",
)
INDEX_LABELS = {
    "index_statement": "statement recorded",
    "index_appearance": "appeared in court",
    "index_support_applied": "support applied for",
    "index_support_received": "support received",
    "index_compensation_applied": "compensation applied for",
    "index_compensation_received": "compensation received",
}
#: The aggregate indicators (the UNODC project's impact table), in the order they are reported.
INDICATORS = {
    "cases_registered": "Cases registered (FIR)",
    "rescue_operations": "Rescue operations",
    "persons_rescued": "Persons rescued",
    "minors_rescued": "  of whom minors",
    "arrested": "Traffickers and exploiters arrested",
    "customers_arrested": "  of whom customers",
    "bail_applications": "Bail applications",
    "bail_granted": "  bail granted",
    "bail_rejected": "  bail rejected",
    "charge_sheets": "Charge-sheets filed",
    "convictions": "Convictions",
    "acquittals": "Acquittals",
    "places_closed": "Places of exploitation closed",
    "rehabilitation_began": "Persons whose rehabilitation began",
}
MATRIX_CELLS = ("on_time", "late", "missed", "pending")
RESCUE_EVENT = "rescue"


def parse_month(text: str) -> tuple[dt.datetime, dt.datetime]:
    """'2026-10' -> the first instant of that month and of the next, in India."""
    from lexkit.law.deadlines import IST

    match = re.fullmatch(r"\s*(\d{4})-(\d{2})\s*", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageProblem(f"--month {text!r}: write the month as YYYY-MM", hint="e.g. --month 2026-10")
    year, month = int(match.group(1)), int(match.group(2))
    start = dt.datetime(year, month, 1, tzinfo=IST)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=IST)
    return start, end


def previous_month(text: str) -> str:
    start, _ = parse_month(text)
    before = start - dt.timedelta(days=1)
    return f"{before.year:04d}-{before.month:02d}"


def due_list(kb: KnowledgeBase, data: RegisterData, cases: Iterable[CaseState], *, as_of: dt.datetime,
             within: dt.timedelta, department: str | None = None, district: str | None = None) -> DueList:
    """Steps of open cases with nothing recorded and a deadline before ``as_of + within`` (overdue included)."""
    until = as_of + within
    items: list[DueItem] = []
    meta = ("", "", "")
    for case in cases:
        if case.status == "closed" or (district and case.district != district):
            continue
        plan = plan_case(kb, data, case, as_of)
        meta = (plan.kb_version, plan.kb_date, plan.disclaimer)
        for step in plan.steps:
            if step.outcome is None and step.due is not None and step.due <= until:
                if department and step.department != department:
                    continue
                items.append(DueItem(case.id, case.district, step, step.due < as_of))
    items.sort(key=lambda i: (i.step.due or until, i.case_id, i.step.key))
    if not meta[0]:
        meta = (kb.meta.version, kb.meta.date, kb.meta.disclaimer)
    return DueList(as_of, until, tuple(items), *meta)


def participation(case: CaseState, data: RegisterData) -> ParticipationIndex:
    """How many of the six kinds of participation the case's events record (cumulative)."""
    counts = dict.fromkeys(INDEX_COMPONENTS, 0)
    for occurrence in case.occurrences:
        spec = data.events.get(occurrence.name)
        if spec is not None and spec.counts in counts:
            counts[spec.counts] += 1
    return ParticipationIndex(counts)


def indicators(cases: Iterable[CaseState], data: RegisterData, start: dt.datetime, end: dt.datetime) -> dict[str, int]:
    """The month's aggregate indicators, from events that happened in [start, end)."""
    found = dict.fromkeys(INDICATORS, 0)
    operations: set[str] = set()
    registered: set[str] = set()
    for case in cases:
        for occurrence in case.occurrences:
            if not start <= occurrence.at < end:
                continue
            if occurrence.name == RESCUE_EVENT:
                operations.add(case.operation or case.id)
                persons = max(1, len(case.victims()))
                found["persons_rescued"] += persons
                age = case.facts.get("victim_age")
                if isinstance(age, int) and age < 18:
                    found["minors_rescued"] += persons
            spec = data.events.get(occurrence.name)
            counts = spec.counts if spec is not None else None
            if counts == "cases_registered":
                registered.add(case.id)
            elif counts == "arrested":
                found["arrested"] += 1
                if occurrence.person and case.persons.get(occurrence.person) == "customer":
                    found["customers_arrested"] += 1
            elif counts in found:
                found[counts] += 1
    found["rescue_operations"] = len(operations)
    found["cases_registered"] = len(registered)
    return found


def _matrix(plans: Sequence[CasePlan]) -> dict[str, dict[str, dict[str, int]]]:
    matrix: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: dict.fromkeys(MATRIX_CELLS, 0)))
    for plan in plans:
        for step in plan.steps:
            cell = step.matrix_cell
            if cell is not None:
                matrix[step.department][step.key][cell] += 1
    return {d: {k: dict(v) for k, v in sorted(duties.items())} for d, duties in sorted(matrix.items())}


def _totals(matrix: dict[str, dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    return {d: {cell: sum(v[cell] for v in duties.values()) for cell in MATRIX_CELLS} for d, duties in matrix.items()}


def _in_month(now: CaseState, before: CaseState | None) -> bool:
    """A case belongs to a month's meeting unless it was closed all month."""
    return not (now.status == "closed" and before is not None and before.status == "closed")


def person_flags(cases: Iterable[CaseState]) -> dict[str, list[str]]:
    """Per case, the persons who also appear in another case: a victim again, or an accused again."""
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case in cases:
        for person, role in case.persons.items():
            seen[person].append((case.id, role))
    flags: dict[str, list[str]] = defaultdict(list)
    for person, where in sorted(seen.items()):
        if len({c for c, _ in where}) < 2:
            continue
        for case_id, role in where:
            others = ", ".join(sorted(c for c, _ in where if c != case_id))
            if role == "victim":
                flags[case_id].append(f"victim {person} is also in {others}: re-trafficked?")
            elif role in ACCUSED_ROLES:
                flags[case_id].append(f"{role} {person} is also in {others}: repeat accused")
    return flags


def monthly_report(kb: KnowledgeBase, data: RegisterData, month: str, cases_at_end: Sequence[CaseState],
                   cases_at_start: Sequence[CaseState]) -> MonthlyReport:
    """The report for the monthly meeting, and the same figures for the month before.

    ``cases_at_end``: the cases as they stood at the end of the month; ``cases_at_start``: as
    they stood at its start (the end of the month before).
    """
    start, end = parse_month(month)
    previous = previous_month(month)
    before_start, _ = parse_month(previous)
    at_start = {c.id: c for c in cases_at_start}
    now = [c for c in cases_at_end if _in_month(c, at_start.get(c.id))]
    plans = [plan_case(kb, data, c, end) for c in now]
    plans_before = [plan_case(kb, data, c, start) for c in cases_at_start if c.status != "closed"]
    flags = person_flags(cases_at_end)
    lines = []
    overdue: dict[str, list[tuple[str, PlannedStep]]] = defaultdict(list)
    for plan in plans:
        case = plan.case
        dated = sorted((s for s in plan.steps if s.state == "pending" and s.due is not None), key=lambda s: s.due or end)
        late = tuple(s for s in plan.steps if s.state == "overdue")
        for step in late:
            overdue[step.department].append((case.id, step))
        before = at_start.get(case.id)
        lines.append(CaseLine(case.id, case.district, case.template, case.status, case.opened_at, tuple(dated[:3]), late,
                              participation(case, data), participation(before, data) if before else None,
                              tuple(flags.get(case.id, ()))))
    indexes = [line.index.value for line in lines]
    before_indexes = [participation(c, data).value for c in cases_at_start if c.status != "closed"]
    matrix = _matrix(plans)
    return MonthlyReport(
        month=month, previous=previous, as_of=end, cases=tuple(lines),
        overdue_by_department={d: v for d, v in sorted(overdue.items())},
        matrix=matrix, matrix_totals=_totals(matrix), matrix_totals_before=_totals(_matrix(plans_before)),
        indicators=indicators(now, data, start, end), indicators_before=indicators(cases_at_start, data, before_start, start),
        mean_index=round(sum(indexes) / len(indexes), 2) if indexes else 0.0,
        mean_index_before=round(sum(before_indexes) / len(before_indexes), 2) if before_indexes else None,
        flags=tuple(f for line in lines for f in line.flags),
        departments={d.id: d.title for d in data.departments.values()},
        kb_version=kb.meta.version, kb_date=kb.meta.date, register_data_version=data.version,
        disclaimer=kb.meta.disclaimer,
    )
