"""The routed bilingual demo-shop intent model (first start): English on MiniLM, Chinese on the
pretrained Gemma base (pooled features + head: minutes) or, as an option, a from-scratch BERT;
each scored on a held-out part of the shop's utterances."""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import Any

from assist.core.records import LabelledText
from training.common import ProgressFn, launched_rank
from training.intent_args import TrainIntentArgs, TrainResult
from training.intent_prep import split
from training.train_intent import train

log = logging.getLogger(__name__)


def _shop_texts(shop: Any, lang: str) -> list[str]:
    """Unlabelled text in one language for MLM pretraining: replies and conversation turns."""
    texts = [r.text for r in getattr(shop, "replies", []) or [] if (getattr(r, "lang", None) or "en") == lang]
    for conv in getattr(shop, "conversations", []) or []:
        for turn in getattr(conv, "turns", ()):
            if (getattr(turn, "lang", None) or getattr(conv, "lang", None) or "en") == lang:
                texts += [turn.customer, turn.agent]
    return [t for t in texts if t]


def gemma_args(
    rows: list[LabelledText],
    out: Path,
    *,
    seed: int = 42,
    base: str = "gemma-3-270m",
    models_dir: Path | None = None,
    threads: int | None = None,
    quiet: bool = True,
    checkpoint_dir: Path | None = None,
) -> TrainIntentArgs:
    """The first run's recipe for a language MiniLM does not read: fast mode on the pretrained
    base (pooled features of one layer, a logistic-regression head: seconds once the features
    are computed)."""
    return TrainIntentArgs(
        examples=rows,
        out=out,
        seed=seed,
        backbone="gemma",
        base=base,
        models_dir=models_dir,
        mode="head",
        batch_size=32,
        val_fraction=0.15,
        quiet=quiet,
        threads=threads,
        checkpoint_dir=checkpoint_dir,
    )


def train_demo_shop(
    out_dir: Path,
    progress: ProgressFn | None = None,
    *,
    tiny: bool = False,
    shop: Any = None,
    seed: int = 42,
    test_fraction: float = 0.1,
    threads: int | None = None,
    resume_dir: str | Path | None = None,
    other_backbone: str = "gemma",
    base: str = "gemma-3-270m",
    models_dir: str | Path | None = None,
) -> TrainResult:
    """The routed bilingual demo model: English on MiniLM, the other languages on
    ``other_backbone``: ``gemma`` (fast mode on the pretrained base ``base``, converted once into
    ``models_dir``) or ``scratch`` (a from-scratch BERT, the article's recipe).

    Per language, ``test_fraction`` of the utterances (stratified) is held out of training and
    validation and scored at the end (``metrics[lang]["test_accuracy"]``). ``tiny`` (tests)
    trains both languages on tiny scratch BERTs in seconds (unless ``other_backbone`` is gemma
    and ``base`` a small model: then the other languages use it, fast mode, as in a real run). ``shop`` defaults to the bundled
    demo shop (``assist.data.demo_shop.load_demo_shop()``).

    ``resume_dir`` (a directory kept across restarts, see :mod:`training.checkpoint`): a
    language whose model was finished before a restart is not trained again (``out_dir`` must
    be as stable), a pretrained scratch encoder is kept there and reused, and the fine-tuning
    resumes from its last finished epoch (:mod:`training.intent_checkpoint`).
    """
    import json

    from assist.intent.metadata import ROUTER_FILE

    if shop is None:
        from assist.data.demo_shop import load_demo_shop  # type: ignore[import-not-found,unused-ignore]

        shop = load_demo_shop()
    out_dir = Path(out_dir)
    by_lang: dict[str, list[LabelledText]] = {}
    for u in shop.utterances:
        by_lang.setdefault(u.lang or "en", []).append(u)
    results: dict[str, TrainResult] = {}
    langs = sorted(by_lang)
    for i, lang in enumerate(langs):

        def sub_progress(f: float, m: str, i: int = i, lang: str = lang) -> None:
            if progress is not None:
                progress((i + f) / len(langs), f"[{lang}] {m}")

        english = lang == "en" and not tiny
        rows, test_rows = split(by_lang[lang], test_fraction, seed + 1)
        done_marker = Path(resume_dir) / f"{lang}.done.json" if resume_dir else None
        if done_marker is not None and done_marker.is_file() and (out_dir / lang / "assist.json").is_file():
            saved = json.loads(done_marker.read_text(encoding="utf-8"))
            results[lang] = TrainResult(out_dir=out_dir / lang, version=saved["version"], metrics=saved["metrics"])
            sub_progress(1.0, "finished before the restart: kept")
            continue
        if lang != "en" and other_backbone == "gemma" and (not tiny or base != "gemma-3-270m"):
            args = gemma_args(
                rows,
                out_dir / lang,
                seed=seed,
                base=base,
                models_dir=Path(models_dir) if models_dir is not None else None,
                threads=threads or (1 if tiny else None),
                quiet=tiny,
                checkpoint_dir=Path(resume_dir) / f"{lang}-fit" if resume_dir else None,
            )
            results[lang] = train(args, sub_progress)
            _score(results[lang], out_dir / lang, test_rows, lang, args.threads)
            _mark_done(done_marker, results[lang])
            continue
        # tiny (tests, smoke runs): batch 32, at least 40 epochs and ~400 optimiser steps (a toy model
        # that learns: fewer, or lr 3e-3, left it near chance and once collapsed to the majority class)
        tiny_epochs = max(40, math.ceil(400 / max(1, math.ceil(0.85 * len(rows) / 32))))
        args = TrainIntentArgs(
            examples=rows,
            out=out_dir / lang,
            seed=seed,
            backbone="minilm" if english else "scratch",
            scratch_size="tiny" if tiny else "small",
            pretrain_epochs=1 if tiny else 15,
            pretrain_texts=_shop_texts(shop, lang),
            epochs=tiny_epochs if tiny else (4 if english else 20),
            lr=1e-3 if tiny else (1e-4 if english else 3e-4),
            batch_size=32,
            val_fraction=0.15,
            patience=tiny_epochs if tiny else (2 if english else 5),
            quiet=tiny,
            threads=threads or (1 if tiny else None),
            backbone_cache=str(Path(resume_dir) / f"{lang}-encoder") if resume_dir and not english else None,
            checkpoint_dir=Path(resume_dir) / f"{lang}-fit" if resume_dir else None,
        )
        results[lang] = train(args, sub_progress)
        _score(results[lang], out_dir / lang, test_rows, lang, args.threads)
        _mark_done(done_marker, results[lang])
    router = {lang: lang for lang in langs}
    router["default"] = "en" if "en" in langs else langs[0]
    version = "demo-" + "+".join(results[lang].version for lang in langs)
    metrics = {lang: results[lang].metrics for lang in langs}
    if launched_rank() != 0:  # under a launcher the main process writes
        return TrainResult(out_dir=out_dir, version=version, metrics=metrics)
    (out_dir / ROUTER_FILE).write_text(json.dumps(router, indent=2) + "\n", encoding="utf-8")
    (out_dir / "assist.json").write_text(
        json.dumps(
            {"kind": "intent-routed", "version": version, "languages": router, "metrics": metrics},
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return TrainResult(out_dir=out_dir, version=version, metrics=metrics)


def _score(result: TrainResult, model_dir: Path, test_rows: list[LabelledText], lang: str, threads: int | None) -> None:
    """The held-out rows scored through the runtime (``metrics["test_accuracy"]``, main process)."""
    if not test_rows or launched_rank() != 0:
        return
    from assist.intent.evaluate import evaluate
    from assist.intent.loading import load_intent_engine

    engine = load_intent_engine(model_dir, runtime="torch", threads=threads)
    scored = evaluate(engine, test_rows).metrics
    result.metrics.update(test_accuracy=scored["accuracy"], test_macro_f1=scored["macro_f1"], n_test=scored["n"])
    log.info("[%s] held-out test accuracy %.4f on %d", lang, scored["accuracy"], scored["n"])



def _mark_done(marker: Path | None, result: TrainResult) -> None:
    """Record a finished language under the resume dir: a restart keeps it instead of training again."""
    import json

    if marker is not None and launched_rank() == 0:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps({"version": result.version, "metrics": result.metrics}), encoding="utf-8")
