"""Full-text search over provisions and judgements: SQLite FTS5 in the compiled store.

BM25 ranks ids and titles above text (weights in lexkit.kb.impacts); Devanagari words are kept
whole by the store's tokenizer. A raw query is never passed to FTS5 (``370(4)`` is a syntax
error there): it is cut into words, each quoted. Whole words are tried first (fast at any
size), then words as prefixes, then any of the words (ranked lower).

bm25 scores every section a query matches, about a microsecond each: a word held by most of a
large knowledge base took tens of milliseconds. So the store's vocabulary answers what it can
first (a word it does not hold matches nothing; a prefix that expands to nothing but itself
adds nothing to the whole words already tried), and a query of frequent words is ranked from
their impact lists (lexkit.kb.impacts): its best sections are found among the lists' rows, and
kept only when no section outside them can score as well; else every match is ranked as before.
Either way the hits, their order and their scores are those of ranking every match.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import neg
from typing import Any, NamedTuple

from lexkit.kb.impacts import SECTION_WEIGHTS, phrase, unpack
from lexkit.kb.knowledge import KnowledgeBase
from lexkit.kb.knowledge import words as word_spans

__all__ = ["SECTION_WEIGHTS", "JUDGEMENT_WEIGHTS", "Hit", "search", "explain", "fts_attempts", "search_judgement_rows"]

#: Column weights for bm25() over judgements_fts: name, citations, topics, holding, significance.
JUDGEMENT_WEIGHTS = (8.0, 6.0, 5.0, 1.0, 1.0)
MAX_WORDS = 12
#: True: rank every match of every attempt, as before the vocabulary and the impact lists (what
#: the tests compare the shortcuts with).
EXHAUSTIVE = False


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


class _Attempt(NamedTuple):
    fts: str  # what FTS5 is given
    words: tuple[str, ...]  # the distinct words, lower case, in order
    prefixes: tuple[bool, ...]  # whether each word is a prefix ("word"*)
    joiner: str  # "AND" or "OR"


def _words(query: str) -> list[str]:
    # Each distinct word once, and no more than MAX_WORDS of them: a pasted charge-sheet must not
    # turn into a query of thousands of terms (that took minutes).
    words: dict[str, None] = {}
    for start, end in word_spans(query):
        words.setdefault(query[start:end].lower())
        if len(words) == MAX_WORDS:
            break
    return list(words)


def _attempt(words: list[str], joiner: str, prefix: bool) -> _Attempt:
    prefixes = tuple(prefix and len(w) >= SHORTEST_PREFIX for w in words)
    fts = f" {joiner} ".join('"' + w.replace('"', "") + '"' + ("*" if star else "") for w, star in zip(words, prefixes, strict=True))
    return _Attempt(fts, tuple(words), prefixes, joiner)


def _fts_query(query: str, joiner: str, prefix: bool = True) -> str | None:
    words = _words(query)
    return _attempt(words, joiner, prefix).fts if words else None


def _attempts(query: str) -> list[_Attempt]:
    words = _words(query)
    if not words:
        return []
    tries: dict[str, _Attempt] = {}
    for attempt in (_attempt(words, "AND", False), _attempt(words, "AND", True), _attempt(words, "OR", False)):
        tries.setdefault(attempt.fts, attempt)  # the first of equal queries
    return list(tries.values())


def fts_attempts(query: str) -> list[str]:
    """The FTS5 queries to try, in order, until one finds something."""
    return [a.fts for a in _attempts(query)]


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


def explain(kb: KnowledgeBase, query: str, act: str | None = None, limit: int = 10) -> list[tuple[str, str]]:
    """How the ranked part of ``search`` answers ``query``: each FTS5 query tried, and how it was ranked."""
    plan: list[tuple[str, str]] = []
    _ranked(_store(kb), query, act, limit, plan)
    return plan


def _ranked(store: Any, query: str, act: str | None, limit: int, plan: list[tuple[str, str]] | None = None) -> list[Hit]:
    # The best rows are chosen first (rank only), and only they get a title and a snippet: a
    # snippet for every matching row made a common word slow on a large knowledge base.
    words = _Vocabulary(store)
    plain_and_found_nothing = False
    for attempt in _attempts(query):
        best, how = _best(store, attempt, act, limit, words, plain_and_found_nothing)
        if plan is not None:
            plan.append((attempt.fts, how))
        hits = []
        for rowid, rank in best:
            row = store.one("SELECT s.id, s.title, snippet(sections_fts, 4, '[', ']', ' … ', 16), s.origin "
                            "FROM sections_fts JOIN sections s ON s.rowid = sections_fts.rowid "
                            "WHERE sections_fts MATCH ? AND sections_fts.rowid = ?", attempt.fts, rowid)
            hits.append(Hit(row[0], row[1], " ".join(row[2].split()), round(-rank, 3), row[3]))
        if hits:
            return sorted(hits, key=lambda h: (-h.score, h.id))
        plain_and_found_nothing = attempt.joiner == "AND" and not any(attempt.prefixes)
    return []


#: How an attempt was ranked (explain()).
NOTHING = "no match: a word the index does not hold"
SAME_AS_WHOLE_WORDS = "no match: each prefix is only its own word, already tried whole"
FULL = "ranked every match"
LISTS = "a word's impact list"
LISTS_ADDED = "impact lists added up"
LISTS_THEN_FTS = "impact lists, then {} rows ranked by FTS5"


def _best(store: Any, attempt: _Attempt, act: str | None, limit: int, words: _Vocabulary,
          plain_and_found_nothing: bool) -> tuple[list[tuple[int, float]], str]:
    """(rowid, rank) of the best ``limit`` rows for one attempt, best first, and how they were found."""
    if EXHAUSTIVE:
        return _best_rows(store, attempt.fts, act, limit), FULL
    counts = words.counts(attempt.words)
    if attempt.joiner == "AND":
        # A word held nowhere: the AND matches nothing (an unknown count is no proof).
        if any(counts[w] == 0 for w, star in zip(attempt.words, attempt.prefixes, strict=True) if not star):
            return [], NOTHING
        expansions = [words.expansion(w) for w, star in zip(attempt.words, attempt.prefixes, strict=True) if star]
        if "none" in expansions:
            return [], NOTHING
        if expansions and plain_and_found_nothing and all(e == "itself" for e in expansions):
            return [], SAME_AS_WHOLE_WORDS
        if expansions:
            return _best_rows(store, attempt.fts, act, limit), FULL
    elif all(counts[w] == 0 for w in attempt.words):
        return [], NOTHING
    if act is None and limit >= 1 and None not in counts.values():
        found = _by_impacts(store, attempt, [w for w in attempt.words if counts[w]], limit)
        if found is not None:
            return found
    return _best_rows(store, attempt.fts, act, limit), FULL


class _Vocabulary:
    """The store's search_terms, asked word by word (lexkit.kb.impacts)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._counts: dict[str, int | None] = {}

    def counts(self, words: tuple[str, ...]) -> dict[str, int | None]:
        """How many sections hold each word; None where the vocabulary cannot tell."""
        asked = [w for w in words if w not in self._counts]
        if asked:
            found = dict(self.store.all(f"SELECT term, df FROM search_terms WHERE term IN ({', '.join('?' * len(asked))})", *asked))
            for w in asked:
                # The index holds words lower case and without diacritics: a word of ASCII letters
                # and digits it does not hold is held nowhere; another one may be held as FTS5
                # folds it ("café" as "cafe"), which only FTS5 can tell.
                self._counts[w] = found.get(w, 0 if _as_indexed(w) else None)
        return {w: self._counts[w] for w in words}

    def expansion(self, word: str) -> str:
        """What ``word``* matches: "none", "itself" (no longer word starts with it), "more", or "unknown"."""
        if self.counts((word,))[word] is None:
            return "unknown"
        rows = self.store.all("SELECT term FROM search_terms WHERE term >= ? ORDER BY term LIMIT 2", word)
        held = [t for (t,) in rows if t.startswith(word)]
        return "none" if not held else "itself" if held == [word] else "more"


def _as_indexed(word: str) -> bool:
    return word.isascii() and word.isalnum()


def _by_impacts(store: Any, attempt: _Attempt, present: list[str], limit: int) -> tuple[list[tuple[int, float]], str] | None:
    """The best rows from the impact lists of ``present`` (the attempt's words held somewhere); None: rank every match.

    Each word's list holds its best rows with their exact scores for that word and a bound no
    other row beats; a row's score for the query is the sum of its words' scores (bm25 is
    additive over phrases). A row outside every list scores at most the sum of the bounds.
    """
    marks = ", ".join("?" * len(present))
    stored = {r[0]: r[1:] for r in store.all(f"SELECT term, bound, rowids, scores FROM search_impacts WHERE term IN ({marks})", *present)}
    if not stored or (attempt.joiner == "AND" and len(stored) < len(present)):
        return None  # no frequent word, or an AND with a rare one: ranking every match is cheap
    lists: list[tuple[float, list[int], list[float]]] = []
    for word in present:
        if word in stored:
            bound, rowids, scores = stored[word]
            lists.append((-bound, unpack("q", rowids).tolist(), [-x for x in unpack("d", scores)]))
        else:  # a rare word of an OR: every row that holds it, scored for it alone
            rows = store.all("SELECT rowid, bm25(sections_fts, ?, ?, ?, ?, ?) AS score FROM sections_fts "
                             "WHERE sections_fts MATCH ? ORDER BY score, rowid", *SECTION_WEIGHTS, phrase(word))
            lists.append((0.0, [r[0] for r in rows], [-r[1] for r in rows]))
    if len(lists) == 1:  # one word: its list is its ranking (the same bm25, the same order)
        bound, rowids, gains = lists[0]
        if limit > len(rowids) and bound:
            return None
        return [(r, -g) for r, g in zip(rowids[:limit], gains[:limit], strict=True)], LISTS
    decided = _decide(lists, attempt.joiner == "AND", limit)
    if isinstance(decided, list):
        return decided, LISTS_ADDED
    rows, floor = decided
    best = _best_rows(store, attempt.fts, None, limit, only=sorted(rows))
    # Without a threshold proved beforehand, the best ranked must beat every row outside them.
    if floor is not None and (len(best) < limit or -best[-1][1] * _LOW <= floor):
        return None
    return best, LISTS_THEN_FTS.format(len(rows))


#: Relative error allowed between a sum of single-word scores added up here and the query's
#: bm25 as SQLite adds it (at most a few units in the 16th digit; fused multiply-adds included).
_SLACK = 1e-12
_LOW, _HIGH = 1.0 - _SLACK, 1.0 + _SLACK
#: More candidate rows than this are left to FTS5 to rank, not added up here word by word.
_SCORED_HERE = 500


def _decide(lists: list[tuple[float, list[int], list[float]]], conjunctive: bool,
            limit: int) -> list[tuple[int, float]] | tuple[set[int], float | None]:
    """What the lists (bound, rowids, gains) of several words prove (gain: minus bm25, higher is better).

    Returns the best ``limit`` rows as (rowid, rank) when the lists prove them and their scores
    to three decimals (what a hit shows); else (rows, floor): the rows to rank with FTS5, of
    which the best ``limit`` are the answer; floor None: every other row is proved to score
    below ``limit`` of them; a number: only if the ``limit``-th of them scores above it (else
    the lists cannot tell).
    """
    maps = [dict(zip(rowids, gains, strict=True)) for _b, rowids, gains in lists]
    bounds = [bound for bound, _r, _g in lists]  # 0.0: the list holds every row with its word
    total = sum(bounds)

    def score(r: int) -> tuple[float, float, bool]:
        """(known part, at most the rest, whether the row surely matches); rest -1: it cannot match."""
        known = rest = 0.0
        for found, bound in zip(maps, bounds, strict=True):
            g = found.get(r)
            if g is not None:
                known += g
            elif bound:
                rest += bound
            elif conjunctive:
                return known, -1.0, False  # not in an AND word's complete list: no match
        return known, rest, not (conjunctive and rest)

    # A lower bound of the limit-th best score, from rows known to match: for an AND those in
    # every list (their whole score is known), for an OR the heads of the lists and the rows in
    # two or more (the best known).
    if conjunctive:
        seeds = set.intersection(*(set(found) for found in maps))
    else:
        seeds = {r for _b, rowids, _g in lists for r in rowids[:2 * limit]}
        for i, one in enumerate(maps):
            for other in maps[i + 1:]:
                seeds |= one.keys() & other.keys()
    sure = sorted((known for known, _rest, surely in map(score, seeds) if surely), reverse=True)
    threshold = sure[limit - 1] * _LOW if len(sure) >= limit else 0.0
    # A row in no list scores at most the sum of the bounds; it cannot match an AND with a
    # complete list, nor an OR whose lists are all complete (-1: no such row).
    outside = -1.0 if (not all(bounds) if conjunctive else not any(bounds)) else total * _HIGH
    if outside >= threshold:
        # Nothing proves that the rows outside the lists score below the best: rank every row of
        # the lists, then check that the limit-th beats them.
        return set().union(*maps), outside
    # A row reaching the threshold is, in one of its lists, at least a share of the way above
    # that list's bound: only the heads of the lists can be such rows (1e-9: room for rounding).
    share = (threshold / _HIGH - total * (1 + 1e-9)) / len(lists) - 1e-9 * threshold
    heads: set[int] = set()
    for bound, rowids, gains in lists:  # gains run from the best down
        heads.update(rowids[:bisect_right(gains, -(bound + share), key=neg)])
    if len(heads) > _SCORED_HERE:  # too many to settle here: FTS5 ranks them (they include every row that can rank)
        return heads, None
    found = {r: score(r) for r in heads}
    able = {r: known for r, (known, rest, _s) in found.items() if rest >= 0.0 and (known + rest) * _HIGH >= threshold}
    if all(not found[r][1] for r in able):  # each one's whole score is known
        ranked = sorted(able, key=lambda r: (-able[r], r))
        top, others = ranked[:limit], ranked[limit:]
        apart = not others or able[top[-1]] * _LOW > able[others[0]] * _HIGH
        if apart and all(round(able[r] * _LOW, 3) == round(able[r] * _HIGH, 3) for r in top):
            return [(r, -able[r]) for r in top]
    return set(able), None


_BEST = ("SELECT f.rowid, bm25(sections_fts, ?, ?, ?, ?, ?) AS rank FROM sections_fts f {join}"
         "WHERE sections_fts MATCH ? AND f.rowid BETWEEN ? AND ? {act}{only}ORDER BY rank, f.rowid LIMIT ?")


def _best_rows(store: Any, fts: str, act: str | None, limit: int, only: list[int] | None = None) -> list[tuple[int, float]]:
    """(rowid, rank) of the best ``limit`` rows, best first; equal ranks in row order (the same split or not).

    ``only``: rank these rows alone, given in row order (bm25 for them, not every match; "+" keeps
    SQLite from asking FTS5 for each row in turn, which would count each word's rows again for each).
    """
    join, where = ("JOIN sections s ON s.rowid = f.rowid ", "AND s.act = ? ") if act else ("", "")

    def part(con: Any, low: int, high: int) -> list[tuple[int, float]]:
        among = "" if only is None else f"AND +f.rowid IN ({','.join(map(str, only[bisect_left(only, low):bisect_right(only, high)]))}) "
        rows: list[tuple[int, float]] = con.execute(_BEST.format(join=join, act=where, only=among),
                                                    (*SECTION_WEIGHTS, fts, low, high, *((act,) if act else ()), limit)).fetchall()
        return rows

    if only == []:
        return []
    first, last = (only[0], only[-1]) if only else (0, store.one("SELECT max(rowid) FROM sections")[0] or 0)
    other = store.sibling() if last - first >= SPLIT_FROM else None
    if other is None:
        return part(store.con, first, last)
    from lexkit.threads import in_thread

    middle = (first + last) // 2
    upper = in_thread(lambda: part(other, middle + 1, last))
    try:
        lower = part(store.con, first, middle)
    finally:
        higher = upper()  # waited for in every case
    return sorted(lower + higher, key=lambda r: (r[1], r[0]))[:limit]


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
