"""The reply-only loss of a causal LM, over its whole vocabulary or a restricted output head.

A pretrained multilingual LM has a huge output layer (Gemma 3 270M: 262,144 x 640, most of
its parameters and most of a training step's cost). A shop's replies use a few thousand of
those tokens, so the loss can be computed over just them: the hidden states at reply
positions times the head's rows for those tokens. Training then costs a fraction (measured
in models/README.md), and the full head is unchanged (it is frozen; LoRA trains the body),
so the saved model still scores every token. At inference the generator restricts the head
the same way (the saved ``reply_vocab.json`` plus the prompt's own tokens).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import torch

from assist.drafts.generators.restricted import restricted_logits


def reply_vocab(replies: Iterable[Sequence[int]], always: Iterable[int] = ()) -> list[int]:
    """The sorted token ids that occur in the replies, plus ``always`` (end of sequence, ...)."""
    ids: set[int] = set(always)
    for reply in replies:
        ids.update(reply)
    return sorted(ids)


def _inner(model: Any) -> Any:
    return model.get_base_model() if hasattr(model, "get_base_model") else model


class ReplyLoss(torch.nn.Module):
    """``forward(batch)`` -> each example's mean next-token loss over its reply tokens.

    With ``head_ids`` the logits cover only those tokens (targets outside them cannot occur:
    the ids come from the training replies). One module, so a data-parallel wrapper sees
    the whole computation.
    """

    head_ids: torch.Tensor | None
    remap: torch.Tensor | None

    def __init__(self, model: Any, head_ids: Sequence[int] | None = None) -> None:
        super().__init__()
        self.model = model
        if head_ids is None:
            self.register_buffer("head_ids", None, persistent=False)
            self.register_buffer("remap", None, persistent=False)
        else:
            ids = torch.tensor(sorted(set(head_ids)), dtype=torch.long)
            size = int(_inner(model).get_output_embeddings().weight.shape[0])
            remap = torch.full((size,), -100, dtype=torch.long)
            remap[ids] = torch.arange(len(ids))
            self.register_buffer("head_ids", ids, persistent=False)
            self.register_buffer("remap", remap, persistent=False)

    def forward(self, batch: dict[str, Any]) -> Any:
        labels = batch["labels"][:, 1:]
        if self.head_ids is None:
            logits = self.model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
            per_token = torch.nn.functional.cross_entropy(
                logits[:, :-1].float().transpose(1, 2), labels, ignore_index=-100, reduction="none"
            )
            return per_token.sum(1) / (labels != -100).sum(1).clamp(min=1)
        assert self.remap is not None
        inner = _inner(self.model)
        hidden = inner.get_decoder()(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
        mask = labels != -100
        picked = hidden[:, :-1][mask]  # (reply tokens, width)
        weight = inner.get_output_embeddings().weight[self.head_ids]
        logits = restricted_logits(picked, weight, inner.config)
        targets = self.remap[labels[mask]]
        per_token = torch.nn.functional.cross_entropy(logits.float(), targets, ignore_index=-100, reduction="none")
        rows = mask.nonzero()[:, 0]
        sums = torch.zeros(labels.shape[0], dtype=per_token.dtype, device=per_token.device).index_add(0, rows, per_token)
        return sums / mask.sum(1).clamp(min=1)
