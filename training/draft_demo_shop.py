"""The first run's draft model: ``train_drafts`` on the bundled demo shop, with the recipe in
``models/drafts_demo_shop.json`` (Gemma 3 270M + LoRA, bounded in time; or a toy GPT for tests)."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

from assist.core.records import ReplyPairRecord
from training.train_drafts import RECIPES, Progress, TrainDraftsArgs, TrainResult, train


def demo_shop_pairs(max_utterances: int | None = None) -> list[ReplyPairRecord]:
    """The demo shop's reply pairs: every conversation turn (with its history) and each labelled
    utterance paired with a library reply of its intent and language (the library's style).
    The demo shop's held-out conversations (the learning loop's yardstick) are left out."""
    from assist.data.demo_shop import load_demo_shop
    from assist.data.holdout import is_demo_heldout

    shop = load_demo_shop()
    pairs: list[ReplyPairRecord] = []
    for conv in shop.conversations:
        if is_demo_heldout(conv.id):
            continue
        pairs.extend(dataclasses.replace(t, conversation_id=conv.id, lang=t.lang or conv.lang) for t in conv.turns)
    rng = random.Random(0)
    replies: dict[tuple[str, str | None], list[str]] = {}
    for r in shop.replies:
        replies.setdefault((r.intent, r.lang), []).append(r.text)
    utterances = list(shop.utterances)
    if max_utterances is not None and max_utterances < len(utterances):
        utterances = rng.sample(utterances, max_utterances)
    for u in utterances:
        options = replies.get((u.label, u.lang)) or replies.get((u.label, None))
        if options:
            pairs.append(ReplyPairRecord(customer=u.text, agent=rng.choice(options), intent=u.label, lang=u.lang))
    return pairs


def train_demo_shop(
    out_dir: Path,
    progress: Progress | None = None,
    *,
    tiny: bool = False,
    models_dir: str | None = None,
    resume_dir: str | Path | None = None,
) -> TrainResult:
    """The default generator: Gemma 3 270M + LoRA on the bundled demo shop (about 12 minutes on
    2 CPU cores, bounded by ``max_minutes``; resumable through ``resume_dir``, the first-run job's
    checkpoint directory: see :mod:`training.checkpoint`).

    ``tiny`` trains a toy from-scratch GPT instead, in seconds (tests and smoke runs).
    """
    recipe = json.loads((RECIPES / "drafts_demo_shop.json").read_text(encoding="utf-8"))
    settings = dict(recipe["tiny" if tiny else "default"])
    args = TrainDraftsArgs(
        pairs=demo_shop_pairs(settings.pop("utterance_pairs", None)),
        out=str(out_dir),
        models_dir=models_dir,
        checkpoint_dir=str(resume_dir) if resume_dir else None,
        **settings,
    )
    return train(args, progress)
