"""Printable quizzes, pre/post forms with no fact asked twice, and scoring the answer sheets."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from lexkit.kb.knowledge import KnowledgeBase, default_root
from lexkit.kb.store import load
from lexkit.render.handout import FALLBACK_NOTE
from lexkit.training.handouts import list_topics
from lexkit.training.quiz import build_quiz
from lexkit.training.scoring import read_sheets, score

TOPIC_IDS = [t.id for t in list_topics()]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(default_root())


# --------------------------------------------------------------------------- pre and post forms


@pytest.mark.parametrize("topic", TOPIC_IDS)
@pytest.mark.parametrize("seed", [0, 7])
def test_pre_and_post_never_ask_the_same_fact(kb: KnowledgeBase, topic: str, seed: int) -> None:
    pre = build_quiz(kb, topic, count=12, seed=seed, form="pre")
    post = build_quiz(kb, topic, count=12, seed=seed, form="post")
    pre_facts = [q.fact for q in pre.questions]
    post_facts = [q.fact for q in post.questions]
    assert len(pre_facts) == len(post_facts) > 0
    assert len(set(pre_facts)) == len(pre_facts), "a fact asked twice in the pre form"
    assert len(set(post_facts)) == len(post_facts), "a fact asked twice in the post form"
    assert not set(pre_facts) & set(post_facts), "a fact asked in both forms"
    # Parallel papers: question n is of the same kind in both.
    assert [q.kind for q in pre.questions] == [q.kind for q in post.questions]
    assert pre.form == "pre" and post.form == "post"


def test_a_correspondence_row_is_one_fact_in_both_directions(kb: KnowledgeBase) -> None:
    """'Which BNS provision replaced IPC s.370?' and 'Which IPC provision did BNS s.143 replace?'
    ask the same row: they share one fact, so a quiz never asks both."""
    for topic in TOPIC_IDS:
        for seed in range(5):
            quiz = build_quiz(kb, topic, count=60, seed=seed)
            facts = [q.fact for q in quiz.questions]
            assert len(facts) == len(set(facts)), (topic, seed)
            rows = [q.fact for q in quiz.questions if q.kind in ("successor", "predecessor")]
            assert all(f.startswith("correspondence:") and "->" in f for f in rows)


def test_forms_are_reproducible_and_printed_with_their_name(run) -> None:  # type: ignore[no-untyped-def]
    first = run("quiz", "build", "trafficking-csec", "--seed", "3", "--form", "pre")
    again = run("quiz", "build", "trafficking-csec", "--seed", "3", "--form", "pre")
    post = run("quiz", "build", "trafficking-csec", "--seed", "3", "--form", "post")
    assert first.code == 0 and first.stdout == again.stdout and first.stdout != post.stdout
    assert first.stdout.startswith("# Quiz: Human trafficking and commercial sexual exploitation (pre-training form)\n")
    assert "form pre" in first.stdout and "form post" in post.stdout
    bad = run("quiz", "build", "trafficking-csec", "--form", "middle")
    assert bad.code == 2


# --------------------------------------------------------------------------- printable


def test_html_puts_the_answer_key_on_its_own_page(run) -> None:  # type: ignore[no-untyped-def]
    page = run("quiz", "build", "bonded-labour", "--seed", "1", "--format", "html", "--answers")
    assert page.code == 0 and page.stdout.startswith("<!DOCTYPE html>")
    html = page.stdout
    assert "section.answer-key { break-before: page; page-break-before: always; }" in html
    questions, key = html.index('<section class="questions">'), html.index('<section class="answer-key">')
    assert questions < key
    assert "<h2>Answer key</h2>" in html[key:] and "<strong>1.</strong>" in html[questions:key]
    assert "Knowledge base 2026.11.1 (2026-11-23)" in html
    assert "does not replace, legal advice" in html
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    without = run("quiz", "build", "bonded-labour", "--seed", "1", "--format", "html")
    assert '<section class="answer-key">' not in without.stdout


def test_answers_only_prints_the_key_alone(run) -> None:  # type: ignore[no-untyped-def]
    md = run("quiz", "build", "child-labour", "--seed", "2", "--answers-only")
    assert md.code == 0 and "## Answer key" in md.stdout and "**1.**" not in md.stdout
    assert "does not replace, legal advice" in md.stdout
    data = json.loads(run("quiz", "build", "child-labour", "--seed", "2", "--form", "post", "--answers-only",
                          "--format", "json").stdout)
    assert "questions" not in data and data["form"] == "post"
    assert all(item["answer"] in "ABCD" and item["fact"] for item in data["answer_key"])
    page = run("quiz", "build", "child-labour", "--seed", "2", "--format", "html", "--answers-only")
    assert '<section class="answer-key">' in page.stdout and '<section class="questions">' not in page.stdout


# --------------------------------------------------------------------------- scoring

# Worked out by hand. Keys: pre ABCD, post BCDA. Sheets:
#   P01 pre ABCD (4/4 = 100%)  post BCDA (4/4 = 100%)  gain   0
#   P02 pre ABDD (3/4 =  75%)  post BCDA (4/4 = 100%)  gain +25
#   P03 pre CBCC (2/4 =  50%)  post BCAA (3/4 =  75%)  gain +25
#   P04 pre ABCD (4/4 = 100%)  no post sheet: not in the group's gain
# Group (P01-P03): mean pre (100+75+50)/3 = 75.0; mean post (100+100+75)/3 = 91.67 -> 91.7;
#   mean gain (0+25+25)/3 = 16.67 -> +16.7 points.
# Each question, over all sheets of the form (4 pre, 3 post):
#   q1 pre right A: P01 P02 P04 = 3/4 = 75.0;  post right B: all 3 = 100.0;  change +25.0
#   q2 pre right B: all 4       = 100.0;       post right C: all 3 = 100.0;  change   0.0
#   q3 pre right C: P01 P03 P04 = 3/4 = 75.0;  post right D: P01 P02 = 2/3 = 66.7; change -8.3
#   q4 pre right D: P01 P02 P04 = 3/4 = 75.0;  post right A: all 3 = 100.0;  change +25.0
SHEETS = """participant,form,answers
P01,pre,ABCD
P01,post,BCDA
P02,pre,ABDD
P02,post,BCDA
P03,pre,CBCC
P03,post,BCAA
P04,pre,ABCD
"""
KEYS = {"pre": tuple("ABCD"), "post": tuple("BCDA")}


def test_scores_match_the_hand_calculation() -> None:
    report = score(read_sheets(SHEETS), KEYS)
    assert report.matched == 3
    assert (report.pre_mean, report.post_mean, report.gain) == (75.0, 91.7, 16.7)
    got = [(i.pre_right, i.pre_sheets, i.pre_pct, i.post_right, i.post_sheets, i.post_pct, i.change) for i in report.items]
    assert got == [
        (3, 4, 75.0, 3, 3, 100.0, 25.0),
        (4, 4, 100.0, 3, 3, 100.0, 0.0),
        (3, 4, 75.0, 2, 3, 66.7, -8.3),
        (3, 4, 75.0, 3, 3, 100.0, 25.0),
    ]
    people = {p.participant: (p.pre, p.post, p.gain) for p in report.participants}
    assert people == {"P01": (100.0, 100.0, 0.0), "P02": (75.0, 100.0, 25.0), "P03": (50.0, 75.0, 25.0),
                      "P04": (100.0, None, None)}


def _keys(tmp_path: Path) -> list[str]:
    args = []
    for form, letters in KEYS.items():
        path = tmp_path / f"{form}.json"
        path.write_text(json.dumps({"form": form, "answer_key": [{"answer": x} for x in letters]}), encoding="utf-8")
        args += ["--key", str(path)]
    return args


def test_score_command_in_every_format(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    sheets = tmp_path / "sheets.csv"
    sheets.write_text(SHEETS, encoding="utf-8")
    md = run("quiz", "score", str(sheets), *_keys(tmp_path))
    assert md.code == 0, md.stderr
    assert "| 3 | 75.0 | 91.7 | +16.7 |" in md.stdout
    assert "| 3 | 3/4 | 75.0 | 2/3 | 66.7 | -8.3 |" in md.stdout
    assert "Knowledge base 2026.11.1 (2026-11-23)" in md.stdout and "does not replace, legal advice" in md.stdout
    rows = list(csv.DictReader(io.StringIO(run("quiz", "score", str(sheets), *_keys(tmp_path), "--format", "csv").stdout)))
    assert rows[-1]["scope"] == "group" and rows[-1]["change_points"] == "+16.7"
    assert [r["change_points"] for r in rows[:-1]] == ["+25.0", "+0.0", "-8.3", "+25.0"]
    data = json.loads(run("quiz", "score", str(sheets), *_keys(tmp_path), "--format", "json").stdout)
    assert data["group"] == {"matched": 3, "pre_mean_pct": 75.0, "post_mean_pct": 91.7, "gain_points": 16.7}


def test_score_rebuilds_the_keys_from_topic_and_seed(kb: KnowledgeBase, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    pre = "".join(q.answer_letter for q in build_quiz(kb, "bonded-labour", count=5, seed=4, form="pre").questions)
    post = "".join(q.answer_letter for q in build_quiz(kb, "bonded-labour", count=5, seed=4, form="post").questions)
    wrong = "".join("B" if c == "A" else "A" for c in pre)  # every pre answer wrong
    sheets = tmp_path / "s.csv"
    sheets.write_text(f"participant,form,answers\nT1,pre,{wrong}\nT1,post,{post}\n", encoding="utf-8")
    result = run("quiz", "score", str(sheets), "--topic", "bonded-labour", "--seed", "4", "--count", "5", "--format", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["group"] == {"matched": 1, "pre_mean_pct": 0.0, "post_mean_pct": 100.0,
                                                  "gain_points": 100.0}


def test_bad_sheets_are_one_line_errors(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    sheets = tmp_path / "s.csv"
    sheets.write_text("participant,form,answers\nP1,pre,ABC\n", encoding="utf-8")
    short = run("quiz", "score", str(sheets), *_keys(tmp_path))
    assert short.code == 2 and "P1 has 3 answers for 4 questions" in short.stderr and "hint:" in short.stderr
    sheets.write_text("participant,form,answers\nP1,mid,ABCD\n", encoding="utf-8")
    form = run("quiz", "score", str(sheets), *_keys(tmp_path))
    assert form.code == 2 and "s.csv:2: form 'mid' is not pre or post" in form.stderr
    sheets.write_text("participant,form,answers\nP1,pre,ABXD\n", encoding="utf-8")
    letters = run("quiz", "score", str(sheets), *_keys(tmp_path))
    assert letters.code == 2 and "found X" in letters.stderr
    missing = run("quiz", "score", str(tmp_path / "none.csv"), *_keys(tmp_path))
    assert missing.code == 1 and "no answer-sheet file" in missing.stderr
    nokey = run("quiz", "score", str(sheets))
    assert nokey.code == 2 and "no answer key" in nokey.stderr
    for result in (short, form, letters, missing, nokey):
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 2


def test_blank_answers_count_as_wrong() -> None:
    report = score(read_sheets("participant,form,answers\nP1,pre,A-C.\nP1,post,B C D A\n"), KEYS)
    assert [p.pre for p in report.participants] == [50.0] and report.gain == 50.0


# --------------------------------------------------------------------------- Hindi


@pytest.mark.parametrize("topic", TOPIC_IDS)
def test_hindi_quiz_has_no_fallback_and_the_same_answers(kb: KnowledgeBase, topic: str) -> None:
    english = build_quiz(kb, topic, count=15, seed=5, form="pre")
    hindi = build_quiz(kb, topic, count=15, seed=5, form="pre", lang="hi")
    assert hindi.fallbacks == 0 and hindi.translation == "lexkit, unverified"
    # The same questions, with the same right letter: only the words change.
    assert [(q.fact, q.answer) for q in hindi.questions] == [(q.fact, q.answer) for q in english.questions]
    for q in hindi.questions:
        assert re.search(r"[\u0900-\u097F]", q.prompt), q.prompt
        if q.kind in ("time-limit", "punishment", "classification"):
            assert all(re.search(r"[\u0900-\u097F]", o) for o in q.options), q.options
        if q.kind == "entitlement":  # '₹30,000 तक', never 'up to Rs 30,000'
            assert all(o.startswith(("₹", "कम से कम ₹")) and "Rs" not in o for o in q.options), q.options


def test_hindi_quiz_from_the_cli(run) -> None:  # type: ignore[no-untyped-def]
    result = run("quiz", "build", "bonded-labour", "--lang", "hi", "--seed", "2", "--answers", "--format", "html")
    assert result.code == 0 and result.stderr == ""
    assert '<html lang="hi">' in result.stdout and "Noto Sans Devanagari" in result.stdout
    assert "<h2>उत्तर कुंजी</h2>" in result.stdout and FALLBACK_NOTE not in result.stdout
    assert "हिंदी अनुवाद: lexkit द्वारा, असत्यापित" in result.stdout
