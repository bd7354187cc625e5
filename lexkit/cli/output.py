"""Write output files safely: never overwrite without --force, never leave a half-written file.

The rules (README, "Hostile input"):
- the product is written to a temporary file in the same folder, flushed to disk, then put in
  place in one step: a reader never sees half a file, and an interrupted write leaves the old
  file (or none) and no temporary file;
- a new file is put in place with ``os.link``, which fails when the name exists: of two writers
  racing to the same new file one wins and the other is refused (a rename would let the second
  silently replace the first);
- ``--force`` replaces only a regular file, and keeps its permissions; a folder, a device, a
  FIFO or a symbolic link is never replaced, with or without --force.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from lexkit.errors import OutputRefused, UsageProblem

#: errno values meaning "this file system has no hard links": fall back to an exclusive create.
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, getattr(errno, "ENOTSUP", -1), getattr(errno, "EOPNOTSUPP", -1)}


def _what(mode: int) -> str | None:
    """What a path that must not be replaced is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _existing(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputRefused(f"cannot write {path}: {exc.strerror}", hint="choose another -o FILE") from None


def _refuse_unless_regular(path: Path, st: os.stat_result) -> None:
    what = _what(st.st_mode)
    if what == "a folder":
        raise OutputRefused(f"-o {path} is a folder", hint="give a file name inside it, e.g. -o " + str(path / "checklist.md"))
    if what is not None:
        raise OutputRefused(f"-o {path} is {what}: lexkit writes only regular files",
                            hint="choose a regular file name, or '-o -' for standard output")


def write_atomic(path: Path, data: str | bytes, force: bool) -> None:
    """Write ``data`` to ``path`` atomically, following the rules in the module docstring."""
    if not str(path) or path.name in ("", ".", ".."):
        raise UsageProblem("-o needs a file name", hint="e.g. -o checklist.md")
    old = _existing(path)
    if old is not None:
        _refuse_unless_regular(path, old)
        if not force:
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
        if old is not None:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))  # --force keeps the replaced file's permissions
        else:
            # mkstemp makes the file private (0600); give it the mode a new file normally gets.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if old is None:
            _link_new(Path(tmp), path)
        else:
            now = _existing(path)  # replaced by something else meanwhile? never a device or a folder
            if now is not None:
                _refuse_unless_regular(path, now)
            os.replace(tmp, path)
    except OSError as exc:
        raise OutputRefused(f"cannot write {path}: {exc.strerror}", hint="free some space or choose another -o FILE") from exc
    finally:
        Path(tmp).unlink(missing_ok=True)  # after a link, or on any failure or Ctrl-C


def _link_new(tmp: Path, path: Path) -> None:
    """Give the finished temporary file its name, only if no file has that name (one racer wins)."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise OutputRefused(f"{path} already exists: another process wrote it meanwhile",
                            hint="pass --force to overwrite it, or choose another -o FILE") from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    # No hard links here (FAT, some network file systems): claim the name exclusively, then
    # rename the finished file over our own placeholder.
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise OutputRefused(f"{path} already exists: another process wrote it meanwhile",
                            hint="pass --force to overwrite it, or choose another -o FILE") from None
    os.replace(tmp, path)
