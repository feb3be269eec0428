"""An intent classifier on a pretrained Gemma 3: mean-pooled hidden states of one layer, then a
standardised linear head.

The causal model runs only up to ``layer`` (the layers above it are dropped: a middle layer of
the 270M base is both a better sentence feature and cheaper than the top). The head is what the
intent trainer fits (temperature and OOS rule are in ``assist.json`` as for every intent
model). A directory holds ``config.json`` (``architectures``: :data:`ARCHITECTURE`, the labels,
the base directory, layer and pooling), ``model.safetensors`` (the head) and the tokenizer;
a LoRA fine-tune (full mode) adds its adapter in ``adapter/``, which
:func:`assist.pretrained.loading.load_causal_lm` applies and merges. The base itself is
shared (``<models_dir>/base/<name>``), never copied.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assist.core.errors import ModelLoadError

ARCHITECTURE = "GemmaPooledForSequenceClassification"
ADAPTER_DIR = "adapter"
HEAD_FILE = "model.safetensors"


def is_gemma_intent(config: dict[str, Any]) -> bool:
    return ARCHITECTURE in (config.get("architectures") or [])


def cpu_dtype() -> Any:
    """bf16 where the CPU computes it natively (AVX512-BF16/AMX), else fp32."""
    import torch

    try:
        native = bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        native = False
    return torch.bfloat16 if native else torch.float32


def truncate(causal_lm: Any, layer: int) -> Any:
    """The inner text model of ``causal_lm`` keeping its first ``layer`` decoder layers; below the
    top, the final norm goes too, so the output is exactly ``hidden_states[layer]``."""
    import torch

    inner = (
        causal_lm.model if hasattr(causal_lm, "model") and hasattr(causal_lm.model, "layers") else causal_lm
    )
    n = len(inner.layers)
    if not 1 <= layer <= n:
        raise ModelLoadError(f"gemma intent layer must be 1-{n}, got {layer}")
    if layer < n:
        inner.layers = torch.nn.ModuleList(list(inner.layers)[:layer])
        inner.config.num_hidden_layers = layer
        if getattr(inner.config, "layer_types", None):
            inner.config.layer_types = list(inner.config.layer_types)[:layer]
        inner.norm = torch.nn.Identity()
    return inner


def _classifier_class() -> Any:
    import torch
    from transformers.modeling_outputs import SequenceClassifierOutput

    class GemmaPooledClassifier(torch.nn.Module):
        """``encoder`` (a truncated Gemma 3 text model) -> masked mean -> standardise -> linear."""

        def __init__(
            self, encoder: Any, num_labels: int, id2label: dict[int, str], dropout: float = 0.1
        ) -> None:
            super().__init__()
            hidden = int(encoder.config.hidden_size)
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(dropout)
            self.classifier = torch.nn.Linear(hidden, num_labels)
            self.register_buffer("feature_mean", torch.zeros(hidden))
            self.register_buffer("feature_std", torch.ones(hidden))
            self.config = _Config(num_labels, id2label, len(encoder.layers))

        def pooled(self, input_ids: Any, attention_mask: Any, **_: Any) -> Any:
            h = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, use_cache=False
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(h.dtype)
            return ((h * mask).sum(1) / mask.sum(1).clamp(min=1)).float()

        def head(self, pooled: Any) -> Any:
            x = (pooled.float() - self.feature_mean) / self.feature_std
            return self.classifier(self.dropout(x.to(self.classifier.weight.dtype)))

        def forward(self, input_ids: Any, attention_mask: Any, **_: Any) -> Any:
            return SequenceClassifierOutput(logits=self.head(self.pooled(input_ids, attention_mask)))

        def set_feature_stats(self, pooled: Any) -> None:
            """Standardise the head's input by the training features' mean and spread."""
            mean: Any = self.feature_mean
            std: Any = self.feature_std
            mean.copy_(pooled.float().mean(0))
            std.copy_(pooled.float().std(0, unbiased=False).clamp(min=1e-4))

        def stats_ready(self) -> bool:
            mean: Any = self.feature_mean
            std: Any = self.feature_std
            return not bool((std == 1).all() and (mean == 0).all())

        def head_state(self) -> dict[str, Any]:
            return {
                "classifier.weight": self.classifier.weight,
                "classifier.bias": self.classifier.bias,
                "feature_mean": self.feature_mean,
                "feature_std": self.feature_std,
            }

    return GemmaPooledClassifier


class _Config:
    """What the trainer and the engine read from ``model.config``."""

    def __init__(self, num_labels: int, id2label: dict[int, str], num_hidden_layers: int) -> None:
        self.num_labels = num_labels
        self.id2label = dict(id2label)
        self.num_hidden_layers = num_hidden_layers


def build_classifier(encoder: Any, labels: list[str]) -> Any:
    cls = _classifier_class()
    return cls(encoder, len(labels), dict(enumerate(labels)))


def new_classifier(base_dir: Path, labels: list[str], layer: int, *, dtype: Any = None) -> Any:
    """A classifier with a random head on the base in ``base_dir`` (for training)."""
    from assist.pretrained.loading import load_causal_lm

    return build_classifier(truncate(load_causal_lm(base_dir, dtype=dtype), layer), labels)


def save_classifier(model: Any, out: Path, *, base_dir: Path, layer: int, adapter: Any = None) -> None:
    """``config.json`` + the head weights (+ ``adapter/`` when ``adapter`` is a peft model)."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
    config = {
        "architectures": [ARCHITECTURE],
        "model_type": "assist-gemma-pooled",
        "base_dir": str(Path(base_dir).resolve()),
        "layer": layer,
        "pooling": "mean",
        "hidden_size": int(model.classifier.in_features),
        "id2label": {str(i): label for i, label in enumerate(labels)},
        "label2id": {label: i for i, label in enumerate(labels)},
    }
    (out / "config.json").write_text(
        json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    save_file(
        {k: v.detach().float().cpu().contiguous() for k, v in model.head_state().items()},
        str(out / HEAD_FILE),
    )
    if adapter is not None:
        adapter.save_pretrained(str(out / ADAPTER_DIR))
        (out / ADAPTER_DIR / "assist.json").write_text(
            json.dumps({"kind": "intent-adapter", "base_dir": config["base_dir"]}, indent=2) + "\n",
            encoding="utf-8",
        )


def load_classifier(path: Path, config: dict[str, Any], *, dtype: Any = None) -> Any:
    """The classifier saved in ``path`` (its base loaded, adapter merged, head applied)."""
    import torch
    from safetensors.torch import load_file

    from assist.pretrained.loading import load_causal_lm

    base = Path(str(config.get("base_dir", "")))
    if not (base / "config.json").is_file():
        raise ModelLoadError(
            f"{path}: its base model {base} is missing (convert it again with `assist models base`)"
        )
    layer = int(config.get("layer", 0))
    source = path / ADAPTER_DIR if (path / ADAPTER_DIR).is_dir() else base
    labels = [str(config["id2label"][str(i)]) for i in range(len(config["id2label"]))]
    model = build_classifier(truncate(load_causal_lm(source, dtype=torch.float32), layer), labels)
    try:
        state = load_file(str(path / HEAD_FILE))
        model.load_state_dict(state, strict=False)
    except Exception as exc:  # noqa: BLE001 - safetensors raises several untyped errors
        raise ModelLoadError(
            f"{path / HEAD_FILE}: cannot load the head ({type(exc).__name__}: {exc})"
        ) from None
    missing = {"classifier.weight", "classifier.bias"} - set(state)
    if missing:
        raise ModelLoadError(f"{path / HEAD_FILE}: missing {sorted(missing)}")
    if dtype is not None:
        model.encoder.to(dtype)
    return model.eval()
