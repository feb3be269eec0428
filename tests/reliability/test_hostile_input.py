"""Hostile input, property-based (hypothesis), against the real parts:

- the ingest server over real HTTP on loopback, with a real SQLite database behind it:
  every answer is a 2xx (stored) or a 4xx JSON error, never a 5xx and never a dropped
  connection, and a refused request stores nothing (row counts unchanged);
- the importers (``import_file``) and the conversation parser (``read_conversations``) on
  real files: records or an ImportDataError naming the file (and the line when a row is
  at fault), never another exception, and a failed import stores nothing.

Inputs: wrong types, missing fields, deep JSON, invalid UTF-8, control and bidi-override
characters, zero-width characters, emoji, Chinese, escaped lone surrogates, 100k-character
messages, random bytes. Each test prints how many cases it ran.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from assist.config import Settings
from assist.core.errors import ImportDataError
from assist.core.text import MAX_MESSAGE_CHARS
from assist.data.importers import import_file
from assist.data.readers import read_conversations
from assist.sources.ingest import IngestServer
from assist.storage.database import Database
from assist.storage.models import Conversation, Message, ReplyPair, Utterance

TOKEN = "fuzz-token-0123456789abcdef"
HOSTILE = [
    "<b>bold</b><img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>click</a>",
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "a\u200bb\u200d",
    "\x00\x01\x07\x1b[31mred",
    "😀👍🏽🇨🇳",
    "我的订单到哪了？",
    "\r\n\t",
    " ",
    "'; DROP TABLE messages; --",
    "{{Order Number}}",
    "\ufeffbom",
    "e\u0301",
    "\U0010ffff",
]
CASES: dict[str, int] = {}


def _count(name: str) -> None:
    CASES[name] = CASES.get(name, 0) + 1


hostile_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=6).map("".join),
    st.builds(
        lambda s, n: s * n, st.sampled_from(["x", "好", "😀", "ab\u202e"]), st.integers(15_000, 100_000)
    ),
)
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
field_value = st.one_of(hostile_text, json_values, st.text(min_size=1, max_size=12))
bodies = st.fixed_dictionaries(
    {},
    optional={
        k: field_value
        for k in ("message_id", "conversation_id", "text", "customer_id", "channel", "lang", "ts")
    },
)


# ----------------------------------------------------------------------------- ingest over HTTP
class LiveServer:
    """A real IngestServer on its own loop in a thread, with a real SQLite database."""

    def __init__(self, root: Path) -> None:
        self.db = Database.open(f"sqlite:///{root / 'fuzz.sqlite'}")
        settings_ = Settings(
            data_dir=root,
            ingest_token=TOKEN,
            ingest_port=0,
            ingest_rate_per_minute=0,
            ingest_max_body_bytes=512 * 1024,  # larger than the default so 100k-char texts reach the parser
        )
        self.server = IngestServer(self.db, settings_)
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            self.loop.run_until_complete(self.server.start())
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert ready.wait(60)
        self.port = int(self.server.url.rsplit(":", 1)[1])

    def post(self, raw: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(
                "POST",
                "/v1/messages",
                body=raw,
                headers={
                    "Authorization": f"Bearer {TOKEN}",
                    "Content-Type": "application/json",
                    **(headers or {}),
                },
            )
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def messages(self) -> int:
        with self.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(Message)) or 0)

    def conversations(self) -> int:
        with self.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(Conversation)) or 0)

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(60)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(60)
        self.db.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("fuzz"))
    yield server
    server.close()
    print(f"\nhostile-input cases run: {CASES}")


def _check_answer(live: LiveServer, raw: bytes, before: int) -> int:
    conversations_before = live.conversations()
    status, answer = live.post(raw)
    assert status < 500, f"{status} {answer[:300]!r} for {raw[:200]!r}"
    doc = json.loads(answer)  # every answer is JSON
    after = live.messages()
    if status in (200, 201):
        assert after == before + (1 if status == 201 else 0)
        assert doc["created"] is (status == 201)
    else:
        assert 400 <= status < 500 and isinstance(doc.get("error"), str) and doc["error"]
        assert after == before, "a refused request stored something"
        assert live.conversations() == conversations_before, "a refused request opened a conversation"
    return status


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(body=bodies)
@example(body={"message_id": "ok-1", "conversation_id": "c", "text": "x" * 100_000})
@example(
    body={"message_id": "ok-2", "conversation_id": "c", "text": "\u202e<b>hi</b> javascript:alert(1) 😀"}
)
@example(body={"message_id": "ok-3", "conversation_id": ["c"], "text": "hi"})
def test_ingest_any_json_body_is_stored_or_refused_with_a_4xx(live: LiveServer, body: dict[str, Any]) -> None:
    _count("ingest json bodies")
    _check_answer(
        live,
        json.dumps(body, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass"),
        live.messages(),
    )


@FUZZ
@given(raw=st.binary(max_size=300), cut=st.integers(0, 80), junk=st.binary(min_size=1, max_size=8))
@example(raw=b"", cut=0, junk=b"\xff")
@example(raw=b'{"message_id": "m", "conversation_id": "c", "text": "', cut=50, junk=b"\xc3\x28\xa0\xa1")
def test_ingest_any_bytes_are_stored_or_refused_with_a_4xx(
    live: LiveServer, raw: bytes, cut: int, junk: bytes
) -> None:
    _count("ingest raw bytes")
    valid = json.dumps({"message_id": f"b{len(raw)}-{cut}", "conversation_id": "c", "text": "hello"}).encode()
    for candidate in (
        raw,
        valid[:cut] + junk + valid[cut:],
    ):  # random bytes; a valid body with invalid UTF-8 in it
        _check_answer(live, candidate, live.messages())


@pytest.mark.parametrize("depth", [17, 100, 5_000, 100_000])
def test_ingest_deep_json_is_a_400(live: LiveServer, depth: int) -> None:
    _count("ingest deep json")
    nested = "[" * depth + "]" * depth
    raw = ('{"message_id": "deep", "conversation_id": "c", "text": "hi", "x": ' + nested + "}").encode()
    status = _check_answer(live, raw, live.messages())
    assert status in (400, 413)


@pytest.mark.parametrize("field", ["text", "message_id", "conversation_id"])
def test_ingest_escaped_lone_surrogate_is_a_4xx(live: LiveServer, field: str) -> None:
    body = {"message_id": "sur-" + field, "conversation_id": "c", "text": "hello"}
    raw = json.dumps(body).replace('"sur-', '"\\ud800sur-' if field == "message_id" else '"sur-')
    if field == "text":
        raw = raw.replace('"hello"', '"\\ud800 hello"')
    if field == "conversation_id":
        raw = raw.replace('"c"', '"\\udfffc"')
    _check_answer(live, raw.encode(), live.messages())


# ----------------------------------------------------------------------------- importers
@pytest.fixture(scope="module")
def import_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(f"sqlite:///{tmp_path_factory.mktemp('imp') / 'imports.sqlite'}")
    yield db
    db.close()


def _table_counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Utterance, ReplyPair, Conversation, Message)
        )


row_value = st.one_of(hostile_text, json_values)
flat_rows = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            k: row_value
            for k in ("text", "label", "customer", "agent", "intent", "lang", "conversation_id", "id")
        },
    ),
    max_size=5,
)
turns = st.lists(
    st.one_of(
        st.fixed_dictionaries({}, optional={"customer": row_value, "agent": row_value, "intent": row_value}),
        json_values,
    ),
    max_size=4,
)
conversations = st.lists(
    st.fixed_dictionaries(
        {"conversations": st.one_of(turns, json_values)}, optional={"id": row_value, "lang": row_value}
    ),
    max_size=4,
)


def _serialise(rows: list[Any], fmt: str) -> bytes:
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8", "surrogatepass")
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False).encode("utf-8", "surrogatepass")
    cols = sorted({k for r in rows if isinstance(r, dict) for k in r})
    lines = [",".join(cols)] + [
        ",".join(json.dumps(r.get(c, ""), ensure_ascii=False) if isinstance(r, dict) else "" for c in cols)
        for r in rows
    ]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _import_checked(db: Database, path: Path, kind: str) -> None:
    before = _table_counts(db)
    try:
        report = import_file(db, path, kind)
    except ImportDataError as err:
        assert str(err).startswith(str(path)), str(err)  # names the file
        assert err.problem
        assert _table_counts(db) == before, "a failed import left rows behind"
        return
    after = _table_counts(db)
    grown = [a - b for a, b in zip(after, before, strict=True)]
    if kind == "utterances":
        assert grown == [report.count, 0, 0, 0]
    elif kind == "pairs":
        assert grown == [0, report.count, 0, 0]
    else:
        assert grown == [0, 0, report.count, report.messages]


IMPORT_FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@IMPORT_FUZZ
@given(
    rows=st.one_of(flat_rows, conversations),
    fmt=st.sampled_from(["jsonl", "json", "csv"]),
    kind=st.sampled_from(["utterances", "pairs", "conversations"]),
)
def test_import_any_rows_are_imported_or_refused_cleanly(
    import_db: Database, rows: list[Any], fmt: str, kind: str
) -> None:
    _count("import structured files")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"data.{fmt}"
        path.write_bytes(_serialise(rows, fmt))
        _import_checked(import_db, path, kind)


@IMPORT_FUZZ
@given(
    raw=st.binary(max_size=400),
    ext=st.sampled_from([".csv", ".json", ".jsonl", ".txt", ""]),
    kind=st.sampled_from(["utterances", "pairs", "conversations"]),
)
@example(
    raw=b'{"text": "hi", "label": "a"}\n{"text": "\xff\xfe", "label": "b"}\n', ext=".jsonl", kind="utterances"
)
@example(raw=b"[" * 100_000, ext=".json", kind="pairs")
@example(raw=b'{"conversations": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", ext=".jsonl", kind="conversations")
def test_import_random_bytes_are_refused_cleanly(
    import_db: Database, raw: bytes, ext: str, kind: str
) -> None:
    _count("import random bytes")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"data{ext}"
        path.write_bytes(raw)
        _import_checked(import_db, path, kind)


@IMPORT_FUZZ
@given(convs=conversations, fmt=st.sampled_from(["jsonl", "json"]))
def test_conversation_parser_returns_records_or_names_file_and_line(convs: list[Any], fmt: str) -> None:
    _count("conversation parser")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"conv.{fmt}"
        path.write_bytes(_serialise(convs, fmt))
        try:
            records = read_conversations(path)
        except ImportDataError as err:
            assert str(err).startswith(str(path)) and err.problem
            if convs and fmt == "jsonl":
                assert err.line is not None, str(err)  # a row is at fault: its line is named
            return
        for conv in records:
            assert conv.turns
            for t in conv.turns:
                assert t.customer.strip() and len(t.customer) <= MAX_MESSAGE_CHARS
                assert "\u202e" not in t.customer and "\x00" not in t.customer


def test_import_a_bad_line_late_in_a_big_file_imports_nothing(import_db: Database, tmp_path: Path) -> None:
    rows = [json.dumps({"text": f"where is order {i} 😀", "label": "order_status"}) for i in range(5_000)]
    rows[4_321] = '{"text": "\u202e<b>x</b>", "label": ["not", "a", "string"]}'
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(rows), encoding="utf-8")
    before = _table_counts(import_db)
    with pytest.raises(ImportDataError) as info:
        import_file(import_db, path, "utterances")
    assert f"{path}:4322" in str(info.value) and "label" in str(info.value)
    assert _table_counts(import_db) == before


def test_import_escaped_lone_surrogate_is_an_import_error(import_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "sur.jsonl"
    path.write_text('{"text": "hi \\ud800 there", "label": "greeting"}\n', encoding="utf-8")
    before = _table_counts(import_db)
    with pytest.raises(ImportDataError):
        import_file(import_db, path, "utterances")
    assert _table_counts(import_db) == before


def test_import_long_distinct_conversation_ids_are_not_merged(import_db: Database, tmp_path: Path) -> None:
    base = "c" * 250
    rows = [
        {"id": base + "-one", "conversations": [{"customer": "first"}]},
        {"id": base + "-two", "conversations": [{"customer": "second"}]},
    ]
    path = tmp_path / "long_ids.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    try:
        report = import_file(import_db, path, "conversations")
    except ImportDataError:
        return  # refusing the file with a clear error is fine too
    assert report.count == 2 and report.skipped_duplicates == 0
