"""`lexkit handout ...` and `lexkit quiz ...`: training material, mounted by lexkit.cli.

lexkit.cli imports this module while it is still being built, so the shared helpers (out,
out_json, note, load_kb) are imported from it inside each command, never at the top.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from lexkit.cli.options import DataFormat, whole_number

handout_app = typer.Typer(
    help="Printable handouts for trainers: provisions, procedure, do's and don'ts, judgements, entitlements.",
    no_args_is_help=True,
)
quiz_app = typer.Typer(help="Pre- and post-training quizzes generated from the knowledge base.", no_args_is_help=True)


class Audience(str, Enum):
    police = "police"
    prosecutor = "prosecutor"
    magistrate = "magistrate"
    ngo = "ngo"
    community = "community"


class Lang(str, Enum):
    en = "en"
    hi = "hi"


class HandoutFormat(str, Enum):
    md = "md"
    html = "html"


class QuizFormat(str, Enum):
    md = "md"
    json = "json"


@handout_app.command("list")
def handout_list(
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """List the handout topics (the same topics serve 'lexkit quiz build').

    Example: lexkit handout list
    """
    from lexkit.cli.io import out, out_json
    from lexkit.training.handouts import list_topics

    topics = list_topics()
    if fmt is DataFormat.json:
        out_json([{"id": t.id, "title": t.title.en, "title_hi": t.title.hi} for t in topics])
        return
    width = max(len(t.id) for t in topics)
    out("\n".join(f"{t.id:<{width}}  {t.title.en}" for t in topics))


@handout_app.command("build")
def handout_build(
    ctx: typer.Context,
    topic: str = typer.Argument(..., help="A topic id from 'lexkit handout list', e.g. trafficking-csec."),
    audience: Audience = typer.Option(Audience.police, "--audience", help="police, prosecutor, magistrate, ngo or community."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="en or hi (Hindi where the knowledge base has it, else English)."),
    fmt: HandoutFormat = typer.Option(HandoutFormat.md, "--format", help="md or html (one self-contained file for A4 print)."),
    on_date: Optional[str] = typer.Option(
        None, "--date", help="Show entitlements in force on this date, YYYY-MM-DD or DD/MM/YYYY (default: the knowledge base's date)."
    ),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
) -> None:
    """Build a printable handout on a topic for one audience: law, procedure, do's and don'ts.

    The audience changes the order and emphasis, never the law. Every row carries its
    verification marker; the footer gives the knowledge-base version and date.
    Example: lexkit handout build trafficking-csec --audience magistrate --format html -o handout.html
    """
    from lexkit.cli.io import emit, load_kb, note
    from lexkit.law.provisions import parse_offence_date
    from lexkit.render.handout import FALLBACK_NOTE, RENDERERS
    from lexkit.training.handouts import build_handout

    day = parse_offence_date(on_date).isoformat() if on_date else None
    handout = build_handout(load_kb(ctx), topic, audience.value, lang.value, day)
    if handout.lang != "en" and handout.fallbacks:
        note(f"{FALLBACK_NOTE} ({handout.fallbacks} strings)")
    if handout.missing:
        note("not in this knowledge base, left out: " + ", ".join(handout.missing))
    emit(RENDERERS[fmt.value](handout), output, force, f"{topic}, {audience.value}, {lang.value}, {fmt.value}")


@quiz_app.command("build")
def quiz_build(
    ctx: typer.Context,
    topic: str = typer.Argument(..., help="A topic id from 'lexkit handout list', e.g. bonded-labour."),
    count: int = typer.Option(10, "--count", click_type=whole_number(1, 200), help="How many questions."),
    seed: int = typer.Option(0, "--seed", click_type=whole_number(0, 2**32 - 1), help="The same seed gives the same questions and option order."),
    fmt: QuizFormat = typer.Option(QuizFormat.md, "--format", help="md or json."),
    answers: bool = typer.Option(
        False, "--answers", help="Add the answer key, with the provision or judgement behind each answer."
    ),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
) -> None:
    """Build a multiple-choice quiz from the knowledge base; the answers come from its data.

    Example: lexkit quiz build trafficking-csec --count 10 --seed 7 --answers
    """
    import json

    from lexkit.cli.io import emit, load_kb, note
    from lexkit.render.quiz import quiz_dict, quiz_markdown
    from lexkit.training.quiz import build_quiz

    quiz = build_quiz(load_kb(ctx), topic, count=count, seed=seed)
    if len(quiz.questions) < count:
        note(f"the knowledge base supports only {len(quiz.questions)} questions on {topic}")
    if fmt is QuizFormat.json:
        payload = json.dumps(quiz_dict(quiz, answers), ensure_ascii=False, indent=2) + "\n"
    else:
        payload = quiz_markdown(quiz, answers)
    emit(payload, output, force, f"{len(quiz.questions)} questions")
