"""What each kind of command loads, proved in a fresh process (sys.modules), with a warm store.

A look-up must stay instant at any size: it reads a few rows from the compiled store and imports
none of the heavy or unsafe modules; the command tree itself loads no domain module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("yaml", "jsonschema", "markdown_it", "holidays", "icalendar", "rich", "sqlalchemy", "alembic", "pickle",
         "lexkit.kb.compile", "lexkit.kb.validate", "lexkit.kb.yamlload", "lexkit.training", "lexkit.procedure.checklists")

PROBE = """
import json, sys
from lexkit.cli.main import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

LOOK_UPS = [
    ("provision", "show", "BNS 143", "--format", "json"),
    ("provision", "show", "u/s 370(4) IPC"),
    ("provision", "map", "IPC 370", "--format", "json"),
    ("provision", "search", "search without warrant", "--format", "json"),
    ("judgement", "show", "Vishal Jeet", "--format", "json"),
    ("judgement", "search", "victim accused", "--format", "json"),
    ("judgement", "list", "--format", "json"),
    ("sop", "show", "itpa-statutory", "--format", "json"),
]


def _modules(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, result.stderr
    assert result.stdout.strip()
    return set(report["modules"])


@pytest.fixture(scope="module", autouse=True)
def warm_store() -> None:
    subprocess.run([sys.executable, "-m", "lexkit", "kb", "build"], check=True, capture_output=True, timeout=300)


#: The command-line machinery: a look-up or a checklist takes the fast path (lexkit.cli.fast) and loads none of it.
CLI_FRAMEWORK = ("typer", "click", "rich", "lexkit.cli.app", "lexkit.cli.provision", "lexkit.cli.casework",
                 "lexkit.cli.options", "lexkit.cli.checklist")


@pytest.mark.parametrize("args", LOOK_UPS, ids=[" ".join(a[:2]) for a in LOOK_UPS])
def test_a_warm_look_up_loads_nothing_heavy(args: tuple[str, ...]) -> None:
    loaded = _modules(*args)
    assert sorted(m for m in HEAVY if m in loaded) == []
    assert sorted(m for m in loaded if m.split(".")[0] in ("typer", "click", "rich") or m in CLI_FRAMEWORK) == []


def test_without_the_fast_path_a_look_up_loads_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: the same look-up through the Typer app loads typer."""
    monkeypatch.setenv("LEXKIT_NO_FAST_PATH", "1")
    assert "typer" in _modules("provision", "show", "BNS 143", "--format", "json")


def test_the_command_tree_loads_no_domain_module() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys, lexkit.cli.app; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, timeout=60)
    # lexkit.render.safe (terminal-safe text for every message) is the one renderer the CLI needs at once.
    domain = [m for m in result.stdout.split() if m.startswith(("lexkit.kb", "lexkit.law", "lexkit.procedure",
                                                                 "lexkit.training", "lexkit.cases", "lexkit.render"))
              and m not in ("lexkit.render", "lexkit.render.safe")]
    assert domain == []


def test_the_probe_would_see_a_heavy_import() -> None:
    """The look-up test would pass vacuously if the probe could not see imports: a checklist loads its engine."""
    loaded = _modules("checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15",
                      "--fact", "victim_gender=female", "--no-input", "--format", "json")
    assert "lexkit.procedure.checklists" in loaded and "lexkit.law.deadlines" in loaded


CHECKLIST = ("checklist", "build", "csec-rescue", "--at", "27/11/2026 22:00", "--fact", "victim_age=15",
             "--fact", "victim_gender=female", "--no-input")


@pytest.mark.parametrize("fmt", ["json", "md", "table"])
def test_a_warm_checklist_never_imports_the_holidays_package(fmt: str) -> None:
    """The store holds the holidays of the years around its build: the package (100+ ms) stays unloaded;
    the table is laid out without rich (lexkit.render.boxtable)."""
    loaded = _modules(*CHECKLIST, "--format", fmt)
    assert "lexkit.law.calendars" in loaded  # the calendar was consulted ...
    assert sorted(m for m in loaded if m.split(".")[0] in ("holidays", "rich", "yaml", "jsonschema")) == []


@pytest.mark.parametrize("fmt", ["json", "table", "md"])
def test_a_warm_checklist_loads_no_command_line_framework(fmt: str) -> None:
    """`checklist build` written plainly takes the fast path: no typer or click, and no rich for the table
    either (lexkit.render.boxtable lays it out)."""
    loaded = _modules(*CHECKLIST, "--format", fmt)
    assert "lexkit.cli.checklist_build" in loaded  # the checklist was built ...
    assert sorted(m for m in loaded if m.split(".")[0] in ("typer", "click", "rich") or m in CLI_FRAMEWORK) == []


def test_without_the_fast_path_a_checklist_loads_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: the same checklist through the Typer app loads typer."""
    monkeypatch.setenv("LEXKIT_NO_FAST_PATH", "1")
    assert {"typer", "lexkit.cli.checklist"} <= _modules(*CHECKLIST, "--format", "json")


@pytest.mark.parametrize("fmt", ["json", "table", "md", "ics"])
def test_an_english_checklist_never_loads_the_hindi_wording(fmt: str) -> None:
    """lexkit's Hindi (lexkit.training.words, its catalogue, the handout rows and SOP wording it reuses)
    is for a page in another language; a Hindi checklist loads it, so the check can fail."""
    hindi = ("lexkit.training", "lexkit.procedure.sops", "importlib.resources")
    assert sorted(m for m in _modules(*CHECKLIST, "--format", fmt) if m.startswith(hindi)) == []
    assert "lexkit.training.words" in _modules(*CHECKLIST, "--format", fmt, "--lang", "hi")


def test_a_warm_checklist_defines_no_dataclass() -> None:
    """Its results are NamedTuples: defining a dataclass execs its methods, and dataclasses imports inspect
    (with ast, dis and tokenize); together a tenth of a warm checklist. A Hindi one (lexkit.training's
    dataclass rows) loads it, so the check can fail."""
    for fmt in ("json", "table"):
        assert sorted({"dataclasses", "inspect"} & _modules(*CHECKLIST, "--format", fmt)) == []
    assert "dataclasses" in _modules(*CHECKLIST, "--format", "json", "--lang", "hi")
