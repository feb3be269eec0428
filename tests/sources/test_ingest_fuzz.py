"""Property-based fuzzing of the ingest body parser and the file readers: a clear error or a
valid record, never a crash and never a silently cut text."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assist.core.errors import ImportDataError
from assist.core.text import MAX_MESSAGE_CHARS
from assist.data.readers import read_conversations, read_pairs, read_utterances
from assist.sources.ingest import ID_FIELDS, RequestError, parse_message

FIELDS = {*ID_FIELDS, "text", "ts", None}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
texts = st.text(max_size=200) | st.sampled_from(
    ["<b>hi</b>", "\u202eevil", "😀 你好", " ", "x" * (MAX_MESSAGE_CHARS + 1)]
)
bodies = st.fixed_dictionaries(
    {},
    optional={
        "message_id": st.text(max_size=210) | json_values,
        "conversation_id": st.text(max_size=210) | json_values,
        "text": texts | json_values,
        "customer_id": st.text(max_size=20) | json_values,
        "channel": json_values,
        "lang": st.sampled_from(["en", "zh", "x" * 30]) | json_values,
        "ts": st.sampled_from(
            ["2026-01-01T00:00:00Z", "1999-01-01", "not a time", "2026-01-01T08:00:00+08:00"]
        )
        | st.integers()
        | st.floats(allow_nan=True)
        | json_values,
    },
)


def check(raw: bytes) -> None:
    try:
        msg = parse_message(raw)
    except RequestError as err:
        assert 400 <= err.status < 500 and err.error and err.field in FIELDS
        return
    assert msg.text.strip() and len(msg.text) <= MAX_MESSAGE_CHARS
    assert msg.message_id and msg.conversation_id and msg.ts.tzinfo is not None


@settings(max_examples=200, deadline=None)
@given(bodies)
def test_any_json_object_is_a_message_or_a_named_4xx(body: dict[str, Any]) -> None:
    check(json.dumps(body).encode())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_a_message_or_a_4xx(raw: bytes) -> None:
    check(raw)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([".csv", ".json", ".jsonl", ".txt"]),
    st.binary(max_size=400)
    | st.lists(json_values, max_size=5).map(lambda rows: "\n".join(json.dumps(r) for r in rows).encode())
    | st.lists(st.fixed_dictionaries({"conversations": json_values}), max_size=3).map(
        lambda v: json.dumps(v).encode()
    )
    | st.text(max_size=400).map(lambda s: ("text,label\n" + s).encode("utf-8", "surrogatepass")),
)
def test_readers_return_records_or_raise_import_errors(suffix: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(content)
        for reader in (read_utterances, read_pairs, read_conversations):
            try:
                records = reader(path)
            except ImportDataError as err:
                assert str(err).startswith(str(path)) and err.problem
                continue
            assert records
