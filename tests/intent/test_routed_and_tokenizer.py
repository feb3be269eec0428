"""The bilingual routed model (one model per language, picked per message) and the CJK tokenizer."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from types import SimpleNamespace

import pytest

from assist.core.records import LabelledText
from tests.intent.conftest import toy_examples

ZH_TEMPLATES = {
    "track_order": ["我的订单{n}在哪里", "帮我查一下包裹{n}的物流", "订单{n}什么时候到", "快递{n}怎么还没到"],
    "refund": ["我要退款，{item}坏了", "{item}能退钱吗", "请把{item}的钱退给我", "申请{item}退款"],
    "cancel_order": [
        "取消订单{n}",
        "我不想要订单{n}了，请取消",
        "帮我把{item}的订单取消",
        "订单{n}还没发货请取消",
    ],
    "change_address": [
        "修改订单{n}的收货地址",
        "我搬家了，要改地址",
        "订单{n}的地址写错了",
        "把{item}寄到新地址",
    ],
}
ZH_FILL = {"n": ["12345", "A-778", "99812", "4410"], "item": ["鞋子", "手机", "外套", "台灯"]}


def zh_examples(seed: int = 0) -> list[LabelledText]:
    rows = []
    for label, templates in ZH_TEMPLATES.items():
        for template, n, item in itertools.product(templates, ZH_FILL["n"], ZH_FILL["item"]):
            rows.append(LabelledText(template.format(n=n, item=item), label, lang="zh"))
    rows = list({r.text: r for r in rows}.values())
    random.Random(seed).shuffle(rows)
    return rows


def test_cjk_tokenizer_splits_chinese_into_characters_and_keeps_words(tmp_path: Path) -> None:
    from transformers import AutoTokenizer

    from training.cjk_tokenizer import train_tokenizer

    texts = [r.text for r in zh_examples()] + [r.text for r in toy_examples(per_intent=10)]
    train_tokenizer(texts, vocab_size=500, out_dir=tmp_path / "tok")
    tok = AutoTokenizer.from_pretrained(str(tmp_path / "tok"))  # saved in HF format
    pieces = tok.tokenize("我的订单在哪里？Where is my ORDER 12345")
    assert pieces[:6] == ["我", "的", "订", "单", "在", "哪"]  # one token per character
    assert "where" in pieces and "order" in pieces  # Latin words stay whole, lower-cased
    assert "[UNK]" not in tok.tokenize("取消订单")
    pair = tok("退款", "台灯坏了")
    assert pair["input_ids"][0] == tok.cls_token_id and pair["token_type_ids"][-1] == 1


@pytest.mark.slow
def test_routed_demo_model_picks_the_engine_by_language(tmp_path: Path) -> None:
    from assist.intent.loading import load_intent_engine
    from assist.intent.routed import RoutedIntentEngine
    from training.intent_demo_shop import train_demo_shop

    shop = SimpleNamespace(utterances=toy_examples(per_intent=30) + zh_examples(), replies=[])
    seen: list[float] = []
    result = train_demo_shop(tmp_path / "demo", lambda f, m: seen.append(f), tiny=True, shop=shop)
    assert json.loads((tmp_path / "demo" / "router.json").read_text())["zh"] == "zh"
    assert seen and seen == sorted(seen) and seen[-1] == pytest.approx(1.0)  # progress only goes up

    engine = load_intent_engine(tmp_path / "demo", runtime="torch", device="cpu", threads=1)
    assert isinstance(engine, RoutedIntentEngine)
    assert engine.version == result.version
    assert set(engine.labels) == {"track_order", "refund", "cancel_order", "change_address"}
    assert engine.route("我的订单在哪里") == "zh" and engine.route("where is my order") == "en"
    texts = ["where is my order 12345", "我的订单12345在哪里", "cancel order X9 now", "申请手机退款"]
    preds = engine.classify(texts)
    en, zh = engine.engines["en"], engine.engines["zh"]
    assert [p.model_version for p in preds] == [en.version, zh.version, en.version, zh.version]
    assert preds[1].top.label == "track_order" and preds[3].top.label == "refund"
    assert all(abs(sum(s.probability for s in p.ranking) - 1) < 1e-6 for p in preds)

    # The routed directory exports language by language and serves the same answers on ONNX.
    from training.export_onnx import export_model

    summary = export_model(tmp_path / "demo", tmp_path / "demo-onnx", int8=False)
    assert set(summary["routed"]) == {"en", "zh"}
    onnx_engine = load_intent_engine(tmp_path / "demo-onnx", runtime="onnx", threads=1)
    assert isinstance(onnx_engine, RoutedIntentEngine)
    assert [p.top.label for p in onnx_engine.classify(texts)] == [p.top.label for p in preds]
