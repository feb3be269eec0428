"""Alembic migrations: up, down to nothing, up again; and the migrated schema is the models'."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from assist.storage import migrate
from assist.storage.db import make_engine
from assist.storage.models import Base


def _tables(engine) -> set[str]:  # type: ignore[no-untyped-def]
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert _tables(engine) == set(Base.metadata.tables)
        migrate.upgrade(engine)  # at head: nothing to do, no error
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO agents (name, created_at) VALUES ('a', CURRENT_TIMESTAMP)"))
        migrate.downgrade(engine, "base")
        assert _tables(engine) == set()
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert _tables(engine) == set(Base.metadata.tables)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM agents")).scalar() == 0
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    """Catches drift: a model change without a migration makes this fail."""
    engine = make_engine(db_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
    finally:
        engine.dispose()


def test_a_database_made_with_create_all_is_adopted(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        Base.metadata.create_all(engine)
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_migration_scripts_are_in_the_package() -> None:
    versions = migrate.MIGRATIONS_DIR / "versions"
    assert (migrate.MIGRATIONS_DIR / "env.py").is_file()
    assert any(p.name.startswith("0001_") for p in versions.glob("*.py"))
