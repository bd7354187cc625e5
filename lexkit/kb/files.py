"""Read a knowledge-base file safely: regular files only, never opened when they are anything else.

A knowledge base is input from outside (an organisation's overlay, a copied folder). Opening a
FIFO for reading blocks until someone writes to it, a device can be endless, a directory named
``x.yaml`` or a symbolic-link loop raises an OSError nobody expects. So a file is checked with
``lstat``/``stat`` before it is opened, opened with ``O_NONBLOCK`` (a FIFO swapped in between the
check and the open cannot hang us), checked again with ``fstat`` on the open descriptor, and read
up to a size cap (a file that grows past it is refused too).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from lexkit.errors import KnowledgeBaseInvalid

#: The largest knowledge-base file lexkit reads. The largest shipped file is ~1.2 MB (the IPC); an
#: organisation's own Act of 2,500 sections is ~8 MB. A cap keeps time and memory bounded whatever a
#: folder holds.
MAX_FILE_BYTES = 64 * 1024 * 1024


class FileRefused(KnowledgeBaseInvalid):
    """A knowledge-base path that is not a readable regular file of a sane size (or not UTF-8)."""

    def __init__(self, message: str, hint: str | None = None, line: int = 1) -> None:
        super().__init__(message, hint)
        self.line = line


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a regular file"
    if stat.S_ISCHR(mode):
        return "a character device, not a regular file"
    if stat.S_ISBLK(mode):
        return "a block device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def _too_big(size: int, limit: int) -> FileRefused:
    return FileRefused(
        f"the file is too large ({size:,} bytes; the limit is {limit:,})",
        hint="split it into smaller files",
    )


def check_regular(path: Path, limit: int = MAX_FILE_BYTES) -> os.stat_result:
    """The stat of ``path`` if it is (or links to) a regular file within ``limit``; FileRefused otherwise.

    Nothing is opened: only ``lstat`` and ``stat``.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise FileRefused("the file does not exist (or disappeared while it was being read)") from None
    except OSError as exc:
        raise FileRefused(f"cannot inspect the file: {exc.strerror}") from None
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise FileRefused("a symbolic link to nothing (dangling link)", hint="remove the link or fix its target") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise FileRefused("a symbolic link loop", hint="remove the link or fix its target") from None
            raise FileRefused(f"cannot follow the symbolic link: {exc.strerror}") from None
    kind = _kind(st.st_mode)
    if kind is not None:
        raise FileRefused(kind, hint="a knowledge base holds regular .yaml files only: remove or rename it")
    if st.st_size > limit:
        raise _too_big(st.st_size, limit)
    return st


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; FileRefused for anything else."""
    check_regular(path, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise FileRefused("cannot be read: permission denied", hint="make it readable (chmod a+r) or remove it") from None
    except OSError as exc:
        raise FileRefused(f"cannot be opened: {exc.strerror}") from None
    try:
        st = os.fstat(fd)  # the file actually opened, in case it was swapped after the check
        kind = _kind(st.st_mode)
        if kind is not None:
            raise FileRefused(kind, hint="a knowledge base holds regular .yaml files only: remove or rename it")
        if st.st_size > limit:
            raise _too_big(st.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError as exc:
                raise FileRefused(f"cannot be read: {exc.strerror}") from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise _too_big(total, limit)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def decode_utf8(blob: bytes) -> str:
    """The text of a knowledge-base file; FileRefused (naming the likely encoding) when not UTF-8."""
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused("the file is UTF-16, not UTF-8", hint="save it as UTF-8")
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob.count(b"\n", 0, exc.start) + 1
        raise FileRefused(f"not UTF-8: byte {blob[exc.start]:#04x} ({exc.reason})", hint="save it as UTF-8", line=line) from None
    return text.removeprefix("\ufeff")
