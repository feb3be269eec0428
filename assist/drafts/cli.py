"""``assist train drafts`` and ``assist eval drafts``.

Training options are generated from ``training.train_drafts.TrainDraftsArgs`` so the CLI
and ``python -m training.train_drafts`` never disagree. Heavy imports happen in the
handlers, so ``assist --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assist.core.errors import AssistError
from assist.core.records import ReplyPairRecord, ReplyTemplate


def register_train(kinds: Any) -> None:
    from training import train_drafts

    p = kinds.add_parser(
        "drafts",
        help="train the draft generator (from scratch, or fine-tune a local causal LM with --init [--lora])",
        description=train_drafts.__doc__.split("\n\n")[0] if train_drafts.__doc__ else None,
    )
    train_drafts.add_arguments(p)
    p.set_defaults(func=_train)


def _train(args: argparse.Namespace) -> int:
    from training import train_drafts
    from training.common import print_on_main

    result = train_drafts.train(train_drafts.args_from_namespace(args))
    print_on_main(json.dumps({"out_dir": str(result.out_dir), "version": result.version, "metrics": result.metrics}))
    return 0


def register_eval(kinds: Any) -> None:
    p = kinds.add_parser("drafts", help="score drafts against held-out replies (ROUGE-L, chrF, embedding similarity)")
    p.add_argument("--model", required=True, help="draft model directory (Hugging Face causal LM)")
    p.add_argument("--data", required=True, help="held-out pairs: CSV/JSON/JSONL")
    p.add_argument("--customer-col")
    p.add_argument("--agent-col")
    p.add_argument("--intent-col")
    p.add_argument("--library", help="reply library: pairs file (its replies) or replies.jsonl; default: the data itself, leave-one-out")
    p.add_argument("--intent-model", help="intent model dir to judge the drafts' intents (default: nearest library reply)")
    p.add_argument("--max-samples", type=int, default=None)
    p.add_argument("--max-new-tokens", type=int, default=192, help="per draft (default 192, as the desk)")
    p.add_argument("--generator", default="local", choices=["local", "onnx"])
    p.add_argument("--device", default="auto")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--per-message", metavar="FILE", help="also write each message's scores and drafts here (JSONL)")
    p.set_defaults(func=_eval)


def read_library(path: str, customer_col: str | None, agent_col: str | None, intent_col: str | None) -> list[ReplyTemplate]:
    """Replies from a pairs file (its agent column) or a library ``replies.jsonl`` ({id,intent,text,lang})."""
    if path.endswith(".jsonl"):
        first = Path(path).read_text(encoding="utf-8").lstrip().split("\n", 1)[0]
        try:
            row = json.loads(first)
        except ValueError:
            row = {}
        if isinstance(row, dict) and {"intent", "text"} <= row.keys() and "conversations" not in row:
            rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
            return [ReplyTemplate(str(r.get("id", i)), str(r["intent"]), str(r["text"]), r.get("lang")) for i, r in enumerate(rows)]
    from assist.data.readers import read_pairs

    pairs = read_pairs(path, customer_col=customer_col, agent_col=agent_col, intent_col=intent_col)
    return templates_from_pairs(pairs)


def templates_from_pairs(pairs: list[ReplyPairRecord]) -> list[ReplyTemplate]:
    seen: set[str] = set()
    out = []
    for i, p in enumerate(pairs):
        if p.agent not in seen:
            seen.add(p.agent)
            out.append(ReplyTemplate(f"reply-{i}", p.intent or "", p.agent, p.lang))
    return out


def _intent_classifier(model_dir: str) -> Any:
    try:
        from assist.intent.loading import load_intent_engine
    except ImportError as exc:
        raise AssistError(f"--intent-model needs assist.intent.loading, which is not available ({exc})") from exc
    intent_engine = load_intent_engine(model_dir)

    def intent_of(texts: Any) -> list[str | None]:
        return [p.top.label for p in intent_engine.classify(list(texts))]

    return intent_of


def _eval(args: argparse.Namespace) -> int:
    import random

    from assist.core.errors import ModelLoadError
    from assist.drafts.generators.hf_local import check_causal_lm_dir
    from assist.drafts.generators.onnx import ONNX_FILES

    try:  # fail fast, before the embedder and the index are built
        check_causal_lm_dir(Path(args.model), **({"weight_files": ONNX_FILES} if args.generator == "onnx" else {}))
    except ModelLoadError as exc:
        raise AssistError(f"cannot evaluate drafts: {exc}") from exc
    import torch

    from assist.data.readers import read_pairs
    from assist.drafts.evaluate import evaluate_drafts
    from assist.drafts.loading import build_draft_engine

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    pairs = read_pairs(args.data, customer_col=args.customer_col, agent_col=args.agent_col, intent_col=args.intent_col)
    if args.library:
        library = read_library(args.library, args.customer_col, args.agent_col, args.intent_col)
    else:
        library = templates_from_pairs(pairs)
    print(f"eval drafts: {len(pairs)} pairs ({args.max_samples or 'all'} messages scored), library of "
          f"{len(library)} replies", file=sys.stderr)  # fmt: skip
    engine = build_draft_engine(model_dir=args.model, library=library, generator=args.generator, device=args.device)
    if engine.generator is None:
        raise AssistError(f"cannot evaluate drafts: {engine.generator_error}")
    engine.max_new_tokens = args.max_new_tokens
    intent_of = _intent_classifier(args.intent_model) if args.intent_model else None

    def progress(done: int, total: int) -> None:
        if done % 10 == 0 or done == total:
            print(f"eval drafts: {done}/{total}", file=sys.stderr)

    rows: list[dict[str, Any]] | None = [] if args.per_message else None
    result = evaluate_drafts(
        engine, pairs, intent_of=intent_of, leave_one_out=not args.library, progress=progress, per_message=rows,
        max_messages=args.max_samples, seed=args.seed,
    )
    if rows is not None:
        Path(args.per_message).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{'set':<11} {'rouge_l':>8} {'chrf':>8} {'emb_sim':>8} {'intent':>8}")
        for name in ("ranked", "first_shown", "generated", "retrieved"):
            row = result[name]
            cells = [f"{row[m]:8.4f}" if row[m] is not None else f"{'-':>8}" for m in ("rouge_l", "chrf", "embedding_similarity", "intent_match")]
            print(f"{name:<11} {' '.join(cells)}")
        print(f"n={result['n']} latency_ms={result['latency_ms']}")
    return 0
