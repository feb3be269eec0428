"""kill -9 during a burst: every write the app was told is saved is in the database afterwards."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from assist.storage import migrate
from assist.storage.database import Database
from assist.storage.models import Message

CHILD = """
import sys, threading
from assist.core.types import IncomingMessage
from assist.storage import events
from assist.storage.database import Database

db = Database.open(sys.argv[1])
lock = threading.Lock()

def acked(mid):
    def done(fut):
        if fut.exception() is None:
            with lock:
                sys.stdout.write(mid + "\\n")
                sys.stdout.flush()
    return done

print("ready", flush=True)
i = 0
while True:  # until killed
    mid = f"m{i}"
    db.writer.submit(events.ingest_message(IncomingMessage(mid, f"c{i % 20}", f"text {i}"))).add_done_callback(acked(mid))
    i += 1
    if i % 200 == 0:
        db.writer.sync()
"""


def test_acknowledged_writes_survive_kill_9(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    url = f"sqlite:///{path}"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, text=True)
    acked: list[str] = []
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        while len(acked) < 600:
            line = proc.stdout.readline()
            assert line, "the writer process died on its own"
            acked.append(line.strip())
        os.kill(proc.pid, signal.SIGKILL)  # mid-burst: more writes are queued and in flight
        rest, _ = proc.communicate(timeout=30)
        acked += [ln for ln in rest.split("\n")[:-1] if ln]  # a cut-off last line is not an ack
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    db = Database.open(url)  # starts again cleanly
    try:
        with db.read() as s:
            stored = set(s.scalars(select(Message.external_id)))
        assert set(acked) <= stored
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.close()
