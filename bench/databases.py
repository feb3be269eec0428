"""Real databases for benchmarks: a fresh SQLite file, and PostgreSQL in a throwaway schema.

PostgreSQL benchmarks never touch the ``public`` schema of the server they are given:
each run creates its own schema, points ``search_path`` at it through the URL
(``options=-csearch_path=...``, passed to libpq) and drops it afterwards.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import text


def postgres_problem(url: str) -> str | None:
    """None when ``url`` reaches a PostgreSQL server, else why not (for the JSON)."""
    if not url:
        return "no PostgreSQL URL given (--postgres-url, $ASSIST_BENCH_POSTGRES_URL or $ASSIST_TEST_POSTGRES_URL)"
    from assist.storage.db import make_engine

    try:
        engine = make_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - reported, the benchmark goes on without it
        return f"PostgreSQL not reachable at {url.split('@')[-1]}: {str(exc).splitlines()[0]}"
    return None


@contextmanager
def postgres_schema(url: str, prefix: str = "bench") -> Iterator[str]:
    """A URL whose connections use a fresh schema; the schema is dropped on exit."""
    from assist.storage.db import make_engine

    schema = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def sqlite_file(prefix: str = "bench") -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix=f"assist-{prefix}-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'assist.sqlite'}"


@contextmanager
def database_url(kind: str, postgres_url: str, prefix: str = "bench") -> Iterator[str]:
    if kind == "sqlite":
        with sqlite_file(prefix) as url:
            yield url
    else:
        with postgres_schema(postgres_url, prefix) as url:
            yield url


def backends(postgres_url: str) -> tuple[list[str], str | None]:
    """The backends to run, and why PostgreSQL is left out (None when it runs)."""
    problem = postgres_problem(postgres_url)
    return (["sqlite"] if problem else ["sqlite", "postgresql"]), problem
