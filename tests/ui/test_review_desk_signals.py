"""``kill <pid>`` (SIGTERM: a logout, a system shutdown, a service manager) ended the desk at
once, without its shutdown: the first-run training stayed ``running`` instead of ``paused``, the
outbox and the ingest server were not stopped, the writer was not drained (review-desk)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assist.learning.jobs import free_port

pytestmark = pytest.mark.gui



@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_or_sigint_closes_the_desk_as_the_window_would(tmp_path: Path, sig: signal.Signals) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONUNBUFFERED="1",
        ASSIST_CONFIG_DIR=str(tmp_path / "config"),
        ASSIST_DATA_DIR=str(tmp_path / "data"),
        ASSIST_INGEST_PORT=str(port),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "assist.cli.main", "-v", "desk", "--no-demo", "--fake-engines"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while True:  # up: the ingest server answers
            assert proc.poll() is None, proc.communicate()[0]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the desk never came up"
            time.sleep(0.2)
        proc.send_signal(sig)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, out[-3000:]
    assert f"{sig.name}: closing the desk" in out, out[-3000:]
