"""The user's folders: where lexkit keeps its compiled knowledge base (a cache) and the case register (data).

XDG Base Directory rules: an environment variable that is unset, empty or not an absolute path is
ignored (the spec says so for relative paths), and the default under $HOME is used. lexkit's own
variables win over the XDG ones. With no usable folder at all (HOME unset), the answer is None
and the caller falls back (the store is then built in memory).
"""

from __future__ import annotations

import os
from pathlib import Path


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


def data_dir() -> Path | None:
    """$XDG_DATA_HOME/lexkit, else ~/.local/share/lexkit; None when there is none."""
    xdg = _absolute(os.environ.get("XDG_DATA_HOME"))
    if xdg is not None:
        return xdg / "lexkit"
    home = _home()
    return home / ".local" / "share" / "lexkit" if home else None
