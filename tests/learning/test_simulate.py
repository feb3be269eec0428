"""The simulated agent drives the real AssistService and what it did is what the logs say.

Engines here are the interface fakes (the full loop with trained models is `assist simulate`,
whose numbers are in the README); storage, the pipeline and the analytics are real.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import func, select

from assist.core.records import ConversationRecord, ReplyPairRecord
from assist.drafts.base import FakeDraftEngine
from assist.intent.base import FakeIntentEngine
from assist.learning.analytics import funnel
from assist.learning.simulate import evaluate, replay
from assist.service import AssistService
from assist.storage.database import Database
from assist.storage.models import IntentCorrection

KEYWORDS = {"track_order": ["where", "parcel"], "refund": ["refund", "money"]}
REPLIES = {
    "track_order": ["Your parcel is on its way and arrives tomorrow.", "Let me check the carrier for you."],
    "refund": ["I have issued your refund; it takes 3-5 days.", "Refunds go back to the original card."],
}


def corpus() -> list[ConversationRecord]:
    turns = [
        # (customer, gold intent, reference reply)
        ("where is my parcel", "track_order", "Your parcel is on its way and arrives tomorrow."),  # as-is
        (
            "I want my money back",
            "refund",
            "I have issued your refund today; it takes about a week.",
        ),  # edited
        (
            "parcel missing, where?",
            "track_order",
            "So sorry! A replacement ships today with express post.",
        ),  # typed
        (
            "where is the parcel refund",
            "refund",
            "Refunds go back to the original card.",
        ),  # mispredicted -> corrected, as-is
    ]
    return [
        ConversationRecord(f"s{i}", (ReplyPairRecord(c, r, intent, "en"),), "en")
        for i, (c, intent, r) in enumerate(turns)
    ]


def test_replay_logs_what_the_simulated_agent_did(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'sim.sqlite'}")
    drafts = FakeDraftEngine(REPLIES)
    intents = FakeIntentEngine(KEYWORDS)

    async def run() -> dict[str, int]:
        service = AssistService(db, intents, drafts, agent_name="sim", source="simulate")
        counts = await replay(service, drafts, corpus(), threshold=0.5)
        await service.wait_idle()
        await service.aclose()
        return counts

    try:
        counts = asyncio.run(run())
        db.writer.write(lambda s: None)
        assert counts == {"messages": 4, "corrected": 1, "as_is": 2, "edited": 1, "typed": 1}
        with db.read() as s:
            row = funnel(s).as_dicts()[0]
            corrections = s.scalar(select(func.count()).select_from(IntentCorrection))
        assert corrections == 1
        assert (row["sent"], row["sent_as_is"], row["sent_typed"]) == (4, 2, 1)
        assert row["sent_light_edit"] + row["sent_heavy_edit"] == 1
        assert row["acceptance_rate"] == 0.75
    finally:
        db.close()


def test_evaluate_counts_accuracy_and_acceptance() -> None:
    result = evaluate(FakeIntentEngine(KEYWORDS), FakeDraftEngine(REPLIES), corpus(), threshold=0.5)
    # "where is the parcel refund" is classified track_order (two of its keywords against one)
    assert result["n"] == 4
    assert result["intent_accuracy"] == 0.75
    assert result["acceptance"] == 0.75  # all but the typed reply reach the threshold
