"""Step checkpoints that survive a restart: the resume contract of Assist's trainers.

A job that must survive the desk quitting (the first-run training) gives its trainer a
``resume_dir`` that lives across restarts (``<data_dir>/jobs/first-run-<kind>/``). The
trainer then

1. calls :func:`load` at the start: None (a fresh run) or the state it saved last, and
   continues from that step (same data, same schedule, same batch order);
2. calls :func:`save` every few steps (``checkpoint_every``) with everything it needs to go
   on: weights, optimiser, scheduler, the step, best-so-far, the remaining batch order, RNG
   states. The write is atomic (a temporary file renamed), so a process killed mid-write
   leaves the previous checkpoint;
3. keeps files it needs again (a trained tokenizer) under ``resume_dir`` too.

The job deletes ``resume_dir`` once the model is registered. A Hugging Face ``Trainer``
meets the same contract with ``TrainingArguments(output_dir=resume_dir, save_steps=...)``
and ``trainer.train(resume_from_checkpoint=transformers.trainer_utils.get_last_checkpoint(resume_dir))``.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

STATE_FILE = "checkpoint.pt"


def load(resume_dir: str | Path | None) -> dict[str, Any] | None:
    """The last saved state under ``resume_dir`` (None: nothing saved, start from step 0)."""
    if not resume_dir:
        return None
    path = Path(resume_dir) / STATE_FILE
    if not path.is_file():
        return None
    import torch

    state: dict[str, Any] = torch.load(path, map_location="cpu", weights_only=False)
    if "python_rng" in state:
        random.setstate(state["python_rng"])
    if "torch_rng" in state:
        torch.set_rng_state(state["torch_rng"])
    return state


def save(resume_dir: str | Path, state: dict[str, Any]) -> Path:
    """Write ``state`` (plus the RNG states) atomically to ``resume_dir``."""
    import torch

    folder = Path(resume_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / STATE_FILE
    tmp = folder / f".{STATE_FILE}.{os.getpid()}.tmp"
    torch.save({**state, "python_rng": random.getstate(), "torch_rng": torch.get_rng_state()}, tmp)
    os.replace(tmp, path)
    return path
