"""What every command shares: the product to stdout, messages to stderr, -o files, the knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from lexkit.errors import LexkitError
from lexkit.render.safe import terminal_safe

if TYPE_CHECKING:  # typer loads inside lexkit.cli.main's handler, so that a Ctrl-C then is exit 130
    import typer

#: The longest line a message prints: an echoed argument can be a pasted page (or 100 kB).
MESSAGE_LIMIT = 2000


class OutputFailed(LexkitError):
    """Standard output cannot take the product: closed, full, or an encoding without the script."""

    exit_code = 1


def _stdout_text(text: str) -> None:
    """Write text to stdout whole or not at all: an encoding that cannot carry it fails first."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise OutputFailed(
            f"standard output is {encoding}, which cannot show this text (U+{ord(text[exc.start]):04X} and more)",
            hint="use a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8, or write to a file with -o FILE",
        ) from None
    except LookupError:
        pass
    _stdout_call(stream.write, text)


def _stdout_call(fn: Any, *args: Any) -> None:
    """Run a write or flush on stdout; a broken pipe propagates (the caller exits quietly)."""
    try:
        fn(*args)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailed(f"cannot write to standard output: {exc.strerror or exc}",
                           hint="free some space, or write to a file with -o FILE") from None


def out(text: str) -> None:
    """Write the product to stdout, with anything a terminal would obey removed."""
    text = terminal_safe(text)
    _stdout_text(text if text.endswith("\n") or not text else text + "\n")


def out_json(data: Any) -> None:
    """JSON escapes control characters itself: never through the terminal filter, so the data stays exact."""
    from lexkit.render.safe import json_invisibles_escaped

    _stdout_text(json_invisibles_escaped(json.dumps(data, ensure_ascii=False, indent=2) + "\n"))


def flush_stdout() -> None:
    stream = sys.stdout
    if stream is not None:
        _stdout_call(stream.flush)


def emit(payload: str | bytes, output: Optional[Path], force: bool, what: str, *, exact: bool = False) -> None:
    """The product to stdout (also for '-o -'), or to -o FILE: atomically, never over a file without --force.

    ``exact``: the payload is JSON, which is never filtered for the terminal (its data must stay
    exact); the characters a terminal would obey are written as JSON escapes instead.
    """
    if exact and isinstance(payload, str):
        from lexkit.render.safe import json_invisibles_escaped

        payload = json_invisibles_escaped(payload)
    if exact and (output is None or str(output) == "-"):
        _stdout_text(payload if isinstance(payload, str) else payload.decode("utf-8"))
        return
    if output is None or str(output) == "-":
        if isinstance(payload, bytes):
            flush_stdout()
            _stdout_call(sys.stdout.buffer.write, payload)
            _stdout_call(sys.stdout.buffer.flush)
        else:
            out(payload)
        return
    from lexkit.cli.output import write_atomic

    write_atomic(output, payload, force)
    note(f"wrote {output} ({what})")


def note(message: str) -> None:
    """A message for the person, not the product: stderr, terminal-safe, each line of a sane length."""
    stream = sys.stderr
    if stream is None:  # stderr closed (2>&-): nowhere to say it
        return
    lines = terminal_safe(str(message)).split("\n")
    text = "\n".join(line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 1] + "…" for line in lines)
    try:
        stream.write(f"lexkit: {text}\n")
        stream.flush()
    except (OSError, ValueError):  # stderr full, closed or broken: the exit code still tells
        pass


def read_input(path: Path, what: str, hint: str) -> str:
    """The text of an input file given on the command line (answer sheets, a key, an export).

    Only a regular file is read: a FIFO, a device such as /dev/zero or a folder is refused
    without being opened for reading (it could block forever or never end), and the size is
    capped. A missing file is NotFound (exit 1); anything else that cannot be read is a usage
    error (exit 2) naming the file.
    """
    import os

    from lexkit.errors import NotFound, UsageProblem
    from lexkit.kb.files import FileRefused, read_regular

    if not os.path.lexists(path):
        raise NotFound(f"no {what} file {path}", hint=hint)
    try:
        blob = read_regular(path)
    except FileRefused as exc:
        raise UsageProblem(f"{what} {path}: {exc.message}", hint=hint) from None
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageProblem(f"{what} {path}: not UTF-8 (byte 0x{blob[exc.start]:02x} at offset {exc.start})",
                           hint=hint) from None


def kb_roots(ctx: typer.Context, extra: list[str] | None = None) -> tuple[Path, ...]:
    """The folders of the knowledge base in use: the shipped one, then LEXKIT_KB, then each --kb."""
    return roots_of([*(ctx.obj.get("kb") or [] if ctx.obj else []), *(extra or [])])


def roots_of(given: list[str] | list[Path]) -> tuple[Path, ...]:
    """The shipped folder, then LEXKIT_KB, then ``given`` (the --kb folders).

    Each folder must be a readable folder: a file, an empty path or an unreadable folder (or
    subfolder) is refused with one line, never skipped.
    """
    from lexkit.errors import KnowledgeBaseInvalid, UsageProblem
    from lexkit.kb.knowledge import FOLDERS, check_folder, env_overlays, is_whole_knowledge_base, resolve_roots

    for text in given:
        if not str(text).strip():
            raise UsageProblem("--kb '': an empty path", hint="pass --kb with a folder, e.g. --kb ./my-kb")
    from_env = env_overlays()
    folders = [*from_env, *(Path(t) for t in given)]
    for i, folder in enumerate(folders):
        label = "LEXKIT_KB" if i < len(from_env) else "--kb"
        check_folder(folder, label)
        if not any((folder / sub).is_dir() for sub in FOLDERS):
            raise KnowledgeBaseInvalid(f"{label} {folder} holds no knowledge-base folder ({', '.join(FOLDERS)})",
                                       hint="check the folder's name and layout (e.g. provisions/, not provision/)")
        if i and is_whole_knowledge_base(folder):
            note(f"warning: {folder} is a whole knowledge base (it has provisions/kb.yaml): the folders given before it are not used")
    return resolve_roots(folders)


def load_kb(ctx: typer.Context) -> Any:
    """The knowledge base from its compiled store; a store built in memory is said once, on stderr."""
    from lexkit.kb.store import open_knowledge_base

    kb = open_knowledge_base(kb_roots(ctx))
    for warning in kb.store.warnings:
        note(f"warning: {warning}")
    return kb
