"""Card numbers, bank accounts (IBAN) and identity numbers (身份证, SSN, passport and other
numbers after an ID keyword)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assist.core.redact.digits import DATE, NOT_AFTER_NUM, NOT_BEFORE_NUM, SEP, luhn_ok, order_context
from assist.core.redact.spans import PiiSpan, digits

_CARD = re.compile(NOT_BEFORE_NUM + r"[1-9](?:[ \-]?\d){12,18}" + NOT_AFTER_NUM)  # no card starts with 0
_CARD_GROUPS = re.compile(NOT_BEFORE_NUM + r"\d{4}([ \-])\d{4}\1\d{4}\1\d{1,7}" + NOT_AFTER_NUM)
_CN_ID = re.compile(
    NOT_BEFORE_NUM
    + r"[1-9]\d{5}"
    + SEP
    + r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    + SEP
    + r"\d{3}[0-9Xx]"
    + r"(?![A-Za-z0-9_])"
)
_SSN = re.compile(NOT_BEFORE_NUM + r"\d{3}[\- ]\d{2}[\- ]\d{4}" + NOT_AFTER_NUM)
_ID_KEYWORD = re.compile(
    r"(?:身份证(?:号码|号)?|护照(?:号码|号)?|证件号(?:码)?|passport(?:\s*(?:number|no\.?|#))?|"
    r"social\s+security(?:\s+number)?|ssn|driver'?s?\s+licen[cs]e(?:\s+(?:number|no\.?))?|"
    r"national\s+id(?:\s+number)?|id\s+card(?:\s+number)?|id\s+number)"
    r"\s*(?:is|was|[:：#是为]|number|no\.?)?\s*[:：]?\s*([A-Za-z]{0,2}\d[\dA-Za-z\-]*(?:[ ]\d[\dA-Za-z\-]*)*)",
    re.IGNORECASE,
)
# IBAN: country, check digits, then the account (often in groups of four); a candidate counts
# only with its country's length and a valid mod-97 check, so a tracking code like SF1234567890
# that happens to have the shape is left alone.
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}")
_IBAN_LENGTHS = {
    **dict.fromkeys(["NO"], 15),
    **dict.fromkeys(["BE"], 16),
    **dict.fromkeys(["DK", "FI", "FO", "GL", "NL"], 18),
    **dict.fromkeys(["MK", "SI"], 19),
    **dict.fromkeys(["AT", "BA", "EE", "KZ", "LT", "LU", "XK"], 20),
    **dict.fromkeys(["CH", "HR", "LI", "LV"], 21),
    **dict.fromkeys(["BG", "BH", "CR", "DE", "GB", "GE", "IE", "ME", "RS"], 22),
    **dict.fromkeys(["AE", "GI", "IL"], 23),
    **dict.fromkeys(["AD", "CZ", "ES", "MD", "PK", "RO", "SA", "SE", "SK", "TN", "VG"], 24),
    **dict.fromkeys(["PT"], 25),
    **dict.fromkeys(["IS", "TR"], 26),
    **dict.fromkeys(["FR", "GR", "IT", "MC", "MR", "SM"], 27),
    **dict.fromkeys(["AL", "AZ", "CY", "DO", "GT", "HU", "LB", "PL"], 28),
    **dict.fromkeys(["BR", "EG", "PS", "QA", "UA"], 29),
    **dict.fromkeys(["JO", "KW", "MU"], 30),
    **dict.fromkeys(["MT"], 31),
}


def iban_ok(candidate: str) -> bool:
    """A well-formed IBAN: its country's length and ISO 7064 mod-97 check digits."""
    s = re.sub(r"\s", "", candidate).upper()
    if _IBAN_LENGTHS.get(s[:2]) != len(s) or not s.isalnum():
        return False
    rearranged = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _iban_end(candidate: str) -> int | None:
    """Where the IBAN at the start of ``candidate`` ends (it may run on into the next word)."""
    length = _IBAN_LENGTHS.get(candidate[:2].upper())
    seen = 0
    for i, ch in enumerate(candidate):
        seen += ch != " "
        if seen == length:
            end = i + 1
            if end < len(candidate) and candidate[end] != " ":  # cut inside a word: not an IBAN
                return None
            return end if iban_ok(candidate[:end]) else None
    return None


def ids(text: str) -> Iterator[PiiSpan]:
    for m in _CN_ID.finditer(text):
        yield PiiSpan(m.start(), m.end(), "ID_NUMBER", m.group(0))
    for m in _ID_KEYWORD.finditer(text):
        if len(m.group(1)) >= 6:
            yield PiiSpan(m.start(1), m.end(1), "ID_NUMBER", m.group(1))
    for m in _SSN.finditer(text):
        if not DATE.match(m.group(0)):
            yield PiiSpan(m.start(), m.end(), "ID_NUMBER", m.group(0))
    yield from cards(text)


def cards(text: str) -> Iterator[PiiSpan]:
    """Payment cards (Luhn) and bank accounts (IBAN), both as ``CARD``."""
    for m in _IBAN.finditer(text):
        end = _iban_end(m.group(0))
        if end is not None:
            yield PiiSpan(m.start(), m.start() + end, "CARD", m.group(0)[:end])
    for m in _CARD_GROUPS.finditer(text):
        yield PiiSpan(m.start(), m.end(), "CARD", m.group(0))
    for m in _CARD.finditer(text):
        s = m.group(0)
        d = digits(s)
        if 13 <= len(d) <= 19 and luhn_ok(d):
            if len(d) <= 14 and " " not in s and "-" not in s and order_context(text, m.start()):
                continue
            yield PiiSpan(m.start(), m.end(), "CARD", s)
