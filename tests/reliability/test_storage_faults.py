"""Database trouble on SQLite: locked by another process, disk full. The writer reports the
problem through ``on_state`` (what the UI shows), no write is silently lost (a write either
commits or its future raises StorageError), earlier data stays intact, and writes resume.

Disk full is tested twice:
- on a real, size-limited file system: a 16 MiB tmpfs mounted for the test (needs root /
  CAP_SYS_ADMIN, as here; skipped with the reason where ``mount`` is not permitted);
- with SQLite's ``PRAGMA max_page_count``, which raises the very same SQLITE_FULL error on
  any machine, so CI without mount rights still covers the code path.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from assist.core.errors import StorageError
from assist.core.types import IncomingMessage
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import Message
from assist.storage.writer import Writer

from .conftest import PYTHON, child_env

WAIT = 120.0  # upper bound for "this should happen"; never a timing assertion


class States:
    """Collects on_state reports; wait_for() blocks until a matching one arrives."""

    def __init__(self) -> None:
        self.seen: list[str | None] = []
        self._cond = threading.Condition()

    def __call__(self, state: str | None) -> None:
        with self._cond:
            self.seen.append(state)
            self._cond.notify_all()

    def wait_for(self, pred: Callable[[str | None], bool]) -> str | None:
        with self._cond:
            ok = self._cond.wait_for(lambda: any(pred(s) for s in self.seen), WAIT)
        assert ok, f"no matching storage state reported; seen: {self.seen}"
        return next(s for s in self.seen if pred(s))


def _msg(i: int, text: str = "hello", prefix: str = "m") -> Callable[[Any], events.IngestResult]:
    return events.ingest_message(IncomingMessage(f"{prefix}-{i}", f"c-{i % 7}", f"{text} {i}"))


def _count(db: Database, prefix: str) -> int:
    with db.read() as s:
        return int(
            s.scalar(select(func.count()).select_from(Message).where(Message.external_id.like(f"{prefix}-%")))
            or 0
        )


def _outcomes(futs: list[Future[Any]]) -> tuple[int, list[BaseException]]:
    ok, errors = 0, []
    for f in futs:
        exc = f.exception(WAIT)
        if exc is None:
            ok += 1
        else:
            errors.append(exc)
    return ok, errors


# ----------------------------------------------------------------------------- locked
LOCK_HOLDER = r"""
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN EXCLUSIVE")
con.execute("INSERT INTO agents (name, created_at) VALUES ('lock-holder', '2026-01-01')")
print("locked", flush=True)
sys.stdin.readline()
con.execute("COMMIT")
print("released", flush=True)
"""


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [PYTHON, "-c", LOCK_HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == "released"
    assert proc.wait(WAIT) == 0


def test_locked_by_another_process_reports_state_and_resumes(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite"
    states = States()
    db = Database.open(f"sqlite:///{path}", on_state=states)
    try:
        for i in range(20):
            db.writer.write(_msg(i, prefix="before"))
        holder = _hold_lock(path)
        try:
            futs = [db.writer.submit(_msg(i, prefix="during")) for i in range(50)]
            msg = states.wait_for(lambda s: bool(s) and "locked" in s)
            assert msg is not None and "another process" in msg  # a message a person understands
            assert not any(f.done() for f in futs), "writes failed while the writer was still retrying"
            assert _count(db, "before") == 20  # reads still work while another process writes
        finally:
            _release(holder)
        ok, errors = _outcomes(futs)
        assert (ok, errors) == (50, [])
        assert db.writer.write(_msg(0, prefix="after")).created
        states.wait_for(lambda s: s is None)  # the UI is told the problem is over
        assert db.writer.error is None
        assert (_count(db, "before"), _count(db, "during"), _count(db, "after")) == (20, 50, 1)
    finally:
        db.close()


def test_lock_outlasting_the_give_up_budget_fails_loudly_never_silently(tmp_path: Path) -> None:
    """A writer configured to give up: each affected write's future raises StorageError."""
    path = tmp_path / "locked.sqlite"
    states = States()
    db = Database.open(f"sqlite:///{path}", on_state=states, writer_options={"give_up_after": 1.0})
    try:
        holder = _hold_lock(path)
        try:
            futs = [db.writer.submit(_msg(i, prefix="doomed")) for i in range(10)]
            ok, errors = _outcomes(futs)
        finally:
            _release(holder)
        assert ok == 0 and len(errors) == 10
        assert all(isinstance(e, StorageError) and "locked" in str(e) for e in errors), errors
        assert _count(db, "doomed") == 0  # failed means not written: the caller knows exactly what is missing
        # the caller retries what failed: everything lands, once
        assert _outcomes([db.writer.submit(_msg(i, prefix="doomed")) for i in range(10)]) == (10, [])
        assert _count(db, "doomed") == 10
        states.wait_for(lambda s: s is None)
    finally:
        db.close()


# ----------------------------------------------------------------------------- disk full
def _check_disk_full_cycle(
    db: Database, states: States, fill: Callable[[], None], free: Callable[[], None]
) -> None:
    big = "x" * 200_000
    for i in range(30):
        db.writer.write(_msg(i, prefix="early"))
    fill()
    futs = [db.writer.submit(_msg(i, big, prefix="full")) for i in range(10)]
    msg = states.wait_for(lambda s: bool(s) and "disk full" in s)
    print(f"\nstate shown: {msg}")
    # no crash; reads still work and earlier data is intact; nothing was reported saved that is not
    assert _count(db, "early") == 30
    assert _count(db, "full") == sum(f.done() and f.exception() is None for f in futs)
    # a writer that is told to give up reports the failure to its caller (never a silent drop)
    quitter = Writer(db.sessions, retry_delays=(0.05,), give_up_after=0.5).start()
    try:
        with pytest.raises(StorageError, match="disk full"):
            quitter.write(_msg(0, big, prefix="given-up"), timeout=WAIT)
    finally:
        quitter.close()
    free()
    # the default writer kept the queued writes and commits them once space is back
    assert _outcomes(futs) == (10, [])
    states.wait_for(lambda s: s is None)
    assert db.writer.error is None
    assert _outcomes([db.writer.submit(_msg(i, big, prefix="resumed")) for i in range(10)]) == (10, [])
    assert (_count(db, "early"), _count(db, "full"), _count(db, "resumed"), _count(db, "given-up")) == (
        30,
        10,
        10,
        0,
    )


def _integrity_ok(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "small_fs"
    mnt.mkdir()
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(mnt)],
        capture_output=True,
        text=True,
    )
    if res.returncode != 0:
        pytest.skip(
            f"cannot mount a size-limited tmpfs here ({res.stderr.strip() or res.returncode}); "
            "test_disk_full_max_page_count covers the same error path"
        )
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_on_a_real_small_filesystem(small_fs: Path) -> None:
    path = small_fs / "full.sqlite"
    ballast = small_fs / "ballast"
    states = States()
    db = Database.open(f"sqlite:///{path}", on_state=states)

    def fill() -> None:
        fd = os.open(ballast, os.O_WRONLY | os.O_CREAT, 0o600)  # unbuffered: nothing left to flush at close
        try:
            while True:
                os.write(fd, b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        assert os.statvfs(small_fs).f_bavail == 0

    try:
        _check_disk_full_cycle(db, states, fill, lambda: ballast.unlink())
    finally:
        db.close()
    _integrity_ok(path)


def test_disk_full_max_page_count(tmp_path: Path) -> None:
    path = tmp_path / "capped.sqlite"
    states = States()
    db = Database.open(f"sqlite:///{path}", on_state=states)
    cap: dict[str, int] = {"pages": 0}

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_conn: Any, _rec: Any) -> None:
        if cap["pages"]:
            dbapi_conn.execute(f"PRAGMA max_page_count={cap['pages']}")

    def fill() -> None:
        con = sqlite3.connect(path)
        cap["pages"] = con.execute("PRAGMA page_count").fetchone()[0] + 2
        con.close()
        db.engine.dispose()  # new connections get the cap

    def free() -> None:
        cap["pages"] = 0
        db.engine.dispose()

    try:
        _check_disk_full_cycle(db, states, fill, free)
    finally:
        db.close()
    _integrity_ok(path)


# ----------------------------------------------------------------------------- ingest while locked
def test_ingest_503_while_locked_then_retry_still_reaches_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    import aiohttp

    from assist.config import Settings
    from assist.sources import ingest

    monkeypatch.setattr(ingest, "STORE_TIMEOUT_S", 1.0)  # the server's store timeout, shortened for the test
    path = tmp_path / "ingest.sqlite"
    db = Database.open(f"sqlite:///{path}")
    handled: list[str] = []
    body = {"message_id": "m1", "conversation_id": "c1", "text": "where is my order?"}
    auth = {"Authorization": "Bearer tok-0123456789abcdef"}

    async def scenario() -> None:
        server = ingest.IngestServer(
            db,
            Settings(data_dir=tmp_path, ingest_token="tok-0123456789abcdef", ingest_port=0),
            on_message=lambda m, _r: handled.append(m.message_id),
        )
        await server.start()
        try:
            async with aiohttp.ClientSession() as c:
                holder = _hold_lock(path)
                try:
                    async with c.post(f"{server.url}/v1/messages", json=body, headers=auth) as r:
                        assert r.status == 503  # the client is told to retry
                finally:
                    _release(holder)
                await asyncio.get_running_loop().run_in_executor(None, db.writer.sync)
                async with c.post(f"{server.url}/v1/messages", json=body, headers=auth) as r:
                    assert r.status in (200, 201)
            await asyncio.sleep(0)  # let on_message tasks run
        finally:
            await server.stop()

    try:
        asyncio.run(scenario())
        with db.read() as s:
            assert int(s.scalar(select(func.count()).select_from(Message)) or 0) == 1  # stored once
    finally:
        db.close()
    assert handled == ["m1"]  # ... and handed to the pipeline once
