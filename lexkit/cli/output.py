"""Write output files safely: never overwrite without --force, never leave a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lexkit.errors import OutputRefused, UsageProblem


def write_atomic(path: Path, data: str | bytes, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    A reader never sees a partial file, and an interrupted write leaves the old file (or none).
    """
    if not str(path) or path.name in ("", ".", ".."):
        raise UsageProblem("-o needs a file name", hint="e.g. -o checklist.md")
    if path.is_dir():
        raise OutputRefused(f"-o {path} is a folder", hint="give a file name inside it, e.g. -o " + str(path / "checklist.md"))
    if path.exists() and not force:
        raise OutputRefused(f"{path} already exists", hint="pass --force to overwrite it, or choose another -o FILE")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageProblem(f"-o {path}: folder {folder} does not exist", hint="create it first or choose another path")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputRefused(f"cannot write in {folder}: {exc.strerror}", hint="choose a folder you can write to") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode a new file normally gets.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputRefused(f"cannot write {path}: {exc.strerror}", hint="choose another -o FILE") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
