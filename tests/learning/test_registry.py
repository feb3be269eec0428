"""Registry: versions on disk and in the database, one active per kind, promote and roll back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assist.learning.registry import ModelVersionInfo, Registry, RegistryError


def _model_dir(tmp_path: Path, name: str, **meta: Any) -> Path:
    d = tmp_path / "train-out" / name
    d.mkdir(parents=True)
    (d / "weights.bin").write_bytes(name.encode())
    (d / "assist.json").write_text(json.dumps({"kind": "intent", "version": name, **meta}))
    return d


def test_register_promote_rollback(database: Any, tmp_path: Path) -> None:
    reg = Registry(database, tmp_path / "models")
    assert reg.active("intent") is None and reg.active_version("intent") is None
    a = reg.register("intent", _model_dir(tmp_path, "intent-a", data_hash="h1", metrics={"accuracy": 0.8}))
    assert a.status == "candidate" and a.path == tmp_path / "models" / "intent" / "intent-a"
    assert (a.path / "weights.bin").read_bytes() == b"intent-a"
    assert a.data_hash == "h1" and a.metrics == {"accuracy": 0.8}
    b = reg.register(
        "intent", _model_dir(tmp_path, "intent-b"), parent_version="intent-a", metrics={"accuracy": 0.9}
    )
    c = reg.register("intent", _model_dir(tmp_path, "intent-c"), parent_version="intent-b")
    meta = json.loads((b.path / "assist.json").read_text())
    assert meta["parent"] == "intent-a" and meta["metrics"] == {"accuracy": 0.9}
    with pytest.raises(RegistryError):
        reg.register("intent", _model_dir(tmp_path, "dup", version="x"), version="intent-a")

    assert reg.promote("intent-a").status == "active"
    reg.promote("intent-b")
    reg.promote("intent-c")
    statuses = {i.version: i.status for i in reg.list("intent")}
    assert statuses == {"intent-a": "retired", "intent-b": "retired", "intent-c": "active"}
    assert reg.active_version("intent") == "intent-c"
    assert reg.rollback("intent").version == "intent-b"
    assert reg.active_version("intent") == "intent-b"
    assert reg.rollback("intent").version == "intent-a"  # steps further back
    assert reg.rollback("intent").version == "instant-intent"  # then the instant demo engine
    with pytest.raises(RegistryError):
        reg.rollback("intent")
    assert [i.version for i in reg.list("intent") if i.status == "active"] == ["instant-intent"]
    assert reg.rollback("intent", "intent-c").version == "intent-c"  # any version, forward too
    assert reg.active("drafts") is None
    assert c.parent_version == "intent-b"


def test_watcher_reports_promotion_and_rollback(database: Any, tmp_path: Path) -> None:
    reg = Registry(database, tmp_path / "models")
    for name in ("v1", "v2"):
        reg.register("intent", _model_dir(tmp_path, name))
    reg.promote("v1")
    seen: list[ModelVersionInfo | None] = []
    watcher = reg.watch("intent", seen.append, interval_s=3600)  # polled by hand below: no timing
    try:
        assert watcher.current == "v1" and not watcher.check()
        reg.promote("v2")
        assert watcher.check() and [i.version for i in seen if i] == ["v2"]
        reg.rollback("intent")
        assert watcher.check() and seen[-1] is not None and seen[-1].version == "v1"
    finally:
        watcher.stop()


def test_register_rejects_missing_dir_and_unknown_kind(database: Any, tmp_path: Path) -> None:
    reg = Registry(database, tmp_path / "models")
    with pytest.raises(RegistryError):
        reg.register("intent", tmp_path / "nope", version="x")
    with pytest.raises(RegistryError):
        reg.register("sentiment", _model_dir(tmp_path, "y"))
    with pytest.raises(RegistryError):
        reg.promote("never-registered")
