"""The register's operations: open a case, record events, steps, statuses and persons, export, import.

Every change is one transaction: everything is checked first, inside the transaction that writes
(SQLite: BEGIN IMMEDIATE; PostgreSQL: the case row locked), and any error rolls it back, so bad
input changes nothing. The history is append-only: rows are inserted, never updated or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lexkit.cases.models import (
    OUTCOMES,
    PERSON_ROLES,
    STATUSES,
    TRANSITIONS,
    CaseState,
    Entry,
    check_pseudonym,
    fold,
    looks_like_name,
)
from lexkit.cases.reference import RegisterData, register_data
from lexkit.errors import LexkitError, NotFound, UsageProblem
from lexkit.kb.knowledge import KnowledgeBase

EXPORT_FORMAT = "lexkit-register-export"
EXPORT_VERSION = 1
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U to misread


class StatusRefused(LexkitError):
    """A status change the case's current status does not allow."""

    exit_code = 1


@dataclass(frozen=True)
class Change:
    """What a write did: the case, the entry numbers it added, and warnings for the person."""

    case_id: str
    entries: tuple[int, ...]
    warnings: tuple[str, ...] = ()


def _now() -> dt.datetime:
    from lexkit.law.deadlines import IST

    return dt.datetime.now(IST).replace(microsecond=0)


def _utc_stamp() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def new_case_id() -> str:
    """An opaque id: 'C-' and 10 random base32 characters (50 bits), meaningless outside the register."""
    return "C-" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(10))


def _name_warnings(values: Mapping[str, str | None], identifiers: Mapping[str, str | None] | None = None) -> list[str]:
    """A warning for each value shaped like a full name: free text, and identifiers (stricter)."""
    found = [(what, value) for what, value in (identifiers or {}).items() if value and looks_like_name(value, identifier=True)]
    found += [(what, value) for what, value in values.items() if value and looks_like_name(value)]
    return [f"{what} {value!r} looks like a person's name: use initials or a pseudonymous id, never a victim's name"
            for what, value in found]


class Register:
    """One register (an SQLite file or a PostgreSQL database) and the knowledge base it plans with."""

    def __init__(self, engine: Any, data: RegisterData | None = None) -> None:
        self.engine = engine
        self.data = data or register_data()

    # --- reading ------------------------------------------------------------------------------

    def _fold(self, head: Any, found: list[Entry], as_of: dt.datetime | None) -> CaseState:
        repeating = {e.id for e in self.data.events.values() if e.repeats}
        return fold(head.id, head.template, dt.datetime.fromisoformat(head.opened_at), found, repeating, as_of)

    def cases(self, as_of: dt.datetime | None = None) -> list[CaseState]:
        """Every case as it stood just before ``as_of`` (now, when None), in order of opening."""
        from sqlalchemy import select

        from lexkit.cases.db import transaction
        from lexkit.cases.tables import cases, entries

        with transaction(self.engine, write=False) as connection:
            heads = list(connection.execute(select(cases)))
            by_case: dict[str, list[Entry]] = {h.id: [] for h in heads}
            for r in connection.execute(select(entries).order_by(entries.c.id)):
                by_case[r.case_id].append(_entry(r))
        states = [self._fold(h, by_case[h.id], as_of) for h in heads
                  if as_of is None or dt.datetime.fromisoformat(h.opened_at) < as_of]
        return sorted(states, key=lambda c: (c.opened_at, c.id))

    def case(self, case_id: str, as_of: dt.datetime | None = None) -> CaseState:
        from lexkit.cases.db import transaction

        with transaction(self.engine, write=False) as connection:
            return self._locked_case(connection, case_id, lock=False, as_of=as_of)

    def _locked_case(self, connection: Any, case_id: str, *, lock: bool, as_of: dt.datetime | None = None) -> CaseState:
        from sqlalchemy import select

        from lexkit.cases.tables import cases, entries

        query = select(cases).where(cases.c.id == case_id.strip().upper())
        if lock and connection.dialect.name == "postgresql":
            query = query.with_for_update()
        head = connection.execute(query).first()
        if head is None:
            raise NotFound(f"no case '{case_id}' in this register", hint="see 'lexkit due' or 'lexkit case report' for case ids")
        found = [_entry(r) for r in connection.execute(select(entries).where(entries.c.case_id == head.id).order_by(entries.c.id))]
        return self._fold(head, found, as_of)

    # --- checks -------------------------------------------------------------------------------

    def department(self, given: str | None, option: str = "--by") -> str:
        if not given or not given.strip():
            raise UsageProblem("who records this? give --by DEPARTMENT (or set LEXKIT_DEPARTMENT)",
                               hint="departments: " + ", ".join(self.data.departments))
        key = given.strip().lower()
        if key not in self.data.departments:
            import difflib

            close = difflib.get_close_matches(key, list(self.data.departments), n=2)
            raise NotFound(f"{option} {given}: no such department",
                           hint=(f"did you mean {' or '.join(close)}? " if close else "") + "departments: " + ", ".join(self.data.departments))
        return key

    def district(self, given: str, option: str = "--district") -> str:
        key = given.strip()
        for d in self.data.districts.values():
            if key.upper() == d.id or key.casefold() == d.title.casefold():
                return d.id
        import difflib

        close = difflib.get_close_matches(key.upper(), list(self.data.districts), n=3, cutoff=0.5)
        raise NotFound(f"{option} {given}: no such district in the register data",
                       hint=(f"did you mean {' or '.join(close)}?" if close else f"see {self.data.file}"))

    @staticmethod
    def _not_before_opening(case: CaseState, at: dt.datetime, what: str) -> None:
        if at < case.opened_at:
            raise UsageProblem(f"{what} {at.isoformat()} is before case {case.id} was opened ({case.opened_at.isoformat()})",
                               hint="check the date; nothing was recorded")

    # --- writing ------------------------------------------------------------------------------

    def _insert(self, connection: Any, case_id: str, kind: str, name: str, *, at: dt.datetime, department: str,
                value: str | None = None, person: str | None = None, role: str | None = None, note: str | None = None,
                corrects: str | None = None, source: str | None = None, uid: str | None = None,
                recorded_at: str | None = None) -> int:
        from sqlalchemy import insert

        from lexkit.cases.tables import entries

        result = connection.execute(insert(entries).values(
            uid=uid or uuid.uuid4().hex, case_id=case_id, kind=kind, name=name, value=value, at=at.isoformat(),
            person=person, department=department, role=role, recorded_at=recorded_at or _utc_stamp(), note=note,
            corrects=corrects, source=source,
        ))
        return int(result.inserted_primary_key[0])

    def open_case(self, kb: KnowledgeBase, template_id: str, at: dt.datetime, raw_facts: Mapping[str, str], *,
                  district: str, department: str | None, role: str | None = None, victim_id: str | None = None,
                  operation: str | None = None, note: str | None = None) -> Change:
        """Open a case from a checklist template: an opaque id, its district, facts and (pseudonymous) victim."""
        from sqlalchemy import insert

        from lexkit.cases.db import transaction
        from lexkit.cases.tables import cases
        from lexkit.procedure.checklists import find_template, missing_facts, parse_facts

        template = find_template(kb, template_id)
        facts = parse_facts(template, raw_facts)
        missing = missing_facts(template, facts)
        if missing:
            raise UsageProblem("missing " + " ".join(f"--fact {s.name}=..." for s in missing) + f" for template {template.id}",
                               hint="; ".join(f"{s.name}: {s.prompt}" for s in missing))
        dept = self.department(department)
        district_id = self.district(district)
        victim = check_pseudonym(victim_id, "--victim-id") if victim_id else None
        op = check_pseudonym(operation, "--operation") if operation else None
        warnings = _name_warnings({"--role": role, **{f"--fact {k}": v for k, v in raw_facts.items() if isinstance(facts.get(k), str)}},
                                  {"--victim-id": victim, "--operation": op})
        case_id = new_case_id()
        with transaction(self.engine, write=True) as connection:
            connection.execute(insert(cases).values(id=case_id, template=template.id, opened_at=at.isoformat(),
                                                    recorded_at=_utc_stamp()))
            numbers = [self._insert(connection, case_id, "open", template.id, at=at, department=dept, role=role, note=note),
                       self._insert(connection, case_id, "status", "new", at=at, department=dept, role=role),
                       self._insert(connection, case_id, "district", district_id, at=at, department=dept, role=role),
                       self._insert(connection, case_id, "event", template.primary_event.name, at=at, department=dept,
                                    role=role)]
            for name, value in facts.items():
                numbers.append(self._insert(connection, case_id, "fact", name, value=json.dumps(value), at=at,
                                            department=dept, role=role))
            if victim:
                numbers.append(self._insert(connection, case_id, "person", victim, value="victim", at=at,
                                            department=dept, role=role))
            if op:
                numbers.append(self._insert(connection, case_id, "operation", op, at=at, department=dept, role=role))
        return Change(case_id, tuple(numbers), tuple(warnings))

    def _corrected(self, connection: Any, case: CaseState, number: int | None) -> str | None:
        if number is None:
            return None
        for entry in case.history:
            if entry.number == number:
                return entry.uid
        raise NotFound(f"--corrects {number}: case {case.id} has no entry {number}",
                       hint=f"entry numbers are in 'lexkit case show {case.id}'")

    def record_event(self, kb: KnowledgeBase, case_id: str, name: str, at: dt.datetime, *, department: str | None,
                     role: str | None = None, person: str | None = None, note: str | None = None,
                     corrects: int | None = None) -> Change:
        """Record that an event happened (FIR, arrest, remand, statement, hearing ...)."""
        from lexkit.cases.db import transaction
        from lexkit.procedure.checklists import event_names, find_template

        dept = self.department(department)
        event = name.strip()
        with transaction(self.engine, write=True) as connection:
            case = self._locked_case(connection, case_id, lock=True)
            template = find_template(kb, case.template)
            allowed = list(dict.fromkeys([*event_names(kb, template), *self.data.events]))
            if event not in allowed:
                import difflib

                close = difflib.get_close_matches(event, allowed, n=3)
                raise NotFound(f"case {case.id}: no event '{event}' for template {template.id}",
                               hint=("did you mean " + " or ".join(close) + "? " if close else "") + "events: " + ", ".join(allowed))
            if at < case.opened_at and event not in self.data.before_opening:
                self._not_before_opening(case, at, f"event {event}")
            who = None
            if person:
                who = check_pseudonym(person, "--person")
                spec = self.data.events.get(event)
                if spec is None or not spec.person:
                    raise UsageProblem(f"event {event} is not about one person: leave out --person",
                                       hint="--person goes with " + ", ".join(e.id for e in self.data.events.values() if e.person))
                if who not in case.persons:
                    raise NotFound(f"case {case.id} has no person {who}",
                                   hint=f"add them first: lexkit case person {case.id} ROLE {who} --by DEPARTMENT")
            uid = self._corrected(connection, case, corrects)
            number = self._insert(connection, case.id, "event", event, at=at, department=dept, role=role, person=who,
                                  note=note, corrects=uid)
        return Change(case.id, (number,), tuple(_name_warnings({"--role": role})))

    def record_step(self, kb: KnowledgeBase, case_id: str, step: str, outcome: str, *, department: str | None,
                    on: dt.datetime | None = None, role: str | None = None, note: str | None = None,
                    corrects: int | None = None) -> Change:
        """Record a step as done, missed or not applicable, by the department that answers for it."""
        from lexkit.cases.db import transaction
        from lexkit.cases.plan import resolve_step

        if outcome not in OUTCOMES:
            raise UsageProblem(f"step outcome '{outcome}' is not one of {', '.join(OUTCOMES)}")
        dept = self.department(department)
        when = on or _now()
        with transaction(self.engine, write=True) as connection:
            case = self._locked_case(connection, case_id, lock=True)
            key = resolve_step(kb, self.data, case, step.strip(), when)
            self._not_before_opening(case, when, f"step {key} on")
            uid = self._corrected(connection, case, corrects)
            number = self._insert(connection, case.id, "step", key, value=outcome, at=when, department=dept, role=role,
                                  note=note, corrects=uid)
        return Change(case.id, (number,), tuple(_name_warnings({"--role": role})))

    def change_status(self, case_id: str, status: str, *, department: str | None, on: dt.datetime | None = None,
                      role: str | None = None, note: str | None = None) -> Change:
        """Move a case to a new status, if its current status allows it."""
        from lexkit.cases.db import transaction

        wanted = status.strip().lower()
        if wanted not in STATUSES:
            raise UsageProblem(f"status '{status}' is not one of {', '.join(STATUSES)}")
        dept = self.department(department)
        when = on or _now()
        with transaction(self.engine, write=True) as connection:
            case = self._locked_case(connection, case_id, lock=True)
            if wanted not in TRANSITIONS[case.status]:
                allowed = ", ".join(TRANSITIONS[case.status])
                raise StatusRefused(f"case {case.id} is {case.status}: it cannot become {wanted}",
                                    hint=f"from {case.status} it can become: {allowed}")
            self._not_before_opening(case, when, "status change on")
            number = self._insert(connection, case.id, "status", wanted, at=when, department=dept, role=role, note=note)
        return Change(case.id, (number,))

    def add_person(self, case_id: str, role_in_case: str, pseudonym: str, *, department: str | None,
                   on: dt.datetime | None = None, role: str | None = None, note: str | None = None) -> Change:
        """Link a person to the case by a pseudonymous id only: a victim, trafficker, exploiter or customer."""
        from lexkit.cases.db import transaction

        kind = role_in_case.strip().lower()
        if kind not in PERSON_ROLES:
            raise UsageProblem(f"person role '{role_in_case}' is not one of {', '.join(PERSON_ROLES)}")
        who = check_pseudonym(pseudonym, "PSEUDONYM")
        dept = self.department(department)
        when = on or _now()
        with transaction(self.engine, write=True) as connection:
            case = self._locked_case(connection, case_id, lock=True)
            self._not_before_opening(case, when, "person added on")
            number = self._insert(connection, case.id, "person", who, value=kind, at=when, department=dept, role=role,
                                  note=note)
        return Change(case.id, (number,), tuple(_name_warnings({"--role": role}, {"PSEUDONYM": who})))

    # --- export and import --------------------------------------------------------------------

    def export(self, case_ids: Iterable[str] | None = None, *, notes: bool = False) -> dict[str, Any]:
        """Cases and their whole history as data another register can import; notes only when asked."""
        from sqlalchemy import select

        from lexkit.cases.db import transaction
        from lexkit.cases.tables import cases, entries

        wanted = [c.strip().upper() for c in case_ids] if case_ids else None
        with transaction(self.engine, write=False) as connection:
            query = select(cases).order_by(cases.c.opened_at, cases.c.id)
            if wanted:
                query = query.where(cases.c.id.in_(wanted))
            heads = list(connection.execute(query))
            if wanted:
                missing = sorted(set(wanted) - {h.id for h in heads})
                if missing:
                    raise NotFound(f"no case {', '.join(missing)} in this register", hint="check the case ids")
            out = []
            for head in heads:
                rows = connection.execute(select(entries).where(entries.c.case_id == head.id).order_by(entries.c.id))
                out.append({"id": head.id, "template": head.template, "opened_at": head.opened_at,
                            "entries": [_export_entry(_entry(r), notes) for r in rows]})
        return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported_at": _utc_stamp(),
                "register_data": self.data.version, "notes_included": notes, "cases": out}

    def import_cases(self, kb: KnowledgeBase, payload: Mapping[str, Any], *, department: str | None,
                     source: str, district: str | None = None, role: str | None = None) -> list[Change]:
        """Import an export: new cases whole, known cases only the entries this register lacks."""
        from sqlalchemy import insert, select

        from lexkit.cases.db import transaction
        from lexkit.cases.tables import cases, entries
        from lexkit.procedure.checklists import find_template

        dept = self.department(department)
        district_id = self.district(district) if district else None
        if payload.get("format") != EXPORT_FORMAT or payload.get("version") != EXPORT_VERSION:
            raise UsageProblem(f"{source}: not a lexkit register export (version {EXPORT_VERSION})",
                               hint="make it with 'lexkit case export --format json' or '--format csv'")
        incoming = _checked_cases(payload.get("cases"), source)
        for case in incoming:
            find_template(kb, case["template"])
            for e in case["entries"]:
                if e["department"] not in self.data.departments:
                    raise NotFound(f"{source}: case {case['id']} names department '{e['department']}', unknown here",
                                   hint=f"add it to the register data ({self.data.file}) first")
        now = _now()
        changes = []
        with transaction(self.engine, write=True) as connection:
            known_uids = {r[0] for r in connection.execute(select(entries.c.uid))}
            for case in incoming:
                cid = case["id"]
                if connection.execute(select(cases.c.id).where(cases.c.id == cid)).first() is None:
                    connection.execute(insert(cases).values(id=cid, template=case["template"], opened_at=case["opened_at"],
                                                            recorded_at=_utc_stamp()))
                numbers = []
                for e in case["entries"]:
                    if e["uid"] in known_uids:
                        continue
                    numbers.append(self._insert(
                        connection, cid, e["kind"], e["name"], at=dt.datetime.fromisoformat(e["at"]),
                        department=e["department"], value=e.get("value"), person=e.get("person"), role=e.get("role"),
                        note=e.get("note"), corrects=e.get("corrects"), source=e.get("source") or source, uid=e["uid"],
                        recorded_at=e["recorded_at"]))
                numbers.append(self._insert(connection, cid, "import", source, at=now, department=dept, role=role))
                if district_id:
                    numbers.append(self._insert(connection, cid, "district", district_id, at=now, department=dept, role=role))
                changes.append(Change(cid, tuple(numbers)))
        return changes


_ENTRY_KINDS = ("open", "district", "fact", "person", "operation", "event", "step", "status", "import")


def _checked_cases(cases: Any, source: str) -> list[dict[str, Any]]:
    """The cases of an export, each entry checked, so a damaged file is refused whole, with its place."""
    if not isinstance(cases, list):
        raise UsageProblem(f"{source}: no list of cases", hint="make it with 'lexkit case export'")
    for i, case in enumerate(cases):
        where = f"{source}: case {i + 1}"
        if not isinstance(case, dict) or not all(isinstance(case.get(k), str) and case.get(k) for k in ("id", "template", "opened_at")):
            raise UsageProblem(f"{where}: needs id, template and opened_at")
        entries = case.get("entries")
        if not isinstance(entries, list) or not entries:
            raise UsageProblem(f"{where} ({case['id']}): no history entries")
        for n, e in enumerate([{"at": case["opened_at"]}, *entries]):
            try:
                if n:
                    for key in ("uid", "kind", "name", "department", "recorded_at"):
                        if not isinstance(e.get(key), str) or not e[key]:
                            raise ValueError(f"'{key}' is missing")
                    if e["kind"] not in _ENTRY_KINDS:
                        raise ValueError(f"unknown kind '{e['kind']}'")
                stamp = dt.datetime.fromisoformat(str(e.get("at")))
                if stamp.tzinfo is None:
                    raise ValueError("a time without its offset")
            except (ValueError, TypeError, AttributeError) as exc:
                raise UsageProblem(f"{where} ({case['id']}), entry {n}: {exc}",
                                   hint="the file is damaged: export it again; nothing was imported") from None
    return cases


def _entry(row: Any) -> Entry:
    return Entry(number=row.id, uid=row.uid, case_id=row.case_id, kind=row.kind, name=row.name, value=row.value,
                 at=dt.datetime.fromisoformat(row.at), person=row.person, department=row.department, role=row.role,
                 recorded_at=row.recorded_at, note=row.note, corrects=row.corrects, source=row.source)


def _export_entry(entry: Entry, notes: bool) -> dict[str, Any]:
    data = entry.to_dict(notes)
    data.pop("number")
    return data


EXPORT_CSV_COLUMNS = ("case_id", "template", "opened_at", "uid", "kind", "name", "value", "at", "person", "department",
                      "role", "recorded_at", "corrects", "source", "note")


def export_csv(payload: Mapping[str, Any]) -> str:
    """The export as CSV: one row per history entry, the case's own columns repeated on each."""
    import csv
    import io

    buffer = io.StringIO()
    columns = [c for c in EXPORT_CSV_COLUMNS if c != "note" or payload["notes_included"]]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for case in payload["cases"]:
        for e in case["entries"]:
            writer.writerow({"case_id": case["id"], "template": case["template"], "opened_at": case["opened_at"],
                             **{k: e.get(k) for k in columns if k in e}})
    return buffer.getvalue()


def read_export(text: str, source: str) -> dict[str, Any]:
    """An export file's data, from its JSON or CSV text."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageProblem(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        if not isinstance(data, dict):
            raise UsageProblem(f"{source}: not a lexkit register export")
        return data
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"case_id", "uid", "kind"} <= set(reader.fieldnames):
        raise UsageProblem(f"{source}: neither a JSON nor a CSV register export",
                           hint="make it with 'lexkit case export --format json' or '--format csv'")
    by_case: dict[str, dict[str, Any]] = {}
    for row in reader:
        case = by_case.setdefault(row["case_id"], {"id": row["case_id"], "template": row["template"],
                                                   "opened_at": row["opened_at"], "entries": []})
        case["entries"].append({k: (row[k] or None) for k in EXPORT_CSV_COLUMNS[3:] if k in row})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "cases": list(by_case.values())}


def open_register(location: str | None = None) -> Register:
    """The register at ``location`` (default: LEXKIT_DB or the user's data folder), schema at HEAD."""
    from lexkit.cases.db import create_engine_for, ensure_schema
    from lexkit.dirs import register_location

    engine = create_engine_for(location or register_location())
    ensure_schema(engine)
    return Register(engine)
