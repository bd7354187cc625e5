"""Bring a register's schema to HEAD with Alembic, imported only when the schema is behind.

Alembic costs ~370 ms to import: an up-to-date register (the usual case) is recognised by
reading ``alembic_version`` and comparing it with HEAD, and never imports it.
"""

from __future__ import annotations

from typing import Any

#: The newest migration in migrations/versions (a test checks it against Alembic's own head).
HEAD = "0001_register"
SCRIPT_LOCATION = "lexkit.cases:migrations"


def current_revision(connection: Any) -> str | None:
    """The revision the database is at, or None for a new (or foreign) database."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if found is None else str(found)


def alembic_config(connection: Any = None) -> Any:
    """Alembic's Config built in code: no alembic.ini, the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def upgrade(connection: Any) -> None:
    """Run the pending migrations on ``connection``, inside the caller's transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
