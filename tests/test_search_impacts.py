"""The search vocabulary and impact lists (lexkit.kb.impacts) hold what FTS5 itself would rank.

A synthetic knowledge base of 3,000 sections (bench/make_synthetic.py, plus three copies of one
section so that scores tie) is compiled into a real store with lexkit.kb.impacts' thresholds
lowered, so that its frequent words get lists of 150 rows.
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
    assert kb.store.path is not None  # on disk: the lists were ranked in two threads
    return kb


def _frequent(kb, n: int) -> list[str]:
    return [r[0] for r in kb.store.all("SELECT term FROM search_impacts ORDER BY term")][:n]


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

