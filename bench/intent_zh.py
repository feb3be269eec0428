"""intent-zh: a Gemma intent model (the Chinese side of the demo shop) at batch 1, several ways.

Variants, interleaved message by message: the production engine (``load_intent_engine``:
bf16 on a CPU with native bf16 and its linear layers pre-packed for oneDNN, else fp32), the same
model in bf16 without the packing, in fp32, the fp32 model with
int8 dynamic quantization of every linear layer (``torch.ao.quantization.quantize_dynamic``),
and with ``--onnx-model`` its ``assist export onnx --int8`` graph on ONNX Runtime.
Messages: Chinese customer turns of at most 64 tokens (the demo shop's held-out utterances and,
when ../shared/data is there, CrossWOZ test turns). Accuracy and top-1 agreement of each variant
on labelled rows (``--data``, or the demo shop's held-out part). Targets (issue 18): p95 <= 40 ms
at the desk's thread setting; the first-run Chinese model ready in <= 3 minutes.

    python -m bench intent-zh --intent-model DIR [--data test.jsonl --text-col customer --label-col intent]

Without ``--intent-model`` it trains the demo shop's Chinese model as the first run does (fast
mode on the pretrained base, held-out 10 %) into ``--models-dir`` and times that too.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.harness import Report, ratio, summarize

Classify = Callable[[Sequence[str]], list[str]]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--intent-model", type=Path, help="a gemma intent model directory (default: train the demo shop's)")
    p.add_argument("--data", type=Path, help="labelled rows for accuracy (CSV/JSON/JSONL)")
    p.add_argument("--text-col", default="text")
    p.add_argument("--label-col", default="label")
    p.add_argument("--limit", type=int, default=400, help="labelled rows scored (default 400)")
    p.add_argument("--onnx-model", type=Path, help="its `assist export onnx --int8` directory: adds the ONNX int8 variant")


def demo_split() -> tuple[list[Any], list[Any]]:
    from assist.data.demo_shop import load_demo_shop
    from training.intent_prep import split

    zh = [u for u in load_demo_shop().utterances if (u.lang or "en") == "zh"]
    return split(zh, 0.1, 43)  # the first run's split (training/intent_demo_shop.py: seed + 1)


def train_demo_zh(models_dir: Path, report: Report) -> Path:
    from training.intent_args import TrainIntentArgs
    from training.intent_demo_shop import gemma_args
    from training.train_intent import train

    out = models_dir / "intent-zh-demo"
    if (out / "assist.json").is_file():
        return out
    rows, _ = demo_split()
    report.log("training the demo shop's Chinese intent model (first-run recipe)")
    started = time.perf_counter()
    args: TrainIntentArgs = gemma_args(rows, out, seed=42, models_dir=models_dir, threads=None, quiet=True)
    train(args)
    report.figures["first_run_zh_train_s"] = round(time.perf_counter() - started, 1)
    return out


def crosswoz_turns(data_dir: Path, n: int) -> list[str]:
    path = data_dir / "crosswoz" / "pairs.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r["customer"] for r in csv.DictReader(fh) if r["split"] == "test"]
    return rows[:: max(1, len(rows) // n)][:n]


def variants(model_dir: Path, threads: int | None, onnx_dir: Path | None = None) -> dict[str, Classify]:
    import torch

    from assist.intent import gemma
    from assist.intent.loading import load_intent_engine

    engine = load_intent_engine(model_dir, runtime="torch", threads=threads)

    def unpacked(dtype: Any) -> Any:
        """The same engine on the classifier as loaded, without the oneDNN-packed linear layers."""
        other = load_intent_engine(model_dir, runtime="torch", threads=threads)
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        other._model = gemma.load_classifier(model_dir, config, dtype=dtype)  # type: ignore[attr-defined]
        return other

    bf16, fp32, int8 = unpacked(torch.bfloat16), unpacked(torch.float32), unpacked(torch.float32)
    model = int8._model  # type: ignore[attr-defined]
    model.encoder = torch.ao.quantization.quantize_dynamic(model.encoder, {torch.nn.Linear}, dtype=torch.qint8)

    def via(e: Any) -> Classify:
        return lambda texts: [p.top.label for p in e.classify(list(texts))]

    from assist.pretrained.packed_linear import PackedBf16Linear

    encoder = engine._model.encoder  # type: ignore[attr-defined]
    dtype = str(next(encoder.parameters()).dtype).replace("torch.", "")
    packed = any(isinstance(m, PackedBf16Linear) for m in encoder.modules())
    out = {f"engine ({dtype}{', packed' if packed else ''})": via(engine), "bf16, not packed": via(bf16), "fp32": via(fp32),
           "int8 dynamic": via(int8)}  # fmt: skip
    if onnx_dir is not None:
        out["onnx int8"] = via(load_intent_engine(onnx_dir, runtime="onnx", onnx_file="model_quantized.onnx", threads=threads))
    return out


def run(args: argparse.Namespace, report: Report) -> None:
    import torch
    from transformers import AutoTokenizer

    from assist.core.threads import default_threads

    threads = args.threads or default_threads()
    model_dir = args.intent_model or train_demo_zh(args.models_dir, report)
    _, held_out = demo_split()
    texts = [r.text for r in held_out] + crosswoz_turns(args.data_dir, 24 if args.quick else 200)
    if args.quick:
        texts = texts[:24]
    tok = AutoTokenizer.from_pretrained(str(model_dir))
    texts = [t for t in texts if len(tok(t)["input_ids"]) <= 64]
    fns = variants(model_dir, threads, args.onnx_model)
    names = list(fns)
    for fn in fns.values():  # warm-up
        for t in texts[:3]:
            fn([t])
    times: dict[str, list[float]] = {n: [] for n in names}
    for k, t in enumerate(texts):
        for n in names[k % len(names) :] + names[: k % len(names)]:
            t0 = time.perf_counter()
            fns[n]([t])
            times[n].append((time.perf_counter() - t0) * 1000.0)
    report.settings.update(model=str(model_dir), messages=len(texts), threads=threads,
                           torch_threads=torch.get_num_threads())  # fmt: skip
    lat = report.table("batch-1 latency, Chinese messages <= 64 tokens, ms", ["variant", "p50", "p95", "x vs fp32"])
    stats = {n: summarize(t) for n, t in times.items()}
    for n, s in stats.items():
        lat.rows.append([n, s["p50"], s["p95"], ratio(stats["fp32"]["p50"], s["p50"])])
        report.figures.setdefault("batch1", {})[n] = s
    if args.data:
        from assist.data.readers import read_utterances

        rows = read_utterances(args.data, text_col=args.text_col, label_col=args.label_col)[: args.limit]
    else:
        rows = held_out
    labelled = [r.text for r in rows]
    preds = {n: [p for s in range(0, len(labelled), 32) for p in fn(labelled[s : s + 32])] for n, fn in fns.items()}
    acc = report.table(f"accuracy on {len(rows)} labelled rows", ["variant", "accuracy", "agrees with the engine"])
    reference = preds[names[0]]
    for n, p in preds.items():
        a = sum(x == r.label for x, r in zip(p, rows, strict=True)) / max(1, len(rows))
        agree = sum(x == y for x, y in zip(p, reference, strict=True)) / max(1, len(rows))
        acc.rows.append([n, round(a, 4), round(agree, 4)])
        report.figures.setdefault("accuracy", {})[n] = {"accuracy": round(a, 4), "agreement": round(agree, 4)}
    p95 = stats[names[0]].get("p95")
    report.target("engine batch-1 p95, Chinese <= 64 tokens", "<= 40 ms", p95, (p95 or 1e9) <= 40)
    if "first_run_zh_train_s" in report.figures:
        s = report.figures["first_run_zh_train_s"]
        report.target("first-run Chinese intent model (base already converted)", "<= 180 s", s, s <= 180)
