"""Promotion hot-swaps the intent model of a running AssistService; rollback restores it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assist.core.records import LabelledText
from assist.core.types import IncomingMessage
from assist.drafts.base import FakeDraftEngine
from assist.learning.hotswap import ModelFollower, default_intent_loader
from assist.learning.registry import Registry
from assist.service import AssistService
from assist.storage.database import Database
from assist.storage.models import IntentPredictionRow
from tests.learning.test_jobs import TEMPLATES

pytestmark = pytest.mark.slow


def _train(tiny_backbone: Path, out: Path, seed: int) -> Path:
    from training.train_intent import TrainIntentArgs, train

    rows = [
        LabelledText(t.format(n=i), label) for label, ts in TEMPLATES.items() for t in ts for i in range(4)
    ]
    args = TrainIntentArgs(
        examples=rows,
        out=out,
        backbone=str(tiny_backbone),
        epochs=1,
        batch_size=16,
        seed=seed,
        threads=1,
        quiet=True,
    )
    return train(args).out_dir


def test_promotion_and_rollback_swap_a_running_service(
    sqlite_url: str, tmp_path: Path, tiny_backbone: Path
) -> None:
    db = Database.open(sqlite_url)
    registry = Registry(db, tmp_path / "models")
    v1 = registry.register("intent", _train(tiny_backbone, tmp_path / "t1", 1))
    v2 = registry.register("intent", _train(tiny_backbone, tmp_path / "t2", 2))
    assert v1.version != v2.version
    registry.promote(v1.version)

    async def scenario() -> list[str]:
        first = default_intent_loader(registry.active("intent"))  # type: ignore[arg-type]
        service = AssistService(db, first, FakeDraftEngine({}), agent_name="ann")
        follower = ModelFollower(
            service, registry, {"intent": default_intent_loader}, current={"intent": v1.version}
        )
        swaps: list[str] = []
        follower.on_swap = lambda kind, version: swaps.append(version)
        n = 0

        async def message() -> None:
            nonlocal n
            n += 1
            await service.handle_message(IncomingMessage(f"m{n}", f"c{n}", "where is my parcel 7"))

        await message()
        assert follower.check() == []  # nothing changed
        registry.promote(v2.version)  # e.g. from the console on another machine
        assert follower.check() == ["intent"]
        assert service.intent_engine.version == v2.version  # type: ignore[union-attr]
        await message()
        registry.rollback("intent")
        assert follower.check() == ["intent"]
        await message()
        await service.wait_idle()
        await service.aclose()
        db.writer.write(lambda s: None)
        assert swaps == [v2.version, v1.version]
        with db.read() as s:
            return list(s.scalars(select(IntentPredictionRow.model_version).order_by(IntentPredictionRow.id)))

    try:
        logged = asyncio.run(scenario())
    finally:
        db.close()
    # the same service, never restarted, classified with v1, then v2, then v1 again
    assert logged == [v1.version, v2.version, v1.version]


def test_broken_model_keeps_the_current_engine(sqlite_url: str, tmp_path: Path) -> None:
    db = Database.open(sqlite_url)
    registry = Registry(db, tmp_path / "models")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "assist.json").write_text('{"version": "intent-broken"}')
    (broken / "config.json").write_text("{not json")
    registry.register("intent", broken)
    registry.promote("intent-broken")
    errors: list[str] = []

    class Service:
        swapped = False

        def swap_engines(self, **kw: Any) -> None:
            self.swapped = True

    service = Service()
    follower = ModelFollower(
        service,
        registry,
        {"intent": default_intent_loader},
        on_error=lambda kind, exc: errors.append(str(exc)),
    )
    try:
        assert follower.check() == [] and not service.swapped and errors
        assert follower.check() == [] and len(errors) == 1  # not retried every poll
    finally:
        db.close()
