"""drafts-table: demo-shop messages the first-run draft model never trained on, with what the desk
shows for each (the ranked three, their sources) beside the generator's own first draft, as a
Markdown table for models/README.md.

    python -m bench drafts-table --drafts-model DIR [--per-language 20] [--json out.json]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from bench.harness import Report


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--drafts-model", type=Path, required=True, help="a draft model trained on the demo shop")
    p.add_argument("--per-language", type=int, default=20)


def held_out_messages(per_language: int) -> list[tuple[str, str, str]]:
    """(lang, intent, text) of demo utterances outside the first-run model's training pairs."""
    from assist.data.demo_shop import load_demo_shop
    from training.draft_demo_shop import demo_shop_pairs

    recipe_pairs = {p.customer for p in demo_shop_pairs(900)}
    rows = [(u.lang or "en", u.label, u.text) for u in load_demo_shop().utterances if u.text not in recipe_pairs]
    random.Random(0).shuffle(rows)
    out: list[tuple[str, str, str]] = []
    for lang in ("en", "zh"):
        out += [r for r in rows if r[0] == lang][:per_language]
    return out


def run(args: argparse.Namespace, report: Report) -> None:
    from assist.core.types import DraftRequest, DraftSource
    from assist.data.demo_shop import load_demo_shop
    from assist.drafts.loading import build_draft_engine

    engine = build_draft_engine(model_dir=args.drafts_model, library=load_demo_shop().replies, timeout_s=120)
    if engine.generator is None:
        raise SystemExit(f"no generator: {engine.generator_error}")
    t = report.table("demo-shop messages (held out) and their drafts", ["lang", "intent", "message", "shown (source)", "generated #1"])
    shown_generated = 0
    messages = held_out_messages(args.per_language)
    for n, (lang, intent, text) in enumerate(messages):
        result = engine.suggest_detailed(DraftRequest(conversation_id=f"t{n}", message_text=text, intent=intent, lang=lang, k=3))
        shown = " / ".join(f"{d.text[:90]} ({d.source.value})" for d in result.final.drafts)
        first = result.generated[0].text[:120] if result.generated else "-"
        shown_generated += any(d.source == DraftSource.GENERATED for d in result.final.drafts)
        t.rows.append([lang, intent, text[:80], shown, first])
        report.log(f"{n + 1}/{len(messages)}")
    report.figures["messages"] = len(messages)
    report.figures["with_a_generated_draft_shown"] = shown_generated
