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
    html = "html"


class Length(str, Enum):
    card = "card"
    full = "full"


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
    length: Length = typer.Option(
        Length.card, "--length", help="card (a pocket card, at most two A4 pages) or full (the whole booklet)."
    ),
    on_date: Optional[str] = typer.Option(
        None, "--date", help="Show entitlements in force on this date, YYYY-MM-DD or DD/MM/YYYY (default: the knowledge base's date)."
    ),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
) -> None:
    """Build a printable pocket card (default) or the full handout on a topic for one audience.

    The card says what that audience must do and know (police: rescue duties and time limits;
    prosecutors: charges in both codes, evidence, witness protection; magistrates: orders and time
    limits; NGOs: the victim's rights and entitlements; community: where to call and whom to
    tell). The full handout has every section, ordered for the audience. Every row carries its
    verification marker; the footer gives the knowledge-base version and date.
    Example: lexkit handout build trafficking-csec --audience magistrate --lang hi --format html -o card.html
    """
    from lexkit.cli.io import emit, load_kb, note
    from lexkit.law.provisions import parse_offence_date
    from lexkit.render import card as card_render
    from lexkit.render import handout as handout_render
    from lexkit.training.handouts import build_card, build_handout

    day = parse_offence_date(on_date).isoformat() if on_date else None
    build = build_card if length is Length.card else build_handout
    handout = build(load_kb(ctx), topic, audience.value, lang.value, day)
    if handout.lang != "en" and handout.fallbacks:
        note(f"{handout_render.FALLBACK_NOTE} ({handout.fallbacks} strings)")
    if handout.missing:
        note("not in this knowledge base, left out: " + ", ".join(handout.missing))
    renderers = card_render.RENDERERS if length is Length.card else handout_render.RENDERERS
    what = f"{topic}, {audience.value}, {lang.value}, {length.value}, {fmt.value}"
    emit(renderers[fmt.value](handout), output, force, what, exact=fmt.value == "json")


class Form(str, Enum):
    pre = "pre"
    post = "post"


class ScoreFormat(str, Enum):
    md = "md"
    csv = "csv"
    json = "json"


@quiz_app.command("build")
def quiz_build(
    ctx: typer.Context,
    topic: str = typer.Argument(..., help="A topic id from 'lexkit handout list', e.g. bonded-labour."),
    count: int = typer.Option(10, "--count", click_type=whole_number(1, 200), help="How many questions."),
    seed: int = typer.Option(0, "--seed", click_type=whole_number(0, 2**32 - 1), help="The same seed gives the same questions and option order."),
    form: Optional[Form] = typer.Option(
        None, "--form", help="pre or post: two parallel papers from the same seed, no fact asked in both."
    ),
    lang: Lang = typer.Option(Lang.en, "--lang", help="en or hi (lexkit's Hindi; the law quoted stays as held)."),
    fmt: QuizFormat = typer.Option(QuizFormat.md, "--format", help="md, json or html (the answer key on a page of its own)."),
    answers: bool = typer.Option(
        False, "--answers", help="Add the answer key, with the provision or judgement behind each answer."
    ),
    answers_only: bool = typer.Option(False, "--answers-only", help="Print the answer key alone."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
) -> None:
    """Build a multiple-choice quiz from the knowledge base; the answers come from its data.

    For a pre/post evaluation, print --form pre before the training and --form post after it,
    with the same topic, --count and --seed; score the sheets with 'lexkit quiz score'.
    Example: lexkit quiz build trafficking-csec --count 10 --seed 7 --form pre --format html --answers -o pre.html
    """
    import json

    from lexkit.cli.io import emit, load_kb, note
    from lexkit.render.quiz import quiz_dict, quiz_html, quiz_markdown
    from lexkit.training.quiz import build_quiz

    quiz = build_quiz(load_kb(ctx), topic, count=count, seed=seed, form=form.value if form else None, lang=lang.value)
    if quiz.lang != "en" and quiz.fallbacks:
        from lexkit.render.handout import FALLBACK_NOTE

        note(f"{FALLBACK_NOTE} ({quiz.fallbacks} strings)")
    if len(quiz.questions) < count:
        note(f"the knowledge base supports only {len(quiz.questions)} questions on {topic}"
             + (" per form" if form else ""))
    if fmt is QuizFormat.json:
        payload = json.dumps(quiz_dict(quiz, answers, answers_only), ensure_ascii=False, indent=2) + "\n"
    elif fmt is QuizFormat.html:
        payload = quiz_html(quiz, answers, answers_only)
    else:
        payload = quiz_markdown(quiz, answers, answers_only)
    emit(payload, output, force, f"{len(quiz.questions)} questions", exact=fmt is QuizFormat.json)


@quiz_app.command("score")
def quiz_score(
    ctx: typer.Context,
    sheets: Path = typer.Argument(..., help="Answer sheets, CSV with the columns participant,form,answers."),
    key: Optional[list[Path]] = typer.Option(
        None, "--key", help="An answer key: the JSON of 'quiz build --form pre|post --answers-only --format json' (give both)."
    ),
    topic: Optional[str] = typer.Option(None, "--topic", help="Rebuild the keys: the quiz's topic."),
    seed: int = typer.Option(0, "--seed", help="Rebuild the keys: the quiz's seed."),
    count: int = typer.Option(10, "--count", min=1, max=200, help="Rebuild the keys: the quiz's --count."),
    fmt: ScoreFormat = typer.Option(ScoreFormat.md, "--format", help="md, csv or json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
) -> None:
    """Score pre- and post-training answer sheets: each question's and the group's improvement.

    The sheets are CSV: participant,form,answers (e.g. P01,pre,ABDC; - for no answer). The keys
    come from --key files, or are rebuilt from --topic, --seed and --count.
    Example: lexkit quiz score sheets.csv --topic trafficking-csec --seed 7 --count 10 --format md
    """
    import json

    from lexkit.cli.io import emit, load_kb, read_input
    from lexkit.errors import UsageProblem
    from lexkit.render.quiz_score import score_csv, score_dict, score_markdown
    from lexkit.training.quiz import build_quiz
    from lexkit.training.scoring import read_sheets, score

    text = read_input(sheets, "answer-sheet", "give the path of the answer sheets, saved as a UTF-8 CSV file")
    kb = load_kb(ctx)
    keys: dict[str, tuple[str, ...]] = {}
    if key and topic:
        raise UsageProblem("give --key files or --topic, not both", hint="--key pre.json --key post.json, or --topic T --seed S")
    if key:
        for path in key:
            key_text = read_input(path, "key", "make it with 'lexkit quiz build ... --answers-only --format json'")
            try:
                data = json.loads(key_text)
                keys[data["form"]] = tuple(item["answer"] for item in data["answer_key"])
            except (ValueError, KeyError, TypeError) as exc:
                raise UsageProblem(f"{path} is not an answer key ({type(exc).__name__})",
                                   hint="make it with 'lexkit quiz build --form pre --answers-only --format json'") from exc
    elif topic:
        for form in ("pre", "post"):
            keys[form] = tuple(q.answer_letter for q in build_quiz(kb, topic, count=count, seed=seed, form=form).questions)
    else:
        raise UsageProblem("no answer key", hint="pass --key pre.json --key post.json, or --topic T --seed S --count N")
    report = score(read_sheets(text, sheets.name), keys)
    if fmt is ScoreFormat.json:
        payload = json.dumps(score_dict(report, {"version": kb.meta.version, "date": kb.meta.date,
                                                 "disclaimer": kb.meta.disclaimer}), ensure_ascii=False, indent=2) + "\n"
    elif fmt is ScoreFormat.csv:
        payload = score_csv(report)
    else:
        payload = score_markdown(report, f"Knowledge base {kb.meta.version} ({kb.meta.date})", kb.meta.disclaimer)
    emit(payload, output, force, f"{report.matched} participants with both forms", exact=fmt is ScoreFormat.json)
