"""An A/B test really serves two versions: each new conversation gets an arm once, every message
of it is classified / drafted by that arm's engine, and the logged rows say so.

Real SQLite file, the real registry, ``ModelFollower`` and ``load_engines``; keyword fakes
stand in for the models (their version is what gets logged).
"""

from __future__ import annotations

import asyncio
import json
import math
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assist.config import Settings
from assist.learning.hotswap import ModelFollower
from assist.learning.quality import ab_comparison, assign_arm
from assist.learning.registry import ModelVersionInfo, Registry
from assist.service import AssistService
from assist.service import engines as engines_mod
from assist.service.engines import load_engines
from assist.storage.database import Database
from assist.storage.models import Conversation, IntentPredictionRow, Message, Suggestion

from .conftest import HashEmbedder, draft_engine, intent_engine, message

TEXTS = ["where is my order", "I want a refund", "please cancel it", "hello there"]


def _registry(db: Database, tmp_path: Path, kind: str, *versions: str) -> Registry:
    registry = Registry(db, tmp_path / "models")
    for v in versions:
        src = tmp_path / "src" / v
        src.mkdir(parents=True)
        (src / "assist.json").write_text(json.dumps({"kind": kind, "version": v}))
        registry.register(kind, src)
    registry.promote(versions[0])
    return registry


def _follower(service: Any, registry: Registry, kind: str, errors: list[Any] | None = None) -> ModelFollower:
    def load(info: ModelVersionInfo) -> Any:
        if "broken" in info.version:
            raise RuntimeError(f"{info.version}: config.json is not valid JSON")
        return intent_engine(info.version) if kind == "intent" else draft_engine(info.version)

    return ModelFollower(
        service,
        registry,
        {kind: load},
        current={kind: registry.active_version(kind)},
        on_error=(lambda k, exc: errors.append((k, str(exc)))) if errors is not None else None,
    )


async def _talk(svc: AssistService, convs: list[str], turns: int, tag: str, *, send: bool = False) -> None:
    """Each conversation gets ``turns`` customer messages (one at a time); with ``send`` the agent
    replies after each, from the first draft in even conversations and typed in odd ones."""
    for t in range(turns):
        for i, conv in enumerate(convs):
            await svc.handle_message(message(f"{tag}-{conv}-{t}", conv, TEXTS[(i + t) % len(TEXTS)]))
            if send:
                if i % 2 == 0 and svc.insert_draft(conv, 0) is not None:
                    await svc.send(conv, svc.state(conv).inserted.text)  # type: ignore[union-attr]
                else:
                    await svc.send(conv, f"typed reply {t}")


def _served(db: Database, table: Any) -> dict[str, set[str]]:
    """conversation -> the model versions in its logged rows of ``table``."""
    db.writer.write(lambda s: None)  # everything submitted is committed
    with db.read() as s:
        rows = s.execute(
            select(Message.conversation_id, table.model_version).join(Message, Message.id == table.message_id)
        ).all()
    out: dict[str, set[str]] = {}
    for conv, version in rows:
        out.setdefault(conv, set()).add(version)
    return out


def _arms(db: Database) -> dict[str, str | None]:
    with db.read() as s:
        return dict(s.execute(select(Conversation.id, Conversation.ab_arm)).tuples().all())


def test_intent_ab_serves_each_conversation_with_its_arm(db: Database, tmp_path: Path) -> None:
    registry = _registry(db, tmp_path, "intent", "intent-A", "intent-B")
    before = ["old-0", "old-1"]  # conversations that began before the test
    convs = [f"c{i}" for i in range(120)]

    async def scenario() -> tuple[list[str], list[str]]:
        svc = AssistService(db, intent_engine("intent-A"), draft_engine("drafts-1"), agent_name="lin")
        follower = _follower(svc, registry, "intent")
        await _talk(svc, before, 1, "pre")
        registry.start_ab("intent-B")
        swapped = follower.check()
        split = svc.ab_split
        assert split is not None and (split.promoted, split.challenger) == ("intent-A", "intent-B")
        await _talk(svc, [*before, *convs], 3, "ab")
        await svc.aclose()
        return swapped, follower.check()

    swapped, again = asyncio.run(scenario())
    assert swapped == ["ab"] and again == []
    arms = _arms(db)
    assert arms["old-0"] is None and arms["old-1"] is None
    assert [arms[c] for c in convs] == [assign_arm(c, ("intent-A", "intent-B")) for c in convs]
    counts = Counter(arms[c] for c in convs)
    assert set(counts) == {"intent-A", "intent-B"}
    assert 35 <= counts["intent-B"] <= 85  # binomial(120, 0.5): mean 60, sd 5.5
    served = _served(db, IntentPredictionRow)
    for c in convs:
        assert served[c] == {arms[c]}, c  # all three messages, on the arm's engine
    assert served["old-0"] == served["old-1"] == {"intent-A"}
    drafts = _served(db, Suggestion)
    assert all(drafts[c] == {"drafts-1"} for c in convs)  # the drafts were not under test


def test_drafts_ab_suggestions_carry_the_arm_and_ab_comparison_matches_raw_rows(
    db: Database, tmp_path: Path
) -> None:
    registry = _registry(db, tmp_path, "drafts", "drafts-A", "drafts-B")
    convs = [f"d{i}" for i in range(60)]

    async def scenario() -> None:
        svc = AssistService(db, intent_engine("intent-1"), draft_engine("drafts-A"), agent_name="lin")
        registry.start_ab("drafts-B")
        assert _follower(svc, registry, "drafts").check() == ["ab"]
        await _talk(svc, convs, 2, "m", send=True)
        await svc.regenerate(convs[0])
        await svc.regenerate(convs[1])
        await svc.aclose()

    asyncio.run(scenario())
    arms = _arms(db)
    assert {arms[c] for c in convs} == {"drafts-A", "drafts-B"}
    served = _served(db, Suggestion)
    for c in convs:
        assert served[c] == {arms[c]}, c  # regenerated drafts too
    assert all(v == {"intent-1"} for v in _served(db, IntentPredictionRow).values())

    # ab_comparison against the raw rows, read with plain sqlite3
    with sqlite3.connect(db.url.removeprefix("sqlite:///")) as raw:
        rows = raw.execute(
            "SELECT c.ab_arm, a.suggestion_id FROM agent_actions a JOIN conversations c "
            "ON c.id = a.conversation_id WHERE a.kind = 'sent' AND c.ab_arm IS NOT NULL"
        ).fetchall()
    expected = {}
    for arm in ("drafts-A", "drafts-B"):
        n = sum(1 for a, _ in rows if a == arm)
        k = sum(1 for a, sid in rows if a == arm and sid is not None)
        z = 1.96
        centre = (k / n + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(k / n * (1 - k / n) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        expected[arm] = (n, k, k / n, centre - half, centre + half)
    assert sum(e[0] for e in expected.values()) == 2 * len(convs)
    assert 0 < expected["drafts-A"][1] < expected["drafts-A"][0]  # a mix of draft-based and typed
    with db.read() as s:
        table = ab_comparison(s)
    assert [r[0] for r in table.rows] == ["drafts-A", "drafts-B"]
    for arm, n, k, rate, lo, hi in table.rows:
        assert (n, k) == expected[arm][:2]
        assert rate == pytest.approx(expected[arm][2])
        assert (lo, hi) == (pytest.approx(expected[arm][3]), pytest.approx(expected[arm][4]))


def test_stopping_the_test_returns_everyone_to_the_promoted_version(db: Database, tmp_path: Path) -> None:
    registry = _registry(db, tmp_path, "intent", "intent-A", "intent-B")
    convs = [f"s{i}" for i in range(30)]

    async def scenario() -> list[str]:
        svc = AssistService(db, intent_engine("intent-A"), draft_engine(), agent_name="lin")
        follower = _follower(svc, registry, "intent")
        registry.start_ab("intent-B")
        follower.check()
        await _talk(svc, convs, 1, "during")
        assert registry.stop_ab() is not None
        stopped = follower.check()
        assert svc.ab_split is None
        await _talk(svc, [*convs, "new-after"], 1, "after")
        await svc.aclose()
        return stopped

    assert asyncio.run(scenario()) == ["ab"]
    db.writer.write(lambda s: None)
    with db.read() as s:
        after = s.execute(
            select(Message.conversation_id, IntentPredictionRow.model_version)
            .join(Message, Message.id == IntentPredictionRow.message_id)
            .where(Message.external_id.like("after-%"))
        ).all()
    assert len(after) == len(convs) + 1 and {v for _, v in after} == {"intent-A"}
    arms = _arms(db)
    assert "intent-B" in {arms[c] for c in convs}  # the challenger did serve during the test
    assert arms["new-after"] is None
    assert registry.get("intent-B").status == "candidate"  # type: ignore[union-attr]


def test_promoting_the_challenger_ends_the_test_atomically(db: Database, tmp_path: Path) -> None:
    registry = _registry(db, tmp_path, "intent", "intent-A", "intent-B")

    async def scenario() -> list[str]:
        svc = AssistService(db, intent_engine("intent-A"), draft_engine(), agent_name="lin")
        follower = _follower(svc, registry, "intent")
        registry.start_ab("intent-B")
        follower.check()
        await _talk(svc, ["p0", "p1", "p2", "p3"], 1, "during")
        registry.promote("intent-B")
        swapped = follower.check()
        assert svc.intent_engine.version == "intent-B" and svc.ab_split is None  # type: ignore[union-attr]
        await _talk(svc, ["p0", "p1", "p2", "p3", "p4"], 1, "after")
        await svc.aclose()
        return swapped

    assert asyncio.run(scenario()) == ["intent", "ab"]
    assert registry.ab_test() is None
    served = _served(db, IntentPredictionRow)
    assert served["p4"] == {"intent-B"}


def test_a_challenger_that_fails_to_load_leaves_the_promoted_serving(db: Database, tmp_path: Path) -> None:
    registry = _registry(db, tmp_path, "intent", "intent-A", "intent-broken")
    errors: list[Any] = []

    async def scenario() -> None:
        svc = AssistService(db, intent_engine("intent-A"), draft_engine(), agent_name="lin")
        follower = _follower(svc, registry, "intent", errors)
        registry.start_ab("intent-broken")
        assert follower.check() == ["ab"]
        assert follower.check() == []  # not retried every poll
        assert svc.ab_split is None
        await _talk(svc, [f"f{i}" for i in range(20)], 2, "m")
        await svc.aclose()

    asyncio.run(scenario())
    assert len(errors) == 1 and errors[0][0] == "ab" and "intent-broken" in errors[0][1]
    assert set(_arms(db).values()) == {None}
    assert {v for vs in _served(db, IntentPredictionRow).values() for v in vs} == {"intent-A"}


def test_load_engines_loads_the_challenger_or_says_why_not(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk's path: ``load_engines`` (run off the UI thread) returns the split as ``ab``."""
    registry = _registry(db, tmp_path, "intent", "intent-A", "intent-B", "intent-broken")
    settings = Settings(data_dir=tmp_path)

    def fake_load(settings: Settings, path: str) -> Any:
        version = Path(path).name
        if "broken" in version:
            raise RuntimeError("config.json is not valid JSON")
        return intent_engine(version)

    monkeypatch.setattr(engines_mod, "load_intent", fake_load)
    loaded = load_engines(settings, db, embedder=HashEmbedder())
    assert loaded.intent.version == "intent-A" and loaded.ab is None  # type: ignore[union-attr]

    registry.start_ab("intent-B")
    loaded = load_engines(settings, db, embedder=HashEmbedder())
    assert loaded.ab is not None and loaded.ab.engine.version == "intent-B"
    assert loaded.ab.arms == ("intent-A", "intent-B")

    registry.stop_ab()
    registry.start_ab("intent-broken")
    loaded = load_engines(settings, db, embedder=HashEmbedder())
    assert loaded.ab is None and loaded.intent.version == "intent-A"  # type: ignore[union-attr]
    (why,) = [p for p in loaded.problems if p.startswith("A/B test not running")]
    assert "intent-broken" in why and "everyone gets intent-A" in why

    pinned = settings.replace(intent_model_dir=str(registry.get("intent-A").path))  # type: ignore[union-attr]
    registry.stop_ab()
    registry.start_ab("intent-B")
    loaded = load_engines(pinned, db, embedder=HashEmbedder())
    assert loaded.ab is not None  # the pinned directory is the promoted one
