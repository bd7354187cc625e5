"""The bodies of the look-up commands, free of typer, click and rich.

`provision show/map/search`, `judgement show/search/list` and `sop show` run these functions
both from their Typer commands (lexkit.cli.provision, lexkit.cli.casework) and from the fast
path (lexkit.cli.fast), which parses a simple command line itself and never imports typer: one
body, so the two paths print the same bytes. ``kb`` is called when the knowledge base is first
needed (after the options are checked, as the Typer commands always did); ``fmt`` is the value
of --format ('text', 'json' or 'md').
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from lexkit.cli.io import note, out, out_json

KbLoader = Callable[[], Any]


def load_roots(given: list[Path]) -> Any:
    """The knowledge base from the shipped folder, LEXKIT_KB and these --kb folders (see io.kb_roots)."""
    from lexkit.cli.io import roots_of
    from lexkit.kb.store import open_knowledge_base

    kb = open_knowledge_base(roots_of(given))
    for warning in kb.store.warnings:
        note(f"warning: {warning}")
    return kb


def provision_show(kb: KbLoader, citation: str, offence_date: str | None, fmt: str) -> None:
    from lexkit.law.provisions import parse_offence_date, show_all
    from lexkit.render.provision import show_dict, show_text

    day = parse_offence_date(offence_date) if offence_date else None
    reports = show_all(kb(), citation, day)
    for report in reports:
        for warning in report.warnings:
            note(warning)
    if fmt == "json":
        dicts = [show_dict(r) for r in reports]
        out_json(dicts[0] if len(dicts) == 1 else dicts)  # a list when the charge names several
    else:
        rule = "\n---\n\n" if fmt == "md" else "\n" + "=" * 72 + "\n\n"
        out(rule.join(show_text(r, markdown=fmt == "md") for r in reports))


def provision_map(kb: KbLoader, citation: str, fmt: str) -> None:
    from lexkit.law.provisions import map_provision
    from lexkit.render.provision import map_dict, map_text

    report = map_provision(kb(), citation)
    for warning in report.warnings:
        note(warning)
    out_json(map_dict(report)) if fmt == "json" else out(map_text(report))


def provision_search(kb: KbLoader, query: str, act: str | None, limit: int, fmt: str) -> None:
    from lexkit.law.provisions import search_or_resolve
    from lexkit.render.provision import hits_dicts, hits_text

    hits, resolved = search_or_resolve(kb(), query, act, limit)
    if resolved:
        note(f"'{query}' is a citation: showing {hits[0].id}")
    elif not hits:
        note(f"no provision matches '{query}'")
    out_json(hits_dicts(hits)) if fmt == "json" else out(hits_text(hits))


def judgement_show(kb: KbLoader, judgement: str, fmt: str) -> None:
    from lexkit.law.judgements import find_judgement
    from lexkit.render.judgement import judgement_dict, judgement_text

    found = find_judgement(kb(), judgement)
    if fmt == "json":
        out_json(judgement_dict(found))
    else:
        out(judgement_text(found, markdown=fmt == "md"))


def judgement_list(kb: KbLoader, provision: str | None, court: str | None, year: str | None, fmt: str) -> None:
    from lexkit.law.judgements import list_judgements, parse_year
    from lexkit.render.judgement import list_dicts, list_text

    wanted_year = parse_year(year) if year is not None else None
    found = list_judgements(kb(), provision=provision, court=court, year=wanted_year)
    if not found:
        note("no judgement matches")
    if fmt == "json":
        out_json(list_dicts(found))
    else:
        out(list_text(found, markdown=fmt == "md"))


def judgement_search(kb: KbLoader, query: str, limit: int, fmt: str) -> None:
    from lexkit.law.judgements import search_judgements
    from lexkit.render.judgement import hits_dicts, hits_text

    hits = search_judgements(kb(), query, limit)
    if not hits:
        note(f"no judgement matches '{query}'")
    if fmt == "json":
        out_json(hits_dicts(hits))
    else:
        out(hits_text(hits, markdown=fmt == "md"))


def sop_show(kb: KbLoader, sop_id: str, fmt: str, lang: str = "en") -> None:
    from lexkit.procedure.sops import find_sop
    from lexkit.render.sop import sop_dict, sop_gaps, sop_text

    sop = find_sop(kb(), sop_id)
    if fmt == "json":
        out_json(sop_dict(sop, lang))
    else:
        out(sop_text(sop, lang, markdown=fmt == "md"))
    gaps = sop_gaps(sop, lang)  # none in English (the fast path's only language)
    if gaps:
        from lexkit.cli.checklist_build import FALLBACK_NOTE  # only --lang hi gets here

        note(f"{FALLBACK_NOTE} ({len(gaps)} strings)")
