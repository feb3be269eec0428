"""First start: the demo-shop default drafts model is trained in a child process, registered, promoted."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from assist.config import Settings
from assist.learning.bootstrap import bootstrap, needed
from assist.learning.registry import Registry

pytestmark = pytest.mark.slow


def test_bootstrap_drafts_trains_registers_and_promotes(sqlite_url: str, tmp_path: Path) -> None:
    from assist.storage.database import Database

    settings = Settings(data_dir=tmp_path / "data", database_url=sqlite_url)
    db = Database.open(sqlite_url)
    try:
        registry = Registry(db, settings.models_dir)
        assert needed(registry) == ["intent", "drafts"]
        seen: list[float] = []
        info: Any = asyncio.run(
            bootstrap("drafts", settings, db, registry, lambda f, m: seen.append(f), tiny=True)
        )
        assert info.status == "active" and info.kind == "drafts"
        assert (info.path / "config.json").is_file() and (info.path / "assist.json").is_file()
        assert info.path.parent == settings.models_dir / "drafts"
        assert needed(registry) == ["intent"]
        assert seen[-1] == 1.0
        from assist.drafts.loading import build_draft_engine

        engine = build_draft_engine(model_dir=info.path, library=[], device="cpu")
        assert getattr(engine, "generator_error", None) in (None, "")
    finally:
        db.close()
