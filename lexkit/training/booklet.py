"""The full handout ("booklet"): every section a topic has, ordered for the audience.

The audience changes the order and the emphasis, never the law: the same rows are printed for a
police officer and for a panchayat member, only in another order and, for the community, in the
plain words of the step titles.
"""

from __future__ import annotations

import datetime as dt
import re

from lexkit.errors import UsageProblem
from lexkit.kb.knowledge import KnowledgeBase
from lexkit.training import sections as build
from lexkit.training.records import Records
from lexkit.training.rows import Handout, HandoutSection
from lexkit.training.topics import LANGS, SECTION_KINDS, Topic, load_topics
from lexkit.training.words import Words

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def check_date(on_date: str) -> str:
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


def records_for(kb: KnowledgeBase, topic: str | Topic, audience: str, lang: str, on_date: str | None) -> Records:
    """The topic's records for one audience and language (usage errors for unknown choices)."""
    catalogue = load_topics()
    chosen = topic if isinstance(topic, Topic) else catalogue.topic(topic)
    emphasis = catalogue.audience(audience)
    if lang not in LANGS:
        raise UsageProblem(f"unknown language '{lang}'", hint="use en or hi")
    return Records(kb, chosen, emphasis, Words(lang), check_date(on_date or kb.meta.date))


def _sections(r: Records) -> tuple[HandoutSection, ...]:
    entitlement_rows, entitlement_intro = build.entitlements(r)
    intro = r.words.label("as-in-force", date=r.on_date) + (f" {entitlement_intro}" if entitlement_intro else "")
    built: dict[str, HandoutSection] = {
        "whom-to-tell": HandoutSection("whom-to-tell", build.whom_to_tell(r)),
        "procedure": HandoutSection("procedure", build.procedure(r)),
        "time-limits": HandoutSection("time-limits", build.time_limits(r)),
        "dos-and-donts": HandoutSection("dos-and-donts", build.dos_and_donts(r)),
        "provisions": HandoutSection("provisions", build.provisions(r)),
        "correspondence": HandoutSection("correspondence", build.correspondence(r)),
        "codes": HandoutSection("codes", build.codes(r)),
        "judgements": HandoutSection("judgements", build.judgements(r)),
        "entitlements": HandoutSection("entitlements", entitlement_rows, intro),
    }
    order = list(r.audience.order) + [k for k in SECTION_KINDS if k not in r.audience.order]
    return tuple(built[k] for k in order if built[k].rows)


def finish(r: Records, sections: tuple[HandoutSection, ...], notes: tuple[str, ...], length: str) -> Handout:
    """A handout or card from its sections, with the title, the footer facts and the language record."""
    title = r.words.text(r.topic.title)
    label = r.words.text(r.audience.label)
    disclaimer = r.words.disclaimer(r.kb.meta.disclaimer)
    return Handout(
        topic=r.topic.id,
        title=title,
        audience=r.audience.id,
        audience_label=label,
        lang=r.words.lang,
        on_date=r.on_date,
        sections=sections,
        notes=notes,
        missing=tuple(r.missing),
        fallbacks=r.words.fallbacks,
        kb_version=r.kb.meta.version,
        kb_date=r.kb.meta.date,
        disclaimer=disclaimer,
        length=length,
        law_as_held=r.words.law_as_held,
        translation=r.words.translation_status(),
        overlays=tuple(r.overlays),
    )


def build_handout(
    kb: KnowledgeBase,
    topic: str | Topic,
    audience: str = "police",
    lang: str = "en",
    on_date: str | None = None,
) -> Handout:
    """Build the full handout on ``topic`` for ``audience`` in ``lang``.

    ``on_date`` picks the entitlements in force (default: the knowledge base's own date, so that a
    handout does not change with the day it is printed).
    """
    r = records_for(kb, topic, audience, lang, on_date)
    sections = _sections(r)
    own = [n for aud, n in r.topic.notes if aud == r.audience.id]
    notes = tuple(r.words.text(n) for n in (*r.audience.notes, *own))
    return finish(r, sections, notes, "full")
