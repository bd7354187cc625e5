"""Shared fixtures: run the CLI in-process and capture stdout and stderr separately."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# No test writes to the real home folder: every user folder points at one temporary folder for
# the session (subprocesses inherit it). Tests that need a folder of their own set it themselves.
_USER_DIRS = Path(tempfile.mkdtemp(prefix="lexkit-tests-"))
for _name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
    os.environ[_name] = str(_USER_DIRS / _name.lower())
os.environ["LEXKIT_CACHE_DIR"] = str(_USER_DIRS / "cache")
os.environ.pop("LEXKIT_KB", None)
os.environ.pop("LEXKIT_DB", None)

from lexkit.cli.main import main  # noqa: E402 (after the user folders are set)

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
