"""Render a quiz as Markdown (CommonMark) or as JSON-ready data; the answer key only on request."""

from __future__ import annotations

from typing import Any

from lexkit.render.handout import UNVERIFIED
from lexkit.render.markdown import md_text
from lexkit.training.quiz import LETTERS, Quiz


def _checked(verification: str) -> str:
    return UNVERIFIED if verification not in ("primary", "secondary") else verification


def quiz_markdown(quiz: Quiz, answers: bool = False) -> str:
    """Questions with lettered options; with ``answers``, a key naming the record behind each answer."""
    lines = [
        f"# Quiz: {md_text(quiz.title)}",
        "",
        f"Knowledge base {md_text(quiz.kb_version)} ({md_text(quiz.kb_date)}) · topic {md_text(quiz.topic)} · "
        f"seed {quiz.seed} · {len(quiz.questions)} questions",
        "",
        "Choose one answer for each question.",
        "",
    ]
    for q in quiz.questions:
        lines += [f"**{q.number}.** {md_text(q.prompt)}", ""]
        lines += [f"- {LETTERS[i]}. {md_text(option)}" for i, option in enumerate(q.options)]
        lines.append("")
    if answers:
        lines += ["## Answer key", "", "| Question | Answer | Basis | Checked | Why |", "|---|---|---|---|---|"]
        for q in quiz.questions:
            lines.append(
                f"| {q.number} | {q.answer_letter}. {md_text(q.answer_text)} | {md_text(q.basis)} | "
                f"{_checked(q.verification)} | {md_text(q.explanation)} |"
            )
        lines.append("")
    lines += ["---", "", md_text(quiz.disclaimer, block=True)]
    return "\n".join(lines).rstrip() + "\n"


def quiz_dict(quiz: Quiz, answers: bool = False) -> dict[str, Any]:
    def question(q: Any) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": q.number,
            "kind": q.kind,
            "prompt": q.prompt,
            "options": [{"letter": LETTERS[i], "text": o} for i, o in enumerate(q.options)],
        }
        if answers:
            out["answer"] = q.answer_letter
        return out

    data: dict[str, Any] = {
        "topic": quiz.topic,
        "title": quiz.title,
        "seed": quiz.seed,
        "requested": quiz.requested,
        "kb": {"version": quiz.kb_version, "date": quiz.kb_date, "disclaimer": quiz.disclaimer},
        "questions": [question(q) for q in quiz.questions],
    }
    if answers:
        data["answer_key"] = [
            {
                "number": q.number,
                "answer": q.answer_letter,
                "text": q.answer_text,
                "kind": q.kind,
                "subject": q.subject,
                "basis": q.basis,
                "verification": q.verification,
                "explanation": q.explanation,
            }
            for q in quiz.questions
        ]
    return data
