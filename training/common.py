"""Small helpers every training script shares: seeding, device and threads, progress, model cards.

Kept deliberately stable: the intent and draft training scripts both import it.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import secrets
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# progress(fraction in [0, 1], message): how the desk's retrain dialog follows a run.
ProgressFn = Callable[[float, str], None]


def seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pick_device(device: str = "auto") -> str:
    """``"cuda"`` when asked or available (for ``"auto"``), else ``"cpu"``."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def set_cpu_threads(threads: int | None = None) -> int:
    """Training threads: ``threads``, else ``ASSIST_TRAIN_THREADS``, else all CPUs."""
    import torch

    raw = os.environ.get("ASSIST_TRAIN_THREADS", "")
    n = threads or (int(raw) if raw.isdigit() and int(raw) > 0 else (os.cpu_count() or 1))
    torch.set_num_threads(n)
    return n


def timestamp_version(prefix: str, data_hash: str) -> str:
    """A sortable, unique version string: ``intent-20260101-120000-ab12cd-9f3e``.

    Time, then the data snapshot, then a random suffix: two trainings on the same data in
    the same second (a retrain racing a bootstrap, a test) must not share a version.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return f"{prefix}-{stamp}-{data_hash[:6]}-{secrets.token_hex(2)}"


def hash_records(rows: Iterable[Iterable[Any]]) -> str:
    """Order-independent SHA-256 of the training rows: the data snapshot a model came from."""
    lines = sorted("\x1f".join("" if v is None else str(v) for v in row) for row in rows)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass
class Progress:
    """tqdm bars on stderr plus an optional ``progress(fraction, message)`` callback.

    A run is a list of stages with weights (e.g. pretrain 0.6, fine-tune 0.4); ``stage``
    returns a bar whose updates map into the run-wide fraction the callback sees.
    """

    callback: ProgressFn | None = None
    quiet: bool = False
    _done: float = 0.0
    _bars: list[Any] = field(default_factory=list)

    def report(self, fraction: float, message: str) -> None:
        if self.callback is not None:
            self.callback(max(0.0, min(1.0, fraction)), message)

    def stage(self, name: str, total: int, weight: float) -> StageBar:
        from tqdm.auto import tqdm

        bar = tqdm(
            total=total, desc=name, file=sys.stderr, disable=self.quiet, leave=False, dynamic_ncols=True
        )
        stage = StageBar(self, bar, name, total, self._done, weight)
        self._done += weight
        return stage


@dataclass
class StageBar:
    owner: Progress
    bar: Any
    name: str
    total: int
    start: float
    weight: float
    count: int = 0

    def update(self, n: int = 1, **postfix: Any) -> None:
        self.count += n
        self.bar.update(n)
        if postfix:
            self.bar.set_postfix(postfix, refresh=False)
        frac = self.start + self.weight * min(1.0, self.count / max(1, self.total))
        detail = ", ".join(f"{k} {v}" for k, v in postfix.items())
        self.owner.report(frac, f"{self.name} {self.count}/{self.total}" + (f" ({detail})" if detail else ""))

    def close(self) -> None:
        self.bar.close()


def write_model_card(
    out_dir: Path,
    *,
    title: str,
    summary: str,
    meta: dict[str, Any],
    metrics: dict[str, Any],
    usage: str = "",
    extra: str = "",
) -> Path:
    """A Hugging Face style README.md: front matter, what the model is, how it was made, metrics."""
    lines = [
        "---",
        "library_name: transformers",
        f"tags: [assist, {meta.get('kind', 'model')}]",
        "---",
        f"# {title}",
        "",
        summary,
        "",
        "## Provenance",
        "",
    ]
    for key in ("version", "parent_version", "data_hash", "backbone", "created"):
        if key in meta:
            lines.append(f"- **{key}**: `{meta[key]}`")
    lines += ["", "## Metrics (validation split)", "", "| metric | value |", "|---|---|"]
    for key, value in metrics.items():
        shown = f"{value:.4f}" if isinstance(value, float) else json.dumps(value)
        lines.append(f"| {key} | {shown} |")
    if usage:
        lines += ["", "## Use", "", usage]
    if extra:
        lines += ["", extra]
    path = Path(out_dir) / "README.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
