"""Alembic environment: runs on a connection passed in programmatically.

``assist.storage.migrate`` puts an open SQLAlchemy connection in
``config.attributes["connection"]``; there is no alembic.ini and no URL in here, so the
same code migrates a user's SQLite file and a team's PostgreSQL. ``render_as_batch``
lets SQLite alter tables (it rebuilds them), and the naming convention comes from the
models so constraint names are the same on every database.
"""

from __future__ import annotations

from alembic import context

from assist.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("assist migrations run through assist.storage.migrate (pass a connection)")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported; use assist.storage.migrate")
run_migrations_online()
