"""What the register holds and computes, as plain frozen dataclasses (no SQLAlchemy, no Alembic).

The register is append-only: a case is the fold of its history entries, oldest first. A later
entry for the same fact, single event, step or status corrects the earlier one; an entry that
names another with ``corrects`` replaces it (for events that repeat, such as hearings); nothing
is ever updated or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lexkit.errors import UsageProblem

#: The statuses of a case (IOM HTCDS / Primero vocabulary) and the changes allowed between them.
STATUSES = ("new", "active", "referred", "closed", "reopened")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("active", "referred", "closed"),
    "active": ("referred", "closed"),
    "referred": ("active", "closed"),
    "closed": ("reopened",),
    "reopened": ("active", "referred", "closed"),
}
OUTCOMES = ("done", "missed", "not-applicable")
PERSON_ROLES = ("victim", "trafficker", "exploiter", "customer")
ACCUSED_ROLES = ("trafficker", "exploiter", "customer")

_PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")


def looks_like_name(text: str, *, identifier: bool = False) -> bool:
    """True for text shaped like a person's full name. A heuristic for a warning, never a refusal.

    In free text (a role, a fact): two or more words that each start with a capital and go on in
    small letters ('Priya Sharma'), so 'investigating officer' or 'AHTU inspector' pass. In an
    identifier, any two or more words of letters only ('priya_sharma', 'PriyaSharma'), while
    'V-2026-014', 'PS' and 'MH-PUNE' pass.
    """
    if identifier:
        words = [w for w in re.split(r"[\s._-]+|(?<=[a-z])(?=[A-Z])", text.strip()) if w]
        return len(words) >= 2 and all(w.isalpha() and len(w) >= 2 for w in words) and not all(w.isupper() for w in words)
    return re.search(r"\b[A-Z][a-z]+(?: +[A-Z][a-z]+)+\b", text) is not None


def check_pseudonym(value: str, option: str) -> str:
    """A person's opaque id: letters, digits and . _ - only (so never 'First Last')."""
    text = value.strip()
    if not _PSEUDONYM.match(text):
        raise UsageProblem(f"{option} {value!r}: a pseudonymous id is 2-64 letters, digits, '.', '_' or '-'",
                           hint="use the id your office gives the person (e.g. V-2026-014), never a name")
    return text


@dataclass(frozen=True)
class Entry:
    """One line of a case's history: who (department and role) recorded what, when."""

    number: int  # the local row id: what a user types after --corrects
    uid: str  # the same in every register the case travels to
    case_id: str
    kind: str  # open, district, fact, person, operation, event, step, status, import
    name: str
    value: str | None
    at: dt.datetime  # when it took effect in the case (event time, step time, status change)
    person: str | None
    department: str
    role: str | None
    recorded_at: str
    note: str | None = None
    corrects: str | None = None  # uid of the entry this one replaces
    source: str | None = None  # the register an imported entry came from

    def what(self) -> str:
        """The change in words, for the history."""
        person = f" ({self.person})" if self.person else ""
        text = {
            "open": f"opened from template {self.name}",
            "district": f"district {self.name}",
            "fact": f"fact {self.name} = {self.value}",
            "person": f"person {self.name} as {self.value}",
            "operation": f"rescue operation {self.name}",
            "event": f"event {self.name}{person} at {self.at.isoformat()}",
            "step": f"step {self.name}: {self.value} on {self.at.isoformat()}",
            "status": f"status -> {self.name}",
            "import": f"imported from {self.name}",
        }.get(self.kind, f"{self.kind} {self.name}")
        return text + (f" (corrects entry {self.corrects[:8]})" if self.corrects else "")

    def to_dict(self, notes: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number, "uid": self.uid, "kind": self.kind, "name": self.name, "value": self.value,
            "at": self.at.isoformat(), "person": self.person, "department": self.department, "role": self.role,
            "recorded_at": self.recorded_at, "corrects": self.corrects, "source": self.source,
        }
        if notes:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Occurrence:
    """An event as the case now stands (after corrections)."""

    name: str
    at: dt.datetime
    person: str | None
    department: str
    entry: int


@dataclass(frozen=True)
class StepRecord:
    outcome: str  # done, missed, not-applicable
    at: dt.datetime
    department: str
    role: str | None
    note: str | None
    entry: int


@dataclass(frozen=True)
class CaseState:
    """A case as its history says it stands (at a moment, for a report of an earlier month)."""

    id: str
    template: str
    opened_at: dt.datetime
    district: str
    status: str
    facts: dict[str, Any]
    events: dict[str, dt.datetime]  # single events (deadline triggers): the latest entry of each
    occurrences: tuple[Occurrence, ...]  # every live event entry, repeating ones included
    steps: dict[str, StepRecord]
    persons: dict[str, str]  # pseudonym -> role
    operation: str | None
    history: tuple[Entry, ...] = field(default=())

    def victims(self) -> list[str]:
        return [p for p, role in self.persons.items() if role == "victim"]


def fold(case_id: str, template: str, opened_at: dt.datetime, entries: Iterable[Entry], repeating: set[str],
         as_of: dt.datetime | None = None) -> CaseState:
    """The case as its entries (oldest first) leave it, counting only what took effect before ``as_of``."""
    history = sorted(entries, key=lambda e: e.number)
    live = [e for e in history if as_of is None or e.at < as_of]
    replaced = {e.corrects for e in live if e.corrects}
    live = [e for e in live if e.uid not in replaced]
    status, district, operation = "new", "", None
    facts: dict[str, Any] = {}
    events: dict[str, dt.datetime] = {}
    single: dict[str, Entry] = {}
    repeats: list[Entry] = []
    steps: dict[str, StepRecord] = {}
    persons: dict[str, str] = {}
    for e in live:
        if e.kind == "status":
            status = e.name
        elif e.kind == "district":
            district = e.name
        elif e.kind == "operation":
            operation = e.name
        elif e.kind == "fact":
            facts[e.name] = json.loads(e.value) if e.value is not None else None
        elif e.kind == "person":
            persons[e.name] = e.value or ""
        elif e.kind == "event":
            if e.name in repeating:
                repeats.append(e)
            else:
                single[e.name] = e
                events[e.name] = e.at
        elif e.kind == "step":
            steps[e.name] = StepRecord(e.value or "", e.at, e.department, e.role, e.note, e.number)
    occurrences = sorted((*single.values(), *repeats), key=lambda e: (e.at, e.number))
    return CaseState(
        id=case_id, template=template, opened_at=opened_at, district=district, status=status, facts=facts,
        events=events,
        occurrences=tuple(Occurrence(e.name, e.at, e.person, e.department, e.number) for e in occurrences),
        steps=steps, persons=persons, operation=operation, history=tuple(history),
    )


# --- Results of the register's questions -----------------------------------------------------


@dataclass(frozen=True)
class PlannedStep:
    """One step of a case as the checklist gives it today, with what the register recorded."""

    key: str  # the checklist's step id today ("jj-act-statutory/produce-before-cwc"); a duty id later
    title: str
    actor: str
    department: str  # who answers for it: the department recorded with --by, else the actor's
    rule: str | None
    due: dt.datetime | None  # the last instant of the period
    due_text: str | None  # as the deadline engine gives it (a date for day periods)
    deadline_status: str
    outcome: str | None
    done_at: dt.datetime | None
    state: str  # on_time, late, missed, overdue, pending, not_applicable
    aliases: tuple[str, ...] = ()  # the SOP steps a duty merges ("jj-act-statutory/produce-before-cwc")

    @property
    def is_duty(self) -> bool:
        """In the accountability matrix: a step with a deadline rule, or one somebody answered for."""
        return self.rule is not None or self.outcome is not None

    @property
    def matrix_cell(self) -> str | None:
        """on_time / late / missed / pending; an overdue step with nothing recorded counts as missed."""
        if self.state == "not_applicable" or not self.is_duty:
            return None
        return "missed" if self.state == "overdue" else self.state


@dataclass(frozen=True)
class CasePlan:
    case: CaseState
    steps: tuple[PlannedStep, ...]
    kb_version: str
    kb_date: str
    disclaimer: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DueItem:
    case_id: str
    district: str
    step: PlannedStep
    overdue: bool


@dataclass(frozen=True)
class DueList:
    as_of: dt.datetime
    until: dt.datetime
    items: tuple[DueItem, ...]
    kb_version: str
    kb_date: str
    disclaimer: str


@dataclass(frozen=True)
class ParticipationIndex:
    """TESTA's victim participation index for one case: components reached out of six."""

    components: dict[str, int]  # component -> number of recorded occurrences

    @property
    def points(self) -> int:
        return sum(1 for n in self.components.values() if n > 0)

    @property
    def value(self) -> float:
        return round(self.points / len(self.components), 2) if self.components else 0.0


@dataclass(frozen=True)
class CaseLine:
    """One case in the monthly report."""

    id: str
    district: str
    template: str
    status: str
    opened_at: dt.datetime
    next_steps: tuple[PlannedStep, ...]
    overdue: tuple[PlannedStep, ...]
    index: ParticipationIndex
    index_before: ParticipationIndex | None
    flags: tuple[str, ...]


@dataclass(frozen=True)
class MonthlyReport:
    month: str
    previous: str
    as_of: dt.datetime
    cases: tuple[CaseLine, ...]
    overdue_by_department: dict[str, list[tuple[str, PlannedStep]]]
    matrix: dict[str, dict[str, dict[str, int]]]  # department -> duty -> cell -> count
    matrix_totals: dict[str, dict[str, int]]
    matrix_totals_before: dict[str, dict[str, int]]
    indicators: dict[str, int]
    indicators_before: dict[str, int]
    mean_index: float
    mean_index_before: float | None
    flags: tuple[str, ...]
    departments: dict[str, str]
    kb_version: str
    kb_date: str
    register_data_version: str
    disclaimer: str
