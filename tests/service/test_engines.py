"""load_engines: the desk always gets working engines, and says why when a model is missing or broken."""

from __future__ import annotations

import json
from pathlib import Path

from assist.config import Settings
from assist.core.types import DraftRequest, utcnow
from assist.service.engines import load_engines
from assist.service.fallback import LibraryDraftEngine, NgramIntentEngine
from assist.storage.database import Database
from assist.storage.models import ModelVersion

from .conftest import HashEmbedder


def test_fresh_install_serves_demo_shop_engines_and_asks_for_bootstrap(db: Database, tmp_path: Path) -> None:
    loaded = load_engines(Settings(data_dir=tmp_path), db, embedder=HashEmbedder())
    assert isinstance(loaded.intent, NgramIntentEngine)
    assert loaded.drafts is not None
    assert loaded.needs_bootstrap
    assert any("no trained intent model yet" in p for p in loaded.problems)
    assert any(p.startswith("drafts are retrieved only: no draft model yet") for p in loaded.problems)
    pred = loaded.intent.classify(["where is my order LL20260412?"])[0]
    assert pred.top.label == "order_status"
    drafts = loaded.drafts.suggest(DraftRequest("c1", "where is my order LL20260412?", intent="order_status"))
    assert drafts.final and len(drafts.drafts) == 3
    assert all(d.text for d in drafts.drafts)


def test_broken_model_dir_falls_back_and_says_why(db: Database, tmp_path: Path) -> None:
    broken = tmp_path / "intent-broken"
    broken.mkdir()
    (broken / "config.json").write_text(json.dumps({"architectures": ["GPT2LMHeadModel"]}))
    loaded = load_engines(
        Settings(data_dir=tmp_path, intent_model_dir=str(broken)), db, embedder=HashEmbedder()
    )
    assert isinstance(loaded.intent, NgramIntentEngine)
    assert loaded.intent_path is None
    (why,) = [p for p in loaded.problems if p.startswith("intent model not loaded")]
    assert str(broken) in why  # names the directory and the problem, not a stack trace
    assert "Traceback" not in why


def test_registry_active_version_is_tried_first(db: Database, tmp_path: Path) -> None:
    missing = tmp_path / "models" / "intent" / "v7"
    db.writer.write(
        lambda s: s.add(
            ModelVersion(
                kind="intent", version="intent-v7", path=str(missing), status="active", promoted_at=utcnow()
            )
        )
    )
    loaded = load_engines(Settings(data_dir=tmp_path), db, embedder=HashEmbedder())
    assert any(str(missing) in p and "does not exist" in p for p in loaded.problems)
    assert isinstance(loaded.intent, NgramIntentEngine)


def test_library_drafts_fill_known_slots_and_keep_unknown_ones_marked() -> None:
    from assist.core.records import ReplyTemplate

    engine = LibraryDraftEngine(
        [
            ReplyTemplate("r1", "order_status", "Order {{Order Number}} arrives on {{Delivery Date}}.", "en"),
            ReplyTemplate("r2", "order_status", "订单{订单号}已发货。", "zh"),
        ]
    )
    en = engine.suggest(DraftRequest("c", "where is order LL20260412?", intent="order_status", lang="en"))
    assert [d.text for d in en.drafts] == ["Order LL20260412 arrives on {{Delivery Date}}."]
    assert en.drafts[0].unfilled_slots == ("{{Delivery Date}}",)
    zh = engine.suggest(DraftRequest("c", "我的订单到哪了", intent="order_status"))
    assert zh.drafts[0].text == "订单{订单号}已发货。" and zh.drafts[0].unfilled_slots == ("{订单号}",)


def test_the_instant_library_drafts_never_show_two_replies_that_contradict_each_other() -> None:
    """The desk's first seconds (and the docs' screenshot) showed "shipped" beside "packed, handed
    to the courier today": the instant engine now keeps claims apart as the hybrid engine does."""
    from assist.data.demo_shop import load_demo_shop

    shop = load_demo_shop()
    claims = {r.id: r.claims for r in shop.replies}
    engine = LibraryDraftEngine(shop.replies)
    for text, lang in (("LL20260478", "zh"), ("怎么还不发货啊，都五天了", "zh"), ("where is my order LL20260412?", "en")):
        shown = engine.suggest(DraftRequest("c", text, intent="order_status", lang=lang, k=3)).drafts
        states = [d.reference_id for d in shown if any(c.startswith("order_state:") for c in claims[d.reference_id or ""])]
        assert len(shown) == 3 and len(states) <= 1, (text, [d.reference_id for d in shown])
