"""Schema migrations with Alembic, run programmatically (no alembic.ini needed).

``upgrade(engine)`` brings any database to the newest schema; ``Database.open`` calls
it on every start, so a user who installs a newer version gets their data migrated.
Developers add a revision with::

    python -m assist.storage.migrate revision -m "add x to y"

which autogenerates it against a scratch SQLite database at the current head.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from assist.storage.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger(__name__)  # one line when the schema changes (alembic is quieted in __init__)


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


# Several desks sharing one PostgreSQL may start at once: one migrates, the others wait.
_PG_LOCK_KEY = 0x61737369  # "assi"


def _run(engine: Engine, fn: str, *args: str) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        cfg.attributes["connection"] = connection
        if fn == "upgrade" and _unversioned_schema(connection):
            # A database made by an early build with create_all: adopt it as the first revision.
            command.stamp(cfg, "0001")
        getattr(command, fn)(cfg, *args)


def _unversioned_schema(connection: Connection) -> bool:
    tables = set(inspect(connection).get_table_names())
    return "conversations" in tables and "alembic_version" not in tables


def upgrade(engine: Engine, revision: str = "head") -> None:
    """``alembic upgrade <revision>`` on this engine (idempotent at head)."""
    before = current_revision(engine)
    _run(engine, "upgrade", revision)
    after = current_revision(engine)
    if after != before:
        log.info("database schema upgraded from %s to %s", before or "nothing", after)


def downgrade(engine: Engine, revision: str) -> None:
    """``alembic downgrade <revision>``; ``"base"`` removes every table."""
    _run(engine, "downgrade", revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _new_revision(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.sqlite'}")
        upgrade(engine)
        cfg = alembic_config(engine)
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m assist.storage.migrate")
    sub = parser.add_subparsers(dest="cmd", required=True)
    rev = sub.add_parser("revision", help="autogenerate a new revision from the models")
    rev.add_argument("-m", "--message", required=True)
    args = parser.parse_args()
    if args.cmd == "revision":
        _new_revision(args.message)


if __name__ == "__main__":
    main()
