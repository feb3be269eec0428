"""The errors a learning-loop job raises (here so that checks and jobs share them)."""

from __future__ import annotations

from typing import Any

from assist.core.errors import AssistError


class JobError(AssistError):
    pass


class JobCancelled(JobError):
    pass


class NotEnoughData(JobError):
    """A retrain refused before training: the message says what is missing."""

    def __init__(self, message: str, counts: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.counts = dict(counts or {})


class PromotionRefused(JobError):
    """Promoting a candidate that is not better needs an explicit override with a reason."""
