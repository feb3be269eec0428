"""The buffered KV cache gives the same hidden states as transformers' DynamicCache, step by step."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from assist.drafts.generators.buffered_cache import BufferedCache  # noqa: E402


def _tiny_gemma(sliding_window: int):  # type: ignore[no-untyped-def]
    config = transformers.Gemma3TextConfig(
        vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=4, num_attention_heads=2,
        num_key_value_heads=1, head_dim=16, sliding_window=sliding_window,
        layer_types=["sliding_attention", "full_attention", "sliding_attention", "full_attention"],
        max_position_embeddings=256,
    )  # fmt: skip
    torch.manual_seed(0)
    return transformers.Gemma3ForCausalLM(config).eval()


def _decode(model, cache, prompt, steps: list[list[int]]) -> list:  # type: ignore[no-untyped-def]
    """The prompt at batch 1, the cache repeated for the rows, then one token per row per step."""
    body = model.get_decoder()
    states = []
    with torch.inference_mode():
        states.append(body(input_ids=prompt, past_key_values=cache, use_cache=True).last_hidden_state[:, -1])
        cache.batch_repeat_interleave(len(steps[0]))
        for tokens in steps:
            ids = torch.tensor(tokens).unsqueeze(1)
            states.append(body(input_ids=ids, past_key_values=cache, use_cache=True).last_hidden_state[:, -1])
    return states


@pytest.mark.parametrize(("prompt_len", "capacity"), [(5, 64), (20, 4), (3, 1)])
def test_buffered_cache_matches_dynamic_cache_across_the_sliding_window_and_buffer_growth(prompt_len: int, capacity: int) -> None:
    model = _tiny_gemma(sliding_window=8)
    generator = torch.Generator().manual_seed(1)
    prompt = torch.randint(1, 64, (1, prompt_len), generator=generator)
    steps = torch.randint(1, 64, (30, 3), generator=generator).tolist()  # 30 steps: past the window and the capacity
    want = _decode(model, transformers.DynamicCache(config=model.config), prompt, steps)
    cache = BufferedCache(model.config, capacity=capacity)
    got = _decode(model, cache, prompt, steps)
    assert len(got) == len(want) == 31
    for step, (a, b) in enumerate(zip(got, want, strict=True)):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-5, msg=f"step {step}")
    assert cache.get_seq_length() == prompt_len + 30
    # sliding layers keep window - 1 tokens, full layers keep all, like DynamicCache
    assert cache.layers[0].keys.shape[-2] == 7 and cache.layers[1].keys.shape[-2] == prompt_len + 30


def test_decoding_with_the_buffered_cache_writes_the_same_greedy_drafts(tiny_gemma_dir) -> None:  # type: ignore[no-untyped-def]
    """decode_restricted (which uses the buffered cache) against HF generate's greedy search."""
    from assist.drafts.generators.restricted import decode_restricted
    from assist.pretrained.loading import load_causal_lm

    model = load_causal_lm(tiny_gemma_dir).eval()
    vocab = list(range(model.config.vocab_size))
    prompt = torch.randint(3, model.config.vocab_size, (1, 12), generator=torch.Generator().manual_seed(2))
    eos = 1
    out = decode_restricted(model, prompt, head_ids=vocab, eos_ids=[eos], n=2, max_new_tokens=20, temperature=0.0,
                            top_p=1.0, repetition_penalty=1.0)  # fmt: skip
    with torch.inference_mode():
        ids = model.generate(prompt, max_new_tokens=20, do_sample=False, no_repeat_ngram_size=3, eos_token_id=eos,
                             pad_token_id=eos)[0, 12:].tolist()  # fmt: skip
    assert len(ids) > 3
    assert out.tokens[0, : len(ids)].tolist() == ids
    assert out.tokens[1, : len(ids)].tolist() == ids
