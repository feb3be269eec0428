"""Facts a draft states, and which of them its sources do not support."""

from __future__ import annotations

from assist.drafts.entities import entities, unsupported_entities


def test_facts_of_each_kind_are_found_and_placeholders_are_not_facts() -> None:
    text = ("Hi John, your refund of $49.99 for order #A-10023 was sent on 12 March to jane@example.org. "
            "{{Order Number}} {订单号} 张先生 退款 1,200 元 on 2024-01-05")  # fmt: skip
    kinds = {kind for kind, _ in entities(text)}
    assert kinds == {"name", "amount", "id", "date", "email"}
    values = {v for _, v in entities(text)}
    assert {"John", "$49.99", "#A-10023", "12 March", "jane@example.org", "张", "1,200 元", "2024-01-05"} <= values
    assert not any("Order Number" in v or "订单号" in v for v in values)


def test_everyday_phrases_are_not_facts() -> None:
    assert entities("We reply 24/7 and refunds take 3-5 business days. Hi there, dear customer!") == []


def test_only_facts_missing_from_every_source_are_unsupported() -> None:
    draft = "Your order 370795561790 ships on March 3; we refunded $20."
    sources = ["hi, where is order 370 795 561 790?", "Refunds of $20 take a week."]
    assert unsupported_entities(draft, sources) == [("date", "March 3")]
    assert unsupported_entities("您的订单20231234已发货", ["订单号 20231234"]) == []
    assert unsupported_entities("您的订单20239999已发货", ["订单号 20231234"]) == [("id", "20239999")]


def test_a_stored_reply_with_another_customers_order_number_is_marked_and_ranked_down(embedder) -> None:  # type: ignore[no-untyped-def]
    from assist.core.records import ReplyTemplate
    from assist.core.types import DraftRequest
    from assist.drafts.engine import HybridDraftEngine
    from assist.drafts.loading import library_items
    from assist.drafts.retrieval import ReplyIndex

    index = ReplyIndex(embedder)
    index.add(library_items([
        ReplyTemplate("a", "track_order", "Your order 55501234 is on its way and arrives in three days.", "en"),
        ReplyTemplate("b", "track_order", "Your order {{Order Number}} is on its way and arrives in three days.", "en"),
    ]))  # fmt: skip
    engine = HybridDraftEngine(index, None)
    drafts = engine.suggest(DraftRequest("c", "where is my order 77812345?", intent="track_order", lang="en", k=2)).drafts
    assert [d.reference_id for d in drafts] == ["b", "a"]  # the filled placeholder beats the wrong number
    assert drafts[0].text.startswith("Your order 77812345") and drafts[0].unsupported_facts == ()
    assert drafts[1].unsupported_facts == ("55501234",)
