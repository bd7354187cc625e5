"""`lexkit kb ...`: validate the knowledge base, list what is left to verify."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from lexkit.cli.io import kb_root, load_kb, note, out, out_json
from lexkit.cli.options import DataFormat

kb_app = typer.Typer(help="Check the knowledge base.", no_args_is_help=True)


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
    from lexkit.kb.knowledge import default_root
    from lexkit.kb.validate import validate

    root = kb or kb_root(ctx) or default_root()
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
    from lexkit.kb.validate import unverified_items

    items = unverified_items(load_kb(ctx))
    for item in items:
        out(item)
    note(f"{len(items)} unverified item(s)")


@kb_app.command("doctor")
def kb_doctor(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when anything is listed (for CI)."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """List what needs checking: items still unverified, items last verified over a year ago, overlay overrides.

    Exit 0, or 1 with --strict when anything is listed.
    Example: lexkit kb doctor --strict
    """
    import datetime as dt

    from lexkit.kb.validate import STALE_AFTER_DAYS, doctor

    report = doctor(load_kb(ctx), dt.date.today())
    if fmt is DataFormat.json:
        out_json(report.to_dict())
    else:
        lines = [f"Unverified ({len(report.unverified)}):"]
        lines += [f"  {item}" for item in report.unverified] or ["  none"]
        lines.append(f"Last verified over {STALE_AFTER_DAYS} days before {report.today} ({len(report.stale)}):")
        lines += [f"  {item} (last verified on {item.last_verified_on})" for item in report.stale] or ["  none"]
        lines.append(f"Overlay overrides ({len(report.overrides)}):")
        lines += [f"  {o}" for o in report.overrides] or ["  none"]
        out("\n".join(lines))
    note(f"{len(report.unverified)} unverified, {len(report.stale)} not verified for over a year, "
         f"{len(report.overrides)} overlay override(s)")
    if strict and report.anything:
        raise typer.Exit(1)
