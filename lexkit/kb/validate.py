"""Validate the knowledge base: JSON Schema per file, then referential integrity across files.

Every problem is collected and reported as ``file:line: $.path: message``, never just the first.
jsonschema is imported here only, so look-ups never pay for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lexkit.kb.knowledge import KnowledgeBase, alias_key, build, load_documents, split_ref
from lexkit.kb.models import Document
from lexkit.kb.schemas import fast_validators
from lexkit.kb.schemas import validators as schema_validators
from lexkit.kb.yamlload import LoadProblem, json_path, paused_gc

Problem = LoadProblem
SCHEMA_OF_KIND = {
    "act": "act.schema.json",
    "correspondence": "correspondence.schema.json",
    "meta": "meta.schema.json",
    "sop": "sop.schema.json",
    "checklist": "checklist.schema.json",
    "calendar": "calendar.schema.json",
    "judgement": "judgement.schema.json",
    "duty": "duty.schema.json",
}


@dataclass(frozen=True)
class ValidationReport:
    root: str
    files: int
    problems: tuple[Problem, ...]
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "ok": self.ok,
            "files": self.files,
            "counts": self.counts,
            "problems": [
                {"file": p.file, "line": p.line, "path": p.path, "message": p.message} for p in self.problems
            ],
        }


def _schema_problems(doc: Document, validator: Any) -> Iterator[Problem]:
    from jsonschema.exceptions import best_match

    for error in validator.iter_errors(doc.data):
        if error.context:
            error = best_match(error.context)
        path = tuple(error.absolute_path)
        line = _line(doc, path)
        yield Problem(doc.file, line, json_path(path), error.message)


def _line(doc: Document, path: tuple[Any, ...]) -> int:
    p = tuple(path)
    while p:
        if p in doc.lines:
            return doc.lines[p]
        p = p[:-1]
    return doc.lines.get((), 1)


Check = Callable[[KnowledgeBase, Callable[[Document, tuple[Any, ...], str], None]], None]
INTEGRITY_CHECKS: list[Check] = []


def integrity_check(fn: Check) -> Check:
    """Register a cross-file check (other modules add theirs for SOPs, checklists, judgements)."""
    INTEGRITY_CHECKS.append(fn)
    return fn


def _has_primary(raw: dict[str, Any]) -> bool:
    return any(s.get("kind") == "primary" for s in raw.get("sources") or ())


def provenance_problems(raw: dict[str, Any]) -> list[str]:
    """Provenance rules a schema cannot state: 'primary' needs a primary source."""
    if raw.get("verification") == "primary" and not _has_primary(raw):
        return ["verification is 'primary' but no source has kind 'primary': add one or lower it"]
    return []


@integrity_check
def _check_provisions(kb: KnowledgeBase, report: Callable[[Document, tuple[Any, ...], str], None]) -> None:
    seen_sections: dict[str, str] = {}
    seen_limits: dict[str, str] = {}
    aliases: dict[str, str] = {}
    codes = set(kb.acts)
    for doc in kb.docs_of("act"):
        act = doc.data["act"]
        code = act["code"]
        for msg in provenance_problems(act):
            report(doc, ("act", "verification"), msg)
        for key in ("repealed_by", "replaces"):
            if act.get(key) and act[key] not in codes:
                report(doc, ("act", key), f"unknown act code '{act[key]}'")
        for j, alias in enumerate(act.get("aliases") or ()):
            norm = alias_key(alias)
            if norm in aliases and aliases[norm] != code:
                report(doc, ("act", "aliases", j), f"alias '{alias}' is also an alias of {aliases[norm]}")
            aliases[norm] = code
        for i, sec in enumerate(doc.data["sections"]):
            sid = sec["id"]
            base = ("sections", i)
            if sid in seen_sections and doc.origin is None:  # an overlay's duplicates are judged when it is merged
                report(doc, (*base, "id"), f"duplicate id {sid} (also in {seen_sections[sid]})")
            seen_sections[sid] = doc.file
            if sid != f"{code}-{sec['number']}":
                report(doc, (*base, "id"), f"id {sid} does not match act {code} and number {sec['number']}")
            for msg in provenance_problems(sec):
                report(doc, (*base, "verification"), msg)
            for j, ref in enumerate(sec.get("cross_references") or ()):
                if split_ref(ref)[0] not in kb.sections:
                    report(doc, (*base, "cross_references", j), f"reference to unknown provision {ref}")
            for j, tl in enumerate(sec.get("time_limits") or ()):
                tid = tl["id"]
                if tid in seen_limits and doc.origin is None:
                    report(doc, (*base, "time_limits", j, "id"), f"duplicate time-limit id {tid}")
                seen_limits[tid] = doc.file
                if not tid.startswith(sid + "."):
                    report(doc, (*base, "time_limits", j, "id"), f"time-limit id {tid} must start with {sid}.")
                for msg in provenance_problems(tl):
                    report(doc, (*base, "time_limits", j, "verification"), msg)


@integrity_check
def _check_correspondence(kb: KnowledgeBase, report: Callable[[Document, tuple[Any, ...], str], None]) -> None:
    for doc in kb.docs_of("correspondence"):
        head = doc.data["correspondence"]
        for key in ("from_act", "to_act"):
            if head[key] not in kb.acts:
                report(doc, ("correspondence", key), f"unknown act code '{head[key]}'")
        for i, row in enumerate(doc.data["rows"]):
            base = ("rows", i)
            for msg in provenance_problems(row):
                report(doc, (*base, "verification"), msg)
            for key, act_key in (("from", "from_act"), ("to", "to_act")):
                ref = row.get(key)
                if ref is None:
                    continue
                sid = split_ref(ref)[0]
                if sid not in kb.sections:
                    report(doc, (*base, key), f"{ref} is not a provision in the knowledge base")
                elif kb.sections[sid].act != head[act_key]:
                    report(doc, (*base, key), f"{ref} is not a section of {head[act_key]}")
            relation = row["relation"]
            if relation == "new" and row.get("from") is not None:
                report(doc, (*base, "from"), "a 'new' row has from: null")
            elif relation == "omitted" and row.get("to") is not None:
                report(doc, (*base, "to"), "an 'omitted' row has to: null")
            elif relation not in ("new", "omitted") and (row.get("from") is None or row.get("to") is None):
                report(doc, base, f"a '{relation}' row needs both from and to")


def validate(root: Path | tuple[Path, ...]) -> ValidationReport:
    """Validate every file of a knowledge base (a folder, or a base and its overlays) and the references between them."""
    roots = root if isinstance(root, tuple) else (root,)
    docs, load_problems = load_documents(roots)
    return validate_documents(roots[0], docs, load_problems, roots)


def validate_documents(root: Path, docs: list[Document], load_problems: list[Problem],
                       roots: tuple[Path, ...] = ()) -> ValidationReport:
    """Validate loaded documents: each against its schema, then the references between them."""
    return checked_knowledge_base(root, docs, load_problems, roots)[0]


def checked_knowledge_base(root: Path, docs: list[Document], load_problems: list[Problem],
                           roots: tuple[Path, ...] = ()) -> tuple[ValidationReport, KnowledgeBase]:
    """The validation report and the knowledge base indexed on the way (whole when the report is clean)."""
    with paused_gc():
        return _checked_knowledge_base(root, docs, load_problems, roots)


def _checked_knowledge_base(root: Path, docs: list[Document], load_problems: list[Problem],
                            roots: tuple[Path, ...]) -> tuple[ValidationReport, KnowledgeBase]:
    problems: list[Problem] = list(load_problems)
    validators = schema_validators()
    valid_docs: list[Document] = []
    for doc in docs:
        schema = SCHEMA_OF_KIND.get(doc.kind)
        if schema not in validators:
            problems.append(Problem(doc.file, 1, "$", f"no schema for a '{doc.kind}' file"))
            continue
        fast = fast_validators()
        valid = fast is not None and fast[schema].is_valid(doc.data)
        found = [] if valid else list(_schema_problems(doc, validators[schema]))
        problems.extend(found)
        if not found:
            valid_docs.append(doc)
    if not any(d.kind == "meta" for d in docs):
        problems.append(Problem("provisions/kb.yaml", 1, "$", "missing: the knowledge base has no version file"))
    # Index every document that can be indexed (no cascades), but run the cross-file checks
    # only over documents that passed their schema (the checks rely on its shape).
    kb = build(root, docs, strict=False, roots=roots)
    valid = {id(d) for d in valid_docs}
    kb.documents = [d for d in kb.documents if id(d) in valid]

    def report(doc: Document, path: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(doc.file, _line(doc, path), json_path(path), message))

    for doc, path, message in kb.overlay_problems:
        report(doc, path, message)
    for check in INTEGRITY_CHECKS:
        check(kb, report)
    counts = {
        "acts": len(kb.acts),
        "sections": len(kb.sections),
        "time_limits": len(kb.time_limits),
        "correspondence_rows": len(kb.correspondence),
    }
    counts["duties"] = sum(len(d.data.get("duties") or ()) for d in kb.docs_of("duty"))
    for kind in ("sop", "checklist", "calendar", "judgement"):
        counts[kind + "s"] = len(kb.docs_of(kind))
    # A file that does not load comes first: the reference errors after it may only follow from it.
    unloaded = {id(p) for p in load_problems}
    problems.sort(key=lambda p: (id(p) not in unloaded, p.file, p.line, p.path))
    files = len(docs) + len({p.file for p in load_problems} - {d.file for d in docs})
    return ValidationReport(str(root), files, tuple(problems), counts), kb


@dataclass(frozen=True)
class CheckedItem:
    """One knowledge-base item that carries a verification status, and where it is."""

    file: str
    line: int  # 0 where the item has no line of its own
    label: str  # as `kb unverified` prints it after the place: "BNS-143 Trafficking of person"
    verification: str | None
    last_verified_on: str | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.label}" if self.line else f"{self.file}: {self.label}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line or None, "item": self.label,
                "verification": self.verification, "last_verified_on": self.last_verified_on}


def checked_items(kb: KnowledgeBase) -> list[CheckedItem]:
    """Every item with a verification status, verified or not: the one walker for `kb unverified` and `kb doctor`."""
    out: list[CheckedItem] = []

    def add(file: str, line: int, label: str, raw: Any) -> None:
        out.append(CheckedItem(file, line, label, raw.get("verification"), raw.get("last_verified_on")))

    for act in kb.acts.values():
        out.append(CheckedItem(act.file, 0, f"act {act.code}", act.provenance.verification, act.provenance.last_verified_on))
    for s in kb.sections.values():
        out.append(CheckedItem(s.file, s.line, f"{s.id} {s.title}", s.provenance.verification, s.provenance.last_verified_on))
        for t in s.time_limits:
            out.append(CheckedItem(s.file, 0, f"time limit {t.id}", t.provenance.verification, t.provenance.last_verified_on))
        for c in s.classification:
            label = f"classification of {s.id}" + (f" ({c.applies_to})" if c.applies_to else "")
            out.append(CheckedItem(s.file, 0, label, c.verification, s.provenance.last_verified_on))
        for v in s.versions:  # each earlier form carries its own sources and status
            since = f"{v.in_force_from} " if v.in_force_from else ""
            out.append(CheckedItem(s.file, 0, f"earlier form of {s.id} ({since}to {v.in_force_to})",
                                   v.provenance.verification, v.provenance.last_verified_on))
    for r in kb.correspondence:
        out.append(CheckedItem(r.file, r.line, f"{r.from_ref or '(new)'} -> {r.to_ref or '(omitted)'}",
                               r.provenance.verification, r.provenance.last_verified_on))
    for doc in kb.docs_of("sop"):
        head = doc.data["sop"]
        add(doc.file, 0, f"SOP {head['id']}", head)
        for i, step in enumerate(doc.data.get("steps") or ()):
            add(doc.file, doc.lines.get(("steps", i), 0), f"step {step['id']}", step)
            deadline = step.get("deadline") or {}
            if "verification" in deadline:
                add(doc.file, 0, f"deadline {deadline.get('id')}", deadline)
        for i, ent in enumerate(doc.data.get("entitlements") or ()):
            add(doc.file, doc.lines.get(("entitlements", i), 0), f"entitlement {ent['id']}", ent)
    for doc in kb.docs_of("duty"):
        for i, duty in enumerate(doc.data.get("duties") or ()):
            add(doc.file, doc.lines.get(("duties", i), 0), f"duty {duty['id']}", duty)
            for a in duty.get("authorities") or ():
                citation = a.get("citation") or ""
                if "not verified" in citation or "unverified" in citation:
                    out.append(CheckedItem(doc.file, 0, f"authority of duty {duty['id']}: {citation}", "unverified", None))
    for doc in kb.docs_of("judgement"):
        j = doc.data["judgement"]
        add(doc.file, 0, f"judgement {j['id']}", j)
        for c in j.get("citations") or ():
            add(doc.file, 0, f"citation {c['citation']} ({j['id']})", c)
        for h in j.get("later_history") or ():
            detail = h["detail"]["en"] if isinstance(h["detail"], dict) else h["detail"]
            add(doc.file, 0, f"later history of {j['id']} ({h['relation']}): {detail[:80].rstrip()}", h)
    for doc in kb.documents:  # translations carry their own verification (Text.translation)
        pending = _unverified_translations(doc.data)
        if pending:
            out.append(CheckedItem(doc.file, 0, f"{pending} Hindi translation(s) not yet checked", "unverified", None))
    return out


def unverified_items(kb: KnowledgeBase) -> list[str]:
    """Every item still marked unverified, for `kb unverified` and closing notes."""
    return [str(item) for item in checked_items(kb) if item.verification == "unverified"]


@dataclass(frozen=True)
class DoctorReport:
    """What `kb doctor` lists: unverified items, items not checked for over a year, overlay overrides."""

    today: str
    unverified: tuple[CheckedItem, ...]
    stale: tuple[CheckedItem, ...]
    overrides: tuple[str, ...]

    @property
    def anything(self) -> bool:
        return bool(self.unverified or self.stale or self.overrides)

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today,
            "counts": {"unverified": len(self.unverified), "stale": len(self.stale), "overrides": len(self.overrides)},
            "unverified": [i.to_dict() for i in self.unverified],
            "stale": [i.to_dict() for i in self.stale],
            "overrides": list(self.overrides),
        }


#: An item last checked longer ago than this is listed: the law, amounts and notifications change.
STALE_AFTER_DAYS = 365


def doctor(kb: KnowledgeBase, today: dt.date) -> DoctorReport:
    """Unverified items, and items whose last_verified_on is over a year before ``today``."""
    limit = today - dt.timedelta(days=STALE_AFTER_DAYS)
    items = checked_items(kb)
    unverified = tuple(i for i in items if i.verification == "unverified")
    stale = []
    for item in items:
        try:
            checked = dt.date.fromisoformat(item.last_verified_on) if item.last_verified_on else None
        except ValueError:  # kb validate reports a malformed date; here it only cannot be judged
            checked = None
        if checked is not None and checked < limit and item.verification != "unverified":
            stale.append(item)
    # Overlays (issue 8, point 1) record here every shipped record they replace, with the folder.
    overrides = tuple(str(o) for o in getattr(kb, "overrides", ()) or ())
    return DoctorReport(today.isoformat(), unverified, tuple(stale), overrides)


def _unverified_translations(data: Any) -> int:
    """How many text fields in a document carry a translation still marked unverified."""
    if isinstance(data, dict):
        record = data.get("translation")
        own = 1 if isinstance(record, dict) and record.get("verification") == "unverified" else 0
        return own + sum(_unverified_translations(v) for k, v in data.items() if k != "translation")
    if isinstance(data, list):
        return sum(_unverified_translations(v) for v in data)
    return 0


def _check_refs(kb: KnowledgeBase, doc: Document, refs: Any, path: tuple[Any, ...],
                report: Callable[[Document, tuple[Any, ...], str], None]) -> None:
    for j, ref in enumerate(refs or ()):
        if split_ref(ref)[0] not in kb.sections:
            report(doc, (*path, j), f"reference to unknown provision {ref}")


@integrity_check
def _check_sops(kb: KnowledgeBase, report: Callable[[Document, tuple[Any, ...], str], None]) -> None:
    seen: dict[str, str] = {}
    for doc in kb.docs_of("sop"):
        head = doc.data["sop"]
        if head["id"] in seen:
            report(doc, ("sop", "id"), f"duplicate SOP id {head['id']} (also in {seen[head['id']]})")
        seen[head["id"]] = doc.file
        if Path(doc.file).name != f"{head['id']}.yaml":
            report(doc, ("sop", "id"), f"SOP id {head['id']} does not match its file name")
        for msg in provenance_problems(head):
            report(doc, ("sop", "verification"), msg)
        step_ids: set[str] = set()
        for i, step in enumerate(doc.data.get("steps") or ()):
            if step["id"] in step_ids:
                report(doc, ("steps", i, "id"), f"duplicate step id {step['id']}")
            step_ids.add(step["id"])
            _check_refs(kb, doc, step.get("basis"), ("steps", i, "basis"), report)
            rule = (step.get("deadline") or {}).get("rule")
            if rule and rule not in kb.time_limits:
                report(doc, ("steps", i, "deadline", "rule"), f"unknown time-limit rule {rule}")
            if step.get("deadline") and "rule" not in step["deadline"]:
                for msg in provenance_problems(step["deadline"]):
                    report(doc, ("steps", i, "deadline", "verification"), msg)
        by_kind: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
        for i, ent in enumerate(doc.data.get("entitlements") or ()):
            _check_refs(kb, doc, ent.get("basis"), ("entitlements", i, "basis"), report)
            for msg in provenance_problems(ent):
                report(doc, ("entitlements", i, "verification"), msg)
            if ent.get("valid_to") and ent["valid_to"] < ent["valid_from"]:
                report(doc, ("entitlements", i, "valid_to"), "valid_to is before valid_from")
            key = (ent["kind"], repr(sorted((ent.get("when") or {}).items())))
            for other_from, other_to in by_kind.get(key, []):
                if ent["valid_from"] <= (other_to or "9999-12-31") and other_from <= (ent.get("valid_to") or "9999-12-31"):
                    report(doc, ("entitlements", i, "valid_from"),
                           f"{ent['kind']} overlaps another row for the same category ({other_from} to {other_to})")
            by_kind.setdefault(key, []).append((ent["valid_from"], ent.get("valid_to")))


@integrity_check
def _check_checklists(kb: KnowledgeBase, report: Callable[[Document, tuple[Any, ...], str], None]) -> None:
    sops = {d.data["sop"]["id"]: d.data for d in kb.docs_of("sop")}
    for doc in kb.docs_of("checklist"):
        head = doc.data["checklist"]
        if Path(doc.file).name != f"{head['id']}.yaml":
            report(doc, ("checklist", "id"), f"template id {head['id']} does not match its file name")
        events = doc.data["inputs"]["events"]
        if sum(bool(e.get("primary")) for e in events.values()) != 1:
            report(doc, ("inputs", "events"), "exactly one event must be primary: true (the one --at gives)")
        for i, inc in enumerate(doc.data["include"]):
            sop = sops.get(inc["sop"])
            if sop is None:
                report(doc, ("include", i, "sop"), f"unknown SOP {inc['sop']}")
                continue
            ids = {s["id"] for s in sop.get("steps") or ()}
            for j, step in enumerate(inc.get("steps") or ()):
                if step not in ids:
                    report(doc, ("include", i, "steps", j), f"SOP {inc['sop']} has no step {step}")
        ent = doc.data.get("entitlements")
        if ent and ent["sop"] not in sops:
            report(doc, ("entitlements", "sop"), f"unknown SOP {ent['sop']}")
        if ent and ent["date_event"] not in events:
            report(doc, ("entitlements", "date_event"), f"unknown event {ent['date_event']}")


@integrity_check
def _check_judgements(kb: KnowledgeBase, report: Callable[[Document, tuple[Any, ...], str], None]) -> None:
    seen: dict[str, str] = {}
    for doc in kb.docs_of("judgement"):
        j = doc.data["judgement"]
        if j["id"] in seen:
            report(doc, ("judgement", "id"), f"duplicate judgement id {j['id']} (also in {seen[j['id']]})")
        seen[j["id"]] = doc.file
        _check_refs(kb, doc, j.get("provisions"), ("judgement", "provisions"), report)
        for msg in provenance_problems(j):
            report(doc, ("judgement", "verification"), msg)



@integrity_check
def _check_duties(kb: KnowledgeBase, report: Callable[[Document, tuple[Any, ...], str], None]) -> None:
    """Duties: unique ids, real provisions and rules, every duty described by a step, steps agree.

    A step's ``duty`` must name a duty; every duty must be described by at least one SOP step
    (else no checklist can show it); the steps of one duty must not set different deadline rules
    than the duty's own; a duty with a statutory basis says the statute's modality.
    """
    found: dict[str, tuple[Document, int, dict[str, Any]]] = {}
    for doc in kb.docs_of("duty"):
        for i, duty in enumerate(doc.data.get("duties") or ()):
            if duty["id"] in found:
                report(doc, ("duties", i, "id"), f"duplicate duty id {duty['id']} (also in {found[duty['id']][0].file})")
            found[duty["id"]] = (doc, i, duty)
            _check_refs(kb, doc, duty.get("basis"), ("duties", i, "basis"), report)
            for msg in provenance_problems(duty):
                report(doc, ("duties", i, "verification"), msg)
            rule = (duty.get("deadline") or {}).get("rule")
            if rule and rule not in kb.time_limits:
                report(doc, ("duties", i, "deadline", "rule"), f"unknown time-limit rule {rule}")
            if duty.get("basis") and not duty.get("modality"):
                report(doc, ("duties", i, "modality"), "a duty with a statutory basis says the statute's modality")
    described: set[str] = set()
    for doc in kb.docs_of("sop"):
        for i, step in enumerate(doc.data.get("steps") or ()):
            duty_id = step.get("duty")
            if not duty_id:
                continue
            if duty_id not in found:
                report(doc, ("steps", i, "duty"), f"unknown duty {duty_id}")
                continue
            described.add(duty_id)
            duty = found[duty_id][2]
            own = (duty.get("deadline") or {}).get("rule")
            theirs = (step.get("deadline") or {}).get("rule")
            if own and theirs and theirs != own:
                report(doc, ("steps", i, "deadline", "rule"),
                       f"duty {duty_id} has deadline {own}; this step says {theirs}")
    for duty_id, (doc, i, _duty) in found.items():
        if duty_id not in described:
            report(doc, ("duties", i, "id"), f"duty {duty_id} is described by no SOP step (add duty: {duty_id} to one)")
