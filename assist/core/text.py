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
