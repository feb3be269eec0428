"""What the PyTorch and ONNX engines share: input preparation, batching and the output ranking.

Both runtimes differ only in how logits are computed for a padded batch. Everything else
(cleaning and truncating text, pairing the previous customer turn as context, sorting by
length so batches carry little padding, temperature scaling, the OOS rule) lives here once, so
the two cannot drift apart.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from assist.core.text import clean_text
from assist.core.types import IntentPrediction, IntentScore
from assist.intent.calibration import softmax
from assist.intent.metadata import IntentMeta

# Characters kept before tokenising: enough for any max_length, and the tokenizer never sees
# a 100k-character message in full (it would cost time for tokens that are cut anyway).
CHARS_PER_TOKEN_BOUND = 16
LogitsFn = Callable[[dict[str, np.ndarray]], np.ndarray]


def prepare_texts(texts: Sequence[str], meta: IntentMeta) -> list[str]:
    limit = meta.max_length * CHARS_PER_TOKEN_BOUND
    return [clean_text(t or "", max_chars=limit) for t in texts]


def tokenize(
    tokenizer: Any,
    texts: Sequence[str],
    contexts: Sequence[str | None] | None,
    meta: IntentMeta,
) -> dict[str, np.ndarray]:
    """Numpy inputs for one batch; the context turn goes in as the second segment when used."""
    cleaned = prepare_texts(texts, meta)
    if meta.use_context:
        ctx = prepare_texts([c or "" for c in (contexts or [None] * len(texts))], meta)
        enc = tokenizer(
            cleaned,
            ctx,
            truncation="longest_first",
            max_length=meta.max_length,
            padding=True,
            return_tensors="np",
        )
    else:
        enc = tokenizer(
            cleaned, truncation=True, max_length=meta.max_length, padding=True, return_tensors="np"
        )
    return {k: np.asarray(v, dtype=np.int64) for k, v in enc.items()}


def batched_logits(
    compute: LogitsFn,
    tokenizer: Any,
    texts: Sequence[str],
    contexts: Sequence[str | None] | None,
    meta: IntentMeta,
    batch_size: int,
) -> np.ndarray:
    """Logits for all texts in input order, computed in length-sorted batches."""
    if contexts is not None and len(contexts) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(contexts)} contexts")
    order = sorted(range(len(texts)), key=lambda i: len(texts[i] or ""))
    out: list[np.ndarray | None] = [None] * len(texts)
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        batch_ctx = [contexts[i] for i in idx] if contexts is not None else None
        inputs = tokenize(tokenizer, [texts[i] for i in idx], batch_ctx, meta)
        logits = compute(inputs)
        for row, i in enumerate(idx):
            out[i] = logits[row]
    return np.stack([o for o in out if o is not None]) if texts else np.zeros((0, 0))


def to_predictions(
    logits: np.ndarray, labels: Sequence[str], meta: IntentMeta, started: float
) -> list[IntentPrediction]:
    """Full calibrated ranking (never renormalised over the top few) plus the OOS verdict."""
    if len(logits) == 0:
        return []
    probs = softmax(logits, meta.temperature)
    flags = meta.oos.flags(logits, meta.temperature)
    latency = (time.perf_counter() - started) * 1000.0 / len(logits)
    preds = []
    for row, flag in zip(probs, flags, strict=True):
        order = np.argsort(-row, kind="stable")
        ranking = tuple(IntentScore(labels[j], float(row[j])) for j in order)
        preds.append(IntentPrediction(ranking, bool(flag), meta.version, latency))
    return preds


class EncoderEngine:
    """The IntentEngine surface both runtimes share; a subclass supplies ``_compute`` and ``device``."""

    runtime = ""

    def __init__(self, tokenizer: Any, meta: IntentMeta, labels: Sequence[str], batch_size: int) -> None:
        self._tokenizer = tokenizer
        self._meta = meta
        self._labels = list(labels)
        self._batch_size = batch_size

    @property
    def version(self) -> str:
        return self._meta.version

    @property
    def labels(self) -> Sequence[str]:
        return self._labels

    @property
    def meta(self) -> IntentMeta:
        return self._meta

    @property
    def device(self) -> str:
        return "cpu"

    def _compute(self, inputs: dict[str, np.ndarray]) -> np.ndarray:
        raise NotImplementedError

    def logits(self, texts: Sequence[str], contexts: Sequence[str | None] | None = None) -> np.ndarray:
        """Raw (uncalibrated) logits in input order: for evaluation and calibration."""
        return batched_logits(self._compute, self._tokenizer, texts, contexts, self._meta, self._batch_size)

    def classify(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[IntentPrediction]:
        started = time.perf_counter()
        return to_predictions(self.logits(texts, contexts), self._labels, self._meta, started)
