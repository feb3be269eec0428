"""The reply index: meaning-based search, intent and language filters, incremental adds, redaction."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from assist.drafts.retrieval import IndexedReply, ReplyIndex


def test_embedder_gives_unit_vectors(embedder: Any) -> None:
    v = embedder.encode(["where is my parcel", "我的包裹在哪里", ""])
    assert v.dtype == np.float32 and v.shape == (3, embedder.dim)
    assert np.allclose(np.linalg.norm(v[:2], axis=1), 1.0, atol=1e-5)
    assert not v[2].any()


def test_search_by_meaning_with_intent_and_language(embedder: Any) -> None:
    index = ReplyIndex(embedder)
    index.add(
        [
            IndexedReply("a", "Your parcel is in transit and arrives on Friday.", "track_order", "en"),
            IndexedReply("b", "Your refund has been sent to your card.", "refund", "en"),
            IndexedReply("c", "您的包裹正在运输中。", "track_order", "zh"),
            IndexedReply("d", "We have cancelled your order.", "cancel_order", "en"),
        ]
    )
    hits = index.search("when will my package be delivered?", k=1)
    assert hits[0].id == "a" and hits[0].intent_match
    refund = index.search("when will my package be delivered?", intent="refund", lang="en", k=2)
    assert [h.id for h in refund][:1] == ["b"] and refund[0].intent_match
    assert refund[1].intent_match is False  # padded with the best other intent
    zh = index.search("包裹", intent="track_order", lang="zh", k=5)
    assert [h.id for h in zh] == ["c"]  # English replies are left out for a Chinese message


def test_incremental_add_and_dedup(embedder: Any) -> None:
    index = ReplyIndex(embedder, redactor=lambda t: t)
    assert index.add([IndexedReply("1", "Thanks, your order ships today.", "track_order")]) == 1
    assert index.add([IndexedReply("2", "Thanks,  your order ships today.", "track_order")]) == 0  # same text
    assert (
        index.add([IndexedReply("3", "The coupon code is valid until Monday.", "coupon", source="retrieved")])
        == 1
    )
    assert len(index) == 2
    assert index.search("coupon expiry", k=1)[0].source == "retrieved"
    assert index.search("coupon expiry", k=1, exclude_ids=["3"])[0].id == "1"


def test_sent_replies_are_redacted_before_indexing(embedder: Any) -> None:
    pytest.importorskip(
        "assist.core.redact", reason="assist.core.redact (learning engineer) not installed yet"
    )
    index = ReplyIndex(embedder)
    index.add(
        [
            IndexedReply(
                "s1",
                "Hi Anna, I emailed the label to anna.lee@example.com, call 415-555-0134.",
                "return",
                source="retrieved",
            )
        ]
    )
    stored = index.items[0].text
    assert "anna.lee@example.com" not in stored and "415-555-0134" not in stored
    hit = index.search("return label", k=1)[0]
    assert "anna.lee@example.com" not in hit.text


def test_sent_replies_refused_without_a_redactor(embedder: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "assist.core.redact", None)  # the module cannot be imported
    index = ReplyIndex(embedder)
    added = index.add(
        [
            IndexedReply("s1", "Sent to bob@example.com", "x", source="retrieved"),
            IndexedReply("l1", "Library text", "x", source="library"),
        ]
    )
    assert added == 1 and [i.id for i in index.items] == ["l1"]


class TableEmbedder:
    """Each text gets a fixed random vector with entries in {-0.25, 0, 0.25} (8 wide): every dot
    product is exact in float32, whatever the summation order, so ties are real ties."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.table: dict[str, np.ndarray] = {}

    def encode(self, texts: Any) -> np.ndarray:
        for t in texts:
            if t not in self.table:
                self.table[t] = (self.rng.integers(-1, 2, size=8) * 0.25).astype(np.float32)
        return np.stack([self.table[t] for t in texts]) if texts else np.zeros((0, 8), np.float32)


def brute_force(
    items: list[IndexedReply], emb: TableEmbedder, query: str, intent: str | None, lang: str | None, k: int,
    exclude: set[str],
) -> list[tuple[str, float, bool]]:
    """The search contract in plain Python: filters, same intent first, best first, ties in insertion order."""
    q = emb.table[query]
    sims = [sum(float(a) * float(b) for a, b in zip(emb.table[it.text], q, strict=True)) for it in items]
    ok = [i for i, it in enumerate(items) if (lang is None or it.lang in (None, lang)) and it.id not in exclude]
    same = [i for i in ok if intent is not None and items[i].intent == intent]
    rest = [i for i in ok if i not in same]

    def best(rows: list[int], n: int) -> list[int]:
        return sorted(rows, key=lambda i: (-sims[i], i))[: max(n, 0)]

    chosen = best(same, k) + best(rest, k - len(best(same, k))) if intent is not None else best(ok, k)
    return [(items[i].id, sims[i], intent is None or items[i].intent == intent) for i in chosen]


def test_search_matches_brute_force_with_filters_ties_and_growth() -> None:
    rng = np.random.default_rng(1)
    emb = TableEmbedder()
    index = ReplyIndex(emb)
    added: list[IndexedReply] = []
    intents: list[str | None] = ["a", "b", "c", None]
    langs: list[str | None] = ["en", "zh", None]
    for batch in (5, 1, 40, 200, 3):  # grows past the columns' initial capacity, one reply at a time too
        new: list[IndexedReply] = []
        for _ in range(batch):
            n = len(added) + len(new)
            intent = intents[int(rng.integers(0, 4))] if n not in (7, 150) else "rare"  # "rare": fewer than k
            new.append(IndexedReply(f"r{n}", f"reply {n}", intent, langs[int(rng.integers(0, 3))]))
        assert index.add(new) == len(new)
        added += new
        assert [i.id for i in index.items] == [i.id for i in added]
        for j in range(40):
            query = f"q{len(added)}-{j}"
            emb.encode([query])
            want_intent = [None, "a", "rare", "missing", "c"][j % 5]
            lang = [None, "en", "zh", "fr"][j % 4]
            k = [1, 3, 10, 60, 1000][(j // 5) % 5]
            exclude = {f"r{int(i)}" for i in rng.integers(0, len(added), size=j % 4)} | {"nope"}
            got = index.search(query, intent=want_intent, lang=lang, k=k, exclude_ids=sorted(exclude))
            want = brute_force(added, emb, query, want_intent, lang, k, exclude)
            assert [(h.id, h.similarity, h.intent_match) for h in got] == want, (want_intent, lang, k)


def test_replies_added_after_build_are_found() -> None:
    emb = TableEmbedder()
    index = ReplyIndex(emb, redactor=lambda t: t)
    index.add([IndexedReply(f"lib{i}", f"library reply {i}", "refund", "en") for i in range(100)])
    emb.table["how do I return this?"] = emb.encode(["a sent reply about returns"])[0]
    assert index.search("how do I return this?", intent="return", k=1)[0].id != "sent1"
    index.add([IndexedReply("sent1", "a sent reply about returns", "return", "en", source="retrieved")])
    hit = index.search("how do I return this?", intent="return", lang="en", k=3)
    assert hit[0].id == "sent1" and hit[0].intent_match and hit[0].source == "retrieved"
    assert [h.intent_match for h in hit[1:]] == [False, False]  # padded from the other intents
    assert index.search("how do I return this?", k=1, exclude_ids=["sent1"])[0].id != "sent1"
    assert index.add([IndexedReply("sent1", "other text", "return")]) == 0  # same id: skipped
