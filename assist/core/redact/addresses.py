"""Street addresses: English (number + street + suffix, unit, city, state/ZIP or UK postcode)
and Chinese (省/市/区/县/路/街/号/室 runs), and the rest of the sentence after "my address is"
or "地址是"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assist.core.redact.spans import CJK, PiiSpan

_STREET_SUFFIX = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|"
    r"terrace|highway|hwy|parkway|pkwy|square|sq|close|crescent|circle|cir|trail|alley|row|"
    r"strasse|straße|rue|calle)"
)
_EN_ADDRESS = re.compile(
    r"(?:(?:apt|apartment|suite|unit|flat|room)\.?\s*#?\s*[\w-]{1,6},?\s*)?"
    r"\b\d{1,6}[A-Za-z]?(?:-\d{1,4})?,?\s+(?:[A-Za-z][A-Za-z'.\-]*\s+){0,4}" + _STREET_SUFFIX + r"\b\.?"
    r"(?:,?\s*(?:apt|apartment|suite|ste|unit|flat|room|fl|floor|#)\.?\s*#?\s*[\w-]{1,6})?"
    r"(?-i:(?:,?\s+[A-Z][A-Za-z]+(?:[ \-][A-Z][A-Za-z]+){0,2})?"
    r"(?:,?\s*(?:[A-Z]{2}\s+\d{5}(?:-\d{4})?|[A-Z]{2,3}\s+\d{4}|\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})))?",
    re.IGNORECASE,
)
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b")
_EN_ADDRESS_KEYWORD = re.compile(
    r"(?:my|our|the|shipping|delivery|billing|new|home|mailing)?\s*address\s*(?:is|was|:|should be|to)\s*"
    r"([^.!?\n。！？]{4,160})",
    re.IGNORECASE,
)
_ZH_ADMIN = (
    rf"(?:[{CJK}]{{2,7}}(?:省|自治区|特别行政区))?"
    rf"(?:[{CJK}]{{1,7}}(?:市|州|盟|地区))?"
    rf"(?:[{CJK}]{{1,7}}(?:区|县|旗))?"
    rf"(?:[{CJK}]{{1,8}}(?:街道|镇|乡|村))?"
)
_ZH_ADDRESS = re.compile(
    rf"(?:{_ZH_ADMIN}[{CJK}\d]{{1,12}}(?:路|街|大道|大街|巷|弄|胡同|道)(?:[\d一二三四五六七八九十]+(?:号|弄|巷))?"
    rf"|[{CJK}]{{2,7}}(?:省|自治区)[{CJK}]{{1,7}}(?:市|州)(?:[{CJK}]{{1,7}}(?:区|县))?"
    rf"|[{CJK}]{{1,7}}市[{CJK}]{{1,7}}(?:区|县))"
    rf"(?:[{CJK}A-Za-z\d\-#]{{0,14}}?(?:号楼|号院|栋|幢|座|单元|室|层|楼|号|小区|花园|大厦|公寓))*"
    rf"(?:\d{{1,5}}(?:室|号)?)?"
)
_ZH_LEAD_IN = re.compile(
    r"^(?:请|麻烦)?(?:我)?(?:家|现在|目前)?(?:住在|住|家在|寄到|寄往|送到|送往|发到|发往|地址是|地址为|地址|改成|改为|改到|位于|在|是|到)+"
)
_ZH_ADDRESS_KEYWORD = re.compile(
    r"(?:地址|住址|收货地址|送货地址)(?:是|为|改成|改为|[:：])\s*([^。！？\n]{2,80})"
)


def addresses(text: str) -> Iterator[PiiSpan]:
    for m in _EN_ADDRESS.finditer(text):
        yield PiiSpan(m.start(), m.end(), "ADDRESS", m.group(0))
    for m in _UK_POSTCODE.finditer(text):
        yield PiiSpan(m.start(), m.end(), "ADDRESS", m.group(0))
    for m in _EN_ADDRESS_KEYWORD.finditer(text):
        yield PiiSpan(m.start(1), m.end(1), "ADDRESS", m.group(1))
    for m in _ZH_ADDRESS.finditer(text):
        s = m.group(0)
        lead = _ZH_LEAD_IN.match(s)
        start = m.start() + (lead.end() if lead and len(s) - lead.end() >= 3 else 0)
        yield PiiSpan(start, m.end(), "ADDRESS", text[start : m.end()])
    for m in _ZH_ADDRESS_KEYWORD.finditer(text):
        yield PiiSpan(m.start(1), m.end(1), "ADDRESS", m.group(1))
