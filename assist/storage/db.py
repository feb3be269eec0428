"""Engine and session factory. SQLite gets WAL, foreign keys and a busy timeout in a
connect listener, and its file (with the WAL and SHM files) is created 0600; any other URL
(PostgreSQL) is used as is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from assist.core.private_files import private_dir, private_file


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives a process crash
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def sqlite_path(url: str) -> Path | None:
    """The file of an ``sqlite:///...`` URL; None for an in-memory database or another backend."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1].split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def _private_database_file(path: Path) -> None:
    """The database file and its WAL/SHM files are 0600 (SQLite gives -wal and -shm the
    database file's mode), in a directory created 0700 when it is new."""
    if not path.parent.exists():
        private_dir(path.parent)
    private_file(path)
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            private_file(extra)


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            _private_database_file(path)
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 5})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
