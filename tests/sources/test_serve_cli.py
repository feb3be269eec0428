"""``assist serve`` as a user runs it: a real process, a real port, SIGTERM to stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

from sqlalchemy import select

from assist.learning.jobs import free_port
from assist.storage.database import Database
from assist.storage.models import Message


def post(url: str, token: str, body: dict[str, str]) -> tuple[int, dict[str, object]]:
    req = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_serve_stores_posted_messages_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_")}
    env.update(ASSIST_CONFIG_DIR=str(tmp_path / "config"), PYTHONUNBUFFERED="1")
    data_dir = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assist.cli.main", "--data-dir", str(data_dir), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"listening on http://127.0.0.1:{port}" in first, first + (
            proc.stderr.read() if proc.poll() else ""
        )
        second = proc.stdout.readline()
        settings_path = tmp_path / "config" / "settings.toml"
        assert str(settings_path) in second
        token = tomllib.loads(settings_path.read_text())["ingest_token"]
        url = f"http://127.0.0.1:{port}/v1/messages"
        assert post(url, "wrong", {"message_id": "m", "conversation_id": "c", "text": "x"})[0] == 401
        status, body = post(
            url, token, {"message_id": "m1", "conversation_id": "c1", "text": "where is my parcel?"}
        )
        assert status == 201 and body["created"] is True
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert token not in first + second + out + err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    db = Database.open(f"sqlite:///{data_dir / 'assist.sqlite'}")
    try:
        with db.read() as s:
            assert s.scalars(select(Message.text)).all() == ["where is my parcel?"]
    finally:
        db.close()
