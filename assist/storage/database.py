"""One object that owns the engine, the read sessions and the single writer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from assist.storage.db import make_engine, make_sessionmaker
from assist.storage.writer import Writer


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version (Alembic ``upgrade head``)."""
    from assist.storage.migrate import upgrade

    upgrade(engine)


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
        if run_migrations:
            migrate(self.engine)
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
