"""The bundled demo shop: it loads, it is big and clean enough to train on, and the loader
rejects a malformed file with a message naming the file and the line."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from assist.core.errors import ImportDataError
from assist.core.text import guess_lang
from assist.data.demo_shop import (
    EN_PLACEHOLDERS,
    OUT_OF_SCOPE,
    PLACEHOLDERS,
    ZH_PLACEHOLDERS,
    DemoShop,
    demo_shop_dir,
    load_demo_shop,
    placeholders_in,
    read_demo_shop,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "demo_shop.md"
REQUIRED_INTENTS = {
    "order_status",
    "shipping_logistics",
    "urge_delivery",
    "change_address",
    "cancel_order",
    "return_request",
    "exchange_request",
    "refund_status",
    "invoice_request",
    "coupon_promotion",
    "product_size",
    "product_spec",
    "stock_availability",
    "payment_problem",
    "account_login",
    "complaint",
    "talk_to_human",
    "greeting",
    "thanks_goodbye",
    "damaged_item",
}
MIN_UTTERANCES = 40
MIN_REPLIES = 4
MIN_CONVERSATIONS = 60


@pytest.fixture(scope="module")
def shop() -> DemoShop:
    return load_demo_shop()


def test_loads_and_is_cached(shop: DemoShop) -> None:
    assert load_demo_shop() is shop
    assert set(shop.intent_names()) >= REQUIRED_INTENTS
    assert len(shop.intent_names()) == len(set(shop.intent_names()))
    assert shop.title("order_status", "zh") == "订单状态"
    assert shop.title("order_status", "en") == "Order status"
    assert shop.title("out_of_scope", "zh") and shop.title("out_of_scope", "en")
    assert shop.title("a_label_from_another_model", "en") == "a_label_from_another_model"
    with pytest.raises(KeyError):
        shop.intent("a_label_from_another_model")
    for info in shop.intents:
        assert info.title_en and info.title_zh and info.description
        assert guess_lang(info.title_zh) == "zh"


def test_utterances_per_intent_per_language(shop: DemoShop) -> None:
    counts = Counter((u.label, u.lang) for u in shop.utterances)
    short = {
        key: n
        for key in ((i, lang) for i in shop.intent_names() for lang in ("en", "zh"))
        if (n := counts[key]) < MIN_UTTERANCES
    }
    assert not short, f"fewer than {MIN_UTTERANCES} utterances: {short}"
    assert all(u.label != OUT_OF_SCOPE for u in shop.utterances)


def test_out_of_scope_set(shop: DemoShop) -> None:
    counts = Counter(u.lang for u in shop.out_of_scope)
    assert counts["en"] >= MIN_UTTERANCES and counts["zh"] >= MIN_UTTERANCES
    assert all(u.label == OUT_OF_SCOPE for u in shop.out_of_scope)


def test_no_duplicate_utterances(shop: DemoShop) -> None:
    # Texts that differ only in case, spaces, punctuation or emoji count as duplicates: they
    # would leak between a training and a held-out split.
    texts = Counter(re.sub(r"[\W_]+", "", u.text.casefold()) for u in shop.utterances + shop.out_of_scope)
    assert [t for t, n in texts.items() if n > 1] == []


def test_language_of_every_text(shop: DemoShop) -> None:
    wrong = [(u.lang, u.text) for u in shop.utterances + shop.out_of_scope if guess_lang(u.text) != u.lang]
    assert wrong == []
    wrong_replies = [r.id for r in shop.replies if guess_lang(r.text) != r.lang]
    assert wrong_replies == []
    # Agents answer in the conversation's language; a customer's turn may be just an order
    # number or an email, but an English conversation has no Chinese turn and a Chinese one
    # starts in Chinese.
    wrong_turns = [
        (c.id, t.agent)
        for c in shop.conversations
        for t in c.turns
        if guess_lang(t.agent) != c.lang or (c.lang == "en" and guess_lang(t.customer) == "zh")
    ]
    assert wrong_turns == []
    assert all(guess_lang(c.turns[0].customer) == c.lang for c in shop.conversations)


def test_replies_per_intent_per_language(shop: DemoShop) -> None:
    counts = Counter((r.intent, r.lang) for r in shop.replies)
    short = {
        (i, lang): counts[(i, lang)]
        for i in shop.intent_names()
        for lang in ("en", "zh")
        if counts[(i, lang)] < MIN_REPLIES
    }
    assert not short, f"fewer than {MIN_REPLIES} replies: {short}"
    for intent in shop.intent_names():
        for lang in ("en", "zh"):
            texts = [r.text for r in shop.replies_for(intent, lang)]
            assert len(set(texts)) == len(texts), (intent, lang)


def test_placeholders_are_documented(shop: DemoShop) -> None:
    doc = DOC.read_text(encoding="utf-8")
    for reply in shop.replies:
        assert reply.lang is not None
        for name in placeholders_in(reply.text, reply.lang):
            assert name in PLACEHOLDERS[reply.lang], (reply.id, name)
    for name in EN_PLACEHOLDERS:
        assert f"`{{{{{name}}}}}`" in doc, f"{{{{{name}}}}} missing from {DOC.name}"
    for name in ZH_PLACEHOLDERS:
        assert f"`{{{name}}}`" in doc, f"{{{name}}} missing from {DOC.name}"
    used = {(r.lang, n) for r in shop.replies if r.lang for n in placeholders_in(r.text, r.lang)}
    assert {("en", "Order Number"), ("zh", "订单号")} <= used


def test_reply_placeholder_syntax_matches_language(shop: DemoShop) -> None:
    for reply in shop.replies:
        if reply.lang == "en":
            assert "{" not in _EN_SLOT.sub("", reply.text), reply.id
        else:
            assert "{{" not in reply.text and "{" not in _ZH_SLOT.sub("", reply.text), reply.id
            assert "}" not in _ZH_SLOT.sub("", reply.text), reply.id


_EN_SLOT = re.compile(r"\{\{[^{}]+\}\}")
_ZH_SLOT = re.compile(r"\{[^{}]+\}")


def test_conversations(shop: DemoShop) -> None:
    assert len(shop.conversations) >= MIN_CONVERSATIONS
    langs = Counter(c.lang for c in shop.conversations)
    assert langs["en"] >= MIN_CONVERSATIONS // 3 and langs["zh"] >= MIN_CONVERSATIONS // 3
    names = set(shop.intent_names())
    for conv in shop.conversations:
        assert 2 <= len(conv.turns) <= 5, conv.id
        assert conv.id.startswith(f"demo-{conv.lang}-")
        for turn in conv.turns:
            assert turn.intent in names, (conv.id, turn.intent)
            assert "{" not in turn.agent and "}" not in turn.agent, (conv.id, turn.agent)


def test_reply_pairs_flatten_every_turn(shop: DemoShop) -> None:
    pairs = shop.reply_pairs()
    assert len(pairs) == sum(len(c.turns) for c in shop.conversations)
    assert all(p.intent and p.lang in {"en", "zh"} and p.conversation_id for p in pairs)
    assert {p.intent for p in pairs} == set(shop.intent_names())


def test_ids_unique(shop: DemoShop) -> None:
    reply_ids = [r.id for r in shop.replies]
    conv_ids = [c.id for c in shop.conversations]
    assert len(set(reply_ids)) == len(reply_ids)
    assert len(set(conv_ids)) == len(conv_ids)


def test_resources_are_read_through_the_package() -> None:
    folder = demo_shop_dir()
    for name in ("intents.json", "utterances.jsonl", "replies.jsonl", "conversations.jsonl"):
        assert (folder / name).is_file(), name


# ---------------------------------------------------------------------- malformed files
def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    target.mkdir()
    folder = demo_shop_dir()
    for name in ("intents.json", "utterances.jsonl", "replies.jsonl", "conversations.jsonl"):
        (target / name).write_text((folder / name).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def _replace_line(path: Path, number: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_copy_reads_like_the_bundled_shop(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    copy = read_demo_shop(folder)
    assert len(copy.utterances) == len(load_demo_shop().utterances)
    assert copy.fingerprint == load_demo_shop().fingerprint
    assert len(copy.fingerprint) == 64
    path = folder / "utterances.jsonl"
    path.write_text(
        path.read_text(encoding="utf-8") + '{"text": "one more", "label": "greeting", "lang": "en"}\n'
    )
    assert read_demo_shop(folder).fingerprint != copy.fingerprint


@pytest.mark.parametrize(
    ("file", "line", "text", "problem"),
    [
        ("utterances.jsonl", 3, '{"text": "hi", "label": "order_status"', "bad JSON"),
        (
            "utterances.jsonl",
            5,
            '{"text": "where is it", "label": "no_such_intent", "lang": "en"}',
            "unknown label",
        ),
        ("utterances.jsonl", 7, '{"text": "", "label": "greeting", "lang": "en"}', "'text'"),
        ("utterances.jsonl", 2, '{"text": "hello", "label": "greeting", "lang": "fr"}', "lang"),
        (
            "replies.jsonl",
            4,
            '{"id": "x", "intent": "greeting", "lang": "en", "text": "Hi {{Shoe Colour}}"}',
            "placeholder",
        ),
        ("replies.jsonl", 6, '["not", "an", "object"]', "JSON object"),
        (
            "conversations.jsonl",
            2,
            '{"id": "c", "lang": "en", "conversations": [{"customer": "hi", "agent": "hello"}]}',
            "'intent'",
        ),
        ("conversations.jsonl", 3, '{"id": "c", "lang": "zh", "conversations": []}', "conversations"),
    ],
)
def test_malformed_line_names_file_and_line(
    tmp_path: Path, file: str, line: int, text: str, problem: str
) -> None:
    folder = _copy(tmp_path)
    _replace_line(folder / file, line, text)
    with pytest.raises(ImportDataError) as info:
        read_demo_shop(folder)
    message = str(info.value)
    assert f"{file}:{line}" in message
    assert problem in message


def test_duplicate_utterance_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "utterances.jsonl"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    _replace_line(path, 10, first)
    with pytest.raises(
        ImportDataError, match=r"utterances\.jsonl:10: duplicate utterance \(first on line 1\)"
    ):
        read_demo_shop(folder)


def test_broken_intents_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "intents.json").write_text('[{"name": "greeting", "title_en": "Hi"}]', encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"intents\.json: intent #1: field 'title_zh'"):
        read_demo_shop(folder)


def test_missing_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "replies.jsonl").unlink()
    with pytest.raises(ImportDataError, match=r"replies\.jsonl: cannot read"):
        read_demo_shop(folder)
    shutil.rmtree(folder)


def test_line_separator_inside_a_text_is_not_a_line_break(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "utterances.jsonl"
    extra = '{"text": "hi\u2028there, anyone?", "label": "greeting", "lang": "en"}\n'
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert read_demo_shop(folder).utterances[-1].text == "hi\u2028there, anyone?"
