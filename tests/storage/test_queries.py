"""Read helpers for the desk: queue, history, outbox backlog, latest prediction (both databases)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from assist.core.types import IncomingMessage, IntentPrediction, IntentScore
from assist.storage import events, queries
from assist.storage.database import Database

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def _msg(db: Database, mid: str, cid: str, text: str, minutes: int) -> int:
    msg = IncomingMessage(mid, cid, text, customer_id=f"cust-{cid}", ts=T0 + timedelta(minutes=minutes))
    return db.writer.write(events.ingest_message(msg)).message_pk


def _pred(label: str, oos: bool = False) -> IntentPrediction:
    return IntentPrediction((IntentScore(label, 0.7), IntentScore("other", 0.2)), oos, "v1", latency_ms=3.0)


def test_queue_counts_unread_after_last_agent_reply_and_orders_by_wait(database: Database) -> None:
    w = database.writer
    a1 = _msg(database, "a1", "A", "where is my order", 0)
    w.write(events.log_prediction(a1, _pred("order_status")))
    w.write(events.send_reply("A", "Checking now.", agent_name="lin", reply_to_pk=a1))
    a2 = _msg(database, "a2", "A", "still nothing?", 10)
    _msg(database, "a3", "A", "<b>hello??</b>   \n  anyone", 11)
    w.write(events.log_prediction(a2, _pred("order_status")))
    b1 = _msg(database, "b1", "B", "asdf qwerty", 5)
    w.write(events.log_prediction(b1, _pred("refund", oos=True)))
    c1 = _msg(database, "c1", "C", "refund please", 1)
    w.write(events.log_prediction(c1, _pred("order_status")))
    w.write(events.log_correction(c1, to_label="refund", from_label="order_status", agent_name="lin"))
    w.write(events.send_reply("C", "Done.", agent_name="lin", reply_to_pk=c1))

    with database.read() as s:
        rows = queries.queue_rows(s)
    by_id = {r.conversation_id: r for r in rows}
    assert [r.conversation_id for r in rows][:2] == ["B", "A"]  # waiting longest first
    a, b, c = by_id["A"], by_id["B"], by_id["C"]
    assert (a.unread, a.waiting_since, a.last_role) == (2, T0 + timedelta(minutes=10), "customer")
    assert a.last_preview == "<b>hello??</b> anyone"  # one line, literal text
    assert a.top_intent is None  # the newest customer message has no prediction yet
    assert (b.unread, b.top_intent, b.out_of_scope, b.customer_id) == (1, "refund", True, "cust-B")
    assert (c.unread, c.waiting_since, c.last_role) == (0, None, "agent")
    assert (c.top_intent, c.corrected, c.out_of_scope) == ("refund", True, False)
    assert all(r.last_message_at.tzinfo is not None for r in rows)
    with database.read() as s:
        assert len(queries.queue_rows(s, limit=1)) == 1


def test_history_is_chronological_and_limited(database: Database) -> None:
    pk = _msg(database, "m1", "X", "hi", 0)
    database.writer.write(events.send_reply("X", "hello!", agent_name="lin", reply_to_pk=pk))
    _msg(database, "m2", "X", "thanks", 2)
    with database.read() as s:
        items = queries.history(s, "X")
        last_two = queries.history(s, "X", limit=2)
        assert queries.history(s, "nope") == []
    assert [(i.role, i.text) for i in items] == [
        ("customer", "hi"),
        ("agent", "hello!"),
        ("customer", "thanks"),
    ]
    assert items[0].message_pk == pk and items[0].ts == T0
    assert [i.text for i in last_two] == ["hello!", "thanks"]


def test_outbox_backlog_and_latest_prediction(database: Database) -> None:
    w = database.writer
    pk = _msg(database, "m1", "X", "hi", 0)
    with database.read() as s:
        assert queries.outbox_backlog(s) == 0
        assert queries.latest_prediction(s, pk) is None
    w.write(events.send_reply("X", "one", agent_name="lin"))
    w.write(events.send_reply("X", "two", agent_name="lin"))
    w.write(events.log_prediction(pk, _pred("greeting")))
    second = w.write(events.log_prediction(pk, _pred("thanks", oos=True)))
    with database.read() as s:
        assert queries.outbox_backlog(s) == 2
        stored = queries.latest_prediction(s, pk)
    assert stored is not None and stored.id == second and stored.message_pk == pk
    assert stored.top == IntentScore("thanks", 0.7) and stored.out_of_scope
    assert [sc.label for sc in stored.prediction.ranking] == ["thanks", "other"]
    assert stored.model_version == "v1" and stored.prediction.latency_ms == 3.0
