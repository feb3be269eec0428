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
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import AgentAction, Message

from .conftest import HERE, PYTHON, child_env

BURST = 10_000


def _run_and_kill(db_path: Path, kill_after: int) -> tuple[set[int], bool]:
    """Start the burst, SIGKILL after ``kill_after`` acknowledgements; return all acknowledged ids."""
    proc = subprocess.Popen(
        [PYTHON, str(HERE / "crash_child.py"), f"sqlite:///{db_path}", str(BURST)],
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
        rest = proc.stdout.read().decode().split()
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
            int(ext[3:]) for (ext,) in con.execute("SELECT external_id FROM messages WHERE external_id LIKE 'ev-%'")
        }
        stored_actions = {
            int(json.loads(d)["ev"]) for (d,) in con.execute("SELECT details FROM agent_actions WHERE details IS NOT NULL")
        }
    finally:
        con.close()
    stored = stored_msgs | stored_actions
    lost = acked - stored
    print(f"\ncrash kill_after={kill_after}: acknowledged {len(acked)} of {BURST}, stored {len(stored)}, lost {len(lost)}")
    assert not lost, f"{len(lost)} acknowledged events lost, e.g. {sorted(lost)[:10]}"

    # The app starts again cleanly on the same file and accepts writes.
    db = Database.open(f"sqlite:///{db_path}")
    try:
        res = db.writer.write(events.ingest_message(IncomingMessage("after-crash", "after-crash", "back again")))
        assert res.created
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Message).where(Message.external_id == "after-crash")) == 1
            assert s.scalar(select(func.count()).select_from(AgentAction)) == len(stored_actions)
    finally:
        db.close()
