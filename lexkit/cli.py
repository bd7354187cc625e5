"""The command line: a thin Typer layer. Each command parses, calls one core function, renders.

Product goes to stdout, messages to stderr. Exit codes: 0 ok, 1 lexkit error (not found,
ambiguous, invalid knowledge base, refused output), 2 usage error, 3 internal error, 130 Ctrl-C.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from . import __version__
from .cli_casework import judgement_app, sop_app
from .cli_checklist import checklist_app, deadline
from .cli_options import DataFormat, DocFormat
from .cli_trainer import handout_app, quiz_app
from .errors import Ambiguous, LexkitError

app = typer.Typer(
    name="lexkit",
    help="Indian anti-trafficking law at hand: provisions, old and new codes, deadlines, checklists.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
provision_app = typer.Typer(help="Look up provisions: show, map old<->new codes, search.", no_args_is_help=True)
kb_app = typer.Typer(help="Check the knowledge base.", no_args_is_help=True)
# Each command group lives in its own module; the helpers they share (out, note, load_kb) are
# imported from here inside their commands, so importing this module stays cheap.
app.add_typer(provision_app, name="provision")
app.command("deadline")(deadline)
app.add_typer(checklist_app, name="checklist")
app.add_typer(judgement_app, name="judgement")
app.add_typer(sop_app, name="sop")
app.add_typer(handout_app, name="handout")
app.add_typer(quiz_app, name="quiz")
app.add_typer(kb_app, name="kb")


def out(text: str) -> None:
    """Write the product to stdout."""
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def out_json(data: Any) -> None:
    out(json.dumps(data, ensure_ascii=False, indent=2))


def emit(payload: str | bytes, output: Optional[Path], force: bool, what: str) -> None:
    """The product to stdout (also for '-o -'), or to -o FILE: atomically, never over a file without --force."""
    if output is None or str(output) == "-":
        if isinstance(payload, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        else:
            out(payload)
        return
    from .output import write_atomic

    write_atomic(output, payload, force)
    note(f"wrote {output} ({what})")


def note(message: str) -> None:
    """A message for the person, not the product: stderr."""
    sys.stderr.write(f"lexkit: {message}\n")


def _kb_root(ctx: typer.Context) -> Optional[Path]:
    return ctx.obj.get("kb") if ctx.obj else None


def load_kb(ctx: typer.Context) -> Any:
    from .kb import load

    return load(_kb_root(ctx))


def _version(value: bool) -> None:
    if value:
        out(f"lexkit {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    kb: Optional[Path] = typer.Option(
        None, "--kb", envvar="LEXKIT_KB", help="Use the knowledge base in this folder (same layout as the shipped one)."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Indian anti-trafficking law at hand. Supports, and does not replace, legal advice."""
    ctx.obj = {"kb": kb, "debug": debug}


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
    from .provisions import parse_offence_date, show
    from .render.provision import show_dict, show_text

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
    from .provisions import map_provision
    from .render.provision import map_dict, map_text

    report = map_provision(load_kb(ctx), citation)
    for warning in report.warnings:
        note(warning)
    out_json(map_dict(report)) if fmt is DataFormat.json else out(map_text(report))


@provision_app.command("search")
def provision_search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="Words to find, or a citation."),
    act: Optional[str] = typer.Option(None, "--act", help="Only this Act (code or abbreviation: BNS, ITPA, JJ Act)."),
    limit: int = typer.Option(10, "--limit", min=1, max=200, help="At most this many hits."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """Ranked full-text search over ids, titles, text and tags; a citation is resolved instead.

    Example: lexkit provision search "search without warrant" --act ITPA
    """
    from .provisions import search_or_resolve
    from .render.provision import hits_dicts, hits_text

    hits, resolved = search_or_resolve(load_kb(ctx), query, act, limit)
    if resolved:
        note(f"'{query}' is a citation: showing {hits[0].id}")
    elif not hits:
        note(f"no provision matches '{query}'")
    out_json(hits_dicts(hits)) if fmt is DataFormat.json else out(hits_text(hits))


@kb_app.command("validate")
def kb_validate(
    ctx: typer.Context,
    kb: Optional[Path] = typer.Option(None, "--kb", help="Validate this knowledge base folder instead."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """Validate every file against its schema, and every reference across files.

    Reports every problem as file:line: $.path: message. Exit 0 when clean, 1 when not.
    Example: lexkit kb validate --kb ./my-kb
    """
    from .kb import default_root
    from .validate import validate

    root = kb or _kb_root(ctx) or default_root()
    report = validate(root)
    if fmt is DataFormat.json:
        out_json(report.to_dict())
    else:
        for p in report.problems:
            out(str(p))
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in report.counts.items())
    if report.ok:
        note(f"knowledge base OK: {counts}")
    else:
        note(f"{len(report.problems)} problem(s) in {root}")
        raise typer.Exit(1)


@kb_app.command("unverified")
def kb_unverified(ctx: typer.Context) -> None:
    """List every knowledge-base item still marked unverified.

    Example: lexkit kb unverified
    """
    from .validate import unverified_items

    items = unverified_items(load_kb(ctx))
    for item in items:
        out(item)
    note(f"{len(items)} unverified item(s)")


def _report_error(exc: LexkitError) -> None:
    note(f"error: {exc.message}")
    if isinstance(exc, Ambiguous) and exc.candidates:
        note("candidates: " + ", ".join(exc.candidates))
    if exc.hint:
        note(f"hint: {exc.hint}")


def main(argv: Optional[list[str]] = None) -> int:
    """Run the CLI; map every error to a documented exit code, with no traceback unless --debug."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:  # a global option, accepted anywhere on the line
        args = ["--debug", *(a for a in args if a != "--debug")]
    try:
        result = app(args=args, prog_name="lexkit", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        note("interrupted")
        return 130
    except typer.TyperException as exc:  # usage errors: a bad option, a missing argument
        if type(exc).__name__ == "NoArgsIsHelpError":  # 'lexkit' or 'lexkit provision' alone: help
            out(exc.format_message())
            return 0
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "lexkit"
        note(f"error: {exc.format_message()} (see '{command} --help')")
        return exc.exit_code
    except LexkitError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        _report_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        note("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: a bug, reported without a traceback
        if debug:
            raise
        note(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)")
        return 3


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
