"""One small builder per kind of handout section: each turns a topic's records into rows.

Shared by the full booklet (booklet.py) and the pocket card (card.py), so a row reads the same
in both. Every row keeps its verification marker and sources.
"""

from __future__ import annotations

from lexkit.kb.knowledge import split_ref
from lexkit.kb.models import Section
from lexkit.procedure.sops import Entitlement, Sop, SopStep
from lexkit.training.records import Records
from lexkit.training.rows import (
    ENTITLEMENT_KINDS,
    ActRow,
    Check,
    CorrespondenceView,
    DoDontRow,
    EntitlementRow,
    JudgementRow,
    ProvisionRow,
    StepRow,
    TellRow,
    TimeLimitRow,
    check_of,
    cite,
    classification_lines,
    is_dont,
    valid_on,
)


def provision_row(r: Records, s: Section) -> ProvisionRow:
    """A provision with the old-code provisions it replaced, its punishments and classification."""
    preds = r.kb.predecessors(s.id)
    r.uses(s.origin)
    for p in preds:
        r.uses(p.origin)
    labelled = len(s.punishments) > 1
    return ProvisionRow(
        id=s.id,
        old=tuple(cite(r.kb, p.from_ref) for p in preds if p.from_ref),
        relation=preds[0].relation if len(preds) == 1 else ("several" if preds else None),
        new=cite(r.kb, s.id),
        title=r.words.law(s.title),
        punishment=tuple(r.words.punishment(p, labelled) for p in s.punishments),
        classification=tuple(r.words.classification(c) for c in classification_lines(s.classification)),
        check=check_of(s.provenance, *(p.provenance for p in preds)),
    )


def provisions(r: Records) -> tuple[ProvisionRow, ...]:
    sections = [s for s in (r.section(ref) for ref in r.topic.provisions) if s is not None]
    first = set(r.audience.provision_tags_first)
    if first:
        sections.sort(key=lambda s: 0 if first & set(s.tags) else 1)
    return tuple(provision_row(r, s) for s in sections)


def correspondence(r: Records) -> tuple[CorrespondenceView, ...]:
    for c in r.kb.correspondence:
        if c.table in r.topic.correspondence:
            r.uses(c.origin)
    return tuple(
        CorrespondenceView(
            id=f"{c.table}:{c.from_ref or '-'}->{c.to_ref or '-'}",
            old=cite(r.kb, c.from_ref) if c.from_ref else None,
            new=cite(r.kb, c.to_ref) if c.to_ref else None,
            relation=c.relation,
            changes=r.words.law(c.changes),
            check=check_of(c.provenance),
        )
        for c in r.kb.correspondence if c.table in r.topic.correspondence
    )


def codes(r: Records) -> tuple[ActRow, ...]:
    rows = []
    for code in r.topic.acts:
        act = r.kb.acts.get(code)
        if act is None:
            r.lacks(f"Act {code}")
            continue
        r.uses(act.origin)
        rows.append(ActRow(code, r.words.law(act.title), act.in_force_from, act.in_force_to,
                           act.replaces, act.repealed_by, check_of(act.provenance)))
    return tuple(rows)


def time_limit_ids(r: Records, steps: list[tuple[Sop, SopStep]] | None = None) -> list[str]:
    """The topic's time limits: its provisions', its own list and its SOP steps' statutory ones."""
    ids: list[str] = []
    for ref in r.topic.provisions:
        section = r.kb.section(ref)
        ids += [t.id for t in section.time_limits] if section else []
    ids += list(r.topic.time_limits)
    ids += [s.deadline.rule_id for _, s in (r.steps() if steps is None else steps) if s.deadline and s.deadline.statutory]
    return list(dict.fromkeys(ids))


def time_limits(r: Records, ids: list[str] | None = None) -> tuple[TimeLimitRow, ...]:
    limits = []
    for tid in time_limit_ids(r) if ids is None else ids:
        limit = r.kb.time_limits.get(tid)
        if limit is None:
            r.lacks(f"time limit {tid}")
        else:
            limits.append(limit)
    first = r.audience.time_limit_kinds_first
    if first:
        limits.sort(key=lambda t: first.index(t.kind) if t.kind in first else len(first))
    return tuple(
        TimeLimitRow(
            id=t.id,
            when=r.words.deadline(t.kind, t.amount, t.unit, t.trigger, t.id, t.excludes),
            what=r.words.law(t.what),
            who=r.words.law(t.actor),
            kind=t.kind,
            check=check_of(t.provenance),
        )
        for t in limits
    )


def step_row(r: Records, sop: Sop, step: SopStep, plain: bool, with_actor: bool = True) -> StepRow:
    """A step: in plain words (its title) or in full (its action); a card leaves out the actor."""
    return StepRow(
        id=f"{sop.id}/{step.id}",
        phase=step.phase,
        actor=r.words.text(step.actor) if with_actor else "",
        duty=r.duty(step),
        text=r.words.text(step.title if plain else step.action),
        deadline=r.step_deadline(step),
        basis=tuple(cite(r.kb, b) for b in step.basis),
        condition=r.words.condition(step.condition),
        check=r.step_check(sop, step),
    )


def procedure(r: Records) -> tuple[StepRow, ...]:
    return tuple(step_row(r, sop, step, r.audience.plain_words) for sop, step in r.steps())


def do_dont_row(r: Records, ref: str, sop: Sop, step: SopStep) -> DoDontRow:
    return DoDontRow(
        id=ref,
        kind="dont" if is_dont(step) else "do",
        text=r.words.text(step.title),
        duty=r.duty(step),
        basis=tuple(cite(r.kb, b) for b in step.basis),
        condition=r.words.condition(step.condition),
        check=r.step_check(sop, step),
    )


def dos_and_donts(r: Records) -> tuple[DoDontRow, ...]:
    picked: dict[str, tuple[Sop, SopStep]] = {}
    for ref in r.topic.key_steps:  # always shown, where the SOP data has them
        found = r.step(ref)
        if found is not None:
            picked[ref] = found
    for sop, step in r.steps():
        if step.modality == "shall" or is_dont(step):
            picked.setdefault(f"{sop.id}/{step.id}", (sop, step))
    rows = [do_dont_row(r, ref, sop, step) for ref, (sop, step) in picked.items()]
    return tuple(x for x in rows if x.kind == "do") + tuple(x for x in rows if x.kind == "dont")


def judgements(r: Records) -> tuple[JudgementRow, ...]:
    rows = []
    for jid in r.topic.judgements:
        j = r.judgement(jid)
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
            holding=r.words.law(j.holding),
            significance=r.words.law(j.significance),
            check=Check(j.verification, j.sources),
        ))
    return tuple(rows)


def entitlements(r: Records) -> tuple[tuple[EntitlementRow, ...], str | None]:
    rows = [row for ref in r.topic.entitlement_provisions for row in _entitlement_provision(r, ref)]
    intro = None
    if r.topic.entitlement_sop:
        sop = r.sop(r.topic.entitlement_sop)
        if sop is not None:
            rows += [_scheme_row(r, sop, e) for e in sop.entitlements if valid_on(e, r.on_date)]
            intro = r.words.text(sop.title) + ": " + r.words.text(sop.note or sop.summary)
    return tuple(rows), intro


def _entitlement_provision(r: Records, ref: str) -> list[EntitlementRow]:
    section = r.section(ref)
    if section is None:
        return []
    preds = [p for p in r.kb.predecessors(section.id) if p.from_ref]
    for p in preds:
        r.uses(p.origin)
    formerly = f" ({', '.join(cite(r.kb, p.from_ref or '') for p in preds)})" if preds else ""
    if preds and not r.words.hindi:
        formerly = formerly.replace(" (", " (formerly ", 1)
    check = check_of(section.provenance, *(p.provenance for p in preds))
    if section.subsections:
        items = [(section.id + x.label, x.summary) for x in section.subsections]
    elif len(section.text.en) <= 400:
        items = [(section.id, section.text)]
    else:
        items = [(section.id, section.title)]
    return [
        EntitlementRow(id=rid, what=r.words.law(text), amount=None, conditions=None,
                       basis=cite(r.kb, rid) + formerly, in_force=None, check=check)
        for rid, text in items
    ]


def _scheme_row(r: Records, sop: Sop, e: Entitlement) -> EntitlementRow:
    what = ENTITLEMENT_KINDS.get(e.kind, e.kind.replace("_", " "))
    category = e.when.replace("category = ", "category: ").replace("_", " ") if e.when else ""
    basis = e.scheme + (": " + ", ".join(cite(r.kb, b) for b in e.basis) if e.basis else "")
    if r.words.hindi:
        what_text = r.words.own(what, "entitlement_kinds", e.kind) + (f" ({category})" if category else "")
        in_force = r.words.label("in-force-range" if e.valid_to else "in-force-from", start=e.valid_from,
                                 end=e.valid_to or "")
    else:
        what_text = what + (f" ({category})" if category else "")
        in_force = f"from {e.valid_from}" + (f" to {e.valid_to}" if e.valid_to else "")
    return EntitlementRow(
        id=f"{sop.id}/{e.id}",
        what=what_text,
        amount=r.words.amount(e.amount_inr, e.amount_is, e.amount_text),
        conditions=r.words.text(e.conditions),
        basis=basis,
        in_force=in_force,
        check=Check(e.verification or sop.verification, e.sources or sop.sources),
    )


def whom_to_tell(r: Records) -> tuple[TellRow, ...]:
    rows = []
    for kind, ref in r.topic.whom_to_tell:
        row = {"provision": _tell_provision, "step": _tell_step, "judgement": _tell_judgement}[kind](r, ref)
        if row is not None:
            rows.append(row)
    return tuple(rows)


def _tell_provision(r: Records, ref: str) -> TellRow | None:
    section = r.section(ref)
    if section is None:
        return None
    pin = split_ref(ref)[1]
    sub = next((x for x in section.subsections if x.label == pin), None)
    if pin and sub is None:
        r.lacks(f"sub-provision {ref}")
        return None
    text = sub.summary if sub else section.title
    return TellRow(ref, r.words.law(text), cite(r.kb, ref), check_of(section.provenance))


def _tell_step(r: Records, ref: str) -> TellRow | None:
    found = r.step(ref)
    if found is None:
        return None
    sop, step = found
    return TellRow(ref, r.words.text(step.action), r.words.text(sop.title), r.step_check(sop, step))


def _tell_judgement(r: Records, ref: str) -> TellRow | None:
    j = r.judgement(ref)
    if j is None:
        return None
    return TellRow(ref, r.words.law(j.holding), j.label, Check(j.verification, j.sources))
