"""What the number detectors (:mod:`.phones`, :mod:`.ids`) share: where a digit run may start
and end, the Luhn check, and whether the words before a number call it an order number or a
phone number."""

from __future__ import annotations

import re

NOT_BEFORE_NUM = r"(?<![A-Za-z0-9#_/\\.+-])"  # digits glued to these belong to a code
NOT_AFTER_NUM = r"(?![A-Za-z0-9_/\\]|[.-]\d)"
SEP = r"[ \t.\-–\u00a0]?"
DATE = re.compile(r"^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}$|^\d{1,2}[.\-/]\d{1,2}[.\-/](?:19|20)?\d{2}$")
AMOUNT = re.compile(r"^\d{1,3}(?:[ ,]\d{3})*\.\d{2}$|^\d+\.\d{1,2}$")

_ORDER_KEYWORDS = re.compile(
    r"(order|tracking|track|shipment|parcel|package|waybill|invoice|ref(?:erence)?|sku|item|"
    r"订单|单号|运单|快递|物流|包裹|发票|编号)",
    re.IGNORECASE,
)
_PHONE_KEYWORDS = re.compile(
    r"(phone|tel|telephone|mobile|cell|call|text|whatsapp|wechat|contact|number|reach|"
    r"电话|手机|联系|号码|微信|致电|打给)",
    re.IGNORECASE,
)


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def order_context(text: str, start: int, window: int = 28) -> bool:
    """True when the nearest keyword before ``start`` names an order or tracking number."""
    before = text[max(0, start - window) : start]
    order = [m.end() for m in _ORDER_KEYWORDS.finditer(before)]
    phone = [m.end() for m in _PHONE_KEYWORDS.finditer(before) if m.group(0).lower() != "number"]
    if not order:
        return False
    return not phone or max(order) > max(phone)


def phone_context(text: str, start: int, window: int = 24) -> bool:
    before = text[max(0, start - window) : start]
    return any(m.group(0).lower() != "number" for m in _PHONE_KEYWORDS.finditer(before))
