"""The PyTorch runtime: a Hugging Face sequence classifier, on CUDA when present."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np

from assist.core.devices import resolve_device
from assist.core.threads import default_threads
from assist.intent.inference import EncoderEngine
from assist.intent.metadata import IntentMeta

log = logging.getLogger(__name__)


def pick_device(device: str) -> str:
    return resolve_device(device)


class TorchIntentEngine(EncoderEngine):
    """Wraps a loaded model and tokenizer; see :func:`assist.intent.loading.load_intent_engine`.

    torch's intra-op thread count is process-wide: we set it to ``threads`` on CPU (default
    :func:`default_threads`) so a model loaded beside a generator does not take every core.
    """

    runtime = "torch"

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        meta: IntentMeta,
        *,
        device: str = "auto",
        threads: int | None = None,
        batch_size: int = 32,
    ) -> None:
        import torch

        self._device = pick_device(device)
        if self._device == "cpu":
            torch.set_num_threads(threads or default_threads())
        self._model = model.to(self._device).eval()
        id2label = model.config.id2label
        super().__init__(tokenizer, meta, [str(id2label[i]) for i in range(len(id2label))], batch_size)
        self.classify(["warm up"])  # first call allocates; do it at load, not on a customer

    @property
    def device(self) -> str:
        return self._device

    def _compute(self, inputs: dict[str, np.ndarray]) -> np.ndarray:
        import torch

        feed = {k: torch.from_numpy(v).to(self._device) for k, v in inputs.items()}
        with torch.inference_mode():
            logits = self._model(**feed).logits
        out: np.ndarray = logits.float().cpu().numpy()
        return out


def load_torch_engine(
    path: Path, meta: IntentMeta, *, device: str, threads: int | None, config: dict[str, Any] | None = None
) -> TorchIntentEngine:
    """A BERT-style HF classifier, or a pooled Gemma one (:mod:`assist.intent.gemma`: bf16 on a CPU
    with native bf16, its linear layers pre-packed for oneDNN (:mod:`assist.pretrained.packed_linear`),
    fp32 elsewhere)."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from assist.intent import gemma

    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    if config is not None and gemma.is_gemma_intent(config):
        tokenizer.padding_side = "right"  # positions count from the first token (a causal model)
        on_cpu = pick_device(device) == "cpu"
        model = gemma.load_classifier(path, config, dtype=gemma.cpu_dtype() if on_cpu else None)
        if on_cpu:
            from assist.pretrained.packed_linear import use_packed_linear

            use_packed_linear(model.encoder)
    else:
        model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
    return TorchIntentEngine(model, tokenizer, meta, device=device, threads=threads)
