"""The shipped translations are complete and load: every UI string has Simplified Chinese."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator

from assist.ui.resources import translations_dir


def test_zh_cn_translation_is_complete_and_compiled(qapp: object) -> None:
    ts = translations_dir() / "assist_zh_CN.ts"
    root = ET.parse(ts).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 100
    unfinished = [m.findtext("source") for m in messages if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    translator = QTranslator()
    assert translator.load("assist_zh_CN", str(translations_dir()))
    assert translator.translate("DraftsPanel", "Drafts") == "回复草稿"
    assert translator.translate("Composer", "edited %n character(s)", None, 3) == "修改了 %n 个字符"


def test_english_plural_forms(qapp: object) -> None:
    translator = QTranslator()
    assert translator.load("assist_en", str(translations_dir()))
    assert translator.translate("Composer", "edited %n character(s)", None, 1) == "edited %n character"
    assert translator.translate("Composer", "edited %n character(s)", None, 2) == "edited %n characters"
