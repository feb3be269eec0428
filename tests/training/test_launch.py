"""The training scripts under a launcher: ``accelerate launch`` / ``torchrun`` start 2 CPU
processes (gloo), they train one model data-parallel, and the main process writes one output
directory that the production loaders load and predict with.

Each process takes every other example of each global batch: the run reports world size 2
and the examples each process trained on; a launcher that ran two independent copies (or
processes that each took the whole batch) would report world size 1 or twice the examples.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assist.learning.jobs import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = {
    "track_order": ["where is my parcel {n}", "track my package {n} please", "has order {n} shipped"],
    "refund": ["i want my money back for {n}", "refund me for order {n}", "give me a refund on {n}"],
}
REPLIES = {
    "track_order": ["Order {{Order Number}} is on its way.", "You can follow order {{Order Number}} online."],
    "refund": ["I have started your refund.", "Your refund reaches you in 3-5 days."],
}


def write_rows(path: Path, kind: str) -> Path:
    rows = []
    for label, templates in MESSAGES.items():
        for i in range(12):
            text = templates[i % 3].format(n=1000 + i)
            reply = REPLIES[label][i % 2]
            rows.append({"text": text, "label": label} if kind == "intent" else {"customer": text, "agent": reply, "intent": label})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def launch(launcher: list[str], module: str, *args: str) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", *launcher, "-m", module, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    printed = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(printed) == 1, done.stdout  # only the main process prints the result
    return dict(json.loads(printed[0]))


def accelerate_launch(n: int) -> list[str]:
    # accelerate's own --cpu flag starts a single process; --multi_gpu with the script's
    # --device cpu gives n CPU processes over gloo (torchrun does the same).
    return ["accelerate.commands.launch", "--multi_gpu", "--num_processes", str(n), "--num_machines", "1",
            "--mixed_precision", "no", "--dynamo_backend", "no", "--main_process_port", str(free_port())]  # fmt: skip


def test_train_drafts_under_accelerate_launch(tmp_path: Path) -> None:
    from assist.drafts.generators.hf_local import load_hf_local
    from assist.drafts.prompting import PromptParts

    data = write_rows(tmp_path / "pairs.jsonl", "drafts")
    out = tmp_path / "drafts"
    result = launch(
        accelerate_launch(2), "training.train_drafts",
        "--data", str(data), "--base", "scratch", "--recipe", "drafts_tiny", "--device", "cpu", "--max-train-samples", "20",
        "--max-steps", "4", "--batch-size", "6", "--eval-every", "2", "--out", str(out),
    )  # fmt: skip
    metrics = result["metrics"]
    assert metrics["world_size"] == 2 and metrics["steps"] == 4 and metrics["train_examples"] == 18
    assert metrics["examples_seen_per_process"] == [12, 12]  # 4 steps x 6 per batch, half each
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drafts", "pairs.jsonl"]
    meta = json.loads((out / "assist.json").read_text(encoding="utf-8"))
    assert meta["version"] == result["version"] and meta["metrics"]["world_size"] == 2
    assert "world_size" in (out / "README.md").read_text(encoding="utf-8")
    gen = load_hf_local(out, device="cpu")
    assert gen.version == result["version"]
    assert len(gen.generate(PromptParts(message="where is my parcel 7", intent="track_order"), n=1, max_new_tokens=4)) == 1


def test_train_intent_under_torchrun(tmp_path: Path) -> None:
    """Through the user's command, ``assist train intent``: one result line, from the main process."""
    from assist.intent.loading import load_intent_engine

    data = write_rows(tmp_path / "utterances.jsonl", "intent")
    out = tmp_path / "intent"
    result = launch(
        ["torch.distributed.run", "--standalone", "--nproc_per_node", "2"], "assist.cli.main", "train", "intent",
        "--recipe", "tiny", "--data", str(data), "--pretrain-epochs", "1", "--epochs", "2",
        "--head-epochs", "2", "--device", "cpu", "--json", "--quiet", "--out", str(out),
    )  # fmt: skip
    metrics = result["metrics"]
    n_train = metrics["n_train"]
    assert metrics["world_size"] == 2
    # head warm start (2 epochs) then full fine-tune (2 epochs) are counted by the last fit
    assert metrics["examples_seen_per_process"] == [n_train, n_train]  # 2 epochs, half each
    meta = json.loads((out / "assist.json").read_text(encoding="utf-8"))
    assert meta["version"] == result["version"] and meta["metrics"]["world_size"] == 2
    engine = load_intent_engine(out, runtime="torch", device="cpu")
    top = engine.classify(["where is my parcel 77"])[0].top
    assert top.label in MESSAGES
