"""The entry point: run the app, map every error to a documented exit code.

Exit codes: 0 ok, 1 lexkit error (not found, ambiguous, invalid knowledge base, refused output),
2 usage error, 3 internal error (a bug), 130 Ctrl-C.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from lexkit.cli.app import command_name, make_app
from lexkit.cli.io import note, out
from lexkit.errors import Ambiguous, LexkitError


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
        app = make_app(command_name(args))
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
