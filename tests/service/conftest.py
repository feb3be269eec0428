"""Helpers for driving AssistService on a real SQLite file: a recording listener and
engines that block until a test lets them go (to prove cancellation and ordering without
timing anything)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from assist.core.types import (
    Draft,
    DraftRequest,
    DraftSet,
    DraftSource,
    IncomingMessage,
    IntentPrediction,
)
from assist.drafts.base import FakeDraftEngine, OnUpdate
from assist.intent.base import FakeIntentEngine
from assist.service.listener import NullListener
from assist.storage.database import Database

from .hash_embedder import HashEmbedder  # noqa: F401 - re-exported for the service tests

KEYWORDS = {
    "order_status": ["where", "order", "订单"],
    "refund": ["refund", "money back", "退款"],
    "cancel_order": ["cancel", "取消"],
}
REPLIES = {
    "order_status": [
        "Your order {{Order Number}} is on its way.",
        "Let me check the status of your order.",
        "I can see your order; it ships today.",
    ],
    "refund": [
        "Your refund has been issued.",
        "Refunds take 3-5 working days.",
        "I have started the refund for you.",
    ],
    "cancel_order": ["I have cancelled the order.", "Cancelling now.", "Done, it is cancelled."],
}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(f"sqlite:///{tmp_path / 'service.sqlite'}")
    yield database
    database.close()


def intent_engine(version: str = "fake-intent-1") -> FakeIntentEngine:
    return FakeIntentEngine(KEYWORDS, version=version)


def draft_engine(version: str = "fake-drafts-1") -> FakeDraftEngine:
    return FakeDraftEngine(REPLIES, version=version)


def message(mid: str, conv: str, text: str) -> IncomingMessage:
    return IncomingMessage(message_id=mid, conversation_id=conv, text=text)


class Recorder(NullListener):
    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []

    def on_message(self, conversation_id: str, message_pk: int, message: IncomingMessage) -> None:
        self.events.append(("message", conversation_id, message.text))

    def on_prediction(self, conversation_id: str, message_pk: int, prediction: IntentPrediction) -> None:
        self.events.append(("prediction", conversation_id, message_pk, prediction))

    def on_drafts(self, conversation_id: str, message_pk: int, drafts: DraftSet) -> None:
        self.events.append(("drafts", conversation_id, message_pk, drafts))

    def on_error(self, where: str, exc: BaseException) -> None:
        self.events.append(("error", where, exc))

    def on_latency(self, name: str, ms: float) -> None:
        self.events.append(("latency", name, ms))

    def on_engines(self, intent_version: str | None, drafts_version: str | None) -> None:
        self.events.append(("engines", intent_version, drafts_version))

    def of(self, kind: str) -> list[tuple[Any, ...]]:
        return [e for e in self.events if e[0] == kind]

    def final_drafts(self, conv: str | None = None) -> list[tuple[Any, ...]]:
        return [e for e in self.of("drafts") if e[3].final and (conv is None or e[1] == conv)]


class GatedDraftEngine:
    """Streams one retrieved draft at once, then waits for ``release`` (or cancel) before the rest.

    ``started`` is set when a call begins; ``calls`` records each request and whether the
    call saw its cancel token set.
    """

    def __init__(self, version: str = "gated-drafts") -> None:
        self.version = version
        self.release = threading.Event()
        self.started = threading.Event()
        self.calls: list[dict[str, Any]] = []

    def suggest(
        self,
        request: DraftRequest,
        *,
        on_update: OnUpdate | None = None,
        cancel: threading.Event | None = None,
    ) -> DraftSet:
        record: dict[str, Any] = {"request": request, "cancelled": False}
        self.calls.append(record)
        first = Draft(f"retrieved for {request.message_text}", DraftSource.RETRIEVED, self.version, rank=0)
        if on_update is not None:
            on_update(DraftSet((first,)))
        self.started.set()
        while not self.release.wait(0.01):
            if cancel is not None and cancel.is_set():
                record["cancelled"] = True
                return DraftSet((first,), final=True, error="cancelled")
        generated = Draft(
            f"generated for {request.message_text}", DraftSource.GENERATED, self.version, rank=1
        )
        return DraftSet((first, generated), final=True)


class GatedIntentEngine:
    """Classifies with the keyword fake, but each call waits for ``release`` first."""

    def __init__(self, version: str = "gated-intent") -> None:
        self._inner = FakeIntentEngine(KEYWORDS, version=version)
        self.release = threading.Event()
        self.started = threading.Event()
        self.batches: list[list[str]] = []

    @property
    def version(self) -> str:
        return self._inner.version

    @property
    def labels(self) -> Sequence[str]:
        return self._inner.labels

    def classify(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[IntentPrediction]:
        self.batches.append(list(texts))
        self.started.set()
        self.release.wait(30)
        return self._inner.classify(texts, contexts)


async def until(predicate: Callable[[], bool], *, limit: float = 20.0) -> None:
    """Yield to the loop until ``predicate`` holds (a guard against hanging, not a timing test)."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.005)
