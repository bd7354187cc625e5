"""The Typer application: the global options and the command groups, each from its own module."""

from __future__ import annotations

from importlib import import_module

import typer

from lexkit import __version__
from lexkit.cli.io import out

#: Every command group (or single command): (name, module, attribute). Only the group a command
#: line names is imported and turned into a click command: building the whole tree on every run
#: costs more than a warm look-up itself.
COMMANDS = (
    ("provision", "lexkit.cli.provision", "provision_app"),
    ("deadline", "lexkit.cli.checklist", "deadline"),
    ("checklist", "lexkit.cli.checklist", "checklist_app"),
    ("judgement", "lexkit.cli.casework", "judgement_app"),
    ("sop", "lexkit.cli.casework", "sop_app"),
    ("handout", "lexkit.cli.trainer", "handout_app"),
    ("quiz", "lexkit.cli.trainer", "quiz_app"),
    ("kb", "lexkit.cli.kb", "kb_app"),
    ("case", "lexkit.cli.case", "case_app"),
    ("due", "lexkit.cli.case", "due"),
)
#: Global options that take a value, so the command name is found after them.
_VALUED = ("--kb",)

#: The command line being run (set by make_app): --version, an eager option, reads --kb from it.
_ARGS: list[str] = []


def make_app(only: str | None = None, args: list[str] | None = None) -> typer.Typer:
    """The application with every command, or with only the one named (when it exists)."""
    _ARGS[:] = list(args or [])
    app = typer.Typer(
        name="lexkit",
        help="Indian anti-trafficking law at hand: provisions, old and new codes, deadlines, checklists.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(main_callback)
    wanted = [c for c in COMMANDS if c[0] == only] or list(COMMANDS)
    for name, module, attr in wanted:
        target = getattr(import_module(module), attr)
        if isinstance(target, typer.Typer):
            app.add_typer(target, name=name)
        else:
            app.command(name)(target)
    return app


def command_name(args: list[str]) -> str | None:
    """The command a command line names: its first word that is not a global option."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _version(value: bool) -> None:
    if value:
        out("\n".join([f"lexkit {__version__}", _kb_version(), *_overlay_versions()]))
        raise typer.Exit()


def _given_kb(args: list[str]) -> list[str]:
    """The --kb folders of a command line (--kb is eager-parsed after --version, so read them here)."""
    found, take = [], False
    for arg in args:
        if take:
            found.append(arg)
            take = False
        elif arg == "--kb":
            take = True
        elif arg.startswith("--kb="):
            found.append(arg[len("--kb="):])
        elif not arg.startswith("-"):
            break  # the command: its own options are its own
    return found


def _overlay_versions() -> list[str]:
    """One line per overlay in use: 'overlay FOLDER: version V of DATE', from its own kb.yaml, or 'no version'."""
    from pathlib import Path

    from lexkit.errors import LexkitError
    from lexkit.kb.knowledge import env_overlays, resolve_roots
    from lexkit.kb.yamlload import load_file

    folders = [*env_overlays(), *(Path(t) for t in _given_kb(_ARGS) if t.strip())]
    try:
        roots = resolve_roots(folders)
    except LexkitError:
        return []
    lines = []
    for root in roots[1:]:
        meta_file = root / "kb.yaml"
        if not meta_file.exists():
            lines.append(f"overlay {root}: no version (it has no kb.yaml)")
            continue
        doc = load_file(meta_file, str(meta_file))
        meta = doc.data.get("kb") if isinstance(doc.data, dict) else None
        if doc.problems or not isinstance(meta, dict):
            reason = str(doc.problems[0]) if doc.problems else f"{meta_file} has no 'kb' record"
            lines.append(f"overlay {root}: version unknown ({reason})")
            continue
        version = meta.get("version")
        date = meta.get("date")
        lines.append(f"overlay {root}: " + (f"version {version}" if version else "no version")
                     + (f" of {date}" if date else ", no date"))
    return lines


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


def main_callback(
    ctx: typer.Context,
    kb: list[str] = typer.Option(  # text, not Path: an empty --kb '' must not become '.'
        [], "--kb", metavar="FOLDER",
        help="Add this folder on top of the shipped knowledge base (repeatable; also LEXKIT_KB, folders joined by ':'). "
             "A folder with its own provisions/kb.yaml is a whole knowledge base of its own.",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Indian anti-trafficking law at hand. Supports, and does not replace, legal advice."""
    ctx.obj = {"kb": kb, "debug": debug}


def __getattr__(name: str) -> typer.Typer:
    """``lexkit.cli.app.app``: the whole command tree, built on first use (documentation, tests)."""
    if name == "app":
        return make_app()
    raise AttributeError(name)
