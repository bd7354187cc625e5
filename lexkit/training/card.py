"""The pocket card: what one audience must do and know on a topic, on at most two A4 pages.

Each audience gets its own sections, chosen from the same records as the full handout (so a row
reads the same in both), by rules on the SOP steps' phase, actor, modality and the tags of the
provisions they rest on:

- police: the legal duties of the police from the rescue to the investigation, with their time
  limits; the key rules (always / never).
- prosecutor: the offences in both codes with punishment and classification; the steps on
  statements and medical evidence; protecting the victim and witnesses at trial.
- magistrate: the orders a magistrate or court makes; the caps and other time limits.
- ngo: the victim's entitlements; what the victim may ask for; the key rules.
- community: the signs of trafficking (only when sourced), where to call (only helplines whose
  numbers are sourced in the knowledge base), whom to tell, the key rules in plain words.

A section longer than ``MAX_ROWS`` is cut, and the card says how many rows the full handout has
besides.
"""

from __future__ import annotations

import re

from lexkit.kb.knowledge import KnowledgeBase
from lexkit.procedure.sops import Sop, SopStep
from lexkit.training import sections as build
from lexkit.training.booklet import finish, records_for
from lexkit.training.records import Records
from lexkit.training.rows import Handout, HandoutSection, Row, is_dont
from lexkit.training.topics import Topic

#: The sections of each audience's card, in order.
CARD_SECTIONS: dict[str, tuple[str, ...]] = {
    "police": ("duties", "key-rules"),
    "prosecutor": ("charges", "evidence", "witness-protection"),
    "magistrate": ("orders", "limits"),
    "ngo": ("entitlements", "rights", "key-rules"),
    "community": ("signs", "helplines", "whom-to-tell", "key-rules"),
}
#: A card whose own sections are all empty shows these instead.
FALLBACK_SECTIONS = ("charges", "whom-to-tell")
MAX_ROWS = 16
#: The SOP that holds the helplines, each step one sourced number.
HELPLINE_SOP = "helplines"

_POLICE = re.compile(r"police|officer|\bAHTU\b|\bSHO\b|rescue team", re.IGNORECASE)
_BENCH = re.compile(r"magistrate|court|committee|\bCWC\b", re.IGNORECASE)
_VICTIM = re.compile(r"victim|the person|dependents|legal services|\bNGO\b", re.IGNORECASE)
_DUTY_PHASES = ("pre-rescue", "rescue", "post-rescue", "investigation")
_EVIDENCE_TAGS = {"statement", "medical-examination", "fir"}
_PROTECTION_TAGS = {"in-camera", "witness-protection"}


def _tags(r: Records, step: SopStep) -> set[str]:
    tags: set[str] = set()
    for ref in step.basis:
        section = r.kb.section(ref)
        tags |= set(section.tags) if section else set()
    return tags


def _steps(r: Records, keep: object) -> list[tuple[Sop, SopStep]]:
    return [(sop, step) for sop, step in r.steps() if keep(sop, step)]  # type: ignore[operator]


def _step_rows(r: Records, chosen: list[tuple[Sop, SopStep]]) -> tuple[Row, ...]:
    return tuple(build.step_row(r, sop, step, plain=True, with_actor=False) for sop, step in chosen)


def _duties(r: Records) -> tuple[Row, ...]:
    return _step_rows(r, _steps(r, lambda _s, st: st.phase in _DUTY_PHASES and st.modality in ("shall", "shall_not")
                                and _POLICE.search(st.actor.en) and not st.actor.en.lower().startswith("magistrate")))


def _key_rules(r: Records) -> tuple[Row, ...]:
    picked = [(ref, found) for ref in r.topic.key_steps if (found := r.step(ref)) is not None]
    picked += [(f"{sop.id}/{st.id}", (sop, st)) for sop, st in r.steps()
               if is_dont(st) and f"{sop.id}/{st.id}" not in r.topic.key_steps]
    rows = [build.do_dont_row(r, ref, sop, st) for ref, (sop, st) in picked]
    return tuple(x for x in rows if x.kind == "do") + tuple(x for x in rows if x.kind == "dont")


def _charges(r: Records) -> tuple[Row, ...]:
    offences = [s for s in (r.section(ref) for ref in r.topic.provisions) if s is not None and s.punishments]
    return tuple(build.provision_row(r, s) for s in offences)


def _evidence(r: Records) -> tuple[Row, ...]:
    return _step_rows(r, _steps(r, lambda _s, st: st.phase in ("post-rescue", "investigation")
                                and st.modality != "should" and _EVIDENCE_TAGS & _tags(r, st)))


def _protection(r: Records) -> tuple[Row, ...]:
    return _step_rows(r, _steps(r, lambda _s, st: st.phase == "trial" or bool(_PROTECTION_TAGS & _tags(r, st))))


def _orders(r: Records) -> list[tuple[Sop, SopStep]]:
    return _steps(r, lambda _s, st: bool(_BENCH.match(st.actor.en)) or st.actor.en.lower().startswith(("trial court",
                                                                                                       "presiding")))


def _limits(r: Records) -> tuple[Row, ...]:
    ids = [st.deadline.rule_id for _, st in _orders(r) if st.deadline and st.deadline.statutory]
    ids += [t for t in build.time_limit_ids(r) if (x := r.kb.time_limits.get(t)) is not None and x.kind != "deadline"]
    return build.time_limits(r, list(dict.fromkeys(ids)))


def _rights(r: Records) -> tuple[Row, ...]:
    return _step_rows(r, _steps(r, lambda _s, st: st.modality in ("may", "shall") and bool(_VICTIM.search(st.actor.en))
                                and st.phase in ("post-rescue", "trial", "rehabilitation", "repatriation")))


def _helplines(r: Records) -> tuple[Row, ...]:
    sop = r.sops.get(HELPLINE_SOP)
    return _step_rows(r, [(sop, st) for st in sop.steps]) if sop else ()


def _section(r: Records, kind: str) -> HandoutSection:
    intro = None
    rows: tuple[Row, ...]
    if kind == "entitlements":
        entitled, scheme = build.entitlements(r)
        rows = entitled
        intro = r.words.label("as-in-force", date=r.on_date) + (f" {scheme}" if scheme else "")
    elif kind == "signs":
        rows, intro = (), r.words.label("no-signs")  # no sourced list of signs in the knowledge base yet
    elif kind == "helplines":
        rows = _helplines(r)
        intro = None if rows else r.words.label("no-helplines")
    else:
        rows = {
            "duties": _duties, "key-rules": _key_rules, "charges": _charges, "evidence": _evidence,
            "witness-protection": _protection, "orders": lambda x: _step_rows(x, _orders(x)), "limits": _limits,
            "rights": _rights, "whom-to-tell": build.whom_to_tell,
        }[kind](r)
    return HandoutSection(kind, rows[:MAX_ROWS], intro, more=max(0, len(rows) - MAX_ROWS))


def build_card(
    kb: KnowledgeBase,
    topic: str | Topic,
    audience: str = "police",
    lang: str = "en",
    on_date: str | None = None,
) -> Handout:
    """The pocket card on ``topic`` for ``audience`` in ``lang`` (at most two A4 pages in print)."""
    r = records_for(kb, topic, audience, lang, on_date)
    sections = tuple(s for s in (_section(r, k) for k in CARD_SECTIONS[r.audience.id]) if s.rows or s.intro)
    if not any(s.rows for s in sections):
        # A topic without procedure for this audience (the new criminal laws): what every reader
        # needs is the offences in both codes.
        sections += tuple(s for s in (_section(r, k) for k in FALLBACK_SECTIONS) if s.rows)
    return finish(r, sections, (_acts_cited(r, sections),), "card")


def _acts_cited(r: Records, sections: tuple[HandoutSection, ...]) -> str:
    """'BNSS: भारतीय नागरिक सुरक्षा संहिता, 2023; ITPA: ...': the Acts a card cites, by their
    titles as the knowledge base holds them (the official Hindi short title where it has one)."""
    by_alias = {act.aliases[0]: act for act in r.kb.acts.values() if act.aliases}
    cited: list[str] = []
    for section in sections:
        for row in section.rows:
            for ref in (*getattr(row, "basis", ()), getattr(row, "new", ""), *getattr(row, "old", ())):
                alias = str(ref).split(" s.")[0].split(" Art.")[0]
                if alias in by_alias and alias not in cited:
                    cited.append(alias)
    return "; ".join(f"{a}: {r.words.law(by_alias[a].title)}" for a in sorted(cited))
