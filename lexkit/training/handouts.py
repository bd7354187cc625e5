"""Trainer handouts: the law on one topic, for one audience, as data.

The one place to import the handout API from. The work is split by what it does:
``topics`` (the catalogue), ``rows`` (the row records), ``words`` (the language and lexkit's
Hindi), ``records`` (look-ups), ``sections`` (one builder per section kind), ``booklet`` (the full
handout) and ``card`` (the pocket card). This package is a library: it never prints and never
imports typer or rich.
"""

from __future__ import annotations

from lexkit.procedure.wording import deadline_phrase
from lexkit.training.booklet import build_handout
from lexkit.training.card import CARD_SECTIONS, build_card
from lexkit.training.rows import (
    ActRow,
    Check,
    CorrespondenceView,
    DoDontRow,
    EntitlementRow,
    Handout,
    HandoutSection,
    JudgementRow,
    ProvisionRow,
    Row,
    StepRow,
    TellRow,
    TimeLimitRow,
    cite,
    classification_lines,
    limit_phrase,
    punishment_lines,
    weakest,
)
from lexkit.training.topics import (
    AUDIENCES,
    LANGS,
    LENGTHS,
    SECTION_KINDS,
    AudienceEmphasis,
    Topic,
    TopicCatalogue,
    list_topics,
    load_topics,
)

__all__ = [
    "AUDIENCES", "CARD_SECTIONS", "LANGS", "LENGTHS", "SECTION_KINDS", "ActRow", "AudienceEmphasis", "Check",
    "CorrespondenceView", "DoDontRow", "EntitlementRow", "Handout", "HandoutSection", "JudgementRow", "ProvisionRow",
    "Row", "StepRow", "TellRow", "TimeLimitRow", "Topic", "TopicCatalogue", "build_card", "build_handout", "cite",
    "classification_lines", "deadline_phrase", "limit_phrase", "list_topics", "load_topics", "punishment_lines",
    "weakest",
]
