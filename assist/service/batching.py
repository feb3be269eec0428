"""Micro-batching for the intent engine: messages that arrive while it is busy share a call.

A transformer classifies eight short messages in little more than the time of one, so when a
burst arrives (a replay, a busy shop) the queue is drained in batches: the first message goes
at once, everything that arrives while that call runs goes in the next one. Nothing waits on
a timer, so a lone message never pays for batching.

Every prediction carries the version of the engine that served it (the registry's version: a
routed bilingual model's engines answer with their per-language versions), so what is logged
is what a supervisor promotes, rolls back or A/B-tests.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace

from assist.core.types import IntentPrediction
from assist.intent.base import IntentEngine


@dataclass(slots=True)
class _Pending:
    text: str
    context: str | None
    future: asyncio.Future[IntentPrediction]


class IntentBatcher:
    def __init__(
        self,
        engine: Callable[[], IntentEngine | None],
        executor: Executor,
        *,
        max_batch: int = 16,
    ) -> None:
        self._engine = engine  # read at each batch, so a hot swap takes effect at the next one
        self._executor = executor
        self._max_batch = max_batch
        self._pending: list[_Pending] = []
        self._drainer: asyncio.Task[None] | None = None
        self.batch_sizes: deque[int] = deque(maxlen=1000)  # the latest batches, for tests and benchmarks

    @property
    def queued(self) -> int:
        """Messages waiting for the intent engine (not counting the batch it is working on)."""
        return len(self._pending)

    async def classify(self, text: str, context: str | None) -> IntentPrediction:
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[IntentPrediction] = loop.create_future()
        self._pending.append(_Pending(text, context, fut))
        if self._drainer is None or self._drainer.done():
            self._drainer = loop.create_task(self._drain(), name="assist-intent-batcher")
        return await fut

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            batch = [p for p in self._pending[: self._max_batch] if not p.future.done()]
            del self._pending[: self._max_batch]
            if not batch:
                continue
            engine = self._engine()
            if engine is None:
                err = RuntimeError("no intent model loaded")
                for p in batch:
                    if not p.future.done():
                        p.future.set_exception(err)
                continue
            texts = [p.text for p in batch]
            contexts = [p.context for p in batch]
            started = time.perf_counter()
            try:
                preds = await loop.run_in_executor(self._executor, engine.classify, texts, contexts)
                if len(preds) != len(batch):
                    raise RuntimeError(
                        f"intent engine returned {len(preds)} predictions for {len(batch)} texts"
                    )
            except Exception as exc:  # noqa: BLE001 - handed to every waiter
                for p in batch:
                    if not p.future.done():
                        p.future.set_exception(exc)
                continue
            self.batch_sizes.append(len(batch))
            elapsed = (time.perf_counter() - started) * 1000.0
            version = engine.version
            for p, pred in zip(batch, preds, strict=True):
                if pred.latency_ms <= 0:
                    pred = replace(pred, latency_ms=elapsed)
                if pred.model_version != version:  # a routed model answers with its language's part
                    pred = replace(pred, model_version=version)
                if not p.future.done():
                    p.future.set_result(pred)

    def cancel(self) -> None:
        if self._drainer is not None:
            self._drainer.cancel()
        for p in self._pending:
            if not p.future.done():
                p.future.cancel()
        self._pending.clear()
