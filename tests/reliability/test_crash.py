"""Crash: SIGKILL during a burst of 10,000 logged events loses nothing that was acknowledged.

A child process (crash_child.py) writes the burst through the real Writer into a real
SQLite file and prints each event's id the moment its future resolves (the app's
"saved"). The test kills it with SIGKILL mid-burst, then checks that every acknowledged
event is in the file, that ``PRAGMA integrity_check`` is ``ok``, and that the app opens the
same file again (migrations, WAL recovery) and accepts new writes.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assist.core.types import IncomingMessage
from assist.learning.jobs import free_port
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import AgentAction, Message

from .conftest import HERE, PYTHON, PgServer, child_env

BURST = 10_000


def _run_and_kill(db: Path | str, kill_after: int, *flags: str) -> tuple[set[int], bool]:
    """Start the burst, SIGKILL after ``kill_after`` acknowledgements; return all acknowledged ids."""
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    proc = subprocess.Popen(
        [PYTHON, str(HERE / "crash_child.py"), url, str(BURST), *flags],
        stdout=subprocess.PIPE,
        env=child_env(),
    )
    assert proc.stdout is not None
    acked: set[int] = set()
    killed_mid_burst = False
    try:
        assert proc.stdout.readline() == b"ready\n"
        for raw in proc.stdout:
            line = raw.decode().strip()
            if line == "submitted":
                continue
            assert not line.startswith("failed"), line
            acked.add(int(line))
            if len(acked) >= kill_after:
                break
        proc.send_signal(signal.SIGKILL)
        killed_mid_burst = True
        # what the child wrote before it died was acknowledged too: read the pipe to its end
        rest = [ln.strip() for ln in proc.stdout.read().decode().splitlines()]
        acked.update(int(x) for x in rest if x.isdigit())
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return acked, killed_mid_burst


@pytest.mark.parametrize("kill_after", [1, 1500, 4000])
def test_sigkill_mid_burst_loses_no_acknowledged_event(tmp_path: Path, kill_after: int) -> None:
    db_path = tmp_path / "crash.sqlite"
    acked, killed = _run_and_kill(db_path, kill_after)
    assert killed
    assert len(acked) >= kill_after
    assert len(acked) < BURST, "the burst finished before the kill: the test did not test a crash"

    # The file as the crash left it (WAL included), read with plain sqlite3 first.
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored_msgs = {
            int(ext[3:])
            for (ext,) in con.execute("SELECT external_id FROM messages WHERE external_id LIKE 'ev-%'")
        }
        stored_actions = {
            int(json.loads(d)["ev"])
            for (d,) in con.execute("SELECT details FROM agent_actions WHERE details IS NOT NULL")
        }
    finally:
        con.close()
    stored = stored_msgs | stored_actions
    lost = acked - stored
    print(
        f"\ncrash kill_after={kill_after}: acknowledged {len(acked)} of {BURST}, stored {len(stored)}, lost {len(lost)}"
    )
    assert not lost, f"{len(lost)} acknowledged events lost, e.g. {sorted(lost)[:10]}"

    # The app starts again cleanly on the same file and accepts writes.
    db = Database.open(f"sqlite:///{db_path}")
    try:
        res = db.writer.write(
            events.ingest_message(IncomingMessage("after-crash", "after-crash", "back again"))
        )
        assert res.created
        with db.read() as s:
            assert (
                s.scalar(
                    select(func.count()).select_from(Message).where(Message.external_id == "after-crash")
                )
                == 1
            )
            assert s.scalar(select(func.count()).select_from(AgentAction)) == len(stored_actions)
    finally:
        db.close()


def test_control_an_app_that_acknowledges_before_commit_is_caught(tmp_path: Path) -> None:
    """The check above can fail: with acknowledgements sent before the commit, it finds the loss."""
    db_path = tmp_path / "early.sqlite"
    acked, killed = _run_and_kill(db_path, 1500, "--ack-on-submit")
    assert killed and len(acked) >= 1500
    con = sqlite3.connect(db_path)
    try:
        stored = {
            int(x[3:])
            for (x,) in con.execute("SELECT external_id FROM messages WHERE external_id LIKE 'ev-%'")
        }
    finally:
        con.close()
    lost = acked - stored
    print(f"\ncontrol (ack before commit): acknowledged {len(acked)}, lost {len(lost)}")
    assert lost, "the crash check would not notice an app that acknowledges too early"


@pytest.mark.postgres
def test_sigkill_mid_burst_on_postgresql_loses_no_acknowledged_event(pg: PgServer) -> None:
    """The same burst against a real PostgreSQL server (a throwaway one of this test session's own)."""
    from .test_postgres_restart import _reset

    _reset(pg)
    acked, killed = _run_and_kill(pg.url, 1500)
    assert killed and 1500 <= len(acked) < BURST
    db = Database.open(pg.url)
    try:
        with db.read() as s:
            msgs = {
                int(x[3:])
                for x in s.scalars(select(Message.external_id).where(Message.external_id.like("ev-%")))
            }
            acts = {int(d["ev"]) for d in s.scalars(select(AgentAction.details)) if d}
        stored = msgs | acts
        lost = acked - stored
        print(
            f"\ncrash on PostgreSQL: acknowledged {len(acked)} of {BURST}, stored {len(stored)}, lost {len(lost)}"
        )
        assert not lost, sorted(lost)[:10]
        assert db.writer.write(
            events.ingest_message(IncomingMessage("after-crash", "after-crash", "back"))
        ).created
    finally:
        db.close()


# ----------------------------------------------------------------------------- the ingest server

def _serve(tmp_path: Path, port: int) -> subprocess.Popen[str]:
    import os
    import sys

    env = {k: v for k, v in child_env().items() if not k.startswith("ASSIST_")}
    env.update(
        ASSIST_CONFIG_DIR=str(tmp_path / "config"),
        ASSIST_INGEST_TOKEN="crash-token-0123456789",
        ASSIST_INGEST_RATE_PER_MINUTE="0",
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assist.cli.main",
            "--data-dir",
            str(tmp_path / "data"),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=os.getcwd(),
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert "listening on" in line, line
    return proc


def _post(port: int, i: int) -> int:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        body = json.dumps(
            {"message_id": f"http-{i}", "conversation_id": f"conv-{i % 20}", "text": f"where is order {i}?"}
        )
        conn.request(
            "POST",
            "/v1/messages",
            body=body,
            headers={"Authorization": "Bearer crash-token-0123456789", "Content-Type": "application/json"},
        )
        return conn.getresponse().status
    finally:
        conn.close()


def test_sigkill_of_assist_serve_mid_ingest_burst_loses_no_acknowledged_message(tmp_path: Path) -> None:
    """A 2xx from the ingest server means stored: kill -9 a real ``assist serve`` while 8 clients post."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    port = free_port()
    proc = _serve(tmp_path, port)
    acked: set[int] = set()
    lock = threading.Lock()
    enough = threading.Event()

    def client(start: int) -> None:
        for i in range(start, 100_000, 8):
            try:
                status = _post(port, i)
            except OSError:
                return  # the server died under us: this one was never acknowledged
            if status in (200, 201):
                with lock:
                    acked.add(i)
                    if len(acked) >= 400:
                        enough.set()
            else:
                return

    try:
        with ThreadPoolExecutor(8) as pool:
            for c in range(8):
                pool.submit(client, c)
            assert enough.wait(300), "the server never acknowledged 400 messages"
            proc.send_signal(signal.SIGKILL)
            proc.wait(60)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with lock:
        acknowledged = set(acked)

    db_path = tmp_path / "data" / "assist.sqlite"
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {
            int(x[5:])
            for (x,) in con.execute("SELECT external_id FROM messages WHERE external_id LIKE 'http-%'")
        }
    finally:
        con.close()
    lost = acknowledged - stored
    print(
        f"\ningest crash: {len(acknowledged)} messages acknowledged (2xx) before SIGKILL, {len(stored)} stored, "
        f"{len(lost)} lost"
    )
    assert not lost, sorted(lost)[:10]

    # The server starts again on the same data; a client retrying an acknowledged message gets 200, not a copy.
    proc = _serve(tmp_path, port)
    try:
        some = sorted(acknowledged)[:5]
        assert [_post(port, i) for i in some] == [200] * len(some)
        assert _post(port, 10**6) == 201
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
