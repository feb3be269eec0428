"""PostgreSQL restarted mid-session, on a throwaway server of our own (never the shared one).

The writer reports the outage through ``on_state``, keeps the queued writes and retries;
once the server is back everything queued commits, nothing is lost, and the state clears.
A writer told to give up fails each affected future with StorageError: the caller always
learns which writes did not land (no silent loss).

Skips, saying why, when the PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are absent.
"""

from __future__ import annotations

import pytest

from assist.core.errors import StorageError
from assist.storage.database import Database

from .conftest import PgServer
from .test_storage_faults import States, _count, _msg, _outcomes

pytestmark = pytest.mark.postgres


def _reset(pg: PgServer) -> None:
    from sqlalchemy import text

    from assist.storage.db import make_engine

    engine = make_engine(pg.url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.mark.parametrize("stop_mode", ["fast", "immediate"])
def test_postgres_restart_mid_session_loses_nothing(pg: PgServer, stop_mode: str) -> None:
    _reset(pg)
    states = States()
    db = Database.open(pg.url, on_state=states)
    try:
        for i in range(20):
            db.writer.write(_msg(i, prefix="before"))
        pg.stop(stop_mode)  # pooled connections die with the server
        try:
            futs = [db.writer.submit(_msg(i, prefix="during")) for i in range(40)]
            msg = states.wait_for(lambda s: bool(s) and "unreachable" in s)
            print(f"\nstate shown during the outage: {msg}")
            assert not any(f.done() for f in futs), "a write was resolved while the server was down"
        finally:
            pg.start()
        assert _outcomes(futs) == (40, [])
        states.wait_for(lambda s: s is None)
        assert _outcomes([db.writer.submit(_msg(i, prefix="after")) for i in range(20)]) == (20, [])
        assert (_count(db, "before"), _count(db, "during"), _count(db, "after")) == (20, 40, 20)
    finally:
        db.close()


def test_postgres_outage_with_give_up_reports_every_failed_write(pg: PgServer) -> None:
    _reset(pg)
    db = Database.open(pg.url, writer_options={"give_up_after": 1.0, "retry_delays": (0.1,)})
    try:
        db.writer.write(_msg(0, prefix="before"))
        pg.stop("fast")
        try:
            futs = [db.writer.submit(_msg(i, prefix="lost")) for i in range(10)]
            ok, errors = _outcomes(futs)
        finally:
            pg.start()
        assert ok == 0 and len(errors) == 10 and all(isinstance(e, StorageError) for e in errors), errors
        assert all("unreachable" in str(e) for e in errors), errors
        assert _count(db, "lost") == 0  # what failed did not land; the caller was told about each one
        assert _outcomes([db.writer.submit(_msg(i, prefix="lost")) for i in range(10)]) == (10, [])
        assert (_count(db, "before"), _count(db, "lost")) == (1, 10)
    finally:
        db.close()
