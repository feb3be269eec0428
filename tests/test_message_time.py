"""One reading of a message's time for every source (ingest API, Chatwoot): ISO 8601 or Unix
seconds, in UTC; unreadable or out of range (before 2000, over a year ahead) is None."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from assist.core.types import message_time, utcnow


def test_iso_and_unix_seconds_read_as_utc() -> None:
    assert message_time("2026-03-01T08:00:00Z") == datetime(2026, 3, 1, 8, tzinfo=UTC)
    assert message_time("2026-03-01T16:00:00+08:00") == datetime(2026, 3, 1, 8, tzinfo=UTC)
    assert message_time("2026-03-01 08:00:00") == datetime(2026, 3, 1, 8, tzinfo=UTC)  # naive is UTC
    assert message_time(1_772_352_000) == datetime(2026, 3, 1, 8, tzinfo=UTC)


def test_unreadable_or_out_of_range_is_none() -> None:
    for value in (None, True, "", "yesterday", [1], float("nan"), 10**30, "0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z"):
        assert message_time(value) is None, value
    assert message_time((utcnow() + timedelta(days=400)).isoformat()) is None
    assert message_time((utcnow() + timedelta(days=300)).isoformat()) is not None
