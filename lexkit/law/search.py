"""Full-text search over provisions with SQLite FTS5 (BM25 ranking, snippets).

The index is built in memory per run: a few hundred provisions take milliseconds. A raw query is
never passed to FTS5 (``370(4)`` is a syntax error there): it is cut into words, each quoted.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from lexkit.kb.knowledge import KnowledgeBase

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Column weights for bm25(): id, title, tags, text.
_WEIGHTS = (10.0, 6.0, 4.0, 1.0)


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    snippet: str
    score: float


MAX_WORDS = 12


def _fts_query(query: str, joiner: str) -> str | None:
    # Each distinct word once, and no more than MAX_WORDS of them: a pasted charge-sheet must not
    # turn into a query of thousands of prefix terms (that took minutes).
    words = list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))[:MAX_WORDS]
    if not words:
        return None
    return f" {joiner} ".join('"' + w.replace('"', "") + '"*' for w in words)


def search(kb: KnowledgeBase, query: str, act: str | None = None, limit: int = 10) -> list[Hit]:
    """Rank provisions for ``query``; all words must match, else any word (ranked lower)."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE p USING fts5(id, title, tags, text, tokenize='unicode61')")
        con.executemany(
            "INSERT INTO p VALUES (?, ?, ?, ?)",
            [
                (
                    s.id.replace("-", " ") + " " + s.id,
                    f"{s.title.en} {s.title.hi or ''}",
                    " ".join(s.tags),
                    f"{s.text.en} {' '.join(x.summary.en for x in s.subsections)}",
                )
                for s in kb.sections.values()
                if act is None or s.act == act
            ],
        )
        for joiner in ("AND", "OR"):
            fts = _fts_query(query, joiner)
            if fts is None:
                return []
            rows = con.execute(
                "SELECT id, title, snippet(p, 3, '[', ']', ' … ', 16), bm25(p, ?, ?, ?, ?) AS rank "
                "FROM p WHERE p MATCH ? ORDER BY rank LIMIT ?",
                (*_WEIGHTS, fts, limit),
            ).fetchall()
            if rows:
                return [
                    Hit(
                        id=(sid := r[0].split()[-1]),
                        title=kb.sections[sid].title.en,
                        snippet=" ".join(r[2].split()),
                        score=round(-r[3], 3),
                    )
                    for r in rows
                ]
        return []
    finally:
        con.close()
