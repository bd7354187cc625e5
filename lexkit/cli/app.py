"""The Typer application: the global options and the command groups, each from its own module."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from lexkit import __version__
from lexkit.cli.casework import judgement_app, sop_app
from lexkit.cli.checklist import checklist_app, deadline
from lexkit.cli.io import out
from lexkit.cli.kb import kb_app
from lexkit.cli.provision import provision_app
from lexkit.cli.trainer import handout_app, quiz_app

app = typer.Typer(
    name="lexkit",
    help="Indian anti-trafficking law at hand: provisions, old and new codes, deadlines, checklists.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# Each command group lives in its own module; the helpers they share live in lexkit.cli.io.
app.add_typer(provision_app, name="provision")
app.command("deadline")(deadline)
app.add_typer(checklist_app, name="checklist")
app.add_typer(judgement_app, name="judgement")
app.add_typer(sop_app, name="sop")
app.add_typer(handout_app, name="handout")
app.add_typer(quiz_app, name="quiz")
app.add_typer(kb_app, name="kb")


def _version(value: bool) -> None:
    if value:
        out(f"lexkit {__version__}\n{_kb_version()}")
        raise typer.Exit()


def _kb_version() -> str:
    """'knowledge base 2026.11.0 of 2026-11-23' from kb.yaml alone: --version never loads the whole knowledge base."""
    from lexkit.errors import LexkitError
    from lexkit.kb.knowledge import default_root
    from lexkit.kb.yamlload import load_file

    try:
        root = default_root()
        doc = load_file(root / "provisions" / "kb.yaml", "provisions/kb.yaml")
    except LexkitError as exc:
        return f"knowledge base: unknown ({exc.message})"
    meta = doc.data.get("kb") if isinstance(doc.data, dict) else None
    if doc.problems or not isinstance(meta, dict):
        reason = str(doc.problems[0]) if doc.problems else "provisions/kb.yaml has no 'kb' record"
        return f"knowledge base: unknown ({reason})"
    return f"knowledge base {meta.get('version', 'unversioned')} of {meta.get('date', 'no date')} ({root})"


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
