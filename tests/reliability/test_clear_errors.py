"""Clear errors instead of raw tracebacks (issue 17): ``assist: error: ...`` naming the file and
exit code 2 for a truncated ``tokenizer.json`` (also in the desk's fallback message),
``--device cuda`` on a CPU-only torch, and a garbage or half-truncated SQLite file at
``assist serve``. Real model directories, real files, real subprocesses."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assist.core.errors import ConfigError, ModelLoadError
from assist.core.types import IncomingMessage
from assist.intent.loading import load_intent_engine
from assist.intent.metadata import KIND, META_FILE
from assist.service import engines
from assist.storage import events
from assist.storage.database import Database

from .conftest import PYTHON, child_env

WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "where", "is", "my", "order", "refund", "please"]


def _tokenizer(directory: Path) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]"
    ).save_pretrained(directory)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, GPT2Config, GPT2LMHeadModel

    torch.manual_seed(0)
    root = tmp_path_factory.mktemp("models")
    labels = {0: "track_order", 1: "refund"}
    intent = root / "intent"
    BertForSequenceClassification(
        BertConfig(
            vocab_size=len(WORDS), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
            intermediate_size=32, id2label=labels, label2id={v: k for k, v in labels.items()},
        )
    ).save_pretrained(intent)  # fmt: skip
    (intent / META_FILE).write_text(json.dumps({"kind": KIND, "version": "clear-errors"}))
    _tokenizer(intent)
    lm = root / "lm"
    GPT2LMHeadModel(
        GPT2Config(vocab_size=len(WORDS), n_positions=32, n_embd=16, n_layer=1, n_head=2)
    ).save_pretrained(lm)
    _tokenizer(lm)
    out = {"intent": intent, "lm": lm}
    for name, src in (("intent", intent), ("lm", lm)):
        broken = root / f"{name}_cut_tokenizer"
        subprocess.run(["cp", "-r", str(src), str(broken)], check=True)
        tj = broken / "tokenizer.json"
        tj.write_bytes(tj.read_bytes()[: tj.stat().st_size // 2])  # half-truncated
        out[f"{name}_cut"] = broken
    return out


# ----------------------------------------------------------------------------- truncated tokenizer.json
def test_a_truncated_tokenizer_json_names_the_file(models: dict[str, Path]) -> None:
    assert load_intent_engine(models["intent"], device="cpu").classify(["where is my order"])
    broken = models["intent_cut"]
    with pytest.raises(ModelLoadError) as err:
        load_intent_engine(broken, device="cpu")
    msg = str(err.value)
    assert str(broken / "tokenizer.json") in msg and "truncated" in msg, msg
    # the desk's fallback message is the same text: the path is in the status bar
    shown = engines._why(err.value)
    assert str(broken / "tokenizer.json") in shown and "Exception" not in shown


def test_a_truncated_tokenizer_json_of_a_draft_model_names_the_file(models: dict[str, Path]) -> None:
    from assist.drafts.generators.hf_local import load_hf_local

    broken = models["lm_cut"]
    with pytest.raises(ModelLoadError) as err:
        load_hf_local(broken, device="cpu", warm_up=False)
    assert str(broken / "tokenizer.json") in str(err.value)


def _assist(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "assist.cli.main", *args], capture_output=True, text=True, env=child_env(), timeout=300
    )


def test_eval_intent_with_a_truncated_tokenizer_is_exit_2(models: dict[str, Path], tmp_path: Path) -> None:
    data = tmp_path / "eval.csv"
    data.write_text("text,label\nwhere is my order,track_order\nrefund please,refund\n")
    res = _assist(
        "eval", "intent", "--model", str(models["intent_cut"]), "--data", str(data), "--device", "cpu"
    )
    assert res.returncode == 2, res.stderr[-2000:]
    assert res.stderr.startswith("assist: error: ") and "tokenizer.json" in res.stderr, res.stderr[-2000:]


# ----------------------------------------------------------------------------- --device cuda without CUDA
def _no_cuda() -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is available here: --device cuda is valid")


def test_eval_intent_device_cuda_without_cuda_is_a_clear_error(
    models: dict[str, Path], tmp_path: Path
) -> None:
    _no_cuda()
    data = tmp_path / "eval.csv"
    data.write_text("text,label\nwhere is my order,track_order\n")
    res = _assist("eval", "intent", "--model", str(models["intent"]), "--data", str(data), "--device", "cuda")
    err = res.stderr
    assert res.returncode == 2, err[-2000:]
    assert err.startswith("assist: error: ") and "device 'cuda' asked for" in err and "use auto or cpu" in err
    assert "AssertionError" not in err


@pytest.mark.parametrize("device", ["cuda", "cuda:1"])
def test_every_device_pick_refuses_cuda_without_cuda(device: str) -> None:
    _no_cuda()
    from assist.drafts.generators.hf_local import resolve_device as drafts_device
    from assist.intent.torch_engine import pick_device

    for pick in (pick_device, drafts_device):
        with pytest.raises(ConfigError, match="asked for"):
            pick(device)
        assert pick("auto") == "cpu" and pick("cpu") == "cpu"
    # the training scripts' own pick (in a child: tests/training shadows the package here)
    code = f"from training.common import pick_device\ntry:\n    pick_device({device!r})\nexcept Exception as e:\n"
    res = subprocess.run(
        [PYTHON, "-c", code + "    print(type(e).__name__, e)"],
        capture_output=True,
        text=True,
        env=child_env(),
    )
    assert res.stdout.startswith("ConfigError device") and "asked for" in res.stdout, res.stdout + res.stderr


# ----------------------------------------------------------------------------- a damaged database
def _damaged(tmp_path: Path, how: str) -> Path:
    path = tmp_path / "data" / "assist.sqlite"
    path.parent.mkdir(parents=True)
    if how == "garbage":
        path.write_bytes(os.urandom(8192))
        return path
    db = Database.open(f"sqlite:///{path}")
    for i in range(300):
        db.writer.submit(events.ingest_message(IncomingMessage(f"m{i}", f"c{i % 7}", "hello " * 50))).result(
            30
        )
    db.close()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


@pytest.mark.parametrize("how", ["garbage", "half-truncated"])
def test_serve_on_a_damaged_database_is_a_clear_error(tmp_path: Path, how: str) -> None:
    path = _damaged(tmp_path, how)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env: dict[str, Any] = {k: v for k, v in os.environ.items() if not k.startswith("ASSIST_")}
    env.update(ASSIST_CONFIG_DIR=str(tmp_path / "config"))
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "assist.cli.main",
            "--data-dir",
            str(path.parent),
            "serve",
            "--port",
            str(port),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert res.returncode == 2, res.stderr[-2000:]
    assert f"assist: error: {path}: cannot open the database" in res.stderr, res.stderr[-2000:]
    assert "Traceback" not in res.stderr and "listening" not in res.stdout
