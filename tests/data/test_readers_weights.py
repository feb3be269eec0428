"""The optional per-row training weight in the readers: default column ``weight``, another
name with ``weight_col``; missing or empty means 1.0; bad values name the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.core.errors import ImportDataError
from assist.data.readers import read_pairs, read_utterances


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_weights_from_csv_json_and_conversations(tmp_path: Path) -> None:
    csv = write(tmp_path / "u.csv", "text,label,weight\nwhere is it,track,2.5\nrefund me,refund,\nstop it,cancel,0\n")
    assert [r.weight for r in read_utterances(csv)] == [2.5, 1.0, 0.0]
    jsonl = write(tmp_path / "p.jsonl", json.dumps({"customer": "hi", "agent": "hello", "w": 0.5}) + "\n"
                  + json.dumps({"customer": "hey", "agent": "hello"}) + "\n")  # fmt: skip
    assert [p.weight for p in read_pairs(jsonl, weight_col="w")] == [0.5, 1.0]
    assert [p.weight for p in read_pairs(jsonl)] == [1.0, 1.0]  # no "weight" field: all 1.0
    conv = {"id": "c1", "weight": 3, "conversations": [
        {"customer": "where is my order", "agent": "on its way", "intent": "track", "weight": 0.25},
        {"customer": "thanks", "agent": "you are welcome", "intent": "thanks"},
    ]}  # fmt: skip
    path = write(tmp_path / "c.json", json.dumps(conv))
    assert [p.weight for p in read_pairs(path)] == [0.25, 3.0]  # a turn's weight, else the conversation's
    assert [u.weight for u in read_utterances(path)] == [0.25, 3.0]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("text,label,weight\nok,a,1\nbad,b,-1\n", 3, "a weight is a finite number >= 0"),
        ("text,label,weight\nbad,b,lots\n", 2, "'lots' is not a number"),
        ("text,label,weight\nbad,b,nan\n", 2, "a weight is a finite number >= 0"),
    ],
)
def test_bad_weights_in_csv_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path / "u.csv", text)
    with pytest.raises(ImportDataError, match=message) as err:
        read_utterances(path)
    assert f"u.csv:{line}:" in str(err.value)


def test_bad_weights_in_json(tmp_path: Path) -> None:
    path = write(tmp_path / "u.jsonl", '{"text": "a", "label": "x"}\n{"text": "b", "label": "y", "weight": true}\n')
    with pytest.raises(ImportDataError, match="expected a number, found a boolean") as err:
        read_utterances(path)
    assert "u.jsonl:2:" in str(err.value)
    path = write(tmp_path / "p.jsonl", '{"customer": "a", "agent": "b", "weight": [1]}\n')
    with pytest.raises(ImportDataError, match=r"p\.jsonl:1: wrong type in 'weight'"):
        read_pairs(path)


def test_an_explicit_weight_column_must_exist(tmp_path: Path) -> None:
    path = write(tmp_path / "u.csv", "text,label\nwhere,track\n")
    with pytest.raises(ImportDataError, match="no row has the weight column 'importance'"):
        read_utterances(path, weight_col="importance")
