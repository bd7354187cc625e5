"""The register's tables (SQLAlchemy Core). Changed only through a migration in migrations/versions.

Times are ISO 8601 text with their offset, so SQLite and PostgreSQL store and sort the same
strings and an export round-trips exactly.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

cases = Table(
    "cases",
    metadata,
    Column("id", String(40), primary_key=True),  # opaque: says nothing about the person
    Column("template", String(100), nullable=False),
    Column("opened_at", String(40), nullable=False),
    Column("recorded_at", String(40), nullable=False),
)

# Append-only: rows are inserted, never updated or deleted. A correction is a new row.
entries = Table(
    "entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uid", String(40), nullable=False, unique=True),
    Column("case_id", String(40), ForeignKey("cases.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("value", Text),
    Column("at", String(40), nullable=False),
    Column("person", String(64)),
    Column("department", String(40), nullable=False),
    Column("role", String(100)),
    Column("recorded_at", String(40), nullable=False),
    Column("note", Text),
    Column("corrects", String(40)),
    Column("source", String(100)),
)
