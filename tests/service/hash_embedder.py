"""A tiny real embedder shared by the service and desk tests (no model load)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class HashEmbedder:
    """A tiny real embedder for tests: hashed character trigrams, L2-normalised (no model load)."""

    dim = 256

    def encode(self, texts: Sequence[str]) -> Any:
        import zlib

        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                out[row, zlib.crc32(padded[i : i + 3].encode()) % self.dim] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out
