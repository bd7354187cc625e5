"""Validate the knowledge base: JSON Schema per file, then referential integrity across files.

Every problem is collected and reported as ``file:line: $.path: message``, never just the first.
jsonschema is imported here only, so look-ups never pay for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lexkit.kb.knowledge import KnowledgeBase, build, load_documents, split_ref
from lexkit.kb.models import Document
from lexkit.kb.schemas import validators as schema_validators
from lexkit.kb.yamlload import LoadProblem, json_path

Problem = LoadProblem
SCHEMA_OF_KIND = {
    "act": "act.schema.json",
    "correspondence": "correspondence.schema.json",
    "meta": "meta.schema.json",
    "sop": "sop.schema.json",
    "checklist": "checklist.schema.json",
    "calendar": "calendar.schema.json",
    "judgement": "judgement.schema.json",
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
            norm = "".join(ch for ch in alias.lower() if ch.isalnum())
            if norm in aliases and aliases[norm] != code:
                report(doc, ("act", "aliases", j), f"alias '{alias}' is also an alias of {aliases[norm]}")
            aliases[norm] = code
        for i, sec in enumerate(doc.data["sections"]):
            sid = sec["id"]
            base = ("sections", i)
            if sid in seen_sections:
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
                if tid in seen_limits:
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


def validate(root: Path) -> ValidationReport:
    """Validate every file under ``root`` and the references between them."""
    docs, load_problems = load_documents(root)
    problems: list[Problem] = list(load_problems)
    validators = schema_validators()
    valid_docs: list[Document] = []
    for doc in docs:
        schema = SCHEMA_OF_KIND.get(doc.kind)
        if schema not in validators:
            problems.append(Problem(doc.file, 1, "$", f"no schema for a '{doc.kind}' file"))
            continue
        found = list(_schema_problems(doc, validators[schema]))
        problems.extend(found)
        if not found:
            valid_docs.append(doc)
    if not any(d.kind == "meta" for d in docs):
        problems.append(Problem("provisions/kb.yaml", 1, "$", "missing: the knowledge base has no version file"))
    # Index every document that can be indexed (no cascades), but run the cross-file checks
    # only over documents that passed their schema (the checks rely on its shape).
    kb = build(root, docs, strict=False)
    kb.documents = valid_docs

    def report(doc: Document, path: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(doc.file, _line(doc, path), json_path(path), message))

    for check in INTEGRITY_CHECKS:
        check(kb, report)
    counts = {
        "acts": len(kb.acts),
        "sections": len(kb.sections),
        "time_limits": len(kb.time_limits),
        "correspondence_rows": len(kb.correspondence),
    }
    for kind in ("sop", "checklist", "calendar", "judgement"):
        counts[kind + "s"] = len(kb.docs_of(kind))
    problems.sort(key=lambda p: (p.file, p.line, p.path))
    files = len(docs) + len({p.file for p in load_problems} - {d.file for d in docs})
    return ValidationReport(str(root), files, tuple(problems), counts)


def unverified_items(kb: KnowledgeBase) -> list[str]:
    """Every item still marked unverified, for `kb validate --unverified` and closing notes."""
    out = []
    for act in kb.acts.values():
        if act.provenance.verification == "unverified":
            out.append(f"{act.file}: act {act.code}")
    for s in kb.sections.values():
        if s.provenance.verification == "unverified":
            out.append(f"{s.file}:{s.line}: {s.id} {s.title}")
        for t in s.time_limits:
            if t.provenance.verification == "unverified":
                out.append(f"{s.file}: time limit {t.id}")
        for c in s.classification:
            if c.verification == "unverified":
                out.append(f"{s.file}: classification of {s.id}" + (f" ({c.applies_to})" if c.applies_to else ""))
    for r in kb.correspondence:
        if r.provenance.verification == "unverified":
            out.append(f"{r.file}:{r.line}: {r.from_ref or '(new)'} -> {r.to_ref or '(omitted)'}")
    for doc in kb.docs_of("sop"):
        head = doc.data["sop"]
        if head.get("verification") == "unverified":
            out.append(f"{doc.file}: SOP {head['id']}")
        for i, step in enumerate(doc.data.get("steps") or ()):
            if step.get("verification") == "unverified":
                out.append(f"{doc.file}:{doc.lines.get(('steps', i), 0)}: step {step['id']}")
            deadline = step.get("deadline") or {}
            if deadline.get("verification") == "unverified":
                out.append(f"{doc.file}: deadline {deadline.get('id')}")
        for i, ent in enumerate(doc.data.get("entitlements") or ()):
            if ent.get("verification") == "unverified":
                out.append(f"{doc.file}:{doc.lines.get(('entitlements', i), 0)}: entitlement {ent['id']}")
    for doc in kb.docs_of("judgement"):
        j = doc.data["judgement"]
        if j.get("verification") == "unverified":
            out.append(f"{doc.file}: judgement {j['id']}")
        for c in j.get("citations") or ():
            if c.get("verification") == "unverified":
                out.append(f"{doc.file}: citation {c['citation']} ({j['id']})")
        for h in j.get("later_history") or ():
            if h.get("verification") == "unverified":
                detail = h["detail"]["en"] if isinstance(h["detail"], dict) else h["detail"]
                out.append(f"{doc.file}: later history of {j['id']} ({h['relation']}): {detail[:80]}")
    for doc in kb.documents:  # translations carry their own verification (Text.translation)
        pending = _unverified_translations(doc.data)
        if pending:
            out.append(f"{doc.file}: {pending} Hindi translation(s) not yet checked")
    return out


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
        if doc.file != f"sops/{head['id']}.yaml":
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
        if doc.file != f"checklists/{head['id']}.yaml":
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
