"""The file readers: every supported shape, and a clear file:line: problem for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.core.errors import ImportDataError
from assist.core.text import MAX_MESSAGE_CHARS
from assist.data.readers import read_conversations, read_pairs, read_utterances

ARTICLE = {
    "id": "c1",
    "conversations": [
        {"customer": "我的订单到哪了？", "agent": "请提供订单号。", "intent": "order_status"},
        {"customer": "订单号 12345", "agent": "已发货，明天到。"},
    ],
}


def write(path: Path, body: str | bytes) -> Path:
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    return path


def test_utterances_csv_defaults_and_explicit_columns(tmp_path: Path) -> None:
    f = write(tmp_path / "u.csv", "text,label\nwhere is my order,order_status\n退款什么时候到,refund\n")
    rows = read_utterances(f)
    assert [(r.text, r.label, r.lang) for r in rows] == [
        ("where is my order", "order_status", "en"),
        ("退款什么时候到", "refund", "zh"),
    ]
    g = write(tmp_path / "g.csv", "q,y\nhi there,greeting\n")
    assert read_utterances(g, text_col="q", label_col="y", lang="en")[0].label == "greeting"


def test_utterances_fall_back_to_bitext_and_banking_columns(tmp_path: Path) -> None:
    bitext = write(tmp_path / "b.csv", "instruction,intent,response\ncancel my order,cancel_order,Sure.\n")
    banking = write(tmp_path / "k.csv", "text,category\nmy card has not arrived,card_arrival\n")
    assert read_utterances(bitext)[0].label == "cancel_order"
    assert read_utterances(banking)[0].label == "card_arrival"


def test_jsonl_and_json_array(tmp_path: Path) -> None:
    rows = [{"text": "hi", "label": "greeting", "lang": "en"}, {"text": "谢谢", "label": "thanks"}]
    jl = write(tmp_path / "u.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n")
    ja = write(tmp_path / "u.json", json.dumps(rows, ensure_ascii=False, indent=2))
    for f in (jl, ja):
        got = read_utterances(f)
        assert [(r.text, r.label, r.lang) for r in got] == [
            ("hi", "greeting", "en"),
            ("谢谢", "thanks", "zh"),
        ]


def test_pairs_flat_and_article_shape_everywhere(tmp_path: Path) -> None:
    flat = write(
        tmp_path / "p.csv", 'customer,agent,intent\n"hello, anyone?","Yes, how can I help?",greeting\n'
    )
    assert read_pairs(flat)[0].agent == "Yes, how can I help?"
    single = write(tmp_path / "one.json", json.dumps(ARTICLE, ensure_ascii=False))
    listed = write(tmp_path / "many.json", json.dumps([ARTICLE, {**ARTICLE, "id": "c2"}], ensure_ascii=False))
    lines = write(tmp_path / "many.jsonl", json.dumps(ARTICLE, ensure_ascii=False) + "\n")
    pairs = read_pairs(single)
    assert [(p.customer, p.intent, p.conversation_id, p.lang) for p in pairs] == [
        ("我的订单到哪了？", "order_status", "c1", "zh"),
        ("订单号 12345", None, "c1", "zh"),
    ]
    assert len(read_pairs(listed)) == 4 and len(read_pairs(lines)) == 2
    convs = read_conversations(listed)
    assert [c.id for c in convs] == ["c1", "c2"] and len(convs[0].turns) == 2
    utts = read_utterances(single)
    assert [(u.text, u.label, u.context) for u in utts] == [("我的订单到哪了？", "order_status", None)]


def test_conversations_from_flat_csv_group_by_id(tmp_path: Path) -> None:
    f = write(
        tmp_path / "c.csv",
        "conversation_id,customer,agent\na,hi,hello\nb,where is it,checking\na,thanks,\n",
    )
    convs = read_conversations(f)
    assert [(c.id, [t.customer for t in c.turns]) for c in convs] == [
        ("a", ["hi", "thanks"]),
        ("b", ["where is it"]),
    ]
    assert convs[0].turns[1].agent == ""


def test_text_is_cleaned_not_truncated_and_html_kept_literal(tmp_path: Path) -> None:
    f = write(tmp_path / "u.jsonl", json.dumps({"text": "<b>hi</b>\u202e\r\nthere", "label": "x"}) + "\n")
    assert read_utterances(f)[0].text == "<b>hi</b>\nthere"
    long = write(tmp_path / "l.jsonl", json.dumps({"text": "a" * (MAX_MESSAGE_CHARS + 1), "label": "x"}))
    with pytest.raises(ImportDataError, match="too long"):
        read_utterances(long)


@pytest.mark.parametrize(
    ("name", "body", "line", "problem"),
    [
        ("missing.csv", "text,other\nhi,x\n", 2, "missing label column"),
        ("badjson.jsonl", '{"text": "a", "label": "b"}\n{"text": "a", "label": \n', 2, "bad JSON"),
        ("empty_text.csv", "text,label\nok,a\n   ,b\n", 3, "empty text in 'text'"),
        ("type.jsonl", '{"text": "a", "label": "b"}\n{"text": 5, "label": "b"}\n', 2, "wrong type in 'text'"),
        ("notobj.jsonl", '{"text": "a", "label": "b"}\n[1, 2]\n', 2, "expected a JSON object"),
        ("fields.csv", "text,label\nok,a\nx,y,z\n", 3, "expected 2 fields"),
        ("array.json", '[\n {"text": "a", "label": "b"},\n {"text": "", "label": "b"}\n]', 3, "empty text"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, 1, "nested too deeply"),
    ],
)
def test_errors_name_file_line_and_problem(
    tmp_path: Path, name: str, body: str, line: int, problem: str
) -> None:
    f = write(tmp_path / name, body)
    with pytest.raises(ImportDataError) as info:
        read_utterances(f)
    err = info.value
    assert err.path == str(f) and err.line == line and problem in err.problem
    assert str(err).startswith(f"{f}:{line}: ")


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    f = write(tmp_path / "u.csv", b"text,label\nfine,a\nbad \xff\xfe here,b\n")
    with pytest.raises(ImportDataError, match="invalid UTF-8") as info:
        read_utterances(f)
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("name", "body", "line", "where"),
    [
        ("s.jsonl", '{"text": "a", "label": "b"}\n{"text": "hi \\ud800", "label": "b"}\n', 2, "'text'"),
        ("k.jsonl", '{"text": "a", "label": "b", "x\\udfff": 1}\n', 1, "a key"),
        ("a.json", '[\n {"text": "a", "label": "b"},\n {"text": "a", "label": "\\udc00"}\n]', 3, "'label'"),
        (
            "c.jsonl",
            '{"id": "c1", "conversations": [{"customer": "ok"}, {"customer": "x", "agent": "\\ud83d"}]}\n',
            1,
            "'conversations[1].agent'",
        ),
    ],
)
def test_escaped_lone_surrogate_names_the_line_and_field(
    tmp_path: Path, name: str, body: str, line: int, where: str
) -> None:
    f = write(tmp_path / name, body)
    reader = read_conversations if name.startswith("c") else read_utterances
    with pytest.raises(ImportDataError, match="lone surrogate") as info:
        reader(f)
    assert info.value.line == line and where in info.value.problem
    str(info.value).encode("utf-8")  # the message itself is printable


def test_empty_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ImportDataError, match="empty"):
        read_pairs(write(tmp_path / "e.csv", "\n\n"))
    with pytest.raises(ImportDataError, match="cannot read"):
        read_pairs(tmp_path / "nope.csv")
    with pytest.raises(ImportDataError, match="missing agent column"):
        read_pairs(write(tmp_path / "p.csv", "customer,intent\nhi,x\n"))
    with pytest.raises(ImportDataError, match="missing field 'customer'"):
        read_conversations(write(tmp_path / "c.json", json.dumps({"conversations": [{"agent": "x"}]})))


def test_bitext_and_banking77(shared_data: Path) -> None:
    pairs = read_pairs(shared_data / "bitext" / "customer_support_train.csv")
    assert len(pairs) == 4514
    assert len({p.intent for p in pairs}) == 27 and all(p.customer and p.agent for p in pairs)
    assert "\r" not in pairs[0].agent
    rows = read_utterances(shared_data / "banking77" / "train.csv")
    assert len(rows) == 10_003 and len({r.label for r in rows}) == 77
