"""How many intra-op threads a model call gets on this machine."""

from __future__ import annotations

import os


def default_threads() -> int:
    """Intra-op threads for one model call: ``ASSIST_INTENT_THREADS``, or half the CPUs (1 to 4).

    The intent engine and the draft engine (embedder, generator) run side by side on their own
    worker threads, so each gets half the cores: more would oversubscribe them, and a batch-1
    call on short texts gets no faster past 4. On a 2-core machine that is 1: a MiniLM query
    embedding took 17 / 21 ms (p50 / p95) with 1 thread and 41 / 120 ms with 2, same machine.
    """
    raw = os.environ.get("ASSIST_INTENT_THREADS", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, min(4, (os.cpu_count() or 1) // 2))


def use_default_torch_threads() -> int:
    """Set torch's process-wide intra-op thread count to :func:`default_threads` (if torch is
    installed) so every torch model of the desk, not only a torch intent model, runs with it."""
    threads = default_threads()
    try:
        import torch
    except ImportError:
        return threads
    torch.set_num_threads(threads)
    return threads
