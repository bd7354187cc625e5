"""Shared fixtures: run the CLI in-process and capture stdout and stderr separately."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from lexkit.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `lexkit ARGS...` as a user would and return exit code, stdout and stderr."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("LEXKIT_KB", raising=False)

    def _run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def minimal_kb(tmp_path: Path) -> Path:
    """A copy of the small, valid knowledge base in tests/fixtures/kb/minimal."""
    dest = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb" / "minimal", dest)
    return dest
