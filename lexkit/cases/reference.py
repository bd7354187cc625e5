"""The register's departments, districts and events: YAML package data, validated on load.

Why package data of lexkit/cases and not a knowledge-base file: it says how a deployment is
organised (which departments meet, which districts it covers), not what the law says, so it
changes on a different schedule and a state replaces it whole with ``LEXKIT_REGISTER_DATA=FILE``
without forking the law. It is validated like the knowledge base: the one YAML loader, a JSON
Schema (``data/register.schema.json``), every problem as ``file:line: $.path: message``, and
the cross-checks a schema cannot express (unique ids).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lexkit.errors import KnowledgeBaseInvalid
from lexkit.kb.yamlload import LoadProblem, json_path, load_text


@dataclass(frozen=True)
class Department:
    id: str
    title: str
    actors: tuple[str, ...]


@dataclass(frozen=True)
class District:
    id: str
    title: str


@dataclass(frozen=True)
class RegisterEvent:
    id: str
    title: str
    repeats: bool
    person: bool
    counts: str | None


@dataclass(frozen=True)
class RegisterData:
    version: str
    file: str
    departments: dict[str, Department]
    districts: dict[str, District]
    events: dict[str, RegisterEvent]
    before_opening: tuple[str, ...] = ()

    def department_of_actor(self, actor: str) -> str | None:
        """The department whose actor word comes first in a step's actor text (None: no match)."""
        text = actor.casefold()
        best: tuple[int, int, str] | None = None
        for dept in self.departments.values():
            for word in dept.actors:
                at = _find_word(text, word)
                if at >= 0 and (best is None or (at, -len(word)) < best[:2]):
                    best = (at, -len(word), dept.id)
        return best[2] if best else None


def _find_word(text: str, word: str) -> int:
    """Where ``word`` starts in ``text`` as a whole word (not inside another), or -1."""
    start = 0
    while True:
        at = text.find(word, start)
        if at < 0:
            return -1
        before = text[at - 1] if at else " "
        end = at + len(word)
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not (after.isalnum() and after != "s"):
            return at
        start = at + 1


def shipped_file() -> Path:
    return Path(str(resources.files("lexkit.cases") / "data" / "register.yaml"))


def problems_in(text: str, file: str) -> tuple[Any, list[LoadProblem]]:
    """Load and validate a register data file; every problem, not the first."""
    loaded = load_text(text, file)
    problems = list(loaded.problems)
    if loaded.data is None:
        return None, problems
    from jsonschema import Draft202012Validator

    schema = json.loads((resources.files("lexkit.cases") / "data" / "register.schema.json").read_text(encoding="utf-8"))
    for error in Draft202012Validator(schema).iter_errors(loaded.data):
        path = tuple(error.absolute_path)
        problems.append(LoadProblem(file, loaded.line_of(path), json_path(path), error.message))
    if problems:
        return loaded.data, problems
    for key in ("departments", "districts", "events"):
        seen: set[str] = set()
        for i, item in enumerate(loaded.data[key]):
            if item["id"] in seen:
                problems.append(LoadProblem(file, loaded.line_of((key, i, "id")), json_path((key, i, "id")),
                                            f"duplicate id '{item['id']}'"))
            seen.add(item["id"])
    return loaded.data, problems


@cache
def _load(path: str) -> RegisterData:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseInvalid(f"cannot read the register data {file}: {exc}",
                                   hint="point LEXKIT_REGISTER_DATA at a readable YAML file, or unset it") from exc
    data, problems = problems_in(text, str(file))
    if problems:
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        raise KnowledgeBaseInvalid(f"the register data does not validate: {problems[0]}{more}",
                                   hint="fix the file; its format is lexkit/cases/data/register.schema.json")
    return RegisterData(
        version=data["register"]["version"],
        file=str(file),
        departments={d["id"]: Department(d["id"], d["title"], tuple(d["actors"])) for d in data["departments"]},
        districts={d["id"]: District(d["id"], d["title"]) for d in data["districts"]},
        events={e["id"]: RegisterEvent(e["id"], e["title"], bool(e.get("repeats", False)), bool(e.get("person", False)),
                                       e.get("counts")) for e in data["events"]},
        before_opening=tuple(data.get("before_opening") or ()),
    )


def register_data() -> RegisterData:
    """The departments, districts and events in use: LEXKIT_REGISTER_DATA, else the shipped file."""
    return _load(os.environ.get("LEXKIT_REGISTER_DATA") or str(shipped_file()))
