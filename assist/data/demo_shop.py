"""The bundled bilingual demo shop "Lumen & Leaf": intents, utterances, reply library, conversations.

The files live in ``resources/demo_shop/`` (package ``assist.resources``) and are read with
:mod:`importlib.resources`, so an installed app finds them too. :func:`load_demo_shop` reads
and validates everything once (cached); a malformed file raises
:class:`~assist.core.errors.ImportDataError` naming the file, the line and the problem.

Formats (see ``docs/demo_shop.md``):

- ``intents.json``: a list of ``{"name", "title_en", "title_zh", "description_en"}``.
- ``utterances.jsonl``: ``{"text", "label", "lang"}``; label ``out_of_scope`` marks messages
  that fit no intent.
- ``replies.jsonl``: ``{"id", "intent", "lang", "text"}`` with placeholders such as
  ``{{Order Number}}`` (English) and ``{订单号}`` (Chinese).
- ``conversations.jsonl``: ``{"id", "lang", "conversations": [{"customer", "agent", "intent"}, ...]}``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from assist.core.errors import ImportDataError
from assist.core.records import ConversationRecord, LabelledText, ReplyPairRecord, ReplyTemplate
from assist.drafts.conditions import mark_problem

OUT_OF_SCOPE = "out_of_scope"
LANGS = ("en", "zh")
FILES = ("intents.json", "utterances.jsonl", "replies.jsonl", "conversations.jsonl")
OUT_OF_SCOPE_TITLES = {"en": "Out of scope", "zh": "无关/无法识别"}

#: Placeholder vocabulary of the reply library: the name inside the braces -> what fills it.
EN_PLACEHOLDERS: dict[str, str] = {
    "Customer Name": "the customer's name or nickname",
    "Order Number": "the order number, e.g. LL20260412",
    "Tracking Number": "the courier's tracking number",
    "Courier": "the courier company, e.g. SF Express",
    "Product Name": "the product the customer asks about",
    "Amount": "a sum of money with currency, e.g. $39.90",
    "Delivery Date": "the expected delivery date",
    "Refund Date": "the date the refund was issued or is expected",
    "Size": "a clothing or shoe size, e.g. M or 42",
    "Coupon Code": "a promo or coupon code",
    "Restock Date": "the date an item is expected back in stock",
    "Email": "the customer's email address",
    "Phone Number": "the customer's phone number",
    "Address": "a delivery address",
    "Agent Name": "the agent's own name",
    "Working Hours": "when human agents are available",
}
ZH_PLACEHOLDERS: dict[str, str] = {
    "顾客称呼": "顾客的称呼或昵称（亲、王女士……）",
    "订单号": "订单号，如 LL20260412",
    "快递单号": "快递单号/运单号",
    "快递公司": "快递公司，如 顺丰、中通",
    "商品名": "顾客咨询的商品",
    "金额": "金额，如 ¥299",
    "送达日期": "预计送达日期",
    "退款日期": "退款发起或预计到账的日期",
    "尺码": "衣服或鞋子的尺码，如 M、42",
    "优惠码": "优惠码/券码",
    "到货日期": "预计补货/到货日期",
    "邮箱": "顾客邮箱",
    "手机号": "顾客手机号",
    "地址": "收货地址",
    "客服名": "客服自己的名字",
    "服务时间": "人工客服的服务时间",
}
PLACEHOLDERS: dict[str, dict[str, str]] = {"en": EN_PLACEHOLDERS, "zh": ZH_PLACEHOLDERS}

_EN_SLOT = re.compile(r"\{\{([^{}]+)\}\}")
_ZH_SLOT = re.compile(r"(?<!\{)\{([^{}]+)\}(?!\})")


def placeholders_in(text: str, lang: str) -> list[str]:
    """The placeholder names used in a reply template (``{{X}}`` in English, ``{X}`` in Chinese)."""
    return (_EN_SLOT if lang == "en" else _ZH_SLOT).findall(text)


@dataclass(frozen=True, slots=True)
class IntentInfo:
    name: str
    title_en: str
    title_zh: str
    description: str

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True)
class DemoShop:
    """Everything in the demo shop, validated."""

    intents: list[IntentInfo]
    utterances: list[LabelledText]
    out_of_scope: list[LabelledText]
    replies: list[ReplyTemplate]
    conversations: list[ConversationRecord]
    #: sha256 over the four files' bytes: changes whenever the demo data changes, so the
    #: default models built from it on first start can tell when they are stale.
    fingerprint: str = ""

    def intent_names(self) -> list[str]:
        return [i.name for i in self.intents]

    def intent(self, name: str) -> IntentInfo:
        for info in self.intents:
            if info.name == name:
                return info
        raise KeyError(name)

    def title(self, name: str, lang: str) -> str:
        """The intent's display title in ``lang`` ('zh' or anything else for English).

        ``out_of_scope`` has a title too; a name the shop does not know (a user's own model
        may have other labels) is returned as is.
        """
        if name == OUT_OF_SCOPE:
            return OUT_OF_SCOPE_TITLES["zh" if lang == "zh" else "en"]
        try:
            return self.intent(name).title(lang)
        except KeyError:
            return name

    def utterances_for(self, lang: str | None = None) -> list[LabelledText]:
        return [u for u in self.utterances if lang is None or u.lang == lang]

    def replies_for(self, intent: str, lang: str | None = None) -> list[ReplyTemplate]:
        return [r for r in self.replies if r.intent == intent and (lang is None or r.lang == lang)]

    def reply_pairs(self) -> list[ReplyPairRecord]:
        """Every conversation turn, flattened, with intent, lang and conversation id."""
        return [turn for conv in self.conversations for turn in conv.turns]


# ---------------------------------------------------------------------- reading
def _where(source: Traversable | Path) -> str:
    return str(source)


def _jsonl(source: Traversable | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    where = _where(source)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportDataError(where, None, f"cannot read the file ({exc})") from exc
    # split on \n only: str.splitlines() would also break at U+2028 inside a JSON string
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ImportDataError(where, number, f"bad JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(row, dict):
            raise ImportDataError(where, number, "expected a JSON object")
        yield number, row


def _str(row: dict[str, Any], key: str, where: str, line: int | None) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ImportDataError(where, line, f"field {key!r} must be a non-empty string")
    return value


def _lang(row: dict[str, Any], where: str, line: int) -> str:
    lang = _str(row, "lang", where, line)
    if lang not in LANGS:
        raise ImportDataError(where, line, f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def _read_intents(source: Traversable | Path) -> list[IntentInfo]:
    where = _where(source)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportDataError(where, None, f"cannot read the file ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise ImportDataError(where, exc.lineno, f"bad JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(data, list) or not data:
        raise ImportDataError(where, None, "expected a non-empty JSON list of intents")
    out: list[IntentInfo] = []
    seen: set[str] = set()
    for index, row in enumerate(data):
        what = f"intent #{index + 1}"
        if not isinstance(row, dict):
            raise ImportDataError(where, None, f"{what}: expected a JSON object")
        try:
            name = _str(row, "name", where, None)
            info = IntentInfo(
                name=name,
                title_en=_str(row, "title_en", where, None),
                title_zh=_str(row, "title_zh", where, None),
                description=_str(row, "description_en", where, None),
            )
        except ImportDataError as exc:
            raise ImportDataError(where, None, f"{what}: {exc.problem}") from None
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or name == OUT_OF_SCOPE:
            raise ImportDataError(where, None, f"{what}: bad intent name {name!r}")
        if name in seen:
            raise ImportDataError(where, None, f"{what}: duplicate intent {name!r}")
        seen.add(name)
        out.append(info)
    return out


def _read_utterances(
    source: Traversable | Path, names: set[str]
) -> tuple[list[LabelledText], list[LabelledText]]:
    where = _where(source)
    utterances: list[LabelledText] = []
    oos: list[LabelledText] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in _jsonl(source):
        text = _str(row, "text", where, line)
        label = _str(row, "label", where, line)
        lang = _lang(row, where, line)
        if label != OUT_OF_SCOPE and label not in names:
            raise ImportDataError(where, line, f"unknown label {label!r}")
        key = (lang, text.strip().casefold())
        if key in seen:
            raise ImportDataError(where, line, f"duplicate utterance (first on line {seen[key]})")
        seen[key] = line
        (oos if label == OUT_OF_SCOPE else utterances).append(LabelledText(text, label, lang))
    return utterances, oos


def _marks(row: dict[str, Any], key: str, where: str, line: int) -> tuple[str, ...]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ImportDataError(where, line, f"{key!r} must be a list of strings")
    return tuple(value)


def _read_replies(source: Traversable | Path, names: set[str]) -> list[ReplyTemplate]:
    where = _where(source)
    out: list[ReplyTemplate] = []
    ids: set[str] = set()
    for line, row in _jsonl(source):
        rid = _str(row, "id", where, line)
        intent = _str(row, "intent", where, line)
        lang = _lang(row, where, line)
        text = _str(row, "text", where, line)
        if rid in ids:
            raise ImportDataError(where, line, f"duplicate id {rid!r}")
        ids.add(rid)
        if intent not in names:
            raise ImportDataError(where, line, f"unknown intent {intent!r}")
        unknown = [p for p in placeholders_in(text, lang) if p not in PLACEHOLDERS[lang]]
        if unknown:
            raise ImportDataError(where, line, f"undocumented placeholder(s) {unknown} for lang {lang!r}")
        requires, claims = _marks(row, "requires", where, line), _marks(row, "claims", where, line)
        problem = mark_problem(requires, claims)
        if problem:
            raise ImportDataError(where, line, problem)
        out.append(ReplyTemplate(id=rid, intent=intent, text=text, lang=lang, requires=requires, claims=claims))
    return out


def _read_conversations(source: Traversable | Path, names: set[str]) -> list[ConversationRecord]:
    where = _where(source)
    out: list[ConversationRecord] = []
    ids: set[str] = set()
    for line, row in _jsonl(source):
        cid = _str(row, "id", where, line)
        lang = _lang(row, where, line)
        if cid in ids:
            raise ImportDataError(where, line, f"duplicate id {cid!r}")
        ids.add(cid)
        turns_raw = row.get("conversations")
        if not isinstance(turns_raw, list) or not turns_raw:
            raise ImportDataError(where, line, "field 'conversations' must be a non-empty list of turns")
        turns: list[ReplyPairRecord] = []
        for index, turn in enumerate(turns_raw, 1):
            if not isinstance(turn, dict):
                raise ImportDataError(where, line, f"turn {index}: expected a JSON object")
            try:
                customer = _str(turn, "customer", where, line)
                agent = _str(turn, "agent", where, line)
                intent = _str(turn, "intent", where, line)
            except ImportDataError as exc:
                raise ImportDataError(where, line, f"turn {index}: {exc.problem}") from None
            if intent not in names:
                raise ImportDataError(where, line, f"turn {index}: unknown intent {intent!r}")
            turns.append(ReplyPairRecord(customer, agent, intent, lang, cid))
        out.append(ConversationRecord(id=cid, turns=tuple(turns), lang=lang))
    return out


def demo_shop_dir() -> Traversable:
    """Where the bundled demo shop files are (inside the installed package ``assist.resources``)."""
    return files("assist.resources") / "demo_shop"


def read_demo_shop(folder: Traversable | Path) -> DemoShop:
    """Read and validate a demo-shop folder (the bundled one, or a copy in tests)."""
    intents = _read_intents(folder / "intents.json")
    names = {i.name for i in intents}
    utterances, oos = _read_utterances(folder / "utterances.jsonl", names)
    replies = _read_replies(folder / "replies.jsonl", names)
    conversations = _read_conversations(folder / "conversations.jsonl", names)
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((folder / name).read_bytes())
    return DemoShop(
        intents=intents,
        utterances=utterances,
        out_of_scope=oos,
        replies=replies,
        conversations=conversations,
        fingerprint=digest.hexdigest(),
    )


@functools.cache
def load_demo_shop() -> DemoShop:
    """The bundled demo shop, read once per process. Treat the lists as read-only."""
    return read_demo_shop(demo_shop_dir())
