"""Display names for intents and draft sources, in the UI language."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication

from assist.ui.i18n import is_chinese


@functools.cache
def _titles() -> dict[str, tuple[str, str]]:
    try:
        from assist.data.demo_shop import load_demo_shop

        return {i.name: (i.title_en, i.title_zh) for i in load_demo_shop().intents}
    except Exception:  # noqa: BLE001 - titles are cosmetic: fall back to the raw label
        return {}


def intent_title(label: str | None) -> str:
    """'order_status' -> 'Order status' / '订单状态' (known intents), else a readable label."""
    if not label:
        return QCoreApplication.translate("Labels", "No intent")
    titles = _titles().get(label)
    if titles is not None:
        return titles[1] if is_chinese() else titles[0]
    text = label.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def source_title(source: str) -> str:
    names = {
        "library": QCoreApplication.translate("Labels", "Library"),
        "retrieved": QCoreApplication.translate("Labels", "Retrieved"),
        "generated": QCoreApplication.translate("Labels", "Generated"),
    }
    return names.get(source, source)


def waiting_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("Labels", "%n s", "", int(seconds))
    if seconds < 3600:
        return QCoreApplication.translate("Labels", "%n min", "", int(seconds // 60))
    return QCoreApplication.translate("Labels", "%n h", "", int(seconds // 3600))
