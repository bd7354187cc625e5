"""The knowledge base as data: immutable records built from the validated YAML.

Records are typed NamedTuples rather than frozen dataclasses: a look-up imports them on every
run, and a dataclass costs about ten times as much to define (its methods are generated with
exec at import), which alone was a fifth of a warm look-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

_NO_LINES: Mapping[tuple[str | int, ...], int] = MappingProxyType({})


def period_text(amount: int, unit: str) -> str:
    """'24 hours', '1 day', '2 months'."""
    return f"{amount} {unit[:-1] if amount == 1 and unit.endswith('s') else unit}"


class Translation(NamedTuple):
    """Who made a translation and how far it is checked, like any other fact: lexkit's own
    translations start as ``unverified`` until a Hindi-reading lawyer checks them."""

    by: str
    verification: str
    last_verified_on: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Translation:
        return cls(str(raw["by"]), str(raw["verification"]), raw.get("last_verified_on"))


class Text(NamedTuple):
    """A text field with its translations; English is always present."""

    en: str
    hi: str | None = None
    translation: Translation | None = None  # the record of the Hindi translation

    @classmethod
    def of(cls, value: Any) -> Text:
        if isinstance(value, dict):
            record = value.get("translation")
            return cls(en=str(value["en"]), hi=value.get("hi"), translation=Translation.of(record) if record else None)
        return cls(en=str(value))

    @classmethod
    def maybe(cls, value: Any) -> Text | None:
        return None if value is None else cls.of(value)

    def get(self, lang: str = "en") -> str:
        """The text in ``lang``, English when there is no translation."""
        return self.hi if lang == "hi" and self.hi else self.en

    def has(self, lang: str) -> bool:
        return lang == "en" or (lang == "hi" and bool(self.hi))

    def __str__(self) -> str:
        return self.en


class Source(NamedTuple):
    kind: str
    url: str | None = None
    citation: str | None = None
    note: str | None = None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Source:
        return cls(kind=raw["kind"], url=raw.get("url"), citation=raw.get("citation"), note=raw.get("note"))

    def label(self) -> str:
        return self.url or self.citation or ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.url:
            out["url"] = self.url
        if self.citation:
            out["citation"] = self.citation
        if self.note:
            out["note"] = self.note
        return out


def sources_of(raw: Mapping[str, Any]) -> tuple[Source, ...]:
    return tuple(Source.of(s) for s in raw.get("sources") or ())


class Provenance(NamedTuple):
    sources: tuple[Source, ...]
    verification: str
    last_verified_on: str | None

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Provenance:
        return cls(sources_of(raw), raw.get("verification", "unverified"), raw.get("last_verified_on"))


class Punishment(NamedTuple):
    applies_to: Text
    min_years: float | None
    max_years: float | None
    life: bool
    fine: str
    life_meaning: str | None = None
    imprisonment: str | None = None
    fine_min_inr: int | None = None
    fine_max_inr: int | None = None
    note: Text | None = None
    death: bool = False
    term_unit: str | None = None
    min_term: float | None = None
    max_term: float | None = None
    fine_multiple: tuple[float, str] | None = None  # (factor, of what)
    fine_to_victim: bool = False
    forfeiture: str | None = None
    community_service: bool = False
    conviction: str | None = None  # "first" | "subsequent"
    relation: str | None = None  # same_as | fraction_of_longest_term | fraction_of_life | in_addition_to | multiple_of
    relative_to: str | None = None
    fraction: float | None = None
    factor: float | None = None  # multiple_of: 2 is "twice the penalty"

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Punishment:
        return cls(
            applies_to=Text.of(raw["applies_to"]),
            min_years=raw.get("min_years"),
            max_years=raw.get("max_years"),
            life=bool(raw.get("life", False)),
            fine=raw.get("fine", "none"),
            life_meaning=raw.get("life_meaning"),
            imprisonment=raw.get("imprisonment"),
            fine_min_inr=raw.get("fine_min_inr"),
            fine_max_inr=raw.get("fine_max_inr"),
            note=Text.maybe(raw.get("note")),
            death=bool(raw.get("death", False)),
            term_unit=raw.get("term_unit"),
            min_term=raw.get("min_term"),
            max_term=raw.get("max_term"),
            fine_multiple=((raw["fine_multiple"]["factor"], raw["fine_multiple"]["of"])
                           if raw.get("fine_multiple") else None),
            fine_to_victim=bool(raw.get("fine_to_victim", False)),
            forfeiture=raw.get("forfeiture"),
            community_service=bool(raw.get("community_service", False)),
            conviction=raw.get("conviction"),
            relation=raw.get("relation"),
            relative_to=raw.get("relative_to"),
            fraction=raw.get("fraction"),
            factor=raw.get("factor"),
        )


class Classification(NamedTuple):
    cognizable: bool | None
    bailable: bool | None
    triable_by: str | None
    basis: str
    applies_to: str | None = None
    compoundable: bool | None = None
    verification: str | None = None

    def status_text(self) -> str:
        """'cognizable, non-bailable'; where the record leaves one open (it follows the offence abetted, or
        the law does not settle it), 'cognizable or not (see basis)'."""
        def word(value: bool | None, yes: str, no: str, open_: str) -> str:
            return f"{open_} (see basis)" if value is None else (yes if value else no)

        return (f"{word(self.cognizable, 'cognizable', 'non-cognizable', 'cognizable or not')}, "
                f"{word(self.bailable, 'bailable', 'non-bailable', 'bail')}")

    @classmethod
    def of(cls, raw: dict[str, Any]) -> Classification:
        return cls(
            cognizable=raw.get("cognizable"),
            bailable=raw.get("bailable"),
            triable_by=raw.get("triable_by"),
            basis=raw.get("basis", ""),
            applies_to=raw.get("applies_to"),
            compoundable=raw.get("compoundable"),
            verification=raw.get("verification"),
        )


class TimeLimit(NamedTuple):
    """A statutory time limit: a rule the deadline engine computes."""

    id: str
    section_id: str
    what: Text
    trigger: str
    amount: int
    unit: str
    kind: str
    rolls: bool
    provenance: Provenance
    excludes: tuple[str, ...] = ()
    pinpoint: str | None = None
    actor: Text | None = None
    note: Text | None = None
    first_day_included: bool = False

    @classmethod
    def of(cls, raw: dict[str, Any], section_id: str) -> TimeLimit:
        return cls(
            id=raw["id"],
            section_id=section_id,
            what=Text.of(raw["what"]),
            trigger=raw["trigger"],
            amount=int(raw["period"]["amount"]),
            unit=raw["period"]["unit"],
            kind=raw.get("kind", "deadline"),
            rolls=bool(raw.get("rolls", False)),
            provenance=Provenance.of(raw),
            excludes=tuple(raw.get("excludes") or ()),
            pinpoint=raw.get("pinpoint"),
            actor=Text.maybe(raw.get("actor")),
            note=Text.maybe(raw.get("note")),
            first_day_included=raw.get("first_day") == "included",
        )

    @property
    def period_text(self) -> str:
        return period_text(self.amount, self.unit)


class Subsection(NamedTuple):
    label: str
    summary: Text


class Act(NamedTuple):
    code: str
    title: Text
    number: str
    kind: str
    aliases: tuple[str, ...]
    in_force_from: str
    in_force_to: str | None
    provenance: Provenance
    unit: str = "section"
    short_title_year: str | None = None
    enacted_on: str | None = None
    notified_on: str | None = None
    repealed_by: str | None = None
    replaces: str | None = None
    note: Text | None = None
    file: str = ""
    origin: str | None = None  # the overlay folder it comes from; None: the base knowledge base

    @classmethod
    def of(cls, raw: dict[str, Any], file: str, origin: str | None = None) -> Act:
        return cls(
            code=raw["code"],
            title=Text.of(raw["title"]),
            number=raw["number"],
            kind=raw["kind"],
            aliases=tuple(raw.get("aliases") or ()),
            in_force_from=raw["in_force_from"],
            in_force_to=raw.get("in_force_to"),
            provenance=Provenance.of(raw),
            unit=raw.get("unit", "section"),
            short_title_year=raw.get("short_title_year"),
            enacted_on=raw.get("enacted_on"),
            notified_on=raw.get("notified_on"),
            repealed_by=raw.get("repealed_by"),
            replaces=raw.get("replaces"),
            note=Text.maybe(raw.get("note")),
            file=file,
            origin=origin,
        )

    def in_force_on(self, day: str) -> bool:
        """Whether the Act was in force on an ISO date (string comparison is safe for ISO dates)."""
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


class SectionVersion(NamedTuple):
    """An earlier form of a section: what it said from ``in_force_from`` to ``in_force_to``."""

    in_force_from: str | None
    in_force_to: str
    title: Text | None
    text: Text | None
    text_kind: str | None
    punishments: tuple[Punishment, ...] | None
    classification: tuple[Classification, ...] | None
    changed_by: str
    changes: Text
    provenance: Provenance

    @classmethod
    def of(cls, raw: dict[str, Any]) -> SectionVersion:
        return cls(
            in_force_from=raw.get("in_force_from"),
            in_force_to=raw["in_force_to"],
            title=Text.maybe(raw.get("title")),
            text=Text.maybe(raw.get("text")),
            text_kind=raw.get("text_kind"),
            punishments=tuple(Punishment.of(p) for p in raw["punishments"]) if "punishments" in raw else None,
            classification=tuple(Classification.of(c) for c in raw["classification"]) if "classification" in raw else None,
            changed_by=raw["changed_by"],
            changes=Text.of(raw["changes"]),
            provenance=Provenance.of(raw),
        )

    def covers(self, day: str) -> bool:
        return (self.in_force_from or "") <= day <= self.in_force_to


class Section(NamedTuple):
    id: str
    act: str
    number: str
    title: Text
    text: Text
    text_kind: str
    provenance: Provenance
    punishments: tuple[Punishment, ...] = ()
    classification: tuple[Classification, ...] = ()
    time_limits: tuple[TimeLimit, ...] = ()
    subsections: tuple[Subsection, ...] = ()
    cross_references: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    amended_by: tuple[str, ...] = ()
    in_force_from: str | None = None
    in_force_to: str | None = None
    note: Text | None = None
    file: str = ""
    line: int = 0
    origin: str | None = None  # the overlay folder it comes from; None: the base knowledge base
    override_reason: str | None = None  # why an overlay replaced the record of the same id
    versions: tuple[SectionVersion, ...] = ()  # earlier forms, newest first

    @classmethod
    def of(cls, raw: dict[str, Any], act: str, file: str, line: int, origin: str | None = None) -> Section:
        sid = raw["id"]
        return cls(
            id=sid,
            act=act,
            number=str(raw["number"]),
            title=Text.of(raw["title"]),
            text=Text.of(raw["text"]),
            text_kind=raw["text_kind"],
            provenance=Provenance.of(raw),
            punishments=tuple(Punishment.of(p) for p in raw.get("punishments") or ()),
            classification=tuple(Classification.of(c) for c in raw.get("classification") or ()),
            time_limits=tuple(TimeLimit.of(t, sid) for t in raw.get("time_limits") or ()),
            subsections=tuple(
                Subsection(s["label"], Text.of(s["summary"])) for s in raw.get("subsections") or ()
            ),
            cross_references=tuple(raw.get("cross_references") or ()),
            tags=tuple(raw.get("tags") or ()),
            amended_by=tuple(raw.get("amended_by") or ()),
            in_force_from=raw.get("in_force_from"),
            in_force_to=raw.get("in_force_to"),
            note=Text.maybe(raw.get("note")),
            file=file,
            line=line,
            origin=origin,
            override_reason=raw.get("reason") if raw.get("overrides") else None,
            versions=tuple(SectionVersion.of(v) for v in raw.get("versions") or ()),
        )

    def version_on(self, day: str) -> SectionVersion | None:
        """The earlier form in force on ``day`` (ISO), if the day falls before the present form."""
        if self.in_force_from is None or day >= self.in_force_from:
            return None
        return next((v for v in self.versions if v.covers(day)), None)


class CorrespondenceRow(NamedTuple):
    table: str
    from_act: str
    to_act: str
    from_ref: str | None
    to_ref: str | None
    relation: str
    changes: Text
    provenance: Provenance
    file: str = ""
    line: int = 0
    origin: str | None = None  # the overlay folder it comes from; None: the base knowledge base


class KbMeta(NamedTuple):
    version: str
    date: str
    title: str
    disclaimer: str


class Document(NamedTuple):
    """A loaded file of the knowledge base, kept for validation and error messages."""

    kind: str
    file: str
    data: Any
    lines: Mapping[tuple[str | int, ...], int] = _NO_LINES
    origin: str | None = None  # the overlay folder it comes from; None: the base knowledge base
