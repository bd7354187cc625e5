"""What every command shares: the product to stdout, messages to stderr, -o files, the knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer


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
    from lexkit.cli.output import write_atomic

    write_atomic(output, payload, force)
    note(f"wrote {output} ({what})")


def note(message: str) -> None:
    """A message for the person, not the product: stderr."""
    sys.stderr.write(f"lexkit: {message}\n")


def kb_roots(ctx: typer.Context, extra: list[Path] | None = None) -> tuple[Path, ...]:
    """The folders of the knowledge base in use: the shipped one, then LEXKIT_KB, then each --kb."""
    from lexkit.kb.knowledge import env_overlays, resolve_roots

    given = list(ctx.obj.get("kb") or []) if ctx.obj else []
    return resolve_roots([*env_overlays(), *given, *(extra or [])])


def load_kb(ctx: typer.Context) -> Any:
    """The knowledge base from its compiled store; a store built in memory is said once, on stderr."""
    from lexkit.kb.store import open_knowledge_base

    kb = open_knowledge_base(kb_roots(ctx))
    for warning in kb.store.warnings:
        note(f"warning: {warning}")
    return kb
