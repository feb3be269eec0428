"""What ``train_intent`` needs around its loop: the labelled examples, the stratified split and
macro-F1 (the backbone choice is in ``intent_backbone``)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import numpy as np

from assist.core.records import LabelledText

if TYPE_CHECKING:
    from training.intent_args import TrainIntentArgs


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


def macro_f1(pred: np.ndarray, gold: np.ndarray, n_labels: int) -> float:
    f1s = []
    for c in range(n_labels):
        tp = float(((pred == c) & (gold == c)).sum())
        fp = float(((pred == c) & (gold != c)).sum())
        fn = float(((pred != c) & (gold == c)).sum())
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)) if f1s else 0.0
