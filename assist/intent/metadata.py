"""``assist.json``: what a Hugging Face directory needs beside its weights to be an intent model.

The weights, ``config.json`` (with ``id2label``) and the tokenizer are standard Hugging Face
files any tool loads. What only Assist needs travels in ``assist.json``: the version and its
parent (the registry's lineage), the training data hash, metrics, the calibration temperature,
the out-of-scope rule and how inputs are built (max length, whether a context turn is paired).
It is read strictly, so a hand-edited or truncated file gives a clear error, not a wrong model.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assist.core.errors import ModelLoadError

META_FILE = "assist.json"
ROUTER_FILE = "router.json"
KIND = "intent"


@dataclass(frozen=True, slots=True)
class OOSRule:
    """Flag a message as out of scope when its score falls below ``threshold``.

    ``method`` is ``"max_prob"`` (the calibrated top probability) or ``"energy"`` (the
    temperature-scaled log-sum-exp of the logits, higher = more familiar). ``threshold`` of
    ``-inf`` never flags anything.
    """

    method: str = "max_prob"
    threshold: float = float("-inf")
    fitted_on: str = ""  # a short note: which split and target chose the threshold

    def score(self, logits: Any, temperature: float) -> Any:
        """Per-row score (numpy array in, numpy array out) the threshold is compared with."""
        import numpy as np

        scaled = np.asarray(logits, dtype=np.float64) / temperature
        top = scaled.max(axis=-1, keepdims=True)
        lse = (top + np.log(np.exp(scaled - top).sum(axis=-1, keepdims=True)))[..., 0]
        if self.method == "energy":
            return lse
        return np.exp(top[..., 0] - lse)  # calibrated max probability

    def flags(self, logits: Any, temperature: float) -> Any:
        return self.score(logits, temperature) < self.threshold

    def to_json(self) -> dict[str, Any]:
        threshold: float | None = None if math.isinf(self.threshold) else self.threshold
        return {"method": self.method, "threshold": threshold, "fitted_on": self.fitted_on}

    @classmethod
    def from_json(cls, raw: Any, where: str) -> OOSRule:
        if not isinstance(raw, dict):
            raise ModelLoadError(f"{where}: 'oos' must be an object")
        method = raw.get("method", "max_prob")
        if method not in {"max_prob", "energy"}:
            raise ModelLoadError(f"{where}: unknown OOS method {method!r} (max_prob or energy)")
        threshold = raw.get("threshold")
        if threshold is not None and not isinstance(threshold, int | float):
            raise ModelLoadError(f"{where}: OOS threshold must be a number or null")
        return cls(
            method=method,
            threshold=float("-inf") if threshold is None else float(threshold),
            fitted_on=str(raw.get("fitted_on", "")),
        )


@dataclass(frozen=True, slots=True)
class IntentMeta:
    """The contents of ``assist.json`` for an intent model."""

    version: str
    parent_version: str | None = None
    data_hash: str = ""
    temperature: float = 1.0
    oos: OOSRule = field(default_factory=OOSRule)
    max_length: int = 128
    use_context: bool = False
    backbone: str = ""
    metrics: dict[str, Any] = field(default_factory=dict)
    created: str = ""

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["oos"] = self.oos.to_json()
        return {"kind": KIND, **out}

    def save(self, directory: Path) -> Path:
        path = Path(directory) / META_FILE
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def read_meta(directory: Path) -> IntentMeta:
    """Read and check ``assist.json``; every problem is a :class:`ModelLoadError` naming the file."""
    path = Path(directory) / META_FILE
    if not path.is_file():
        raise ModelLoadError(f"{directory}: no {META_FILE} (not an Assist intent model directory)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise ModelLoadError(f"{path}: expected a JSON object")
    if raw.get("kind") != KIND:
        raise ModelLoadError(f"{path}: kind is {raw.get('kind')!r}, expected {KIND!r}")
    version = raw.get("version")
    if not isinstance(version, str) or not version:
        raise ModelLoadError(f"{path}: missing 'version'")
    temperature = raw.get("temperature", 1.0)
    if not isinstance(temperature, int | float) or not 0 < float(temperature) < 1e3:
        raise ModelLoadError(f"{path}: 'temperature' must be a positive number, got {temperature!r}")
    max_length = raw.get("max_length", 128)
    if not isinstance(max_length, int) or not 2 <= max_length <= 8192:
        raise ModelLoadError(f"{path}: 'max_length' must be an integer 2-8192, got {max_length!r}")
    metrics = raw.get("metrics", {})
    return IntentMeta(
        version=version,
        parent_version=raw.get("parent_version"),
        data_hash=str(raw.get("data_hash", "")),
        temperature=float(temperature),
        oos=OOSRule.from_json(raw.get("oos", {}), str(path)),
        max_length=max_length,
        use_context=bool(raw.get("use_context", False)),
        backbone=str(raw.get("backbone", "")),
        metrics=metrics if isinstance(metrics, dict) else {},
        created=str(raw.get("created", "")),
    )
