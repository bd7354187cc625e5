"""The language of a handout, card or quiz: which words are shown, and how far they are checked.

Three kinds of text reach a page, and each is treated differently in Hindi:

- lexkit's own words (headings, notes, the wording of a deadline or a punishment): from the
  Hindi catalogue ``data/hindi.yaml``, lexkit's translation with its verification status;
- what lexkit wrote in the knowledge base (SOP step titles, actions and summaries): the record's
  own ``hi``, with its translation record;
- the law as held (section titles, statutory text and its summaries in provisions/, judgement
  holdings): the language the knowledge base holds it in, with a one-line note.

Only the first two count as a fallback when Hindi is missing: a Hindi page shows the fallback
banner only when something lexkit wrote is printed in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lexkit.errors import KnowledgeBaseInvalid
from lexkit.kb.models import Punishment, Text, Translation, period_text
from lexkit.law.wording import punishment_text
from lexkit.procedure.sops import condition_words
from lexkit.procedure.wording import deadline_phrase
from lexkit.training.rows import condition_text

HINDI_FILE = "hindi.yaml"
_RANK = {"unverified": 0, "secondary": 1, "primary": 2}


@dataclass(frozen=True)
class Catalogue:
    """lexkit's own Hindi (data/hindi.yaml)."""

    translation: Translation
    data: dict[str, Any]

    def section(self, name: str) -> dict[str, Any]:
        found = self.data.get(name) or {}
        return found if isinstance(found, dict) else {}


def catalogue_path() -> Path:
    return Path(str(resources.files("lexkit.training") / "data" / HINDI_FILE))


@lru_cache(maxsize=2)
def load_catalogue(path: Path | None = None) -> Catalogue:
    path = path or catalogue_path()
    from lexkit.kb.yamlload import load_file  # yaml only when a catalogue is read: not on an English look-up

    loaded = load_file(path, f"lexkit/training/data/{path.name}")
    if loaded.problems or not isinstance(loaded.data, dict) or "translation" not in loaded.data:
        why = loaded.problems[0] if loaded.problems else "no translation record"
        raise KnowledgeBaseInvalid(f"lexkit's Hindi wording does not load: {why}")
    return Catalogue(Translation.of(loaded.data["translation"]), loaded.data)


def label(key: str, lang: str = "en", **values: str | int) -> str:
    """A heading or note lexkit prints, in ``lang``; ``values`` fill its {placeholders}."""
    entry: dict[str, str] = load_catalogue().section("labels")[key]
    text = entry.get(lang) or entry["en"]
    return str(text).format(**values) if values else str(text)


@dataclass
class Words:
    """Picks the language of each string on a page and counts what could not be translated."""

    lang: str
    fallbacks: int = 0  # strings lexkit wrote, shown in English on a Hindi page
    untranslated: list[str] = field(default_factory=list)  # which (for the translator's to-do list)
    law_as_held: int = 0  # statutory strings shown in the language held
    _checks: list[Translation] = field(default_factory=list)

    @property
    def hindi(self) -> bool:
        return self.lang == "hi"

    def _fell_back(self, english: str) -> None:
        self.fallbacks += 1
        if english not in self.untranslated:
            self.untranslated.append(english)

    def _used(self, record: Translation | None) -> None:
        record = record or load_catalogue().translation
        if record not in self._checks:
            self._checks.append(record)

    # ---- text from the knowledge base
    def text(self, value: Text | None) -> str:
        """Text lexkit wrote in the knowledge base (an SOP step, a topic title)."""
        if value is None:
            return ""
        if not self.hindi:
            return value.en
        if value.hi:
            self._used(value.translation)
            return value.hi
        self._fell_back(value.en)
        return value.en

    def law(self, value: Text | None) -> str:
        """The law as held: Hindi where the knowledge base holds it (an Act's official title), else as held."""
        if value is None:
            return ""
        if self.hindi and value.hi:
            return value.hi
        if self.hindi:
            self.law_as_held += 1
        return value.en

    # ---- lexkit's own words
    def _hi(self, section: str, key: str) -> str | None:
        found = load_catalogue().section(section).get(key)
        if found is not None:
            self._used(None)
        return None if found is None else str(found)

    def own(self, english: str, section: str = "", key: str = "") -> str:
        """A phrase lexkit writes: its catalogue Hindi, else the English counted as a fallback."""
        if not self.hindi or not english:
            return english
        found = self._hi(section, key) if section else None
        if found is None:
            self._fell_back(english)
            return english
        return found

    def label(self, key: str, **values: str | int) -> str:
        if self.hindi:
            self._used(None)
        return label(key, self.lang, **values)

    def disclaimer(self, english: str) -> str:
        entry = load_catalogue().section("disclaimer")
        if self.hindi and " ".join(str(entry.get("en", "")).split()) == " ".join(english.split()):
            self._used(None)
            return str(entry["hi"])
        return self.own(english)

    def period(self, amount: int, unit: str) -> str:
        if not self.hindi:
            return period_text(amount, unit)
        forms = load_catalogue().section("units").get(unit)
        if not forms:
            self._fell_back(unit)
            return period_text(amount, unit)
        return f"{amount} {forms[0] if amount == 1 else forms[1]}"

    def deadline(self, kind: str, amount: int, unit: str, trigger: str, rule_id: str, excludes: tuple[str, ...]) -> str:
        """'within 24 hours of the child being found (JJA-31.production; excluding journey time)'."""
        english = deadline_phrase(kind, amount, unit, trigger, rule_id, excludes)
        if not self.hindi:
            return english
        cat = load_catalogue()
        template, moment = cat.section("kinds").get(kind), cat.section("triggers").get(trigger)
        if template is None or moment is None:
            self._fell_back(english)
            return english
        self._used(None)
        extra = f"; {cat.data['journey']}" if "journey_time" in excludes else ""
        return f"{template.format(moment=moment, period=self.period(amount, unit))} ({rule_id}{extra})"

    def duty(self, modality: str, english: str) -> str:
        return self.own(english, "duty", modality)

    def phase(self, phase: str) -> str:
        return self.own(phase[:1].upper() + phase[1:], "phases", phase)

    def classification(self, english: str) -> str:
        """'cognizable, non-bailable' -> 'संज्ञेय, अजमानतीय'."""
        if not self.hindi:
            return english
        head, sep, words = english.rpartition(": ")
        parts = [self._hi("classification", w.strip()) for w in words.split(",")]
        if any(p is None for p in parts):
            self._fell_back(english)
            return english
        return f"{head}{sep}" + ", ".join(p for p in parts if p)

    def punishment(self, p: Punishment, labelled: bool) -> str:
        """A punishment as a charge-sheet writes it; in Hindi, with the label reduced to its pinpoint."""
        english = punishment_text(p)
        if not self.hindi:
            return f"{p.applies_to.en}: {english}" if labelled else english
        hindi = punishment_hi(p)
        if hindi is None:  # a punishment stated relative to another offence: its words stay English
            self._fell_back(english)
            return f"{p.applies_to.en}: {english}" if labelled else english
        self._used(None)
        if not labelled:
            return hindi
        pin, sep, _what = p.applies_to.en.partition(": ")
        if sep and pin[:1].isdigit():
            return f"{pin}: {hindi}"  # the label's words are the law as held: its pinpoint says which
        self.law_as_held += 1
        return f"{p.applies_to.en}: {hindi}"

    def condition(self, condition: dict[str, Any] | None) -> str | None:
        """When a step applies: 'only where victim gender = female', or lexkit's Hindi of it."""
        english = condition_text(condition)
        if english is None or condition is None or not self.hindi:
            return english
        cat = load_catalogue().section("conditions")
        if set(condition) == {"state"}:
            state = (cat.get("states") or {}).get(condition["state"])
            return str(cat["only-in"]).format(state=state) if state else self.own(english)
        parts = [(cat.get("facts") or {}).get(p) for p in condition_words(condition).split(" and ")]
        if any(p is None for p in parts):
            return self.own(english)
        self._used(None)
        return str(cat["only-where"]).format(facts=str(cat["and"]).join(str(p) for p in parts))

    def amount(self, amount_inr: int, amount_is: str, english: str) -> str:
        if not self.hindi:
            return english
        template = self._hi("amounts", amount_is if amount_is in ("up_to", "at_least") else "exact")
        return template.format(amount=f"{amount_inr:,}") if template else self.own(english)

    # ---- the record of the translations shown
    def translation_status(self) -> str | None:
        """'lexkit, unverified': who translated what is shown, and the weakest verification."""
        if not self.hindi or not self._checks:
            return None
        by = ", ".join(dict.fromkeys(c.by for c in self._checks))
        weakest = min((c.verification for c in self._checks), key=lambda v: _RANK.get(v, 0))
        return f"{by}, {weakest}"


def _years_hi(value: float) -> str:
    cat = load_catalogue().section("units")
    if value * 12 < 0.95:
        return f"{round(value * 365)} {cat['days'][1]}"
    if value < 1:
        months = round(value * 12, 2)
        return f"{months:g} {cat['months'][0] if months == 1 else cat['months'][1]}"
    return f"{value:g} {cat['years'][0]}"


def _term_hi(value: float | None, unit: str | None, in_years: float | None) -> str:
    if unit and unit != "years" and value is not None:
        cat = load_catalogue().section("units")
        return f"{value:g} {cat[unit][0] if value == 1 else cat[unit][1]}"
    return _years_hi(in_years or 0)


def punishment_hi(p: Punishment) -> str | None:
    """lexkit.law.wording.punishment_text in Hindi, term for term; None for a punishment stated relative
    to another offence, whose words (the Schedule's) lexkit has not translated."""
    if p.relation in ("same_as", "fraction_of_longest_term", "fraction_of_life", "multiple_of") or \
            (p.relation == "in_addition_to") or p.forfeiture or p.fine_multiple:
        return None
    w = load_catalogue().section("punishment")
    kind = {"rigorous": w["rigorous"], "simple": w["simple"]}.get(p.imprisonment or "", w["either"])
    lo = _term_hi(p.min_term, p.term_unit, p.min_years)
    hi = _term_hi(p.max_term, p.term_unit, p.max_years)
    if p.community_service:
        term = w["community service"]
    elif p.fine == "only":
        term = w["fine only"]
    elif p.life and p.min_years:
        term = f"{kind} {lo} {w['to']} {w['life']} {w['up to']}"
    elif p.life and p.max_years:
        term = f"{w['life']}, {w['or']} {kind} {hi} {w['up to']}"
    elif p.life:
        term = w["life"]
    elif p.min_years and p.max_years:
        term = f"{kind} {lo} {w['to']} {hi} {w['up to']}"
    elif p.max_years:
        term = f"{kind} {hi} {w['up to']}"
    elif p.min_years:
        term = f"{kind} {w['at least']} {lo}"
    elif p.death:
        term = ""
    else:
        term = w["no imprisonment stated"]
    if p.life_meaning == "remainder_of_natural_life":
        term += f" {w['remainder']}"
    if p.death:
        term = f"{w['death']}, {w['or']} {term}" if term else w["death"]
    amount = ""
    if p.fine_min_inr and p.fine_max_inr:
        amount = f" (₹{p.fine_min_inr:,} {w['to']} ₹{p.fine_max_inr:,} {w['up to']})"
    elif p.fine_max_inr:
        amount = f" (₹{p.fine_max_inr:,} {w['up to']})"
    elif p.fine_min_inr:
        amount = f" ({w['at least']} ₹{p.fine_min_inr:,})"
    fine = {
        "required": f" + {w['fine']}{amount}",
        "or_both": f", {w['or']} {w['fine']}{amount}, {w['or both']}",
        "alternative": f", {w['or']} {w['fine']}{amount}",
        "only": amount,
        "none": "",
        "optional": f", {w['with or without fine']}{amount}",
        "relative": "",
    }[p.fine]
    out = str(term + fine)
    if p.fine_to_victim:
        out += f" {w['fine to victim']}"
    if p.conviction == "first":
        out = f"{w['first conviction']}: {out}"
    elif p.conviction == "subsequent":
        out = f"{w['subsequent conviction']}: {out}"
    return out


def header(english: str, lang: str) -> str:
    """A table header or fixed word a renderer prints ('Checked', 'By when'), in ``lang``."""
    if lang == "en":
        return english
    return str(load_catalogue().section("headers").get(english) or english)
