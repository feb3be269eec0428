"""Sample weights decide: the same text appears twice with contradicting labels (intent) or
replies (drafts), one copy heavy and one light; the trained model prefers the heavy one, and
swapping the weights swaps the preference. A trainer that ignored weights would see a tie and
prefer the same answer both times."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.core.records import LabelledText, ReplyPairRecord

pytestmark = pytest.mark.slow

CONFLICT = "i have a question about my order"


def intent_rows(heavy: str) -> list[LabelledText]:
    rows = []
    for i in range(6):
        rows += [LabelledText(f"where is my parcel {i}", "track"), LabelledText(f"refund me for order {i}", "refund")]
    for label in ("track", "refund"):
        rows += [LabelledText(CONFLICT, label, weight=1.0 if label == heavy else 0.1)] * 6
    rows.append(LabelledText("this row is ignored", "track", weight=0.0))
    return rows


@pytest.mark.parametrize("heavy", ["track", "refund"])
@pytest.mark.parametrize("mode", ["head", "full"])
def test_intent_weights_decide_a_contradiction(tiny_backbone: Path, tmp_path: Path, heavy: str, mode: str) -> None:
    from assist.intent.loading import load_intent_engine
    from training.train_intent import TrainIntentArgs, train

    result = train(
        TrainIntentArgs(
            examples=intent_rows(heavy), val_fraction=0.0, out=tmp_path / "m", backbone=str(tiny_backbone),
            mode=mode, epochs=15, head_epochs=40, lr=3e-3, head_lr=1e-2, batch_size=8, warm_start_head=False,
            threads=1, quiet=True, device="cpu", feature_cache=tmp_path / "cache",
        )
    )  # fmt: skip
    assert result.metrics["n_train"] == 24  # the weight-0 row is left out
    if mode == "head":  # frozen-encoder features cached, written whole (no partial file left)
        assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".pt"]
    engine = load_intent_engine(result.out_dir, runtime="torch", device="cpu")
    assert engine.classify([CONFLICT])[0].top.label == heavy


@pytest.mark.parametrize("heavy", [0, 1])
def test_draft_weights_decide_a_contradiction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, heavy: int) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from assist.drafts.prompting import PromptParts, prompt_text
    from training import train_drafts
    from training.draft_loss import ReplyLoss

    replies = ["Your parcel arrives tomorrow morning.", "We refunded your money today."]
    # no reference reply in the prompt: both copies of the message get exactly the same prompt
    monkeypatch.setattr(train_drafts, "pick_references", lambda pairs, embedder: [None] * len(pairs))
    pairs = [
        ReplyPairRecord(CONFLICT, reply, weight=1.0 if i == heavy else 0.1)
        for i, reply in enumerate(replies) for _ in range(8)
    ]  # fmt: skip
    torch.set_num_threads(1)
    result = train_drafts.train(
        train_drafts.TrainDraftsArgs(
            pairs=pairs, out=str(tmp_path / "d"), base="scratch", recipe="drafts_tiny", val_fraction=0.0, max_steps=40,
            batch_size=8, eval_every=40, device="cpu",
        )
    )  # fmt: skip
    model = AutoModelForCausalLM.from_pretrained(result.out_dir)
    tokenizer = AutoTokenizer.from_pretrained(result.out_dir)
    prompt = prompt_text(tokenizer, PromptParts(message=CONFLICT))
    examples = train_drafts.encode_examples(tokenizer, [prompt, prompt], replies, [1.0, 1.0], 384, 192)
    with torch.inference_mode():
        losses = ReplyLoss(model)(train_drafts.collate(examples, tokenizer.pad_token_id))
    assert int(losses.argmin()) == heavy, losses
