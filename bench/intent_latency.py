"""intent-latency: one model, four ways to run it, side by side on the same real messages.

Variants: a plain ``transformers.pipeline("text-classification")`` call (the baseline), our
PyTorch engine, our ONNX Runtime engine on the fp32 export and on the dynamic-int8 export
(all through ``assist.intent.loading.load_intent_engine``). Batch 1 and batch 8; the variants
take turns message by message so machine noise hits them alike. Accuracy of each on the
same held-out labelled sample (BANKING77 held-out part when ../shared/data is there).
Targets (issue 3): int8 >= 2.5x faster than PyTorch eager, >= 4x than the pipeline, p95 < 15 ms
for messages up to 64 tokens, at most 0.5 points of accuracy lost.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.datasets import messages
from bench.harness import Report, ratio, summarize
from bench.models import FP32, INT8, intent_model

Classify = Callable[[Sequence[str]], list[str]]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--intent-model", type=Path, help="an intent model directory (default: see bench/models.py)"
    )
    p.add_argument("--device", default="cpu", help="cpu or cuda (torch variants only)")


def variants(model_dir: Path, threads: int | None, device: str) -> dict[str, Classify]:
    import torch
    from transformers import pipeline

    from assist.intent.loading import load_intent_engine

    out: dict[str, Classify] = {}
    engine_torch = load_intent_engine(model_dir, runtime="torch", device=device, threads=threads)
    n_threads = torch.get_num_threads()  # the engine set it; the pipeline shares it
    pipe = pipeline("text-classification", model=str(model_dir), device=0 if device == "cuda" else -1)
    out["pipeline"] = lambda texts: [r["label"] for r in pipe(list(texts), batch_size=len(texts))]

    def via(engine: Any) -> Classify:
        return lambda texts: [p.top.label for p in engine.classify(list(texts))]

    out["torch"] = via(engine_torch)
    if device != "cuda":
        for name, file in (("onnx-fp32", FP32), ("onnx-int8", INT8)):
            out[name] = via(load_intent_engine(model_dir, runtime="onnx", onnx_file=file, threads=n_threads))
    return out


def interleaved(fns: dict[str, Classify], batches: list[list[str]], reps: int) -> dict[str, list[float]]:
    """Milliseconds per call for each variant; the order of variants rotates every batch."""
    names = list(fns)
    times: dict[str, list[float]] = {n: [] for n in names}
    for n in names:  # warm-up
        for b in batches[:3]:
            fns[n](b)
    k = 0
    for _ in range(reps):
        for b in batches:
            for n in names[k % len(names) :] + names[: k % len(names)]:
                t0 = time.perf_counter()
                fns[n](b)
                times[n].append((time.perf_counter() - t0) * 1000.0)
            k += 1
    return times


def run(args: argparse.Namespace, report: Report) -> None:
    n_msgs = 24 if args.quick else 200
    n_acc = 150 if args.quick else 1000
    model_dir = intent_model(args, report, onnx=args.device != "cuda")
    sample = messages(args.data_dir, n_msgs, args.seed)
    labelled = messages(args.data_dir, n_acc, args.seed + 1)
    fns = variants(model_dir, args.threads, args.device)
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    lengths = [len(tok(t)["input_ids"]) for t in sample.texts]
    short = [i for i, n in enumerate(lengths) if n <= 64]
    import torch

    report.settings.update(
        messages=len(sample.texts), messages_source=sample.source, accuracy_sample=len(labelled.texts),
        accuracy_source=labelled.source, token_length_p50=summarize(lengths).get("p50"),
        token_length_max=max(lengths), messages_le_64_tokens=len(short), torch_threads=torch.get_num_threads(),
        device=args.device, variants=list(fns), onnx_quantization="dynamic int8 (optimum avx2 config)",
    )  # fmt: skip
    lat = report.table("latency per call, ms (variants interleaved)", [
        "variant", "batch", "p50", "p95", "p99", "x vs torch", "x vs pipeline"])  # fmt: skip
    for batch in (1, 8):
        report.log(f"timing batch {batch}")
        texts = sample.texts if batch == 1 else [sample.texts[i] for i in short] or sample.texts
        batches = [texts[i : i + batch] for i in range(0, len(texts) - batch + 1, batch)]
        times = interleaved(fns, batches, reps=1 if batch == 1 else 2)
        stats = {n: summarize(t) for n, t in times.items()}
        for n, s in stats.items():
            r_t = ratio(stats["torch"]["p50"], s["p50"])
            r_p = ratio(stats["pipeline"]["p50"], s["p50"])
            lat.rows.append([n, batch, s["p50"], s["p95"], s["p99"], r_t, r_p])
            report.figures.setdefault(f"batch{batch}", {})[n] = {
                **s, "speedup_vs_torch_p50": r_t, "speedup_vs_pipeline_p50": r_p}  # fmt: skip
        if batch == 1:
            report.figures["batch1_le64_tokens_p95"] = {
                n: summarize([t[i] for i in short]).get("p95") for n, t in times.items()}  # fmt: skip
    acc = report.table(f"accuracy on {len(labelled.texts)} held-out labelled messages", [
        "variant", "accuracy", "agrees with torch", "points vs torch"])  # fmt: skip
    preds = {n: [p for s in range(0, len(labelled.texts), 32) for p in fn(labelled.texts[s : s + 32])]
             for n, fn in fns.items()}  # fmt: skip
    accuracy = {
        n: sum(a == b for a, b in zip(p, labelled.labels, strict=True)) / len(p) for n, p in preds.items()
    }
    for n, p in preds.items():
        agree = sum(a == b for a, b in zip(p, preds["torch"], strict=True)) / len(p)
        loss = round(100 * (accuracy[n] - accuracy["torch"]), 2)
        acc.rows.append([n, round(accuracy[n], 4), round(agree, 4), loss])
        report.figures.setdefault("accuracy", {})[n] = {"accuracy": round(accuracy[n], 4),
                                                        "top1_agreement_with_torch": round(agree, 4)}  # fmt: skip
    if "onnx-int8" in fns:
        b1 = report.figures["batch1"]
        r_t, r_p = b1["onnx-int8"]["speedup_vs_torch_p50"], b1["onnx-int8"]["speedup_vs_pipeline_p50"]
        p95 = report.figures["batch1_le64_tokens_p95"]["onnx-int8"]
        drop = round(100 * (accuracy["torch"] - accuracy["onnx-int8"]), 2)
        report.target("int8 vs PyTorch eager, batch 1 p50", ">= 2.5x", r_t, (r_t or 0) >= 2.5)
        report.target("int8 vs transformers.pipeline, batch 1 p50", ">= 4x", r_p, (r_p or 0) >= 4)
        report.target("int8 batch-1 p95, <= 64 tokens", "< 15 ms", p95, (p95 or 1e9) < 15)
        report.target("int8 accuracy loss vs torch, points", "<= 0.5", drop, drop <= 0.5)
