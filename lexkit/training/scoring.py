"""Scoring pre- and post-training answer sheets, as the UNODC trainings evaluated theirs.

Answer sheets are CSV, one row per participant and form, with a header:

    participant,form,answers
    P01,pre,ABCD
    P01,post,BCDA

``answers`` holds one letter per question in order (``-`` or ``.`` for no answer; spaces are
ignored); columns ``q1, q2, ...`` instead of ``answers`` work too. A participant is a code, never a
name.

What is reported:

- each question n: the share of pre sheets right on pre question n, the share of post sheets right
  on post question n, and the change in percentage points (the two forms are parallel: question n
  of each is of the same kind, on two different facts);
- each participant who sat both forms: pre and post score and the gain;
- the group: the mean pre and post score of the participants who sat both forms and the mean gain.
  Sheets of a participant who sat one form only count in the per-question figures, not in the gain.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from lexkit.errors import UsageProblem
from lexkit.training.quiz import FORMS, LETTERS

_BLANK = "-."


@dataclass(frozen=True)
class Sheet:
    participant: str
    form: str
    answers: tuple[str | None, ...]  # a letter, or None for no answer
    line: int


@dataclass(frozen=True)
class ItemResult:
    number: int
    pre_right: int
    pre_sheets: int
    post_right: int
    post_sheets: int

    @property
    def pre_pct(self) -> float | None:
        return _pct(self.pre_right, self.pre_sheets)

    @property
    def post_pct(self) -> float | None:
        return _pct(self.post_right, self.post_sheets)

    @property
    def change(self) -> float | None:
        return None if self.pre_pct is None or self.post_pct is None else round(self.post_pct - self.pre_pct, 1)


@dataclass(frozen=True)
class ParticipantResult:
    participant: str
    pre: float | None  # percent right
    post: float | None

    @property
    def gain(self) -> float | None:
        return None if self.pre is None or self.post is None else round(self.post - self.pre, 1)


@dataclass(frozen=True)
class ScoreReport:
    questions: int
    items: tuple[ItemResult, ...]
    participants: tuple[ParticipantResult, ...]
    matched: int  # participants who sat both forms
    pre_mean: float | None
    post_mean: float | None
    gain: float | None
    topic: str | None = None
    seed: int | None = None


def _pct(right: int, total: int) -> float | None:
    return None if total == 0 else round(100.0 * right / total, 1)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _answers(raw: str, where: str) -> tuple[str | None, ...]:
    letters = re.sub(r"[\s,;]", "", raw).upper()
    bad = sorted({c for c in letters if c not in LETTERS and c not in _BLANK})
    if bad:
        raise UsageProblem(f"{where}: answers may be only letters A-{LETTERS[-1]} or '-' (found {', '.join(bad)})",
                           hint="write one letter per question, e.g. ABDC, with - for no answer")
    return tuple(None if c in _BLANK else c for c in letters)


def read_sheets(text: str, name: str = "answer sheets") -> list[Sheet]:
    """Parse the answer-sheet CSV; a malformed row is a usage error naming its line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "participant" not in fields or "form" not in fields:
        raise UsageProblem(f"{name}: the header must name the columns participant, form and answers",
                           hint="first line: participant,form,answers (or q1,q2,... instead of answers)")
    questions = sorted((f for f in fields if re.fullmatch(r"q\d+", f)), key=lambda f: int(f[1:]))
    if "answers" not in fields and not questions:
        raise UsageProblem(f"{name}: no answers column", hint="add a column 'answers' (e.g. ABDC) or q1, q2, ...")
    sheets = []
    for row in reader:
        norm = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        where = f"{name}:{reader.line_num}"
        if not any(norm.values()):
            continue
        form = norm["form"].lower()
        if form not in FORMS:
            raise UsageProblem(f"{where}: form '{norm['form']}' is not pre or post", hint="write pre or post")
        if not norm["participant"]:
            raise UsageProblem(f"{where}: no participant code", hint="give each participant a code such as P01")
        raw = norm["answers"] if "answers" in norm else "".join(norm[q] or "-" for q in questions)
        sheets.append(Sheet(norm["participant"], form, _answers(raw, where), reader.line_num))
    seen: set[tuple[str, str]] = set()
    for s in sheets:
        if (s.participant, s.form) in seen:
            raise UsageProblem(f"{name}:{s.line}: participant {s.participant} has two {s.form} sheets",
                               hint="keep one sheet per participant and form")
        seen.add((s.participant, s.form))
    return sheets


def score(sheets: list[Sheet], keys: dict[str, tuple[str, ...]]) -> ScoreReport:
    """Score the sheets against the keys of the pre and post forms (letters, question 1 first)."""
    for form in {s.form for s in sheets}:
        if form not in keys:
            raise UsageProblem(f"no answer key for the {form} form", hint="pass the key of both forms")
    for s in sheets:
        if len(s.answers) != len(keys[s.form]):
            raise UsageProblem(
                f"line {s.line}: {s.participant} has {len(s.answers)} answers for {len(keys[s.form])} questions",
                hint="one letter per question, with - for no answer",
            )
    count = max((len(k) for k in keys.values()), default=0)
    by_form = {f: [s for s in sheets if s.form == f] for f in FORMS}

    def right(s: Sheet, n: int) -> bool:
        return n < len(s.answers) and s.answers[n] == keys[s.form][n]

    items = tuple(
        ItemResult(
            number=n + 1,
            pre_right=sum(right(s, n) for s in by_form["pre"] if n < len(keys.get("pre", ()))),
            pre_sheets=len(by_form["pre"]) if n < len(keys.get("pre", ())) else 0,
            post_right=sum(right(s, n) for s in by_form["post"] if n < len(keys.get("post", ()))),
            post_sheets=len(by_form["post"]) if n < len(keys.get("post", ())) else 0,
        )
        for n in range(count)
    )

    def percent(s: Sheet | None) -> float | None:
        return None if s is None else _pct(sum(right(s, n) for n in range(len(s.answers))), len(keys[s.form]))

    people = list(dict.fromkeys(s.participant for s in sheets))
    sheet_of = {(s.participant, s.form): s for s in sheets}
    participants = tuple(
        ParticipantResult(p, percent(sheet_of.get((p, "pre"))), percent(sheet_of.get((p, "post")))) for p in people
    )
    both = [p for p in participants if p.pre is not None and p.post is not None]
    pre_mean = _mean([p.pre for p in both if p.pre is not None])
    post_mean = _mean([p.post for p in both if p.post is not None])
    # The mean gain is the mean of the participants' gains (each score rounded to 0.1 point first).
    gains = [p.post - p.pre for p in both if p.pre is not None and p.post is not None]
    return ScoreReport(
        questions=count,
        items=items,
        participants=participants,
        matched=len(both),
        pre_mean=pre_mean,
        post_mean=post_mean,
        gain=_mean(gains),
    )
