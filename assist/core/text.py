"""Pure text helpers: language guess, normalisation, edit distance, bounded previews."""

from __future__ import annotations

import re
import unicodedata

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Bidirectional overrides and other invisible controls that can disguise text.
_UNSAFE_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_MESSAGE_CHARS = 20_000


def guess_lang(text: str) -> str:
    """'zh' when the text has Chinese characters in it, else 'en'."""
    cjk = len(_CJK.findall(text))
    return "zh" if cjk and cjk >= 0.2 * sum(not c.isspace() for c in text) else "en"


_LATIN = re.compile(r"[A-Za-z]")
CJK_WEIGHT = 2.0  # one Chinese character says about as much as two Latin letters
MIXED_SHARE = 0.25  # each script carries at least this share: a mixed-language message


def script_weights(text: str) -> dict[str, float]:
    """How much of ``text`` is Chinese and how much English (Latin letters; CJK weighted)."""
    return {"zh": CJK_WEIGHT * len(_CJK.findall(text)), "en": float(len(_LATIN.findall(text)))}


def is_mixed(text: str) -> bool:
    weights = script_weights(text)
    total = sum(weights.values())
    return total > 0 and min(weights.values()) >= MIXED_SHARE * total


def choose_lang(text: str, known: str | None = None) -> str:
    """The language to answer ``text`` in, chosen deliberately for mixed messages.

    One script: that language. Mixed ("Do you ship to Canada? 你们发加拿大吗"): the language the
    conversation is already in (``known``) when there is one, else the larger part, the part
    written first on a tie. ``guess_lang``'s 20 % rule would answer that example in Chinese.
    """
    if not is_mixed(text):
        weights = script_weights(text)
        if not any(weights.values()):
            return (known or "en")[:2]
        return "zh" if weights["zh"] > weights["en"] else "en"
    if known and known[:2] in ("en", "zh"):
        return known[:2]
    weights = script_weights(text)
    if weights["zh"] != weights["en"]:
        return "zh" if weights["zh"] > weights["en"] else "en"
    first_cjk = _CJK.search(text)
    first_latin = _LATIN.search(text)
    assert first_cjk is not None and first_latin is not None
    return "zh" if first_cjk.start() < first_latin.start() else "en"


def clean_text(text: str, max_chars: int = MAX_MESSAGE_CHARS) -> str:
    """NFC-normalise, drop control and bidi-override characters, cap the length."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE_CONTROLS.sub("", text)
    return text[:max_chars]


def preview(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance in characters (O(len(a)*len(b)) time, O(min) memory)."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# Bidirectional controls: they reorder what an agent sees (an id or label can be disguised).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def first_unsafe_char(value: str) -> str | None:
    """The first control character (NUL included: PostgreSQL cannot store it) or bidi control
    in ``value``: such a character may not be part of an id or a label. None when there is none."""
    import unicodedata

    return next((ch for ch in value if ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc"), None)
