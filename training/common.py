"""Small helpers every training script shares: seeding, device and threads, progress, model cards.

Kept deliberately stable: the intent and draft training scripts both import it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import secrets
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

# progress(fraction in [0, 1], message): how the desk's retrain dialog follows a run.
ProgressFn = Callable[[float, str], None]
T = TypeVar("T")


def seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pick_device(device: str = "auto") -> str:
    """``"cuda"`` when asked or available (for ``"auto"``), else ``"cpu"``; ``"cuda"`` without a
    usable GPU is a ConfigError (``assist: error: ...``), not an AssertionError deep in torch."""
    from assist.core.devices import resolve_device

    return resolve_device(device)


def set_cpu_threads(threads: int | None = None) -> int:
    """Training threads: ``threads``, else ``ASSIST_TRAIN_THREADS``, else the CPUs shared out
    among the processes a launcher started on this machine (``LOCAL_WORLD_SIZE``)."""
    import torch

    raw = os.environ.get("ASSIST_TRAIN_THREADS", "")
    local = max(1, int(os.environ.get("LOCAL_WORLD_SIZE", "1") or 1))
    n = threads or (int(raw) if raw.isdigit() and int(raw) > 0 else max(1, (os.cpu_count() or 1) // local))
    torch.set_num_threads(n)
    return n


# ----------------------------------------------------------------------------- accelerate
MIXED_PRECISION = ("no", "fp16", "bf16")


def launched_rank() -> int:
    """This process's rank as set by ``accelerate launch``/``torchrun`` (0 when run plainly).

    Read from the environment, so it can be asked before the accelerator exists."""
    raw = os.environ.get("RANK", "0")
    return int(raw) if raw.isdigit() else 0


def print_on_main(text: str) -> None:
    """Print ``text`` on stdout from the main process only (under a launcher every rank runs the
    same command, and the caller wants one result line, not one per process)."""
    if launched_rank() == 0:
        print(text, flush=True)


def make_accelerator(device: str = "auto", mixed_precision: str | None = None) -> Any:
    """The run's :class:`accelerate.Accelerator`.

    Started plainly, it is one process on ``device`` (exactly as before). Started by
    ``accelerate launch --num_processes N`` or ``torchrun``, it is one of N data-parallel
    processes (NCCL on GPUs, gloo on CPUs). Mixed precision (``fp16``/``bf16``) applies on
    CUDA only; ``None`` takes the launcher's choice (``--mixed_precision``), else none.
    """
    from accelerate import Accelerator

    if mixed_precision not in (None, *MIXED_PRECISION):
        raise ValueError(
            f"mixed precision must be one of {', '.join(MIXED_PRECISION)}, got {mixed_precision!r}"
        )
    cpu = pick_device(device) == "cpu"
    return Accelerator(cpu=cpu, mixed_precision="no" if cpu else mixed_precision)


def end_processes(accelerator: Any) -> None:
    """Ends a launched run cleanly: every process waits for the others, then the process group
    is destroyed. Left to interpreter exit, gloo's threads can abort a process that has already
    finished ("terminate called without an active exception", exit -6). A plain run (one
    process, as the desk's jobs start it) has nothing to end."""
    if accelerator.num_processes > 1:
        accelerator.wait_for_everyone()
        accelerator.end_training()


def exit_code(code: int) -> int:
    """``code``, for ``raise SystemExit``; under a launcher the process ends here instead.

    A launched process leaves with ``os._exit`` once its output is flushed: at interpreter
    shutdown, a gloo worker thread may still be releasing the last collective's tensors and
    need the GIL that shutdown holds, and the process aborts ("terminate called without an
    active exception", exit -6) after its work was done and saved. A plain run exits normally.
    """
    if int(os.environ.get("WORLD_SIZE", "1") or 1) <= 1:
        return code
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def shard(items: Sequence[T], accelerator: Any) -> list[T]:
    """This process's share of a global batch: every N-th item, starting at its rank.

    A batch must hold at least N items, or a process would get none and stall the others'
    gradient exchange: callers first pad short batches with zero-weight repeats
    (:func:`pad_to_processes`).
    """
    return list(items[accelerator.process_index :: accelerator.num_processes])


def pad_to_processes(idx: list[int], weights: Sequence[float], n: int) -> tuple[list[int], list[float]]:
    """``idx`` and its weights, padded to at least ``n`` items with zero-weight repeats."""
    padded, w = list(idx), [float(weights[i]) for i in idx]
    for k in range(n - len(idx)):
        padded.append(idx[k % len(idx)])
        w.append(0.0)
    return padded, w


def main_then_broadcast(accelerator: Any, fn: Callable[[], T]) -> T:
    """``fn()`` run by the main process only; every process gets its result (pickled).

    For the steps that must agree across processes and need not run N times: training the
    tokenizer, picking reference replies, pretraining a backbone, the version string.
    """
    box: list[Any] = [fn() if accelerator.is_main_process else None]
    if accelerator.num_processes > 1:
        from accelerate.utils import broadcast_object_list

        broadcast_object_list(box)
    return box[0]


def main_clock(accelerator: Any, start: float) -> float:
    """Seconds since ``start`` (``time.monotonic()``) on the main process's clock, on every
    process: time-budget decisions (stop, learning-rate schedule) must agree across them."""
    import torch

    elapsed = time.monotonic() - start
    if accelerator.num_processes == 1:
        return elapsed
    from accelerate.utils import broadcast

    return float(broadcast(torch.tensor([elapsed], device=accelerator.device), from_process=0).item())


def weighted_loss(losses: Any, weights: Sequence[float], total_weight: float, accelerator: Any) -> Any:
    """This process's share of the global batch's weighted mean loss.

    ``losses`` are its rows' losses and ``weights`` their weights; ``total_weight`` is the
    weight of the whole global batch. Scaled by N, so that averaging gradients over the N
    processes gives the gradient of ``sum(w * loss) / sum(w)`` over the global batch.
    """
    import torch

    w = torch.tensor(weights, device=losses.device, dtype=losses.dtype)
    return (losses * w).sum() * accelerator.num_processes / total_weight


def sync_parameters(model: Any, accelerator: Any) -> None:
    """Give every process the main process's weights (loops that do not use DDP)."""
    if accelerator.num_processes > 1:
        import torch.distributed as dist

        for tensor in model.state_dict().values():
            dist.broadcast(tensor, src=0)


def average_gradients(params: Sequence[Any], accelerator: Any) -> None:
    """Average the gradients of ``params`` over the processes, in one all-reduce.

    For loops whose forward pass does not go through the model (cached encoder features),
    so DDP cannot do it during backward.
    """
    if accelerator.num_processes == 1:
        return
    import torch

    grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in params]
    flat = accelerator.reduce(torch.cat([g.reshape(-1) for g in grads]), "mean")
    offset = 0
    for p, g in zip(params, grads, strict=True):
        p.grad = flat[offset : offset + g.numel()].view_as(g)
        offset += g.numel()


def gather_counts(accelerator: Any, count: int) -> list[int]:
    """``count`` from every process, in rank order (e.g. examples each one trained on)."""
    import torch

    if accelerator.num_processes == 1:
        return [count]
    t = torch.tensor([count], device=accelerator.device)
    return [int(x) for x in accelerator.gather(t).tolist()]


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

    def note(self, message: str) -> None:
        """Tell the callback ``message`` at the stage's current fraction (checkpoints, resumes)."""
        frac = self.start + self.weight * min(1.0, self.count / max(1, self.total))
        self.owner.report(frac, f"{self.name}: {message}")

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
