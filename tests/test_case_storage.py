"""The register's storage: a private SQLite file in WAL mode, concurrent writers, Alembic kept off
the look-up path and off an up-to-date register, and the register data validated like the KB."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lexkit.cases.reference import problems_in, register_data, shipped_file

WRITERS = 8
EVENTS_EACH = 6

_WRITER = """
import sys
from lexkit.cases.register import open_register
from lexkit.kb.store import load
from lexkit.law.deadlines import parse_datetime

case, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
kb = load()
register = open_register()
for i in range(count):
    register.record_event(kb, case, "court_appearance", parse_datetime(f"2026-10-{writer + 1:02d}T{10 + i:02d}:00"),
                          department="prosecution", role=f"writer {writer}")
register.change_status(case, "active", department="police") if writer == 0 else None
"""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", **extra}


def test_the_sqlite_file_is_private_and_in_wal_mode(run, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "new-folder" / "cases.db"
    monkeypatch.setenv("LEXKIT_DB", str(db))
    result = run("case", "open", "csec-rescue", "--at", "04/09/2026 22:00", "--fact", "victim_age=15", "--fact",
                 "victim_gender=female", "--district", "MH-PUNE", "--by", "police")
    assert result.code == 0, result.stderr
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_default_register_lives_in_the_user_data_folder(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = run("case", "open", "csec-rescue", "--at", "04/09/2026 22:00", "--fact", "victim_age=15", "--fact",
                 "victim_gender=female", "--district", "MH-PUNE", "--by", "police")
    assert result.code == 0, result.stderr
    assert (tmp_path / "data" / "lexkit" / "cases.db").is_file()


def test_eight_concurrent_writers_lose_nothing(run, register_db: str) -> None:
    """Eight processes append to one case at once (SQLite: WAL, busy timeout, BEGIN IMMEDIATE;
    PostgreSQL: a transaction per change): every entry is kept, in one order."""
    db = register_db
    case = run("case", "open", "csec-rescue", "--at", "04/09/2026 22:00", "--fact", "victim_age=15", "--fact",
               "victim_gender=female", "--district", "MH-PUNE", "--by", "police").stdout.strip()
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, case, str(w), str(EVENTS_EACH)], env=_env(LEXKIT_DB=str(db)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for w in range(WRITERS)]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-2000:]
    shown = json.loads(run("case", "show", case, "--format", "json").stdout)
    appearances = [e for e in shown["history"] if e["name"] == "court_appearance"]
    assert len(appearances) == WRITERS * EVENTS_EACH
    assert {e["role"] for e in appearances} == {f"writer {w}" for w in range(WRITERS)}
    assert [e["number"] for e in shown["history"]] == sorted(e["number"] for e in shown["history"])
    assert shown["status"] == "active"


def test_eight_writers_opening_a_new_register_at_once_migrate_it_once(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    code = ("from lexkit.cases.register import open_register; r = open_register(); "
            "from lexkit.kb.store import load; from lexkit.law.deadlines import parse_datetime; "
            "r.open_case(load(), 'csec-rescue', parse_datetime('2026-09-04T22:00'), "
            "{'victim_age': '15', 'victim_gender': 'female'}, district='MH-PUNE', department='police')")
    procs = [subprocess.Popen([sys.executable, "-c", code], env=_env(LEXKIT_DB=str(db)), stderr=subprocess.PIPE, text=True)
             for _ in range(WRITERS)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-2000:]
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM cases").fetchone()[0] == WRITERS
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001_register",)]


def _modules_after(argv: list[str], env: dict[str, str]) -> set[str]:
    code = ("import sys\nfrom lexkit.cli.main import main\ncode = main(sys.argv[1:])\n"
            "print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)\nsys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return {m.split(".")[0] for m in line.split()[1:]}


def test_a_look_up_imports_neither_sqlalchemy_nor_alembic(tmp_path: Path) -> None:
    loaded = _modules_after(["provision", "show", "BNS-143", "--format", "json"], _env(XDG_DATA_HOME=str(tmp_path)))
    assert "lexkit" in loaded
    assert not {"sqlalchemy", "alembic", "psycopg"} & loaded


def test_an_up_to_date_register_never_imports_alembic(run, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "cases.db"
    env = _env(LEXKIT_DB=str(db), XDG_DATA_HOME=str(tmp_path))
    args = ["case", "open", "csec-rescue", "--at", "04/09/2026 22:00", "--fact", "victim_age=15", "--fact",
            "victim_gender=female", "--district", "MH-PUNE", "--by", "police"]
    first = _modules_after(args, env)
    assert "alembic" in first and "sqlalchemy" in first  # a new register is migrated
    later = _modules_after(args, env)
    assert "sqlalchemy" in later and "alembic" not in later  # the schema is at HEAD: one SELECT


def test_head_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from lexkit.cases.migrate import HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_the_migrations_build_the_tables_the_code_uses(tmp_path: Path) -> None:
    """The tables Alembic creates have the columns tables.py declares, on a real SQLite file."""
    from sqlalchemy import inspect

    from lexkit.cases.db import create_engine_for, ensure_schema
    from lexkit.cases.tables import metadata

    engine = create_engine_for(str(tmp_path / "m.db"))
    ensure_schema(engine)
    inspector = inspect(engine)
    for table in metadata.tables.values():
        assert {c["name"] for c in inspector.get_columns(table.name)} == {c.name for c in table.columns}
    engine.dispose()


def test_the_shipped_register_data_validates() -> None:
    _, problems = problems_in(shipped_file().read_text(encoding="utf-8"), "register.yaml")
    assert problems == []
    data = register_data()
    assert len(data.districts) == 36 and {"police", "prosecution", "judiciary", "cwc", "health"} <= set(data.departments)


def test_every_problem_in_register_data_is_reported_with_its_line() -> None:
    text = shipped_file().read_text(encoding="utf-8")
    bad = text.replace("id: prosecution", "id: Prosecution", 1).replace("{id: MH-AKOLA, title: Akola}", "{id: MH-AKOLA}", 1)
    _, problems = problems_in(bad, "register.yaml")
    where = {(p.path, p.message.split(" ")[0]) for p in problems}
    assert len(problems) == 2, problems
    assert any(path.startswith("$.departments[1].id") for path, _ in where)
    assert any(path.startswith("$.districts[1]") for path, _ in where)
    assert all(p.line > 1 for p in problems)


def test_register_data_can_be_replaced_and_is_checked(run, tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "register.yaml"
    broken.write_text(shipped_file().read_text(encoding="utf-8").replace("id: police", "id: police\n    id2: x", 1),
                      encoding="utf-8")
    monkeypatch.setenv("LEXKIT_REGISTER_DATA", str(broken))
    monkeypatch.setenv("LEXKIT_DB", str(tmp_path / "c.db"))
    result = run("due")
    assert result.code == 1
    assert "the register data does not validate" in result.stderr and "Additional properties" in result.stderr


def test_every_actor_of_every_sop_step_belongs_to_a_department() -> None:
    from lexkit.kb.store import load

    data = register_data()
    orphans = sorted({raw["actor"] if isinstance(raw["actor"], str) else raw["actor"]["en"]
                      for doc in load().docs_of("sop") for raw in doc.data.get("steps") or ()
                      if data.department_of_actor(raw["actor"] if isinstance(raw["actor"], str) else raw["actor"]["en"]) is None})
    assert orphans == []


@pytest.mark.parametrize("actor, department", [
    ("Child Welfare Committee (medical test on its order)", "cwc"),
    ("Registered medical practitioner", "health"),
    ("Investigating officer; Magistrate of the district", "police"),
    ("District Magistrate / Sub-Divisional Magistrate", "revenue"),
    ("Magistrate (a woman magistrate as far as practicable)", "judiciary"),
    ("Special Public Prosecutor", "prosecution"),
    ("District or State Legal Services Authority", "legal-services"),
])
def test_a_steps_actor_names_its_department(actor: str, department: str) -> None:
    assert register_data().department_of_actor(actor) == department
