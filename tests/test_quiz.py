"""Quizzes: reproducible for a seed, answers that the knowledge base itself confirms, sound options."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from lexkit.kb.knowledge import KnowledgeBase, default_root, split_ref
from lexkit.kb.store import load
from lexkit.law.judgements import all_judgements
from lexkit.law.wording import punishment_text
from lexkit.procedure.sops import all_sops
from lexkit.training.handouts import cite, list_topics, load_topics
from lexkit.training.quiz import KINDS, Question, build_quiz, candidates

TOPIC_IDS = [t.id for t in list_topics()]
_HOURS = {"hours": 1.0, "days": 24.0, "months": 24.0 * 30.44, "years": 24.0 * 365.25}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(default_root())


def _period(amount: int, unit: str) -> str:
    return f"{amount} {unit[:-1] if amount == 1 else unit}"


def _expected(kb: KnowledgeBase, q: Question) -> str:
    """The right answer, worked out again from the knowledge base's own records."""
    if q.kind in ("successor", "predecessor"):
        table, ref = q.subject.split(":", 1)
        side = "from_ref" if q.kind == "successor" else "to_ref"
        rows = [r for r in kb.correspondence if r.table == table and getattr(r, side) == ref]
        assert len(rows) == 1, q.subject
        other = rows[0].to_ref if q.kind == "successor" else rows[0].from_ref
        assert other is not None and q.basis == other
        assert cite(kb, ref) in q.prompt
        return cite(kb, other)
    if q.kind == "time-limit":
        limit = kb.time_limits[q.subject]
        assert q.basis == limit.section_id
        return _period(limit.amount, limit.unit)
    if q.kind == "punishment":
        sid, index = q.subject.split("#")
        return punishment_text(kb.sections[sid].punishments[int(index)])
    if q.kind == "classification":
        sid, index = q.subject.split("#")
        c = kb.sections[sid].classification[int(index)]
        return f"{'cognizable' if c.cognizable else 'non-cognizable'}, {'bailable' if c.bailable else 'non-bailable'}"
    if q.kind == "sub-provision":
        sid, pin = split_ref(q.subject)
        sub = next(x for x in kb.sections[sid].subsections if x.label == pin)
        assert sub.summary.en.rstrip(".") in q.prompt
        return cite(kb, q.subject)
    if q.kind == "judgement":
        j = next(x for x in all_judgements(kb) if x.id == q.subject)
        assert j.holding.en.strip() in q.prompt
        return j.label
    if q.kind == "entitlement":
        sop_id, ent_id = q.subject.split("/")
        e = next(x for s in all_sops(kb) if s.id == sop_id for x in s.entitlements if x.id == ent_id)
        assert e.valid_from <= kb.meta.date and (e.valid_to is None or kb.meta.date <= e.valid_to)
        return e.amount_text
    raise AssertionError(f"unknown kind {q.kind}")


@pytest.mark.parametrize("topic", TOPIC_IDS)
@pytest.mark.parametrize("seed", [0, 1, 42])
def test_every_answer_is_right_by_the_knowledge_base(kb: KnowledgeBase, topic: str, seed: int) -> None:
    quiz = build_quiz(kb, topic, count=40, seed=seed)
    assert quiz.questions
    for q in quiz.questions:
        assert q.options[q.answer] == _expected(kb, q), q.prompt


@pytest.mark.parametrize("topic", TOPIC_IDS)
def test_options_are_four_distinct_and_one_is_right(kb: KnowledgeBase, topic: str) -> None:
    quiz = build_quiz(kb, topic, count=200, seed=5)
    for q in quiz.questions:
        assert len(q.options) == 4 and len(set(q.options)) == 4, q.options
        assert 0 <= q.answer < 4
        if q.kind == "time-limit":  # no foil about as long as the answer (60 days beside 2 months)
            limit = kb.time_limits[q.subject]
            right = limit.amount * _HOURS[limit.unit]
            for i, option in enumerate(q.options):
                if i != q.answer:
                    amount, unit = option.split()
                    other = int(amount) * _HOURS[unit if unit.endswith("s") else unit + "s"]
                    assert not 0.8 <= other / right <= 1.25, (q.prompt, option)


def test_the_same_seed_gives_the_same_quiz_and_another_seed_another(kb: KnowledgeBase) -> None:
    for topic in TOPIC_IDS:
        assert build_quiz(kb, topic, count=10, seed=3) == build_quiz(kb, topic, count=10, seed=3)
        assert build_quiz(kb, topic, count=10, seed=3) != build_quiz(kb, topic, count=10, seed=4)


def test_the_same_seed_gives_the_same_output_from_the_cli(run) -> None:  # type: ignore[no-untyped-def]
    first = run("quiz", "build", "trafficking-csec", "--seed", "9", "--format", "json", "--answers")
    second = run("quiz", "build", "trafficking-csec", "--seed", "9", "--format", "json", "--answers")
    other = run("quiz", "build", "trafficking-csec", "--seed", "10", "--format", "json", "--answers")
    assert first.code == second.code == other.code == 0
    assert first.stdout == second.stdout != other.stdout


def test_quiz_mixes_question_types(kb: KnowledgeBase) -> None:
    pools = candidates(kb, load_topics().topic("bonded-labour"))
    assert all(pools[k] for k in KINDS), {k: len(v) for k, v in pools.items()}
    quiz = build_quiz(kb, "bonded-labour", count=len(KINDS), seed=0)
    assert {q.kind for q in quiz.questions} == set(KINDS)


def test_successor_question_names_the_bns_successor(kb: KnowledgeBase) -> None:
    pools = candidates(kb, load_topics().topic("trafficking-csec"))
    q = next(c for c in pools["successor"] if c.subject == "ipc-bns:IPC-370A")
    assert q.prompt == "Which BNS provision replaced IPC s.370A?"
    assert q.answer == "BNS s.144" and q.basis == "BNS-144"
    assert q.verification == "secondary"  # the IPC 370A -> BNS 144 row was checked against both texts
    assert set(q.near) <= {cite(kb, r.to_ref) for r in kb.correspondence if r.table == "ipc-bns" and r.to_ref}


def test_time_limit_question_for_production_before_the_cwc(kb: KnowledgeBase) -> None:
    pools = candidates(kb, load_topics().topic("child-victims"))
    q = next(c for c in pools["time-limit"] if c.subject == "JJA-31.production")
    assert "Child Welfare Committee" in q.prompt and "within what period of the child being found" in q.prompt
    assert q.answer == "24 hours"


def test_markdown_without_and_with_the_key(run) -> None:  # type: ignore[no-untyped-def]
    plain = run("quiz", "build", "child-victims", "--count", "6", "--seed", "2")
    assert plain.code == 0 and "Answer key" not in plain.stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(plain.stdout)
    assert sum(t.type == "bullet_list_open" for t in tokens) == 6
    assert sum(t.type == "list_item_open" for t in tokens) == 24
    keyed = run("quiz", "build", "child-victims", "--count", "6", "--seed", "2", "--answers")
    assert keyed.stdout.startswith(plain.stdout.split("\n---\n")[0])
    assert "## Answer key" in keyed.stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(keyed.stdout)
    assert sum(t.type == "tr_open" for t in tokens) == 7  # header + 6 answers


def test_json_key_names_the_record_behind_each_answer(kb: KnowledgeBase, run) -> None:  # type: ignore[no-untyped-def]
    plain = json.loads(run("quiz", "build", "new-criminal-laws", "--format", "json").stdout)
    assert "answer_key" not in plain and all("answer" not in q for q in plain["questions"])
    data = json.loads(run("quiz", "build", "new-criminal-laws", "--format", "json", "--answers").stdout)
    assert len(data["questions"]) == len(data["answer_key"]) == 10
    assert data["kb"]["version"] == kb.meta.version
    for question, key in zip(data["questions"], data["answer_key"], strict=True):
        assert question["answer"] == key["answer"]
        chosen = next(o["text"] for o in question["options"] if o["letter"] == key["answer"])
        assert chosen == key["text"]
        assert kb.section(key["basis"]) is not None or key["basis"] in {j.id for j in all_judgements(kb)}


def test_count_is_checked(run) -> None:  # type: ignore[no-untyped-def]
    assert run("quiz", "build", "bonded-labour", "--count", "0").code == 2
    result = run("quiz", "build", "no-such-topic")
    assert result.code == 1 and "no handout topic" in result.stderr


def test_amount_options_share_the_answers_qualifier(kb: KnowledgeBase) -> None:
    # "at least Rs 125,000" among three bare sums would give the answer away.
    seen = 0
    for seed in range(15):
        for q in build_quiz(kb, "bonded-labour", count=40, seed=seed).questions:
            if q.kind != "entitlement":
                continue
            seen += 1
            lead = q.options[q.answer].split("Rs")[0]
            assert all(option.split("Rs")[0] == lead for option in q.options), q.options
    assert seen


def test_no_question_on_a_period_that_ran_out_long_ago(kb: KnowledgeBase) -> None:
    for seed in range(10):
        for q in build_quiz(kb, "bonded-labour", count=40, seed=seed).questions:
            assert "coming into force" not in q.prompt, q.prompt
