"""Search from the vocabulary and the impact lists gives exactly what ranking every match gives.

A synthetic knowledge base of 3,000 sections (bench/make_synthetic.py, plus three copies of one
section so that scores tie) is compiled into a real store with lexkit.kb.impacts' thresholds
lowered, so that its frequent words get lists of 150 rows. Every query below, at every page
size, must give the same hits (ids, order, scores, snippets) as with
lexkit.law.search.EXHAUSTIVE (every match of every attempt ranked, as before the lists), and
explain() shows that each way of answering was taken.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lexkit.kb import impacts
from lexkit.kb.store import load
from lexkit.law import search as search_module

BENCH = Path(__file__).resolve().parents[1] / "bench"
DEPTH = 150
TWIN = "SYNC-1"  # copied three times: four sections with the same words, so their scores tie


def _add_copies(provisions: Path, sid: str, numbers: list[int]) -> None:
    """Append copies of section ``sid`` under other numbers (the same title, text and keywords)."""
    path = provisions / f"{sid.split('-')[0].lower()}.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"^  - id: {sid}\n.*?(?=^  - id: |\Z)", text, flags=re.S | re.M)
    assert block is not None
    code, number = sid.split("-")
    copies = [block.group(0).replace(f"id: {sid}\n", f"id: {code}-{n}\n").replace(f'number: "{number}"\n', f'number: "{n}"\n')
              for n in numbers]
    path.write_text(text.rstrip("\n") + "\n" + "".join(c if c.endswith("\n") else c + "\n" for c in copies), encoding="utf-8")


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("synthetic")
    subprocess.run([sys.executable, str(BENCH / "make_synthetic.py"), str(folder), "--sections", "3000"],
                   check=True, capture_output=True)
    _add_copies(folder / "provisions", TWIN, [9001, 9002, 9003])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(impacts, "IMPACT_FROM", 1_000)
        mp.setattr(impacts, "FREQUENT_DF", 300)
        mp.setattr(impacts, "DEPTH", DEPTH)
        kb = load(folder)
    assert kb.store.path is not None  # on disk: the lists were ranked here and by a worker process
    return kb


def _frequent(kb, n: int) -> list[str]:
    return [r[0] for r in kb.store.all("SELECT term FROM search_impacts ORDER BY term")][:n]


def _queries(kb) -> list[str]:
    store = kb.store
    listed = [r[0] for r in store.all("SELECT t.term FROM search_terms t JOIN search_impacts i USING (term) "
                                      "WHERE t.term GLOB '[a-z]*' ORDER BY t.df DESC, t.term")]
    rare = [r[0] for r in store.all("SELECT term FROM search_terms WHERE df < 300 AND df > 3 AND term GLOB '[a-z]*' "
                                    "ORDER BY df DESC, term LIMIT 4")]
    hindi = [r[0] for r in store.all("SELECT term FROM search_terms WHERE term >= 'ऀ' ORDER BY df DESC, term LIMIT 2")]
    twin = store.one("SELECT title FROM sections WHERE id = ?", TWIN)[0]
    assert len(listed) > 20 and rare and hindi
    # A word held, but not in the copies of the twin, and no longer word starts with it: with the
    # copy's number, an AND that matches nothing whose prefixes add nothing.
    held = [t for (t,) in store.all("SELECT term FROM search_terms WHERE term GLOB '[a-z][a-z][a-z]*' ORDER BY df DESC, term")]
    content = " ".join(str(c) for c in store.one("SELECT * FROM sections WHERE id = ?", TWIN)).lower()
    lonely = next(t for t in held if t not in content and not any(o.startswith(t) and o != t for o in held))
    most, middle, least = listed[:4], listed[len(listed) // 2:len(listed) // 2 + 4], listed[-4:]
    return [
        *most, *middle, *least, *rare, *hindi,  # single words: with a list, without, Devanagari
        "zzqqxx", "the", "café", "Premises", "premises*", "1",  # held nowhere, a prefix word, folded, capitals, a digit
        f"{most[0]} {most[1]}", f"{most[0]} {middle[0]} {least[0]}", f"{middle[1]} {least[1]}",  # AND of listed words
        f"{most[2]} {rare[0]}", f"{rare[0]} {rare[1]}", f"{least[2]} {hindi[0]}",  # with words without a list
        f"{most[0]} zzqqxx", f"{middle[0]} the {least[0]}", f"the {rare[0]} of",  # OR after an AND that cannot match
        f"{most[0]} {most[1]} {most[2]} {most[3]} zzqqxx", " ".join(listed[:12]),  # long ORs
        f"{most[0][:4]} {middle[0]}", f"{least[0][:3]} zzqqxx", "inter-state", "rescue-team raid",  # prefixes
        twin, twin.split()[-1], f"{twin} zzqqxx", f"9001 {lonely}",  # the four tied sections
        "SYNB 12", "12", "u/s 12 SYNA",  # numbers
    ]


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 10, 25, 60, DEPTH, DEPTH + 1])
def test_the_shortcuts_rank_as_every_match(kb, limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = _queries(kb)
    fast = {q: search_module.search(kb, q, None, limit) for q in queries}
    monkeypatch.setattr(search_module, "EXHAUSTIVE", True)
    every = {q: search_module.search(kb, q, None, limit) for q in queries}
    assert fast == every
    assert sum(len(h) == limit for h in every.values()) > len(queries) // 2  # full pages, not empty ones


def test_an_act_filter_ranks_as_before(kb, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = _queries(kb)[:12]
    fast = {(q, act): search_module.search(kb, q, act, 10) for q in queries for act in ("SYNC", "SYNT")}
    monkeypatch.setattr(search_module, "EXHAUSTIVE", True)
    assert fast == {(q, act): search_module.search(kb, q, act, 10) for q in queries for act in ("SYNC", "SYNT")}


def test_ties_are_broken_by_row_order_on_every_path(kb, monkeypatch: pytest.MonkeyPatch) -> None:
    twin = kb.store.one("SELECT title FROM sections WHERE id = ?", TWIN)[0]
    copies = [TWIN, "SYNC-9001", "SYNC-9002", "SYNC-9003"]
    for query in (twin, f"{twin} zzqqxx"):
        for limit in range(1, 6):
            hits = search_module.search(kb, query, None, limit)
            ranked = [h.id for h in hits if h.id in copies]
            scores = {h.score for h in hits if h.id in copies}
            assert len(scores) <= 1, scores  # the copies score alike
            monkeypatch.setattr(search_module, "EXHAUSTIVE", True)
            assert search_module.search(kb, query, None, limit) == hits
            monkeypatch.setattr(search_module, "EXHAUSTIVE", False)
            assert ranked == sorted(ranked)  # by id among equals, as the page shows them
            if ranked and len(hits) == limit:
                assert ranked == copies[:len(ranked)]  # the first rows win a tie at the edge of the page


def test_explain_shows_every_way_of_answering(kb) -> None:
    hows = {}
    for q in _queries(kb):
        for fts, how in search_module.explain(kb, q, None, 10):
            hows.setdefault(how if not how.startswith("impact lists, then") else search_module.LISTS_THEN_FTS, []).append(fts)
    assert set(hows) == {search_module.NOTHING, search_module.SAME_AS_WHOLE_WORDS, search_module.FULL,
                         search_module.LISTS, search_module.LISTS_ADDED, search_module.LISTS_THEN_FTS}, hows
    listed = set(_frequent(kb, 10_000))
    # and some queries of listed words only fell back to ranking every match: the bound was not beaten
    fell_back = [f for f in hows[search_module.FULL] if "*" not in f and set(re.findall(r'"([^"]+)"', f)) <= listed]
    assert fell_back, hows[search_module.FULL]


def test_a_listed_word_is_answered_from_its_list(kb) -> None:
    word = _frequent(kb, 1)[0]
    assert search_module.explain(kb, word, None, 10) == [(f'"{word}"', search_module.LISTS)]
    # a page longer than the list, or an Act filter, ranks every match
    assert search_module.explain(kb, word, None, DEPTH + 1) == [(f'"{word}"', search_module.FULL)]
    assert search_module.explain(kb, word, "SYNC", 10) == [(f'"{word}"', search_module.FULL)]


def test_bm25_is_the_sum_of_each_words_score(kb) -> None:
    # What the lists rely on (fts5_aux.c): a query's bm25 for a row is the sum of its words' own.
    con = kb.store.con
    weights = impacts.SECTION_WEIGHTS
    words = [*_frequent(kb, 3), *[r[0] for r in con.execute(
        "SELECT term FROM search_terms WHERE df < 300 AND term GLOB '[a-z]*' ORDER BY df DESC LIMIT 2")]]
    for joiner in (" OR ", " AND "):
        for n in (2, 3, 5):
            query = joiner.join(impacts.phrase(w) for w in words[:n])
            rows = con.execute("SELECT rowid, bm25(sections_fts, ?, ?, ?, ?, ?) FROM sections_fts WHERE sections_fts MATCH ?",
                               (*weights, query)).fetchall()
            singles = {w: dict(con.execute("SELECT rowid, bm25(sections_fts, ?, ?, ?, ?, ?) FROM sections_fts "
                                           "WHERE sections_fts MATCH ?", (*weights, impacts.phrase(w))).fetchall())
                       for w in words[:n]}
            assert rows or joiner == " AND "
            for rowid, score in rows:
                added = sum(singles[w].get(rowid, 0.0) for w in words[:n])
                assert score == pytest.approx(added, rel=1e-9, abs=0.0)


def test_each_list_holds_its_words_best_rows(kb) -> None:
    con = kb.store.con
    stored = con.execute("SELECT term, bound, rowids, scores FROM search_impacts ORDER BY term").fetchall()
    frequent = con.execute("SELECT term FROM search_terms WHERE df >= 300 ORDER BY term").fetchall()
    assert [r[0] for r in stored] == [r[0] for r in frequent]
    for term, bound, rowids, scores in stored:
        ranked = con.execute("SELECT rowid, bm25(sections_fts, ?, ?, ?, ?, ?) AS s FROM sections_fts WHERE sections_fts MATCH ? "
                             "ORDER BY s, rowid", (*impacts.SECTION_WEIGHTS, impacts.phrase(term))).fetchall()
        kept = list(zip(impacts.unpack("q", rowids).tolist(), impacts.unpack("d", scores).tolist(), strict=True))
        assert kept == ranked[:DEPTH]
        assert bound == (ranked[DEPTH - 1][1] if len(ranked) >= DEPTH else 0.0)
        assert all(score >= bound for _r, score in ranked[DEPTH:])


def _stored_lists(con: sqlite3.Connection) -> dict[str, tuple[list[int], list[float]]]:
    return {term: (impacts.unpack("q", rowids).tolist(), impacts.unpack("d", scores).tolist())
            for term, rowids, scores in con.execute("SELECT term, rowids, scores FROM search_impacts")}


def _ranked_again(kb, file: Path, monkeypatch: pytest.MonkeyPatch, workers: str) -> tuple[dict[str, tuple[list[int], list[float]]], int]:
    monkeypatch.setenv("LEXKIT_PARSE_WORKERS", workers)
    monkeypatch.setattr(impacts, "DEPTH", DEPTH)
    terms = [t for (t,) in kb.store.all("SELECT term FROM search_impacts ORDER BY term")]
    con = sqlite3.connect(f"{Path(kb.store.path).as_uri()}?mode=ro", uri=True)
    try:
        # Each term three times: ~2 s of ranking here, so that a worker slow to start on a busy
        # machine still gets terms (a term ranked again gives the same list).
        lists, by_workers = impacts._rank(con, file, terms * 3)
    finally:
        con.close()
    assert sorted(lists) == terms
    return {t: (rowids.tolist(), scores.tolist()) for t, (rowids, scores) in lists.items()}, by_workers


@pytest.mark.parametrize("workers", ["1", "2", "3"])
def test_the_lists_are_the_same_ranked_here_or_by_worker_processes(kb, workers: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lists, by_workers = _ranked_again(kb, Path(kb.store.path), monkeypatch, workers)
    assert lists == _stored_lists(kb.store.con)
    if workers == "1":
        assert by_workers == 0  # LEXKIT_PARSE_WORKERS=1: no worker process
    else:
        assert 0 < by_workers < 3 * len(lists)  # this process and its workers each took terms


def test_a_worker_that_cannot_rank_leaves_the_lists_whole(kb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers given a store they cannot open end at once: this process ranks every term, with the same result."""
    lists, by_workers = _ranked_again(kb, tmp_path / "gone.sqlite", monkeypatch, "3")
    assert by_workers == 0
    assert lists == _stored_lists(kb.store.con)


def test_a_killed_worker_answers_nothing_and_is_reaped(kb) -> None:
    import signal

    helper = impacts._Helper(Path(kb.store.path), impacts.SECTION_WEIGHTS, DEPTH)
    term = _frequent(kb, 1)[0]
    rowids, scores = helper.rank(term) or ([], [])
    assert (rowids.tolist(), scores.tolist()) == _stored_lists(kb.store.con)[term]
    helper.proc.send_signal(signal.SIGKILL)
    assert helper.rank(term) is None
    helper.close()
    assert helper.proc.returncode == -signal.SIGKILL


def _vocabulary_matches_the_index(con: sqlite3.Connection) -> None:
    # Every word the vocabulary holds, asked as a query, matches exactly the sections it counts:
    # a word is held as FTS5 folds it, and folding it again changes nothing.
    counted = con.execute("SELECT term, df FROM search_terms").fetchall()
    assert counted
    for term, df in counted:
        assert con.execute("SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?", (impacts.phrase(term),)).fetchone()[0] == df


def test_the_vocabulary_counts_what_fts5_matches(kb) -> None:
    _vocabulary_matches_the_index(kb.store.con)


def test_the_shipped_knowledge_base_has_a_vocabulary_and_no_lists() -> None:
    shipped = load(None)
    assert shipped.store.one("SELECT count(*) FROM search_impacts")[0] == 0  # 2,809 sections: below IMPACT_FROM
    assert any(ord(t[0]) > 0x900 for (t,) in shipped.store.all("SELECT term FROM search_terms"))  # Devanagari words whole
    _vocabulary_matches_the_index(shipped.store.con)


def test_the_export_leaves_the_search_tables_out(run, tmp_path: Path) -> None:
    db = tmp_path / "lexkit.db"
    assert run("kb", "export", "--sqlite", str(db)).code == 0
    con = sqlite3.connect(db)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "sections_fts" in tables and not tables & {"search_terms", "search_impacts"}
        assert con.execute("SELECT count(*) FROM sections_fts WHERE sections_fts MATCH 'trafficking'").fetchone()[0] > 0
    finally:
        con.close()


def test_sums_too_close_to_order_here_are_left_to_fts5() -> None:
    # Rows 1 and 2 are in both lists; their sums differ in the last bit, which SQLite, adding in
    # its own order (or with a fused multiply-add), may not reproduce: FTS5 must rank them.
    close = [(0.01, [1, 2, 3], [0.5, 0.2, 0.05]), (0.01, [2, 1, 3], [0.4000000000000001, 0.1, 0.05])]
    assert 0.5 + 0.1 != 0.2 + 0.4000000000000001
    decided = search_module._decide(close, False, 1)
    assert isinstance(decided, tuple) and {1, 2} <= decided[0] and decided[1] is None
    # Apart by more than rounding can blur: settled here, with their scores.
    apart = [(0.01, [1, 2, 3], [0.5, 0.2, 0.05]), (0.01, [2, 1, 3], [0.3, 0.1, 0.05])]
    assert search_module._decide(apart, False, 1) == [(1, -0.6)]
    # A score on the edge of three decimals (what a hit shows) is left to FTS5 as well.
    edge = [(0.0001, [1, 2], [0.0004, 0.0001]), (0.0001, [1, 2], [0.0001, 0.0001])]
    assert 0.0004 + 0.0001 == 0.0005
    assert isinstance(search_module._decide(edge, True, 1), tuple)
