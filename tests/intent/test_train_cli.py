"""`assist train intent` end to end on a tiny backbone; the saved directory is a standard HF
model that a fresh process loads; `assist eval intent --json` scores it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assist.core.records import LabelledText
from tests.intent.conftest import write_jsonl

pytestmark = pytest.mark.slow


def test_training_saves_a_standard_hf_directory_with_calibration_and_card(
    tiny_train_output: dict[str, object], tiny_model: Path
) -> None:
    metrics = tiny_train_output["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["val_accuracy"] >= 0.85, metrics  # separable toy intents: a model that learns
    config = json.loads((tiny_model / "config.json").read_text())
    assert config["architectures"] == ["BertForSequenceClassification"]
    assert sorted(config["id2label"].values()) == ["cancel_order", "change_address", "refund", "track_order"]
    meta = json.loads((tiny_model / "assist.json").read_text())
    assert meta["kind"] == "intent" and meta["version"] == tiny_train_output["version"]
    assert len(meta["data_hash"]) == 64 and meta["temperature"] > 0
    assert meta["oos"]["method"] == "max_prob" and meta["oos"]["threshold"] is not None
    card = (tiny_model / "README.md").read_text()
    assert meta["version"] in card and meta["data_hash"] in card and "val_accuracy" in card

    # Any standard tool loads it: plain transformers, no Assist code.
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(tiny_model)
    tok = AutoTokenizer.from_pretrained(tiny_model)
    logits = model(**tok(["cancel my order 12345"], return_tensors="pt")).logits
    assert model.config.id2label[int(logits.argmax())] == "cancel_order"


def test_fresh_process_loads_the_model_and_agrees_with_this_one(
    tiny_model: Path, tiny_engine: object
) -> None:
    texts = ["where is my order 12345", "i want a refund for the lamp", "cancel order X9 now"]
    code = (
        "import json, sys\n"
        "from assist.intent.loading import load_intent_engine\n"
        "engine = load_intent_engine(sys.argv[1], runtime='torch', device='cpu', threads=1)\n"
        "preds = engine.classify(sys.argv[2:])\n"
        "print(json.dumps([[p.top.label, p.top.probability, sum(s.probability for s in p.ranking),"
        " len(p.ranking), p.model_version] for p in preds]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tiny_model), *texts],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    fresh = json.loads(done.stdout.strip().splitlines()[-1])
    here = tiny_engine.classify(texts)  # type: ignore[attr-defined]
    assert [f[0] for f in fresh] == [p.top.label for p in here] == ["track_order", "refund", "cancel_order"]
    for f, p in zip(fresh, here, strict=True):
        assert f[1] == pytest.approx(p.top.probability, abs=1e-5)
        assert f[2] == pytest.approx(1.0, abs=1e-6) and f[3] == 4
        assert f[4] == p.model_version


def test_eval_cli_prints_one_json_object_and_writes_confusion(
    tiny_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assist.cli.main import main

    rows = [
        LabelledText("where is my parcel A-778", "track_order"),
        LabelledText("refund the kettle please", "refund"),
        LabelledText("please cancel order 99812 now", "cancel_order"),
        LabelledText("update my delivery address", "change_address"),
        LabelledText("what is the capital of france", "oos"),
    ]
    data = write_jsonl(tmp_path / "test.jsonl", rows)
    confusion = tmp_path / "confusion.csv"
    code = main(
        [
            "eval",
            "intent",
            "--model",
            str(tiny_model),
            "--data",
            str(data),
            "--oos-label",
            "oos",
            "--runtime",
            "torch",
            "--confusion-out",
            str(confusion),
            "--json",
        ]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out.strip())
    for key in ("n", "accuracy", "macro_f1", "ece", "in_scope_accuracy", "oos_recall", "oos_precision"):
        assert key in out, key
    assert out["n"] == 5 and out["n_oos"] == 1 and out["n_in_scope"] == 4
    assert 0.0 <= out["ece"] <= 1.0 and out["accuracy"] >= 0.75
    lines = confusion.read_text().splitlines()
    assert lines[0].startswith("gold \\ predicted,") and len(lines) == 1 + 4 + 1
    assert sum(int(v) for line in lines[1:] for v in line.split(",")[1:]) == 5


def test_train_cli_rejects_missing_data_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from assist.cli.main import main

    code = main(["train", "intent", "--data", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "m")])
    assert code == 2
    assert "nope.csv" in capsys.readouterr().err
