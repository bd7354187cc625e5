"""Shared machinery of the hostile-input catalogue: run the real `lexkit`, snapshot a folder.

Every hostile file is built in a temporary folder at test time: no FIFO, device or broken link is
ever committed to the repository.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "kb" / "minimal"
#: Every run is bounded: a hang (a FIFO opened for reading, a backtracking regex) fails the test.
TIMEOUT = 60


def lexkit_command() -> list[str]:
    """The installed console script, as a user runs it (python -m lexkit where there is none)."""
    script = Path(sys.executable).with_name("lexkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "lexkit"]


#: This checkout: the subprocess must run its lexkit, never another one installed in the same interpreter.
CHECKOUT = Path(__file__).resolve().parents[1]


def base_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEXKIT_", "LC_", "LANG", "PYTHON"))}
    env.update(NO_COLOR="1", COLUMNS="120", LANG="C.UTF-8", XDG_CACHE_HOME=str(cache), LEXKIT_NO_CACHE="1",
               PYTHONPATH=str(CHECKOUT), PYTHONDONTWRITEBYTECODE="1")
    return env


def without_privilege() -> list[str]:
    """A command prefix under which file permissions apply: as root, drop the capabilities that bypass them."""
    if os.geteuid() != 0:
        return []
    import pytest

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): permissions cannot be tested")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str


def run_lexkit(args: list[str], *, cwd: Path, env: dict[str, str], stdout: int | None = subprocess.PIPE,
               prefix: list[str] | None = None, **kwargs: object) -> Ran:
    proc = subprocess.run((prefix or []) + lexkit_command() + args, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, timeout=TIMEOUT, **kwargs)  # type: ignore[call-overload]
    out = proc.stdout.decode("utf-8", "replace") if proc.stdout is not None else ""
    return Ran(proc.returncode, out, proc.stderr.decode("utf-8", "replace"))


def copy_minimal(dest: Path) -> Path:
    shutil.copytree(MINIMAL, dest)
    return dest


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every path under ``root``: its type and mode, and the hash of a regular file's bytes.

    Nothing but regular files is opened (a FIFO in the tree must not hang the snapshot).
    """
    found: dict[str, tuple[object, ...]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            st = os.lstat(path)
            entry: tuple[object, ...] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode))
            if stat.S_ISREG(st.st_mode):
                entry += (hashlib.sha256(path.read_bytes()).hexdigest(),)
            elif stat.S_ISLNK(st.st_mode):
                entry += (os.readlink(path),)
            found[str(path.relative_to(root))] = entry
    return found


def store_rows(store: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a compiled store (the full-text index's own tables too), sorted, but the build's clock."""
    con = sqlite3.connect(store)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()
    rows["meta"] = [r for r in rows["meta"] if r[0] != "built_at_ns"]  # the build's own clock
    return rows
