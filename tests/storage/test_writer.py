"""The single writer: bursts, a bad unit in a batch, and a database locked by another process."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assist.core.errors import StorageError
from assist.core.types import IncomingMessage
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import Agent, AgentAction, Message


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_burst_of_10000_events_is_batched_and_all_committed(database: Database) -> None:
    w = database.writer
    msgs = [
        w.submit(events.ingest_message(IncomingMessage(f"m{i}", f"c{i}", f"message {i}"))) for i in range(50)
    ]
    pks = [f.result(30).message_pk for f in msgs]
    committed_before = w.committed
    futures = [
        w.submit(
            events.log_action(
                events.ActionKind.EDITED,
                conversation_id=f"c{i % 50}",
                message_pk=pks[i % 50],
                details={"n": i},
            )
        )
        for i in range(10_000)
    ]
    ids = [f.result(timeout=120) for f in futures]
    assert len(set(ids)) == 10_000
    assert _count(database, AgentAction) == 10_000
    with database.read() as s:
        assert sorted(d["n"] for d in s.scalars(select(AgentAction.details))) == list(range(10_000))
    assert w.committed - committed_before == 10_000
    assert w.batches < 10_000 / 5, "a burst must be written in batches, not one transaction per event"
    assert w.backlog == 0 and w.error is None


def test_one_bad_unit_does_not_sink_its_batch(database: Database) -> None:
    w = database.writer
    gate = threading.Event()
    blocker = w.submit(lambda s: gate.wait(10))  # hold the writer so the next ones queue up as one batch

    def bad(session: Session) -> None:
        session.add(Message(conversation_id="no-such-conversation", role="customer", text="x"))
        session.flush()

    good_before = [w.submit(events.ingest_message(IncomingMessage(f"a{i}", "c", "hi"))) for i in range(5)]
    broken = w.submit(bad)
    good_after = [w.submit(events.ingest_message(IncomingMessage(f"b{i}", "c", "hi"))) for i in range(5)]
    gate.set()
    blocker.result(10)
    assert all(f.result(10).created for f in good_before + good_after)
    with pytest.raises(IntegrityError):
        broken.result(10)
    assert _count(database, Message) == 10
    assert w.error is None  # a bad write is the caller's problem, not a storage outage


def test_unit_raising_plain_exception_reports_it_and_writer_keeps_serving(database: Database) -> None:
    def boom(session: Session) -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        database.writer.write(boom)
    assert database.writer.write(lambda s: events.agent_id(s, "lin")) >= 1
    assert _count(database, Agent) == 1


LOCKER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
con.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()  # hold the lock until the test says so
con.execute("COMMIT")
print("released", flush=True)
"""


def test_sqlite_locked_by_another_process_reports_then_resumes_losing_nothing(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite"
    states: list[str | None] = []
    saw_error = threading.Event()

    def on_state(state: str | None) -> None:
        states.append(state)
        if state:
            saw_error.set()

    db = Database.open(f"sqlite:///{path}", on_state=on_state)
    try:
        db.writer.write(events.ingest_message(IncomingMessage("before", "c", "hi")))
        locker = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert locker.stdout is not None and locker.stdin is not None
        assert locker.stdout.readline().strip() == "locked"
        futures = [
            db.writer.submit(events.ingest_message(IncomingMessage(f"m{i}", "c", "hi"))) for i in range(200)
        ]
        assert saw_error.wait(30), "the lock was never reported"
        assert "locked" in (db.writer.error or "")
        assert not any(f.done() for f in futures), "nothing may be reported saved while locked"
        locker.stdin.write("\n")
        locker.stdin.flush()
        assert locker.stdout.readline().strip() == "released"
        locker.wait(10)
        assert all(f.result(30).created for f in futures)
        assert states[-1] is None and db.writer.error is None
        assert _count(db, Message) == 201
    finally:
        db.close()


def test_writer_that_gives_up_fails_futures_with_storage_error(tmp_path: Path) -> None:
    from assist.storage.db import make_engine, make_sessionmaker
    from assist.storage.migrate import upgrade
    from assist.storage.writer import Writer

    path = tmp_path / "w.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    writer = Writer(make_sessionmaker(engine), give_up_after=0.0, sqlite_busy_timeout_ms=50).start()
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert locker.stdout is not None and locker.stdin is not None
        assert locker.stdout.readline().strip() == "locked"
        fut = writer.submit(events.ingest_message(IncomingMessage("x", "c", "hi")))
        with pytest.raises(StorageError, match="locked"):
            fut.result(30)
    finally:
        assert locker.stdin is not None
        locker.stdin.write("\n")
        locker.stdin.flush()
        locker.wait(10)
        writer.close()
        engine.dispose()
