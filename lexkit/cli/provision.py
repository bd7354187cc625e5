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
    citation: str = typer.Argument(..., help="As a charge-sheet writes it: 'u/s 370(4) IPC', 'u/s 370 r/w 120B IPC', 'BNS 143(3), 3(5)'."),
    offence_date: Optional[str] = typer.Option(
        None, "--offence-date", help="Date of the offence (YYYY-MM-DD or DD/MM/YYYY): says which code applies."
    ),
    fmt: DocFormat = typer.Option(DocFormat.text, "--format", help="text, json or md."),
) -> None:
    """Show every provision a charge names: text, punishment, classification, old/new codes, time limits, sources.

    Example: lexkit provision show "u/s 370(4) IPC" --offence-date 2024-08-01
    """
    from lexkit.cli import lookup

    lookup.provision_show(lambda: load_kb(ctx), citation, offence_date, fmt.value)


@provision_app.command("map")
def provision_map(
    ctx: typer.Context,
    citation: str = typer.Argument(..., help="An old or a new provision: 'IPC 370A', 'BNSS 187'."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """Old<->new correspondence (IPC<->BNS, CrPC<->BNSS) with relation and what changed.

    Example: lexkit provision map "IPC 370A"
    """
    from lexkit.cli import lookup

    lookup.provision_map(lambda: load_kb(ctx), citation, fmt.value)


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
    from lexkit.cli import lookup

    lookup.provision_search(lambda: load_kb(ctx), query, act, limit, fmt.value)


@provision_app.command("list")
def provision_list(
    ctx: typer.Context,
    act: Optional[str] = typer.Option(None, "--act", help="Only this Act (code or abbreviation: BNS, ITPA, JJ Act)."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """List the provisions held, Act by Act, with how far each is verified.

    Example: lexkit provision list --act ITPA
    """
    from lexkit.errors import UsageProblem
    from lexkit.law.citations import CitationResolver

    kb = load_kb(ctx)
    code = None
    if act:
        code = CitationResolver(kb).find_act(act)[0]
        if code is None:
            raise UsageProblem(f"unknown Act '{act}'", hint="use a code such as " + ", ".join(sorted(kb.acts)))
    rows = kb.section_index(code)
    if fmt is DataFormat.json:
        out_json([{"id": sid, "title": title, "verification": verification, "origin": origin}
                  for sid, title, verification, origin in rows])
        return
    width = max((len(r[0]) for r in rows), default=0)
    out("\n".join(f"{sid:<{width}}  {title} [{verification}]" + (f" [from the overlay at {origin}]" if origin else "")
                   for sid, title, verification, origin in rows))
    note(f"{len(rows)} provision(s)" + (f" of {code}" if code else f" in {len(kb.acts)} Acts"))
