"""The dataset builder: zero PII leaks, splits by conversation, files Hugging Face can read."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import pytest

from assist.core.types import IncomingMessage, IntentPrediction, IntentScore
from assist.learning.dataset import (
    INTENT_WEIGHTS,
    PAIR_WEIGHTS,
    export_dataset,
    group_of,
    run_export,
    split_of,
)
from assist.storage import events
from tests.learning.test_redact import ROWS, leaks

PII_ROWS = [r for r in ROWS if r["pii"]]


def _plant(database: Any) -> dict[str, Any]:
    """One conversation per corpus row: the customer's PII message, then a follow-up; the
    agent echoes the PII back in the reply. Every fourth message is corrected."""
    w = database.writer
    expect: dict[str, Any] = {"confirmed": 0, "corrected": 0, "pairs": 0, "convs": {}}
    for i, row in enumerate(PII_ROWS):
        conv = f"pii-{i:03d}"
        # the agent echoes the whole values (the corpus also lists short fragments such as
        # "bob" of "bob (at) gmail (dot) com", which must vanish from the customer's text)
        values = [
            p["value"]
            for p in row["pii"]
            if len(p["value"]) >= 6 and (p["kind"] != "EMAIL" or "@" in p["value"])
        ] or ["customer"]
        for j, text in enumerate([row["text"], f"any news? ({i})"]):
            stored = w.write(events.ingest_message(IncomingMessage(f"{conv}-{j}", conv, text)))
            pk = stored.message_pk
            label = "track_order" if j == 0 else "follow_up"
            pred = IntentPrediction((IntentScore(label, 0.8), IntentScore("refund", 0.2)), False, "intent-v1")
            w.write(events.log_prediction(pk, pred))
            if (i + j) % 4 == 0:
                w.write(events.log_correction(pk, to_label="refund", from_label=label, agent_name="ann"))
                expect["corrected"] += 1
            else:
                expect["confirmed"] += 1
            reply = f"Dear {values[0]}, noted: {' / '.join(values)}. Order #LL20260412 ships today."
            w.write(events.send_reply(conv, reply, agent_name="ann", reply_to_pk=pk))
            expect["pairs"] += 1
        expect["convs"][group_of(conv)] = conv
    return expect


def _read(out: Path, name: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (out / name).read_text(encoding="utf-8").splitlines()]


def test_export_has_zero_leaks_and_splits_by_conversation(database: Any, tmp_path: Path) -> None:
    expect = _plant(database)
    out = tmp_path / "export"
    manifest = export_dataset(database, out, valid_fraction=0.3, seed=1)
    intents = _read(out, "intents.train.jsonl") + _read(out, "intents.valid.jsonl")
    pairs = _read(out, "pairs.train.jsonl") + _read(out, "pairs.valid.jsonl")
    assert len(pairs) == expect["pairs"]
    assert sum(1 for r in intents if r["source"] == "corrected") == expect["corrected"]
    assert sum(1 for r in intents if r["source"] == "confirmed") == expect["confirmed"]
    assert all(r["label"] == "refund" for r in intents if r["source"] == "corrected")
    # zero leaks: no planted value is readable anywhere in any exported file
    blob = "\n".join((out / f).read_text(encoding="utf-8") for f in manifest["files"])
    raw_ids = [c for c in expect["convs"].values() if c in blob]
    assert raw_ids == []  # conversation ids are pseudonymised
    by_group: dict[str, str] = {}
    for r in intents + pairs:
        by_group[r["group"]] = by_group.get(r["group"], "") + "\n" + json.dumps(r, ensure_ascii=False)
    found = []
    for i, row in enumerate(PII_ROWS):
        exported = by_group[group_of(f"pii-{i:03d}")]
        found += [
            (p["kind"], p["value"], exported) for p in row["pii"] if leaks(row["text"], exported, p["value"])
        ]
    assert found == []
    assert "#LL20260412" in blob  # order numbers survive
    # split by conversation: a group never appears in both splits, and the split is the hash rule
    for kind in ("intents", "pairs"):
        train = {r["group"] for r in _read(out, f"{kind}.train.jsonl")}
        valid = {r["group"] for r in _read(out, f"{kind}.valid.jsonl")}
        assert train and valid and not train & valid
        assert all(split_of(g, 0.3, 1) == "valid" for g in valid)
    assert {r["weight"] for r in pairs} == {PAIR_WEIGHTS["typed"]}
    # a correction (explicit, where the model was wrong) outweighs a confirmation (implicit)
    assert INTENT_WEIGHTS["corrected"] > INTENT_WEIGHTS["confirmed"] > 0
    assert all(r["weight"] == INTENT_WEIGHTS[r["source"]] for r in intents)
    assert manifest["intent_weights"] == INTENT_WEIGHTS
    # manifest: counts and a data hash that is stable for the same data
    assert manifest["counts"]["pairs_train"] + manifest["counts"]["pairs_valid"] == expect["pairs"]
    again = export_dataset(database, tmp_path / "again", valid_fraction=0.3, seed=1)
    assert again["data_hash"] == manifest["data_hash"]


def test_files_load_with_hugging_face_datasets(sqlite_url: str, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    from assist.storage.database import Database

    db = Database.open(sqlite_url)
    try:
        _plant(db)
        export_dataset(db, tmp_path / "x", valid_fraction=0.3, seed=1)
    finally:
        db.close()
    ds = datasets.load_dataset(
        "json",
        data_files={
            "train": str(tmp_path / "x" / "pairs.train.jsonl"),
            "validation": str(tmp_path / "x" / "pairs.valid.jsonl"),
        },
    )
    assert set(ds["train"].column_names) >= {"customer", "agent", "weight", "group"}
    assert ds["train"].num_rows + ds["validation"].num_rows == 2 * len(PII_ROWS)


def test_run_export_cli_entry(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assist.storage.database import Database

    monkeypatch.delenv("ASSIST_TEST_POSTGRES_URL", raising=False)  # load_settings reads every ASSIST_*

    db = Database.open(sqlite_url)
    _plant(db)
    db.close()
    ns = argparse.Namespace(
        out=str(tmp_path / "cli"), kind="intents", json=True, database_url=sqlite_url, data_dir=None
    )
    assert run_export(ns) == 0
    manifest = json.loads(capsys.readouterr().out)
    assert set(manifest["counts"]) == {"intents_train", "intents_valid"}
    assert not (tmp_path / "cli" / "pairs.train.jsonl").exists()
    text = (tmp_path / "cli" / "intents.train.jsonl").read_text(encoding="utf-8")
    assert re.search(r"\[(EMAIL|PHONE|NAME|ADDRESS|CARD|ID_NUMBER)\]", text)
