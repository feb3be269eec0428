"""Schema migrations. Placeholder: create_all until the Alembic environment lands."""

from __future__ import annotations

from sqlalchemy import Engine

from assist.storage.models import Base


def upgrade(engine: Engine) -> None:
    Base.metadata.create_all(engine)
