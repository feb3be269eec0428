"""The reply index: semantic search over the shop's library and replies agents sent before.

Replies are embedded once (MiniLM, unit vectors) and searched by the customer message:
cosine similarity is one matrix-vector product, and the intent / language / exclusion
filters are numpy masks over code columns kept beside the embedding matrix, so a search
costs the product plus a few vectorised passes (no per-reply Python), and a flat index is
the right tool up to ~100k replies. With an intent asked for, only that intent's rows are
scored first (a per-intent row list); the whole matrix is scored only when they are fewer
than ``k``. The index grows incrementally (``add``) as agents' sent replies are logged:
its columns double their capacity when full, so adding is amortised O(new replies).

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
    requires: tuple[str, ...] = ()  # library marks (assist.drafts.conditions)
    claims: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RetrievedReply:
    reply: IndexedReply
    similarity: float  # cosine between the query message and the reply
    intent_match: bool  # the reply's intent equals the requested one (True when none requested)
    vector: np.ndarray | None = None  # the reply's unit embedding, as indexed (a read-only row)

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


class _Column:
    """An append-only numpy column (1-D, or rows of ``width``) whose capacity doubles as it grows.

    Rows ``[0, n)`` never change once written, so a reader may keep a view of them while later
    rows are appended (growing copies into a new buffer; the old one stays valid for that reader).
    """

    def __init__(self, dtype: type, width: int | None = None) -> None:
        self._data: np.ndarray = np.empty((16,) if width is None else (16, width), dtype=dtype)
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        need = self.n + len(values)
        if need > len(self._data):
            grown = np.empty((max(need, 2 * len(self._data)), *self._data.shape[1:]), dtype=self._data.dtype)
            grown[: self.n] = self._data[: self.n]
            self._data = grown
        self._data[self.n : need] = values
        self.n = need

    def view(self) -> np.ndarray:
        return self._data[: self.n]


class _Codes:
    """Small integer codes for intent / language names; ``None`` is -1, an unknown name -2."""

    MISSING, UNKNOWN = -1, -2

    def __init__(self) -> None:
        self._of: dict[str, int] = {}

    def add(self, name: str | None) -> int:
        return self.MISSING if name is None else self._of.setdefault(name, len(self._of))

    def get(self, name: str) -> int:
        return self._of.get(name, self.UNKNOWN)


class ReplyIndex:
    """A flat, thread-safe cosine index over reply texts, filtered by intent and language."""

    def __init__(self, embedder: Embedder, *, redactor: Callable[[str], str] | None = None) -> None:
        self.embedder = embedder
        self._redactor = redactor
        self._items: list[IndexedReply] = []  # appended in place; row i of every column is _items[i]
        self._texts: set[tuple[str, str | None]] = set()
        self._row_of: dict[str, int] = {}  # reply id -> row
        self._vectors: _Column | None = None  # created by the first add (its width is the embedder's)
        self._intents = _Column(np.int32)
        self._langs = _Column(np.int32)
        self._intent_codes = _Codes()
        self._lang_codes = _Codes()
        self._rows_of_intent: dict[int, _Column] = {}  # intent code -> its rows, ascending
        self._lock = threading.Lock()  # guards the columns; held only to append or to take views
        self._add_lock = threading.Lock()  # one writer at a time (dedup, then embed, then append)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> tuple[IndexedReply, ...]:
        with self._lock:
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
        with self._add_lock:
            fresh: list[IndexedReply] = []
            keys: set[tuple[str, str | None]] = set()
            ids: set[str] = set()
            for raw in items:
                item = self._redact(raw)
                if item is None or not item.text.strip():
                    continue
                key = (" ".join(item.text.split()), item.intent)
                if key in self._texts or key in keys or item.id in self._row_of or item.id in ids:
                    continue
                keys.add(key)
                ids.add(item.id)
                fresh.append(item)
            if not fresh:
                return 0
            vectors = np.asarray(self.embedder.encode([i.text for i in fresh]), dtype=np.float32)
            with self._lock:
                base = len(self._items)
                if self._vectors is None:
                    self._vectors = _Column(np.float32, vectors.shape[1])
                self._vectors.extend(vectors)
                intents = np.array([self._intent_codes.add(i.intent) for i in fresh], dtype=np.int32)
                self._intents.extend(intents)
                self._langs.extend(np.array([self._lang_codes.add(i.lang) for i in fresh], dtype=np.int32))
                order = np.argsort(intents, kind="stable")  # rows grouped by intent, ascending within each
                codes, starts = np.unique(intents[order], return_index=True)
                for code, group in zip(codes.tolist(), np.split(order + base, starts[1:]), strict=True):
                    if code != _Codes.MISSING:
                        self._rows_of_intent.setdefault(code, _Column(np.int64)).extend(group)
                for j, item in enumerate(fresh):
                    self._row_of[item.id] = base + j
                self._texts |= keys
                self._items.extend(fresh)
        return len(fresh)

    def search(
        self, query: str, *, intent: str | None = None, lang: str | None = None, k: int = 5,
        exclude_ids: Sequence[str] = (), query_vector: np.ndarray | None = None,
    ) -> list[RetrievedReply]:
        """The ``k`` replies most similar to ``query``; same-intent replies first when ``intent`` is given.

        Replies in another language are left out when ``lang`` is given (replies without a
        language always qualify). When no reply has the intent, the best others are returned
        with ``intent_match=False`` so the ranker can weigh them down. Equal similarities keep
        the order the replies were added in. ``query_vector``: the query's embedding, when the
        caller already has it (then nothing is embedded here).
        """
        with self._lock:
            if self._vectors is None or not self._items or k <= 0:
                return []
            items, vectors, langs, intents = self._items, self._vectors.view(), self._langs.view(), self._intents.view()
            lang_code = None if lang is None else self._lang_codes.get(lang)
            intent_code = None if intent is None else self._intent_codes.get(intent)
            same_col = self._rows_of_intent.get(intent_code) if intent_code is not None else None
            same_rows = same_col.view() if same_col is not None else np.zeros(0, dtype=np.int64)
            excluded = np.array(sorted({self._row_of[i] for i in exclude_ids if i in self._row_of}), dtype=np.int64)
        q = np.asarray(self.embedder.encode([query])[0] if query_vector is None else query_vector, dtype=np.float32)

        def allowed(row_langs: np.ndarray) -> np.ndarray:
            if lang_code is None:
                return np.ones(len(row_langs), dtype=bool)
            return (row_langs == _Codes.MISSING) | (row_langs == lang_code)

        chosen: list[tuple[int, float]] = []
        if intent_code is not None:  # the intent's own rows first: a small gather, not the whole matrix
            rows = same_rows[allowed(langs[same_rows]) & ~np.isin(same_rows, excluded)]
            chosen = _top(rows, vectors[rows] @ q, k)
        if len(chosen) < k:
            sims = vectors @ q
            ok = allowed(langs)
            ok[excluded] = False
            if intent_code is not None:
                ok &= intents != intent_code
            rows = np.flatnonzero(ok)
            chosen += _top(rows, sims[rows], k - len(chosen))
        return [RetrievedReply(items[i], s, intent is None or items[i].intent == intent, vectors[i]) for i, s in chosen]


def _top(rows: np.ndarray, sims: np.ndarray, k: int) -> list[tuple[int, float]]:
    """``(row, similarity)`` of the ``k`` best, best first; ties keep ``rows``' (ascending) order.

    Same result as a stable sort of all of them, in O(n): a partition finds the k-th best
    value, and only the rows at or above it are sorted.
    """
    if rows.size == 0 or k <= 0:
        return []
    keys = np.where(np.isnan(sims), -np.inf, sims)  # a broken vector sorts last, as in a full sort
    if keys.size > k:
        kth = np.partition(keys, keys.size - k)[keys.size - k]
        picked = np.flatnonzero(keys >= kth)
    else:
        picked = np.arange(keys.size)
    order = picked[np.argsort(-keys[picked], kind="stable")][:k]
    return [(int(rows[j]), float(sims[j])) for j in order]
