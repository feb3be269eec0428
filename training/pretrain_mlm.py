"""Pretrain a small BERT from scratch with masked language modelling on a shop's own text.

The source article's recipe for a language no pretrained encoder here covers (Chinese): train a
tokenizer on the conversations (``training.cjk_tokenizer``), then a small BERT that learns to fill
in 15 % masked tokens. The encoder it leaves behind already knows which characters go together in
this shop's language, so the intent fine-tune that follows needs far fewer labelled examples.

    python -m training.pretrain_mlm --data shop_texts.jsonl --out /tmp/zh-bert --size small --epochs 30
"""

from __future__ import annotations

import argparse
import logging
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from training.common import Progress, ProgressFn, exit_code, pick_device, seed_everything, set_cpu_threads

log = logging.getLogger(__name__)

# name -> (layers, hidden, heads, intermediate). "tiny" is for tests (well under 1M parameters
# with a small vocabulary); "small" (~4M + embeddings) pretrains on a shop's text in minutes on 2 cores.
SIZES: dict[str, tuple[int, int, int, int]] = {
    "tiny": (2, 64, 2, 128),
    "mini": (4, 128, 4, 512),
    "small": (4, 256, 4, 1024),
    "base": (6, 384, 6, 1536),
}


@dataclass
class PretrainArgs:
    texts: list[str] = field(default_factory=list)
    out: Path | None = None  # where to save the encoder (BertForMaskedLM + tokenizer)
    size: str = "small"
    vocab_size: int = 8000
    max_length: int = 64
    epochs: int = 20
    max_steps: int = 0  # >0 caps the run (smoke runs)
    batch_size: int = 32
    lr: float = 5e-4
    warmup_fraction: float = 0.06
    mask_probability: float = 0.15
    seed: int = 42
    device: str = "auto"
    threads: int | None = None
    quiet: bool = False


def make_config(size: str, vocab_size: int, max_length: int) -> Any:
    from transformers import BertConfig

    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, got {size!r}")
    layers, hidden, heads, inter = SIZES[size]
    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        intermediate_size=inter,
        max_position_embeddings=max(128, max_length),
        type_vocab_size=2,
    )


def pretrain(
    args: PretrainArgs,
    progress: ProgressFn | None = None,
    *,
    tracker: Progress | None = None,
    weight: float = 1.0,
) -> Path:
    """Trains tokenizer + MLM encoder; returns ``args.out``.

    ``tracker``/``weight`` nest it as one stage of a larger run's progress.
    """
    import torch
    from transformers import BertForMaskedLM, DataCollatorForLanguageModeling

    from training.cjk_tokenizer import train_tokenizer

    if args.out is None:
        raise ValueError("PretrainArgs.out is required")
    texts = [t for t in dict.fromkeys(args.texts) if t.strip()]
    if len(texts) < 2:
        raise ValueError("MLM pretraining needs some text (got fewer than 2 distinct lines)")
    seed_everything(args.seed)
    set_cpu_threads(args.threads)
    device = pick_device(args.device)
    tokenizer = train_tokenizer(texts, vocab_size=args.vocab_size, model_max_length=args.max_length)
    config = make_config(args.size, len(tokenizer), args.max_length)
    model: Any = BertForMaskedLM(config)
    model.to(device)
    encoded = [tokenizer(t, truncation=True, max_length=args.max_length)["input_ids"] for t in texts]
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=args.mask_probability)

    steps_per_epoch = math.ceil(len(encoded) / args.batch_size)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = max(1, int(args.warmup_fraction * total))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    tracker = tracker or Progress(progress, quiet=args.quiet)
    bar = tracker.stage("pretrain (MLM)", total, weight=weight)
    rng = random.Random(args.seed)
    model.train()
    step, started, loss_ema = 0, time.perf_counter(), None
    while step < total:
        order = list(range(len(encoded)))
        rng.shuffle(order)
        for start in range(0, len(order), args.batch_size):
            if step >= total:
                break
            batch = collator([{"input_ids": encoded[i]} for i in order[start : start + args.batch_size]])
            out = model(**{k: v.to(device) for k, v in batch.items()})
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            loss_ema = out.loss.item() if loss_ema is None else 0.95 * loss_ema + 0.05 * out.loss.item()
            bar.update(1, loss=f"{loss_ema:.3f}")
    bar.close()
    log.info(
        "MLM pretraining: %d steps in %.0fs, final loss %.3f", step, time.perf_counter() - started, loss_ema
    )
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out_dir))
    tokenizer.save_pretrained(str(out_dir))
    return out_dir


def main(argv: list[str] | None = None) -> int:
    from assist.data.readers import read_utterances  # type: ignore[import-not-found,unused-ignore]

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="CSV/JSON/JSONL with a text column")
    p.add_argument("--text-col")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--size", default="small", choices=sorted(SIZES))
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--max-steps", type=int, default=0)
    p.add_argument("--vocab-size", type=int, default=8000)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    texts = [r.text for r in read_utterances(a.data, text_col=a.text_col)]
    pretrain(
        PretrainArgs(
            texts=texts,
            out=a.out,
            size=a.size,
            epochs=a.epochs,
            max_steps=a.max_steps,
            vocab_size=a.vocab_size,
            seed=a.seed,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(exit_code(main()))
