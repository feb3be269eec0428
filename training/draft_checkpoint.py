"""Resumable checkpoints for ``train_drafts``: a run stopped half-way continues where it was.

It follows the trainers' resume contract (:mod:`training.checkpoint`: one file, written
atomically, random states included) and adds what the draft trainer needs on top: only
the trained weights are kept (the LoRA adapter, or all weights of a model that trains all of
them), with the optimizer and schedule, the loop's counters and the rest of the epoch's
batch order, and the best weights so far. A checkpoint is keyed by the data and the options
that shape the run; one of another run is ignored (and replaced), never half-applied.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from training import checkpoint


class Checkpointer:
    def __init__(self, directory: str | Path, key: str, main: bool = True) -> None:
        self.dir = Path(directory)
        self.key = key
        self.main = main

    @property
    def path(self) -> Path:
        return self.dir / checkpoint.STATE_FILE

    def load(self, net: Any, optimizer: Any, schedule: Any) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """Restore a matching checkpoint into ``net``/``optimizer``/``schedule``; its loop state and best weights."""
        try:
            data = checkpoint.load(self.dir)
        except Exception:  # noqa: BLE001 - a checkpoint cut off by a crash: start afresh
            return None
        if not isinstance(data, dict) or data.get("key") != self.key:
            return None
        net.load_state_dict(data["trained"], strict=False)
        optimizer.load_state_dict(data["optimizer"])
        schedule.load_state_dict(data["schedule"])
        return dict(data["state"]), data["best_state"]

    def save(self, net: Any, optimizer: Any, schedule: Any, state: dict[str, Any], best_state: dict[str, Any] | None) -> None:
        if not self.main:
            return
        trained = {k: v.detach().cpu().clone() for k, v in net.named_parameters() if v.requires_grad}
        checkpoint.save(self.dir, {
            "key": self.key, "trained": trained, "optimizer": optimizer.state_dict(),
            "schedule": schedule.state_dict(), "state": state, "best_state": best_state,
        })  # fmt: skip

    def clear(self) -> None:
        if self.main:
            shutil.rmtree(self.dir, ignore_errors=True)
