"""The status bar: models, device, ingest address, outbox backlog, storage, latency, problems.

Everything here is text the agent (or whoever supports them) can act on: which model is in
use and why not the trained one, whether replies are stuck in the outbox, whether the
database is writable, how fast suggestions arrive.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QStatusBar, QWidget

from assist.drafts.engine import RETRIEVAL_VERSION
from assist.ui.console_common import TimeLeft, progress_text
from assist.ui.elided import ElidedLabel
from assist.ui.problems import problem_text


def _label(name: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def _fit(label: QLabel, text: str) -> int:
    """The width that shows ``text`` whole in ``label``, its padding (the stylesheet's 8 px a side) included."""
    margins = label.contentsMargins()
    return label.fontMetrics().horizontalAdvance(text) + max(margins.left() + margins.right(), 16) + 4


def _shrinking(name: str = "", widest: int = 480) -> ElidedLabel:
    """A permanent label that shows its whole text when there is room and elides when there is
    not (a composite model version is 80 characters): the bar never widens the window."""
    label = ElidedLabel(name, widest=widest)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    return label


def _generator_part(drafts_version: str | None) -> str | None:
    """``retrieval-minilm-l6+drafts-20261207-1310`` as ``drafts-20261207-1310``: every draft
    engine retrieves with the same embedder, so the bar names the generator (the tooltip has it all)."""
    return drafts_version.removeprefix(f"{RETRIEVAL_VERSION}+") if drafts_version else drafts_version


class DeskStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.message = _shrinking("StatusProblem")  # a standing problem gets its share of the bar
        self.models = _shrinking(widest=360)
        self.device = _label()
        self.ingest = _label()  # short: always whole
        self.outbox = _shrinking(widest=400)  # whole, down to "Outbox: n waiting" (reasons in the tooltip)
        self.storage = _label()
        self.latency = _shrinking(widest=260)
        # the bar is a thin strip (the stylesheet makes bars 6 px high): its text goes beside it
        self.training = QProgressBar()
        self.training.setFixedWidth(90)
        self.training.setRange(0, 100)
        self.training.setTextVisible(False)
        self.training.setVisible(False)
        self.training_text = _shrinking("TrainingText", widest=520)
        self.training_text.setVisible(False)
        self._time_left = TimeLeft()
        self.addWidget(self.message, 1)
        for widget in (
            self.training_text,
            self.training,
            self.models,
            self.device,
            self.ingest,
            self.outbox,
            self.storage,
            self.latency,
        ):
            self.addPermanentWidget(widget)
        self._intent_version: str | None = None
        self._drafts_version: str | None = None
        self._device = "cpu"
        self._ingest: str | None = None
        self._ingest_problem: str | None = None
        self._outbox: int | None = None
        self._outbox_problem: str | None = None
        self._outbox_failed = 0
        self._outbox_refusal: str | None = None
        self._storage_error: str | None = None
        self._latency: dict[str, float] = {}
        self.problems: list[str] = []
        self.retranslate()

    # ---------------------------------------------------------------- setters
    def set_models(self, intent_version: str | None, drafts_version: str | None) -> None:
        self._intent_version, self._drafts_version = intent_version, drafts_version
        self._render()

    def set_device(self, device: str) -> None:
        self._device = device
        self._render()

    def set_ingest(self, address: str | None, problem: str | None = None) -> None:
        self._ingest, self._ingest_problem = address, problem
        self._render()

    def set_outbox(
        self, pending: int | None, problem: str | None = None, failed: int = 0, refusal: str | None = None
    ) -> None:
        """``failed`` replies were refused for good (``refusal``: the receiver's last answer)."""
        self._outbox, self._outbox_problem = pending, problem
        self._outbox_failed, self._outbox_refusal = failed, refusal
        self._render()

    def set_storage(self, error: str | None) -> None:
        self._storage_error = error
        self._render()

    def set_latency(self, name: str, ms: float) -> None:
        self._latency[name] = ms
        self._render()

    def set_problems(self, problems: list[str]) -> None:
        """Standing problems (e.g. a model that failed to load): shown until replaced."""
        self.problems = list(problems)
        self._show_problems()

    def _show_problems(self) -> None:
        self.message.setText(" · ".join(problem_text(p) for p in self.problems))
        self.message.setToolTip("\n".join(self.problems))  # the original, with its details

    def show_error(self, text: str) -> None:
        """A transient error from the one error handler; standing problems come back after it."""
        self.message.setText(problem_text(text))
        self.message.setToolTip(text)

    def set_training(self, percent: int | None, text: str = "", *, now: float | None = None) -> None:
        """Training progress: ``text`` (what and which step) is shown beside the bar with the
        percentage and the time left estimated from the time since the first report."""
        shown = percent is not None
        self.training.setVisible(shown)
        self.training_text.setVisible(shown)
        if percent is None:
            self._time_left = TimeLeft()
            return
        now = time.monotonic() if now is None else now
        self.training.setValue(percent)
        line = progress_text(text, percent / 100.0, self._time_left.update(percent / 100.0, now))
        self.training_text.setText(line)
        # readable first (what, which step, time left), within a bound that keeps the window on
        # a 1280 screen with everything else in the bar; the rest shrinks around it
        self.training_text.setMinimumWidth(min(_fit(self.training_text, line), self.training_text.widest))
        self.training_text.setToolTip(line)
        self.training.setToolTip(line)

    # ---------------------------------------------------------------- render
    def _render(self) -> None:
        text = self.tr("Intents %1 · Drafts %2").replace("%1", self._intent_version or self.tr("none"))
        self.models.setText(text.replace("%2", _generator_part(self._drafts_version) or self.tr("none")))
        self.models.setToolTip(text.replace("%2", self._drafts_version or self.tr("none")))
        self.device.setText(self._device.upper())
        self.ingest.setText(
            self.tr("Ingest %1").replace("%1", self._ingest) if self._ingest else self.tr("Ingest off")
        )
        # listening with a problem: a new address that failed, the old one kept (the reason under it)
        self.ingest.setToolTip("\n".join(t for t in (self._ingest, self._ingest_problem) if t))
        self.ingest.setObjectName("StatusProblem" if self._ingest_problem else "")
        if self._outbox is None:
            self.outbox.setText("")
        elif self._outbox_problem:
            self.outbox.setText(self.tr("Outbox: %n waiting (webhook down)", "", self._outbox))
            self.outbox.setToolTip(self._outbox_problem)
        else:
            self.outbox.setText(self.tr("Outbox: %n waiting", "", self._outbox))
            self.outbox.setToolTip("")
        if self._outbox is not None and self._outbox_failed:
            refused = self.tr("%n not delivered", "", self._outbox_failed)
            self.outbox.setText(f"{self.outbox.text()} · {refused}")
            tip = self.tr("Refused by the receiver, not retried: %1").replace("%1", self._outbox_refusal or "")
            self.outbox.setToolTip("\n".join(t for t in (self.outbox.toolTip(), tip) if t))
        if not self.outbox.toolTip():
            self.outbox.setToolTip(self.outbox.text())
        count = self.outbox.text().split(" (")[0].split(" · ")[0]
        self.outbox.setMinimumWidth(_fit(self.outbox, count) if count else 0)
        problem = self._outbox_problem or self._outbox_failed
        self.outbox.setObjectName("StatusProblem" if problem else "")
        self.storage.setText(
            self.tr("Storage: %1").replace("%1", self.tr("problem"))
            if self._storage_error
            else self.tr("Storage: OK")
        )
        self.storage.setToolTip(self._storage_error or "")
        self.storage.setObjectName("StatusProblem" if self._storage_error else "StatusOk")
        for label in (self.ingest, self.outbox, self.storage):
            label.style().unpolish(label)
            label.style().polish(label)
        intents = self._latency.get("intents")
        first = self._latency.get("first_draft")
        figures = [f"{ms:.0f}" if ms is not None else "–" for ms in (intents, first)]
        if intents is None and first is None:
            self.latency.setText("")
        else:
            self.latency.setText(
                self.tr("Intents %1 ms · first draft %2 ms").replace("%1", figures[0]).replace("%2", figures[1])
            )
        self.latency.setToolTip(self.latency.text())
        # where the bar is short of room, the figures alone, whole (a review saw "首条草稿 7…")
        self.latency.short = f"{figures[0]} · {figures[1]} ms"
        self.latency.setMinimumWidth(_fit(self.latency, self.latency.short) if self.latency.text() else 0)

    def retranslate(self) -> None:
        self._render()
        if self.problems:
            self._show_problems()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
