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
from collections.abc import Iterator
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


def write(con: sqlite3.Connection) -> None:
    """Fill ``search_terms`` and, for a large knowledge base on disk, ``search_impacts`` (tables made by ``SCHEMA``).

    Called once sections_fts is filled. The lists are ranked in two threads over two connections
    (SQLite releases the GIL), so the work is committed first; a store built in memory (no
    folder to cache it in) serves one process and gets no lists: they would cost it more than
    they save.
    """
    con.execute("CREATE VIRTUAL TABLE temp.sections_vocab USING fts5vocab(main, sections_fts, 'row')")
    try:
        con.execute("INSERT INTO search_terms SELECT term, doc FROM temp.sections_vocab")
    finally:
        con.execute("DROP TABLE temp.sections_vocab")
    sections = con.execute("SELECT count(*) FROM sections").fetchone()[0]
    file = con.execute("PRAGMA database_list").fetchone()[2]
    if sections < IMPACT_FROM or not file:
        return
    # The most frequent first: the two threads end together.
    terms = [r[0] for r in con.execute("SELECT term FROM search_terms WHERE df >= ? ORDER BY df DESC, term", (FREQUENT_DF,))]
    con.commit()
    lists = _rank_in_two_threads(con, Path(file), iter(terms))
    con.executemany("INSERT INTO search_impacts VALUES (?, ?, ?, ?)", [
        (term, rows[-1][1] if len(rows) == DEPTH else 0.0, pack(array("q", [r[0] for r in rows])),
         pack(array("d", [r[1] for r in rows])))
        for term in terms if (rows := lists[term])
    ])


def _rank_in_two_threads(con: sqlite3.Connection, file: Path, terms: Iterator[str]) -> dict[str, list[tuple[int, float]]]:
    """Each term's best ``DEPTH`` rows, ranked by ``con`` and a second connection to ``file`` taking terms in turn."""
    import threading

    lists: dict[str, list[tuple[int, float]]] = {}
    lock = threading.Lock()
    failed: list[BaseException] = []

    def work(reader: sqlite3.Connection) -> None:
        while not failed:
            with lock:
                term = next(terms, None)
            if term is None:
                return
            lists[term] = reader.execute(_TOP, (*SECTION_WEIGHTS, phrase(term), DEPTH)).fetchall()

    try:
        second = sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:  # no second connection: one thread ranks them all
        work(con)
        return lists

    def other() -> None:
        try:
            work(second)
        except BaseException as exc:  # raised again in the compiling thread
            failed.append(exc)

    thread = threading.Thread(target=other, daemon=True)
    thread.start()
    try:
        work(con)
    except BaseException as exc:
        failed.append(exc)  # the other thread stops at its next term
        raise
    finally:
        thread.join()
        second.close()
    if failed:
        raise failed[0]
    return lists
