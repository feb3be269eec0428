"""Reply pairs to training examples for ``train_drafts``: the reference each prompt adapts, the
conversation history, the split by conversation, the byte-level BPE tokenizer, token ids with
the loss span, and length-bucketed batches."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, NamedTuple

from assist.core.records import ReplyPairRecord, pair_histories
from assist.drafts.prompting import SECTION_MARKERS, SPECIAL_TOKENS

histories = pair_histories  # the earlier turns of each pair, as the desk passes them


class Example(NamedTuple):
    ids: list[int]  # prompt + reply token ids
    n_prompt: int  # the loss covers ids[n_prompt:]
    weight: float


def pick_references(pairs: Sequence[ReplyPairRecord], embedder_dir: str | None) -> list[str | None]:
    """For each pair, the reply of the same intent (not its own) nearest to its message."""
    import numpy as np

    from assist.drafts.embedder import SentenceEmbedder

    replies = sorted({p.agent for p in pairs})
    # The opening of a reply says what it is about; 64 tokens keep this step cheap on a CPU.
    embedder = SentenceEmbedder(embedder_dir, max_length=64)
    reply_vecs = embedder.encode(replies)
    msg_vecs = embedder.encode([p.customer for p in pairs])
    reply_row = {text: i for i, text in enumerate(replies)}
    by_intent: dict[str | None, list[int]] = {}
    for p in pairs:
        rows = by_intent.setdefault(p.intent, [])
        if reply_row[p.agent] not in rows:
            rows.append(reply_row[p.agent])
    out: list[str | None] = []
    for i, p in enumerate(pairs):
        others = np.array([r for r in by_intent[p.intent] if r != reply_row[p.agent]], dtype=np.int64)
        if others.size == 0:
            out.append(None)
            continue
        sims = reply_vecs[others] @ msg_vecs[i]
        out.append(replies[int(others[int(np.argmax(sims))])])
    return out


def split_pairs(n: int, groups: Sequence[str | None], val_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Indices for train/validation, split by conversation (never inside one)."""
    keys = [g if g is not None else f"#{i}" for i, g in enumerate(groups)]
    unique = sorted(set(keys))
    random.Random(seed).shuffle(unique)
    n_val = max(1, round(len(unique) * val_fraction)) if val_fraction > 0 and len(unique) > 1 else 0
    val_keys = set(unique[:n_val])
    train = [i for i in range(n) if keys[i] not in val_keys]
    val = [i for i in range(n) if keys[i] in val_keys]
    return train, val


def train_tokenizer(texts: Sequence[str], vocab_size: int) -> Any:
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast

    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(texts, vocab_size=vocab_size, min_frequency=2, special_tokens=list(SPECIAL_TOKENS))
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe._tokenizer,
        bos_token="<|endoftext|>",
        eos_token="<|endoftext|>",
        pad_token="<|pad|>",
        additional_special_tokens=list(SECTION_MARKERS),
        model_max_length=512,
    )


def encode_examples(
    tokenizer: Any,
    prompts: Sequence[str],
    replies: Sequence[str],
    weights: Sequence[float],
    block_size: int,
    max_reply_tokens: int,
) -> list[Example]:
    """One :class:`Example` per pair; prompts longer than the block are dropped."""
    eos = tokenizer.eos_token or "<|endoftext|>"
    out = []
    for prompt, reply, weight in zip(prompts, replies, weights, strict=True):
        p = tokenizer(prompt, add_special_tokens=False)["input_ids"]
        r = tokenizer(reply.strip() + eos, add_special_tokens=False)["input_ids"][:max_reply_tokens]
        if len(p) > block_size - 16:
            continue
        out.append(Example((p + r)[:block_size], len(p), weight))
    return out


def length_bucketed_order(lengths: Sequence[int], batch_size: int, pool: int = 50) -> list[int]:
    """A shuffled epoch order whose consecutive batches hold examples of similar length.

    Shuffle, sort within pools of `pool` batches, then shuffle the batches: each batch pads
    to a length close to its own examples' (far less wasted compute than random batches),
    while the order of batches stays random.
    """
    order = list(range(len(lengths)))
    random.shuffle(order)
    span = batch_size * pool
    batches: list[list[int]] = []
    for start in range(0, len(order), span):
        chunk = sorted(order[start : start + span], key=lambda i: lengths[i])
        batches.extend(chunk[j : j + batch_size] for j in range(0, len(chunk), batch_size))
    random.shuffle(batches)
    return [i for batch in batches for i in batch]


def collate(batch: Sequence[Example], pad_id: int) -> dict[str, Any]:
    import torch

    width = max(len(x.ids) for x in batch)
    input_ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, (ids, n_prompt, _) in enumerate(batch):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        labels[row, n_prompt : len(ids)] = torch.tensor(ids[n_prompt:])
        mask[row, : len(ids)] = 1
    return {"input_ids": input_ids, "attention_mask": mask, "labels": labels}
