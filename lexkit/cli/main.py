"""The entry point: run the app, map every error to a documented exit code.

Exit codes: 0 ok, 1 lexkit error (not found, ambiguous, invalid knowledge base, refused output),
2 usage error, 3 internal error (a bug), 130 Ctrl-C.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, Optional

from lexkit.cli.io import OutputFailed, flush_stdout, note, out
from lexkit.errors import Ambiguous, LexkitError


def _report_error(exc: LexkitError) -> None:
    note(f"error: {exc.message}")
    if isinstance(exc, Ambiguous) and exc.candidates:
        note("candidates: " + ", ".join(exc.candidates))
    if exc.hint:
        note(f"hint: {exc.hint}")


class _ClosedStdout:
    """Stands in for a closed stdout (lexkit >&-): writing the product is a clear error, -o still works."""

    encoding = "utf-8"

    def write(self, text: Any) -> int:
        raise OutputFailed("standard output is closed", hint="redirect it to a file, or write with -o FILE")

    def flush(self) -> None:
        pass

    @property
    def buffer(self) -> _ClosedStdout:
        return self


def _silence_stdout() -> None:
    """After a reader closed the pipe (lexkit ... | head -1): later writes and the exit flush go nowhere."""
    stream = getattr(sys.stdout, "wrapped", sys.stdout)  # typer may have wrapped it already
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _stop(signum: int, frame: Any) -> None:
    """SIGTERM and SIGHUP (a closed terminal, a killed job) end lexkit like Ctrl-C: files half-built are removed."""
    raise KeyboardInterrupt


def main(argv: Optional[list[str]] = None) -> int:
    """Run the CLI; map every error to a documented exit code, with no traceback unless --debug.

    A compiled store found damaged while it is read (a disk error inside the file) is discarded
    and the command runs once more on a store built afresh: a cache is never trusted over the YAML.
    """
    import sqlite3

    try:
        return _main(argv)
    except sqlite3.DatabaseError as exc:
        from lexkit.kb.store import discard_opened_stores

        if not discard_opened_stores():
            raise
        note(f"warning: the compiled knowledge base was damaged ({exc}): it was removed and built again")
        return _main(argv)


def _handle_signals() -> None:
    """Ctrl-C raises KeyboardInterrupt again (lexkit/__init__.py ended the process until now); SIGTERM and SIGHUP too."""
    import signal

    for signum, handler in ((signal.SIGINT, signal.default_int_handler), (signal.SIGTERM, _stop), (signal.SIGHUP, _stop)):
        try:
            if signum != signal.SIGINT or signal.getsignal(signum) is not signal.SIG_IGN:  # nohup-like parents: kept
                signal.signal(signum, handler)
        except (ValueError, OSError):  # not the main thread (a test runner): leave it
            pass


def _main(argv: Optional[list[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:  # a global option, accepted anywhere on the line
        args = ["--debug", *(a for a in args if a != "--debug")]
    try:
        _handle_signals()  # inside the handler below: from here an interrupt is exit 130 with its clean-up
        if sys.stdout is None:
            sys.stdout = _ClosedStdout()  # type: ignore[assignment]
        from lexkit.cli.fast import fast_path  # a look-up runs without typer (lexkit.cli.fast)

        fast = fast_path(args)
        if fast is not None:
            flush_stdout()
            return fast
        # Imported here, inside the handler: a Ctrl-C while typer loads is still exit 130.
        import typer

        from lexkit.cli.app import command_name, make_app

        app = make_app(command_name(args), args)
        try:
            result = app(args=args, prog_name="lexkit", standalone_mode=False)
            code = result if isinstance(result, int) else 0
        except typer.Exit as exc:
            code = exc.exit_code
        except SystemExit as exc:
            # typer turns a broken pipe into a silent exit 1; a reader that stopped reading is not an error
            cause = exc.__context__
            if isinstance(cause, OSError) and cause.errno == errno.EPIPE:
                raise BrokenPipeError(errno.EPIPE, "broken pipe") from None
            raise
        if code == 130:  # typer turns Ctrl-C into a silent exit 130
            note("interrupted")
            return 130
        flush_stdout()
        return code
    except BrokenPipeError:  # the reader closed the pipe early (| head -1): not an error
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        note("interrupted")
        return 130
    except LexkitError as exc:
        if isinstance(exc, OutputFailed):  # what stdout could not take must not fail again at exit
            _silence_stdout()
        if debug:
            import traceback

            traceback.print_exc()
        _report_error(exc)
        return exc.exit_code
    except Exception as exc:  # usage errors from typer, else the last line of defence: a bug
        import sqlite3

        import typer

        if isinstance(exc, sqlite3.DatabaseError) and "lexkit.kb.store" in sys.modules:
            raise  # main() discards a damaged store and runs the command again

        if isinstance(exc, typer.Abort):
            note("interrupted")
            return 130
        if isinstance(exc, typer.TyperException):  # a bad option, a missing argument
            if type(exc).__name__ == "NoArgsIsHelpError":  # 'lexkit' or 'lexkit provision' alone: help
                out(exc.format_message())
                return 0
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx is not None else "lexkit"
            note(f"error: {exc.format_message()} (see '{command} --help')")
            return int(exc.exit_code)
        if debug:
            raise
        note(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)")
        return 3


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
    except KeyboardInterrupt:  # between main's own handlers (e.g. while a damaged store is discarded)
        note("interrupted")
        code = 130
    # The work is done (the file written whole, or the error reported): a Ctrl-C from now on has
    # nothing to interrupt and must not turn the result into Python's own KeyboardInterrupt exit.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        flush_stdout()
    except BrokenPipeError:
        _silence_stdout()
    except LexkitError:
        pass
    sys.exit(code)
