"""Render a quiz as Markdown (CommonMark), as JSON-ready data, or as one printable HTML page whose
answer key starts on a page of its own; the answer key only on request (or alone)."""

from __future__ import annotations

import html
from typing import Any

from markdown_it import MarkdownIt

from lexkit.render.handout import FALLBACK_NOTE, FONTS, UNVERIFIED
from lexkit.render.markdown import md_text
from lexkit.training.quiz import LETTERS, Quiz
from lexkit.training.words import header, label, load_catalogue

FORM_WORDS = {"pre": "pre-training form", "post": "post-training form"}


def _checked(verification: str) -> str:
    return UNVERIFIED if verification not in ("primary", "secondary") else verification


def _hi(key: str, **values: str | int) -> str:
    return str(load_catalogue().section("quiz")[key]).format(**values)


def _form_words(quiz: Quiz) -> str:
    if not quiz.form:
        return ""
    return FORM_WORDS[quiz.form] if quiz.lang == "en" else _hi(quiz.form)


def _title(quiz: Quiz) -> str:
    title = f"Quiz: {quiz.title}" if quiz.lang == "en" else _hi("title", title=quiz.title)
    return title + (f" ({_form_words(quiz)})" if quiz.form else "")


def _language_notes(quiz: Quiz) -> list[str]:
    """A Hindi quiz: the fallback banner only for lexkit's own words left in English, one line on
    the law quoted as held, and who translated the Hindi."""
    if quiz.lang == "en":
        return []
    lines = []
    if quiz.fallbacks:
        lines.append(f"> {FALLBACK_NOTE} ({quiz.fallbacks} strings)")
    if quiz.law_as_held:
        lines.append(f"> {md_text(label('law-as-held', quiz.lang), block=True)}")
    if quiz.translation:
        by, _, status = quiz.translation.partition(", ")
        lines.append(f"> {md_text(label('translated-by', quiz.lang, by=by, status=header(status, quiz.lang)), block=True)}")
    return [x for line in lines for x in (line, "")]


def _head(quiz: Quiz) -> list[str]:
    if quiz.lang == "en":
        form = f" · form {quiz.form}" if quiz.form else ""
        line = (f"Knowledge base {md_text(quiz.kb_version)} ({md_text(quiz.kb_date)}) · topic {md_text(quiz.topic)} · "
                f"seed {quiz.seed}{form} · {len(quiz.questions)} questions")
    else:
        line = md_text(_hi("line", version=quiz.kb_version, date=quiz.kb_date, topic=quiz.topic, seed=quiz.seed,
                           form=_hi("form", form=quiz.form) if quiz.form else "", n=len(quiz.questions)))
    return [f"# {md_text(_title(quiz))}", "", line, "", *_language_notes(quiz)]


def _foot(quiz: Quiz) -> list[str]:
    return ["---", "", md_text(quiz.disclaimer, block=True)]


def _questions(quiz: Quiz) -> list[str]:
    if quiz.lang == "en":
        lines = ["Participant code (never a name): ____________", "", "Choose one answer for each question.", ""]
    else:
        lines = [md_text(_hi("participant")), "", md_text(_hi("choose")), ""]
    for q in quiz.questions:
        lines += [f"**{q.number}.** {md_text(q.prompt)}", ""]
        lines += [f"- {LETTERS[i]}. {md_text(option)}" for i, option in enumerate(q.options)]
        lines.append("")
    return lines


def _key(quiz: Quiz) -> list[str]:
    form = f" ({_form_words(quiz)})" if quiz.form else ""
    if quiz.lang != "en":
        # The "why" of the English key quotes the law as held; the Hindi key names its basis.
        lines = [f"## {_hi('answer-key')}{form}", "",
                 f"| {_hi('col-question')} | {_hi('col-answer')} | {header('Basis', quiz.lang)} | "
                 f"{header('Checked', quiz.lang)} |", "|---|---|---|---|"]
        for q in quiz.questions:
            checked = header(q.verification if q.verification in ("primary", "secondary") else "unverified", quiz.lang)
            lines.append(f"| {q.number} | {q.answer_letter}. {md_text(q.answer_text)} | {md_text(q.basis)} | {checked} |")
        return lines + [""]
    lines = [f"## Answer key{form}", "", "| Question | Answer | Basis | Checked | Why |", "|---|---|---|---|---|"]
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
        f"<!DOCTYPE html>\n<html lang=\"{html.escape(quiz.lang, quote=True)}\">\n<head>\n<meta charset=\"utf-8\">\n"
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
        "lang": quiz.lang,
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
