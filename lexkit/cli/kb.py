"""`lexkit kb ...`: validate the knowledge base, list what is left to verify."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from lexkit.cli.io import kb_roots, load_kb, note, out, out_json
from lexkit.cli.options import DataFormat

kb_app = typer.Typer(help="Check and compile the knowledge base.", no_args_is_help=True)


@kb_app.command("validate")
def kb_validate(
    ctx: typer.Context,
    kb: list[str] = typer.Option([], "--kb", metavar="FOLDER",
                                  help="Validate this folder on top of what it builds on (repeatable), as the global --kb does."),
    fmt: DataFormat = typer.Option(DataFormat.text, "--format", help="text or json."),
) -> None:
    """Validate every file against its schema, and every reference across files.

    Reports every problem as file:line: $.path: message. Exit 0 when clean, 1 when not.
    Example: lexkit kb validate --kb ./my-kb
    """
    from lexkit.kb.validate import validate

    roots = kb_roots(ctx, kb)
    root = " + ".join(str(r) for r in roots)
    report = validate(roots)
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


@kb_app.command("build")
def kb_build(ctx: typer.Context) -> None:
    """Compile the knowledge base into its store now (look-ups otherwise do it when a file changed).

    Says where the store is and how long the build took.
    Example: lexkit kb build
    """
    from lexkit.kb.store import open_store

    roots = kb_roots(ctx)
    root = " + ".join(str(r) for r in roots)
    store = open_store(roots, force=True)
    for warning in store.warnings:
        note(f"warning: {warning}")
    count, _ = store.problems()
    where = str(store.path) if store.path else "memory"
    out(f"compiled {root} into {where} in {store.built_seconds or 0:.2f} s")
    if count:
        from lexkit.kb.knowledge import shipped_root

        where = "".join(f" --kb {r}" for r in roots if r != shipped_root())
        note(f"the knowledge base has {count} problem(s): run 'lexkit{where} kb validate' to see them")
        raise typer.Exit(1)


@kb_app.command("export")
def kb_export(
    ctx: typer.Context,
    sqlite_text: str = typer.Option(..., "--sqlite", metavar="FILE", help="The SQLite file to write, e.g. lexkit.db."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE and its metadata file if they exist."),
) -> None:
    """Write the knowledge base (with overlays) as a SQLite file that Datasette serves with search.

    Beside it goes FILE's name with .metadata.json (title, licence, sources) for `datasette -m`.
    Example: lexkit kb export --sqlite lexkit.db && datasette serve lexkit.db -m lexkit.metadata.json
    """
    import tempfile

    from lexkit.cli.output import write_atomic
    from lexkit.errors import OutputRefused, UsageProblem
    from lexkit.kb.export import export_sqlite, metadata_json

    sqlite = Path(sqlite_text)  # text first: an empty --sqlite '' must not become '.'
    if not sqlite_text.strip() or not sqlite.name or sqlite_text.endswith(("/", os.sep)):
        raise UsageProblem(f"--sqlite {sqlite_text!r}: not a file name", hint="name the file to write, e.g. --sqlite lexkit.db")
    kb = load_kb(ctx)
    beside = sqlite.with_name(sqlite.stem + ".metadata.json")
    for target in (sqlite, beside):
        if target.exists() and not force:  # checked for both before either is written
            raise OutputRefused(f"{target} already exists", hint="pass --force to overwrite it, or choose another --sqlite FILE")
    with tempfile.TemporaryDirectory(prefix="lexkit-export-") as scratch:
        built = Path(scratch) / sqlite.name
        data = export_sqlite(kb, built)
        write_atomic(sqlite, built.read_bytes(), force)
    write_atomic(beside, metadata_json(data), force)
    note(f"wrote {sqlite} and {beside}: serve them with 'datasette serve {sqlite} -m {beside}'")


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
