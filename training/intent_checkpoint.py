"""Epoch checkpoints for the intent fine-tuning loop: a first run stopped half-way continues
from the last finished epoch instead of starting the language over.

It follows the trainers' resume contract (:mod:`training.checkpoint`: one file, written
atomically, random states included). After every epoch the loop saves what it trains (the
head, the top layers or all weights, as the mode has it), the optimizer and schedule, the
batch-order RNG, the counters, the best epoch so far and the history; a fit that finished
saves its final weights with ``done``, so a restart after it skips straight on. A checkpoint
is keyed by the data and the options of that fit (a head warm start and the full fine-tune
that follows it have different keys); one of another fit is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from training import checkpoint


def fit_key(mode: str, epochs: int, lr: float, seed: int, lengths: list[int], labels: list[int]) -> str:
    raw = json.dumps([mode, int(epochs), float(lr), int(seed), [int(n) for n in lengths], [int(y) for y in labels]])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


class EpochCheckpoint:
    def __init__(self, directory: str | Path, key: str, main: bool = True) -> None:
        self.dir = Path(directory) / f"fit-{key}"
        self.key = key
        self.main = main

    def load(self) -> dict[str, Any] | None:
        """The saved state of this fit (None: none, or one cut off by a crash: start afresh)."""
        try:
            data = checkpoint.load(self.dir)
        except Exception:  # noqa: BLE001
            return None
        return data if isinstance(data, dict) and data.get("key") == self.key else None

    def save(self, params: list[tuple[str, Any]], **state: Any) -> None:
        if not self.main:
            return
        trained = {n: p.detach().cpu().clone() for n, p in params}
        checkpoint.save(self.dir, {"key": self.key, "params": trained, **state})


def restore_params(params: list[tuple[str, Any]], saved: dict[str, Any]) -> None:
    """Copy the saved trained weights back into ``params`` (in place, same device)."""
    import torch

    with torch.no_grad():
        for name, p in params:
            p.copy_(saved[name].to(p.device, p.dtype))
