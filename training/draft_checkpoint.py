"""Resumable checkpoints for ``train_drafts``: a run stopped half-way continues where it was.

One file, written atomically (temporary file, then rename), holding what the next run
needs to go on exactly: the trained weights (the LoRA adapter, or all weights of a model
that trains all of them), the optimizer and schedule, the loop's counters and the rest of
the epoch's batch order, the best weights so far and the random states. It is keyed by the
data and the options that shape the run; a checkpoint of another run is ignored (and
replaced), never half-applied. The first run's background training passes a directory
under the data dir, so quitting the desk pauses it and the next start resumes it.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import Any

FILE = "checkpoint.pt"


class Checkpointer:
    def __init__(self, directory: str | Path, key: str, main: bool = True) -> None:
        self.dir = Path(directory)
        self.key = key
        self.main = main

    @property
    def path(self) -> Path:
        return self.dir / FILE

    def load(self, net: Any, optimizer: Any, schedule: Any) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """Restore a matching checkpoint into ``net``/``optimizer``/``schedule``; its loop state and best weights."""
        import torch

        if not self.path.is_file():
            return None
        try:
            data = torch.load(self.path, map_location="cpu", weights_only=False)
        except Exception:  # noqa: BLE001 - a checkpoint cut off by a crash: start afresh
            return None
        if not isinstance(data, dict) or data.get("key") != self.key:
            return None
        net.load_state_dict(data["trained"], strict=False)
        optimizer.load_state_dict(data["optimizer"])
        schedule.load_state_dict(data["schedule"])
        random.setstate(data["python_random"])
        torch.set_rng_state(data["torch_random"])
        return dict(data["state"]), data["best_state"]

    def save(self, net: Any, optimizer: Any, schedule: Any, state: dict[str, Any], best_state: dict[str, Any] | None) -> None:
        import torch

        if not self.main:
            return
        trained = {k: v.detach().cpu().clone() for k, v in net.named_parameters() if v.requires_grad}
        data = {
            "key": self.key,
            "trained": trained,
            "optimizer": optimizer.state_dict(),
            "schedule": schedule.state_dict(),
            "state": state,
            "best_state": best_state,
            "python_random": random.getstate(),
            "torch_random": torch.get_rng_state(),
        }
        self.dir.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        torch.save(data, partial)
        os.replace(partial, self.path)

    def clear(self) -> None:
        if self.main:
            shutil.rmtree(self.dir, ignore_errors=True)
