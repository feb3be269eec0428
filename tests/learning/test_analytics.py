"""The analytics give the funnel the plan implies, on SQLite and PostgreSQL."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from assist.core.types import utcnow
from assist.learning.analytics import DIMENSIONS, FUNNEL_COLUMNS, all_breakdowns, funnel, transcript
from assist.learning.quality import (
    ab_comparison,
    assign_arm,
    corrections_confusion,
    intent_health,
    model_comparison,
    store_arm,
    wilson,
)
from assist.learning.tables import Period
from assist.storage.models import AgentAction, Suggestion
from tests.learning import scenario


@pytest.fixture
def planned(database: Any) -> list[scenario.Planned]:
    plan = scenario.plan_messages()
    scenario.build(database, plan)
    return plan


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or abs(a - b) < 1e-9
    return bool(a == b)


@pytest.mark.parametrize("dimension", [None, *DIMENSIONS])
def test_funnel_matches_the_plan(
    database: Any, planned: list[scenario.Planned], dimension: str | None
) -> None:
    with database.read() as s:
        tables = all_breakdowns(s)
    table = tables["funnel" if dimension is None else dimension]
    expected = scenario.expected_funnel(planned, dimension)
    got = {row[0]: dict(zip(table.columns[1:], row[1:], strict=True)) for row in table.rows}
    assert set(got) == set(expected)
    for key, exp in expected.items():
        for col in FUNNEL_COLUMNS:
            assert _same(got[key][col], exp[col]), (dimension, key, col, got[key][col], exp[col])


def test_funnel_is_consistent_with_raw_rows(database: Any, planned: list[scenario.Planned]) -> None:
    """A second, independent count straight from the tables."""
    with database.read() as s:
        shown = s.scalar(select(func.count()).select_from(Suggestion))
        sent = s.scalar(select(func.count()).where(AgentAction.kind == "sent"))
        from_draft = s.scalar(
            select(func.count()).where(AgentAction.kind == "sent", AgentAction.suggestion_id.is_not(None))
        )
        row = funnel(s).as_dicts()[0]
    assert (row["drafts_shown"], row["sent"]) == (shown, sent) == (3 * len(planned), len(planned))
    assert row["acceptance_rate"] == pytest.approx(from_draft / sent)


def test_period_filter_and_drill_down(database: Any, planned: list[scenario.Planned]) -> None:
    today = utcnow().date()
    with database.read() as s:
        table = funnel(s, Period.for_days(today, today))
        lines = transcript(s, planned[0].conversation_id)
    todays = [p for p in planned if p.days_ago == 0]
    exp = scenario.expected_funnel(todays, None)["all"]
    assert table.as_dicts()[0]["sent"] == exp["sent"] == len(todays)
    heavy = {p.conversation_id for p in todays if p.action == "heavy_edit"}
    assert set(table.drill(0, "sent_heavy_edit")) == heavy
    # the drill-down transcript holds the customer text verbatim (HTML included)
    assert lines[0].role == "customer" and lines[0].text == planned[0].text
    with database.read() as s:
        later = funnel(s, Period(utcnow() + timedelta(hours=1), None))
    assert later.rows == []


def test_intent_quality(database: Any, planned: list[scenario.Planned]) -> None:
    with database.read() as s:
        confusion = corrections_confusion(s)
        health = intent_health(s)
    exp: dict[tuple[str, str], int] = {}
    for p in planned:
        if p.corrected:
            exp[(p.predicted, p.corrected)] = exp.get((p.predicted, p.corrected), 0) + 1
    assert {(r[0], r[1]): r[2] for r in confusion.rows} == exp
    for label in scenario.INTENTS:
        mine = [p for p in planned if p.predicted == label]
        row = health.row_for(label)
        assert row is not None
        assert row["predictions"] == len(mine)
        assert row["corrected"] == sum(1 for p in mine if p.corrected)
        assert row["low_confidence"] == sum(1 for p in mine if p.probability < 0.5)
        assert row["mean_confidence"] == pytest.approx(sum(p.probability for p in mine) / len(mine))


def test_model_comparison_with_wilson_intervals(database: Any, planned: list[scenario.Planned]) -> None:
    with database.read() as s:
        table = model_comparison(s)
    for version in scenario.VERSIONS:
        mine = [p for p in planned if p.version == version]
        ok = sum(1 for p in mine if p.action != "typed")
        row = next(r for r in table.as_dicts() if r["kind"] == "drafts" and r["model_version"] == version)
        assert (row["n"], row["successes"]) == (len(mine), ok)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(wilson(ok, len(mine)))
        assert row["ci_low"] < row["rate"] < row["ci_high"]
    v1 = next(r for r in table.as_dicts() if r["model_version"] == "drafts-v1")
    v2 = next(r for r in table.as_dicts() if r["model_version"] == "drafts-v2")
    assert v2["latency_p50_ms"] - v1["latency_p50_ms"] == pytest.approx(50.0)
    intent = next(r for r in table.as_dicts() if r["kind"] == "intent")
    assert intent["successes"] == sum(1 for p in planned if not p.corrected)


def test_intent_agreement_counts_only_predictions_an_agent_judged(database: Any, planned: list[scenario.Planned]) -> None:
    """A message nobody answered or corrected says nothing about the intent model (the outside
    review saw 257 of 257 'agreed' on a desk where most conversations were never answered)."""
    from assist.core.types import IncomingMessage, IntentPrediction, IntentScore
    from assist.storage import events

    w = database.writer
    pk = w.write(events.ingest_message(IncomingMessage("m-open", "c-open", "where is it?"), source="replay")).message_pk
    pred = w.write(events.log_prediction(pk, IntentPrediction((IntentScore("track_order", 0.9),), False, "intent-v1", latency_ms=500.0)))

    def intent_row() -> dict[str, Any]:
        with database.read() as s:
            return next(r for r in model_comparison(s).as_dicts() if r["kind"] == "intent")

    row = intent_row()
    assert (row["n"], row["successes"]) == (len(planned), sum(1 for p in planned if not p.corrected))
    w.write(events.log_correction(pk, to_label="refund", from_label="track_order", agent_name="ann", prediction_id=pred))
    row = intent_row()
    assert (row["n"], row["successes"]) == (len(planned) + 1, sum(1 for p in planned if not p.corrected))


def test_wilson_known_values() -> None:
    lo, hi = wilson(81, 263)  # Wilson (1927) style example; checked against statsmodels' proportion_confint
    assert (round(lo, 4), round(hi, 4)) == (0.2553, 0.3662)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


def test_ab_split_is_deterministic_uniform_and_stored(database: Any, planned: list[scenario.Planned]) -> None:
    versions = ("drafts-v1", "drafts-v2")
    arms = [assign_arm(f"c{i}", versions, seed=3) for i in range(4000)]
    assert arms == [assign_arm(f"c{i}", versions, seed=3) for i in range(4000)]
    assert abs(arms.count("drafts-v1") - 2000) < 150  # ~5 sigma
    assert arms != [assign_arm(f"c{i}", versions, seed=4) for i in range(4000)]
    convs = sorted({p.conversation_id for p in planned})
    stored = [database.writer.write(store_arm(c, versions, seed=3)) for c in convs]
    assert stored == [assign_arm(c, versions, seed=3) for c in convs]
    assert database.writer.write(store_arm(convs[0], ("other",), seed=9)) == stored[0]  # kept once set
    with database.read() as s:
        table = ab_comparison(s)
    for arm in versions:
        mine = [p for p in planned if assign_arm(p.conversation_id, versions, seed=3) == arm]
        row = table.row_for(arm)
        assert row is not None and row["sent"] == len(mine)
        assert row["from_draft"] == sum(1 for p in mine if p.action != "typed")


def test_csv_export_is_plain_and_defused(
    tmp_path: Any, database: Any, planned: list[scenario.Planned]
) -> None:
    from assist.learning.tables import Table

    with database.read() as s:
        text = funnel(s).to_csv(tmp_path / "f.csv")
    assert text.splitlines()[0].split(",")[:3] == ["period", "drafts_shown", "inserted"]
    assert (tmp_path / "f.csv").read_text(encoding="utf-8-sig") == text
    t = Table("t", ("a", "b"), [('=HYPERLINK("x")', "<b>x</b>"), ("中文", 1.5)])
    lines = t.to_csv().splitlines()
    assert lines[1].startswith("\"'=HYPERLINK") and lines[1].endswith("<b>x</b>")
    assert lines[2] == "中文,1.5"
