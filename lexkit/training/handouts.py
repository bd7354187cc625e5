"""Trainer handouts: the law on one topic, for one audience, as data.

A handout gathers, for a topic such as trafficking for commercial sexual exploitation, the key
provisions (old and new codes side by side), the procedure from the SOPs with its deadlines, the
statutory time limits, the do's and don'ts, the landmark judgements and the victim's
entitlements. Every row carries its verification marker and sources. The audience changes the
order and the emphasis, never the law: the same rows are printed for a police officer and for a
panchayat member, only in another order and, for the community, in the plain words of the step
titles.

Topics are chosen in ``lexkit/data/handout-topics.yaml`` (shipped in the package); it refers to
the knowledge base by id and holds no law itself.

This module is a library: it never prints and never imports typer or rich.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lexkit.errors import KnowledgeBaseInvalid, NotFound, UsageProblem
from lexkit.kb.knowledge import KnowledgeBase, split_ref
from lexkit.kb.models import Classification, Provenance, Punishment, Section, Source, Text, TimeLimit
from lexkit.kb.yamlload import load_file
from lexkit.law.judgements import Judgement, all_judgements
from lexkit.law.wording import punishment_text
from lexkit.procedure.sops import Entitlement, Sop, SopStep, all_sops, condition_words
from lexkit.procedure.wording import PHASES, deadline_phrase

AUDIENCES = ("police", "prosecutor", "magistrate", "ngo", "community")
LANGS = ("en", "hi")
SECTION_KINDS = (
    "whom-to-tell",
    "procedure",
    "time-limits",
    "dos-and-donts",
    "provisions",
    "correspondence",
    "codes",
    "judgements",
    "entitlements",
)
TOPICS_FILE = "handout-topics.yaml"

_RANK = {"unverified": 0, "secondary": 1, "primary": 2}
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

#: How binding a step is, in the words of a handout.
DUTY_WORDS = {"shall": "must", "shall_not": "must not", "should": "should (good practice)", "may": "may"}

ENTITLEMENT_KINDS = {
    "immediate_assistance": "Immediate assistance",
    "rehabilitation_assistance": "Rehabilitation assistance",
    "annuity_minimum": "Minimum deposited in an annuity",
    "cash_transfer": "Cash transfer",
    "compensation": "Compensation",
    "rehabilitation_fund_credit": "Credit to the rehabilitation fund",
}

#: ISO 3166-2:IN codes used by state-specific SOP steps.
STATES = {
    "IN-AN": "Andaman and Nicobar Islands", "IN-AP": "Andhra Pradesh", "IN-AR": "Arunachal Pradesh",
    "IN-AS": "Assam", "IN-BR": "Bihar", "IN-CH": "Chandigarh", "IN-CT": "Chhattisgarh", "IN-CG": "Chhattisgarh",
    "IN-DH": "Dadra and Nagar Haveli and Daman and Diu", "IN-DL": "Delhi", "IN-GA": "Goa", "IN-GJ": "Gujarat",
    "IN-HR": "Haryana", "IN-HP": "Himachal Pradesh", "IN-JK": "Jammu and Kashmir", "IN-JH": "Jharkhand",
    "IN-KA": "Karnataka", "IN-KL": "Kerala", "IN-LA": "Ladakh", "IN-LD": "Lakshadweep", "IN-MP": "Madhya Pradesh",
    "IN-MH": "Maharashtra", "IN-MN": "Manipur", "IN-ML": "Meghalaya", "IN-MZ": "Mizoram", "IN-NL": "Nagaland",
    "IN-OR": "Odisha", "IN-OD": "Odisha", "IN-PY": "Puducherry", "IN-PB": "Punjab", "IN-RJ": "Rajasthan",
    "IN-SK": "Sikkim", "IN-TN": "Tamil Nadu", "IN-TG": "Telangana", "IN-TS": "Telangana", "IN-TR": "Tripura",
    "IN-UP": "Uttar Pradesh", "IN-UT": "Uttarakhand", "IN-UK": "Uttarakhand", "IN-WB": "West Bengal",
}


# --------------------------------------------------------------------------- topics


@dataclass(frozen=True)
class AudienceEmphasis:
    """How one audience's handout is ordered and worded (never what law it states)."""

    id: str
    label: Text
    order: tuple[str, ...]
    notes: tuple[Text, ...] = ()
    time_limit_kinds_first: tuple[str, ...] = ()
    provision_tags_first: tuple[str, ...] = ()
    plain_words: bool = False


@dataclass(frozen=True)
class Topic:
    """What a handout on one topic draws from the knowledge base, by id."""

    id: str
    title: Text
    provisions: tuple[str, ...] = ()
    correspondence: tuple[str, ...] = ()
    acts: tuple[str, ...] = ()
    time_limits: tuple[str, ...] = ()
    sops: tuple[str, ...] = ()
    skip_steps: tuple[str, ...] = ()
    key_steps: tuple[str, ...] = ()
    judgements: tuple[str, ...] = ()
    entitlement_provisions: tuple[str, ...] = ()
    entitlement_sop: str | None = None
    whom_to_tell: tuple[tuple[str, str], ...] = ()  # (kind, ref): provision | step | judgement
    notes: tuple[tuple[str, Text], ...] = ()  # (audience, note)


@dataclass(frozen=True)
class TopicCatalogue:
    topics: tuple[Topic, ...]
    audiences: tuple[AudienceEmphasis, ...]

    def topic(self, topic_id: str) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise NotFound(
            f"no handout topic '{topic_id}'",
            hint="topics: " + ", ".join(t.id for t in self.topics) + " (see 'lexkit handout list')",
        )

    def audience(self, audience_id: str) -> AudienceEmphasis:
        for a in self.audiences:
            if a.id == audience_id:
                return a
        raise UsageProblem(f"unknown audience '{audience_id}'", hint="use one of " + ", ".join(AUDIENCES))


def _strs(raw: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in raw or ())


def _audience_of(aid: str, raw: dict[str, Any]) -> AudienceEmphasis:
    order = _strs(raw["order"])
    unknown = [k for k in order if k not in SECTION_KINDS]
    if unknown:
        raise ValueError(f"audience {aid}: unknown section kind(s) {unknown}")
    return AudienceEmphasis(
        id=aid,
        label=Text.of(raw["label"]),
        order=order,
        notes=tuple(Text.of(n) for n in raw.get("notes") or ()),
        time_limit_kinds_first=_strs(raw.get("time_limit_kinds_first")),
        provision_tags_first=_strs(raw.get("provision_tags_first")),
        plain_words=bool(raw.get("plain_words", False)),
    )


def _topic_of(raw: dict[str, Any]) -> Topic:
    ent = raw.get("entitlements") or {}
    tell = []
    for item in raw.get("whom_to_tell") or ():
        ((kind, ref),) = item.items()
        if kind not in ("provision", "step", "judgement"):
            raise ValueError(f"topic {raw['id']}: whom_to_tell kind '{kind}'")
        tell.append((kind, str(ref)))
    notes = tuple((aud, Text.of(n)) for aud, items in (raw.get("notes") or {}).items() for n in items)
    return Topic(
        id=raw["id"],
        title=Text.of(raw["title"]),
        provisions=_strs(raw.get("provisions")),
        correspondence=_strs(raw.get("correspondence")),
        acts=_strs(raw.get("acts")),
        time_limits=_strs(raw.get("time_limits")),
        sops=_strs(raw.get("sops")),
        skip_steps=_strs(raw.get("skip_steps")),
        key_steps=_strs(raw.get("key_steps")),
        judgements=_strs(raw.get("judgements")),
        entitlement_provisions=_strs(ent.get("provisions")),
        entitlement_sop=ent.get("sop"),
        whom_to_tell=tuple(tell),
        notes=notes,
    )


def topics_path() -> Path:
    """The shipped topics file (package data, found through importlib.resources)."""
    return Path(str(resources.files("lexkit.training") / "data" / TOPICS_FILE))


@lru_cache(maxsize=4)
def load_topics(path: Path | None = None) -> TopicCatalogue:
    """Load and check the topics file; a malformed file is reported, never half-used."""
    path = path or topics_path()
    loaded = load_file(path, f"lexkit/data/{path.name}")
    if loaded.problems:
        raise KnowledgeBaseInvalid(f"the handout topics do not load: {loaded.problems[0]}")
    try:
        audiences = tuple(_audience_of(k, v) for k, v in loaded.data["audiences"].items())
        topics = tuple(_topic_of(t) for t in loaded.data["topics"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KnowledgeBaseInvalid(f"{loaded.file} is malformed ({type(exc).__name__}: {exc})") from exc
    if tuple(a.id for a in audiences) != AUDIENCES:
        raise KnowledgeBaseInvalid(f"{loaded.file}: audiences must be {', '.join(AUDIENCES)}, in that order")
    return TopicCatalogue(topics, audiences)


def list_topics() -> list[Topic]:
    """Every handout topic, in the order of the topics file."""
    return list(load_topics().topics)


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Check:
    """Where a row comes from and how far it has been verified."""

    verification: str  # primary | secondary | unverified
    sources: tuple[Source, ...]

    @property
    def unverified(self) -> bool:
        return self.verification not in ("primary", "secondary")


@dataclass(frozen=True)
class ProvisionRow:
    id: str
    old: tuple[str, ...]  # the old-code provisions it replaced, cited ("IPC s.370")
    relation: str | None  # same | modified | merged | split | new | None (no old-code counterpart)
    new: str  # the provision in force, cited ("BNS s.143")
    title: str
    punishment: tuple[str, ...]
    classification: tuple[str, ...]
    check: Check


@dataclass(frozen=True)
class CorrespondenceView:
    id: str
    old: str | None
    new: str | None
    relation: str
    changes: str
    check: Check


@dataclass(frozen=True)
class ActRow:
    id: str
    title: str
    in_force_from: str
    in_force_to: str | None
    replaces: str | None
    repealed_by: str | None
    check: Check


@dataclass(frozen=True)
class StepRow:
    id: str  # sop/step
    phase: str
    actor: str
    duty: str
    text: str
    deadline: str | None
    basis: tuple[str, ...]
    condition: str | None
    check: Check


@dataclass(frozen=True)
class TimeLimitRow:
    id: str
    when: str  # "within 24 hours of the child being found (JJA-31.production; excluding journey time)"
    what: str
    who: str
    kind: str
    check: Check


@dataclass(frozen=True)
class DoDontRow:
    id: str
    kind: str  # do | dont
    text: str
    duty: str
    basis: tuple[str, ...]
    condition: str | None
    check: Check


@dataclass(frozen=True)
class JudgementRow:
    id: str
    label: str
    court: str
    decided_on: str
    citation: str | None
    citation_unverified: bool
    holding: str
    significance: str
    check: Check


@dataclass(frozen=True)
class EntitlementRow:
    id: str
    what: str
    amount: str | None
    conditions: str | None
    basis: str
    in_force: str | None
    check: Check


@dataclass(frozen=True)
class TellRow:
    id: str
    text: str
    basis: str
    check: Check


Row = (
    ProvisionRow | CorrespondenceView | ActRow | StepRow | TimeLimitRow | DoDontRow | JudgementRow
    | EntitlementRow | TellRow
)


@dataclass(frozen=True)
class HandoutSection:
    kind: str  # one of SECTION_KINDS
    rows: tuple[Row, ...]
    intro: str | None = None


@dataclass(frozen=True)
class Handout:
    """A trainer's handout: structured sections, never pre-rendered text."""

    topic: str
    title: str
    audience: str
    audience_label: str
    lang: str
    on_date: str  # the date for which entitlements are shown
    sections: tuple[HandoutSection, ...]
    notes: tuple[str, ...]
    missing: tuple[str, ...]  # ids the topic names that the knowledge base does not hold
    fallbacks: int  # strings shown in English in a Hindi handout
    kb_version: str
    kb_date: str
    disclaimer: str

    def section(self, kind: str) -> HandoutSection | None:
        return next((s for s in self.sections if s.kind == kind), None)


# --------------------------------------------------------------------------- helpers


class _Words:
    """Picks the handout's language for each knowledge-base string and counts the fallbacks."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.fallbacks = 0

    def text(self, value: Text | None) -> str:
        if value is None:
            return ""
        if not value.has(self.lang):
            self.fallbacks += 1
        return value.get(self.lang)

    def english(self, value: str) -> str:
        """A string lexkit builds in English (a punishment, a deadline): a fallback in Hindi."""
        if value and self.lang != "en":
            self.fallbacks += 1
        return value


def weakest(*verifications: str | None) -> str:
    """The weakest verification of the items a row rests on."""
    known = [v or "unverified" for v in verifications]
    return min(known, key=lambda v: _RANK.get(v, 0)) if known else "unverified"


def _check(*provenances: Provenance) -> Check:
    sources: list[Source] = []
    for p in provenances:
        sources.extend(s for s in p.sources if s not in sources)
    return Check(weakest(*(p.verification for p in provenances)), tuple(sources))


def cite(kb: KnowledgeBase, ref: str) -> str:
    """A provision id as a reader writes it: 'BNS-143(4)' -> 'BNS s.143(4)', 'CONST-23' -> 'Constitution Art. 23'."""
    sid, pin = split_ref(ref)
    section = kb.sections.get(sid)
    if section is None:
        return ref
    act = kb.acts.get(section.act)
    name = act.aliases[0] if act is not None and act.aliases else section.act
    if act is not None and act.unit == "article":
        return f"{name} Art. {section.number}{pin}"
    return f"{name} s.{section.number}{pin}"


def limit_phrase(limit: TimeLimit) -> str:
    return deadline_phrase(limit.kind, limit.amount, limit.unit, limit.trigger, limit.id, limit.excludes)


def condition_text(condition: dict[str, Any] | None) -> str | None:
    """A step's condition in words, with state codes named: {state: IN-DL} -> 'only in Delhi'."""
    if not condition:
        return None
    if set(condition) == {"state"} and isinstance(condition["state"], str):
        return f"only in {STATES.get(condition['state'], condition['state'])}"
    return "only where " + condition_words(condition).replace("_", " ")


def _is_dont(step: SopStep) -> bool:
    """A prohibition: 'shall not' in law, or good practice the SOP words as 'Do not ...'."""
    return step.modality == "shall_not" or step.title.en.lower().startswith(("do not ", "don't "))


def _class_words(c: Classification) -> str:
    return c.status_text()


def classification_lines(rows: tuple[Classification, ...]) -> tuple[str, ...]:
    """'cognizable, non-bailable', once when every row agrees, else one line per row of the Schedule."""
    words = [_class_words(c) for c in rows]
    if not words:
        return ()
    if len(set(words)) == 1:
        return (words[0],)
    return tuple(f"{c.applies_to}: {w}" if c.applies_to else w for c, w in zip(rows, words, strict=True))


def punishment_lines(punishments: tuple[Punishment, ...]) -> tuple[str, ...]:
    if len(punishments) == 1:
        return (punishment_text(punishments[0]),)
    return tuple(f"{p.applies_to.en}: {punishment_text(p)}" for p in punishments)


def _valid_on(e: Entitlement, day: str) -> bool:
    return e.valid_from <= day and (e.valid_to is None or day <= e.valid_to)


# --------------------------------------------------------------------------- the builder


class _Builder:
    def __init__(self, kb: KnowledgeBase, topic: Topic, audience: AudienceEmphasis, lang: str, on_date: str) -> None:
        self.kb = kb
        self.topic = topic
        self.audience = audience
        self.words = _Words(lang)
        self.on_date = on_date
        self.missing: list[str] = []
        self.sops = {s.id: s for s in all_sops(kb)}
        self.judgements = {j.id: j for j in all_judgements(kb)}

    # ---- lookups that record what the knowledge base lacks
    def section(self, ref: str) -> Section | None:
        section = self.kb.section(ref)
        if section is None:
            self._missing(f"provision {ref}")
        return section

    def sop(self, sop_id: str) -> Sop | None:
        sop = self.sops.get(sop_id)
        if sop is None:
            self._missing(f"SOP {sop_id}")
        return sop

    def step(self, ref: str) -> tuple[Sop, SopStep] | None:
        sop_id, _, step_id = ref.partition("/")
        sop = self.sops.get(sop_id)
        step = next((s for s in sop.steps if s.id == step_id), None) if sop else None
        if sop is None or step is None:
            self._missing(f"SOP step {ref}")
            return None
        return sop, step

    def judgement(self, jid: str) -> Judgement | None:
        j = self.judgements.get(jid)
        if j is None:
            self._missing(f"judgement {jid}")
        return j

    def _missing(self, what: str) -> None:
        if what not in self.missing:
            self.missing.append(what)

    # ---- the steps of the topic's SOPs, in the order of a case
    def steps(self) -> list[tuple[Sop, SopStep]]:
        found = []
        for sop_id in self.topic.sops:
            sop = self.sop(sop_id)
            if sop is not None:
                found += [(sop, s) for s in sop.steps if f"{sop.id}/{s.id}" not in self.topic.skip_steps]
        order = {p: i for i, p in enumerate(PHASES)}
        return sorted(found, key=lambda pair: order.get(pair[1].phase, len(PHASES)))  # stable within a phase

    def step_check(self, sop: Sop, step: SopStep) -> Check:
        return Check(step.verification or sop.verification, step.sources or sop.sources)

    def step_deadline(self, step: SopStep) -> str | None:
        d = step.deadline
        if d is None:
            return None
        if d.kind is None or d.amount is None or d.unit is None or d.trigger is None:
            self._missing(f"time limit {d.rule_id}")
            return None
        return self.words.english(deadline_phrase(d.kind, d.amount, d.unit, d.trigger, d.rule_id, d.excludes))

    # ---- sections
    def provisions(self) -> tuple[ProvisionRow, ...]:
        sections = [s for s in (self.section(ref) for ref in self.topic.provisions) if s is not None]
        first = set(self.audience.provision_tags_first)
        if first:
            sections.sort(key=lambda s: 0 if first & set(s.tags) else 1)
        return tuple(self._provision_row(s) for s in sections)

    def _provision_row(self, s: Section) -> ProvisionRow:
        preds = self.kb.predecessors(s.id)
        old = tuple(cite(self.kb, r.from_ref) for r in preds if r.from_ref)
        relation = preds[0].relation if len(preds) == 1 else ("several" if preds else None)
        return ProvisionRow(
            id=s.id,
            old=old,
            relation=relation,
            new=cite(self.kb, s.id),
            title=self.words.text(s.title),
            punishment=tuple(self.words.english(p) for p in punishment_lines(s.punishments)),
            classification=tuple(self.words.english(c) for c in classification_lines(s.classification)),
            check=_check(s.provenance, *(r.provenance for r in preds)),
        )

    def correspondence(self) -> tuple[CorrespondenceView, ...]:
        rows = [r for r in self.kb.correspondence if r.table in self.topic.correspondence]
        return tuple(
            CorrespondenceView(
                id=f"{r.table}:{r.from_ref or '-'}->{r.to_ref or '-'}",
                old=cite(self.kb, r.from_ref) if r.from_ref else None,
                new=cite(self.kb, r.to_ref) if r.to_ref else None,
                relation=r.relation,
                changes=self.words.text(r.changes),
                check=_check(r.provenance),
            )
            for r in rows
        )

    def codes(self) -> tuple[ActRow, ...]:
        rows = []
        for code in self.topic.acts:
            act = self.kb.acts.get(code)
            if act is None:
                self._missing(f"Act {code}")
                continue
            rows.append(ActRow(code, self.words.text(act.title), act.in_force_from, act.in_force_to,
                               act.replaces, act.repealed_by, _check(act.provenance)))
        return tuple(rows)

    def time_limits(self) -> tuple[TimeLimitRow, ...]:
        ids: list[str] = []
        for ref in self.topic.provisions:
            section = self.kb.section(ref)
            ids += [t.id for t in section.time_limits] if section else []
        ids += list(self.topic.time_limits)
        ids += [s.deadline.rule_id for _, s in self.steps() if s.deadline and s.deadline.statutory]
        limits = []
        for tid in dict.fromkeys(ids):
            limit = self.kb.time_limits.get(tid)
            if limit is None:
                self._missing(f"time limit {tid}")
            else:
                limits.append(limit)
        first = self.audience.time_limit_kinds_first
        if first:
            limits.sort(key=lambda t: first.index(t.kind) if t.kind in first else len(first))
        return tuple(
            TimeLimitRow(
                id=t.id,
                when=self.words.english(limit_phrase(t)),
                what=self.words.text(t.what),
                who=self.words.text(t.actor),
                kind=t.kind,
                check=_check(t.provenance),
            )
            for t in limits
        )

    def procedure(self) -> tuple[StepRow, ...]:
        plain = self.audience.plain_words
        return tuple(
            StepRow(
                id=f"{sop.id}/{step.id}",
                phase=step.phase,
                actor=self.words.text(step.actor),
                duty=DUTY_WORDS.get(step.modality, step.modality),
                text=self.words.text(step.title if plain else step.action),
                deadline=self.step_deadline(step),
                basis=tuple(cite(self.kb, b) for b in step.basis),
                condition=self.words.english(condition_text(step.condition) or "") or None,
                check=self.step_check(sop, step),
            )
            for sop, step in self.steps()
        )

    def dos_and_donts(self) -> tuple[DoDontRow, ...]:
        picked: dict[str, tuple[Sop, SopStep]] = {}
        for ref in self.topic.key_steps:  # always shown, where the SOP data has them
            found = self.step(ref)
            if found is not None:
                picked[ref] = found
        for sop, step in self.steps():
            if step.modality == "shall" or _is_dont(step):
                picked.setdefault(f"{sop.id}/{step.id}", (sop, step))
        rows = [
            DoDontRow(
                id=ref,
                kind="dont" if _is_dont(step) else "do",
                text=self.words.text(step.title),
                duty=DUTY_WORDS.get(step.modality, step.modality),
                basis=tuple(cite(self.kb, b) for b in step.basis),
                condition=self.words.english(condition_text(step.condition) or "") or None,
                check=self.step_check(sop, step),
            )
            for ref, (sop, step) in picked.items()
        ]
        return tuple(r for r in rows if r.kind == "do") + tuple(r for r in rows if r.kind == "dont")

    def judgement_rows(self) -> tuple[JudgementRow, ...]:
        rows = []
        for jid in self.topic.judgements:
            j = self.judgement(jid)
            if j is None:
                continue
            first = j.citations[0] if j.citations else None
            rows.append(JudgementRow(
                id=j.id,
                label=j.label,
                court=j.court,
                decided_on=j.decided_on,
                citation=first.citation if first else None,
                citation_unverified=bool(first and first.verification == "unverified"),
                holding=self.words.text(j.holding),
                significance=self.words.text(j.significance),
                check=Check(j.verification, j.sources),
            ))
        return tuple(rows)

    def entitlements(self) -> tuple[tuple[EntitlementRow, ...], str | None]:
        rows = [row for ref in self.topic.entitlement_provisions for row in self._entitlement_provision(ref)]
        intro = None
        if self.topic.entitlement_sop:
            sop = self.sop(self.topic.entitlement_sop)
            if sop is not None:
                rows += [self._scheme_row(sop, e) for e in sop.entitlements if _valid_on(e, self.on_date)]
                intro = self.words.text(sop.title) + ": " + self.words.text(sop.note or sop.summary)
        return tuple(rows), intro

    def _entitlement_provision(self, ref: str) -> list[EntitlementRow]:
        section = self.section(ref)
        if section is None:
            return []
        preds = [r for r in self.kb.predecessors(section.id) if r.from_ref]
        formerly = f" (formerly {', '.join(cite(self.kb, r.from_ref or '') for r in preds)})" if preds else ""
        check = _check(section.provenance, *(r.provenance for r in preds))
        if section.subsections:
            items = [(section.id + x.label, x.summary) for x in section.subsections]
        elif len(section.text.en) <= 400:
            items = [(section.id, section.text)]
        else:
            items = [(section.id, section.title)]
        return [
            EntitlementRow(id=rid, what=self.words.text(text), amount=None, conditions=None,
                           basis=cite(self.kb, rid) + formerly, in_force=None, check=check)
            for rid, text in items
        ]

    def _scheme_row(self, sop: Sop, e: Entitlement) -> EntitlementRow:
        what = ENTITLEMENT_KINDS.get(e.kind, e.kind.replace("_", " "))
        category = e.when.replace("category = ", "category: ").replace("_", " ") if e.when else ""
        basis = e.scheme + (": " + ", ".join(cite(self.kb, b) for b in e.basis) if e.basis else "")
        until = f" to {e.valid_to}" if e.valid_to else ""
        return EntitlementRow(
            id=f"{sop.id}/{e.id}",
            what=self.words.english(what + (f" ({category})" if category else "")),
            amount=self.words.english(e.amount_text),
            conditions=self.words.text(e.conditions),
            basis=basis,
            in_force=f"from {e.valid_from}{until}",
            check=Check(e.verification or sop.verification, e.sources or sop.sources),
        )

    def whom_to_tell(self) -> tuple[TellRow, ...]:
        rows = []
        for kind, ref in self.topic.whom_to_tell:
            row = {"provision": self._tell_provision, "step": self._tell_step, "judgement": self._tell_judgement}[kind](ref)
            if row is not None:
                rows.append(row)
        return tuple(rows)

    def _tell_provision(self, ref: str) -> TellRow | None:
        section = self.section(ref)
        if section is None:
            return None
        pin = split_ref(ref)[1]
        sub = next((x for x in section.subsections if x.label == pin), None)
        if pin and sub is None:
            self._missing(f"sub-provision {ref}")
            return None
        text = sub.summary if sub else section.title
        return TellRow(ref, self.words.text(text), cite(self.kb, ref), _check(section.provenance))

    def _tell_step(self, ref: str) -> TellRow | None:
        found = self.step(ref)
        if found is None:
            return None
        sop, step = found
        return TellRow(ref, self.words.text(step.action), self.words.text(sop.title), self.step_check(sop, step))

    def _tell_judgement(self, ref: str) -> TellRow | None:
        j = self.judgement(ref)
        if j is None:
            return None
        return TellRow(ref, self.words.text(j.holding), j.label, Check(j.verification, j.sources))

    # ---- the whole handout
    def sections(self) -> tuple[HandoutSection, ...]:
        entitlement_rows, entitlement_intro = self.entitlements()
        built: dict[str, HandoutSection] = {
            "whom-to-tell": HandoutSection("whom-to-tell", self.whom_to_tell()),
            "procedure": HandoutSection("procedure", self.procedure()),
            "time-limits": HandoutSection("time-limits", self.time_limits()),
            "dos-and-donts": HandoutSection("dos-and-donts", self.dos_and_donts()),
            "provisions": HandoutSection("provisions", self.provisions()),
            "correspondence": HandoutSection("correspondence", self.correspondence()),
            "codes": HandoutSection("codes", self.codes()),
            "judgements": HandoutSection("judgements", self.judgement_rows()),
            "entitlements": HandoutSection(
                "entitlements", entitlement_rows,
                self.words.english(f"As in force on {self.on_date}.") + (f" {entitlement_intro}" if entitlement_intro else ""),
            ),
        }
        order = list(self.audience.order) + [k for k in SECTION_KINDS if k not in self.audience.order]
        return tuple(built[k] for k in order if built[k].rows)

    def notes(self) -> tuple[str, ...]:
        own = [n for aud, n in self.topic.notes if aud == self.audience.id]
        return tuple(self.words.text(n) for n in (*self.audience.notes, *own))


def _check_date(on_date: str) -> str:
    if not _ISO_DATE.match(on_date):
        raise UsageProblem(f"'{on_date}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2026-11-23")
    try:
        day = dt.date.fromisoformat(on_date)
    except ValueError as exc:
        raise UsageProblem(f"'{on_date}' is not a real date", hint="write it as YYYY-MM-DD") from exc
    from lexkit.law.deadlines import YEARS

    if not YEARS[0] <= day.year <= YEARS[1]:
        raise UsageProblem(f"'{on_date}': the year must be between {YEARS[0]} and {YEARS[1]}", hint="write it as YYYY-MM-DD")
    return on_date


def build_handout(
    kb: KnowledgeBase,
    topic: str | Topic,
    audience: str = "police",
    lang: str = "en",
    on_date: str | None = None,
) -> Handout:
    """Build the handout on ``topic`` for ``audience`` in ``lang``.

    ``on_date`` picks the entitlements in force (default: the knowledge base's own date, so that a
    handout does not change with the day it is printed).
    """
    catalogue = load_topics()
    chosen = topic if isinstance(topic, Topic) else catalogue.topic(topic)
    emphasis = catalogue.audience(audience)
    if lang not in LANGS:
        raise UsageProblem(f"unknown language '{lang}'", hint="use en or hi")
    day = _check_date(on_date or kb.meta.date)
    b = _Builder(kb, chosen, emphasis, lang, day)
    sections = b.sections()
    notes = b.notes()
    title = b.words.text(chosen.title)
    label = b.words.text(emphasis.label)
    disclaimer = b.words.english(kb.meta.disclaimer)
    return Handout(
        topic=chosen.id,
        title=title,
        audience=emphasis.id,
        audience_label=label,
        lang=lang,
        on_date=day,
        sections=sections,
        notes=notes,
        missing=tuple(b.missing),
        fallbacks=b.words.fallbacks,
        kb_version=kb.meta.version,
        kb_date=kb.meta.date,
        disclaimer=disclaimer,
    )
