"""Problems from the Qt-free core (engine load errors, draft errors, reported exceptions) in the
UI language.

The core writes its problems in English for logs and the CLI ("drafts are retrieved only: no
draft model yet (train one with ...)"). The desk shows a translated summary of each known kind
and keeps the English original, with its technical details, for the tooltip. In a Chinese UI an
unknown English problem becomes a generic sentence rather than English text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from assist.ui.i18n import is_chinese

_CJK = re.compile(r"[\u3400-\u9fff]")

# the desk's own notes, in the core's style: English here, translated by :func:`problem_text`
DATABASE_ON_RESTART = "the new database URL applies when the desk restarts"
MODELS_OFF = "models are not loaded in this desk (--fake-engines): model settings apply when it starts without it"


def _known() -> list[tuple[str, str]]:
    """(English prefix as the core writes it, translated summary), most specific first."""
    return [
        ("drafts are retrieved only: ", ""),  # a prefix: the reason after it is what to translate
        (
            DATABASE_ON_RESTART,
            QCoreApplication.translate("Problems", "the new database URL applies when the desk restarts"),
        ),
        (
            MODELS_OFF,
            QCoreApplication.translate(
                "Problems", "models are not loaded in this desk (--fake-engines): model settings apply when it starts without it"
            ),
        ),
        (
            "draft model: ",  # the loader's reasons (no config.json, no weights, not a causal LM)
            QCoreApplication.translate("Problems", "the draft model did not load"),
        ),
        (
            "no draft model yet",
            QCoreApplication.translate("Problems", "no draft model yet: the first-run training is making one"),
        ),
        (
            "generation is turned off",
            QCoreApplication.translate("Problems", "text generation is turned off in the settings"),
        ),
        (
            "the remote generator needs remote_url",
            QCoreApplication.translate("Problems", "the remote generator has no URL in the settings"),
        ),
        (
            "unknown generator",
            QCoreApplication.translate("Problems", "the generator setting is not one Assist knows"),
        ),
        (
            "generator unavailable: ",
            QCoreApplication.translate("Problems", "the draft generator is unavailable"),
        ),
        (
            "generator failed",
            QCoreApplication.translate("Problems", "the draft generator failed"),
        ),
        (
            "draft model ",
            QCoreApplication.translate("Problems", "the draft model did not load"),
        ),
        (
            "demo shop unavailable",
            QCoreApplication.translate("Problems", "the demo shop cannot be read"),
        ),
        (
            "intent model not loaded",
            QCoreApplication.translate("Problems", "the intent model did not load"),
        ),
        (
            "no intent engine",
            QCoreApplication.translate("Problems", "no intent engine is available"),
        ),
        (
            "no trained intent model yet",
            QCoreApplication.translate("Problems", "no trained intent model yet: using the demo shop's quick matcher"),
        ),
        (
            "draft engine not loaded",
            QCoreApplication.translate("Problems", "the draft engine did not load: serving library drafts"),
        ),
        (
            "no draft engine",
            QCoreApplication.translate("Problems", "no draft engine is available"),
        ),
        (
            "A/B test",
            QCoreApplication.translate("Problems", "the A/B test is not running on this desk"),
        ),
        (
            "model registry unreadable",
            QCoreApplication.translate("Problems", "the model registry cannot be read"),
        ),
    ]


# What the desk says when it serves something other than the active version (rolled back to the
# instant engines, or a broken model replaced by the last good one): kind first, so no prefix fits.
_INSTANT = re.compile(r"^(intent|drafts): the instant demo engine is the active version")
_BROKEN = re.compile(r"^(intent|drafts) model \S+ is broken \(.*\); (serving the last good version (\S+)|no earlier good)")


def _kind_name(kind: str) -> str:
    if kind == "intent":
        return QCoreApplication.translate("Problems", "intent model")
    return QCoreApplication.translate("Problems", "draft model")


def _fallback_text(text: str) -> str | None:
    if m := _INSTANT.match(text):
        return QCoreApplication.translate(
            "Problems", "%1: the instant demo engine is in use (a supervisor rolled back to it)"
        ).replace("%1", _kind_name(m[1]))
    if m := _BROKEN.match(text):
        if m[3]:
            return (
                QCoreApplication.translate("Problems", "the active %1 is broken: serving the last good version %2")
                .replace("%1", _kind_name(m[1]))
                .replace("%2", m[3])
            )
        return QCoreApplication.translate(
            "Problems", "the active %1 is broken: serving the demo engines"
        ).replace("%1", _kind_name(m[1]))
    return None


def problem_text(raw: str) -> str:
    """``raw`` (an English problem, or text already translated) as the user should read it."""
    text = raw.strip()
    if not text or _CJK.search(text):
        where, sep, rest = text.partition(": ")
        return rest if sep and _CJK.search(rest) and not _CJK.search(where) else text
    if is_chinese() and (fallback := _fallback_text(text)):  # English: the original says it all
        return fallback
    for prefix, summary in _known():
        if text.startswith(prefix):
            if not summary:  # "drafts are retrieved only: <reason>"
                reason = problem_text(text[len(prefix) :])
                return QCoreApplication.translate("Problems", "drafts are retrieved only: %1").replace(
                    "%1", reason
                )
            return summary
    if not is_chinese():
        return text
    return QCoreApplication.translate("Problems", "a problem occurred (details in the tooltip)")
