"""Convert a GGUF file into an ordinary Hugging Face model directory, once, offline.

transformers dequantizes the GGUF's tensors into its own architecture class (Gemma 3 into
``Gemma3ForCausalLM``); the tokenizer comes from :mod:`assist.pretrained.gguf_tokenizer`
(transformers' own GGUF tokenizer conversion is broken for Gemma under our pin). The result
is written with ``save_pretrained`` into a temporary directory and renamed into place, so a
crash never leaves a half-written base behind; ``base.json`` records where it came from.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assist.core.errors import ModelLoadError
from assist.pretrained.gguf_tokenizer import tokenizer_from_gguf

Progress = Callable[[float, str], None]
BASE_META = "base.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_gguf_model(gguf: Path) -> Any:
    """The GGUF's weights as a float32 transformers causal LM (dequantized)."""
    import torch
    from transformers import AutoModelForCausalLM

    try:
        return AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    except Exception as exc:  # unsupported architecture, truncated file, ...: name the file
        raise ModelLoadError(f"{gguf}: transformers cannot load this GGUF model ({type(exc).__name__}: {exc})") from exc


def convert_gguf(
    gguf: str | Path,
    out_dir: str | Path,
    *,
    name: str,
    licence: str = "",
    sha256: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write ``out_dir`` (a HF causal LM directory with tokenizer, ``base.json`` and model card)."""
    gguf, out = Path(gguf), Path(out_dir)
    if not gguf.is_file():
        raise ModelLoadError(f"{gguf}: no such GGUF file")
    say = progress or (lambda fraction, message: None)
    say(0.1, f"converting {gguf.name}: reading the tokenizer")
    tokenizer = tokenizer_from_gguf(gguf)
    say(0.4, f"converting {gguf.name}: dequantizing the weights")
    model = load_gguf_model(gguf)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    say(0.8, f"converting {gguf.name}: saving")
    model.save_pretrained(partial, safe_serialization=True)
    tokenizer.save_pretrained(partial)
    meta = {
        "kind": "base",
        "name": name,
        "source": gguf.name,
        "source_sha256": sha256 or sha256_file(gguf),
        "architecture": type(model).__name__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "converted": datetime.now(UTC).isoformat(),
        "converter": "assist.pretrained.convert (transformers GGUF dequantization + assist.pretrained.gguf_tokenizer)",
        "licence": licence,
    }
    (partial / BASE_META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    (partial / "README.md").write_text(_card(meta), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    partial.rename(out)
    say(1.0, f"{name} ready")
    return out


def _card(meta: dict[str, Any]) -> str:
    return (
        f"# {meta['name']} (pretrained base)\n\n"
        f"Converted offline by Assist from `{meta['source']}` (SHA-256 `{meta['source_sha256']}`) into a "
        f"Hugging Face `{meta['architecture']}` directory ({meta['parameters'] / 1e6:.0f}M parameters, float32, "
        "dequantized from the GGUF's quantized weights). Load it with "
        "`AutoModelForCausalLM.from_pretrained(this_dir)` and `AutoTokenizer.from_pretrained(this_dir)`.\n\n"
        f"## Licence\n\n{meta['licence'] or 'See the licence of the source model.'}\n"
    )
