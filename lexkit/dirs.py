"""The user's folders: where lexkit keeps its compiled knowledge base (a cache) and the case register (data).

XDG Base Directory rules: an environment variable that is unset, empty or not an absolute path is
ignored (the spec says so for relative paths), and the default under $HOME is used. lexkit's own
variables win over the XDG ones. With no usable folder at all (HOME unset), the answer is None
and the caller falls back (the store is then built in memory) or says what to set.

- ``LEXKIT_CACHE_DIR``: the compiled knowledge base, rebuilt whenever needed.
- ``LEXKIT_DB``: the register, as a file path or a database URL (``postgresql+psycopg://...``).
  Otherwise ``$XDG_DATA_HOME/lexkit/cases.db`` (``~/.local/share/lexkit/cases.db``): the
  register is user data, kept and backed up, unlike the knowledge-base cache.
"""

from __future__ import annotations

import os
from pathlib import Path

from lexkit.errors import UsageProblem


def _absolute(value: str | None) -> Path | None:
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else None


def _home() -> Path | None:
    home = os.environ.get("HOME")
    return Path(home) if home and Path(home).is_absolute() else None


def cache_dir() -> Path | None:
    """LEXKIT_CACHE_DIR, else $XDG_CACHE_HOME/lexkit, else ~/.cache/lexkit; None when there is none."""
    own = _absolute(os.environ.get("LEXKIT_CACHE_DIR"))
    if own is not None:
        return own
    xdg = _absolute(os.environ.get("XDG_CACHE_HOME"))
    if xdg is not None:
        return xdg / "lexkit"
    home = _home()
    return home / ".cache" / "lexkit" if home else None


def cache_dir_warning() -> str | None:
    """Why LEXKIT_CACHE_DIR, when it is set, is not used (it must be an absolute path)."""
    value = os.environ.get("LEXKIT_CACHE_DIR")
    if value and not Path(value).is_absolute():
        return f"LEXKIT_CACHE_DIR={value} is not an absolute path and is ignored: give a full path such as /var/cache/lexkit"
    return None


def data_dir() -> Path | None:
    """$XDG_DATA_HOME/lexkit, else ~/.local/share/lexkit; None when there is none."""
    xdg = _absolute(os.environ.get("XDG_DATA_HOME"))
    if xdg is not None:
        return xdg / "lexkit"
    home = _home()
    return home / ".local" / "share" / "lexkit" if home else None


def register_location() -> str:
    """The register to use: LEXKIT_DB (a path or a URL) or the default SQLite file."""
    given = os.environ.get("LEXKIT_DB")
    if given:
        return given
    folder = data_dir()
    if folder is None:
        raise UsageProblem("no folder for the case register: HOME is not set",
                           hint="set LEXKIT_DB to a file path or a database URL, or set HOME")
    return str(folder / "cases.db")
