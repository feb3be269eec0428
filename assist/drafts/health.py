"""How well a draft model still predicts replies it should know: the check a desk runs when it
loads the active model, against the figure recorded when the model was trained.

:func:`reply_nll` is the mean per-token negative log-likelihood (nats) of each agent reply
given its prompt, teacher-forced, through the model's own prompt layout. It costs one forward
pass a pair, so a dozen pairs take seconds even for Gemma 3 270M on a CPU. A model whose
weights were swapped for untrained ones, whose tokenizer no longer matches (the broken GGUF
conversion wrote one token a character) or whose adapter sits on the wrong base scores far
worse than its record, although it loads and writes text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assist.drafts.prompting import PromptParts, prompt_text, reply_suffix

HEALTH_PAIRS = 12  # pairs scored at load time
NLL_RISE = 1.0  # nats per token worse than recorded (perplexity about e times higher): broken


def reply_nll(generator: Any, pairs: Sequence[dict[str, Any]]) -> float | None:
    """Mean per-token NLL of ``pairs`` (``{"customer", "agent", "intent"?, "lang"?}``), or
    ``None`` when the generator has no PyTorch model to score with (ONNX, remote)."""
    import torch

    model, tokenizer = getattr(generator, "model", None), getattr(generator, "tokenizer", None)
    if not isinstance(model, torch.nn.Module) or tokenizer is None or not pairs:
        return None
    device = next(model.parameters()).device
    limit = int(getattr(generator, "max_positions", 2048))
    total, count = 0.0, 0
    with torch.inference_mode():
        for pair in pairs:
            parts = PromptParts(message=str(pair["customer"]), intent=pair.get("intent"), lang=pair.get("lang"))
            prompt = tokenizer(prompt_text(tokenizer, parts), add_special_tokens=False)["input_ids"]
            reply = tokenizer(str(pair["agent"]) + reply_suffix(tokenizer), add_special_tokens=False)["input_ids"]
            ids = (list(prompt) + list(reply))[:limit]
            n = len(ids) - len(prompt)
            if n <= 0 or not prompt:
                continue
            logits = model(input_ids=torch.tensor([ids], device=device)).logits[0, len(prompt) - 1 : -1].float()
            targets = torch.tensor(ids[len(prompt) :], device=device)
            total += float(torch.nn.functional.cross_entropy(logits, targets, reduction="sum"))
            count += n
    return total / count if count else None
