"""A bilingual model: one intent model per language, chosen per message.

A routed directory holds ``router.json`` (``{"en": "en", "zh": "zh"}``: language -> subdir,
optionally ``"default"``) and one intent model per subdir, all with the same intents. This is
how one shop is served in two languages when no single encoder covers both well: MiniLM for
English, the from-scratch Chinese BERT for Chinese. The language is guessed per message with
:func:`assist.core.text.guess_lang`, so a batch may mix both.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from assist.core.text import guess_lang
from assist.core.types import IntentPrediction
from assist.intent.base import IntentEngine

log = logging.getLogger(__name__)


class RoutedIntentEngine:
    def __init__(
        self, engines: Mapping[str, IntentEngine], *, default: str, version: str | None = None
    ) -> None:
        if default not in engines:
            raise ValueError(f"default language {default!r} has no engine")
        self._engines = dict(engines)
        self._default = default
        labels: list[str] = []
        for lang, engine in self._engines.items():
            if labels and set(engine.labels) != set(labels):
                log.warning("routed model: %s intents differ from the others", lang)
            labels.extend(label for label in engine.labels if label not in labels)
        self._labels = labels
        self._version = version or "+".join(f"{lang}:{e.version}" for lang, e in self._engines.items())

    @property
    def version(self) -> str:
        return self._version

    @property
    def labels(self) -> Sequence[str]:
        return self._labels

    @property
    def engines(self) -> Mapping[str, IntentEngine]:
        return self._engines

    def route(self, text: str) -> str:
        lang = guess_lang(text or "")
        return lang if lang in self._engines else self._default

    def classify(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[IntentPrediction]:
        """Groups the batch by language, runs each group as one batch, restores input order."""
        groups: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            groups.setdefault(self.route(text), []).append(i)
        out: list[IntentPrediction | None] = [None] * len(texts)
        for lang, idx in groups.items():
            ctx = [contexts[i] for i in idx] if contexts is not None else None
            preds = self._engines[lang].classify([texts[i] for i in idx], ctx)
            for i, pred in zip(idx, preds, strict=True):
                out[i] = pred
        return [p for p in out if p is not None]
