"""Commands for deadlines and checklists: `lexkit deadline`, `lexkit checklist list|build`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from lexkit.cli.checklist_build import FALLBACK_NOTE, calendar_of
from lexkit.cli.options import DataFormat, hours
from lexkit.errors import UsageProblem

checklist_app = typer.Typer(help="Step-by-step checklists with every statutory deadline computed.", no_args_is_help=True)


class RollChoice(str, Enum):
    next_open_day = "next-open-day"
    none = "none"


class Lang(str, Enum):
    en = "en"
    hi = "hi"


LANG_HELP = "en or hi: lexkit's Hindi of what it wrote (titles, steps, prompts, headings); the law stays as held."


class ChecklistFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"
    ics = "ics"


def deadline(
    ctx: typer.Context,
    start: str = typer.Option(..., "--from", help="When the period starts: 2026-11-23T14:30, '23/11/2026 14:30'."),
    within: Optional[str] = typer.Option(None, "--within", help="The period: '24 hours', '10 days', '2 months'."),
    rule: Optional[str] = typer.Option(None, "--rule", help="A statutory time limit by id, e.g. JJA-31.production."),
    roll: Optional[RollChoice] = typer.Option(None, "--roll", help="next-open-day (an act in a court or office, GCA s.10) or none (default)."),
    state: Optional[str] = typer.Option(None, "--state", help="Also close this state's holidays (ISO 3166-2:IN, e.g. MH)."),
    calendar: list[str] = typer.Option([], "--calendar", help="Court or district calendar id from the knowledge base (repeatable)."),
    journey_hours: float = typer.Option(0.0, "--journey-hours", click_type=hours(), help="Journey time to add where the law excludes it."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """Compute a deadline with its trace: hours on the clock, days by GCA s.9, months by s.3(35).

    Example: lexkit deadline --rule JJA-31.production --from "27/11/2026 22:00"
    """
    from lexkit.cli.io import load_kb, out, out_json
    from lexkit.law.deadlines import compute, compute_rule, parse_datetime, parse_period, rule_of

    if (within is None) == (rule is None):
        raise UsageProblem("give either --within PERIOD or --rule RULE_ID (one of them)",
                           hint="e.g. --within '10 days' or --rule JJA-31.production")
    at = parse_datetime(start)
    kb = load_kb(ctx)
    closed = calendar_of(kb, state, calendar)
    if rule is not None:
        if roll is not None:
            raise UsageProblem("--roll cannot be used with --rule: the rule itself says whether it rolls")
        by_folded = {key.casefold(): value for key, value in kb.time_limits.items()}
        limit = by_folded.get(rule.strip().casefold())
        if limit is None:
            import difflib

            from lexkit.errors import NotFound

            close = difflib.get_close_matches(rule, list(kb.time_limits), n=3, cutoff=0.4)
            raise NotFound(f"--rule {rule}: no such time limit",
                               hint=("did you mean " + " or ".join(close) + "?") if close else "see 'lexkit provision show' for a section's time limits")
        result = compute_rule(rule_of(limit), at, calendar=closed, journey_hours=journey_hours)
    else:
        assert within is not None
        result = compute(at, parse_period(within), rolls=roll is RollChoice.next_open_day, calendar=closed,
                         excludes=("journey_time",) if journey_hours else (), journey_hours=journey_hours)
    data = result.to_dict()
    data["calendar"] = closed.describe()
    if fmt is DataFormat.json:
        out_json(data)
        return
    from lexkit.law.wording import when_text

    weekday = when_text(result.due).split(",")[0]  # "Sat 28 Nov 2026 22:00 IST": people plan by the weekday
    lines = [f"Due: {data['due']}" + (" (end of that day)" if "T" not in data["due"] else "") + f", {weekday}",
             f"Trigger: {data['trigger']['event']} at {data['trigger']['at']}",
             f"Period: {data['period']['text']} ({data['kind']})",
             f"Rule: {data['rule']}",
             f"Counting: {data['counting']}"]
    if data["journey_hours"]:
        lines.append(f"Journey time added: {data['journey_hours']:g} hours")
    if data["rolled_from"]:
        lines.append(f"Rolled from: {data['rolled_from']} (GCA s.10: the court or office was closed)")
    lines += [f"Skipped: {s['date']}: {s['reason']}" for s in data["skipped"]]
    if data["basis"]:
        lines.append("Basis: " + ", ".join(data["basis"]))
    lines += [f"Note: {n}" for n in data["notes"]]
    lines.append(f"Closed days: {data['calendar']}")
    out("\n".join(lines))


def _fact_line(f: Any, lang: str = "en") -> str:
    from lexkit.training.words import label

    kind = f.type + (f" {f.min}-{f.max}" if f.min is not None or f.max is not None else "")
    if lang != "en":
        allowed = label("cl-one-of", lang, values=", ".join(f.enum)) if f.enum else ""
        need = label("cl-required", lang) if f.required else (
            f"{label('cl-default', lang)} {_fact_value(f.default)}" if f.default is not None else label("cl-optional", lang))
        return f"    --fact {f.name}=...  ({kind}; {need}{allowed})\n        {f.prompt_hi or f.prompt}"
    allowed = f"; one of {', '.join(f.enum)}" if f.enum else ""
    need = "required" if f.required else ("default " + _fact_value(f.default) if f.default is not None else "optional, no default")
    return f"    --fact {f.name}=...  ({kind}; {need}{allowed})\n        {f.prompt}"


def _fact_value(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _meaning(name: str, lang: str) -> str:
    """What an event only a rule names (not the template) means, for 'checklist show'."""
    if lang == "en":
        return TRIGGER_MEANING.get(name, name.replace("_", " "))
    from lexkit.training.words import load_catalogue

    cat = load_catalogue()
    return str(cat.section("event_meanings").get(name) or cat.section("triggers").get(name) or name.replace("_", " "))


def _template_dict(kb: Any, t: Any, lang: str = "en") -> dict[str, Any]:
    from lexkit.procedure.checklists import event_names

    own = {e.name for e in t.events}
    return {
        "id": t.id, "title": t.title.get(lang), "summary": t.summary.get(lang),
        "facts": {f.name: {"type": f.type, "required": f.required, "enum": list(f.enum) or None,
                           "default": f.default, "min": f.min, "max": f.max,
                           "prompt": f.prompt if lang == "en" else f.prompt_hi or f.prompt} for f in t.facts},
        "events": {e.name: {"meaning": e.title if lang == "en" else e.title_hi or e.title, "primary": e.primary,
                            "with_primary": e.with_primary,
                            "assumption": e.assumption if lang == "en" else e.assumption_hi or e.assumption,
                            "aliases": list(e.aliases)} for e in t.events}
        | {n: {"meaning": _meaning(n, lang), "primary": False, "with_primary": False,
               "assumption": None, "aliases": []} for n in event_names(kb, t) if n not in own},
        "primary_event": t.primary_event.name,
    } | ({"lang": lang} if lang != "en" else {})


def template_gaps(t: Any, lang: str) -> list[str]:
    """What lexkit wrote in a template that 'checklist show --lang' prints in English."""
    if lang == "en":
        return []
    found = [x.en for x in (t.title, t.summary) if not x.hi]
    found += [f.prompt for f in t.facts if not f.prompt_hi]
    found += [e.title for e in t.events if not e.title_hi]
    return found + [e.assumption for e in t.events if e.assumption and not e.assumption_hi]


#: What an event that only a rule names (not the template) means, for 'checklist show'.
TRIGGER_MEANING = {"compensation_application": "Application or court recommendation for compensation reaches the DLSA/SLSA"}


def _template_text(kb: Any, t: Any, lang: str = "en") -> str:
    from lexkit.training.words import label

    def say(english: str, key: str, **values: str) -> str:
        return english if lang == "en" else label(key, lang, **values)

    data = _template_dict(kb, t, lang)
    lines = [f"{t.id}: {data['title']}", f"  --at = {t.primary_event.name}: {data['events'][t.primary_event.name]['meaning']}",
             say("  Facts:", "cl-facts-line")]
    lines += [_fact_line(f, lang) for f in t.facts]
    lines.append(say("  Events (--event NAME=DATETIME, or an offset from --at such as +2h):", "cl-events-line"))
    for name, e in data["events"].items():
        if e["primary"]:
            continue
        extra = ""
        if e["with_primary"]:
            why = f": {e['assumption']}" if e["assumption"] else ""
            extra = say(f" [taken as the {t.primary_event.name} time unless given{why}]", "cl-taken-from",
                        primary=t.primary_event.name, why=why)
        aliases = ", ".join(e["aliases"])
        alias = say(f" (also --event {aliases}=...)", "cl-also", aliases=aliases) if e["aliases"] else ""
        lines.append(f"    {name}{alias}: {e['meaning']}{extra}")
    return "\n".join(lines)


@checklist_app.command("list")
def checklist_list(
    ctx: typer.Context,
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """List the checklist templates, with every fact (type, default, allowed values) and event each takes.

    Example: lexkit checklist list
    """
    from lexkit.cli.io import load_kb, out, out_json
    from lexkit.procedure.checklists import templates

    kb = load_kb(ctx)
    found = templates(kb)
    if fmt is DataFormat.json:
        out_json([_template_dict(kb, t) for t in found.values()])
        return
    out("\n\n".join(_template_text(kb, t) for t in found.values()))


@checklist_app.command("show")
def checklist_show(
    ctx: typer.Context,
    template_id: str = typer.Argument(..., metavar="TEMPLATE", help="A template id from 'lexkit checklist list'."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
) -> None:
    """Show one template's inputs: every fact with its type, default, allowed values and prompt, and every event.

    Example: lexkit checklist show cross-border-repatriation
    """
    from lexkit.cli.io import load_kb, note, out, out_json
    from lexkit.procedure.checklists import find_template

    kb = load_kb(ctx)
    t = find_template(kb, template_id)
    gaps = template_gaps(t, lang.value)
    if fmt is DataFormat.json:
        out_json(_template_dict(kb, t, lang.value))
    else:
        out(f"{_template_text(kb, t, lang.value)}\n\n{t.summary.get(lang.value)}")
    if gaps:
        note(f"{FALLBACK_NOTE} ({len(gaps)} strings)")


@checklist_app.command("build")
def checklist_build(
    ctx: typer.Context,
    template_id: str = typer.Argument(..., metavar="TEMPLATE", help="A template id from 'lexkit checklist list'."),
    at: str = typer.Option(..., "--at", help="When the primary event (e.g. the rescue) happened: ISO 8601 or 'DD/MM/YYYY HH:MM'."),
    fact: list[str] = typer.Option([], "--fact", help="NAME=VALUE, repeatable: victim_age=15, victim_gender=female."),
    event: list[str] = typer.Option([], "--event", help="NAME=DATETIME or NAME=+2h (offset from --at), repeatable; fir=... for the FIR."),
    state: Optional[str] = typer.Option(None, "--state", help="ISO 3166-2:IN state code: its holidays, and state rules."),
    calendar: list[str] = typer.Option([], "--calendar", help="Court or district calendar id from the knowledge base."),
    journey_hours: float = typer.Option(0.0, "--journey-hours", click_type=hours(), help="Journey time, added only where the law excludes it."),
    fmt: Optional[ChecklistFormat] = typer.Option(
        None, "--format", help="table (cards below 120 columns, a table from 120), md, json or ics; default: from the -o suffix, else table."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout (.md, .json, .ics pick the format)."),
    force: bool = typer.Option(False, "--force", help="Overwrite the -o file if it exists."),
    no_input: bool = typer.Option(False, "--no-input", help="Never ask: fail naming the missing --fact."),
    offence_date: Optional[str] = typer.Option(
        None, "--offence-date", help="Date that decides IPC or BNS (default: the --at date)."),
    now: Optional[str] = typer.Option(None, "--now", help="Group by what is due relative to this time (default: the clock)."),
    due_within: Optional[str] = typer.Option(None, "--due-within", help="Only what is overdue or due within this period, e.g. 24h, 2 days."),
    no_pager: bool = typer.Option(False, "--no-pager", help="Never page long output in a terminal (PAGER is used otherwise)."),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
) -> None:
    """Build a checklist for one case: each duty once, in time order, with its deadline and every basis.

    Example: lexkit checklist build csec-rescue --at "27/11/2026 22:00" --fact victim_age=15 --fact victim_gender=female
    """
    from lexkit.cli.checklist_build import build
    from lexkit.cli.io import load_kb

    build(lambda: load_kb(ctx), template_id, at=at, fact=fact, event=event, state=state, calendar=calendar,
          journey_hours=journey_hours, fmt=fmt.value if fmt is not None else None, output=output, force=force,
          no_input=no_input, offence_date=offence_date, now=now, due_within=due_within, no_pager=no_pager,
          lang=lang.value)
