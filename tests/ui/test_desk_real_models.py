"""The desk end to end on real (tiny) models: a BERT intent classifier and a GPT-2 draft
generator trained for a few steps by the production training code, loaded by the
production loaders (``load_engines``), driven through the GUI onto real storage."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from assist.config import Settings
from assist.drafts.slots import find_placeholders
from assist.service.engines import load_engines
from assist.storage.database import Database
from assist.storage.models import AgentAction, IntentPredictionRow, Suggestion

from .conftest import Driver, HashEmbedder, customer, start_desk, stop_desk

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import torch

    from assist.data.demo_shop import load_demo_shop
    from training.train_drafts import TrainDraftsArgs
    from training.train_drafts import train as train_drafts
    from training.train_intent import TrainIntentArgs
    from training.train_intent import train as train_intent

    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("tiny-models")
    shop = load_demo_shop()
    pairs = [turn for conv in shop.conversations[:20] for turn in conv.turns]
    drafts = train_drafts(
        TrainDraftsArgs(
            pairs=pairs, out=str(root / "drafts"), base="scratch", recipe="drafts_tiny", max_steps=20, batch_size=8
        )
    )
    examples = [u for u in shop.utterances if u.lang == "en"][::8]
    intent = train_intent(
        TrainIntentArgs(
            examples=examples,
            out=root / "intent",
            backbone="scratch",
            scratch_size="tiny",
            pretrain_epochs=1,
            epochs=1,
            batch_size=16,
            val_fraction=0.2,
            quiet=True,
        )
    )
    return {"intent": intent, "drafts": drafts, "labels": sorted({e.label for e in examples})}


def test_whole_flow_on_tiny_real_models(
    driver: Driver, settings: Settings, database: Database, tiny_models: dict[str, Any]
) -> None:
    settings = settings.replace(
        intent_model_dir=str(tiny_models["intent"].out_dir),
        drafts_model_dir=str(Path(tiny_models["drafts"].out_dir)),
        device="cpu",
    )
    engines = load_engines(settings, database, embedder=HashEmbedder())
    assert engines.problems == [] and engines.intent_path and engines.drafts_path
    desk = start_desk(driver, settings, database, engines=engines)
    w = desk.window
    seen_sources: set[str] = set()
    desk.bridge.drafts.connect(lambda _c, _pk, ds: seen_sources.update(d.source.value for d in ds.drafts))
    try:
        assert w.status.message.text() == ""  # no problem to report
        driver.run(desk.service.handle_message(customer("m1", "c1", "Where is my order LL20260412?")))
        assert w.intents.choices[0].label in tiny_models["labels"]
        assert w.drafts.drafts is not None and w.drafts.drafts.final and w.drafts.drafts.drafts
        QTest.keyClick(w.composer.edit, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        inserted = w.composer.text()
        assert inserted
        QTest.keyClick(w.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if find_placeholders(inserted):  # which draft ranks first depends on the tiny model
            driver.run(asyncio.sleep(0.2))
            assert not desk.controller.sent and w.composer.warning.isVisible()  # stopped once, pointing at it
            QTest.keyClick(w.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # send as it is
        driver.until(lambda: bool(desk.controller.sent))
    finally:
        stop_desk(driver, desk)
    assert "generated" in seen_sources  # the tiny GPT-2 wrote (and streamed) a draft
    database.writer.write(lambda s: None)
    with database.read() as s:
        pred = s.scalars(select(IntentPredictionRow)).one()
        assert pred.model_version == engines.intent.version
        versions = set(s.scalars(select(Suggestion.model_version)))
        assert versions and all(v for v in versions)
        assert [a.kind for a in s.scalars(select(AgentAction).order_by(AgentAction.id))] == [
            "inserted",
            "sent",
        ]


def test_a_promoted_model_is_swapped_into_a_running_desk(
    driver: Driver, settings: Settings, database: Database, tiny_models: dict[str, Any]
) -> None:
    from assist.learning.registry import Registry

    from .conftest import until

    desk = start_desk(driver, settings, database, load_models=True, bootstrap=False, embedder=HashEmbedder())
    registry = Registry(database, settings.models_dir)
    tiny_version = tiny_models["intent"].version

    async def scenario() -> None:
        await until(lambda: len(desk.watchers) == 2)  # real engines loaded, registry watched
        assert desk.service.intent_engine.version == "demo-ngram-1"  # nothing trained yet
        info = registry.register("intent", tiny_models["intent"].out_dir)
        registry.promote(info.version)
        await until(lambda: desk.service.intent_engine.version == tiny_version)
        await desk.service.handle_message(customer("m1", "c1", "where is my order?"))

    try:
        driver.run(scenario())
        assert desk.window.status.models.text().startswith(f"Intents {tiny_version}")
        assert desk.window.intents.choices[0].label in tiny_models["labels"]
    finally:
        stop_desk(driver, desk)


def test_a_desk_whose_active_model_is_broken_serves_the_last_good_one_and_says_so(
    driver: Driver, settings: Settings, database: Database, tiny_models: dict[str, Any], tmp_path: Path
) -> None:
    import shutil

    from assist.learning.registry import Registry

    registry = Registry(database, settings.models_dir)
    good = registry.register("intent", tiny_models["intent"].out_dir)
    registry.promote(good.version)
    broken = tmp_path / "broken-intent"
    shutil.copytree(good.path, broken)
    for weights in broken.glob("*.safetensors"):
        weights.write_bytes(b"truncated")
    registry.register("intent", broken, version="intent-broken")
    registry.promote("intent-broken", reason="a bad copy")
    desk = start_desk(driver, settings, database, load_models=True, bootstrap=False, embedder=HashEmbedder())
    try:
        from .conftest import until

        driver.run(until(lambda: desk.service.intent_engine.version == good.version))
        problems = " ".join(desk.problems)
        assert "intent model intent-broken is broken" in problems
        assert f"serving the last good version {good.version}" in problems
        assert "intent-broken is broken" in desk.window.status.message.text() + desk.window.status.message.toolTip()
    finally:
        stop_desk(driver, desk)
