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


@pytest.fixture
def unwritable_cache_folder(tmp_path: Path) -> Path:
    """A cache folder lexkit cannot create or write (for the in-memory fallback)."""
    if os.geteuid() == 0:  # root writes anywhere chmod allows nothing: /proc refuses even root
        return Path("/proc/self/lexkit-cache")
    parent = tmp_path / "readonly"
    parent.mkdir()
    parent.chmod(0o500)
    return parent / "cache"


@pytest.fixture(autouse=True)
def _private_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real register: user data goes to a temporary folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    for name in ("LEXKIT_DB", "LEXKIT_DEPARTMENT", "LEXKIT_REGISTER_DATA"):
        monkeypatch.delenv(name, raising=False)


PG_URL_VARIABLE = "LEXKIT_TEST_PG_URL"


def _empty_postgresql(url: str) -> None:
    """Drop the register's tables so each test starts from a new register (the database is the tests')."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS entries, cases, alembic_version"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def register_db(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A new, empty register on each backend, as LEXKIT_DB: an SQLite file, and a real PostgreSQL.

    PostgreSQL comes from LEXKIT_TEST_PG_URL (CI starts one); without it the PostgreSQL run is
    skipped, with the reason shown by -rs.
    """
    if request.param == "sqlite":
        location = str(tmp_path / "register" / "cases.db")
    else:
        location = os.environ.get(PG_URL_VARIABLE, "")
        if not location:
            pytest.skip(f"{PG_URL_VARIABLE} is not set: the register tests ran on SQLite only "
                        "(.ci/run starts a PostgreSQL and sets it)")
        _empty_postgresql(location)
    monkeypatch.setenv("LEXKIT_DB", location)
    return location
