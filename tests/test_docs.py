"""Every command is documented in the README, with --help text and an example."""

from __future__ import annotations

from pathlib import Path

import typer.main

from lexkit.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix: str = "lexkit"):
    for name, command in getattr(group, "commands", {}).items():
        path = f"{prefix} {name}"
        if getattr(command, "commands", None):
            yield from _commands(command, path)
        else:
            yield path, command


def test_every_command_is_in_the_readme_and_has_an_example() -> None:
    commands = list(_commands(typer.main.get_command(app)))
    assert len(commands) >= 10
    for path, command in commands:
        assert f"`{path}" in README, f"{path} is not documented in README.md"
        assert command.help and "Example: lexkit" in command.help, f"{path} has no example in its --help"


def test_quick_start_has_exactly_two_commands() -> None:
    block = README.split("## Quick start", 1)[1].split("```", 2)[1]
    lines = [line for line in block.splitlines()[1:] if line.strip()]
    assert len(lines) == 2
    # Each line makes or reuses a virtual environment: pip may not install into the system
    # Python (PEP 668), and a Quick start that fails there is the first thing a user meets.
    for line in lines:
        assert line.startswith("python3 -m venv .venv && .venv/bin/pip install "), line
        assert " pip install" not in line.replace(".venv/bin/pip install", ""), line
    assert ".venv/bin/lexkit checklist build " in lines[0]
    assert lines[1].endswith(".venv/bin/python -m pytest -q")


def test_exit_codes_are_documented() -> None:
    section = README.split("## Exit codes", 1)[1].split("##", 1)[0]
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in section
