"""The user's folders and the case register's location (base layer: no domain imports).

- ``LEXKIT_DB``: the register, as a file path or a database URL (``postgresql+psycopg://...``).
- Otherwise ``$XDG_DATA_HOME/lexkit/cases.db`` (``~/.local/share/lexkit/cases.db``): the
  register is user data, kept and backed up, unlike the knowledge-base cache in XDG_CACHE_HOME.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """Where lexkit keeps user data: $XDG_DATA_HOME/lexkit, or ~/.local/share/lexkit."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "lexkit"


def register_location() -> str:
    """The register to use: LEXKIT_DB (a path or a URL) or the default SQLite file."""
    return os.environ.get("LEXKIT_DB") or str(data_dir() / "cases.db")
