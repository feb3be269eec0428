"""The intent engine interface, and a fake for tests and first start."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from assist.core.types import IntentPrediction, IntentScore


@runtime_checkable
class IntentEngine(Protocol):
    """Classifies customer messages. Blocking: call it from an executor, never the UI thread."""

    @property
    def version(self) -> str: ...

    @property
    def labels(self) -> Sequence[str]: ...

    def classify(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[IntentPrediction]:
        """One prediction per text (full ranking), optionally with the previous customer turn."""
        ...


class FakeIntentEngine:
    """Keyword rules: deterministic and instant. For tests and the UI before models exist."""

    def __init__(
        self,
        keywords: dict[str, Sequence[str]],
        *,
        version: str = "fake-intent-1",
        oos_threshold: float = 0.5,
    ) -> None:
        self._keywords = {label: [k.lower() for k in kws] for label, kws in keywords.items()}
        self._version = version
        self._oos_threshold = oos_threshold

    @property
    def version(self) -> str:
        return self._version

    @property
    def labels(self) -> Sequence[str]:
        return list(self._keywords)

    def classify(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[IntentPrediction]:
        out = []
        for text in texts:
            low = text.lower()
            hits = {label: sum(k in low for k in kws) for label, kws in self._keywords.items()}
            weights = {label: 1.0 + 4.0 * n for label, n in hits.items()}
            total = sum(weights.values())
            ranking = sorted(
                (IntentScore(label, w / total) for label, w in weights.items()),
                key=lambda s: (-s.probability, s.label),
            )
            out.append(
                IntentPrediction(
                    ranking=tuple(ranking),
                    out_of_scope=not any(hits.values()),
                    model_version=self._version,
                )
            )
        return out
