"""One object that owns the engine, the read sessions and the single writer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from assist.config import mask_url
from assist.core.errors import StorageError
from assist.storage.db import make_engine, make_sessionmaker, sqlite_path
from assist.storage.writer import Writer


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version (Alembic ``upgrade head``)."""
    from assist.storage.migrate import upgrade

    upgrade(engine)


def _cannot_open(url: str, exc: DBAPIError) -> str:
    """What to tell a person whose database cannot be opened (never a DatabaseError traceback)."""
    reason = (str(exc.orig or exc).strip().splitlines() or [type(exc).__name__])[0]
    path = sqlite_path(url)
    if path is not None:
        return (
            f"{path}: cannot open the database ({reason}): the file is damaged or not an SQLite "
            "database; restore it from a backup, or move it away to start a new one"
        )
    return f"cannot open the database {mask_url(url)} ({reason})"


class Database:
    """``Database.open(url)`` migrates, starts the writer and is ready for reads and writes.

    Reads use :meth:`read` (a short session, any thread); writes go through
    ``database.writer`` only.
    """

    def __init__(
        self,
        url: str,
        *,
        run_migrations: bool = True,
        on_state: Callable[[str | None], None] | None = None,
        writer_options: dict[str, Any] | None = None,
    ) -> None:
        self.url = url
        self.engine = make_engine(url)
        try:
            if run_migrations:
                migrate(self.engine)
        except DBAPIError as exc:
            self.engine.dispose()
            raise StorageError(_cannot_open(url, exc)) from None
        self.sessions = make_sessionmaker(self.engine)
        self.writer = Writer(self.sessions, on_state=on_state, **(writer_options or {})).start()

    @classmethod
    def open(cls, url: str, **kwargs: object) -> Database:
        return cls(url, **kwargs)  # type: ignore[arg-type]

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.writer.close()
        self.engine.dispose()
