"""Merge a LoRA draft model into full weights: one ordinary Hugging Face directory to serve.

    python -m training.merge_adapter DRAFT_MODEL_DIR OUT_DIR [--dtype bfloat16]

The output loads with ``AutoModelForCausalLM.from_pretrained`` anywhere (vLLM, TGI, our own
``generator = local``), keeps ``assist.json``, ``reply_vocab.json`` and the model card, and
no longer needs the base directory.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Sequence
from pathlib import Path


def merge(model_dir: Path, out: Path, dtype: str = "bfloat16") -> Path:
    import torch

    from assist.pretrained.loading import is_adapter_dir, load_causal_lm, load_tokenizer

    if not is_adapter_dir(model_dir):
        raise SystemExit(f"{model_dir} is not a LoRA adapter directory (no adapter_config.json)")
    model = load_causal_lm(model_dir, dtype=getattr(torch, dtype))
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    load_tokenizer(model_dir).save_pretrained(out)
    for name in ("reply_vocab.json", "README.md", "generation_config.json"):
        if (model_dir / name).is_file():
            shutil.copy(model_dir / name, out / name)
    meta = json.loads((model_dir / "assist.json").read_text(encoding="utf-8"))
    meta.update(merged=True, base_dir=None, merged_from=str(model_dir))
    (out / "assist.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="merge_adapter", description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("model_dir", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--dtype", default="bfloat16", choices=["bfloat16", "float16", "float32"])
    args = p.parse_args(argv)
    print(merge(args.model_dir, args.out, args.dtype))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
