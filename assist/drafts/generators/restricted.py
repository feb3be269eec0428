"""Sampling from a causal LM whose output head is restricted to the tokens a shop's replies use.

Why: a multilingual base's output layer is most of the cost of every generated token
(Gemma 3 270M: 262,144 rows of 640 against a 100M-parameter body). The draft model saves the
token ids its training replies used (``reply_vocab.json``); at inference the head is cut to
those plus every token of the prompt (so names, order numbers and words of the customer's
own message can always be copied) and the end-of-reply tokens. The rest is ordinary
sampling: the prompt is read once (batch 1) and its KV cache copied to the ``n`` sequences;
then per step one forward of the body for the ``n`` new tokens, the restricted logits,
repetition penalty, a ban on repeating any 3-gram (small models loop otherwise:
"您看，您看，..."), temperature and nucleus sampling. ``temperature`` may be one value per
sequence: the generator decodes its first draft greedily (the model's most likely reply, the one
closest to the shop's usual answer) and samples the others for variety. ``on_step`` gets each
step's tokens so the caller streams text; ``should_stop`` is asked between steps (cancel, deadline).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

NO_REPEAT_NGRAM = 3


def restricted_logits(hidden: Any, weight: Any, config: Any) -> Any:
    """``hidden @ weight.T`` with the model's final logit soft-capping, where it has one."""
    import torch

    logits = hidden @ weight.T
    cap = getattr(config, "final_logit_softcapping", None)
    if cap:
        logits = torch.tanh(logits / cap) * cap
    return logits


@dataclass
class Decoded:
    tokens: Any  # (n, steps) token ids; rows that ended are padded with an end id
    logprobs: Any  # (n, steps) log-probability of each chosen token under the restricted head


def decode_restricted(
    model: Any,
    prompt_ids: Any,
    *,
    head_ids: Sequence[int],
    eos_ids: Sequence[int],
    n: int,
    max_new_tokens: int,
    temperature: float | Sequence[float],
    top_p: float,
    repetition_penalty: float,
    on_step: Callable[[Any], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Decoded:
    import torch

    from assist.drafts.generators.buffered_cache import BufferedCache

    device = prompt_ids.device
    allowed = torch.unique(torch.cat([
        torch.tensor(list(head_ids), dtype=torch.long, device=device),
        prompt_ids.reshape(-1),
        torch.tensor(list(eos_ids), dtype=torch.long, device=device),
    ]))  # fmt: skip
    weight = model.get_output_embeddings().weight[allowed]
    body = model.get_decoder()
    is_end = torch.isin(allowed, torch.tensor(list(eos_ids), dtype=torch.long, device=device))
    # which restricted rows the prompt used (repetition penalty applies to them too, as in HF)
    seen = torch.isin(allowed, prompt_ids.reshape(-1)).unsqueeze(0).repeat(n, 1)
    cache = BufferedCache(model.config, capacity=prompt_ids.shape[-1] + max_new_tokens + 1)
    chosen: list[Any] = []
    logprobs: list[Any] = []
    done = torch.zeros(n, dtype=torch.bool, device=device)
    temperatures = _per_row(temperature, n)
    ngrams: list[dict[tuple[int, ...], set[int]]] = [{} for _ in range(n)]
    with torch.inference_mode():
        hidden = body(input_ids=prompt_ids, past_key_values=cache, use_cache=True).last_hidden_state[:, -1]
        cache.batch_repeat_interleave(n)
        hidden = hidden.expand(n, -1)
        for step in range(max_new_tokens):
            logits = restricted_logits(hidden, weight, model.config).float()
            scores = torch.log_softmax(logits, dim=-1)
            if repetition_penalty != 1.0:
                logits = torch.where(seen, torch.where(logits > 0, logits / repetition_penalty, logits * repetition_penalty), logits)
            _ban_repeated_ngrams(logits, chosen, ngrams, step)
            pick = _sample(logits, temperatures, top_p)
            pick = torch.where(done, torch.nonzero(is_end)[0, 0], pick)
            tokens = allowed[pick]
            chosen.append(pick)
            logprobs.append(scores.gather(1, pick.unsqueeze(1)).squeeze(1))
            seen[torch.arange(n, device=device), pick] = True
            done = done | is_end[pick]
            if on_step is not None:
                on_step(tokens)
            if bool(done.all()) or (should_stop is not None and should_stop()):
                break
            hidden = body(input_ids=tokens.unsqueeze(1), past_key_values=cache, use_cache=True).last_hidden_state[:, -1]
    if not chosen:
        empty = torch.zeros((n, 0), dtype=torch.long, device=device)
        return Decoded(empty, empty.float())
    picks = torch.stack(chosen, dim=1)
    return Decoded(allowed[picks], torch.stack(logprobs, dim=1))


def _per_row(temperature: float | Sequence[float], n: int) -> list[float]:
    values = [float(temperature)] * n if isinstance(temperature, int | float) else [float(t) for t in temperature]
    if len(values) != n:
        raise ValueError(f"{len(values)} temperatures for {n} sequences")
    return values


def _sample(logits: Any, temperatures: Sequence[float], top_p: float) -> Any:
    """One token per row: the argmax where the row's temperature is 0, else nucleus sampling."""
    import torch

    greedy = logits.argmax(dim=-1)
    if all(t <= 0 for t in temperatures):
        return greedy
    temps = torch.tensor([t if t > 0 else 1.0 for t in temperatures], dtype=logits.dtype, device=logits.device)
    probs = torch.softmax(logits / temps.unsqueeze(1), dim=-1)
    if 0 < top_p < 1:
        sorted_p, order = probs.sort(dim=-1, descending=True)
        drop = sorted_p.cumsum(dim=-1) - sorted_p > top_p  # keep the smallest set reaching top_p
        sorted_p = sorted_p.masked_fill(drop, 0.0)
        probs = torch.zeros_like(probs).scatter(1, order, sorted_p)
    sampled = torch.multinomial(probs, 1).squeeze(1)
    is_greedy = torch.tensor([t <= 0 for t in temperatures], device=logits.device)
    return torch.where(is_greedy, greedy, sampled)


def _ban_repeated_ngrams(logits: Any, chosen: list[Any], ngrams: list[dict[tuple[int, ...], set[int]]], step: int) -> None:
    """Forbid each row the token that would repeat a 3-gram it has already written."""
    k = NO_REPEAT_NGRAM
    if step < k - 1:
        return
    rows = [c.tolist() for c in chosen[-(k - 1):]]
    if step >= k:
        last = [c.tolist() for c in chosen[-k:]]
        for row, table in enumerate(ngrams):
            table.setdefault(tuple(last[j][row] for j in range(k - 1)), set()).add(last[-1][row])
    for row, table in enumerate(ngrams):
        banned = table.get(tuple(rows[j][row] for j in range(k - 1)))
        if banned:
            logits[row, list(banned)] = float("-inf")
