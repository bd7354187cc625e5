"""Pre- and post-training quizzes, generated from the knowledge base.

No answer is written by hand: each question is built from one record (a correspondence row, a
time limit, a punishment, a row of the First Schedule, a sub-provision, a judgement's holding, a
scheme amount) and its right answer is that record's own value. Wrong options are values of the
same kind drawn from the topic, then from the rest of the knowledge base, and never equal to the
right one (for periods: never about as long as it).

Question types (``KINDS``):

- successor:      "Which BNS provision replaced IPC s.370A?"
- predecessor:    "Which IPC provision did BNS s.143 replace?"
- time-limit:     "Within what period of the child being found must ... (JJ Act s.31)?"
- punishment:     "What is the punishment under BNS s.144(2) (engaging a trafficked person ...)?"
- classification: "Under BNS s.143(2), is the offence cognizable? Is it bailable?"
- sub-provision:  "Which provision says: 'The officer may remove all persons found in the premises'?"
- judgement:      "Which case held: '...'?"
- entitlement:    "What is the rehabilitation assistance (category: special) under CSS-BL-2021 on <date>?"

Not generated: "which officer may search without a warrant under ITPA s.15" and the like, since
the knowledge base holds the answer only in running text, not as data a question can be built on
reliably.

The same topic, count and seed always give the same questions in the same order with the same
option order: candidate pools are sorted before a ``random.Random(seed)`` draws from them.
This module is a library: it never prints and never imports typer or rich.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from lexkit.errors import UsageProblem
from lexkit.kb.knowledge import KnowledgeBase, split_ref
from lexkit.kb.models import CorrespondenceRow, Punishment, Section, TimeLimit, period_text
from lexkit.law.judgements import all_judgements
from lexkit.law.wording import punishment_text
from lexkit.procedure.sops import all_sops
from lexkit.procedure.wording import TRIGGER_PHRASES
from lexkit.training.handouts import (
    Topic,
    cite,
    classification_lines,
    limit_phrase,
    load_topics,
    weakest,
)
from lexkit.training.words import Words, load_catalogue, punishment_hi

KINDS = (
    "successor",
    "predecessor",
    "time-limit",
    "punishment",
    "classification",
    "sub-provision",
    "judgement",
    "entitlement",
)
OPTIONS = 4
LETTERS = "ABCDEFGH"
MAX_COUNT = 200

_HOURS = {"hours": 1.0, "days": 24.0, "months": 24.0 * 30.44, "years": 24.0 * 365.25}
_KIND_QUESTIONS = {
    "deadline": "within what period of {moment}",
    "cap": "for at most how long from {moment}",
    "target": "within what period of {moment}, as far as possible",
    "minimum": "for at least how long from {moment}",
}


@dataclass(frozen=True)
class Question:
    """One multiple-choice question and its key."""

    number: int
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: int  # index into options
    subject: str  # the record the question is built from (a time limit id, 'BNS-143#2', 'ipc-bns:IPC-370A')
    basis: str  # the provision id or judgement id behind the answer
    verification: str
    explanation: str
    fact: str = ""  # the record behind the question: never asked twice in a quiz or a pre/post pair

    @property
    def answer_letter(self) -> str:
        return LETTERS[self.answer]

    @property
    def answer_text(self) -> str:
        return self.options[self.answer]


@dataclass(frozen=True)
class Quiz:
    topic: str
    title: str
    seed: int
    requested: int
    questions: tuple[Question, ...]
    kb_version: str
    kb_date: str
    disclaimer: str
    form: str | None = None  # pre | post: one of two parallel papers with no fact in common
    lang: str = "en"
    fallbacks: int = 0  # strings lexkit wrote, shown in English in a Hindi quiz
    law_as_held: int = 0  # questions quoting the law in the language held
    translation: str | None = None  # who translated the Hindi and its weakest verification


@dataclass(frozen=True)
class _Candidate:
    """A question before its options are drawn: the right answer and the pools for wrong ones."""

    kind: str
    key: str  # a stable sort key
    prompt: str
    answer: str
    near: tuple[str, ...]  # wrong answers from the topic
    far: tuple[str, ...]  # wrong answers from the rest of the knowledge base
    subject: str
    basis: str
    verification: str
    explanation: str
    fixed_options: tuple[str, ...] = ()  # a closed set of options (classification)
    row: str = ""  # for successor and predecessor questions: the correspondence row
    hi: str = ""  # the question in lexkit's Hindi (the law quoted in it stays as held)

    @property
    def fact(self) -> str:
        """The record a question is built from. A successor and a predecessor question on the same
        correspondence row ask one fact in two directions, so both name the row."""
        return f"correspondence:{self.row}" if self.row else f"{self.kind}:{self.subject}"


# --------------------------------------------------------------------------- the topic's records


def _sections(kb: KnowledgeBase, topic: Topic) -> list[Section]:
    found = [kb.section(ref) for ref in topic.provisions]
    return [s for s in found if s is not None]


def _section_ids(kb: KnowledgeBase, topic: Topic) -> set[str]:
    return {s.id for s in _sections(kb, topic)}


def _rows(kb: KnowledgeBase, topic: Topic) -> list[CorrespondenceRow]:
    ids = _section_ids(kb, topic)
    return [
        r for r in kb.correspondence
        if r.table in topic.correspondence
        or (r.to_ref and split_ref(r.to_ref)[0] in ids)
        or (r.from_ref and split_ref(r.from_ref)[0] in ids)
    ]


def _time_limits(kb: KnowledgeBase, topic: Topic) -> list[TimeLimit]:
    ids = [t.id for s in _sections(kb, topic) for t in s.time_limits] + list(topic.time_limits)
    sops = {s.id: s for s in all_sops(kb)}
    for sop_id in topic.sops:
        sop = sops.get(sop_id)
        for step in sop.steps if sop else ():
            if step.deadline and step.deadline.statutory:
                ids.append(step.deadline.rule_id)
    # A period that ran from the Act's commencement (e.g. BLSA s.6(8): five years from 1975)
    # is history, not something a trainee must know today.
    return [kb.time_limits[i] for i in dict.fromkeys(ids)
            if i in kb.time_limits and kb.time_limits[i].trigger != "commencement_of_act"]


def _without(pool: list[str] | set[str], *answers: str) -> tuple[str, ...]:
    return tuple(sorted(set(pool) - set(answers)))


# --------------------------------------------------------------------------- question types


def _correspondence_questions(kb: KnowledgeBase, topic: Topic) -> list[_Candidate]:
    rows = [r for r in _rows(kb, topic) if r.from_ref and r.to_ref]
    out: list[_Candidate] = []
    for r in rows:
        assert r.from_ref and r.to_ref
        old_id, new_id = split_ref(r.from_ref)[0], split_ref(r.to_ref)[0]
        old_section, new_section = kb.section(old_id), kb.section(new_id)
        if old_section is None or new_section is None:
            continue
        old_code = kb.acts[old_section.act].aliases[0]
        new_code = kb.acts[new_section.act].aliases[0]
        check = r.provenance.verification
        # successor: only when the old provision has exactly one successor (else two answers are right)
        if len([x for x in kb.successors(old_id) if x.to_ref]) == 1:
            same = [cite(kb, x.to_ref) for x in rows if x.to_ref and x.table == r.table]
            every = [cite(kb, x.to_ref) for x in kb.correspondence if x.to_ref and x.table == r.table]
            answer = cite(kb, r.to_ref)
            out.append(_Candidate(
                "successor", f"{r.table}:{r.from_ref}",
                f"Which {new_code} provision replaced {cite(kb, r.from_ref)}?",
                answer, _without(same, answer), _without(every, answer),
                subject=f"{r.table}:{r.from_ref}", basis=r.to_ref, verification=check,
                explanation=f"{cite(kb, r.from_ref)} -> {answer} ({r.relation}): {r.changes.en}",
                row=f"{r.table}:{r.from_ref}->{r.to_ref}",
                hi=_hi("successor", old=cite(kb, r.from_ref), code=new_code),
            ))
        if len([x for x in kb.predecessors(new_id) if x.from_ref]) == 1:
            same = [cite(kb, x.from_ref) for x in rows if x.from_ref and x.table == r.table]
            every = [cite(kb, x.from_ref) for x in kb.correspondence if x.from_ref and x.table == r.table]
            answer = cite(kb, r.from_ref)
            out.append(_Candidate(
                "predecessor", f"{r.table}:{r.to_ref}",
                f"Which {old_code} provision did {cite(kb, r.to_ref)} replace?",
                answer, _without(same, answer), _without(every, answer),
                subject=f"{r.table}:{r.to_ref}", basis=r.from_ref, verification=check,
                explanation=f"{answer} -> {cite(kb, r.to_ref)} ({r.relation}): {r.changes.en}",
                row=f"{r.table}:{r.from_ref}->{r.to_ref}",
                hi=_hi("predecessor", new=cite(kb, r.to_ref), code=old_code),
            ))
    return out


_NUMBER_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
    10: "ten", 12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 21: "twenty-one",
    24: "twenty-four", 30: "thirty", 40: "forty", 45: "forty-five", 60: "sixty", 90: "ninety",
}


def _gives_away(t: TimeLimit) -> bool:
    """Whether the question text would state the answer ('may not exceed ten days')."""
    words = t.what.en.lower()
    spelled = [str(t.amount), _NUMBER_WORDS.get(t.amount, "\0")]
    if t.unit == "days" and t.amount % 7 == 0:
        spelled.append(f"{_NUMBER_WORDS.get(t.amount // 7, str(t.amount // 7))} week")
    if t.amount == 1:
        spelled += [f"a {t.unit[:-1]}", f"one {t.unit[:-1]}"]
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", words) for w in spelled)


def _hours(t: TimeLimit) -> float:
    return t.amount * _HOURS[t.unit]


def _time_limit_questions(kb: KnowledgeBase, topic: Topic) -> list[_Candidate]:
    every = sorted(kb.time_limits.values(), key=lambda t: t.id)
    out = []
    for t in _time_limits(kb, topic):
        if _gives_away(t):
            continue
        answer = period_text(t.amount, t.unit)
        # Wrong periods: not the same, and not about as long (60 days is not a fair foil for 2 months).
        foils = [x for x in every if not 0.8 <= _hours(x) / max(_hours(t), 1e-9) <= 1.25]
        same_unit = {period_text(x.amount, x.unit) for x in foils if x.unit == t.unit}
        other = {period_text(x.amount, x.unit) for x in foils}
        moment = TRIGGER_PHRASES.get(t.trigger, t.trigger.replace("_", " "))
        ask = _KIND_QUESTIONS.get(t.kind, "within what period of {moment}").format(moment=moment)
        journey = " (the journey time is excluded)" if "journey_time" in t.excludes else ""
        section = cite(kb, t.section_id)
        out.append(_Candidate(
            "time-limit", t.id,
            f"{t.what.en.rstrip('.')}: under {section}, {ask}{journey}?",
            answer, _without(same_unit, answer), _without(other, answer),
            subject=t.id, basis=t.section_id, verification=t.provenance.verification,
            explanation=limit_phrase(t),
            hi=_hi("time-limit", what=t.what.en.rstrip("."), section=section,
                   ask=_hi(f"ask-{t.kind}", moment=_cat("triggers").get(t.trigger, moment)),
                   journey=_hi("journey") if journey else ""),
        ))
    return out


def _cat(section: str) -> dict[str, Any]:
    return load_catalogue().section(section)


def _hi(key: str, **values: str) -> str:
    """A quiz template in lexkit's Hindi (data/hindi.yaml, section quiz)."""
    return str(_cat("quiz")[key]).format(**values)


def _punishment_hi_prompt(kb: KnowledgeBase, s: Section, applies_to: str) -> str:
    label, sep, what = applies_to.partition(": ")
    if sep and label.startswith(s.number):
        return _hi("punishment-labelled", act=kb.acts[s.act].aliases[0], label=label, what=what)
    return _hi("punishment", section=cite(kb, s.id), what=applies_to)


def _punishment_prompt(kb: KnowledgeBase, s: Section, applies_to: str) -> str:
    label, sep, what = applies_to.partition(": ")
    act = kb.acts[s.act].aliases[0]
    if sep and label.startswith(s.number):
        return f"What is the punishment under {act} s.{label} ({what})?"
    return f"What is the punishment under {cite(kb, s.id)} for: {applies_to}?"


def _term(p: Punishment) -> tuple[object, ...]:
    """The imprisonment a punishment allows, without the fine."""
    return (p.min_years, p.max_years, p.life, p.life_meaning, p.fine == "only", p.death, p.community_service,
            p.relation, p.relative_to, p.fraction, p.factor, p.conviction)


def _foils(punishments: list[Punishment], answer: Punishment) -> set[str]:
    # A foil must differ in the term of imprisonment: "up to 1 year, or fine, or both" is no fair
    # foil for "up to 1 year, or fine up to Rs 1,000, or both", being only less precise.
    return {punishment_text(p) for p in punishments if _term(p) != _term(answer)}


def _punishment_questions(kb: KnowledgeBase, topic: Topic) -> list[_Candidate]:
    mine = _sections(kb, topic)
    near = [p for s in mine for p in s.punishments]
    far = [p for s in kb.sections.values() for p in s.punishments]
    out = []
    for s in mine:
        labels = [p.applies_to.en for p in s.punishments]
        for i, p in enumerate(s.punishments):
            answer = punishment_text(p)
            if answer == "no imprisonment stated" or labels.count(p.applies_to.en) > 1:
                continue
            out.append(_Candidate(
                "punishment", f"{s.id}#{i}", _punishment_prompt(kb, s, p.applies_to.en),
                answer, _without(_foils(near, p), answer), _without(_foils(far, p), answer),
                subject=f"{s.id}#{i}", basis=s.id, verification=s.provenance.verification,
                explanation=f"{p.applies_to.en}: {answer} ({cite(kb, s.id)})",
                hi=_punishment_hi_prompt(kb, s, p.applies_to.en),
            ))
    return out


CLASS_OPTIONS = (
    "cognizable, bailable",
    "cognizable, non-bailable",
    "non-cognizable, bailable",
    "non-cognizable, non-bailable",
)


def _classification_questions(kb: KnowledgeBase, topic: Topic) -> list[_Candidate]:
    out = []
    for s in _sections(kb, topic):
        labels = [c.applies_to or "" for c in s.classification]
        for i, c in enumerate(s.classification):
            if c.cognizable is None or c.bailable is None:
                continue
            # "4(1)" beside "4(1) child or minor" would not say which row is meant: ask only when clear.
            label = labels[i]
            if any(j != i and other.startswith(label) for j, other in enumerate(labels)):
                continue
            (answer,) = classification_lines((c,))
            where = f"{kb.acts[s.act].aliases[0]} s.{c.applies_to}" if c.applies_to else cite(kb, s.id)
            out.append(_Candidate(
                "classification", f"{s.id}#{i}",
                f"How is the offence under {where} classified ({s.title.en})?",
                answer, (), (), subject=f"{s.id}#{i}", basis=s.id,
                verification=weakest(s.provenance.verification, c.verification or s.provenance.verification),
                explanation=f"{where}: {answer} [{c.basis}]", fixed_options=CLASS_OPTIONS,
                hi=_hi("classification", where=where, title=s.title.en),
            ))
    return out


def _usable_summary(text: str) -> bool:
    return "not transcribed" not in text and len(text) >= 25


def _sub_provision_questions(kb: KnowledgeBase, topic: Topic) -> list[_Candidate]:
    mine = _sections(kb, topic)
    summaries = [(s.id + x.label, x.summary.en) for s in mine for x in s.subsections]
    counts: dict[str, int] = {}
    for _, text in summaries:
        counts[text] = counts.get(text, 0) + 1
    out = []
    for ref, text in summaries:
        if counts[text] > 1 or not _usable_summary(text):
            continue
        sid = split_ref(ref)[0]
        answer = cite(kb, ref)
        same_act = {cite(kb, r) for r, _ in summaries if kb.sections[split_ref(r)[0]].act == kb.sections[sid].act}
        other = {cite(kb, r) for r, _ in summaries}
        out.append(_Candidate(
            "sub-provision", ref, f"Which provision says: \u201c{text.rstrip('.')}\u201d?",
            answer, _without(same_act, answer), _without(other, answer),
            subject=ref, basis=ref, verification=kb.sections[sid].provenance.verification,
            explanation=f"{answer}: {text}",
            hi=_hi("sub-provision", text=text.rstrip(".")),
        ))
    return out


def _judgement_questions(kb: KnowledgeBase, topic: Topic) -> list[_Candidate]:
    every = {j.id: j for j in all_judgements(kb)}
    mine = [every[i] for i in topic.judgements if i in every]
    out = []
    for j in mine:
        answer = j.label
        near = {x.label for x in mine}
        far = {x.label for x in every.values()}
        out.append(_Candidate(
            "judgement", j.id, f"Which case held: \u201c{j.holding.en.strip()}\u201d?",
            answer, _without(near, answer), _without(far, answer),
            subject=j.id, basis=j.id, verification=j.verification,
            explanation=f"{answer}, {j.court}, {j.decided_on}",
            hi=_hi("judgement", holding=j.holding.en.strip()),
        ))
    return out


def _entitlement_questions(kb: KnowledgeBase, topic: Topic, on_date: str) -> list[_Candidate]:
    if not topic.entitlement_sop:
        return []
    sop = next((s for s in all_sops(kb) if s.id == topic.entitlement_sop), None)
    if sop is None:
        return []
    valid = [e for e in sop.entitlements if e.valid_from <= on_date and (e.valid_to is None or on_date <= e.valid_to)]
    out = []
    for e in valid:
        # Foils never name the same sum ("Rs 200,000" is no fair foil for "at least Rs 200,000"),
        # and carry the answer's own qualifier, so "at least" or "up to" gives nothing away.
        from lexkit.law.wording import rupees

        prefix = {"up_to": "up to ", "at_least": "at least "}.get(e.amount_is, "")
        amounts = {f"{prefix}{rupees(x.amount_inr)}" for x in sop.entitlements if x.amount_inr != e.amount_inr}
        who = f" for {e.when.replace('category = ', 'category ').replace('_', ' ')}" if e.when else ""
        kind = e.kind.replace("_", " ")
        answer = e.amount_text
        out.append(_Candidate(
            "entitlement", f"{sop.id}/{e.id}",
            f"Under {e.scheme}, what is the {kind}{who}, as in force on {on_date}?",
            answer, _without(amounts, answer), (),
            subject=f"{sop.id}/{e.id}", basis=f"{sop.id}/{e.id}", verification=e.verification or sop.verification,
            explanation=f"{e.scheme} {kind}{who}: {answer} (from {e.valid_from})",
            hi=_hi("entitlement", date=on_date, scheme=e.scheme,
                   kind=str(_cat("entitlement_kinds").get(e.kind, kind)),
                   who=_hi("who", who=str(_cat("categories").get(who.removeprefix(" for "), who))) if who else ""),
        ))
    return out


def candidates(kb: KnowledgeBase, topic: Topic, on_date: str | None = None) -> dict[str, list[_Candidate]]:
    """Every question the knowledge base supports for a topic, by kind, in a stable order."""
    day = on_date or kb.meta.date
    pools: dict[str, list[_Candidate]] = {k: [] for k in KINDS}
    for c in (
        _correspondence_questions(kb, topic) + _time_limit_questions(kb, topic) + _punishment_questions(kb, topic)
        + _classification_questions(kb, topic) + _sub_provision_questions(kb, topic)
        + _judgement_questions(kb, topic) + _entitlement_questions(kb, topic, day)
    ):
        if c.fixed_options or len(set(c.near) | set(c.far)) >= OPTIONS - 1:
            pools[c.kind].append(c)
    return {k: sorted(v, key=lambda c: c.key) for k, v in pools.items()}


# --------------------------------------------------------------------------- drawing the quiz


def _options(c: _Candidate, rng: random.Random) -> tuple[tuple[str, ...], int]:
    if c.fixed_options:
        options = list(c.fixed_options)
    else:
        wrong = list(rng.sample(c.near, min(OPTIONS - 1, len(c.near))))
        rest = [x for x in c.far if x not in wrong and x != c.answer]
        wrong += rng.sample(rest, OPTIONS - 1 - len(wrong))
        options = [c.answer, *wrong]
    rng.shuffle(options)
    return tuple(options), options.index(c.answer)


def _queues(pools: dict[str, list[_Candidate]], rng: random.Random) -> tuple[dict[str, list[_Candidate]], list[str]]:
    queues = {k: list(v) for k, v in pools.items() if v}
    for queue in queues.values():
        rng.shuffle(queue)
    kinds = sorted(queues)
    rng.shuffle(kinds)
    return queues, kinds


def _next(queue: list[_Candidate], used: set[str]) -> _Candidate | None:
    """The next candidate of a kind whose fact has not been asked yet."""
    while queue:
        c = queue.pop()
        if c.fact not in used:
            used.add(c.fact)
            return c
    return None


def _draw(pools: dict[str, list[_Candidate]], count: int, rng: random.Random) -> list[_Candidate]:
    """Shuffle each kind's pool, then take one of each kind in turn, so that a quiz mixes kinds;
    a fact already asked is skipped."""
    queues, kinds = _queues(pools, rng)
    chosen: list[_Candidate] = []
    used: set[str] = set()
    while len(chosen) < count and any(queues.values()):
        for kind in kinds:
            if len(chosen) < count and (c := _next(queues[kind], used)) is not None:
                chosen.append(c)
    return chosen


def _draw_forms(pools: dict[str, list[_Candidate]], count: int, rng: random.Random) -> tuple[list[_Candidate], ...]:
    """Two parallel papers: question n of the pre form and of the post form are of the same kind,
    on two different facts, and no fact is asked twice within or across them."""
    queues, kinds = _queues(pools, rng)
    pre: list[_Candidate] = []
    post: list[_Candidate] = []
    used: set[str] = set()
    while len(pre) < count and any(len(q) >= 2 for q in queues.values()):
        for kind in kinds:
            if len(pre) >= count:
                break
            first = _next(queues[kind], used)
            second = _next(queues[kind], used) if first is not None else None
            if first is not None and second is not None:
                pre.append(first)
                post.append(second)
    return pre, post


_PERIOD = re.compile(r"^(\d+) (hour|day|month|year)s?$")
_AMOUNT = re.compile(r"^(up to |at least )?Rs ([\d,]+)$")


def _option_hi(kind: str, text: str, words: Words, punishments: dict[str, str]) -> str:
    """An option in lexkit's Hindi: citations and case names stay as written."""
    if kind == "time-limit" and (m := _PERIOD.match(text)):
        return words.period(int(m.group(1)), m.group(2) + "s")
    if kind == "punishment":
        return punishments.get(text) or words.own(text)
    if kind == "classification":
        return words.classification(text)
    if kind == "entitlement" and (m := _AMOUNT.match(text)):
        amount_is = {"up to ": "up_to", "at least ": "at_least"}.get(m.group(1) or "", "exact")
        return words.amount(int(m.group(2).replace(",", "")), amount_is, text)
    if kind in ("time-limit", "entitlement"):
        return words.own(text)
    return text


def _questions(drawn: list[_Candidate], rng: random.Random, words: Words, kb: KnowledgeBase) -> tuple[Question, ...]:
    punishments: dict[str, str] = {}
    if words.hindi:
        punishments = {punishment_text(p): hi for s in kb.sections.values() for p in s.punishments
                       if (hi := punishment_hi(p)) is not None}
    questions = []
    for number, c in enumerate(drawn, start=1):
        options, answer = _options(c, rng)
        prompt = c.prompt
        if words.hindi:
            prompt = c.hi or words.own(c.prompt)
            options = tuple(_option_hi(c.kind, o, words, punishments) for o in options)
            if c.kind in ("time-limit", "punishment", "classification", "sub-provision", "judgement"):
                words.law_as_held += 1  # the law quoted in the question stays as held
        questions.append(Question(number, c.kind, prompt, options, answer, c.subject, c.basis,
                                  c.verification, c.explanation, c.fact))
    return tuple(questions)


FORMS = ("pre", "post")


def build_quiz(
    kb: KnowledgeBase,
    topic: str | Topic,
    count: int = 10,
    seed: int = 0,
    on_date: str | None = None,
    form: str | None = None,
    lang: str = "en",
) -> Quiz:
    """A quiz of ``count`` questions on ``topic`` (fewer if the knowledge base supports fewer).

    With ``form`` ("pre" or "post"), one of two parallel papers built from the same seed: the
    trainer gives the pre form before the training and the post form after, and no fact is asked
    in both.
    """
    if not 1 <= count <= MAX_COUNT:
        raise UsageProblem(f"--count {count} is out of range", hint=f"ask for 1 to {MAX_COUNT} questions")
    if form is not None and form not in FORMS:
        raise UsageProblem(f"unknown form '{form}'", hint="use pre or post")
    if lang not in ("en", "hi"):
        raise UsageProblem(f"unknown language '{lang}'", hint="use en or hi")
    chosen_topic = topic if isinstance(topic, Topic) else load_topics().topic(topic)
    rng = random.Random(seed)
    words = Words(lang)
    pools = candidates(kb, chosen_topic, on_date)
    if form is None:
        questions = _questions(_draw(pools, count, rng), rng, words, kb)
    else:
        pre, post = _draw_forms(pools, count, rng)
        # Both papers are drawn, in this order, so that each is the same whichever is asked for.
        other = Words(lang)
        papers = {"pre": _questions(pre, rng, words if form == "pre" else other, kb),
                  "post": _questions(post, rng, words if form == "post" else other, kb)}
        questions = papers[form]
    title = words.text(chosen_topic.title)
    disclaimer = words.disclaimer(kb.meta.disclaimer)
    return Quiz(
        topic=chosen_topic.id,
        title=title,
        seed=seed,
        requested=count,
        questions=questions,
        kb_version=kb.meta.version,
        kb_date=kb.meta.date,
        disclaimer=disclaimer,
        form=form,
        lang=lang,
        fallbacks=words.fallbacks,
        law_as_held=words.law_as_held,
        translation=words.translation_status(),
    )
