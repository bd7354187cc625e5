"""Open the register's database: an SQLite file (one office) or a PostgreSQL URL (a state).

SQLite: the file is created with mode 0600 in a 0700 folder (it names no victim, but it is
case data); WAL lets readers work while one writer writes; a busy timeout makes a writer wait
for another instead of failing; every write transaction starts with BEGIN IMMEDIATE, so two
writers never both read and then fail to upgrade their lock. PostgreSQL: each change is one
transaction; the rows a change checks are locked (SELECT ... FOR UPDATE).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lexkit.errors import LexkitError

BUSY_TIMEOUT_MS = 30_000


class RegisterUnavailable(LexkitError):
    """The register's database cannot be opened or reached."""

    exit_code = 1


def database_url(location: str) -> tuple[str, Path | None]:
    """A SQLAlchemy URL for a path or URL, and the SQLite file when it is one."""
    if "://" in location:
        if location.startswith("sqlite"):
            name = location.split(":///", 1)[1] if ":///" in location else ""
            return location, Path(name) if name and name != ":memory:" else None
        if location.startswith("postgresql://") or location.startswith("postgres://"):
            # psycopg 3 is the driver lexkit tests; say so rather than fall back to psycopg2.
            location = "postgresql+psycopg://" + location.split("://", 1)[1]
        return location, None
    file = Path(location).expanduser()
    return f"sqlite+pysqlite:///{file}", file


def _create_private(path: Path) -> None:
    """Create the SQLite file 0600 (and its folder 0700) before SQLite creates it with the umask.

    A path that exists must be a regular file that is empty or a SQLite database: anything else (a
    folder, a FIFO, a device, a text file) is refused without being opened by SQLite, which would
    block on a FIFO or report a bare "file is not a database".
    """
    if os.path.lexists(path):
        _check_existing(path)
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:  # another process created it first: fine
        return
    except OSError as exc:
        raise RegisterUnavailable(f"cannot create the register {path}: {exc.strerror}",
                                  hint="set LEXKIT_DB to a file in a folder you can write to") from exc


def _check_existing(path: Path) -> None:
    import stat

    hint = "set LEXKIT_DB to a lexkit register (a SQLite file), or to a new file's path"
    try:
        st = os.stat(path)
    except OSError as exc:
        raise RegisterUnavailable(f"LEXKIT_DB {path}: cannot be inspected ({exc.strerror})", hint=hint) from None
    if stat.S_ISDIR(st.st_mode):
        raise RegisterUnavailable(f"LEXKIT_DB {path} is a folder, not a database file", hint=hint)
    if not stat.S_ISREG(st.st_mode):
        raise RegisterUnavailable(f"LEXKIT_DB {path} is not a regular file (a FIFO, device or socket)", hint=hint)
    if st.st_size == 0:
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            head = os.read(fd, 16)
        finally:
            os.close(fd)
    except OSError as exc:
        raise RegisterUnavailable(f"LEXKIT_DB {path}: cannot be read ({exc.strerror})",
                                  hint="make it readable and writable, or set LEXKIT_DB to another file") from None
    if head != b"SQLite format 3\x00":
        raise RegisterUnavailable(f"LEXKIT_DB {path} is not a SQLite database (it holds something else)", hint=hint)


def create_engine_for(location: str) -> Any:
    """An Engine for the register at ``location`` (path or URL), set up for safe concurrent use."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError
    from sqlalchemy.pool import NullPool

    url, path = database_url(location)
    if path is not None:
        _create_private(path)
    try:
        if url.startswith("sqlite"):
            # A command is short: one connection per transaction, closed at its end, none left open.
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, poolclass=NullPool)
        else:
            engine = create_engine(url, poolclass=NullPool)
    except NoSuchModuleError as exc:
        raise RegisterUnavailable(f"LEXKIT_DB: no driver for {url.split('://')[0]}",
                                  hint="for PostgreSQL: pip install 'lexkit[postgresql]' and use postgresql://...") from exc
    except (ArgumentError, ModuleNotFoundError, ImportError) as exc:
        raise RegisterUnavailable(f"LEXKIT_DB is not a usable database URL or path: {exc}",
                                  hint="a file path, or postgresql://USER@HOST:PORT/DB with 'lexkit[postgresql]' installed") from exc
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # lexkit issues BEGIN itself (below)
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _wal(cursor)
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            write = connection.get_execution_options().get("lexkit_write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
    return engine


def _wal(cursor: Any) -> None:
    """Switch to WAL. The switch needs the database to itself and SQLite may answer 'database is locked' at
    once, without waiting out the busy timeout, while other processes open a new register: so wait here."""
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def transaction(engine: Any, *, write: bool) -> Iterator[Any]:
    """One transaction: committed when the block ends, rolled back (nothing changed) on any error."""
    from sqlalchemy.exc import OperationalError

    try:
        with engine.connect() as connection:
            connection.execution_options(lexkit_write=write)
            with connection.begin():
                yield connection
    except OperationalError as exc:
        raise RegisterUnavailable(f"the register's database failed: {str(exc.orig).splitlines()[0]}",
                                  hint="check LEXKIT_DB, that the server is running and the file is writable") from exc


def ensure_schema(engine: Any) -> None:
    """Bring the schema to HEAD; an up-to-date database costs one SELECT and no Alembic import."""
    from lexkit.cases.migrate import HEAD, current_revision

    with transaction(engine, write=False) as connection:
        if current_revision(connection) == HEAD:
            return
    with transaction(engine, write=True) as connection:
        if connection.dialect.name == "postgresql":  # one migrator at a time across the state
            from sqlalchemy import text

            connection.execute(text("SELECT pg_advisory_xact_lock(7243011)"))
        found = current_revision(connection)
        if found == HEAD:
            return
        from lexkit.cases.migrate import upgrade

        try:
            upgrade(connection)
        except Exception as exc:  # Alembic reports an unknown revision (a newer lexkit's database) this way
            raise RegisterUnavailable(f"the register is at schema revision {found!r}, which this lexkit cannot migrate: {exc}",
                               hint="use the lexkit version that wrote it, or a newer one") from exc
