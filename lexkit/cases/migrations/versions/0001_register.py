"""The register: cases and their append-only history.

Revision ID: 0001_register
Revises:
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_register"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("template", sa.String(100), nullable=False),
        sa.Column("opened_at", sa.String(40), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(40), nullable=False, unique=True),
        sa.Column("case_id", sa.String(40), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("person", sa.String(64)),
        sa.Column("department", sa.String(40), nullable=False),
        sa.Column("role", sa.String(100)),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("corrects", sa.String(40)),
        sa.Column("source", sa.String(100)),
    )
    op.create_index("ix_entries_case_id", "entries", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_entries_case_id", "entries")
    op.drop_table("entries")
    op.drop_table("cases")
