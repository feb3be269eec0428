"""`assist models ...`, `assist retrain`, `assist simulate` as real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from assist.learning.registry import Registry
from assist.storage.database import Database

REPO = Path(__file__).resolve().parents[2]


def assist(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_")}
    env.update({"ASSIST_CONFIG_DIR": str(tmp_path / "cfg"), "PYTHONPATH": str(REPO)})
    cmd = [
        sys.executable,
        "-m",
        "assist.cli.main",
        "--database-url",
        url,
        "--data-dir",
        str(tmp_path / "data"),
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, timeout=300)


def _register(tmp_path: Path, url: str, *names: str) -> None:
    db = Database.open(url)
    try:
        reg = Registry(db, tmp_path / "data" / "models")
        for name in names:
            d = tmp_path / "src" / name
            d.mkdir(parents=True)
            (d / "assist.json").write_text(json.dumps({"version": name, "metrics": {"accuracy": 0.5}}))
            reg.register("drafts", d)
    finally:
        db.close()


def test_models_list_promote_rollback_show(tmp_path: Path, sqlite_url: str) -> None:
    _register(tmp_path, sqlite_url, "drafts-a", "drafts-b")
    out = assist(tmp_path, sqlite_url, "models", "list", "--json")
    assert out.returncode == 0, out.stderr
    versions = json.loads(out.stdout)["versions"]
    assert {v["version"]: v["status"] for v in versions} == {"drafts-a": "candidate", "drafts-b": "candidate"}
    assert versions[0]["path"].startswith(str(tmp_path / "data" / "models" / "drafts"))
    assert assist(tmp_path, sqlite_url, "models", "promote", "drafts-a").returncode == 0  # nothing active yet
    refused = assist(tmp_path, sqlite_url, "models", "promote", "drafts-b")  # never scored against drafts-a
    assert refused.returncode == 2 and "needs an explicit override with a reason" in refused.stderr
    no_reason = assist(tmp_path, sqlite_url, "models", "promote", "drafts-b", "--force")
    assert no_reason.returncode == 2 and "give a reason" in no_reason.stderr
    forced = assist(tmp_path, sqlite_url, "models", "promote", "drafts-b", "--force", "--reason", "try it")
    assert forced.returncode == 0, forced.stderr
    trail = json.loads(assist(tmp_path, sqlite_url, "models", "audit", "--json").stdout)["audit"]
    assert [(r["action"], r["outcome"], r["to_version"]) for r in trail][:3] == [
        ("promote", "done", "drafts-b"),
        ("promote", "refused", "drafts-b"),
        ("promote", "refused", "drafts-b"),
    ]
    assert trail[0]["reason"] == "override: try it" and trail[0]["from_version"] == "drafts-a"
    assert "cannot compare" in trail[0]["figures"]
    back = assist(tmp_path, sqlite_url, "models", "rollback", "drafts", "--json")
    assert back.returncode == 0 and json.loads(back.stdout)["version"] == "drafts-a"
    shown = assist(tmp_path, sqlite_url, "models", "show", "drafts-b")
    info: dict[str, Any] = json.loads(shown.stdout)
    assert info["status"] == "retired" and info["metrics"]["accuracy"] == 0.5
    bad = assist(tmp_path, sqlite_url, "models", "promote", "nope")
    assert bad.returncode == 2 and "assist: error: unknown model version nope" in bad.stderr
    table = assist(tmp_path, sqlite_url, "models", "list")
    assert "drafts-a" in table.stdout and "active" in table.stdout


def test_retrain_and_simulate_have_help(tmp_path: Path, sqlite_url: str) -> None:
    for cmd in (["retrain", "--help"], ["simulate", "--help"], ["models", "--help"]):
        out = assist(tmp_path, sqlite_url, *cmd)
        assert out.returncode == 0 and "usage:" in out.stdout
    failed = assist(tmp_path, sqlite_url, "retrain", "intent", "--json", "--no-imported")
    assert failed.returncode == 2  # nothing logged yet: refused, saying what is missing
    assert "Not enough data to retrain the intent model: 0 examples in 0 intents" in failed.stderr
    assert "need at least 200 and 5 per intent" in failed.stderr
