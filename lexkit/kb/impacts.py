"""The search vocabulary and impact lists, written into the store once sections_fts is filled.

FTS5's bm25() is a sum over the query's phrases: each phrase adds idf * f * (k1 + 1) /
(f + k1 * (1 - b + b * D / avgdl)), where idf comes from the number of rows holding the phrase
in the whole table, f is the phrase's weighted count in the row and D the row's length
(fts5_aux.c). A word's own score in a row (the bm25 of a query of that word alone) is therefore
exactly what the word adds to any query that contains it. A word held by tens of thousands of
sections makes bm25 rank every one of them (about a microsecond a row); its impact list keeps
its best sections and their scores, so a search can find the best sections of a query among
the lists' rows and prove that no other section beats them (lexkit.law.search).

Tables (internal: the Datasette export drops them):

``search_terms(term, df)``
    Every word of sections_fts as the index holds it (lower case, without diacritics) and how
    many sections hold it: a query word absent from it matches nothing, and a prefix (``"traf"*``)
    is known by the words it expands to before FTS5 merges them.
``search_impacts(term, bound, rowids, scores)``
    In a knowledge base of at least ``IMPACT_FROM`` sections, for each word held by at least
    ``FREQUENT_DF`` of them: its ``DEPTH`` best sections by the word's own bm25 with
    ``SECTION_WEIGHTS``, best first, equal scores in row order (rowids and scores as
    little-endian int64 and float64 arrays). ``bound`` is the last score kept: every section not
    in the list scores no better for this word (bm25 is negative; lower is better); 0.0 when the
    list holds every section with the word.
"""

from __future__ import annotations

import sqlite3
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path

#: Column weights for bm25() over sections_fts: id, title, title_hi, keywords, text.
SECTION_WEIGHTS = (10.0, 6.0, 6.0, 4.0, 1.0)
#: Below this many sections bm25 ranks any word's sections in a few milliseconds: no impact lists.
IMPACT_FROM = 20_000
#: A word in at least this many sections gets an impact list.
FREQUENT_DF = 2_000
#: How many sections an impact list keeps. Deep enough that a query of several frequent words
#: usually finds its best sections in the lists (at 50,000 synthetic sections 2,000 was the
#: depth from which every multi-word query of the benchmark did); a search of a longer page
#: than this ranks as before.
DEPTH = 2_000

SCHEMA = """
CREATE TABLE search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE search_impacts (term TEXT PRIMARY KEY, bound REAL NOT NULL, rowids BLOB NOT NULL, scores BLOB NOT NULL);
"""

_TOP = ("SELECT rowid, bm25(sections_fts, ?, ?, ?, ?, ?) AS score FROM sections_fts "
        "WHERE sections_fts MATCH ? ORDER BY score, rowid LIMIT ?")


def phrase(word: str) -> str:
    """``word`` as one FTS5 phrase: quoted, so that no word is read as query syntax."""
    return '"' + word.replace('"', '""') + '"'


def pack(values: array) -> bytes:  # type: ignore[type-arg]
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def unpack(typecode: str, blob: bytes) -> array:  # type: ignore[type-arg]
    values = array(typecode)
    values.frombytes(blob)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def write_terms(con: sqlite3.Connection) -> None:
    """Fill ``search_terms`` (made by ``SCHEMA``): called once sections_fts is filled."""
    con.execute("CREATE VIRTUAL TABLE temp.sections_vocab USING fts5vocab(main, sections_fts, 'row')")
    try:
        con.execute("INSERT INTO search_terms SELECT term, doc FROM temp.sections_vocab")
    finally:
        con.execute("DROP TABLE temp.sections_vocab")


def write_lists(con: sqlite3.Connection) -> None:
    """For a large knowledge base on disk, fill ``search_impacts`` (made by ``SCHEMA``): called once every section is in.

    The lists are ranked here and, at the same time, by worker processes reading the committed
    file (``_rank``), so the work is committed first; a store built in memory (no folder to cache
    it in) serves one process and gets no lists: they would cost it more than they save.
    """
    sections = con.execute("SELECT count(*) FROM sections").fetchone()[0]
    file = con.execute("PRAGMA database_list").fetchone()[2]
    if sections < IMPACT_FROM or not file:
        return
    # The most frequent first: the last term ranked is a short one, so all end together.
    terms = [r[0] for r in con.execute("SELECT term FROM search_terms WHERE df >= ? ORDER BY df DESC, term", (FREQUENT_DF,))]
    con.commit()
    lists, _by_workers = _rank(con, Path(file), terms)
    con.executemany("INSERT INTO search_impacts VALUES (?, ?, ?, ?)", [
        (term, scores[-1] if len(scores) == DEPTH else 0.0, pack(rowids), pack(scores))
        for term in terms for rowids, scores in (lists[term],) if rowids
    ])


Ranked = tuple[array, array]  # type: ignore[type-arg]  # rowids ("q") and scores ("d"), best first


def _top(con: sqlite3.Connection, term: str, weights: Sequence[float], depth: int) -> Ranked:
    rows = con.execute(_TOP, (*weights, phrase(term), depth)).fetchall()
    return array("q", [r[0] for r in rows]), array("d", [r[1] for r in rows])


def _rank(con: sqlite3.Connection, file: Path, terms: Sequence[str]) -> tuple[dict[str, Ranked], int]:
    """Each term's best ``DEPTH`` rows, ranked by ``con`` and by worker processes reading ``file``, taking terms in turn.

    Also returns how many terms the workers ranked.

    Worker processes, not threads: two threads ranking over two connections were slower than one
    (SQLite's shared mutexes; measured on 2 CPUs, 60 frequent terms of 50,000 sections: one thread
    2.4 s, two threads 3.2 s, two processes 1.6 s). A worker that cannot start, dies or answers
    anything but a ranking is stopped, and its term is ranked here: the lists are the same either way.
    ``LEXKIT_PARSE_WORKERS=1`` ranks them all here.
    """
    import threading

    from lexkit.kb import parallel
    from lexkit.threads import interrupts_held, start

    weights, depth = SECTION_WEIGHTS, DEPTH
    lists: dict[str, Ranked] = {}
    queue = iter(terms)
    lock = threading.Lock()
    left: list[str] = []  # taken by a worker that did not answer: ranked here at the end
    by_workers: list[str] = []

    def take() -> str | None:
        with lock:
            return next(queue, None)

    def assist(helper: _Helper) -> None:
        while (term := take()) is not None:
            got = helper.rank(term)
            if got is None:
                left.append(term)
                return
            lists[term] = got
            by_workers.append(term)

    helpers: list[_Helper] = []
    with interrupts_held():
        for _ in range(min(parallel.helper_count(), len(terms) - 1)):
            try:
                helpers.append(_Helper(file, weights, depth))
            except OSError:
                break
    threads = [threading.Thread(target=assist, args=(helper,), daemon=True) for helper in helpers]
    done = False
    try:
        for thread in threads:
            start(thread)  # holding the interrupts: they come to this thread, never inside a held block
        while (term := take()) is not None:
            lists[term] = _top(con, term, weights, depth)
        done = True
    finally:
        with interrupts_held():
            for helper in helpers:
                if not done:
                    helper.proc.kill()  # its thread's read ends now
            for thread in threads:
                thread.join()
            for helper in helpers:
                helper.close()
    for term in left:
        lists[term] = _top(con, term, weights, depth)
    return lists, len(by_workers)


class _Helper:
    """A worker process (``serve``) ranking terms of one store: a term goes down its stdin, its list comes up its stdout."""

    def __init__(self, file: Path, weights: Sequence[float], depth: int) -> None:
        import json

        from lexkit.kb.parallel import start_worker

        self.depth = depth
        self.proc = start_worker("lexkit.kb.impacts:serve")
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout
        job = {"store": f"{file.as_uri()}?mode=ro", "weights": list(weights), "depth": depth}
        try:
            self.stdin.write(json.dumps(job).encode("ascii") + b"\n")
        except OSError:  # gone already: its first term comes back to the compiling process
            pass

    def rank(self, term: str) -> Ranked | None:
        """The term's list, or None when the worker is gone or its answer is not a ranking (it is then stopped)."""
        try:
            raw = term.encode("utf-8", "surrogateescape")
            self.stdin.write(b"%d\n" % len(raw) + raw)
            self.stdin.flush()
            count = int(self.stdout.readline())
            if not 0 <= count <= self.depth:
                raise ValueError(count)
            body = self.stdout.read(16 * count)
            if len(body) != 16 * count:
                raise ValueError(len(body))
            rowids, scores = unpack("q", body[:8 * count]), unpack("d", body[8 * count:])
            if any(scores[i] > scores[i + 1] or (scores[i] == scores[i + 1] and rowids[i] >= rowids[i + 1])
                   for i in range(count - 1)):
                raise ValueError("not in order")
            return rowids, scores
        except (OSError, ValueError):
            self.proc.kill()
            return None

    def close(self) -> None:
        from lexkit.kb.parallel import close_input, reap

        close_input(self.proc)
        reap(self.proc)


def serve() -> None:
    """A ranking worker's loop: the job (a JSON line: store, weights, depth), then terms ('SIZE\\n' and the term's UTF-8).

    Each answer is 'COUNT\\n', then COUNT rowids and COUNT scores (``pack``). Any failure ends the
    worker: the compiling process ranks that term itself, with the same result or the same error.
    """
    import json

    from lexkit.kb.parallel import worker_signals

    worker_signals()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        job = json.loads(stdin.readline())
        con = sqlite3.connect(job["store"], uri=True)
        weights, depth = tuple(float(w) for w in job["weights"]), int(job["depth"])
        while header := stdin.readline():
            term = stdin.read(int(header)).decode("utf-8", "surrogateescape")
            rowids, scores = _top(con, term, weights, depth)
            stdout.write(b"%d\n" % len(rowids) + pack(rowids) + pack(scores))
            stdout.flush()
    except (OSError, ValueError, KeyError, TypeError, sqlite3.Error):
        return
