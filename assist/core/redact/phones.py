"""Phone numbers: mainland mobiles, international ``+CC`` numbers, grouped landlines, and
bare digit runs after a phone keyword (never an order number, a date or an amount)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assist.core.redact.digits import (
    AMOUNT,
    DATE,
    NOT_AFTER_NUM,
    NOT_BEFORE_NUM,
    SEP,
    order_context,
    phone_context,
)
from assist.core.redact.spans import PiiSpan, digits

_CN_MOBILE = re.compile(
    NOT_BEFORE_NUM + r"(?:\(?(?:\+|00|＋)\s?86\)?[\s\-]?|(?<!\d)86[\s\-])?"
    r"\(?1[3-9]\d\)?" + SEP + r"\d{4}" + SEP + r"\d{4}" + NOT_AFTER_NUM
)
_CN_MOBILE_BARE86 = re.compile(NOT_BEFORE_NUM + r"861[3-9]\d{9}" + NOT_AFTER_NUM)
_INTL = re.compile(
    r"(?<![A-Za-z0-9#_/])\(?(?:\+|＋|00)\s?\d{1,3}\)?(?:[\s.\-]?\(?\d{1,5}\)?){2,6}" + NOT_AFTER_NUM
)
_GROUPED = re.compile(
    NOT_BEFORE_NUM + r"(?:\(\d{2,5}\)\s?|\d{2,5}[\s.\-])(?:\d{2,5}[\s.\-]){0,3}\d{3,8}" + NOT_AFTER_NUM
)
_BARE_RUN = re.compile(NOT_BEFORE_NUM + r"\d{7,15}" + NOT_AFTER_NUM)
# digits typed one by one or in short groups ("1 3 8 0 0 1 3 8 0 0 0", "12 34 56 78 90") after a
# phone keyword
_SPACED_RUN = re.compile(NOT_BEFORE_NUM + r"\d{1,4}(?:[ .\-]{1,2}\d{1,4}){2,14}" + NOT_AFTER_NUM)
_CURRENCY = ("$", "¥", "€", "£", "￥")


def phones(text: str) -> Iterator[PiiSpan]:
    for rx in (_CN_MOBILE, _CN_MOBILE_BARE86):
        for m in rx.finditer(text):
            plain = re.fullmatch(r"\d+", m.group(0)) is not None
            if plain and order_context(text, m.start()):
                continue
            yield PiiSpan(m.start(), m.end(), "PHONE", m.group(0))
    for m in _INTL.finditer(text):
        if 7 <= len(digits(m.group(0))) <= 15:
            yield PiiSpan(m.start(), m.end(), "PHONE", m.group(0))
    for m in _GROUPED.finditer(text):
        s = m.group(0)
        n = len(digits(s))
        if not 7 <= n <= 15 or DATE.match(s) or AMOUNT.match(s):
            continue
        if text[max(0, m.start() - 1) : m.start()] in _CURRENCY:
            continue
        if order_context(text, m.start()) and not phone_context(text, m.start()):
            continue
        yield PiiSpan(m.start(), m.end(), "PHONE", s)
    for rx in (_BARE_RUN, _SPACED_RUN):
        for m in rx.finditer(text):
            if not 7 <= len(digits(m.group(0))) <= 15 or DATE.match(m.group(0)):
                continue
            if phone_context(text, m.start()) and not order_context(text, m.start()):
                yield PiiSpan(m.start(), m.end(), "PHONE", m.group(0))
