"""The local Hugging Face backend with a real tiny GPT-2 trained by the production script."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from assist.core.errors import ModelLoadError
from assist.drafts.generators.base import GeneratedText, GenerationCancelled, GenerationTimeout, Generator
from assist.drafts.generators.hf_local import load_hf_local
from assist.drafts.prompting import SYSTEM_PROMPT, PromptParts, prompt_text

PARTS = PromptParts(
    message="Where is my order #A10023?",
    intent="track_order",
    reference="Your order {{Order Number}} is on its way.",
)


def test_trained_dir_is_a_complete_hf_model(tiny_model_dir: Path) -> None:
    for name in ("config.json", "model.safetensors", "tokenizer.json", "assist.json", "README.md"):
        assert (tiny_model_dir / name).is_file(), name
    meta = json.loads((tiny_model_dir / "assist.json").read_text())
    assert meta["kind"] == "drafts" and meta["prompt_format"] == "assist-drafts-v1"
    assert meta["metrics"]["val_loss"] > 0


def test_n_drafts_come_from_one_batched_generate_call(tiny_generator: Any) -> None:
    assert isinstance(tiny_generator, Generator)
    calls: list[dict[str, Any]] = []
    real = tiny_generator.model.generate

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(*args, **kwargs)

    tiny_generator.model.generate = counting
    try:
        drafts = tiny_generator.generate(PARTS, n=3, max_new_tokens=12)
    finally:
        del tiny_generator.model.generate
    assert len(calls) == 1
    assert calls[0]["input_ids"].shape[0] == 3 and calls[0].get("num_return_sequences", 1) == 1
    assert calls[0]["use_cache"] is True and calls[0]["do_sample"] is True
    assert len(drafts) == 3
    assert all(
        isinstance(d, GeneratedText) and d.mean_logprob is not None and d.mean_logprob <= 0 for d in drafts
    )


def test_the_prompt_is_read_once_and_its_cache_shared_by_the_sequences(tiny_generator: Any) -> None:
    import torch

    prompt_len = []
    real_forward = tiny_generator.model.forward

    def spy(*args: Any, **kwargs: Any) -> Any:
        prompt_len.append(tuple(kwargs["input_ids"].shape))
        return real_forward(*args, **kwargs)

    tiny_generator.model.forward = spy
    try:
        torch.manual_seed(7)
        shared = tiny_generator.generate(PARTS, n=3, max_new_tokens=10)
    finally:
        del tiny_generator.model.forward
    (first, *steps) = prompt_len
    assert first[0] == 1 and first[1] > 10  # the prompt, once, batch 1
    assert all(shape[0] == 3 and shape[1] == 1 for shape in steps)  # then only new positions, 3 sequences
    tiny_generator._share_prefill = False
    try:
        torch.manual_seed(7)
        plain = tiny_generator.generate(PARTS, n=3, max_new_tokens=10)
    finally:
        tiny_generator._share_prefill = True
    assert shared == plain  # the same drafts as reading the prompt three times


def test_streaming_reports_each_sequence_growing(tiny_generator: Any) -> None:
    import torch

    torch.manual_seed(0)
    seen: dict[int, list[str]] = {}
    drafts = tiny_generator.generate(
        PARTS, n=2, max_new_tokens=16, on_token=lambda i, text: seen.setdefault(i, []).append(text)
    )
    assert seen and set(seen) <= {0, 1}
    assert max(len(texts) for texts in seen.values()) >= 2  # more than one update: it streamed
    for i, texts in seen.items():
        assert texts[-1] == drafts[i]  # the last streamed text is the returned draft


def test_cancel_mid_generation_stops_within_a_token(tiny_generator: Any) -> None:
    cancel = threading.Event()
    updates = 0

    def on_token(i: int, text: str) -> None:
        nonlocal updates
        updates += 1
        if updates == 3:
            cancel.set()

    with pytest.raises(GenerationCancelled) as err:
        tiny_generator.generate(PARTS, n=2, max_new_tokens=200, on_token=on_token, cancel=cancel)
    steps = int(str(err.value).split()[2])
    assert steps <= 5, err.value  # far fewer than the 200 tokens asked for


def test_deadline_gives_timeout(tiny_generator: Any) -> None:
    with pytest.raises(GenerationTimeout):
        tiny_generator.generate(PARTS, n=1, max_new_tokens=50, timeout_s=0.0)


def test_chat_template_is_used_when_the_tokenizer_has_one(tiny_model_dir: Path, tmp_path: Path) -> None:
    chat_dir = tmp_path / "chat_model"
    shutil.copytree(tiny_model_dir, chat_dir)
    config = json.loads((chat_dir / "tokenizer_config.json").read_text())
    config["chat_template"] = (
        "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
        "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    (chat_dir / "tokenizer_config.json").write_text(json.dumps(config))
    gen = load_hf_local(chat_dir, device="cpu")
    text = prompt_text(gen.tokenizer, PARTS)
    assert text.startswith(f"<|im_start|>system\n{SYSTEM_PROMPT}<|im_end|>\n<|im_start|>user\n")
    assert text.endswith("<|im_start|>assistant\n") and "<|customer|>" not in text
    assert len(gen.generate(PARTS, n=2, max_new_tokens=5)) == 2


def _expect_load_error(path: Path, *words: str) -> str:
    with pytest.raises(ModelLoadError) as err:
        load_hf_local(path, device="cpu")
    message = str(err.value)
    for word in words:
        assert word in message, message
    return message


def test_missing_dir(tmp_path: Path) -> None:
    _expect_load_error(tmp_path / "nope", "does not exist")


def test_dir_without_config(tmp_path: Path) -> None:
    _expect_load_error(tmp_path, "no config.json")


def test_truncated_weights(tiny_model_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model_dir, broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 3])
    _expect_load_error(broken, "cannot load the weights", str(broken))


def test_encoder_is_not_a_causal_lm() -> None:
    from assist.drafts.embedder import default_embedder_dir

    _expect_load_error(default_embedder_dir(), "not a causal language model")


@pytest.mark.parametrize("merge", [False, True])
def test_lora_fine_tune_of_a_local_model_loads(tiny_model_dir: Path, tmp_path: Path, merge: bool) -> None:
    import torch

    from training.train_drafts import TrainDraftsArgs, train

    from .conftest import tiny_pairs

    torch.set_num_threads(1)
    base = tmp_path / "base"  # a plain HF causal LM directory (no assist.json): fine-tuned with LoRA
    shutil.copytree(tiny_model_dir, base)
    (base / "assist.json").unlink()
    result = train(
        TrainDraftsArgs(
            pairs=tiny_pairs(),
            base=str(base),
            merge=merge,
            out=str(tmp_path / "lora"),
            max_steps=2,
            batch_size=4,
            lr=1e-3,
            parent_version="parent-1",
        )
    )
    meta = json.loads((result.out_dir / "assist.json").read_text())
    assert meta["parent"] == "parent-1" and meta["lora"] is True and meta["merged"] is merge
    # an adapter of a few kB beside the tokenizer, or merged weights that load like any model
    assert (result.out_dir / "adapter_config.json").exists() is not merge
    assert meta["base_dir"] == (None if merge else str(base.resolve()))
    gen = load_hf_local(result.out_dir, device="cpu")
    assert gen.version == result.version
    assert len(gen.generate(PARTS, n=2, max_new_tokens=4)) == 2


def test_adapter_whose_base_is_gone_is_a_clear_error(tiny_model_dir: Path, tmp_path: Path) -> None:
    import torch

    from training.train_drafts import TrainDraftsArgs, train

    from .conftest import tiny_pairs

    torch.set_num_threads(1)
    base = tmp_path / "base"
    shutil.copytree(tiny_model_dir, base)
    (base / "assist.json").unlink()
    result = train(TrainDraftsArgs(pairs=tiny_pairs(), base=str(base), out=str(tmp_path / "a"), max_steps=1, batch_size=4))
    shutil.rmtree(base)
    _expect_load_error(result.out_dir, "base model")


def test_demo_shop_first_run_model_tiny(tmp_path: Path) -> None:
    pytest.importorskip("assist.data.demo_shop", reason="the demo shop is not installed yet")
    import torch

    from assist.drafts.generators.hf_local import load_hf_local
    from training.draft_demo_shop import train_demo_shop

    torch.set_num_threads(1)
    progress: list[float] = []
    result = train_demo_shop(tmp_path / "demo", progress=lambda f, m: progress.append(f), tiny=True)
    assert progress[-1] == 1.0 and progress == sorted(progress)
    gen = load_hf_local(result.out_dir, device="cpu")
    drafts = gen.generate(PromptParts(message="我的订单到哪里了", intent="order_status", lang="zh"), n=2, max_new_tokens=6)
    assert len(drafts) == 2


def test_other_architecture_qwen2_loads_and_generates(tiny_model_dir: Path, tmp_path: Path) -> None:
    """A user's local Qwen2-style directory goes through the same loader (random tiny weights here)."""
    import torch
    from transformers import AutoTokenizer, Qwen2Config, Qwen2ForCausalLM

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    tokenizer.chat_template = (
        "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
        "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    config = Qwen2Config(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=1024,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    )
    out = tmp_path / "qwen2_tiny"
    Qwen2ForCausalLM(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    gen = load_hf_local(out, device="cpu")
    assert gen.max_positions == 1024 and gen.version == "qwen2_tiny"
    drafts = gen.generate(PARTS, n=3, max_new_tokens=5)
    assert len(drafts) == 3
