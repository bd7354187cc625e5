"""The body of `checklist build`, free of typer, click and rich.

The Typer command (lexkit.cli.checklist) and the fast path (lexkit.cli.fast) both run ``build``:
one body, so the two paths print the same bytes. ``kb`` is called when the knowledge base is first
needed (after --format and --due-within are checked, as the command always did). Values arrive
as the command line gave them: ``fmt`` None (from the -o suffix, else table) or 'table', 'md',
'json', 'ics'; ``lang`` 'en' or 'hi'. Only a person at a terminal is asked for a missing fact
(typer's prompt, imported then); the fast path leaves that case to the Typer app.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

from lexkit.errors import UsageProblem

FALLBACK_NOTE = "some of what lexkit wrote has no Hindi translation yet and is shown in English"

#: The -o suffixes that say a format.
SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".json": "json", ".ics": "ics", ".txt": "table"}


def calendar_of(kb: Any, state: Optional[str], calendar_ids: list[str]) -> Any:
    """Closed days: Sundays, national holidays, a state's holidays and court calendars from the KB."""
    from lexkit.law.calendars import ClosedDays, normalise_state, overrides_from_data

    docs = {d.data["calendar"]["id"]: d for d in kb.docs_of("calendar")}
    overrides = []
    for cid in calendar_ids:
        if cid not in docs:
            from lexkit.errors import NotFound

            known = ", ".join(sorted(docs)) or "none in this knowledge base"
            raise NotFound(f"--calendar {cid}: no such calendar", hint=f"calendars: {known}")
        overrides.extend(overrides_from_data(docs[cid].data, docs[cid].file))
    return ClosedDays.for_india(normalise_state(state) if state else None, overrides, known=kb.public_holidays)


def pairs(values: list[str], option: str) -> dict[str, str]:
    """NAME=VALUE items of a repeatable option, each name once."""
    found: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            if option == "--event":
                from lexkit.procedure.checklists import EVENT_FORMS

                raise UsageProblem(f"--event {item}: write it as NAME=DATE TIME or NAME=OFFSET", hint=EVENT_FORMS)
            raise UsageProblem(f"{option} {item}: write it as NAME=VALUE", hint=f"e.g. {option} victim_age=15")
        if name.strip() in found:
            raise UsageProblem(f"{option} {name.strip()} is given twice ({found[name.strip()]} and {value})",
                               hint="give each one once")
        found[name.strip()] = value
    return found


def _choices(spec: Any) -> str:
    """The choices after a prompt, unless the prompt already names them (list them once)."""
    if spec.type == "boolean":
        return " [y/n]"
    if spec.enum and not all(v in spec.prompt.lower() for v in spec.enum):
        return " [" + "/".join(spec.enum) + "]"
    return ""


def _ask(spec: Any, facts: dict[str, Any], default: Any = None) -> None:
    """Ask one fact; choices are listed once, in the prompt, and short answers (F, y) are taken."""
    import typer  # a person at a terminal: the fast path never gets here

    while True:
        shown = ("y" if default else "n") if isinstance(default, bool) else default  # answered as y/n
        answer = typer.prompt(f"{spec.prompt}{_choices(spec)}", err=True,
                              default=str(shown) if default is not None else None, show_default=default is not None)
        try:
            facts[spec.name] = spec.parse(answer)
            return
        except UsageProblem as exc:
            sys.stderr.write(f"lexkit: {exc.message}\n")


def asks(no_input: bool) -> bool:
    """Whether a missing fact is asked: only of a person at a terminal, and never with --no-input."""
    return not no_input and sys.stdin.isatty()


def _ask_missing(kb: Any, template: Any, facts: dict[str, Any], given: set[str], no_input: bool) -> None:
    from lexkit.procedure.checklists import facts_that_drop_steps, missing_facts

    missing = missing_facts(template, facts)
    interactive = asks(no_input)
    if missing and not interactive:
        names = " ".join(f"--fact {s.name}=..." for s in missing)
        choices = "; ".join(f"{s.name}: {s.prompt}" + (f" ({'/'.join(s.enum)})" if s.enum else "") for s in missing)
        raise UsageProblem(f"missing {names} for template {template.id}", hint=choices)
    if not interactive:
        return
    for spec in missing:
        _ask(spec, facts)
    # Optional facts whose default would leave steps out: ask rather than drop a duty silently.
    for spec in facts_that_drop_steps(kb, template, {k: v for k, v in facts.items() if k in given or k in {m.name for m in missing}}):
        _ask(spec, facts, default=spec.default)


def build(
    kb_loader: Callable[[], Any],
    template_id: str,
    *,
    at: str,
    fact: list[str],
    event: list[str],
    state: Optional[str] = None,
    calendar: list[str] | None = None,
    journey_hours: float = 0.0,
    fmt: Optional[str] = None,
    output: Optional[Path] = None,
    force: bool = False,
    no_input: bool = False,
    offence_date: Optional[str] = None,
    now: Optional[str] = None,
    due_within: Optional[str] = None,
    no_pager: bool = False,
    lang: str = "en",
) -> None:
    """Build the checklist and write it: stdout (paged in a terminal) or -o FILE; notes on stderr."""
    from lexkit.cli.io import emit, note
    from lexkit.law.calendars import normalise_state
    from lexkit.law.deadlines import parse_datetime, parse_period
    from lexkit.procedure.checklists import (
        build_checklist,
        event_names,
        event_time,
        find_template,
        parse_facts,
        resolve_event_name,
    )
    from lexkit.procedure.checklists import (
        due_within as only_due_within,
    )

    fmt = format_for(fmt, output)
    window = _hours(parse_period(due_within), due_within) if due_within else None
    kb = kb_loader()
    template = find_template(kb, template_id)
    primary_at = parse_datetime(at)
    events = {template.primary_event.name: primary_at}
    allowed = event_names(kb, template)
    given_events = pairs(event, "--event")
    for name, value in given_events.items():
        real = resolve_event_name(template, name, allowed)
        if real in events:
            raise UsageProblem(f"--event {name}: {real} is given twice", hint="give each event once")
        events[real] = event_time(value, primary_at, name)
    for name, raw in ((template.primary_event.name, at), *given_events.items()):
        if ":" not in raw and not raw.strip().startswith(("+", "-")):
            note(f"no time given for {name} ({raw.strip()}): taken as 00:00 IST; hour deadlines count from then")
    raw_facts = pairs(fact, "--fact")
    facts = parse_facts(template, raw_facts)
    _ask_missing(kb, template, facts, set(raw_facts), no_input)
    state = state or facts.get("state")  # a template may take the state as a fact (IN-TN)
    code = f"IN-{normalise_state(state)}" if state else None
    law_date = None
    if offence_date:
        from lexkit.law.provisions import parse_offence_date  # lazy: it brings the citation parser

        law_date = parse_offence_date(offence_date)
    result = build_checklist(kb, template, facts, events, state=code, journey_hours=journey_hours,
                             calendar=calendar_of(kb, state, calendar or []), law_date=law_date,
                             now=parse_datetime(now) if now else None, lang=lang)
    if window is not None:
        result = only_due_within(result, window)
    from lexkit.render.checklist import checklist_ics, checklist_json, checklist_markdown

    payload: str | bytes
    if fmt == "json":
        payload = checklist_json(result)
    elif fmt == "md":
        payload = checklist_markdown(result)
    elif fmt == "ics":
        payload = checklist_ics(result)
    else:
        from lexkit.render.terminal import checklist_text

        payload = checklist_text(result)
        if output is None and should_page(payload, no_pager):
            import pydoc  # not click.echo_via_pager: typer vendors click without it, and click is no dependency

            pydoc.pager(payload)
            _notes(result, note)
            return
    emit(payload, output, force, f"{len(result.steps)} steps", exact=fmt == "json")
    _notes(result, note)


def _notes(result: Any, note: Any) -> None:
    for warning in result.warnings:  # once, on stderr: the product carries "date not known" per step
        note(warning)
    if result.lang != "en":
        from lexkit.render.checklist import hindi_gaps

        gaps = hindi_gaps(result)
        if gaps:
            note(f"{FALLBACK_NOTE} ({len(gaps)} strings)")


def format_for(fmt: Optional[str], output: Optional[Path]) -> str:
    """The format: --format, else the -o suffix (rescue.ics writes iCalendar); a mismatch is refused."""
    suffix = output.suffix.lower() if output is not None and str(output) != "-" else ""
    implied = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        return implied or "table"
    if implied and implied != fmt:
        raise UsageProblem(f"-o {output}: the suffix {suffix} says {implied}, but --format is {fmt}",
                           hint=f"drop --format (the suffix decides), or name the file for {fmt}")
    return fmt


def _hours(period: Any, raw: str) -> float:
    factor = {"hours": 1, "days": 24}.get(period.unit)
    if factor is None:
        raise UsageProblem(f"--due-within {raw}: give hours or days", hint="e.g. --due-within 24h or --due-within 2days")
    return float(period.amount * factor)


def should_page(text: str, no_pager: bool) -> bool:
    """Page only a terminal's output that is longer than the screen (and never with --no-pager)."""
    import os
    import shutil

    if no_pager or not sys.stdout.isatty() or os.environ.get("PAGER", None) == "":
        return False
    return text.count("\n") > shutil.get_terminal_size((80, 24)).lines
