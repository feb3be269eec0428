"""generation: tokens/s and time to first token of a causal LM through our generator
(``assist.drafts.generators.hf_local``): the default draft model, and optionally a 0.5B-class
model built from a Qwen2-like config with random weights (``--qwen2-0.5b``; cost per token does
not depend on the weights). Batch 1 and batch 3 (the three drafts), a fixed number of new tokens.
Meant for the lent GPU (bench/gpu.sh) as much as for this CPU.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Report, pin_threads, summarize
from bench.models import drafts_model

# Qwen2.5-0.5B's published shape (494M parameters with its 151,936-token vocabulary).
QWEN2_05B = {
    "hidden_size": 896, "intermediate_size": 4864, "num_hidden_layers": 24, "num_attention_heads": 14,
    "num_key_value_heads": 2, "max_position_embeddings": 4096, "vocab_size": 151936, "rope_theta": 1000000.0,
    "tie_word_embeddings": True,
}  # fmt: skip


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--drafts-model", type=Path, help="causal LM directory (default: see bench/models.py)")
    p.add_argument("--device", default="auto", help="cpu, cuda or auto")
    p.add_argument("--qwen2-0.5b", dest="qwen", action="store_true", help="also a 0.5B Qwen2-like model")
    p.add_argument("--new-tokens", type=int, help="new tokens per sequence (default 64; quick 8)")


def build_qwen2(tokenizer_dir: Path, out: Path, quick: bool) -> Path:
    """A Qwen2ForCausalLM from config with random weights, saved with the draft model's tokenizer."""
    import torch
    from transformers import AutoTokenizer, Qwen2Config, Qwen2ForCausalLM

    shape = dict(QWEN2_05B)
    if quick:  # same architecture, tiny, so the CPU smoke run stays quick
        shape.update(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                     num_key_value_heads=2, vocab_size=8192)  # fmt: skip
    tok = AutoTokenizer.from_pretrained(tokenizer_dir)
    shape["vocab_size"] = max(shape["vocab_size"], len(tok))
    config = Qwen2Config(**shape, bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id)
    torch.manual_seed(0)
    model = Qwen2ForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out


def measure(model_dir: Path, device: str, new_tokens: int, reps: int) -> dict[str, Any]:
    import torch

    from assist.drafts.generators.hf_local import load_hf_local
    from assist.drafts.prompting import PromptParts, prompt_text

    t0 = time.perf_counter()
    gen = load_hf_local(model_dir, device=device)
    load_s = time.perf_counter() - t0
    prompt = prompt_text(gen.tokenizer, PromptParts(
        message="Hi, I ordered a blue jacket last week and it still has not arrived. Order 4417. Where is it?",
        intent="track_order", reference="I'm sorry for the wait! Your order {{Order Number}} is on its way.", lang="en",
    ))  # fmt: skip
    ids = gen.tokenizer(prompt, add_special_tokens=False, return_tensors="pt")["input_ids"].to(gen.device)

    def run_once(n: int, tokens: int) -> float:
        if gen.device == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        with torch.inference_mode():
            gen.model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), do_sample=True, top_p=0.92,
                               num_return_sequences=n, max_new_tokens=tokens, min_new_tokens=tokens,
                               use_cache=True, pad_token_id=gen.tokenizer.pad_token_id)  # fmt: skip
        if gen.device == "cuda":
            torch.cuda.synchronize()
        return (time.perf_counter() - start) * 1000.0

    for n in (1, 3):
        run_once(n, new_tokens)
    out: dict[str, Any] = {"load_s": round(load_s, 2), "device": gen.device, "prompt_tokens": int(ids.shape[1]),
                           "parameters_m": round(sum(p.numel() for p in gen.model.parameters()) / 1e6, 1),
                           "dtype": str(next(gen.model.parameters()).dtype)}  # fmt: skip
    if gen.device == "cpu" and out["parameters_m"] > 100:
        reps = min(reps, 3)  # a 0.5B model on 2 CPU cores: a few repetitions are minutes already
    out["reps"] = reps
    for n in (1, 3):
        first = summarize([run_once(n, 1) for _ in range(reps)])
        full = summarize([run_once(n, new_tokens) for _ in range(reps)])
        decode_ms = max(1e-6, full["p50"] - first["p50"])
        out[f"batch{n}"] = {
            "first_token_ms": first, "total_ms": full,
            "tokens_per_s": round(n * new_tokens / (full["p50"] / 1000.0), 1),
            "decode_tokens_per_s": round(n * (new_tokens - 1) / (decode_ms / 1000.0), 1),
        }  # fmt: skip
    return out


def run(args: argparse.Namespace, report: Report) -> None:
    new_tokens = args.new_tokens or (8 if args.quick else 64)
    reps = 2 if args.quick else 10
    models = {"default draft model": drafts_model(args, report)}
    tmp = Path(tempfile.mkdtemp(prefix="assist-gen-"))
    try:
        if args.qwen:
            report.log("building the Qwen2-like model from its config (random weights)")
            models["qwen2-0.5b-shape (random)"] = build_qwen2(
                models["default draft model"], tmp / "qwen2", args.quick
            )
        pin_threads(args.threads)
        report.settings.update(new_tokens=new_tokens, reps=reps, device=args.device, sampling="top-p 0.92")
        t = report.table(f"generation, {new_tokens} new tokens per sequence", [
            "model", "params M", "batch", "first token p50 ms", "total p50 ms", "tokens/s", "decode tok/s"])  # fmt: skip
        for name, path in models.items():
            report.log(f"measuring {name}")
            res = measure(path, args.device, new_tokens, reps)
            report.figures[name] = res
            for n in (1, 3):
                b = res[f"batch{n}"]
                t.rows.append([name, res["parameters_m"], n, b["first_token_ms"]["p50"], b["total_ms"]["p50"],
                               b["tokens_per_s"], b["decode_tokens_per_s"]])  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
