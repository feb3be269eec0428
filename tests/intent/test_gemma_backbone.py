"""The ``gemma`` intent backbone end to end on a tiny random Gemma 3 (converted from GGUF by the
production path): fast (pooled features + head) and full (LoRA) training, the saved directory,
loading through ``load_intent_engine``, classification, calibration, the OOS rule and eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assist.core.errors import ModelLoadError
from assist.core.records import LabelledText
from tests.intent.conftest import toy_examples, write_jsonl

pytestmark = pytest.mark.slow


def gemma_args(out: Path, base: Path, examples: list[LabelledText], **overrides: object) -> object:
    from training.intent_args import TrainIntentArgs

    values: dict[str, object] = dict(
        examples=examples,
        out=out,
        backbone="gemma",
        base=str(base),
        models_dir=base.parent.parent,
        mode="head",
        head_epochs=60,
        head_lr=1e-2,
        epochs=2,
        lr=3e-3,
        batch_size=16,
        val_fraction=0.25,
        oos_label="oos",
        threads=1,
        quiet=True,
        seed=1,
    )
    values.update(overrides)
    return TrainIntentArgs(**values)  # type: ignore[arg-type]


def with_oos(rows: list[LabelledText]) -> list[LabelledText]:
    from tests.intent.conftest import UNRELATED

    return rows + [LabelledText(text=t, label="oos", lang="en") for t in UNRELATED * 2]


@pytest.fixture(scope="module")
def gemma_fast(tiny_gemma_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    from training.train_intent import train

    out = tmp_path_factory.mktemp("gemma-fast") / "model"
    result = train(gemma_args(out, tiny_gemma_dir, with_oos(toy_examples(24))))  # type: ignore[arg-type]
    return out, result


def test_fast_mode_saves_the_head_and_names_the_shared_base(
    gemma_fast: tuple[Path, object], tiny_gemma_dir: Path
) -> None:
    from assist.intent.gemma import ARCHITECTURE
    from assist.intent.metadata import read_meta

    out, result = gemma_fast
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["architectures"] == [ARCHITECTURE]
    assert Path(config["base_dir"]) == tiny_gemma_dir.resolve() and config["layer"] == 2
    assert sorted(config["id2label"].values()) == ["cancel_order", "change_address", "refund", "track_order"]
    # the head only: the base's weights are shared, never copied
    head = (out / "model.safetensors").stat().st_size
    assert head < (tiny_gemma_dir / "model.safetensors").stat().st_size / 4
    assert (out / "tokenizer.json").is_file() and not (out / "adapter").exists()
    meta = read_meta(out)
    assert meta.backbone.startswith("gemma (") and meta.temperature > 0
    assert meta.oos.method == "max_prob" and meta.oos.threshold > float("-inf")
    assert "val_oos_recall" in result.metrics and result.metrics["val_accuracy"] > 0.5  # type: ignore[attr-defined]


def test_fast_mode_model_loads_and_classifies_like_training_scored_it(
    gemma_fast: tuple[Path, object],
) -> None:
    from assist.intent.gemma import cpu_dtype
    from assist.intent.loading import load_intent_engine
    from assist.pretrained.packed_linear import PackedBf16Linear, packing_available

    out, _ = gemma_fast
    engine = load_intent_engine(out, runtime="torch", threads=1)
    assert engine.meta.backbone.startswith("gemma")
    model = engine._model  # type: ignore[attr-defined]
    assert next(model.encoder.parameters()).dtype == cpu_dtype()  # bf16 on native-bf16 CPUs
    if packing_available():  # and its linear layers pre-packed for oneDNN: 7 per decoder layer
        assert sum(isinstance(m, PackedBf16Linear) for m in model.encoder.modules()) == 7 * len(model.encoder.layers)
    rows = toy_examples(24, seed=5)
    preds = engine.classify([r.text for r in rows])
    accuracy = sum(p.top.label == r.label for p, r in zip(preds, rows, strict=True)) / len(rows)
    assert accuracy > 0.5  # 4 intents: chance is 0.25
    assert all(abs(sum(s.probability for s in p.ranking) - 1) < 1e-3 for p in preds)


def test_eval_cli_scores_a_gemma_model(gemma_fast: tuple[Path, object], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    from assist.cli.main import main

    out, _ = gemma_fast
    rows = [*toy_examples(8, seed=7), LabelledText("what is the capital of france", "oos")]
    data = write_jsonl(tmp_path / "test.jsonl", rows)
    code = main(["eval", "intent", "--model", str(out), "--data", str(data), "--oos-label", "oos",
                 "--runtime", "torch", "--json"])  # fmt: skip
    assert code == 0
    scored = json.loads(capsys.readouterr().out.strip())
    assert scored["n"] == len(rows) and scored["n_oos"] == 1 and 0.0 <= scored["accuracy"] <= 1.0


def test_full_mode_trains_a_lora_adapter_that_loading_applies(tiny_gemma_dir: Path, tmp_path: Path) -> None:
    import numpy as np

    from assist.intent.loading import load_intent_engine
    from training.train_intent import train

    out = tmp_path / "full"
    rows = toy_examples(12)
    train(gemma_args(out, tiny_gemma_dir, rows, mode="full", head_epochs=20, oos_label=None))  # type: ignore[arg-type]
    adapter = out / "adapter"
    assert (adapter / "adapter_config.json").is_file() and (adapter / "adapter_model.safetensors").is_file()
    engine = load_intent_engine(out, runtime="torch", threads=1)
    texts = [r.text for r in rows]
    with_adapter = engine.logits(texts)
    # the same head without the adapter gives other logits: the LoRA weights were trained and applied
    (out / "adapter").rename(tmp_path / "moved")
    without = load_intent_engine(out, runtime="torch", threads=1).logits(texts)
    assert not np.allclose(with_adapter, without, atol=1e-3)


def test_full_mode_can_adapt_the_mlp_projections_too(tiny_gemma_dir: Path, tmp_path: Path) -> None:
    from assist.intent.loading import load_intent_engine
    from training.train_intent import train

    plain, mlp = tmp_path / "attention", tmp_path / "mlp"
    rows = toy_examples(12)
    for out, lora_mlp in ((plain, False), (mlp, True)):
        train(gemma_args(out, tiny_gemma_dir, rows, mode="full", head_epochs=5, oos_label=None,  # type: ignore[arg-type]
                         lora_mlp=lora_mlp))  # fmt: skip
    targets = {
        out: set(json.loads((out / "adapter" / "adapter_config.json").read_text(encoding="utf-8"))["target_modules"])
        for out in (plain, mlp)
    }
    assert targets[plain] == {"q_proj", "k_proj", "v_proj", "o_proj"}
    assert targets[mlp] == targets[plain] | {"gate_proj", "up_proj", "down_proj"}
    assert (mlp / "adapter" / "adapter_model.safetensors").stat().st_size > (
        plain / "adapter" / "adapter_model.safetensors"
    ).stat().st_size
    assert load_intent_engine(mlp, runtime="torch", threads=1).classify(["where is my parcel"])[0].top.label


def test_a_gemma_model_whose_base_is_gone_fails_clearly(
    gemma_fast: tuple[Path, object], tmp_path: Path
) -> None:
    import shutil

    from assist.intent.loading import load_intent_engine

    out, _ = gemma_fast
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    config = json.loads((copy / "config.json").read_text(encoding="utf-8"))
    config["base_dir"] = str(tmp_path / "no-such-base")
    (copy / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelLoadError, match="base model"):
        load_intent_engine(copy, runtime="torch", threads=1)


def test_the_chinese_intent_benchmark_runs_on_a_gemma_model(
    gemma_fast: tuple[Path, object], tmp_path: Path
) -> None:
    """``python -m bench intent-zh --quick`` times the engine and three variants (bf16 not packed,
    fp32, int8 dynamic) through the production loading code and scores each; the shape of its
    JSON, never its speed."""
    import os
    import subprocess
    import sys

    out, _ = gemma_fast
    report = tmp_path / "intent-zh.json"
    repo = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_") or k.startswith("ASSIST_TEST_")}
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "intent-zh", "--quick", "--quiet", "--threads", "1",
         "--intent-model", str(out), "--json", str(report)],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(report.read_text(encoding="utf-8"))
    variants = data["figures"]["batch1"]
    assert len(variants) == 4 and {"bf16, not packed", "fp32", "int8 dynamic"} <= variants.keys()
    assert sum(name.startswith("engine (") for name in variants) == 1
    assert all(0 < v["p50"] <= v["p95"] for v in variants.values())
    assert all(0.0 <= a["accuracy"] <= 1.0 for a in data["figures"]["accuracy"].values())
    assert data["targets"][0]["name"].startswith("engine batch-1 p95")


def test_a_gemma_model_exports_to_onnx_and_the_onnx_engine_agrees(
    gemma_fast: tuple[Path, object], tmp_path: Path
) -> None:
    """``assist export onnx --int8`` on a pooled Gemma model (torch's dynamo exporter): the fp32
    graph gives the torch engine's logits; the int8 one loads and classifies."""
    import numpy as np

    from assist.cli.main import main
    from assist.intent.loading import load_intent_engine

    model, _ = gemma_fast
    out = tmp_path / "onnx"
    assert main(["export", "onnx", "--model", str(model), "--out", str(out), "--int8"]) == 0
    assert (out / "model.onnx").is_file() and (out / "model_quantized.onnx").is_file()
    texts = [r.text for r in toy_examples(8, seed=11)] + ["我的订单到哪了"]
    import torch
    from transformers import AutoTokenizer

    from assist.intent.gemma import load_classifier

    classifier = load_classifier(model, json.loads((model / "config.json").read_text(encoding="utf-8")))
    tokenizer = AutoTokenizer.from_pretrained(str(model))
    with torch.inference_mode():
        expected = np.concatenate([
            classifier(**{k: v for k, v in tokenizer([t], return_tensors="pt").items() if k != "token_type_ids"})
            .logits.numpy() for t in texts
        ])  # fmt: skip
    fp32 = load_intent_engine(out, runtime="onnx", onnx_file="model.onnx", threads=1)
    assert fp32.runtime == "onnx"
    np.testing.assert_allclose(fp32.logits(texts), expected, atol=1e-3)  # batched, padded on the right
    int8 = load_intent_engine(out, threads=1)  # auto: the quantized graph
    assert int8.runtime == "onnx" and len(int8.classify(texts)) == len(texts)
