"""Import files that an outside review found slipping through (issue 17), on real files and
real databases (SQLite, and PostgreSQL where ``ASSIST_TEST_POSTGRES_URL`` is set):

- a CSV whose last quoted field is never closed stores nothing and names the line where the
  quote opened (it used to swallow the following lines into one label);
- a JSON array is read in one pass (line numbers move forward, never recounted from the
  start of the file: checked by counting, not timing);
- a JSON integer over Python's 4,300-digit limit is ``file:line`` and exit 2, not a traceback;
- labels over 200 and languages over 20 characters (the columns' lengths) are refused before
  the database sees them, also on PostgreSQL, which enforces those lengths.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from assist.cli.main import main
from assist.core.errors import ImportDataError
from assist.data import readers
from assist.data.importers import import_file
from assist.storage.database import Database
from assist.storage.models import Conversation, Message, ReplyPair, Utterance


def _counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Utterance, ReplyPair, Conversation, Message)
        )


# ----------------------------------------------------------------------------- unclosed quote
@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('text,label\nrow a,x\n"row b","lab\nrow c,x\nrow d,y\n', 3),
        ('text,label\n"multi\nline ok",x\nrow b,"never closed\n\nmore,z', 4),
        ('text,label\nrow a,"say ""hi"" and\nrow c,x\n', 2),
    ],
    ids=["last-field", "after-a-multiline-field", "with-doubled-quotes"],
)
def test_unclosed_quote_in_csv_stores_nothing_and_names_the_opening_line(
    database: Database, tmp_path: Path, content: str, line: int
) -> None:
    f = tmp_path / "open.csv"
    f.write_text(content, encoding="utf-8")
    before = _counts(database)
    with pytest.raises(ImportDataError) as err:
        import_file(database, f, "utterances")
    assert err.value.line == line, str(err.value)
    assert "never closed" in err.value.problem
    assert _counts(database) == before


def test_a_closed_multiline_field_still_imports(database: Database, tmp_path: Path) -> None:
    f = tmp_path / "ok.csv"
    f.write_text('text,label\n"two\nlines",x\n"say ""hi""",y\n', encoding="utf-8")
    assert import_file(database, f, "utterances").count == 2


# ----------------------------------------------------------------------------- JSON arrays
class _CountingText(str):
    """A str that adds up how many characters ``count`` scans."""

    scanned = 0

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        lo = 0 if start is None else start
        hi = len(self) if end is None else end
        _CountingText.scanned += max(0, hi - lo)
        return super().count(sub, start, end)


def test_json_array_lines_are_counted_in_one_pass(tmp_path: Path) -> None:
    rows = [{"text": f"row {i}", "label": "x"} for i in range(2_000)]
    text = "[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n"
    _CountingText.scanned = 0
    got = list(readers._json_array_rows(tmp_path / "a.json", _CountingText(text)))
    assert [line for line, _ in got] == list(range(2, 2_002))
    assert _CountingText.scanned <= 2 * len(text), "line numbers recounted from the start of the file"


def test_json_array_errors_keep_their_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.json"
    f.write_text(
        '[\n{"text": "a", "label": "x"},\n{"text": "b", "label": "x"},\n{"text": 5, "label": "x"}\n]'
    )
    with pytest.raises(ImportDataError) as err:
        readers.read_utterances(f)
    assert err.value.line == 4


# ----------------------------------------------------------------------------- huge integers
@pytest.mark.parametrize(("fmt", "line"), [("json", 3), ("jsonl", 2)])
def test_json_integer_over_the_digit_limit_is_file_line_and_exit_2(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, line: int
) -> None:
    big = "9" * 5_000
    f = tmp_path / f"big.{fmt}"
    ok = '{"text": "hello", "label": "greet"}'
    if fmt == "json":
        f.write_text(f'[\n{ok},\n{{"text": "hi", "label": "x", "n": {big}}}\n]\n')
    else:
        f.write_text(f'{ok}\n{{"text": "hi", "label": "x", "n": {big}}}\n')
    code = main(["--database-url", sqlite_url, "data", "import", str(f), "--kind", "utterances"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"assist: error: {f}:{line}: bad JSON: a number with too many digits" in err
    assert "Traceback" not in err


# ----------------------------------------------------------------------------- column lengths
@pytest.mark.parametrize(
    ("content", "kind", "problem"),
    [
        ("text,label\nhi," + "L" * 5_000 + "\n", "utterances", "label in 'label' is too long: 5000"),
        ("text,label,lang\nhi,greet," + "e" * 500 + "\n", "utterances", "lang in 'lang' is too long: 500"),
        ("customer,agent,intent\nhi,hello," + "I" * 201 + "\n", "pairs", "label in 'intent' is too long"),
        ("customer,agent,lang\nhi,hello," + "z" * 21 + "\n", "pairs", "lang in 'lang' is too long"),
    ],
    ids=["label-5000", "lang-500", "intent-201", "pair-lang-21"],
)
def test_label_and_lang_longer_than_their_columns_are_refused(
    database: Database, tmp_path: Path, content: str, kind: str, problem: str
) -> None:
    f = tmp_path / "long.csv"
    f.write_text(content, encoding="utf-8")
    before = _counts(database)
    with pytest.raises(ImportDataError) as err:
        import_file(database, f, kind)
    assert err.value.line == 2 and problem in err.value.problem, str(err.value)
    assert _counts(database) == before


def test_conversation_lang_and_turn_intent_lengths(database: Database, tmp_path: Path) -> None:
    f = tmp_path / "conv.jsonl"
    f.write_text(json.dumps({"id": "c", "lang": "x" * 21, "conversations": [{"customer": "hi"}]}) + "\n")
    with pytest.raises(ImportDataError, match="lang in 'lang' is too long"):
        import_file(database, f, "conversations")
    f.write_text(json.dumps({"conversations": [{"customer": "hi", "intent": "i" * 201}]}) + "\n")
    with pytest.raises(ImportDataError, match=r"label in 'conversations\[0\].intent' is too long"):
        import_file(database, f, "utterances")
    assert _counts(database) == (0, 0, 0, 0)


def test_labels_and_langs_at_the_column_length_import_on_every_backend(
    database: Database, tmp_path: Path
) -> None:
    f = tmp_path / "edge.csv"
    f.write_text(f"text,label,lang\nhi,{'L' * 200},{'e' * 20}\n", encoding="utf-8")
    assert import_file(database, f, "utterances").count == 1
    with pytest.raises(ImportDataError, match="the language must be 1-20 characters"):
        import_file(database, f, "utterances", lang="x" * 500)


@pytest.mark.parametrize(
    ("kind", "row", "field"),
    [
        ("utterances", {"text": "hello", "label": "x\u0000y"}, "label"),
        ("utterances", {"text": "hello", "label": "x\u202ey"}, "label"),
        ("conversations", {"id": "c\u0000", "conversations": [{"customer": "hi", "agent": "hello"}]}, "id"),
    ],
    ids=["nul-label", "bidi-label", "nul-conversation-id"],
)
def test_control_and_bidi_characters_in_labels_and_ids_are_refused_as_ingest_does(
    database: Database, tmp_path: Path, kind: str, row: dict[str, Any], field: str
) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text(json.dumps({"text": "fine", "label": "ok"} if kind == "utterances" else
                            {"id": "ok", "conversations": [{"customer": "a", "agent": "b"}]}) + "\n" + json.dumps(row) + "\n",
                 encoding="utf-8")  # fmt: skip
    before = _counts(database)
    with pytest.raises(ImportDataError) as err:
        import_file(database, f, kind)
    assert err.value.line == 2 and "control or bidi" in err.value.problem and field in err.value.problem
    assert _counts(database) == before  # the good first line is not stored either


# ----------------------------------------------------------------------------- files that cannot be held
@pytest.mark.parametrize("kind", ["utterances", "pairs", "conversations", "chatwoot"])
def test_a_device_or_an_oversized_file_is_an_error_not_a_memory_error(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    # /dev/zero never ends: it used to be read until memory ran out (a MemoryError traceback)
    code = main(["--database-url", sqlite_url, "data", "import", "/dev/zero", "--kind", kind])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "assist: error: /dev/zero: not a file that can be imported" in err
    assert "Traceback" not in err
    monkeypatch.setattr(readers, "MAX_IMPORT_BYTES", 2**20)
    big = tmp_path / "big.jsonl"
    big.write_text('{"text": "hello", "label": "greet"}\n' * 40_000)  # about 1.4 MiB
    code = main(["--database-url", sqlite_url, "data", "import", str(big), "--kind", kind])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"assist: error: {big}: the file is over 1 MiB; split it" in err


def test_invalid_utf8_in_a_chatwoot_export_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "cw.jsonl"
    f.write_bytes(b'{"id": 1, "messages": []}\n{"id": 2, "messages": [{"content": "caf\xe9"}]}\n')
    with pytest.raises(ImportDataError) as err:
        import_file(None, f, "chatwoot")
    assert (err.value.line, err.value.problem) == (2, "invalid UTF-8 (byte 0xe9)")


@pytest.mark.parametrize("kind", ["chatwoot", "conversations"])
def test_a_byte_order_mark_is_dropped_and_utf16_is_named(
    database: Database, tmp_path: Path, kind: str
) -> None:
    """A Windows editor's "UTF-8 with BOM" imports like plain UTF-8 (the Chatwoot reader
    refused it as 'not JSON'); a UTF-16 file (PowerShell's >) says so instead of 'byte 0xff'."""
    if kind == "chatwoot":
        doc = {"payload": [{"id": 1, "content": "where is my order", "message_type": 0, "conversation_id": 9},
                           {"id": 2, "content": "it ships", "message_type": 1, "conversation_id": 9}]}  # fmt: skip
    else:
        doc = {"id": "c1", "conversations": [{"customer": "where is my order", "agent": "it ships"}]}
    text = json.dumps(doc)
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert import_file(database, bom, kind).count == 1
    utf16 = tmp_path / "utf16.json"
    utf16.write_bytes(text.encode("utf-16"))
    before = _counts(database)
    with pytest.raises(ImportDataError) as err:
        import_file(database, utf16, kind)
    assert err.value.line == 1 and "UTF-16" in err.value.problem
    assert _counts(database) == before
