"""`lexkit provision ...`: show a provision, map old<->new codes, search."""

from __future__ import annotations

from typing import Optional

import typer

from lexkit.cli.io import load_kb, note, out, out_json
from lexkit.cli.options import DataFormat, DocFormat, whole_number

provision_app = typer.Typer(help="Look up provisions: show, map old<->new codes, search.", no_args_is_help=True)


@provision_app.command("show")
def provision_show(
    ctx: typer.Context,
    citation: str = typer.Argument(..., help="As a charge-sheet writes it: 'u/s 370(4) IPC', 'BNS 143', 'JJ Act s.31'."),
    offence_date: Optional[str] = typer.Option(
        None, "--offence-date", help="Date of the offence (YYYY-MM-DD or DD/MM/YYYY): says which code applies."
    ),
    fmt: DocFormat = typer.Option(DocFormat.text, "--format", help="text, json or md."),
) -> None:
    """Show a provision: text, punishment, classification, old/new codes, time limits, sources.

    Example: lexkit provision show "u/s 370(4) IPC" --offence-date 2024-08-01
    """
    from lexkit.law.provisions import parse_offence_date, show
    from lexkit.render.provision import show_dict, show_text

    day = parse_offence_date(offence_date) if offence_date else None
    report = show(load_kb(ctx), citation, day)
    for warning in report.warnings:
        note(warning)
    if fmt is DocFormat.json:
        out_json(show_dict(report))
    else:
        out(show_text(report, markdown=fmt is DocFormat.md))


@provision_app.command("map")
def provision_map(
    ctx: typer.Context,
    citation: str = typer.Argument(..., help="An old or a new provision: 'IPC 370A', 'BNSS 187'."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """Old<->new correspondence (IPC<->BNS, CrPC<->BNSS) with relation and what changed.

    Example: lexkit provision map "IPC 370A"
    """
    from lexkit.law.provisions import map_provision
    from lexkit.render.provision import map_dict, map_text

    report = map_provision(load_kb(ctx), citation)
    for warning in report.warnings:
        note(warning)
    out_json(map_dict(report)) if fmt is DataFormat.json else out(map_text(report))


@provision_app.command("search")
def provision_search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="Words to find, or a citation."),
    act: Optional[str] = typer.Option(None, "--act", help="Only this Act (code or abbreviation: BNS, ITPA, JJ Act)."),
    limit: int = typer.Option(10, "--limit", click_type=whole_number(1, 200), help="At most this many hits."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """Ranked full-text search over ids, titles, text and tags; a citation is resolved instead.

    Example: lexkit provision search "search without warrant" --act ITPA
    """
    from lexkit.law.provisions import search_or_resolve
    from lexkit.render.provision import hits_dicts, hits_text

    hits, resolved = search_or_resolve(load_kb(ctx), query, act, limit)
    if resolved:
        note(f"'{query}' is a citation: showing {hits[0].id}")
    elif not hits:
        note(f"no provision matches '{query}'")
    out_json(hits_dicts(hits)) if fmt is DataFormat.json else out(hits_text(hits))
