"""A broken model directory gives a ModelLoadError that says what is wrong, never a stack trace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assist.core.errors import ModelLoadError
from assist.intent.loading import load_intent_engine


def _copy(model: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "copy"
    shutil.copytree(model, dst)
    return dst


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="does not exist"):
        load_intent_engine(tmp_path / "nowhere")


def test_empty_directory_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match=r"no assist\.json"):
        load_intent_engine(tmp_path)


@pytest.mark.slow
def test_corrupt_assist_json(tiny_model: Path, tmp_path: Path) -> None:
    d = _copy(tiny_model, tmp_path)
    (d / "assist.json").write_text('{"kind": "intent", "version": ', encoding="utf-8")
    with pytest.raises(ModelLoadError, match=r"assist\.json: not valid JSON"):
        load_intent_engine(d)
    (d / "assist.json").write_text('{"kind": "intent", "version": "v1", "temperature": -1}', encoding="utf-8")
    with pytest.raises(ModelLoadError, match="temperature"):
        load_intent_engine(d)


@pytest.mark.slow
def test_missing_and_truncated_weights(tiny_model: Path, tmp_path: Path) -> None:
    d = _copy(tiny_model, tmp_path)
    weights = d / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelLoadError, match=r"truncated|corrupt"):
        load_intent_engine(d, runtime="torch")
    weights.unlink()
    with pytest.raises(ModelLoadError, match="no weights file"):
        load_intent_engine(d, runtime="torch")


@pytest.mark.slow
def test_garbage_weights(tiny_model: Path, tmp_path: Path) -> None:
    d = _copy(tiny_model, tmp_path)
    (d / "model.safetensors").write_bytes(b"\x00garbage" * 100)
    with pytest.raises(ModelLoadError, match=r"model\.safetensors"):
        load_intent_engine(d, runtime="torch")


@pytest.mark.slow
def test_causal_lm_directory_is_not_an_intent_model(tiny_model: Path, tmp_path: Path) -> None:
    from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel

    d = tmp_path / "gpt"
    GPT2LMHeadModel(
        GPT2Config(n_layer=1, n_embd=16, n_head=2, vocab_size=200, n_positions=32)
    ).save_pretrained(d)
    AutoTokenizer.from_pretrained(str(tiny_model)).save_pretrained(d)
    shutil.copy(tiny_model / "assist.json", d / "assist.json")  # even with our metadata beside it
    with pytest.raises(ModelLoadError, match="not a sequence classifier"):
        load_intent_engine(d)


@pytest.mark.slow
def test_onnx_runtime_without_an_onnx_file(tiny_model: Path) -> None:
    with pytest.raises(ModelLoadError, match="no ONNX model"):
        load_intent_engine(tiny_model, runtime="onnx")


def test_bad_runtime_name(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="runtime"):
        load_intent_engine(tmp_path, runtime="tensorflow")


def test_bad_router(tmp_path: Path) -> None:
    (tmp_path / "router.json").write_text('{"en": "en", "zh": "zh"}', encoding="utf-8")
    with pytest.raises(ModelLoadError, match="missing"):
        load_intent_engine(tmp_path)


def test_cli_prints_the_problem_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from assist.cli.main import main

    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "hi", "label": "a"}\n', encoding="utf-8")
    code = main(["eval", "intent", "--model", str(tmp_path / "gone"), "--data", str(data), "--json"])
    assert code == 2
    err = capsys.readouterr().err
    assert "assist: error:" in err and "does not exist" in err
