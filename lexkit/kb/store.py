"""The compiled store: one SQLite file per knowledge base in the user's cache folder.

Finding it is cheap: the file is named by lexkit's version and the knowledge base's folder, and
it is fresh when every source file has the size and modification time recorded in it (a stat of
each file, no reading). A file modified so close to the build that its time cannot tell an edit
apart (the "racy" case git knows) is hashed and compared with the SHA-256 stored inside, so an
edit of the same size in the same second is still seen. Anything else (a changed, added or
removed file, another lexkit version, a store of another format, a foreign or corrupt file)
means a rebuild: into a temporary file in the same folder, renamed into place, under a lock on
the folder so that concurrent cold starts build once and all succeed. A folder that cannot be
used (read-only, HOME unset) gives an in-memory build and one warning. Nothing here unpickles
anything: the store is data, never code.

Only the standard library is imported here; YAML and jsonschema load only in ``compile``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar

from lexkit import __version__
from lexkit.errors import KnowledgeBaseInvalid
from lexkit.kb.knowledge import KnowledgeBase, discover_all, env_overlays, resolve_roots, shipped_root, split_ref
from lexkit.kb.models import Act, CorrespondenceRow, Document, KbMeta, Provenance, Section, Text, TimeLimit

if TYPE_CHECKING:
    from lexkit.kb.public_holidays import StoredHolidays

#: Kept in step with lexkit.kb.compile (checked by a test): a lexkit store, of this format.
APPLICATION_ID = 0x4C584B54
STORE_FORMAT = 5
#: A file modified within this many nanoseconds before the build is hashed, not trusted by its time
#: (2 s covers file systems that keep modification times to the second).
RACY_NS = 2_000_000_000

T = TypeVar("T")


#: Store files opened by this process: discarded when one is found damaged while it is read.
_OPENED: list[Path] = []


def discard_opened_stores() -> bool:
    """Remove the store files this process opened (one was found damaged); whether there were any."""
    found = [p for p in _OPENED if p.exists()]
    for path in found:
        path.unlink(missing_ok=True)
    _OPENED.clear()
    return bool(found)


class Store:
    """An open, fresh, compiled knowledge base: typed queries over one SQLite connection."""

    def __init__(self, con: sqlite3.Connection, roots: tuple[Path, ...], path: Path | None,
                 built_seconds: float | None, warnings: tuple[str, ...]) -> None:
        if path is not None:
            _OPENED.append(path)
        self.con = con
        self.roots = roots
        self.root = roots[0]
        self.path = path  # None: built in memory
        self.built_seconds = built_seconds  # None: found warm
        self.warnings = warnings
        self._sibling: sqlite3.Connection | None = None

    @cached_property
    def meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT key, value FROM meta").fetchall())

    def problems(self, limit: int = 3) -> tuple[int, list[tuple[str, int, str, str]]]:
        count = self.con.execute("SELECT count(*) FROM problems").fetchone()[0]
        rows = self.con.execute("SELECT file, line, path, message FROM problems ORDER BY n LIMIT ?", (limit,)).fetchall()
        return count, rows

    def sibling(self) -> sqlite3.Connection | None:
        """A second read-only connection to the same file, for work in another thread; None when built in memory."""
        if self.path is None:
            return None
        if self._sibling is None:
            con = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            built = "SELECT value FROM meta WHERE key = 'built_at_ns'"
            if con.execute(built).fetchone() != self.con.execute(built).fetchone():
                con.close()  # the file was rebuilt since this store was opened: never mix two builds
                return None
            self._sibling = con
        return self._sibling

    def one(self, sql: str, *args: Any) -> Any:
        return self.con.execute(sql, args).fetchone()

    def all(self, sql: str, *args: Any) -> list[Any]:
        return self.con.execute(sql, args).fetchall()


# --------------------------------------------------------------------------- finding and building


def store_name(roots: tuple[Path, ...]) -> str:
    """The store's file name: one per knowledge base (its folders, in order) and lexkit version."""
    from zlib import crc32  # a name, not a check: what is inside is checked file by file

    folders = "\0".join(str(r.resolve()) for r in roots)
    key = crc32(f"{__version__}\0{STORE_FORMAT}\0{folders}".encode())
    return f"kb-{key:08x}.sqlite"


def _stamp(files: list[tuple[str, Path, str, str | None]]) -> list[tuple[str, int, int, int]]:
    import stat

    out = []
    for _folder, path, name, _origin in files:
        try:
            st = path.stat()
        except OSError:  # a dangling link or a link loop: compiling it reports the problem
            out.append((name, -1, -1, -1))
            continue
        # Anything but a regular file never matches a stamp: the compiler refuses it, with its reason.
        # The change time too: a copy that keeps size and modification time (cp -p, rsync -t, tar) has a new one.
        out.append((name, st.st_size if stat.S_ISREG(st.st_mode) else -1, st.st_mtime_ns, st.st_ctime_ns))
    return sorted(out)


def _fresh(con: sqlite3.Connection, stamp: list[tuple[str, int, int, int]], paths: dict[str, Path]) -> bool:
    """Whether an opened store is a lexkit store of this format and version, built from these files."""
    if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return False
    if con.execute("PRAGMA user_version").fetchone()[0] != STORE_FORMAT:
        return False
    meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('lexkit_version', 'built_at_ns')").fetchall())
    if meta.get("lexkit_version") != __version__:
        return False
    rows = con.execute("SELECT name, size, mtime_ns, ctime_ns, sha256 FROM files ORDER BY name").fetchall()
    if [(r[0], r[1], r[2], r[3]) for r in rows] != stamp:
        return False
    built_at = int(meta.get("built_at_ns", "0"))
    racy = [(name, digest) for name, _size, mtime_ns, _ctime, digest in rows if mtime_ns >= built_at - RACY_NS]
    if not racy:
        return True
    # Modified too close to the build for its time to tell an edit apart: compare the bytes.
    from lexkit.kb.compile import file_digest

    checked_at = time.time_ns()
    from lexkit.kb.files import FileRefused, read_regular

    try:
        if any(file_digest(read_regular(paths[name])) != digest for name, digest in racy):
            return False
    except FileRefused:
        return False
    if all(mtime < checked_at - RACY_NS for _name, _size, mtime, _ctime in stamp):
        _restamp(con, checked_at)  # the bytes are the same and the files old enough: stop hashing them
    return True


def _restamp(con: sqlite3.Connection, checked_at: int) -> None:
    """Record that every file was checked byte for byte at ``checked_at`` (best effort: a read-only store stays as it is)."""
    path = con.execute("PRAGMA database_list").fetchone()[2]
    try:
        writer = sqlite3.connect(path, timeout=1)
        try:
            with writer:
                writer.execute("UPDATE meta SET value = ? WHERE key = 'built_at_ns'", (str(checked_at),))
        finally:
            writer.close()
    except sqlite3.Error:
        pass


def _open_existing(path: Path, stamp: list[tuple[str, int, int, int]], paths: dict[str, Path]) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    con = None
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        if _fresh(con, stamp, paths):
            return con
    except (sqlite3.DatabaseError, OSError, ValueError):
        pass  # garbage, a foreign database, or one of another shape: rebuilt, never trusted
    if con is not None:
        con.close()
    return None


def _build_into(con: sqlite3.Connection, roots: tuple[Path, ...], files: list[tuple[str, Path, str, str | None]],
                stamp: list[tuple[str, int, int, int]], *, holidays: bool = True) -> None:
    from lexkit.kb.compile import compile_store

    started = time.time_ns()  # before reading any file: an edit during the build is "racy" and gets hashed
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    compile_store(con, roots, files, stamp, holidays=holidays)
    con.executemany("INSERT INTO meta VALUES (?, ?)",
                    [("lexkit_version", __version__), ("built_at_ns", str(started))])
    con.commit()


def _build_file(folder: Path, path: Path, roots: tuple[Path, ...], files: list[tuple[str, Path, str, str | None]],
                stamp: list[tuple[str, int, int, int]], paths: dict[str, Path]) -> tuple[sqlite3.Connection, float | None]:
    """Build under a lock on the folder; a process that waited finds the store another one built."""
    import fcntl
    import tempfile

    lock = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        con = _open_existing(path, stamp, paths)
        if con is not None:
            return con, None
        started = time.perf_counter()
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.", suffix=".tmp")
        os.close(fd)
        try:
            build = sqlite3.connect(tmp, check_same_thread=False)  # the sections are indexed in a thread (lexkit.kb.compile)
            try:
                _build_into(build, roots, files, stamp)
            finally:
                build.close()
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        elapsed = time.perf_counter() - started
        opened = _open_existing(path, stamp, paths)
        if opened is None:  # a file changed while it was being compiled: use what was built, once
            opened = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        return opened, elapsed
    finally:
        os.close(lock)


def open_store(roots: Path | tuple[Path, ...], *, force: bool = False) -> Store:
    """The compiled store of a knowledge base (a folder, or a base and its overlays): found warm, or built now."""
    from lexkit.dirs import cache_dir

    roots = roots if isinstance(roots, tuple) else (roots,)
    files = discover_all(roots)
    stamp = _stamp(files)
    paths = {name: path for _folder, path, name, _origin in files}
    from lexkit.dirs import cache_dir_warning

    folder = cache_dir()
    said = tuple(w for w in (cache_dir_warning(),) if w)
    problem = "no cache folder (HOME is not set)" if folder is None else None
    if folder is not None:
        path = folder / store_name(roots)
        if not force:
            con = _open_existing(path, stamp, paths)
            if con is not None:
                return Store(con, roots, path, None, said)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if force:
                path.unlink(missing_ok=True)
            con, elapsed = _build_file(folder, path, roots, files, stamp, paths)
            return Store(con, roots, path, elapsed, said)
        except OSError as exc:
            problem = f"the cache folder {folder} cannot be used ({exc.strerror or exc})"
        except sqlite3.OperationalError as exc:  # a full disk, a file-size limit: the cache is only a speed-up
            problem = f"the store could not be written in {folder} ({exc})"
    started = time.perf_counter()
    con = sqlite3.connect(":memory:", check_same_thread=False)
    _build_into(con, roots, files, stamp, holidays=False)
    warning = (f"{problem}: the knowledge base was compiled in memory, which is slower on every run; "
               "set LEXKIT_CACHE_DIR to a folder you can write to")
    return Store(con, roots, None, time.perf_counter() - started, (*said, warning))


def load(overlays: Path | list[Path] | tuple[Path, ...] | None = None) -> StoredKnowledgeBase:
    """The knowledge base for use, from its compiled store (built or rebuilt when a file changed).

    ``overlays``: folders on top of the shipped knowledge base (default: LEXKIT_KB); a folder with
    its own provisions/kb.yaml is a whole knowledge base of its own. A knowledge base that does
    not validate is refused with its first problems (KnowledgeBaseInvalid); `lexkit kb validate`
    lists them all.
    """
    if overlays is None:
        folders = env_overlays()
    elif isinstance(overlays, Path):
        folders = [overlays]
    else:
        folders = list(overlays)
    return open_knowledge_base(resolve_roots(folders))


def open_knowledge_base(roots: tuple[Path, ...]) -> StoredKnowledgeBase:
    """The knowledge base for use; one that does not validate is refused with its first problems."""
    store = open_store(roots)
    count, first = store.problems()
    if count:
        where = "".join(f" --kb {r}" for r in roots if r != _shipped_or_none())
        listed = "; ".join(f"{f}:{line}: {path}: {message}" for f, line, path, message in first)
        more = f" (and {count - len(first)} more)" if count > len(first) else ""
        raise KnowledgeBaseInvalid(f"the knowledge base does not validate: {listed}{more}",
                                   hint=f"run 'lexkit kb validate{where}' to see every problem")
    kb = StoredKnowledgeBase(store)
    if not kb.acts:
        raise KnowledgeBaseInvalid(
            f"no Acts found in the knowledge base at {', '.join(str(r) for r in roots)}",
            hint="point --kb (or LEXKIT_KB) at a folder with provisions/*.yaml, or unset it to use the shipped one",
        )
    return kb


def _shipped_or_none() -> Path | None:
    try:
        return shipped_root()
    except KnowledgeBaseInvalid:
        return None


# --------------------------------------------------------------------------- the knowledge base, from the store


class _Table(Mapping[str, T], Generic[T]):
    """A read-only mapping over one table: a record is built only when it is asked for."""

    def __init__(self, store: Store, table: str, make: Callable[[tuple[Any, ...]], T], columns: str,
                 key: str = "id", order: str = "rowid") -> None:
        self._store, self._table, self._make, self._columns, self._key, self._order = store, table, make, columns, key, order
        self._cache: dict[str, T] = {}

    def __getitem__(self, key: str) -> T:
        if key not in self._cache:
            row = self._store.one(f"SELECT {self._columns} FROM {self._table} WHERE {self._key} = ?", key)
            if row is None:
                raise KeyError(key)
            self._cache[key] = self._make(row)
        return self._cache[key]

    def __contains__(self, key: object) -> bool:
        if key in self._cache:
            return True
        return isinstance(key, str) and self._store.one(f"SELECT 1 FROM {self._table} WHERE {self._key} = ?", key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter([r[0] for r in self._store.all(f"SELECT {self._key} FROM {self._table} ORDER BY {self._order}")])

    def __len__(self) -> int:
        return int(self._store.one(f"SELECT count(*) FROM {self._table}")[0])

    def values(self) -> list[T]:  # type: ignore[override]
        """Every record, in one query (for the commands that need the whole table)."""
        rows = self._store.all(f"SELECT {self._key}, {self._columns} FROM {self._table} ORDER BY {self._order}")
        for row in rows:
            if row[0] not in self._cache:
                self._cache[row[0]] = self._make(row[1:])
        return [self._cache[row[0]] for row in rows]

    def items(self) -> list[tuple[str, T]]:  # type: ignore[override]
        return [(key, value) for key, value in zip(self, self.values(), strict=True)]


def _section(row: tuple[Any, ...]) -> Section:
    return Section.of(json.loads(row[0]), row[1], row[2], row[3], row[4])


def _time_limit(row: tuple[Any, ...]) -> TimeLimit:
    return TimeLimit.of(json.loads(row[0]), row[1])


def _row(record: str, origin: str | None) -> CorrespondenceRow:
    r = json.loads(record)
    return CorrespondenceRow(
        table=r["table"], from_act=r["from_act"], to_act=r["to_act"], from_ref=r["from"], to_ref=r["to"],
        relation=r["relation"], changes=Text.of(r["changes"]), provenance=Provenance.of(r), file=r["file"], line=r["line"],
        origin=origin,
    )


class StoredKnowledgeBase(KnowledgeBase):
    """The knowledge base as a look-up sees it: the same questions, answered row by row from the store."""

    def __init__(self, store: Store) -> None:
        super().__init__(store.root, [], store.roots)
        # Read from the store on first use (cached properties below), not the in-memory defaults.
        del self.correspondence, self.documents, self.overrides
        self.store = store
        self.acts = {r[0]: Act.of(json.loads(r[1]), r[2], r[3])
                     for r in store.all("SELECT code, record, file, origin FROM acts ORDER BY rowid")}
        self.sections = _Table(store, "sections", _section, "record, act, file, line, origin")
        meta = store.meta
        self.meta = KbMeta(meta.get("kb_version", "unversioned"), meta.get("kb_date", ""),
                           meta.get("kb_title", "lexkit"), meta.get("kb_disclaimer", ""))

    @cached_property
    def public_holidays(self) -> StoredHolidays:
        """India's public holidays as compiled into the store (years around the build), for ClosedDays."""
        from lexkit.kb.public_holidays import META_KEY, StoredHolidays

        return StoredHolidays(self.store.con, self.store.meta.get(META_KEY))

    @cached_property
    def time_limits(self) -> Mapping[str, TimeLimit]:
        return _Table(self.store, "time_limits", _time_limit, "record, section_id")

    @cached_property
    def correspondence(self) -> list[CorrespondenceRow]:  # type: ignore[override]
        return [_row(r[0], r[1]) for r in self.store.all("SELECT record, origin FROM correspondence ORDER BY rowid")]

    @cached_property
    def documents(self) -> list[Document]:  # type: ignore[override]
        return [Document(r[0], r[1], json.loads(r[2]), {}, r[3])
                for r in self.store.all("SELECT kind, file, record, origin FROM documents ORDER BY file")]

    def docs_of(self, kind: str) -> list[Document]:
        rows = self.store.all("SELECT file, record, origin FROM documents WHERE kind = ? ORDER BY file", kind)
        return [Document(kind, r[0], json.loads(r[1]), {}, r[2]) for r in rows]

    def document(self, kind: str, doc_id: str) -> Document | None:
        row = self.store.one("SELECT file, record, origin FROM documents WHERE kind = ? AND id = ?", kind, doc_id)
        return None if row is None else Document(kind, row[0], json.loads(row[1]), {}, row[2])

    def successors(self, section_id: str) -> list[CorrespondenceRow]:
        return [_row(r[0], r[1]) for r in self.store.all(
            "SELECT record, origin FROM correspondence WHERE from_id = ? ORDER BY rowid", section_id)]

    def predecessors(self, section_id: str) -> list[CorrespondenceRow]:
        return [_row(r[0], r[1]) for r in self.store.all(
            "SELECT record, origin FROM correspondence WHERE to_id = ? ORDER BY rowid", section_id)]

    def cited_by(self, section_id: str) -> list[tuple[str, str, str, str | None]]:
        return [tuple(r) for r in self.store.all(
            "SELECT kind, ref_id, title, origin FROM cited_by WHERE section_id = ? ORDER BY n", section_id)]

    def sections_numbered(self, number: str) -> list[Section]:
        rows = self.store.all("SELECT record, act, file, line, origin FROM sections WHERE number = ? ORDER BY id", number)
        return [_section(r) for r in rows]

    def section_ids(self, act: str | None = None) -> list[str]:
        if act is None:
            return [r[0] for r in self.store.all("SELECT id FROM sections ORDER BY rowid")]
        return [r[0] for r in self.store.all("SELECT id FROM sections WHERE act = ? ORDER BY rowid", act)]

    def section(self, ref: str) -> Section | None:
        return self.sections.get(split_ref(ref)[0])

    def section_index(self, act: str | None = None) -> list[tuple[str, str, str, str | None]]:
        return [tuple(r) for r in self.store.all(
            "SELECT id, title, verification, origin FROM sections WHERE ? IS NULL OR act = ? ORDER BY rowid", act, act)]

    @cached_property
    def overrides(self) -> list[tuple[str, str, str, str]]:  # type: ignore[override]
        return [tuple(r) for r in self.store.all("SELECT kind, id, file, reason FROM overrides ORDER BY n")]
