"""Importers and ``assist data import``: all or nothing, repeatable, clear errors, real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from assist.cli.main import main
from assist.core.errors import ImportDataError
from assist.data.importers import import_file
from assist.storage.database import Database
from assist.storage.models import Conversation, Message, ReplyPair, Utterance

ARTICLE = [
    {
        "id": "c1",
        "conversations": [{"customer": "where is my order", "agent": "Let me check."}, {"customer": "ok"}],
    },
    {"id": "c2", "lang": "zh", "conversations": [{"customer": "我要退款", "agent": "好的，马上处理。"}]},
]


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_utterances_import_once_even_when_repeated(database: Database, tmp_path: Path) -> None:
    f = tmp_path / "shop.csv"
    f.write_text("text,label\nhi,greeting\nhi,greeting\nwhere is it,order_status\n", encoding="utf-8")
    first = import_file(database, f, "utterances")
    assert (first.kind, first.count, first.dataset, first.skipped_duplicates) == ("utterances", 2, "shop", 1)
    again = import_file(database, f, "utterances")
    assert (again.count, again.skipped_duplicates) == (0, 3)
    other = import_file(database, f, "utterances", dataset="copy")
    assert other.count == 2
    assert count(database, Utterance) == 4


def test_article_shape_as_pairs_and_as_conversations(database: Database, tmp_path: Path) -> None:
    f = tmp_path / "article.json"
    f.write_text(json.dumps(ARTICLE, ensure_ascii=False), encoding="utf-8")
    pairs = import_file(database, f, "pairs", dataset="demo")
    assert (pairs.count, pairs.skipped_duplicates) == (2, 0)  # the unanswered turn is not a pair
    convs = import_file(database, f, "conversations", dataset="demo")
    assert (convs.count, convs.messages) == (2, 5)
    assert import_file(database, f, "conversations", dataset="demo").skipped_duplicates == 2
    with database.read() as s:
        c1 = s.get(Conversation, "demo/c1")
        assert c1 is not None and (c1.status, c1.source) == ("closed", "import")
        roles = s.scalars(
            select(Message.role).where(Message.conversation_id == "demo/c1").order_by(Message.id)
        )
        assert list(roles) == ["customer", "agent", "customer"]
        assert s.scalars(select(ReplyPair.lang).where(ReplyPair.customer_text == "我要退款")).one() == "zh"


def test_malformed_file_imports_nothing_and_names_the_line(database: Database, tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"customer": "a", "agent": "b"}\n{"customer": "c", "agent": "d"}\n{"customer": "e"}\n')
    with pytest.raises(ImportDataError) as info:
        import_file(database, f, "pairs")
    assert str(info.value).startswith(f"{f}:3: missing agent column")
    assert count(database, ReplyPair) == 0


def test_database_refusing_midway_rolls_back_everything(sqlite_url: str, tmp_path: Path) -> None:
    db = Database.open(sqlite_url)
    raw = create_engine(sqlite_url)
    with raw.begin() as conn:  # a real constraint the database enforces on the 3rd row
        conn.execute(
            text(
                "CREATE TRIGGER poison BEFORE INSERT ON utterances WHEN NEW.text = 'poison' "
                "BEGIN SELECT RAISE(ABORT, 'poisoned row'); END"
            )
        )
    raw.dispose()
    f = tmp_path / "u.csv"
    f.write_text("text,label\nfine,a\nalso fine,b\npoison,c\nlast,d\n")
    try:
        with pytest.raises(ImportDataError, match="nothing was stored"):
            import_file(db, f, "utterances")
        assert count(db, Utterance) == 0
    finally:
        db.close()


def test_column_options_must_fit_the_kind(database: Database, tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text("q,a\nhi,hello\n")
    with pytest.raises(ImportDataError, match="--text-col does not apply to --kind pairs"):
        import_file(database, f, "pairs", text_col="q")
    assert import_file(database, f, "pairs", customer_col="q", agent_col="a").count == 1


def test_cli_import_json_and_errors(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "u.csv"
    f.write_text("sentence,intent\n查订单,order_status\n", encoding="utf-8")
    args = [
        "--database-url",
        sqlite_url,
        "data",
        "import",
        str(f),
        "--kind",
        "utterances",
        "--text-col",
        "sentence",
    ]
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "kind": "utterances",
        "count": 1,
        "dataset": "u",
        "skipped_duplicates": 0,
        "messages": 0,
        "left_out": [],
    }
    assert main(args) == 0
    assert "imported 0 utterances" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nok,a\n,b\n")
    assert main(["--database-url", sqlite_url, "data", "import", str(bad), "--kind", "utterances"]) == 2
    assert f"assist: error: {bad}:3: empty text in 'text'" in capsys.readouterr().err
    assert (
        main(["--database-url", sqlite_url, "data", "import", str(tmp_path / "none.csv"), "--kind", "pairs"])
        == 2
    )
    assert "cannot read the file" in capsys.readouterr().err


def test_cli_imports_bitext_pairs(
    shared_data: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shared_data / "bitext" / "customer_support_train.csv"
    cmd = ["--database-url", sqlite_url, "data", "import", str(path), "--kind", "pairs", "--json"]
    assert main(cmd) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["count"], out["skipped_duplicates"]) == (4514, 0)
    assert main(cmd) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 0
    db = Database.open(sqlite_url)
    try:
        assert count(db, ReplyPair) == 4514
        with db.read() as s:
            assert s.scalar(select(func.count(func.distinct(ReplyPair.intent)))) == 27
    finally:
        db.close()


def test_cli_export_delegates_to_the_learning_loop(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("assist.learning.dataset")
    out = tmp_path / "export"
    assert (
        main(["--database-url", sqlite_url, "data", "export", "--out", str(out), "--kind", "all", "--json"])
        == 0
    )
    manifest = json.loads(capsys.readouterr().out)
    assert "files" in manifest and out.is_dir()


def test_long_reply_pairs_import_on_every_backend(database: Database, tmp_path: Path) -> None:
    """A pair's identity is a hash, so a 3,000-character Chinese reply fits PostgreSQL's index."""
    long_reply = "您好，关于您的订单配送问题，我们已经为您加急处理。" * 120
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"customer": "我的快递到哪了？", "agent": long_reply}, ensure_ascii=False) + "\n")
    assert import_file(database, path, "pairs").count == 1
    assert import_file(database, path, "pairs").count == 0  # the same pair again is skipped
    with database.read() as s:
        stored = s.scalars(select(ReplyPair)).one()
    assert stored.agent_text == long_reply and len(stored.pair_hash) == 64


def test_conversation_key_is_stable_and_collision_free_for_long_ids() -> None:
    from assist.data.importers import KEY_MAX_CHARS, conversation_key

    assert conversation_key("shop", "c1") == "shop/c1"  # short keys are unchanged
    exact = "x" * (KEY_MAX_CHARS - len("shop/"))
    assert conversation_key("shop", exact) == f"shop/{exact}"
    base = "c" * 250
    one, two = conversation_key("shop", base + "-one"), conversation_key("shop", base + "-two")
    assert one != two and len(one) == len(two) == KEY_MAX_CHARS
    assert one.startswith("shop/ccc") and one == conversation_key("shop", base + "-one")  # stable
    assert one == "shop/" + "c" * 178 + "~dcb8a8f42cc4de0d"  # across runs and interpreters too


def test_long_conversation_ids_import_as_different_conversations(database: Database, tmp_path: Path) -> None:
    base = "c" * 250
    rows = [{"id": base + s, "conversations": [{"customer": s}]} for s in ("-one", "-two")]
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = import_file(database, path, "conversations")
    assert (report.count, report.skipped_duplicates, report.messages) == (2, 0, 2)
    again = import_file(database, path, "conversations")  # a repeat still adds nothing
    assert (again.count, again.skipped_duplicates) == (0, 2)


def test_the_same_file_imported_twice_at_once_is_stored_once(tmp_path: Path) -> None:
    """Two imports at once (two terminals, a script started twice), each with its own
    connection to the same SQLite file: every row once, the second import says 'already there'."""
    import threading

    f = tmp_path / "many.csv"
    f.write_text("text,label\n" + "".join(f"utterance number {i},lab{i % 7}\n" for i in range(3000)))
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    Database.open(url).close()  # the schema, once
    dbs = [Database.open(url) for _ in range(3)]
    start = threading.Barrier(len(dbs))
    reports: list[int] = []

    def one(db: Database) -> None:
        start.wait()
        reports.append(import_file(db, f, "utterances").count)

    threads = [threading.Thread(target=one, args=(db,)) for db in dbs]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        with dbs[0].read() as s:
            stored = s.scalar(select(func.count()).select_from(Utterance))
    finally:
        for db in dbs:
            db.close()
    assert sorted(reports) == [0, 0, 3000]
    assert stored == 3000
