"""Render a checklist: JSON-ready dict, Markdown a case worker can print, and an .ics calendar."""

from __future__ import annotations

import datetime as dt
import re
from json.encoder import encode_basestring  # once: an import inside _indent ran for every value
from typing import TYPE_CHECKING, Any

from lexkit.law.wording import rupees, when_text
from lexkit.procedure.checklists import GROUP_TITLES, GROUPS, Checklist, ChecklistStep, Entitlement
from lexkit.procedure.wording import MODALITY_WORDS, PHASES
from lexkit.render.markdown import md_escape, md_text, origin_line

if TYPE_CHECKING:
    from lexkit.training.words import Catalogue, Words

# lexkit's Hindi (lexkit.training.words: the catalogue, and the handout rows and SOP wording it
# reuses) is imported only by a page in another language: an English checklist never needs it,
# and importing it cost a tenth of a warm `checklist build`.


def label(key: str, lang: str = "en", **values: str | int) -> str:
    from lexkit.training.words import label as catalogue_label

    return catalogue_label(key, lang, **values)


def header(english: str, lang: str) -> str:
    from lexkit.training.words import header as catalogue_header

    return catalogue_header(english, lang)


def load_catalogue() -> Catalogue:
    from lexkit.training.words import load_catalogue as catalogue

    return catalogue()


def words_in(lang: str) -> Words:
    from lexkit.training.words import Words

    return Words(lang)


def _l(c: Checklist, english: str, key: str, **values: str | int) -> str:
    """A phrase of the checklist's own: ``english`` as it always read, or lexkit's Hindi of it."""
    return english if c.lang == "en" else label(key, c.lang, **values)


def _words(c: Checklist, words: Words | None) -> Words:
    return words if words is not None else words_in(c.lang)


def _due_text(step: ChecklistStep, lang: str = "en") -> str:
    if step.deadline is not None:
        d = step.deadline
        day = when_text(d.rolled_from).split(',')[0] if d.rolled_from else ""
        extra = (f"; rolled from {day}" if lang == "en" else label("cl-rolled", lang, day=day)) if d.rolled_from else ""
        due = when_text(d.due)
        if lang != "en" and due.endswith(", end of day"):
            due = due[: -len(", end of day")] + label("cl-end-of-day", lang)
        return f"{due}{extra}"
    if step.deadline_status == "not_in_force":
        return "no counterpart in the code that governs this case: not computed" if lang == "en" else label("cl-not-in-force", lang)
    if step.rule is not None:
        return "date not known" if lang == "en" else label("cl-date-unknown", lang)
    return ""


def _modality(m: str, lang: str = "en") -> str:
    if lang != "en":
        return str(load_catalogue().section("duty").get(m, m))
    return MODALITY_WORDS.get(m, m).replace(" (good practice)", ", good practice")


def modality_words(m: str, lang: str = "en") -> str:
    """'shall', 'should (good practice)': how binding a step is, in ``lang``."""
    return MODALITY_WORDS[m] if lang == "en" else _modality(m, lang)


def rule_text(c: Checklist, step: ChecklistStep, words: Words | None = None) -> str:
    """'within 24 hours of the child being found (JJA-31.production; ...)', or lexkit's Hindi of it."""
    assert step.rule is not None
    if c.lang == "en":
        return step.rule.describe()
    r = step.rule
    return _words(c, words).deadline(r.kind, r.amount, r.unit, r.trigger, r.id, r.excludes)


def condition_of(c: Checklist, step: ChecklistStep, words: Words | None = None) -> str:
    """Why a step applies, as the formula (English) or lexkit's Hindi of the facts."""
    if c.lang == "en" or not step.when:
        return step.condition
    return _words(c, words).condition(dict(step.when)) or step.condition


def verification_word(v: str, lang: str = "en") -> str:
    return v if lang == "en" else header(v, lang)


def phase_title(c: Checklist, phase: str) -> str:
    if c.lang == "en":
        return phase.replace('-', ' ').capitalize()
    return str(load_catalogue().section("phases").get(phase, phase))


def group_title(c: Checklist, group: str) -> str:
    return _l(c, GROUP_TITLES[group], f"cl-group-{group}")


def closed_days_text(c: Checklist, words: Words | None = None) -> str:
    """The calendar's closed days, in lexkit's Hindi where the catalogue has each part."""
    if c.lang == "en":
        return c.calendar
    known = load_catalogue().section("closed_days")
    head, sep, courts = c.calendar.partition("court calendars: ")
    parts = [p for p in head.split(", ") if p]
    shown: list[str] = []
    for part in parts:
        state = re.fullmatch(r"(IN-[A-Z]{2}) state holidays", part)
        if part in known:
            shown.append(str(known[part]))
        elif state:
            shown.append(label("cl-state-holidays", c.lang, state=state.group(1)))
        else:
            return _words(c, words).own(c.calendar)
    if sep:
        shown.append(label("cl-court-calendars", c.lang, ids=courts))
    return ", ".join(shown)


#: How the code-in-force notes of procedure.checklists read, to say them in Hindi (their English is fixed there).
_CHANGES = (
    (r"deadline (?P<ref>\S+) -> (?P<other>\S+): the code in force on (?P<day>.+)", "cl-change-rule-mapped"),
    (r"deadline (?P<ref>\S+) is not computed: its code was not in force on (?P<day>.+?) and no counterpart time limit "
     r"is in the knowledge base", "cl-change-rule-none"),
    (r"(?P<ref>\S+) -> (?P<other>\S+): the code in force on (?P<day>.+)", "cl-change-mapped"),
    (r"(?P<ref>\S+) was not in force on (?P<day>.+?) and has no counterpart in the knowledge base", "cl-change-none"),
)


_ENTITLEMENT_NOTES = (
    (r"No entitlement is held for a (?P<event>\S+) on (?P<on>.+?): the earliest scheme in the knowledge base "
     r"\((?P<scheme>.+?), (?P<title>.+)\) applies from (?P<start>.+?), and no earlier scheme is recorded\. "
     r"Ask the District Magistrate which scheme applied on that date\.", "cl-no-scheme-yet"),
    (r"No entitlement in (?P<title>.+) matches a (?P<event>\S+) on (?P<on>.+?) with these facts: check the scheme's "
     r"rows and conditions with the District Magistrate\.", "cl-no-scheme-match"),
)


def _by_pattern(c: Checklist, text: str, patterns: tuple[tuple[str, str], ...]) -> str:
    """``text`` in ``c.lang``: the catalogue phrase of the first pattern it matches, else as it is."""
    if c.lang == "en":
        return text
    for pattern, key in patterns:
        m = re.fullmatch(pattern, text)
        if m:
            return label(key, c.lang, **m.groupdict())
    return text


def entitlement_note_text(c: Checklist) -> str | None:
    """Why no entitlement is listed, in ``c.lang``; None when there is no such note."""
    return None if c.entitlement_note is None else _by_pattern(c, c.entitlement_note, _ENTITLEMENT_NOTES)


def change_text(c: Checklist, change: str) -> str:
    """A code-in-force note ('BNS-143 -> IPC-370: the code in force on Fri 10 Mar 2023'), in ``c.lang``."""
    return _by_pattern(c, change, _CHANGES)


def assumption_text(c: Checklist, a: Any) -> str:
    if c.lang == "en":
        return str(a.text())
    why = f" ({a.why})" if a.why else ""
    return label("cl-assumption", c.lang, event=a.event, primary=a.taken_as, when=when_text(a.at), why=why)


def hindi_gaps(c: Checklist) -> list[str]:
    """What lexkit wrote that this checklist shows in English on a Hindi page: empty when all is translated."""
    if c.lang == "en":
        return []
    changes = {x for s in c.steps for x in s.basis_changes if change_text(c, x) != x}
    if c.entitlement_note and entitlement_note_text(c) != c.entitlement_note:
        changes.add(c.entitlement_note)
    words = words_in(c.lang)
    for s in c.steps:
        if s.rule is not None:
            rule_text(c, s, words)
        condition_of(c, s, words)
    closed_days_text(c, words)
    return list(dict.fromkeys([*(u for u in c.untranslated if u not in changes), *words.untranslated]))


def basis_entries(step: ChecklistStep, lang: str = "en") -> list[tuple[str, bool]]:
    """Every basis of a step, statute first, each with whether it is a citation (never broken)."""
    out: list[tuple[str, bool]] = []
    statutes = [b for b in step.bases if b.kind == "statute"]
    for b in statutes:
        out.append((f"{b.label} ({_modality(b.modality, lang)})", True))
    shown = {r for b in statutes for r in b.ref.split(", ")}
    rest = [r for r in step.legal_basis if r not in shown]
    if rest:
        out.append((", ".join(rest), True))
    for b in step.bases:
        if b.kind == "sop":
            out.append((f"{b.label} ({_modality(b.modality, lang)})", False))
    for b in step.bases:
        if b.kind == "authority":  # a case name may wrap; its report citation never does
            out.append((f"{b.label} ({verification_word(b.verification, lang)})", False))
    for origin in step.origins:  # the item uses an overlay's duty or SOP step: say which folder
        out.append((origin_line(origin) or "", False))
    return out


def basis_lines(step: ChecklistStep, lang: str = "en") -> list[str]:
    """Every basis of a step, statute first: 'ITPA-15(6A) (shall)', 'UNODC ... SOP (should)'."""
    return [text for text, _ in basis_entries(step, lang)]


def citations_of(step: ChecklistStep) -> list[str]:
    """The citations a renderer must never break across lines: provisions, rule ids, judgements."""
    found = list(step.legal_basis)
    if step.rule is not None:
        found.append(step.rule.id)
    found += [b.label for b in step.bases if b.kind in ("statute", "authority")]
    return found


def step_dict(step: ChecklistStep) -> dict[str, Any]:
    rule = step.rule
    return {
        "id": step.id,
        "duty": step.duty,
        "sop": step.sop,
        "sop_steps": list(step.sop_steps),
        "phase": step.phase,
        "group": step.group,
        "title": step.title,
        "action": step.action,
        "actor": step.actor,
        "modality": step.modality,
        "legal_basis": list(step.legal_basis),
        "bases": [{"kind": b.kind, "ref": b.ref, "label": b.label, "modality": b.modality,
                   "verification": b.verification} for b in step.bases],
        "origins": list(step.origins),
        "deadline": step.deadline.to_dict() if step.deadline is not None else None,
        "due_text": _due_text(step) or None,
        "deadline_status": step.deadline_status,
        "rule": None if rule is None else {
            "id": rule.id,
            "trigger": rule.trigger,
            "period": {"amount": rule.amount, "unit": rule.unit, "text": rule.period_text},
            "kind": rule.kind,
            "rolls": rule.rolls,
            "excludes": list(rule.excludes),
            "text": rule.describe(),
            "verification": rule.verification,
            "sources": [s.to_dict() for s in rule.sources],
        },
        "basis_changes": list(step.basis_changes),
        "condition": step.condition or None,
        "notes": step.notes,
        "verification": step.verification,
        "sources": [s.to_dict() for s in step.sources],
    }


def entitlement_amount(e: Entitlement, lang: str = "en") -> str:
    if lang != "en":
        return words_in(lang).amount(e.amount_inr, e.amount_is, "")
    return {"up_to": "up to ", "at_least": "at least "}.get(e.amount_is, "") + rupees(e.amount_inr)


def checklist_dict(c: Checklist) -> dict[str, Any]:
    g = c.governing
    return {
        "template": c.template,
        "title": c.title,
        "summary": c.summary,
        "facts": dict(c.facts),
        "events": {k: v.isoformat() for k, v in c.events.items()},
        "assumptions": [{"event": a.event, "taken_as": a.taken_as, "at": a.at.isoformat(), "text": a.text()}
                        for a in c.assumptions],
        "governing": None if g is None else {"procedure": g.procedure_code, "penal": g.penal_code,
                                             "procedure_date": g.procedure_date, "offence_date": g.offence_date,
                                             "reason": g.reason},
        "now": c.now.isoformat() if c.now else None,
        "filtered": c.filtered,
        "state": c.state,
        "law_date": c.law_date,
        "proceedings_date": c.proceedings_date,
        "calendar": c.calendar,
        "counts": {"steps": len(c.steps), "dated": c.dated,
                   **{group: sum(s.group == group for s in c.steps) for group in GROUPS}},
        "steps": [step_dict(s) for s in c.steps],
        "entitlements": [
            {
                "id": e.id,
                "kind": e.kind,
                "amount_inr": e.amount_inr,
                "amount_is": e.amount_is,
                "amount_text": entitlement_amount(e),
                "scheme": e.scheme,
                "conditions": e.conditions,
                "valid_from": e.valid_from,
                "valid_to": e.valid_to,
                "verification": e.verification,
                "sources": [s.to_dict() for s in e.sources],
            }
            for e in c.entitlements
        ],
        "entitlement_note": c.entitlement_note,
        "warnings": list(c.warnings),
        "kb_version": c.kb_version,
        "kb_date": c.kb_date,
        "disclaimer": c.disclaimer,
    } | ({"lang": c.lang, "untranslated": hindi_gaps(c)} if c.lang != "en" else {})


def fact_text(value: Any) -> str:
    """A fact as a person writes it: true/false, not Python's True/False."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def kb_line(c: Checklist) -> str:
    if c.lang == "en":
        return f"Knowledge base {c.kb_version} of {c.kb_date}. {c.disclaimer}"
    return f"{label('kb-line', c.lang, version=c.kb_version, date=c.kb_date)} {words_in(c.lang).disclaimer(c.disclaimer)}"


def _governing_hi(c: Checklist) -> str:
    g = c.governing
    assert g is not None
    from lexkit.procedure.checklists import day_text

    began = "एफ़आईआर" if g.began_with == "information_recorded" else str(
        load_catalogue().section("triggers").get(g.began_with, g.began_with.replace("_", " ")))
    at = when_text(g.began_at) if g.began_at else g.procedure_date
    reason = label(f"cl-began-{g.procedure_code}", c.lang, label=began, when=at)
    reason += label(f"cl-penal-{g.penal_code}", c.lang, offence=day_text(g.offence_date))
    return label("cl-procedure", c.lang, code=label(f"cl-code-{g.procedure_code}", c.lang), reason=reason)


def header_lines(c: Checklist) -> list[str]:
    """What every rendering says first: the KB, the disclaimer, the code that governs, the assumptions."""
    if c.lang != "en":
        hindi = [kb_line(c)] + ([_governing_hi(c)] if c.governing is not None else [])
        return hindi + [label("translated-by", c.lang, by="lexkit", status=header("unverified", c.lang)),
                        label("cl-law-note", c.lang)]
    lines = [f"Knowledge base {c.kb_version} of {c.kb_date}. {c.disclaimer}"]
    if c.governing is not None:
        code = {"CRPC": "the CrPC (Code of Criminal Procedure, 1973)",
                "BNSS": "the BNSS (Bharatiya Nagarik Suraksha Sanhita, 2023)"}[c.governing.procedure_code]
        lines.append(f"Procedure: {code}, because {c.governing.reason}.")
    return lines


def event_lines(c: Checklist) -> list[str]:
    assumed = {a.event for a in c.assumptions}
    mark = " " + _l(c, "(assumed)", "cl-assumed")
    return [f"{k}: {when_text(v)}" + (mark if k in assumed else "") for k, v in c.events.items()]


def summary_line(c: Checklist) -> str:
    counts = {g: sum(s.group == g for s in c.steps) for g in GROUPS}
    now = when_text(c.now) if c.now else _l(c, "now", "cl-now")
    if c.lang != "en":
        view = label("cl-showing", c.lang, filtered=label("cl-filtered", c.lang, within=c.filtered.rsplit("within ", 1)[-1]
                                                                .replace("hours", "घंटे").replace("days", "दिन").replace("day", "दिन"))) if c.filtered else ""
        return label("cl-summary", c.lang, steps=len(c.steps), dated=c.dated, now=now, overdue=counts["overdue"],
                     next=counts["next_24h"], later=counts["later"], undated=counts["undated"]) + view
    view = f" Showing only what is {c.filtered}." if c.filtered else ""
    return (f"{len(c.steps)} steps, {c.dated} with a date. As of {now}: {counts['overdue']} overdue, "
            f"{counts['next_24h']} due in the next 24 hours, {counts['later']} later, {counts['undated']} "
            f"without a date.{view}")


def checklist_markdown(c: Checklist) -> str:
    """Printable Markdown (CommonMark): time groups, then phases, each step a task-list item."""
    e = md_escape
    lang = c.lang
    lines = [f"# {e(c.title)}", "", e(c.summary), ""]
    for i, x in enumerate(header_lines(c)):
        lines += [f"**{e(x)}**" if i == 0 else e(x), ""]
    lines.append(f"**{_l(c, 'Case', 'cl-case')}:** " + "; ".join(f"{e(k)} = {e(fact_text(v))}" for k, v in c.facts.items()))
    lines.append("")
    lines.append(f"**{_l(c, 'Events', 'cl-events')}:** " + "; ".join(e(x) for x in event_lines(c)))
    lines.append("")
    if c.assumptions:
        lines += [_l(c, "**Assumptions** (events not given, taken from the primary event):", "cl-assumptions"), ""]
        lines += [f"- {e(assumption_text(c, a))}" for a in c.assumptions]
        lines.append("")
    lines.append(f"**{_l(c, 'Closed days', 'cl-closed')}:** {e(closed_days_text(c))}")
    lines.append("")
    lines += [e(summary_line(c)), ""]  # the "date not known" warning goes to stderr, once; each step says it
    due, basis, code = _l(c, "Due", "cl-due"), _l(c, "Basis", "cl-basis"), _l(c, "Code in force", "cl-code-in-force")
    applies, note, source = _l(c, "Applies because", "cl-applies"), _l(c, "Note", "cl-note"), _l(c, "Source", "cl-source")
    n = 0
    for group in GROUPS:
        steps = [s for s in c.steps if s.group == group]
        if not steps:
            continue
        lines += [f"## {group_title(c, group)}", ""]
        for phase in PHASES:
            in_phase = [s for s in steps if s.phase == phase]
            if not in_phase:
                continue
            lines += [f"### {phase_title(c, phase)}", ""]
            for s in in_phase:
                n += 1
                lines.append(f"- [ ] **{n}. {e(s.title)}**: {e(s.actor)} *{modality_words(s.modality, lang)}*")
                lines.append(f"  {e(s.action)}")
                if s.rule is not None:
                    lines.append(f"  *{due}:* {e(_due_text(s, lang))}: {e(rule_text(c, s))} "
                                 f"({verification_word(s.rule.verification, lang)})")
                bases = basis_lines(s, lang)
                if bases:
                    lines.append(f"  *{basis}:* {e('; '.join(bases))}")
                for change in s.basis_changes:
                    lines.append(f"  *{code}:* {e(change_text(c, change))}")
                if s.condition:
                    lines.append(f"  *{applies}:* {e(condition_of(c, s))}")
                if s.notes:
                    lines.append(f"  *{note}:* {e(s.notes)}")
                lines.append(f"  *{source}:* {e('; '.join(x.label() for x in s.sources))} "
                             f"({verification_word(s.verification, lang)})")
                lines.append("")
    lines += [f"## {_l(c, 'Entitlements', 'cl-entitlements')}", ""]
    if c.entitlements:
        lines += [_l(c, "| Kind | Amount | Scheme | Conditions | Verification |", "cl-ent-cols"), "|---|---|---|---|---|"]
        for en in c.entitlements:
            lines.append(f"| {md_text(entitlement_kind(c, en))} | {entitlement_amount(en, lang)} | {md_text(en.scheme)} | "
                         f"{md_text(en.conditions)} | {verification_word(en.verification, lang)} |")
        lines.append("")
    elif c.entitlement_note:
        lines += [e(entitlement_note_text(c) or ""), ""]
    else:
        lines += [_l(c, "This checklist has no scheme of entitlements: see the victim compensation steps.",
                     "cl-no-entitlements"), ""]
    lines += ["---", "", e(kb_line(c)) if lang != "en" else
              f"Knowledge base {e(c.kb_version)} of {e(c.kb_date)}. {e(c.disclaimer)}", ""]
    return "\n".join(lines)


def entitlement_kind(c: Checklist, en: Entitlement) -> str:
    english = en.kind.replace('_', ' ')
    if c.lang == "en":
        return english
    return str(load_catalogue().section("entitlement_kinds").get(en.kind, english))


#: Citations written with spaces inside, which a line must never split: law reports
#: ("(2003) 4 SCC 601", "AIR 2003 SC 2053") and sections cited with their Act ("CrPC s.273").
CITATION_PATTERNS = (
    r"\(\d{4}\) \d+ [A-Z][A-Za-z]* \d+",
    r"AIR \d{4} [A-Z][A-Za-z]* \d+",
    r"(?:CrPC|Cr\.P\.C\.|BNSS|BNS|BSA|IPC|ITPA|POCSO|JJ Act|BLSA|CLPRA|GCA) ss?\.\s?\d+[A-Z]*(?:\([0-9A-Za-z]+\))*",
)


def protect_citations(text: str) -> str:
    """Join the words of every citation with no-break spaces, so wrapping never splits one."""
    import re

    for pattern in CITATION_PATTERNS:
        text = re.sub(pattern, lambda m: m.group(0).replace(" ", "\u00a0"), text)
    return text


def _wrap(text: str, width: int, first: str, rest: str, atomic: bool = False) -> list[str]:
    """Wrap at spaces only; a citation (atomic) is never split, and no word is broken at a hyphen."""
    import textwrap

    body = text.replace(" ", "\u00a0") if atomic else protect_citations(text)
    lines = textwrap.wrap(body, width=width, initial_indent=first, subsequent_indent=rest,
                          break_long_words=False, break_on_hyphens=False) or [first.rstrip()]
    return [line.replace("\u00a0", " ") for line in lines]


def checklist_cards(c: Checklist, width: int = 80) -> str:
    """The checklist for a narrow terminal: one card per step, grouped by when it falls due.

    Title, who, due and basis each start their own line; a citation (BNSS-184(1),
    JJA-31.production, (2003) 4 SCC 601) is never broken across lines.
    """
    width = max(width, 60)
    lang = c.lang
    out = _wrap(c.title.upper(), width, "", "")
    for line in header_lines(c):
        out += _wrap(line, width, "", "  ")
    out += _wrap(f"{_l(c, 'Case', 'cl-case')}: " + "; ".join(f"{k}={fact_text(v)}" for k, v in c.facts.items()), width, "", "  ")
    out += _wrap(f"{_l(c, 'Events', 'cl-events')}: " + "; ".join(event_lines(c)), width, "", "  ")
    if c.assumptions:
        out.append(_l(c, "Assumed (give --event NAME=DATETIME to change):", "cl-assumed-cards"))
        for a in c.assumptions:
            out += _wrap(assumption_text(c, a), width, "  - ", "    ")
    out += _wrap(summary_line(c), width, "", "")
    names = {k: _l(c, en, f"cl-{k}") for k, en in (("who", "Who"), ("due", "Due"), ("basis", "Basis"), ("do", "Do"),
                                                    ("code", "Code"), ("when", "When"))}
    label_width = max(7, *(len(v) + 2 for v in names.values()))
    tag = {k: f"    {v + ':':<{label_width}}" for k, v in names.items()}
    n = 0
    for group in GROUPS:
        steps = [s for s in c.steps if s.group == group]
        if not steps:
            continue
        out += ["", f"== {group_title(c, group)} =="]
        for s in steps:
            n += 1
            out.append("")
            out += _wrap(f"[{n}] {s.title}", width, "", " " * (len(str(n)) + 3))
            pad = "    " + " " * label_width
            phase = s.phase if lang == "en" else phase_title(c, s.phase)
            out += _wrap(f"{s.actor} ({modality_words(s.modality, lang)}); {phase}", width, tag["who"], pad)
            if s.rule is not None:
                out += _wrap(_due_text(s, lang), width, tag["due"], pad)
                out += _wrap(rule_text(c, s), width, pad, pad)
            for i, (b, atomic) in enumerate(basis_entries(s, lang)):
                first = tag["basis"] if i == 0 else pad
                if atomic and len(pad) + len(b) > width:  # a list of citations: break between them only
                    parts = b.split(", ")
                    line = first
                    for j, part in enumerate(parts):
                        piece = part + ("," if j < len(parts) - 1 else "")
                        if line.strip() and len(line) + len(piece) + 1 > width:
                            out.append(line.rstrip())
                            line = pad
                        line += piece + " "
                    out.append(line.rstrip())
                else:
                    out += _wrap(b, width, first, pad, atomic=atomic)
            out += _wrap(s.action, width, tag["do"], pad)
            for change in s.basis_changes:
                out += _wrap(change_text(c, change), width, tag["code"], pad)
            if s.condition:
                why = f"applies because {s.condition}" if lang == "en" else condition_of(c, s)
                out += _wrap(why, width, tag["when"], pad)
    out += ["", f"== {_l(c, 'Entitlements', 'cl-entitlements')} =="]
    if c.entitlements:
        for en in c.entitlements:
            out += _wrap(f"{entitlement_kind(c, en)}: {entitlement_amount(en, lang)} ({en.scheme}; "
                         f"{verification_word(en.verification, lang)})", width, "  - ", "    ")
    else:
        out += _wrap(entitlement_note_text(c) or _l(c, "This checklist has no scheme of entitlements: see the victim compensation "
                     "steps.", "cl-no-entitlements"), width, "", "")
    out += [""] + _wrap(kb_line(c), width, "", "")
    return "\n".join(out) + "\n"


def checklist_ics(c: Checklist) -> bytes:
    """One event per dated step, stable UIDs, a reminder before each deadline, the basis in the description."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//lexkit//checklist//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", c.title)
    # DTSTAMP from the knowledge-base date, not the clock: the same case gives the same file.
    stamp = dt.datetime.fromisoformat(c.kb_date or "2026-01-01").replace(tzinfo=dt.timezone.utc)
    primary = min(c.events.values()).strftime("%Y%m%dT%H%M%z") if c.events else "none"
    for s in c.steps:
        if s.deadline is None:
            continue
        d = s.deadline
        ev = Event()
        ev.add("uid", f"{c.template}-{primary}-{s.id.replace('/', '-')}@lexkit")
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{s.title} ({d.rule})")
        if isinstance(d.due, dt.datetime):
            ev.add("dtstart", d.due)
            ev.add("dtend", d.due)
        else:
            ev.add("dtstart", d.due)
            ev.add("dtend", d.due + dt.timedelta(days=1))
        basis = ", ".join(s.legal_basis or d.basis)
        if c.lang == "en":
            lines = [f"Who: {s.actor} ({MODALITY_WORDS[s.modality]})",
                     f"Deadline: {s.rule.describe() if s.rule else ''} ({d.rule}); {d.counting}",
                     f"Legal basis: {basis}", f"Verification: {s.verification}"]
        else:  # the counting trace is the law's arithmetic in English; the rule's wording is lexkit's Hindi
            lines = [f"{label('cl-who', c.lang)}: {s.actor} ({modality_words(s.modality, c.lang)})",
                     f"{label('cl-deadline', c.lang)}: {rule_text(c, s) if s.rule else d.rule}",
                     f"{label('cl-legal-basis', c.lang)}: {basis}",
                     f"{label('cl-verification', c.lang)}: {verification_word(s.verification, c.lang)}"]
        lines += [f"Overlay: {origin_line(o)}" for o in s.origins]
        ev.add("description", "\n".join([s.action, *lines, kb_line(c)]))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{_l(c, 'Due', 'cl-due')}: {s.title}")
        hours = 2 if isinstance(d.due, dt.datetime) else 24
        alarm.add("trigger", dt.timedelta(hours=-hours))
        ev.add_component(alarm)
        cal.add_component(ev)
    cal.add_missing_timezones()  # a VTIMEZONE for Asia/Kolkata, so every calendar reads the times right
    return bytes(cal.to_ical())


def due_ics(due: Any) -> bytes:
    """What is due across the register (lexkit.cases.models.DueList) as calendar events, one per step."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//lexkit//case register//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "lexkit: due in the case register")
    stamp = dt.datetime.fromisoformat(due.kb_date or "2026-01-01").replace(tzinfo=dt.timezone.utc)
    for item in due.items:
        s = item.step
        ev = Event()
        ev.add("uid", f"{item.case_id}-{s.key.replace('/', '-')}@lexkit")
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{'OVERDUE: ' if item.overdue else ''}{s.title} ({item.case_id}, {s.department})")
        if s.due_text and "T" not in s.due_text:
            day = dt.date.fromisoformat(s.due_text)
            ev.add("dtstart", day)
            ev.add("dtend", day + dt.timedelta(days=1))
        else:
            ev.add("dtstart", s.due)
            ev.add("dtend", s.due)
        ev.add("description", "\n".join([
            f"Case {item.case_id} ({item.district}); step {s.key}; rule {s.rule}",
            f"Who: {s.actor}",
            f"Knowledge base {due.kb_version} of {due.kb_date}. {due.disclaimer}",
        ]))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Due: {s.title}")
        alarm.add("trigger", dt.timedelta(hours=-2))
        ev.add_component(alarm)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def checklist_json(c: Checklist) -> str:
    """The checklist as JSON: the bytes of ``json.dumps(checklist_dict(c), ensure_ascii=False, indent=2)``
    and a newline, written by ``indented_json`` (json's own indenting encoder is pure Python and slower)."""
    return indented_json(checklist_dict(c)) + "\n"


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same characters, for data of JSON types
    (dict with str keys, list, tuple, str, int, float, bool, None); anything else goes to json itself."""
    import json

    parts: list[str] = []
    try:
        _indent(value, parts, "\n")
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(parts)


class _NotPlain(Exception):
    """A value ``indented_json`` leaves to json.dumps."""


def _indent(value: Any, parts: list[str], newline: str) -> None:
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is float and value - value == 0:  # finite (NaN and the infinities: json spells them)
        parts.append(float.__repr__(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            parts.append(("{" if first else ",") + inner + encode_basestring(key) + ": ")
            first = False
            _indent(item, parts, inner)
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        first = True
        for item in value:
            parts.append(("[" if first else ",") + inner)
            first = False
            _indent(item, parts, inner)
        parts.append(newline + "]")
    else:  # NaN, infinities, subclasses of str or int, and other types: json decides
        raise _NotPlain
