"""Render a quiz as Markdown (CommonMark), as JSON-ready data, or as one printable HTML page whose
answer key starts on a page of its own; the answer key only on request (or alone)."""

from __future__ import annotations

import html
from typing import Any

from markdown_it import MarkdownIt

from lexkit.render.handout import FONTS, UNVERIFIED
from lexkit.render.markdown import md_text
from lexkit.training.quiz import LETTERS, Quiz

FORM_WORDS = {"pre": "pre-training form", "post": "post-training form"}


def _checked(verification: str) -> str:
    return UNVERIFIED if verification not in ("primary", "secondary") else verification


def _title(quiz: Quiz) -> str:
    return f"Quiz: {quiz.title}" + (f" ({FORM_WORDS[quiz.form]})" if quiz.form else "")


def _head(quiz: Quiz) -> list[str]:
    form = f" · form {quiz.form}" if quiz.form else ""
    return [
        f"# {md_text(_title(quiz))}",
        "",
        f"Knowledge base {md_text(quiz.kb_version)} ({md_text(quiz.kb_date)}) · topic {md_text(quiz.topic)} · "
        f"seed {quiz.seed}{form} · {len(quiz.questions)} questions",
        "",
    ]


def _foot(quiz: Quiz) -> list[str]:
    return ["---", "", md_text(quiz.disclaimer, block=True)]


def _questions(quiz: Quiz) -> list[str]:
    lines = ["Participant code (never a name): ____________", "", "Choose one answer for each question.", ""]
    for q in quiz.questions:
        lines += [f"**{q.number}.** {md_text(q.prompt)}", ""]
        lines += [f"- {LETTERS[i]}. {md_text(option)}" for i, option in enumerate(q.options)]
        lines.append("")
    return lines


def _key(quiz: Quiz) -> list[str]:
    title = "Answer key" + (f" ({FORM_WORDS[quiz.form]})" if quiz.form else "")
    lines = [f"## {title}", "", "| Question | Answer | Basis | Checked | Why |", "|---|---|---|---|---|"]
    for q in quiz.questions:
        lines.append(
            f"| {q.number} | {q.answer_letter}. {md_text(q.answer_text)} | {md_text(q.basis)} | "
            f"{_checked(q.verification)} | {md_text(q.explanation)} |"
        )
    return lines + [""]


def quiz_markdown(quiz: Quiz, answers: bool = False, answers_only: bool = False) -> str:
    """Questions with lettered options; with ``answers``, a key naming the record behind each answer;
    with ``answers_only``, the key alone."""
    lines = _head(quiz)
    if not answers_only:
        lines += _questions(quiz)
    if answers or answers_only:
        lines += _key(quiz)
    lines += _foot(quiz)
    return "\n".join(lines).rstrip() + "\n"


QUIZ_CSS = f"""
@page {{ size: A4; margin: 15mm; }}
html {{ font-family: {FONTS}; font-size: 10.5pt; line-height: 1.35; color: #111; background: #fff; }}
body {{ margin: 0 auto; max-width: 180mm; padding: 0; }}
h1 {{ font-size: 15pt; margin: 0 0 0.3em; }}
h2 {{ font-size: 13pt; margin: 0 0 0.4em; }}
p {{ margin: 0.3em 0; }}
ul {{ list-style: none; padding-left: 1em; margin: 0.1em 0 0.6em; }}
li, tr {{ break-inside: avoid; page-break-inside: avoid; }}
p:has(+ ul) {{ break-after: avoid; page-break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; }}
th, td {{ border: 1px solid #888; padding: 2pt 4pt; vertical-align: top; text-align: left; overflow-wrap: break-word; }}
th {{ background: #e8e8e8; }}
section.answer-key {{ break-before: page; page-break-before: always; }}
hr {{ border: 0; border-top: 1px solid #888; margin: 1em 0 0.5em; }}
@media screen {{ body {{ padding: 15mm; }} section.answer-key {{ border-top: 3px double #555; margin-top: 2em; }} }}
""".strip()


def quiz_html(quiz: Quiz, answers: bool = False, answers_only: bool = False) -> str:
    """One self-contained HTML page: the questions, and the answer key on a page of its own
    (CSS page break), or the key alone. Raw HTML in the knowledge base never becomes a tag."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    parts = [md.render("\n".join(_head(quiz)))]
    if not answers_only:
        parts.append(f'<section class="questions">\n{md.render(chr(10).join(_questions(quiz)))}</section>\n')
    if answers or answers_only:
        parts.append(f'<section class="answer-key">\n{md.render(chr(10).join(_key(quiz)))}</section>\n')
    parts.append(md.render("\n".join(_foot(quiz))))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(_title(quiz), quote=True)}</title>\n<style>\n{QUIZ_CSS}\n</style>\n</head>\n<body>\n"
        + "".join(parts) + "</body>\n</html>\n"
    )


def quiz_dict(quiz: Quiz, answers: bool = False, answers_only: bool = False) -> dict[str, Any]:
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
        "form": quiz.form,
        "requested": quiz.requested,
        "kb": {"version": quiz.kb_version, "date": quiz.kb_date, "disclaimer": quiz.disclaimer},
    }
    if not answers_only:
        data["questions"] = [question(q) for q in quiz.questions]
    if answers or answers_only:
        data["answer_key"] = [
            {
                "number": q.number,
                "answer": q.answer_letter,
                "text": q.answer_text,
                "kind": q.kind,
                "subject": q.subject,
                "fact": q.fact,
                "basis": q.basis,
                "verification": q.verification,
                "explanation": q.explanation,
            }
            for q in quiz.questions
        ]
    return data
