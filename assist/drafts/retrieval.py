"""The reply index: semantic search over the shop's library and replies agents sent before.

Replies are embedded once (MiniLM, unit vectors) and searched by the customer message:
cosine similarity is one matrix-vector product, which stays well under a millisecond per
thousand replies on a CPU, so a flat index is the right tool up to ~100k replies.
The index grows incrementally (``add``) as agents' sent replies are logged.

Privacy: a sent reply was written for one customer and may hold their e-mail, phone or
order details. Replies with ``source="retrieved"`` pass through ``assist.core.redact``
before they are embedded or stored, so a draft shown to another customer never carries
them. If the redactor is not installed, sent replies are refused rather than indexed raw.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from assist.core.errors import AssistError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class IndexedReply:
    """A reply the index can return. ``source`` is ``"library"`` or ``"retrieved"`` (sent before)."""

    id: str
    text: str
    intent: str | None = None
    lang: str | None = None
    source: str = "library"


@dataclass(frozen=True, slots=True)
class RetrievedReply:
    reply: IndexedReply
    similarity: float  # cosine between the query message and the reply
    intent_match: bool  # the reply's intent equals the requested one (True when none requested)

    @property
    def id(self) -> str:
        return self.reply.id

    @property
    def text(self) -> str:
        return self.reply.text

    @property
    def intent(self) -> str | None:
        return self.reply.intent

    @property
    def source(self) -> str:
        return self.reply.source


class RedactionUnavailable(AssistError):
    pass


def load_redactor() -> Callable[[str], str]:
    try:
        from assist.core.redact import redact
    except ImportError as exc:  # the learning engineer's module is not installed yet
        raise RedactionUnavailable(f"assist.core.redact is not available ({exc})") from exc
    return redact


class ReplyIndex:
    """A flat, thread-safe cosine index over reply texts, filtered by intent and language."""

    def __init__(self, embedder: Embedder, *, redactor: Callable[[str], str] | None = None) -> None:
        self.embedder = embedder
        self._redactor = redactor
        self._items: list[IndexedReply] = []
        self._texts: set[tuple[str, str | None]] = set()
        self._ids: set[str] = set()
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> tuple[IndexedReply, ...]:
        return tuple(self._items)

    def _redact(self, item: IndexedReply) -> IndexedReply | None:
        if item.source == "library":
            return item
        if self._redactor is None:
            try:
                self._redactor = load_redactor()
            except RedactionUnavailable as exc:
                log.warning("sent replies not indexed: %s", exc)
                return None
        return replace(item, text=self._redactor(item.text))

    def add(self, items: Sequence[IndexedReply]) -> int:
        """Index new replies (sent ones redacted first); duplicates are skipped. Returns how many were added."""
        fresh: list[IndexedReply] = []
        for raw in items:
            item = self._redact(raw)
            if item is None or not item.text.strip():
                continue
            key = (" ".join(item.text.split()), item.intent)
            if key in self._texts or item.id in self._ids:
                continue
            self._texts.add(key)
            self._ids.add(item.id)
            fresh.append(item)
        if not fresh:
            return 0
        vectors = self.embedder.encode([i.text for i in fresh]).astype(np.float32)
        with self._lock:
            self._items = [*self._items, *fresh]
            self._vectors = vectors if self._vectors is None else np.vstack([self._vectors, vectors])
        return len(fresh)

    def search(
        self, query: str, *, intent: str | None = None, lang: str | None = None, k: int = 5,
        exclude_ids: Sequence[str] = (),
    ) -> list[RetrievedReply]:
        """The ``k`` replies most similar to ``query``; same-intent replies first when ``intent`` is given.

        Replies in another language are left out when ``lang`` is given (replies without a
        language always qualify). When no reply has the intent, the best others are returned
        with ``intent_match=False`` so the ranker can weigh them down.
        """
        with self._lock:
            items, vectors = self._items, self._vectors
        if vectors is None or not items or k <= 0:
            return []
        q = self.embedder.encode([query])[0]
        sims = vectors @ q
        skip = set(exclude_ids)
        ok_lang = np.array([lang is None or it.lang is None or it.lang == lang for it in items])
        ok = ok_lang & np.array([it.id not in skip for it in items])
        if intent is not None:
            same = ok & np.array([it.intent == intent for it in items])
            chosen = self._top(same, sims, k)
            if len(chosen) < k:
                other = ok & ~same
                chosen += self._top(other, sims, k - len(chosen))
        else:
            chosen = self._top(ok, sims, k)
        return [
            RetrievedReply(items[i], float(sims[i]), intent is None or items[i].intent == intent) for i in chosen
        ]

    @staticmethod
    def _top(mask: np.ndarray, sims: np.ndarray, k: int) -> list[int]:
        idx = np.flatnonzero(mask)
        if idx.size == 0 or k <= 0:
            return []
        order = idx[np.argsort(-sims[idx], kind="stable")]
        return [int(i) for i in order[:k]]
