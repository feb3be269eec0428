"""``assist data import --kind chatwoot``: Chatwoot's API JSON (conversations and their messages)
as conversations. The message objects follow ``Message#push_event_data`` (``message_type`` as the
enum's integer, ``created_at`` as Unix seconds), what Chatwoot's API answers; see
tests/sources/chatwoot_fixtures for the source files and commits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from assist.cli.main import main
from assist.core.errors import ImportDataError
from assist.data.chatwoot_export import read_chatwoot_export
from assist.storage.database import Database
from assist.storage.models import Conversation, Message


def message(
    mid: int, content: str | None, kind: int, ts: int, *, private: bool = False, conv: int = 7
) -> dict[str, Any]:
    return {
        "id": mid,
        "content": content,
        "account_id": 1,
        "inbox_id": 3,
        "conversation_id": conv,
        "message_type": kind,
        "created_at": ts,
        "private": private,
        "content_type": "text",
        "content_attributes": {},
        "source_id": None,
    }


def conversation(display_id: int, messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": display_id,
        "account_id": 1,
        "inbox_id": 3,
        "status": "resolved",
        "messages": messages,
        "meta": {"sender": {"id": 42, "name": "Mei Chen", "type": "contact"}, "assignee": None},
        "timestamp": 1_764_800_000,
    }


EXPORT = [
    conversation(
        7,
        [
            message(3, "Thanks for waiting", 1, 130),  # out of order on purpose: created_at decides
            message(1, "Hi, where is my order?", 0, 100),
            message(2, "It is LL20260412", 0, 110),
            message(4, "VIP customer", 1, 131, private=True),
            message(5, "Conversation was resolved", 2, 140),
            message(6, "Please rate us", 3, 141),
            message(8, "It ships today.", 1, 132),
            message(9, "great, thanks", 0, 150),
        ],
    ),
    conversation(8, [message(20, "We have a sale!", 1, 10, conv=8)]),  # agent only: nothing to learn
    conversation(9, [message(30, "我要退款", 0, 10, conv=9), message(31, "好的，马上处理。", 1, 20, conv=9)]),
]


def test_the_cli_imports_a_chatwoot_export_once(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "chatwoot.json"
    path.write_text(json.dumps(EXPORT, ensure_ascii=False), encoding="utf-8")
    args = ["--database-url", sqlite_url, "data", "import", str(path), "--kind", "chatwoot", "--json"]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "kind": "conversations",
        "count": 2,
        "dataset": "chatwoot",
        "skipped_duplicates": 0,
        "messages": 5,
        "left_out": [  # nothing is dropped without a word
            "conversation chatwoot-1-8: no customer message with text, left out",
            "left out: private notes, activity or template messages (3)",
            "left out: agent messages before the customer's first message (1)",
        ],
    }
    assert main(args[:-1]) == 0  # the same, read by a person
    said = capsys.readouterr().out.splitlines()
    assert said[0].startswith("imported 0 conversations") and "2 already there" in said[0]
    assert said[1:] == ["  " + line for line in report["left_out"]]
    db = Database.open(sqlite_url)
    try:
        with db.read() as s:
            convs = {c.id: c for c in s.scalars(select(Conversation))}
            rows = s.execute(
                select(Message.role, Message.text)
                .where(Message.conversation_id == "chatwoot/chatwoot-1-7")
                .order_by(Message.id)
            ).all()
    finally:
        db.close()
    assert set(convs) == {"chatwoot/chatwoot-1-7", "chatwoot/chatwoot-1-9"}
    assert convs["chatwoot/chatwoot-1-9"].lang == "zh" and convs["chatwoot/chatwoot-1-7"].status == "closed"
    assert [tuple(r) for r in rows] == [
        ("customer", "Hi, where is my order?\nIt is LL20260412"),
        ("agent", "Thanks for waiting\nIt ships today."),
        ("customer", "great, thanks"),
    ]


@pytest.mark.parametrize("shape", ["payload", "data.payload", "jsonl", "one", "messages"])
def test_every_shape_the_api_answers_is_read(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "export.json"
    if shape == "payload":
        path.write_text(json.dumps({"payload": EXPORT}), encoding="utf-8")
    elif shape == "data.payload":
        path.write_text(json.dumps({"data": {"meta": {}, "payload": EXPORT}}), encoding="utf-8")
    elif shape == "jsonl":
        path.write_text("\n".join(json.dumps(c) for c in EXPORT) + "\n", encoding="utf-8")
    elif shape == "one":
        path.write_text(json.dumps(EXPORT[2]), encoding="utf-8")
    else:  # GET .../conversations/{id}/messages
        path.write_text(json.dumps({"meta": {}, "payload": EXPORT[2]["messages"]}), encoding="utf-8")
    records = read_chatwoot_export(path)
    ids = [r.id for r in records]
    assert "chatwoot-1-9" in ids
    nine = next(r for r in records if r.id == "chatwoot-1-9")
    assert [(t.customer, t.agent) for t in nine.turns] == [("我要退款", "好的，马上处理。")]


def test_files_that_are_not_an_export_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"text": "hi", "label": "greet"}]), encoding="utf-8")
    with pytest.raises(ImportDataError, match="Chatwoot conversations"):
        read_chatwoot_export(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ImportDataError, match="JSON"):
        read_chatwoot_export(path)
    path.write_text(json.dumps([conversation(8, [message(20, "sale", 1, 10, conv=8)])]), encoding="utf-8")
    with pytest.raises(ImportDataError, match="no Chatwoot conversation"):
        read_chatwoot_export(path)


def test_errors_name_the_line_of_a_json_lines_export(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    good = [json.dumps(c, ensure_ascii=False) for c in EXPORT]
    for bad, problem in (
        ({"id": 10, "status": "open"}, r"export.jsonl:3: expected Chatwoot conversations"),
        (conversation(10, [message(40, "hi", 0, 1), "not a message"]), r"export.jsonl:3: conversation chatwoot-1-10: message 2 is not a JSON object"),
        (conversation(10, [message(40, {"text": "hi"}, 0, 1)]), r"export.jsonl:3: conversation chatwoot-1-10: a message whose content is not text"),
        (EXPORT[0], r"export.jsonl:3: conversation 'chatwoot-1-7' appears twice \(first on line 1\)"),
    ):  # fmt: skip
        path.write_text("\n".join([good[0], good[1], json.dumps(bad), good[2]]) + "\n", encoding="utf-8")
        with pytest.raises(ImportDataError, match=problem):
            read_chatwoot_export(path)


def test_a_failed_json_import_prints_json(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A script that asked for ``--json`` reads the failure from stdout too; nothing is stored."""
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(EXPORT[0]) + "\n{broken\n", encoding="utf-8")
    args = ["--database-url", sqlite_url, "data", "import", str(path), "--kind", "chatwoot", "--json"]
    assert main(args) == 2
    captured = capsys.readouterr()
    answer = json.loads(captured.out)
    assert answer["file"] == str(path) and answer["line"] == 2 and answer["problem"].startswith("not JSON")
    assert answer["error"] == f"{path}:2: {answer['problem']}" and answer["error"] in captured.err
    db = Database.open(sqlite_url)
    try:
        with db.read() as s:
            assert s.scalars(select(Conversation)).all() == []
    finally:
        db.close()
