"""Search over a large knowledge base ranks in two threads: the hits must be those of one query.

The split starts at lexkit.law.search.SPLIT_FROM sections (20,000); here it is lowered so the
shipped knowledge base (a real compiled store on disk) takes the two-thread path, and every
query must give the same hits, scores and order as the single query.
"""

from __future__ import annotations

import pytest

from lexkit.kb.store import load
from lexkit.law import search as search_module
from lexkit.law.provisions import search_or_resolve

QUERIES = ["trafficking", "child", "search without warrant", "bonded labour system", "produce before the magistrate",
           "मानव व्यापार", "बालक", "370", "143", "premises", "u/s s", "a b c", "of the", "victim", "zzqqxxnothing",
           "living on the earnings of prostitution", "juvenile justice", "compensation to the victim"]


@pytest.fixture(scope="module")
def kb():
    return load(None)


@pytest.mark.parametrize("act", [None, "ITPA", "BNS"])
def test_two_threads_rank_as_one_query(kb, act: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    code = kb.acts[act].code if act else None
    monkeypatch.setattr(search_module, "SPLIT_FROM", 10**9)
    single = {q: search_module.search(kb, q, code, 10) for q in QUERIES}
    assert any(len(h) == 10 for h in single.values())  # the comparison is about full pages, not empty ones
    monkeypatch.setattr(search_module, "SPLIT_FROM", 1)
    assert kb.store.sibling() is not None  # a store on disk: the split really runs
    split = {q: search_module.search(kb, q, code, 10) for q in QUERIES}
    assert split == single


def test_limits_above_one_page_agree(kb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "SPLIT_FROM", 10**9)
    single = search_or_resolve(kb, "offence", None, 200)[0]
    monkeypatch.setattr(search_module, "SPLIT_FROM", 1)
    assert search_or_resolve(kb, "offence", None, 200)[0] == single
    assert len(single) == 200


def test_a_short_word_is_never_a_prefix() -> None:
    from lexkit.law.search import fts_attempts

    tries = fts_attempts("JJ Act s.31")
    assert '"jj" AND "act"* AND "s" AND "31"' in tries
    assert all('"s"*' not in t and '"jj"*' not in t for t in tries)
