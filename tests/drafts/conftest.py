"""Fixtures for the draft engine tests: the real MiniLM embedder and a tiny trained generator.

The generator is a 2-layer, 64-wide GPT-2 trained for a few steps by the production
training code (``training.train_drafts.train``) on the pairs below, so every test goes
through the real tokenizer, model files and loading path. Built once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.core.records import ReplyPairRecord, ReplyTemplate

PAIRS_EN = [
    (
        "Where is my order #A10023?",
        "Your order {{Order Number}} is on its way and should arrive within 3 days.",
        "track_order",
    ),
    (
        "Can you tell me where my package is?",
        "You can follow order {{Order Number}} under My Orders on our website.",
        "track_order",
    ),
    (
        "My parcel has not arrived yet, order 55821",
        "I am sorry for the wait. Order {{Order Number}} left our warehouse yesterday.",
        "track_order",
    ),
    (
        "I want my money back for the broken lamp",
        "I am sorry the item arrived damaged. I have started a refund of {{Refund Amount}}.",
        "refund",
    ),
    (
        "Please refund order 77812, it was wrong",
        "I have opened a refund for order {{Order Number}}; it takes 3-5 business days.",
        "refund",
    ),
    (
        "How long does a refund take?",
        "Refunds reach your account within 3-5 business days after we approve them.",
        "refund",
    ),
    (
        "Cancel my order please",
        "I have cancelled order {{Order Number}}. You will not be charged.",
        "cancel_order",
    ),
    (
        "I ordered by mistake, can I cancel?",
        "No problem, order {{Order Number}} is cancelled and the payment released.",
        "cancel_order",
    ),
]
PAIRS_ZH = [
    ("我的订单到哪里了？订单号 20231234", "您的订单{订单号}正在配送中，预计三天内送达。", "track_order"),
    ("快递怎么还没到", "很抱歉让您久等了，订单{订单号}已经从仓库发出。", "track_order"),
    ("我要退款，东西坏了", "很抱歉商品有损坏，我已为您申请退款{退款金额}。", "refund"),
    ("请帮我取消订单", "已为您取消订单{订单号}，不会扣款。", "cancel_order"),
]


def tiny_pairs() -> list[ReplyPairRecord]:
    out = [ReplyPairRecord(c, a, i, "en") for c, a, i in PAIRS_EN]
    out += [ReplyPairRecord(c, a, i, "zh") for c, a, i in PAIRS_ZH]
    return out * 3


def library() -> list[ReplyTemplate]:
    seen: dict[str, ReplyTemplate] = {}
    for n, (_, reply, intent) in enumerate(PAIRS_EN):
        seen.setdefault(reply, ReplyTemplate(f"en-{n}", intent, reply, "en"))
    for n, (_, reply, intent) in enumerate(PAIRS_ZH):
        seen.setdefault(reply, ReplyTemplate(f"zh-{n}", intent, reply, "zh"))
    return list(seen.values())


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    import torch

    from assist.drafts.embedder import SentenceEmbedder

    torch.set_num_threads(1)
    return SentenceEmbedder()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch

    from training.train_drafts import TrainDraftsArgs, train

    torch.set_num_threads(1)
    out = tmp_path_factory.mktemp("drafts_tiny") / "model"
    result = train(
        TrainDraftsArgs(
            pairs=tiny_pairs(), out=str(out), base="scratch", recipe="drafts_tiny", max_steps=30, batch_size=8, eval_every=15
        )
    )
    return result.out_dir


@pytest.fixture(scope="session")
def tiny_generator(tiny_model_dir: Path):  # type: ignore[no-untyped-def]
    from assist.drafts.generators.hf_local import load_hf_local

    return load_hf_local(tiny_model_dir, device="cpu")
