"""The catalogue of training topics: which parts of the knowledge base a handout, card or quiz
draws on, and how each audience's material is ordered.

Topics are chosen in ``lexkit/training/data/handout-topics.yaml`` (shipped in the package); it
refers to the knowledge base by id and holds no law itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lexkit.errors import KnowledgeBaseInvalid, NotFound, UsageProblem
from lexkit.kb.models import Text
from lexkit.kb.yamlload import load_file

AUDIENCES = ("police", "prosecutor", "magistrate", "ngo", "community")
LANGS = ("en", "hi")
LENGTHS = ("card", "full")
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

