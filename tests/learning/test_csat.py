"""CSAT by how the conversation was answered: unedited draft, edited draft, no draft; with intervals."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from assist.core.types import Draft, DraftSource, IncomingMessage, utcnow
from assist.learning.analytics import CSAT_GROUPS, answered_with, csat_by_draft_use
from assist.learning.tables import Period, mean_interval, wilson
from assist.storage import events, helpdesk
from assist.storage.models import CsatResponse


def _conversation(db: Any, conv: str, *, draft: str | None, sent: str, rating: int) -> None:
    stored = db.writer.submit(
        events.ingest_message(IncomingMessage(f"{conv}-m", conv, "where is it?"))
    ).result(10)
    suggestion = None
    if draft is not None:
        d = Draft(draft, DraftSource.LIBRARY, "drafts-v1")
        suggestion = db.writer.submit(
            events.log_suggestions(stored.message_pk, conv, [d], intent="track")
        ).result(10)[0]
    db.writer.submit(
        events.send_reply(
            conv,
            sent,
            agent_name="ana",
            reply_to_pk=stored.message_pk,
            suggestion_id=suggestion,
            inserted_text=draft,
        )
    ).result(10)
    db.writer.submit(
        helpdesk.store_csat(conv, external_id=f"{conv}-csat", rating=rating, feedback=None, source="chatwoot")
    ).result(10)


def test_csat_is_grouped_by_draft_use_with_intervals(database: Any) -> None:
    _conversation(database, "a", draft="It ships today.", sent="It ships today.", rating=5)
    _conversation(database, "b", draft="It ships today.", sent="It ships today.", rating=4)
    _conversation(database, "c", draft="It ships today.", sent="It ships tomorrow, sorry.", rating=2)
    _conversation(database, "d", draft=None, sent="Let me check.", rating=3)
    _conversation(database, "old", draft=None, sent="Hello", rating=1)
    database.writer.submit(
        lambda s: s.execute(
            update(CsatResponse)
            .where(CsatResponse.conversation_id == "old")
            .values(updated_at=utcnow() - timedelta(days=40))
        )
    ).result(10)
    with database.read() as s:
        table = csat_by_draft_use(s, Period.last_days(30))
        everything = csat_by_draft_use(s)
    rows = {r["answered_with"]: r for r in table.as_dicts()}
    assert list(rows) == list(CSAT_GROUPS)
    unedited, edited, none = rows["unedited draft"], rows["edited draft"], rows["no draft"]
    assert (unedited["rated"], edited["rated"], none["rated"]) == (2, 1, 1)
    mean, low, high = mean_interval([5.0, 4.0])
    assert (unedited["mean_rating"], unedited["rating_ci_low"], unedited["rating_ci_high"]) == (
        mean,
        low,
        high,
    )
    assert mean == 4.5 and high - mean == pytest.approx(12.706 * math.sqrt(0.5) / math.sqrt(2))
    assert unedited["satisfied_rate"] == 1.0
    assert (unedited["ci_low"], unedited["ci_high"]) == wilson(2, 2)
    assert (
        edited["mean_rating"] == 2.0
        and math.isnan(edited["rating_ci_low"])
        and edited["satisfied_rate"] == 0.0
    )
    assert table.drill(0, "rated") == ("a", "b") and table.drill(1, "rated") == ("c",)
    assert {r[0]: r[1] for r in everything.rows}["no draft"] == 2  # the old answer is in "all time"


def test_a_resubmitted_answer_replaces_the_first(database: Any) -> None:
    _conversation(database, "a", draft=None, sent="Hi", rating=1)
    database.writer.submit(
        helpdesk.store_csat(
            "a", external_id="a-csat", rating=5, feedback="changed my mind", source="chatwoot"
        )
    ).result(10)
    with database.read() as s:
        row = csat_by_draft_use(s).row_for("no draft")
    assert row is not None and (row["rated"], row["mean_rating"]) == (1, 5.0)


def test_no_answers_give_empty_groups_not_errors(database: Any) -> None:
    with database.read() as s:
        table = csat_by_draft_use(s)
    assert [r[1] for r in table.rows] == [0, 0, 0]
    assert all(math.isnan(r[2]) for r in table.rows)


def test_answered_with_prefers_edited_then_unedited() -> None:
    assert answered_with(["as_is", "light_edit"]) == "edited draft"
    assert answered_with(["typed", "as_is"]) == "unedited draft"
    assert answered_with(["typed"]) == answered_with([]) == "no draft"


def test_mean_interval_matches_students_t() -> None:
    mean, low, high = mean_interval([1.0, 2.0, 3.0, 4.0, 5.0])
    half = 2.776 * math.sqrt(2.5) / math.sqrt(5)
    assert (mean, low, high) == pytest.approx((3.0, 3.0 - half, 3.0 + half))
    assert math.isnan(mean_interval([4.0])[1]) and math.isnan(mean_interval([])[0])
