"""Load a causal LM directory for inference or further training: a full model, or base + LoRA adapter.

A fine-tuned draft model is saved as its LoRA adapter (a few MB) beside the tokenizer; its
``assist.json`` names the base directory it adapts (``base_dir``). Loading reads the base,
applies the adapter and, for inference, merges it into the weights (no per-token cost).
Any other local Hugging Face causal LM directory loads as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assist.core.errors import ModelLoadError

ADAPTER_CONFIG = "adapter_config.json"


def is_adapter_dir(path: Path) -> bool:
    return (path / ADAPTER_CONFIG).is_file()


def adapter_base_dir(path: Path) -> Path:
    """The base directory an adapter directory applies to (``assist.json``'s ``base_dir``, else peft's)."""
    base: str | None = None
    meta = path / "assist.json"
    if meta.is_file():
        try:
            base = json.loads(meta.read_text(encoding="utf-8")).get("base_dir")
        except ValueError as exc:
            raise ModelLoadError(f"{meta} is not valid JSON ({exc})") from exc
    if not base:
        try:
            base = json.loads((path / ADAPTER_CONFIG).read_text(encoding="utf-8")).get("base_model_name_or_path")
        except ValueError as exc:
            raise ModelLoadError(f"{path / ADAPTER_CONFIG} is not valid JSON ({exc})") from exc
    if not base:
        raise ModelLoadError(f"{path}: an adapter that names no base model")
    base_dir = Path(base)
    if not (base_dir / "config.json").is_file():
        raise ModelLoadError(f"{path}: its base model {base_dir} is missing (convert it again with `assist models base`)")
    return base_dir


def load_tokenizer(path: Path) -> Any:
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(path))
    except Exception as exc:  # tokenizers raise many types for broken files
        raise ModelLoadError(f"cannot load the tokenizer in {path}: {type(exc).__name__}: {exc}") from exc


def load_causal_lm(path: Path, *, dtype: Any = None, trainable_adapter: bool = False, merge: bool = True) -> Any:
    """The model in ``path`` (an adapter dir: its base with the adapter applied, merged when ``merge``)."""
    import torch
    from transformers import AutoModelForCausalLM

    dtype = dtype or torch.float32
    source = adapter_base_dir(path) if is_adapter_dir(path) else path
    try:
        model: Any = AutoModelForCausalLM.from_pretrained(str(source), dtype=dtype)
    except Exception as exc:  # truncated safetensors, wrong shapes, unknown architecture ...
        raise ModelLoadError(f"cannot load the weights in {source}: {type(exc).__name__}: {exc}") from exc
    if source is path:
        return model
    from peft import PeftModel

    try:
        model = PeftModel.from_pretrained(model, str(path), is_trainable=trainable_adapter)
    except Exception as exc:
        raise ModelLoadError(f"cannot apply the adapter in {path}: {type(exc).__name__}: {exc}") from exc
    return model.merge_and_unload() if merge and not trainable_adapter else model
