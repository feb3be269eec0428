"""conversation contacts and CSAT answers (the Chatwoot connector)

Revision ID: 0003_chatwoot
Revises: 0002
Create Date: 2026-12-04 02:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_chatwoot"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a database made with create_all by an early build is stamped 0001 with these tables in it
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "conversation_contacts" not in existing:
        _create_contacts()
    if "csat_responses" not in existing:
        _create_csat()


def _create_contacts() -> None:
    op.create_table(
        "conversation_contacts",
        sa.Column("conversation_id", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_contacts_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_conversation_contacts")),
    )


def _create_csat() -> None:
    op.create_table(
        "csat_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("conversation_id", sa.String(length=200), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_csat_responses_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csat_responses")),
        sa.UniqueConstraint("external_id", name=op.f("uq_csat_responses_external_id")),
    )
    with op.batch_alter_table("csat_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_csat_responses_conversation_id"), ["conversation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("csat_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_csat_responses_conversation_id"))
    op.drop_table("csat_responses")
    op.drop_table("conversation_contacts")
