"""Compile the knowledge base (YAML) into one SQLite file: the only place YAML and jsonschema load.

Every record keeps its source as JSON (``record``), beside the columns a look-up searches or a
Datasette user reads: sections with their aliases, versions, correspondence rows, time limits,
judgements, SOPs and checklists, and FTS5 indexes over sections and judgements
(``<table>_fts`` with ``content=<table>``, as Datasette expects). The knowledge base is
validated here too (schema and cross-file references): its problems are stored, so every
command can refuse an invalid knowledge base without validating it again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from lexkit.kb.knowledge import KnowledgeBase, alias_key, load_files, section_citations, split_ref
from lexkit.kb.models import Text
from lexkit.threads import in_thread

#: Bumped whenever the tables change: a store of another format is rebuilt, never read.
STORE_FORMAT = 5
#: PRAGMA application_id of a lexkit store ("LXKT"): a foreign SQLite file is never trusted.
APPLICATION_ID = 0x4C584B54

#: Devanagari words stay whole: vowel signs (M*) are word characters, not separators.
TOKENIZE = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"

SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {STORE_FORMAT};
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (name TEXT PRIMARY KEY, root TEXT NOT NULL, size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE problems (n INTEGER PRIMARY KEY, file TEXT, line INTEGER, path TEXT, message TEXT);
CREATE TABLE acts (code TEXT PRIMARY KEY, title TEXT, title_hi TEXT, kind TEXT, number TEXT,
                   in_force_from TEXT, in_force_to TEXT, replaces TEXT, repealed_by TEXT,
                   file TEXT, origin TEXT, record TEXT NOT NULL);
CREATE TABLE aliases (norm TEXT NOT NULL, code TEXT NOT NULL, alias TEXT NOT NULL);
CREATE TABLE sections (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, act TEXT NOT NULL,
                       number TEXT NOT NULL, title TEXT, title_hi TEXT, keywords TEXT, text TEXT,
                       text_kind TEXT, verification TEXT, last_verified_on TEXT,
                       file TEXT, line INTEGER, origin TEXT, record TEXT NOT NULL);
CREATE INDEX sections_number ON sections (number);
CREATE INDEX sections_act ON sections (act);
CREATE VIRTUAL TABLE sections_fts USING fts5(id, title, title_hi, keywords, text,
    content="sections", content_rowid="rowid", tokenize="{TOKENIZE}");
CREATE TABLE time_limits (id TEXT PRIMARY KEY, section_id TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE correspondence (rowid INTEGER PRIMARY KEY, table_id TEXT, from_act TEXT, to_act TEXT,
                             from_ref TEXT, from_id TEXT, to_ref TEXT, to_id TEXT, relation TEXT,
                             changes TEXT, verification TEXT, file TEXT, line INTEGER, origin TEXT, record TEXT NOT NULL);
CREATE INDEX correspondence_from ON correspondence (from_id);
CREATE INDEX correspondence_to ON correspondence (to_id);
CREATE TABLE judgements (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT, short_name TEXT,
                         court TEXT, court_level TEXT, decided_on TEXT, citations TEXT, topics TEXT,
                         holding TEXT, significance TEXT, verification TEXT, file TEXT, origin TEXT, record TEXT NOT NULL);
CREATE VIRTUAL TABLE judgements_fts USING fts5(name, citations, topics, holding, significance,
    content="judgements", content_rowid="rowid", tokenize="{TOKENIZE}");
CREATE TABLE documents (kind TEXT NOT NULL, id TEXT NOT NULL, file TEXT NOT NULL, origin TEXT,
                        record TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE overrides (n INTEGER PRIMARY KEY, kind TEXT, id TEXT, file TEXT, reason TEXT);
CREATE TABLE cited_by (section_id TEXT NOT NULL, n INTEGER NOT NULL, kind TEXT, ref_id TEXT, title TEXT, origin TEXT);
CREATE INDEX cited_by_section ON cited_by (section_id);
"""


def file_digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _text(value: Any, lang: str = "en") -> str:
    if value is None:
        return ""
    return (Text.of(value).hi or "") if lang == "hi" else Text.of(value).en


def compile_store(con: sqlite3.Connection, roots: Sequence[Path], files: Sequence[tuple[str, Path, str, str | None]],
                  stamp: Iterable[tuple[str, int, int, int]], *, holidays: bool = True) -> None:
    """Read, validate and write the whole knowledge base (a base and its overlays) into ``con``, an empty database.

    ``holidays``: also write India's public holidays for the years a checklist can need
    (lexkit.kb.public_holidays), so that no checklist imports the `holidays` package; a store
    built in memory for one run leaves them out (that run computes only the years it needs).
    """
    from lexkit.kb.yamlload import paused_gc

    # The collector stays off from the first file read to the last row written: switched back on
    # between the steps, it walked the millions of objects parsed so far, one generation after
    # another (~1 s of 50,000 sections' compile, measured with gc.callbacks). Nothing parsed is
    # returned: it is all freed before the collector is back, or its first round would walk it.
    with paused_gc():
        _compile_store(con, roots, files, stamp, holidays=holidays)


def _compile_store(con: sqlite3.Connection, roots: Sequence[Path], files: Sequence[tuple[str, Path, str, str | None]],
                   stamp: Iterable[tuple[str, int, int, int]], *, holidays: bool) -> None:
    from lexkit.kb import impacts, public_holidays
    from lexkit.kb.validate import checked_knowledge_base

    con.executescript(SCHEMA + public_holidays.SCHEMA + impacts.SCHEMA)
    # The holidays need nothing of the knowledge base: a thread computes them (~0.5 s, the
    # package's import included) while the files are read and parsed.
    holiday_rows = in_thread(public_holidays.rows) if holidays else None
    digests: dict[str, str] = {}
    docs, load_problems = load_files(files, lambda name, blob: digests.__setitem__(name, file_digest(blob) if blob is not None else ""))
    root = roots[0]
    early = _EarlyIndex.start(con, docs) if not load_problems else None
    try:
        report, kb = checked_knowledge_base(root, docs, load_problems, tuple(roots))  # kb is whole when report is clean
        if not report.problems:
            _write_records(con, kb, early)  # the search vocabulary too (lexkit.kb.impacts)
        elif early is not None:  # never searched: emptied
            early.discard()
    except BaseException:
        if early is not None:  # the store is thrown away: the thread must be done with it first
            early.stop()
        raise
    early = None  # done with: the sections' text it holds is not kept through the ranking
    if not report.problems:
        impacts.write_lists(con)
    # Only now: until the early index is done, a statement here would wait for it.
    sizes = {name: (size, mtime, ctime) for name, size, mtime, ctime in stamp}
    con.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)", [
        (name, str(origin or root), *sizes.get(name, (0, 0, 0)), digests[name]) for _f, _p, name, origin in files
    ])
    con.executemany("INSERT INTO problems (file, line, path, message) VALUES (?, ?, ?, ?)",
                    [(p.file, p.line, p.path, p.message) for p in report.problems])
    con.executemany("INSERT INTO overrides (kind, id, file, reason) VALUES (?, ?, ?, ?)", kb.overrides)
    content = hashlib.sha256("\n".join(f"{n}\0{d}" for n, d in sorted(digests.items())).encode()).hexdigest()
    meta = {
        "content_sha256": content,
        "kb_version": kb.meta.version,
        "kb_date": kb.meta.date,
        "kb_title": kb.meta.title,
        "kb_disclaimer": kb.meta.disclaimer,
        "roots": _dump([str(r) for r in roots]),
        "counts": _dump(report.counts),
    }
    con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    if holiday_rows is not None:
        public_holidays.insert(con, holiday_rows())


def _write_records(con: sqlite3.Connection, kb: KnowledgeBase, early: _EarlyIndex | None = None) -> None:
    """Every record, the full-text indexes and the search vocabulary (lexkit.kb.impacts).

    Indexing the sections (sections_fts) is one statement of SQLite's own work, which does not
    hold Python's GIL, and so is reading the vocabulary from it. Usually both are under way
    already (``early``: started before the knowledge base was validated); otherwise they run here,
    from a scratch table of the indexed columns. Either way the rows for the tables (JSON and
    all) are made meanwhile. The scratch table goes before the rows go in, so that they use its
    pages again. The rows are in memory at once (~300 MB for 50,000 sections).
    """
    sections = list(kb.raw_sections.items())
    indexed = early.indexed_rows(sections) if early is not None else None
    if early is not None and indexed is not None:
        rows = _rows(kb, sections, indexed)  # while the early index is built
        if early.finish():
            _insert_rows(con, rows)
            return
    if early is not None:
        early.discard()
    todo = indexed if indexed is not None else _indexed_rows(raw for _sid, (raw, _doc, _line) in sections)
    _stage_sections(con, todo)
    pending = in_thread(lambda: _rows(kb, sections, todo))
    _index_staged(con)
    _insert_rows(con, pending())


def _insert_rows(con: sqlite3.Connection, rows: list[tuple[str, str, list[tuple[Any, ...]]]]) -> None:
    for table, sql, values in rows:
        con.executemany(f"INSERT INTO {table} {sql}", values)
    con.execute("INSERT INTO judgements_fts (rowid, name, citations, topics, holding, significance) "
                "SELECT rowid, name || ' ' || coalesce(short_name, ''), citations, topics, holding, significance FROM judgements")


Indexed = tuple[int, str, str, str, str, str]  # rowid, id, title, title_hi, keywords, text


def _indexed_rows(raws: Iterable[dict[str, Any]]) -> list[Indexed]:
    return [(rowid, raw["id"], _text(raw["title"]), _text(raw["title"], "hi"), _keywords(raw), _text(raw["text"]))
            for rowid, raw in enumerate(raws, start=1)]


def _stage_sections(con: sqlite3.Connection, indexed: list[Indexed]) -> None:
    """Put the indexed columns of every section in the scratch table ``_indexed``."""
    con.execute("CREATE TABLE _indexed (rowid INTEGER PRIMARY KEY, id, title, title_hi, keywords, text)")
    con.executemany("INSERT INTO _indexed VALUES (?, ?, ?, ?, ?, ?)", indexed)


def _index_staged(con: sqlite3.Connection) -> None:
    """Index the scratch table (sections_fts), drop it, and read the search vocabulary from the index: SQLite's work alone."""
    from lexkit.kb import impacts

    con.execute("INSERT INTO sections_fts (rowid, id, title, title_hi, keywords, text) "
                "SELECT rowid, id, title, title_hi, keywords, text FROM _indexed")
    con.execute("DROP TABLE _indexed")
    impacts.write_terms(con)


class _EarlyIndex:
    """The sections' full-text index, built in a thread while the knowledge base is validated.

    Validating 50,000 sections (~1.5 s) and indexing them (~2.5 s, in SQLite, without the GIL)
    need not wait for each other. Before validation the knowledge base's sections are foreseen
    from the parsed Act files: every file's sections in order, each id once. Where that is not
    plain (an id twice, as an overlay that replaces a section has it, or a file of another shape)
    nothing starts early. After validation the index is used only if the knowledge base holds
    exactly the foreseen sections (the same records, in the same order); if not, or if the early
    work failed, it is emptied and the compile indexes the sections as before. A knowledge base
    with problems gets its index emptied: it is never searched.
    """

    def __init__(self, con: sqlite3.Connection, raws: list[dict[str, Any]], rows: list[Indexed]) -> None:
        self.con = con
        self.raws = raws
        self.rows = rows
        self.running = in_thread(lambda: _index_staged(con), name="lexkit-early-index")

    @classmethod
    def start(cls, con: sqlite3.Connection, docs: Sequence[Any]) -> _EarlyIndex | None:
        raws: list[dict[str, Any]] = []
        seen: set[Any] = set()
        for doc in docs:
            if doc.kind != "act":
                continue
            sections = doc.data.get("sections") if isinstance(doc.data, dict) else None
            if not isinstance(sections, list):
                return None
            for raw in sections:
                sid = raw.get("id") if isinstance(raw, dict) else None
                if not isinstance(sid, str) or sid in seen:
                    return None
                seen.add(sid)
                raws.append(raw)
        if not raws:
            return None
        try:
            rows = _indexed_rows(raws)
        except Exception:  # a record of another shape: validation will say what is wrong with it
            return None
        # The rows go in here: a thread binding them one by one would wait for the GIL at each one.
        _stage_sections(con, rows)
        return cls(con, raws, rows)

    def indexed_rows(self, sections: Sequence[tuple[str, tuple[dict[str, Any], Any, int]]]) -> list[Indexed] | None:
        """The rows being indexed, if they are those of ``sections`` (the validated knowledge base's); else None."""
        rows = self.rows
        if len(rows) != len(sections) or any(
                raw is not foreseen for (_sid, (raw, _doc, _line)), foreseen in zip(sections, self.raws, strict=True)):
            return None
        return rows

    def finish(self) -> bool:
        """Wait for the index; False when the thread failed (the index is then redone, and a real problem fails again)."""
        try:
            self.running()
        except Exception:
            return False
        return True

    def discard(self) -> None:
        """Wait for the thread, then empty what it wrote."""
        self.finish()
        self.con.execute("DROP TABLE IF EXISTS _indexed")
        self.con.execute("INSERT INTO sections_fts (sections_fts) VALUES ('delete-all')")
        self.con.execute("DELETE FROM search_terms")

    def stop(self) -> None:
        """On the way out of a failed compile (its store is thrown away): interrupt the index and wait for the thread.

        A second Ctrl-C waits until the thread is done (a moment): the store must not be closed under it.
        """
        from lexkit.threads import interrupts_held

        with interrupts_held():
            while not self.running.wait(0.02):
                self.con.interrupt()


def _keywords(raw: dict[str, Any]) -> str:
    return " ".join([
        *(raw.get("tags") or ()),
        *(_text(k, lang) for k in raw.get("keywords") or () for lang in ("en", "hi")),
        *(_text(s.get("summary")) for s in raw.get("subsections") or ()),
    ])


def _rows(kb: KnowledgeBase, sections: list[tuple[str, tuple[dict[str, Any], Any, int]]],
          indexed: list[tuple[int, str, str, str, str, str]]) -> list[tuple[str, str, list[tuple[Any, ...]]]]:
    """(table, columns and VALUES, rows) for every table but the full-text ones, in the order they are written."""
    acts: list[tuple[Any, ...]] = []
    aliases: list[tuple[Any, ...]] = []
    for code, (act, doc) in kb.raw_acts.items():
        acts.append((code, _text(act["title"]), _text(act["title"], "hi"), act["kind"], act["number"],
                     act["in_force_from"], act.get("in_force_to"), act.get("replaces"), act.get("repealed_by"),
                     doc.file, doc.origin, _dump(act)))
        names = {code, *(act.get("aliases") or ())}
        aliases.extend(sorted((alias_key(a), code, a) for a in names if alias_key(a)))
    section_rows: list[tuple[Any, ...]] = []
    time_limits: list[tuple[Any, ...]] = []
    for (sid, (raw, doc, line)), (rowid, _sid, title, title_hi, keywords, text) in zip(sections, indexed, strict=True):
        section_rows.append((rowid, sid, kb.sections[sid].act, str(raw["number"]), title, title_hi, keywords, text,
                             raw["text_kind"], raw.get("verification", "unverified"), raw.get("last_verified_on"),
                             doc.file, line, doc.origin, _dump(raw)))
        time_limits.extend((t["id"], sid, _dump(t)) for t in raw.get("time_limits") or ())
    correspondence = [
        (row.table, row.from_act, row.to_act, row.from_ref, split_ref(row.from_ref)[0] if row.from_ref else None,
         row.to_ref, split_ref(row.to_ref)[0] if row.to_ref else None, row.relation, row.changes.en,
         row.provenance.verification, row.file, row.line, row.origin, _dump(_row_record(row)))
        for row in kb.correspondence
    ]
    judgements = []
    for doc in kb.docs_of("judgement"):
        j = doc.data["judgement"]
        judgements.append((
            j["id"], j["name"], j.get("short_name"), j["court"], j.get("court_level"), str(j["decided_on"]),
            " ".join(c["citation"] for c in j.get("citations") or ()),
            " ".join(t.replace("-", " ") for t in j.get("topics") or ()),
            f"{_text(j['holding'])} {_text(j['holding'], 'hi')}".strip(),
            f"{_text(j['significance'])} {_text(j['significance'], 'hi')}".strip(),
            j.get("verification", "unverified"), doc.file, doc.origin, _dump(j)))
    documents = []
    for kind in ("sop", "checklist", "calendar", "judgement", "duty", "meta"):
        for doc in kb.docs_of(kind):
            head = doc.data.get(kind if kind != "meta" else "kb", {})
            documents.append((kind, head.get("id", doc.file), doc.file, doc.origin, _dump(doc.data)))
    cited_by = [(sid, n, kind, ref, title, origin) for n, (sid, kind, ref, title, origin) in enumerate(section_citations(kb))]
    return [
        ("acts", "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", acts),
        ("aliases", "VALUES (?, ?, ?)", aliases),
        ("sections", "(rowid, id, act, number, title, title_hi, keywords, text, text_kind, verification,"
                     " last_verified_on, file, line, origin, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         section_rows),
        ("time_limits", "VALUES (?, ?, ?)", time_limits),
        ("correspondence", "(table_id, from_act, to_act, from_ref, from_id, to_ref, to_id, relation, changes,"
                           " verification, file, line, origin, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         correspondence),
        ("judgements", "(id, name, short_name, court, court_level, decided_on, citations, topics, holding,"
                       " significance, verification, file, origin, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         judgements),
        ("documents", "VALUES (?, ?, ?, ?, ?)", documents),
        ("cited_by", "VALUES (?, ?, ?, ?, ?, ?)", cited_by),
    ]


def _row_record(row: Any) -> dict[str, Any]:
    return {
        "table": row.table, "from_act": row.from_act, "to_act": row.to_act, "from": row.from_ref, "to": row.to_ref,
        "relation": row.relation, "changes": {"en": row.changes.en, "hi": row.changes.hi},
        "sources": [s.to_dict() for s in row.provenance.sources], "verification": row.provenance.verification,
        "last_verified_on": row.provenance.last_verified_on, "file": row.file, "line": row.line,
    }
