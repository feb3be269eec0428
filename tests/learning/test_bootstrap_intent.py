"""First start, intent half, end to end through production code on a fresh data dir.

``ASSIST_BOOTSTRAP_TINY=1`` (the ``bootstrap_tiny`` setting) selects the tiny recipes, as a
smoke run would; everything else is the desk's own path: ``kinds_needed`` -> ``run_bootstrap``
(training in a child process, register, promote) -> ``load_engines`` -> ``swap_engines``.
The tiny models are far below the real recipes but must classify the demo shop's English and
Chinese messages clearly better than chance.

Slow: the tiny routed recipe (training/intent_demo_shop.py: 1 MLM epoch, 20 fine-tune epochs at
batch 32) trains two small BERTs from scratch on one thread: about 75 s of CPU, 4-6 minutes of
wall time on two busy cores.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from assist.config import load_settings
from assist.core.records import LabelledText
from assist.core.types import IncomingMessage
from assist.data.demo_shop import load_demo_shop
from assist.intent.loading import load_intent_engine
from assist.learning.registry import Registry
from assist.service import AssistService
from assist.service.bootstrap_runner import kinds_needed, run_bootstrap
from assist.service.engines import fallback_engines, load_engines
from assist.storage.database import Database
from assist.storage.models import IntentPredictionRow
from tests.service.hash_embedder import HashEmbedder

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def test_first_start_trains_registers_and_serves_the_intent_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSIST_BOOTSTRAP_TINY", "1")
    settings = load_settings()  # the fresh data dir tests/conftest.py gives every test
    assert settings.bootstrap_tiny and not settings.models_dir.exists()
    db = Database.open(settings.resolved_database_url)
    try:
        registry = Registry(db, settings.models_dir)
        assert kinds_needed(settings, db) == ["intent", "drafts"]
        progress: list[tuple[str, float]] = []

        async def first_start() -> tuple[dict[str, object], list[str]]:
            start = fallback_engines()  # what the desk serves meanwhile
            service = AssistService(db, start.intent, start.drafts, agent_name="boot", source="replay")
            done = await run_bootstrap(
                settings, db, ["intent"], progress=lambda k, f, m: progress.append((k, f))
            )
            loaded = await asyncio.get_running_loop().run_in_executor(
                None, lambda: load_engines(settings, db, embedder=HashEmbedder())
            )
            service.swap_engines(intent=loaded.intent, drafts=loaded.drafts, ab=loaded.ab)
            for i, u in enumerate(_sample()):
                await service.handle_message(IncomingMessage(f"m{i}", f"c{i}", u.text, lang=u.lang))
            await service.aclose()
            return done, [loaded.intent_path or ""]

        done, (served_path,) = asyncio.run(first_start())
        assert progress[-1] == ("intent", 1.0) and all(k == "intent" for k, _ in progress)
        active = registry.active("intent")
        assert active is not None and done["intent"] == active
        assert active.path.parent == settings.models_dir / "intent" and served_path == str(active.path)
        assert kinds_needed(settings, db) == ["drafts"]

        db.writer.write(lambda s: None)
        with db.read() as s:
            logged = set(s.scalars(select(IntentPredictionRow.model_version)))
        assert logged == {active.version}  # the service switched from the n-gram fallback

        engine = load_intent_engine(active.path)  # loadable on its own, by the production loader
        shop = load_demo_shop()
        for lang in ("en", "zh"):
            rows = [u for u in shop.utterances if (u.lang or "en") == lang]
            preds = engine.classify([u.text for u in rows])
            accuracy = sum(p.top.label == u.label for p, u in zip(preds, rows, strict=True)) / len(rows)
            labels = Counter(u.label for u in rows)
            chance = max(1 / len(labels), max(labels.values()) / len(rows))  # uniform or majority guess
            print(f"{lang}: accuracy {accuracy:.3f} on {len(rows)}, chance {chance:.3f}")
            assert accuracy > 1.5 * chance, (lang, accuracy, chance)
    finally:
        db.close()


def _sample() -> list[LabelledText]:
    """A few demo-shop messages of each language, for the service to classify."""
    shop = load_demo_shop()
    en = [u for u in shop.utterances if (u.lang or "en") == "en"][::100]
    zh = [u for u in shop.utterances if u.lang == "zh"][::100]
    return [*en, *zh]
