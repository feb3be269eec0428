"""The A/B test as registry state: start/stop rules, what desks poll, the CLI, long version names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.learning.quality import ARM_WIDTH, ab_comparison, arm_key, store_arm
from assist.learning.registry import Registry, RegistryError
from assist.storage.database import Database
from assist.storage.models import AgentAction, Conversation

from .test_cli import assist


def _register(registry: Registry, tmp_path: Path, kind: str, version: str) -> None:
    src = tmp_path / "src" / version
    src.mkdir(parents=True)
    (src / "assist.json").write_text(json.dumps({"kind": kind, "version": version}))
    registry.register(kind, src)


@pytest.fixture
def registry(sqlite_url: str, tmp_path: Path) -> Registry:
    db = Database.open(sqlite_url)
    reg = Registry(db, tmp_path / "data" / "models")
    yield reg  # type: ignore[misc]
    db.close()


def test_start_and_stop_rules(registry: Registry, tmp_path: Path) -> None:
    for v in ("i-1", "i-2", "i-3"):
        _register(registry, tmp_path, "intent", v)
    _register(registry, tmp_path, "drafts", "d-1")
    with pytest.raises(RegistryError, match="no active intent model"):
        registry.start_ab("i-2")
    registry.promote("i-1")
    with pytest.raises(RegistryError, match="is the active intent model"):
        registry.start_ab("i-1")
    assert registry.serving("intent") == ("i-1", None) and registry.ab_test() is None
    assert registry.start_ab("i-2").status == "challenger"
    assert registry.serving("intent") == ("i-1", "i-2") and registry.serving("drafts") == (None, None)
    promoted, challenger = registry.ab_test()  # type: ignore[misc]
    assert (promoted.version, challenger.version) == ("i-1", "i-2")
    with pytest.raises(RegistryError, match="A/B test with i-2 is running"):
        registry.start_ab("i-3")
    # a rollback never picks the challenger (with no earlier version: the instant demo engine):
    assert registry.rollback("intent").version == "instant-intent"
    assert registry.get("i-2").status == "challenger"  # type: ignore[union-attr]
    stopped = registry.stop_ab()
    assert stopped is not None and stopped.version == "i-2"
    assert registry.get("i-2").status == "candidate"  # type: ignore[union-attr]
    assert registry.stop_ab() is None and registry.ab_test() is None


def test_the_desk_watcher_fires_when_a_test_starts_and_stops(registry: Registry, tmp_path: Path) -> None:
    for v in ("i-1", "i-2"):
        _register(registry, tmp_path, "intent", v)
    registry.promote("i-1")
    seen: list[str | None] = []
    watcher = registry.watch("intent", lambda info: seen.append(info.version if info else None), 3600)
    try:
        assert not watcher.check()
        registry.start_ab("i-2")
        assert watcher.check() and watcher.challenger == "i-2" and watcher.current == "i-1"
        assert not watcher.check()
        registry.stop_ab()
        assert watcher.check() and watcher.challenger is None
    finally:
        watcher.stop()
    assert seen == ["i-1", "i-1"]


def test_long_versions_fit_the_arm_column_and_show_in_full(registry: Registry, tmp_path: Path) -> None:
    long_a = "demo-intent-20261128-170000-abcdef-1a2b+intent-20261128-170100-abcdef-3c4d"
    long_b = long_a.replace("1a2b", "9e9e")
    for v in (long_a, long_b):
        _register(registry, tmp_path, "intent", v)
    keys = (arm_key(long_a), arm_key(long_b))
    assert all(len(k) <= ARM_WIDTH for k in keys) and keys[0] != keys[1]
    assert arm_key("intent-v1") == "intent-v1"
    db = registry.database
    db.writer.write(lambda s: s.add(Conversation(id="c1")))
    assert db.writer.write(store_arm("c1", keys)) in keys
    db.writer.write(lambda s: s.add(AgentAction(kind="sent", conversation_id="c1")))
    with db.read() as s:
        rows = ab_comparison(s).rows
    assert len(rows) == 1 and rows[0][0] in (long_a, long_b) and rows[0][1:3] == (1, 0)


def test_cli_starts_shows_and_stops_a_test(sqlite_url: str, tmp_path: Path, registry: Registry) -> None:
    for v in ("i-1", "i-2"):
        _register(registry, tmp_path, "intent", v)
    registry.promote("i-1")
    started = assist(tmp_path, sqlite_url, "models", "ab", "start", "i-2", "--json")
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout)["status"] == "challenger"
    shown = json.loads(assist(tmp_path, sqlite_url, "models", "ab", "show", "--json").stdout)["ab"]
    assert (shown["promoted"]["version"], shown["challenger"]["version"]) == ("i-1", "i-2")
    again = assist(tmp_path, sqlite_url, "models", "ab", "start", "i-1")
    assert again.returncode == 2 and "assist: error: an A/B test with i-2 is running" in again.stderr
    stopped = assist(tmp_path, sqlite_url, "models", "ab", "stop")
    assert stopped.returncode == 0 and "everyone gets the active intent model" in stopped.stderr
    assert registry.ab_test() is None
