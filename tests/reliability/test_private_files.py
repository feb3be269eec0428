"""The data dir, the database and its WAL/SHM files are readable by their owner only
(issue 17: ``assist.sqlite``, every customer message, was created 0644 in a 0755 data dir,
and under umask 000 the config and data dirs were 0777). Real files, a real ``assist serve``."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assist.config import load_settings, settings_file
from assist.core.types import IncomingMessage
from assist.storage import events
from assist.storage.database import Database


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022], ids=["umask-000", "umask-022"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_first_start_makes_private_dirs_and_a_private_database(tmp_path: Path, umask: int) -> None:
    settings = load_settings(
        config_dir=tmp_path / "config", environ={"ASSIST_DATA_DIR": str(tmp_path / "data")}
    )
    assert _mode(tmp_path / "config") == 0o700
    assert _mode(settings_file(tmp_path / "config")) == 0o600
    assert _mode(tmp_path / "data") == 0o700
    db = Database.open(settings.resolved_database_url)
    try:
        db.writer.submit(
            events.ingest_message(IncomingMessage("m1", "c1", "my card is 4111 1111 1111 1111"))
        ).result(30)
        base = tmp_path / "data" / "assist.sqlite"
        files = [base, base.with_name("assist.sqlite-wal"), base.with_name("assist.sqlite-shm")]
        assert all(f.exists() for f in files), [f.name for f in files if not f.exists()]
        assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        db.close()


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    url = f"sqlite:///{data / 'assist.sqlite'}"
    Database.open(url).close()
    for name in ("assist.sqlite", "assist.sqlite-wal", "assist.sqlite-shm"):
        if (data / name).exists():
            os.chmod(data / name, 0o644)
    load_settings(config_dir=tmp_path / "config", environ={"ASSIST_DATA_DIR": str(data)})
    db = Database.open(url)
    try:
        modes = {p.name: _mode(p) for p in data.iterdir() if p.name.startswith("assist.sqlite")}
    finally:
        db.close()
    assert _mode(data) == 0o700
    assert modes and set(modes.values()) == {0o600}, modes


def test_a_real_serve_under_umask_000_keeps_everything_private(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_")}
    env.update(ASSIST_CONFIG_DIR=str(tmp_path / "config"), PYTHONUNBUFFERED="1")
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assist.cli.main", "--data-dir", str(data), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: os.umask(0),
    )
    try:
        assert proc.stdout is not None
        assert "listening" in proc.stdout.readline()
        token = settings_file(tmp_path / "config").read_text().split('"')[1]
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/messages",
            data=json.dumps({"message_id": "m1", "conversation_id": "c1", "text": "hi"}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status == 201
        modes = {p.name: _mode(p) for p in data.iterdir() if p.name.startswith("assist.sqlite")}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=60)
        finally:
            proc.kill()
    assert _mode(data) == 0o700 and _mode(tmp_path / "config") == 0o700
    assert _mode(settings_file(tmp_path / "config")) == 0o600
    assert {"assist.sqlite", "assist.sqlite-wal", "assist.sqlite-shm"} <= set(modes), modes
    assert set(modes.values()) == {0o600}, modes
