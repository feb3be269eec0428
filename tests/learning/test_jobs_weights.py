"""The retrain child passes the exported examples' weights on to the trainers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assist.learning import job_runner


def test_retrain_intent_passes_weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import training.train_intent

    ds = tmp_path / "data"
    ds.mkdir()
    rows: list[dict[str, Any]] = [
        {"text": "where is my parcel", "label": "track", "weight": 0.5, "source": "confirmed"},
        {"text": "refund me", "label": "refund", "weight": 1.0, "source": "corrected"},
        {"text": "old row", "label": "refund"},  # an export without weights: 1.0
    ]
    (ds / "intents.train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    seen: dict[str, Any] = {}

    def fake_train(args: Any, progress: Any) -> Any:
        seen["args"] = args
        raise RuntimeError("stop here")

    monkeypatch.setattr(training.train_intent, "train", fake_train)
    with pytest.raises(RuntimeError, match="stop here"):
        job_runner.retrain_intent({"dataset_dir": str(ds), "out_dir": str(tmp_path / "model")})
    assert [e.weight for e in seen["args"].examples] == [0.5, 1.0, 1.0]


def test_draft_pairs_keep_their_weight() -> None:
    rows: list[dict[str, Any]] = [
        {"customer": "hi", "agent": "hello", "weight": 0.5, "group": "g1"},
        {"customer": "bye", "agent": "goodbye", "group": "g2"},
    ]
    pairs = job_runner.weighted_pairs(rows)
    assert [(p.customer, p.weight, p.conversation_id) for p in pairs] == [("hi", 0.5, "g1"), ("bye", 1.0, "g2")]
