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
