"""Write output files safely: never overwrite without --force, never leave a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputRefused, UsageProblem


def write_atomic(path: Path, data: str | bytes, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    A reader never sees a partial file, and an interrupted write leaves the old file (or none).
    """
    if path.exists() and not force:
        raise OutputRefused(f"{path} already exists", hint="pass --force to overwrite it, or choose another -o FILE")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageProblem(f"-o {path}: folder {folder} does not exist", hint="create it first or choose another path")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
