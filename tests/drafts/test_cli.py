"""`assist train drafts` and `assist eval drafts` as a user runs them, each in a fresh process.

The eval run is also the fresh-process loading test: a new interpreter opens the model the
training process saved, through the production loader, and generates with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PAIRS_EN, PAIRS_ZH

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, timeout: int = 400) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _write_conversations(path: Path) -> None:
    """The source article's shape: one conversation a line with customer/agent turns."""
    with path.open("w", encoding="utf-8") as fh:
        for n, (customer, agent, intent) in enumerate([*PAIRS_EN, *PAIRS_ZH] * 2):
            turns = [{"customer": "hello", "agent": "Hi, how can I help?"}, {"customer": customer, "agent": agent, "intent": intent}]
            fh.write(json.dumps({"id": f"c{n}", "conversations": turns}, ensure_ascii=False) + "\n")


@pytest.mark.slow
def test_train_then_eval_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "conversations.jsonl"
    _write_conversations(data)
    out = tmp_path / "model"
    trained = _run("assist.cli.main", "train", "drafts", "--data", str(data), "--out", str(out),
                   "--base", "scratch", "--recipe", "drafts_tiny", "--max-steps", "6", "--batch-size", "8", "--threads", "1")
    assert trained.returncode == 0, trained.stderr[-3000:]
    summary = json.loads(trained.stdout.strip().splitlines()[-1])
    assert summary["version"].startswith("drafts-") and summary["metrics"]["steps"] == 6
    assert "train drafts" in trained.stderr  # the progress bar goes to stderr
    assert (out / "model.safetensors").is_file() and (out / "assist.json").is_file()

    evaluated = _run("assist.cli.main", "eval", "drafts", "--model", str(out), "--data", str(data),
                     "--max-samples", "6", "--max-new-tokens", "8", "--json")
    assert evaluated.returncode == 0, evaluated.stderr[-3000:]
    result = json.loads(evaluated.stdout)
    # 48 pairs; the 24 "hello" turns (no history) are one message with 24 references; 6 of the 25 scored
    assert result["n_pairs"] == 48 and result["n"] == 6 and result["errors"] == 0
    for name in ("ranked", "generated", "retrieved"):
        for metric in ("rouge_l", "chrf", "embedding_similarity", "intent_match"):
            assert 0.0 <= result[name][metric] <= 1.0 + 1e-6, (name, metric, result[name])
    # leave-one-out: the message's own reply is never retrieved, so retrieval is not trivially perfect
    assert result["retrieved"]["rouge_l"] < 1.0


def test_bad_model_dir_is_a_clear_cli_error(tmp_path: Path) -> None:
    data = tmp_path / "conversations.jsonl"
    _write_conversations(data)
    result = _run("assist.cli.main", "eval", "drafts", "--model", str(tmp_path / "missing"), "--data", str(data), "--json")
    assert result.returncode == 2
    assert "assist: error: cannot evaluate drafts: draft model:" in result.stderr and "does not exist" in result.stderr
