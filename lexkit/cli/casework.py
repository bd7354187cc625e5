"""`lexkit judgement ...` and `lexkit sop ...`: case law and procedures, mounted by lexkit.cli.

lexkit.cli imports this module while it is still being built, so the shared helpers (out,
out_json, note, load_kb) are imported from it inside each command, never at the top.
"""

from __future__ import annotations

from typing import Optional

import typer

from lexkit.cli.checklist import LANG_HELP, Lang
from lexkit.cli.options import DocFormat, whole_number

judgement_app = typer.Typer(help="Case law: show, list and search judgements.", no_args_is_help=True)
sop_app = typer.Typer(help="Standard operating procedures and protocols: list and show.", no_args_is_help=True)


_FORMAT_HELP = "text, json or md."


@judgement_app.command("show")
def judgement_show(
    ctx: typer.Context,
    judgement: str = typer.Argument(..., help="An id, a case name or a citation: 'Vishal Jeet', '(1996) 2 SCC 384'."),
    fmt: DocFormat = typer.Option(DocFormat.text, "--format", help=_FORMAT_HELP),
) -> None:
    """Show a judgement: court, date, citations, provisions, holding, significance, sources.

    Example: lexkit judgement show "Vishal Jeet"
    """
    from lexkit.cli import lookup
    from lexkit.cli.io import load_kb

    lookup.judgement_show(lambda: load_kb(ctx), judgement, fmt.value)


@judgement_app.command("list")
def judgement_list(
    ctx: typer.Context,
    provision: Optional[str] = typer.Option(None, "--provision", help="Only those relying on it: 'ITPA 15', 'BNS 143'."),
    court: Optional[str] = typer.Option(None, "--court", help="Court name (part of it) or level: SC, HC, 'High Court', 'supreme_court'."),
    year: Optional[str] = typer.Option(None, "--year", help="Year of decision, YYYY."),
    fmt: DocFormat = typer.Option(DocFormat.text, "--format", help=_FORMAT_HELP),
) -> None:
    """List judgements, oldest first, optionally by provision, court and year.

    Example: lexkit judgement list --provision "ITPA 15" --court "Supreme Court"
    """
    from lexkit.cli import lookup
    from lexkit.cli.io import load_kb

    lookup.judgement_list(lambda: load_kb(ctx), provision, court, year, fmt.value)


@judgement_app.command("search")
def judgement_search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="Words to find in names, citations, topics, holdings and significance."),
    limit: int = typer.Option(10, "--limit", click_type=whole_number(1, 200), help="At most this many hits."),
    fmt: DocFormat = typer.Option(DocFormat.text, "--format", help=_FORMAT_HELP),
) -> None:
    """Ranked full-text search over judgements, best first.

    Example: lexkit judgement search "victim accused"
    """
    from lexkit.cli import lookup
    from lexkit.cli.io import load_kb

    lookup.judgement_search(lambda: load_kb(ctx), query, limit, fmt.value)


@sop_app.command("list")
def sop_list(
    ctx: typer.Context,
    fmt: DocFormat = typer.Option(DocFormat.text, "--format", help=_FORMAT_HELP),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
) -> None:
    """List the SOPs, protocols, advisories and schemes held, with how many steps each has.

    Example: lexkit sop list
    """
    from lexkit.cli.io import load_kb, out, out_json
    from lexkit.procedure.sops import all_sops
    from lexkit.render.sop import list_dicts, list_text

    sops = all_sops(load_kb(ctx))
    if fmt is DocFormat.json:
        out_json(list_dicts(sops, lang.value))
    else:
        out(list_text(sops, lang.value, markdown=fmt is DocFormat.md))


@sop_app.command("show")
def sop_show(
    ctx: typer.Context,
    sop_id: str = typer.Argument(..., metavar="ID", help="The SOP's id, as 'lexkit sop list' shows it."),
    fmt: DocFormat = typer.Option(DocFormat.text, "--format", help=_FORMAT_HELP),
    lang: Lang = typer.Option(Lang.en, "--lang", help=LANG_HELP),
) -> None:
    """Show an SOP as a document: steps phase by phase, who does what, how binding, by when, on what basis.

    Example: lexkit sop show mwcd-child-rescue-protocol-2006 --format md
    """
    from lexkit.cli import lookup
    from lexkit.cli.io import load_kb

    lookup.sop_show(lambda: load_kb(ctx), sop_id, fmt.value, lang.value)
