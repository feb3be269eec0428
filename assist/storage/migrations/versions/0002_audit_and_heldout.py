"""audit trail, held-out conversations, live progress of training runs

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 02:30:11
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A database made with create_all by this code is adopted as 0001 (migrate._run): it has these already.
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "audit_events" not in existing:
        _audit_events()
    run_columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("training_runs")}
    if "progress" not in run_columns:
        with op.batch_alter_table("training_runs", schema=None) as batch_op:
            batch_op.add_column(sa.Column("progress", sa.Float(), nullable=True))
            batch_op.add_column(sa.Column("message", sa.Text(), nullable=True))
    if "heldout_conversations" not in existing:
        op.create_table(
            "heldout_conversations",
            sa.Column("conversation_id", sa.String(length=200), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_heldout_conversations")),
        )


def _audit_events() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=True),
        sa.Column("from_version", sa.String(length=200), nullable=True),
        sa.Column("to_version", sa.String(length=200), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("training_runs", schema=None) as batch_op:
        batch_op.drop_column("message")
        batch_op.drop_column("progress")
    op.drop_table("heldout_conversations")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_created_at"))
        batch_op.drop_index(batch_op.f("ix_audit_events_action"))

    op.drop_table("audit_events")
    # ### end Alembic commands ###
