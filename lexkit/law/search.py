"""Full-text search over provisions and judgements: SQLite FTS5 in the compiled store.

BM25 ranks ids and titles above text (weights in lexkit.kb.impacts); Devanagari words are kept
whole by the store's tokenizer. A raw query is never passed to FTS5 (``370(4)`` is a syntax
error there): it is cut into words, each quoted. Whole words are tried first (fast at any
size), then words as prefixes, then any of the words (ranked lower).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from lexkit.kb.impacts import SECTION_WEIGHTS
from lexkit.kb.knowledge import KnowledgeBase
from lexkit.kb.knowledge import words as word_spans

__all__ = ["SECTION_WEIGHTS", "JUDGEMENT_WEIGHTS", "Hit", "search", "fts_attempts", "search_judgement_rows"]

#: Column weights for bm25() over judgements_fts: name, citations, topics, holding, significance.
JUDGEMENT_WEIGHTS = (8.0, 6.0, 5.0, 1.0, 1.0)
MAX_WORDS = 12


class Hit(NamedTuple):
    id: str
    title: str
    snippet: str
    score: float
    origin: str | None = None  # the overlay folder the section comes from; None: the base


#: From this many sections on, ranking runs in two threads over two halves of the rows (SQLite
#: releases the GIL while it works); below it one query is faster than starting a thread.
SPLIT_FROM = 20_000
#: A word this short is never a prefix: "a"* or "s"* names most of the index and took seconds.
SHORTEST_PREFIX = 3


def _fts_query(query: str, joiner: str, prefix: bool = True) -> str | None:
    # Each distinct word once, and no more than MAX_WORDS of them: a pasted charge-sheet must not
    # turn into a query of thousands of terms (that took minutes).
    words: dict[str, None] = {}
    for start, end in word_spans(query):
        words.setdefault(query[start:end].lower())
        if len(words) == MAX_WORDS:
            break
    if not words:
        return None
    def term(word: str) -> str:
        star = "*" if prefix and len(word) >= SHORTEST_PREFIX else ""
        return '"' + word.replace('"', "") + '"' + star

    return f" {joiner} ".join(term(w) for w in words)


def fts_attempts(query: str) -> list[str]:
    """The FTS5 queries to try, in order, until one finds something."""
    tries = [_fts_query(query, "AND", prefix=False), _fts_query(query, "AND"), _fts_query(query, "OR", prefix=False)]
    return list(dict.fromkeys(q for q in tries if q))


def _store(kb: KnowledgeBase) -> Any:
    store = getattr(kb, "store", None)
    if store is None:
        raise TypeError("search needs the compiled store: use lexkit.kb.knowledge.load()")
    return store


def search(kb: KnowledgeBase, query: str, act: str | None = None, limit: int = 10) -> list[Hit]:
    """Rank provisions for ``query``; all words must match, else any word (ranked lower).

    A word that is a section number ('143', '370A') puts the sections of that number first.
    """
    store = _store(kb)
    numbers = [query[a:b].upper() for a, b in word_spans(query) if query[a].isdigit()][:MAX_WORDS]
    first: list[Hit] = []
    for number in dict.fromkeys(numbers):
        # the offence first: a bare '370' is IPC 370 before CrPC/BNSS 370 (penal codes, then special Acts, then procedure)
        rows = store.all("SELECT s.id, s.title, substr(s.text, 1, 160), s.origin FROM sections s LEFT JOIN acts a ON a.code = s.act "
                         "WHERE s.number = ? AND (? IS NULL OR s.act = ?) ORDER BY CASE a.kind WHEN 'penal_code' THEN 0 "
                         "WHEN 'special_act' THEN 1 WHEN 'procedure_code' THEN 3 ELSE 2 END, s.id", number, act, act)
        first += [Hit(r[0], r[1], " ".join(r[2].split()), 0.0, r[3]) for r in rows]
    hits = first + [h for h in _ranked(store, query, act, limit) if h.id not in {f.id for f in first}]
    return hits[:limit]


def _ranked(store: Any, query: str, act: str | None, limit: int) -> list[Hit]:
    # The best rows are chosen first (rank only), and only they get a title and a snippet: a
    # snippet for every matching row made a common word slow on a large knowledge base.
    for fts in fts_attempts(query):
        best = _best_rows(store, fts, act, limit)
        hits = []
        for rowid, rank in best:
            row = store.one("SELECT s.id, s.title, snippet(sections_fts, 4, '[', ']', ' … ', 16), s.origin "
                            "FROM sections_fts JOIN sections s ON s.rowid = sections_fts.rowid "
                            "WHERE sections_fts MATCH ? AND sections_fts.rowid = ?", fts, rowid)
            hits.append(Hit(row[0], row[1], " ".join(row[2].split()), round(-rank, 3), row[3]))
        if hits:
            return sorted(hits, key=lambda h: (-h.score, h.id))
    return []


_BEST = ("SELECT f.rowid, bm25(sections_fts, ?, ?, ?, ?, ?) AS rank FROM sections_fts f {join}"
         "WHERE sections_fts MATCH ? AND f.rowid BETWEEN ? AND ? {act}ORDER BY rank, f.rowid LIMIT ?")


def _best_rows(store: Any, fts: str, act: str | None, limit: int) -> list[tuple[int, float]]:
    """(rowid, rank) of the best ``limit`` rows, best first; equal ranks in row order (the same split or not)."""
    sql = _BEST.format(join="JOIN sections s ON s.rowid = f.rowid " if act else "", act="AND s.act = ? " if act else "")

    def part(con: Any, low: int, high: int) -> list[tuple[int, float]]:
        rows: list[tuple[int, float]] = con.execute(sql, (*SECTION_WEIGHTS, fts, low, high, *((act,) if act else ()), limit)).fetchall()
        return rows

    last = store.one("SELECT max(rowid) FROM sections")[0] or 0
    other = store.sibling() if last >= SPLIT_FROM else None
    if other is None:
        return part(store.con, 0, last)
    import threading

    middle = last // 2
    upper: list[tuple[int, float]] = []
    failed: list[BaseException] = []

    def run_upper() -> None:
        try:
            upper.extend(part(other, middle + 1, last))
        except BaseException as exc:  # raised again in the caller's thread
            failed.append(exc)

    thread = threading.Thread(target=run_upper, daemon=True)
    thread.start()
    try:
        lower = part(store.con, 0, middle)
    finally:
        thread.join()
    if failed:
        raise failed[0]
    return sorted(lower + upper, key=lambda r: (r[1], r[0]))[:limit]


def search_judgement_rows(kb: KnowledgeBase, query: str, limit: int) -> list[tuple[str, str, str, str, float, str | None]]:
    """(id, name, decided_on, snippet, score, origin) of the judgements that best match ``query``."""
    store = _store(kb)
    for fts in fts_attempts(query):
        rows = store.all(
            "SELECT j.id, j.name, j.decided_on, snippet(judgements_fts, -1, '[', ']', ' … ', 16), "
            "bm25(judgements_fts, ?, ?, ?, ?, ?) AS rank, j.origin FROM judgements_fts JOIN judgements j ON j.rowid = judgements_fts.rowid "
            "WHERE judgements_fts MATCH ? ORDER BY rank, j.id LIMIT ?",
            *JUDGEMENT_WEIGHTS, fts, limit,
        )
        if rows:
            return [(r[0], r[1], r[2], " ".join(r[3].split()), round(-r[4], 3), r[5]) for r in rows]
    return []
