"""Slot filling: put what the conversation already says into a draft's placeholders.

Library and Bitext replies carry placeholders, ``{{Order Number}}`` (Bitext style) or
``{订单号}`` (our Chinese library style). The agent should not retype an order number the
customer wrote two lines up, so we extract order numbers, tracking numbers, amounts,
e-mail addresses and product names from the conversation (newest first) and fill the
placeholders whose name maps to one of those kinds. Values the help desk knows about the
customer (their name and e-mail, ``known``) fill what the conversation does not say. A placeholder we cannot fill stays in
the text verbatim, and is returned so the desk can highlight it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

# Placeholders: {{Order Number}} (not greedy, no braces inside) or {订单号} / {order_id}.
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\n]{1,60}?)\s*\}\}|\{([^{}\s][^{}\n]{0,30}?)\}")

# Kinds of values, and what a placeholder name (lowercased) that asks for each looks like. A name
# must ask for the value itself: Bitext's {{Order History}}, {{Cancel Order}}, {{Order Tracking}},
# {{Add Item}} and {{Customer Support Email}} name pages, buttons and the shop's own address, and
# filling them with the customer's order number or e-mail wrote "go to the 732201349959 section".
KIND_NAMES: dict[str, re.Pattern[str]] = {
    "tracking": re.compile(r"tracking\s*(?:number|no\b|id\b|code)|快递单|运单|物流单号"),
    "order": re.compile(r"(?:order|purchase|invoice)\s*(?:number|no\b|id\b|#)|订单号|订单编号|单号|发票号"),
    "amount": re.compile(r"amount|price|\btotal\b|\bsum\b|金额|价格|费用"),
    "email": re.compile(r"^(?!.*(?:support|service|feedback|company|contact|\bour\b|客服)).*(?:e-?mail|邮箱|电子邮件)"),
    "product": re.compile(r"^(?:product|item)(?:\s*name)?$|商品|产品|宝贝"),
    "name": re.compile(r"customer name|client name|full name|your name|客户姓名|客户名称|姓名|称呼|顾客称呼|客户名|顾客"),
}

_TRACKING = re.compile(
    # not \b: after a Chinese character ("单号SF1234567890123") there is no word boundary
    r"(?<![A-Za-z0-9])(1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}[A-Z]{2}|(?:SF|YT|ZTO|JD|STO)\d{10,15})(?![A-Za-z0-9])"
    r"|(?:tracking|快递单号|运单号|物流单号)(?:\s*(?:number|no\.?|code|id))?(?:\s*(?:is|was|:))?[^0-9A-Za-z]{0,20}"
    r"((?=[A-Z]*\d)[A-Z0-9]{8,30})",
    re.IGNORECASE,
)
_ORDER = re.compile(
    r"(?:order|purchase|订单|单号)[^0-9A-Za-z\n]{0,25}(?:number|no\.?|id|#|编号|号)?[^0-9A-Za-z\n]{0,5}"
    r"#?([A-Z]{0,4}-?\d[\dA-Z-]{3,24})"
    r"|#([A-Z]{0,4}-?\d{4,20})\b",
    re.IGNORECASE,
)
# An id-like token (LL20260412, 20231234567) in a message that talks about an order.
_ORDER_MENTION = re.compile(r"order|purchase|订单|单号", re.IGNORECASE)
_ID_TOKEN = re.compile(r"(?<![A-Za-z0-9])([A-Z]{0,4}\d{5,20})(?![A-Za-z0-9])")
_BARE_ID = re.compile(r"[#＃:：\s]*([A-Z]{0,4}\d{5,20})[\s.。!！?？]*")  # a message that is only an id
_MOBILE = re.compile(r"(?:\+?86|0086)?1[3-9]\d{9}")  # a Chinese mobile number is not an order number
# an id in the shop's own format (LL + date digits) is the order number without the word "order"
# ("我的快递到哪了 LL20260412"); a bare long number is not (a phone, a card, a tracking number)
_SHOP_ORDER = re.compile(r"(?<![A-Za-z0-9])(LL\d{6,})(?![A-Za-z0-9])", re.IGNORECASE)
# the number a customer gives for something else: "card 6222...", "call me at 415...", "身份证号 1101..."
_OTHER_NUMBER = re.compile(
    r"(?:card|卡号?|身份证号?|\bid\b|phone|tel\b|mobile|call(?:\s+me)?(?:\s+(?:at|on))?|电话|手机|微信|wechat"
    r"|tracking|快递单号|运单号?|物流单号)\s*(?:number|no\.?|is|:|：|号|是|为)?\s*[#＃+]?$",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")  # 20260412 is a date
_AMOUNT = re.compile(
    # a match starts only where a number starts, and a number is at most 16 digits and commas:
    # unanchored, a long run of digits made this quadratic (19,000 "1"s froze the desk for 40 s)
    r"[$€£¥￥]\s?\d[\d,]{0,15}(?:\.\d{1,2})?"
    r"|(?<![\d,])\d[\d,]{0,15}(?:\.\d{1,2})?\s?(?:元|块|usd\b|eur\b|rmb\b|dollars?\b)",
    re.IGNORECASE,
)
# starts only where a run of address characters starts, and a local part is at most 64: else a
# long run of letters or digits costs quadratic time (19,000 digits took 0.3 s per call)
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,255}\.[A-Za-z]{2,}")
_PRODUCT = re.compile(
    r"(?:(?:the|my|a|an)\s+((?:[A-Z][\w-]*\s?){1,4})(?=\s|[,.!?]|$))"  # "my Aurora Lamp"
    r"|[“\"《「]([^”\"》」\n]{2,40})[”\"》」]",  # quoted names, 《商品名》
)

# A quoted "name" that is a link, markup or code (a customer's pasted HTML: href="javascript:...")
# is never put into a reply as the product.
_NOT_A_NAME = re.compile(r"[<>={}\[\]]|://|^[A-Za-z][\w+.-]*:", re.IGNORECASE)


def placeholder_kind(name: str) -> str | None:
    low = name.strip().lower()
    for kind, pattern in KIND_NAMES.items():
        if pattern.search(low):
            return kind
    return None


def extract_values(conversation: Sequence[str]) -> dict[str, str]:
    """The newest value of each kind found in ``conversation`` (oldest text first)."""
    found: dict[str, str] = {}
    for text in reversed(conversation):
        tracking = [g for m in _TRACKING.finditer(text) for g in m.groups() if g]
        if tracking and "tracking" not in found:
            found["tracking"] = tracking[0]
        if "order" not in found:
            for m in _ORDER.finditer(text):
                group = m.lastindex or 1  # the alternative that matched: its one group
                value = m.group(group)
                if any(ch.isdigit() for ch in value) and _may_be_order(text, m, tracking, group):
                    found["order"] = value
                    break
            if "order" not in found and _ORDER_MENTION.search(text):
                ids = [m.group(1) for m in _ID_TOKEN.finditer(text) if _may_be_order(text, m, tracking)]
                if ids:
                    found["order"] = ids[0]
        bare = _BARE_ID.fullmatch(text.strip())  # a reply that is only an id answers "which order?"
        if "order" not in found and bare and bare.group(1) not in tracking and not _MOBILE.fullmatch(bare.group(1)):
            found["order"] = bare.group(1)
        if "order" not in found and (shop := _SHOP_ORDER.search(text)) and _may_be_order(text, shop, tracking):
            found["order"] = shop.group(1)
        if "amount" not in found and (amount := _AMOUNT.search(text)):
            found["amount"] = amount.group(0).strip()
        if "email" not in found and (email := EMAIL.search(text)):
            found["email"] = email.group(0)
        if "product" not in found:
            for product in _PRODUCT.finditer(text):
                name = next(g for g in product.groups() if g).strip()
                if name.lower() not in {"order", "package", "refund"} and not _NOT_A_NAME.search(name):
                    found["product"] = name
                    break
    return found


def _may_be_order(text: str, token: re.Match[str], tracking: Sequence[str], group: int = 1) -> bool:
    """Whether an id-like token in a message about an order can be its number: not a tracking
    or mobile number, not a date, and not given as a card, phone or ID number."""
    value = token.group(group)
    before = text[max(0, token.start(group) - 16) : token.start(group)]
    return not (
        value in tracking or _MOBILE.fullmatch(value) or _DATE.fullmatch(value) or _OTHER_NUMBER.search(before)
    )


def find_placeholders(text: str) -> tuple[str, ...]:
    """Every placeholder in ``text`` as written (``{{Order Number}}``, ``{订单号}``), in order."""
    return tuple(m.group(0) for m in PLACEHOLDER.finditer(text))


def customer_values(customer_id: str | None) -> tuple[tuple[str, str], ...]:
    """What the customer record says, as ``known`` values for :func:`fill_slots`: the customer id
    when it reads as a name ("Maya", "Jean-Luc Picard", "王芳"), not as an account number, an
    e-mail address or a handle ("cust-10293", "u-c-html", "maya_k")."""
    name = (customer_id or "").strip()
    if not name or len(name) > 40 or any(ch.isdigit() or ch in "@_:/#|.+=" for ch in name):
        return ()
    if not all(_reads_as_name(word) for word in name.split()):
        return ()
    return (("name", name),)


def _reads_as_name(word: str) -> bool:
    """Each part of a hyphenated Latin name starts with a capital ("Jean-Luc"); lowercase parts
    joined by hyphens ("u-c-html") are an id. One lowercase word alone ("maya") may be a nickname."""
    parts = word.split("-")
    if any(not part for part in parts):
        return False
    if len(parts) == 1:
        return not word.isascii() or len(word) > 1
    return all(not part.isascii() or part[0].isupper() for part in parts)


def fill_slots(
    text: str, conversation: Sequence[str], known: Mapping[str, str] | Sequence[tuple[str, str]] | None = None
) -> tuple[str, tuple[str, ...]]:
    """``(filled text, placeholders still unfilled)``; unfilled ones stay in the text verbatim.

    ``known`` (kind -> value, e.g. ``{"name": "Mei Chen"}``, from the help desk's contact or the
    customer record) fills kinds the conversation lacks; what the conversation says wins."""
    values = {**dict(known or {}), **extract_values(conversation)}
    unfilled: list[str] = []

    def replace(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2) or ""
        kind = placeholder_kind(name)
        if kind is not None and kind in values:
            return values[kind]
        if m.group(0) not in unfilled:
            unfilled.append(m.group(0))
        return m.group(0)

    return PLACEHOLDER.sub(replace, text), tuple(unfilled)
