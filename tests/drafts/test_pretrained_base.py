"""The draft generator on a pretrained base: a tiny random Gemma 3 (converted from a GGUF by the
production path) fine-tuned with LoRA and a restricted head, resumed after a crash, loaded as an
adapter, streamed, cancelled; and the restricted decoder against the full head."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assist.core.records import ReplyPairRecord
from assist.drafts.generators.base import GenerationCancelled
from assist.drafts.prompting import PLAIN_FORMAT, PromptParts

pytestmark = pytest.mark.slow
# Only words of the tiny vocabulary: the replies use few of its tokens, so the head is restricted.
PAIRS = [
    ("where is my order", "your order is on its way", "track_order"),
    ("where is my package", "your package is on its way", "track_order"),
    ("I want to cancel my order", "we cancel your order", "cancel_order"),
    ("cancel my order please", "we cancel your order please", "cancel_order"),
    ("I want a refund", "we refund your payment", "refund"),
    ("refund my payment please", "we refund your payment in days", "refund"),
    ("我的订单什么时候发货", "您好 订单 发货", "track_order"),
    ("我要退款", "您好 退款", "refund"),
]
PARTS = PromptParts(message="where is my order 1234", intent="track_order", reference="your order is on its way")


def pairs(times: int = 3) -> list[ReplyPairRecord]:
    return [ReplyPairRecord(c, a, i, None, f"c{n}") for n, (c, a, i) in enumerate(PAIRS)] * times


def args(base: Path, out: Path, **kw):  # type: ignore[no-untyped-def]
    from training.train_drafts import TrainDraftsArgs

    options = dict(pairs=pairs(), base=str(base), out=str(out), max_steps=6, batch_size=4, lr=1e-2,
                   eval_every=3, patience=10, val_fraction=0.2, device="cpu")  # fmt: skip
    options.update(kw)
    return TrainDraftsArgs(**options)


@pytest.fixture(scope="module")
def gemma_drafts(tiny_gemma_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch

    from training.train_drafts import train

    torch.set_num_threads(1)
    return train(args(tiny_gemma_dir, tmp_path_factory.mktemp("gemma-drafts") / "model")).out_dir


def test_lora_run_saves_an_adapter_with_its_reply_vocabulary(gemma_drafts: Path, tiny_gemma_dir: Path) -> None:
    meta = json.loads((gemma_drafts / "assist.json").read_text())
    assert meta["lora"] is True and meta["prompt_format"] == PLAIN_FORMAT
    assert meta["base_dir"] == str(tiny_gemma_dir.resolve()) and meta["base"] == "tiny-gemma3"
    vocab = json.loads((gemma_drafts / "reply_vocab.json").read_text())["ids"]
    metrics = meta["metrics"]
    assert metrics["head_tokens"] == len(vocab) < metrics["parameters"]
    assert len(vocab) * 4 < 600 and 1 in vocab  # a fraction of the vocabulary, with <eos>
    assert metrics["trained_parameters"] < metrics["parameters"] / 2 and metrics["steps"] == 6
    assert (gemma_drafts / "adapter_model.safetensors").stat().st_size < 2_000_000
    assert not (gemma_drafts / "model.safetensors").exists()


def test_loss_falls_when_training_on_the_restricted_head(tiny_gemma_dir: Path, tmp_path: Path) -> None:
    import torch

    from training.train_drafts import train

    torch.set_num_threads(1)
    short = train(args(tiny_gemma_dir, tmp_path / "a", max_steps=1, eval_every=1)).metrics["val_loss"]
    longer = train(args(tiny_gemma_dir, tmp_path / "b", max_steps=12, eval_every=12)).metrics["val_loss"]
    assert longer < short - 0.2, (short, longer)


def test_restricted_decoding_picks_what_the_full_head_would(gemma_drafts: Path) -> None:
    import torch

    from assist.drafts.generators.restricted import decode_restricted
    from assist.pretrained.loading import load_causal_lm, load_tokenizer

    model = load_causal_lm(gemma_drafts).eval()
    tok = load_tokenizer(gemma_drafts)
    head = json.loads((gemma_drafts / "reply_vocab.json").read_text())["ids"]
    ids = tok("where is my order", return_tensors="pt")["input_ids"]
    out = decode_restricted(model, ids, head_ids=head, eos_ids=[1], n=2, max_new_tokens=5, temperature=0.0,
                            top_p=1.0, repetition_penalty=1.0)  # fmt: skip
    allowed = torch.tensor(sorted(set(head) | set(ids[0].tolist()) | {1}))
    seq = ids
    for step in range(out.tokens.shape[1]):  # greedy over the allowed tokens, one full forward a step
        with torch.inference_mode():
            logits = model(seq).logits[0, -1]
        best = int(allowed[int(logits[allowed].argmax())])
        assert int(out.tokens[0, step]) == int(out.tokens[1, step]) == best
        if best == 1:
            break
        seq = torch.cat([seq, torch.tensor([[best]])], dim=1)
    assert torch.isin(out.tokens, allowed).all() and (out.logprobs <= 0).all()


def test_the_first_draft_is_greedy_and_the_others_are_sampled(gemma_drafts: Path) -> None:
    import torch

    from assist.drafts.generators.restricted import decode_restricted
    from assist.pretrained.loading import load_causal_lm, load_tokenizer

    model = load_causal_lm(gemma_drafts).eval()
    ids = load_tokenizer(gemma_drafts)("where is my order", return_tensors="pt")["input_ids"]
    head = json.loads((gemma_drafts / "reply_vocab.json").read_text())["ids"]
    common = dict(head_ids=head, eos_ids=[-1], max_new_tokens=6, top_p=1.0, repetition_penalty=1.0)
    greedy = decode_restricted(model, ids, n=1, temperature=0.0, **common).tokens[0]
    torch.manual_seed(0)
    mixed = decode_restricted(model, ids, n=3, temperature=[0.0, 50.0, 50.0], **common).tokens
    assert torch.equal(mixed[0], greedy)
    assert not torch.equal(mixed[1], greedy) and not torch.equal(mixed[2], greedy)  # near-uniform samples
    with pytest.raises(ValueError, match="2 temperatures for 3"):
        decode_restricted(model, ids, n=3, temperature=[0.0, 1.0], **common)


def test_adapter_loads_streams_and_cancels(gemma_drafts: Path) -> None:
    from assist.drafts.generators.hf_local import load_hf_local

    gen = load_hf_local(gemma_drafts, device="cpu")
    assert gen.head_ids is not None and gen.version.startswith("drafts-")
    seen: dict[int, list[str]] = {}
    drafts = gen.generate(PARTS, n=3, max_new_tokens=8, on_token=lambda i, t: seen.setdefault(i, []).append(t))
    assert len(drafts) == 3 and all(d.mean_logprob is not None and d.mean_logprob <= 0 for d in drafts)
    for i, texts in seen.items():  # each sequence's text only grows, and ends as its draft
        assert all(b.startswith(a) for a, b in itertools.pairwise(texts)) and texts[-1] == drafts[i]
    cancel = threading.Event()
    with pytest.raises(GenerationCancelled):
        gen.generate(PARTS, n=3, max_new_tokens=200, cancel=cancel, on_token=lambda i, t: cancel.set())


def _train_command(base: Path, data: Path, out: Path, ckpt: Path) -> list[str]:
    return [sys.executable, "-m", "training.train_drafts", "--data", str(data), "--base", str(base), "--out", str(out),
            "--checkpoint-dir", str(ckpt), "--checkpoint-every", "2", "--max-steps", "400", "--epochs", "1000",
            "--batch-size", "4", "--lr", "0.01", "--eval-every", "1000", "--patience", "10", "--threads", "1",
            "--device", "cpu"]  # fmt: skip


def test_killed_run_resumes_where_its_checkpoint_was(tiny_gemma_dir: Path, tmp_path: Path) -> None:
    import torch

    data = tmp_path / "pairs.jsonl"
    data.write_text("\n".join(json.dumps({"customer": c, "agent": a, "intent": i}) for c, a, i in PAIRS * 3), encoding="utf-8")
    out, ckpt = tmp_path / "model", tmp_path / "ckpt"
    cmd = _train_command(tiny_gemma_dir, data, out, ckpt)
    repo = Path(__file__).parents[2]
    child = subprocess.Popen(cmd, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while not (ckpt / "checkpoint.pt").exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.2)
        time.sleep(1.0)  # a few more steps, then kill -9 between checkpoints
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert (ckpt / "checkpoint.pt").exists() and not out.exists()
    saved_step = torch.load(ckpt / "checkpoint.pt", weights_only=False)["state"]["step"]
    assert 2 <= saved_step < 400
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=repo)
    assert done.returncode == 0, done.stderr[-2000:]
    metrics = json.loads(done.stdout.strip().splitlines()[-1])["metrics"]
    assert metrics["steps"] == 400 and metrics["steps_this_run"] == 400 - saved_step  # it did not start over
    assert not ckpt.exists()  # a finished run clears its checkpoint


def test_resumed_run_ends_where_an_uninterrupted_one_does(tiny_gemma_dir: Path, tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file

    from training.train_drafts import train

    torch.set_num_threads(1)
    whole = train(args(tiny_gemma_dir, tmp_path / "whole", max_steps=8, eval_every=100))

    class Crash(Exception):
        pass

    def crash_at_5(fraction: float, message: str) -> None:
        if message.startswith("step 5/"):
            raise Crash

    ckpt = tmp_path / "ckpt"
    with pytest.raises(Crash):
        train(args(tiny_gemma_dir, tmp_path / "resumed", max_steps=8, eval_every=100, checkpoint_dir=str(ckpt),
                   checkpoint_every=4), crash_at_5)  # fmt: skip
    resumed = train(args(tiny_gemma_dir, tmp_path / "resumed", max_steps=8, eval_every=100, checkpoint_dir=str(ckpt),
                         checkpoint_every=4))  # fmt: skip
    assert resumed.metrics["steps_this_run"] == 4 and resumed.metrics["steps"] == 8
    a = load_file(str(whole.out_dir / "adapter_model.safetensors"))
    b = load_file(str(resumed.out_dir / "adapter_model.safetensors"))
    assert a.keys() == b.keys() and all(torch.allclose(a[k], b[k], atol=1e-6) for k in a)


def test_a_checkpoint_of_other_data_is_not_resumed(tiny_gemma_dir: Path, tmp_path: Path) -> None:
    import torch

    from training.train_drafts import train

    torch.set_num_threads(1)
    ckpt = tmp_path / "ckpt"

    def stop_at_3(fraction: float, message: str) -> None:
        if message.startswith("step 3/"):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        train(args(tiny_gemma_dir, tmp_path / "m", checkpoint_dir=str(ckpt), checkpoint_every=2), stop_at_3)
    other = train(args(tiny_gemma_dir, tmp_path / "m", pairs=pairs(2), checkpoint_dir=str(ckpt), checkpoint_every=2))
    assert other.metrics["steps_this_run"] == 6


def test_merged_adapter_is_a_standalone_model(gemma_drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setenv("ASSIST_DRAFTS_DTYPE", "float32")  # compare exactly, not through bf16 rounding
    from assist.drafts.generators.hf_local import load_hf_local
    from training.merge_adapter import merge

    out = merge(gemma_drafts, tmp_path / "merged", dtype="float32")
    meta = json.loads((out / "assist.json").read_text())
    assert meta["merged"] is True and meta["base_dir"] is None and (out / "model.safetensors").is_file()
    a, b = load_hf_local(gemma_drafts, device="cpu", warm_up=False), load_hf_local(out, device="cpu", warm_up=False)
    ids = a.tokenizer("where is my order", return_tensors="pt")["input_ids"]
    with torch.inference_mode():
        assert torch.allclose(a.model(ids).logits.float(), b.model(ids).logits.float(), atol=1e-3)


def test_cpu_decoding_uses_int8_weights_unless_a_float_type_is_asked_for(
    gemma_drafts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    from assist.drafts.generators.hf_local import load_hf_local
    from assist.pretrained.int8_weights import Int8WeightLinear

    def int8_layers(gen) -> int:  # type: ignore[no-untyped-def]
        return sum(isinstance(m, Int8WeightLinear) for m in gen.model.modules())

    monkeypatch.setenv("ASSIST_DRAFTS_DTYPE", "int8")
    gen = load_hf_local(gemma_drafts, device="cpu", warm_up=False)
    assert int8_layers(gen) == 14 and next(gen.model.parameters()).dtype == torch.bfloat16
    assert len(gen.generate(PARTS, n=3, max_new_tokens=6)) == 3
    monkeypatch.setenv("ASSIST_DRAFTS_DTYPE", "bfloat16")
    assert int8_layers(load_hf_local(gemma_drafts, device="cpu", warm_up=False)) == 0
