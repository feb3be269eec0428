"""The console's Models tab: registry versions, promote / roll back, and the retrain button.

A retrain runs :class:`assist.learning.jobs.RetrainJob`, whose training is a separate
process; this panel drives it from a background thread with its own small asyncio loop
(so it works in the qasync desk and in a plain Qt app alike), streams progress and log
lines into the panel through queued signals, and can cancel it. A retrain short of data is
refused before it trains, and the panel says what is missing. When the job ends the
candidate-vs-active comparison is shown (n, both scores, the interval, the verdict).

Promote opens :class:`assist.ui.promote_dialog.PromoteDialog` with the comparison; a
candidate not shown to be better needs the override and a reason. Roll back returns to the
previous version or to any version chosen (the first-run default, the instant demo
engines). Below: the retrain log, every job (the first run too) with its live progress, and
the audit trail (:mod:`assist.ui.console_trail`), each exported to CSV like the other tables.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assist.learning.audit import default_actor
from assist.learning.compare import describe
from assist.learning.jobs import JobResult, NotEnoughData, RetrainJob, TrainingLaunch
from assist.learning.promotion import Review, promote, review
from assist.learning.registry import ModelVersionInfo, Registry
from assist.learning.sufficiency import DataRequirements
from assist.learning.tables import Table
from assist.ui.console_common import (
    Background,
    TableModel,
    TimeLeft,
    progress_text,
    size_columns,
    training_step,
)
from assist.ui.console_trail import TrailPanel
from assist.ui.i18n import is_chinese
from assist.ui.labels import intent_title
from assist.ui.promote_dialog import PromoteDialog

KINDS = ("intent", "drafts")
VERSION_COLUMNS = ("version", "kind", "status", "parent", "data_hash", "comparison", "created", "promoted")


def versions_table(infos: list[ModelVersionInfo]) -> Table:
    rows = []
    for i in infos:
        c = i.metrics.get("comparison") or {}
        comparison = describe(c) if c else ""
        rows.append(
            (
                i.version,
                i.kind,
                i.status,
                i.parent_version or "",
                (i.data_hash or "")[:12],
                comparison,
                i.created_at.strftime("%Y-%m-%d %H:%M") if i.created_at else "",
                i.promoted_at.strftime("%Y-%m-%d %H:%M") if i.promoted_at else "",
            )
        )
    return Table("model versions", VERSION_COLUMNS, rows)


class _JobSignals(QObject):
    progress = Signal(float, str)
    log_line = Signal(str)
    finished = Signal(object, object)  # (JobResult | None, error | None)


class ModelsPanel(QWidget):
    def __init__(
        self, database: Any, settings: Any, background: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.settings = settings
        self.background = background
        self.registry = Registry(database, Path(settings.models_dir))
        self.job: RetrainJob | None = None
        self._job_loop: asyncio.AbstractEventLoop | None = None
        self.last_result: JobResult | None = None
        self.promote_dialog: PromoteDialog | None = None
        self.refused: str | None = None  # the last refusal shown (not enough data, promotion refused)
        self.signals = _JobSignals()
        self.signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.log_line.connect(self._on_log, Qt.ConnectionType.QueuedConnection)
        self.signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

        self.model = TableModel(parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.promote_button = QPushButton()
        self.promote_button.clicked.connect(self.promote_selected)
        self.ab_start_button = QPushButton()
        self.ab_start_button.clicked.connect(self.start_ab_selected)
        self.ab_stop_button = QPushButton()
        self.ab_stop_button.clicked.connect(self.stop_ab)
        self.rollback_kind = QComboBox()
        for kind in KINDS:
            self.rollback_kind.addItem(kind, kind)
        self.rollback_to = QComboBox()  # "the previous version" or any version of the kind
        self.rollback_to.setMinimumContentsLength(24)
        self.rollback_kind.currentIndexChanged.connect(lambda _i: self._fill_rollback_targets())
        self.rollback_button = QPushButton()
        self.rollback_button.clicked.connect(
            lambda: self.rollback(str(self.rollback_kind.currentData()), self.rollback_to.currentData())
        )
        self.kind_label = QLabel()
        registry_row = QHBoxLayout()
        registry_row.addWidget(self.promote_button)
        registry_row.addWidget(self.ab_start_button)
        registry_row.addWidget(self.ab_stop_button)
        registry_row.addStretch(1)
        registry_row.addWidget(self.kind_label)
        registry_row.addWidget(self.rollback_kind)
        registry_row.addWidget(self.rollback_to)
        registry_row.addWidget(self.rollback_button)

        self.retrain_kind = QComboBox()
        for kind in KINDS:
            self.retrain_kind.addItem(kind, kind)
        self.fast = QCheckBox()
        self.fast.setChecked(True)
        self.retrain_button = QPushButton()
        self.retrain_button.clicked.connect(lambda: self.start_retrain(str(self.retrain_kind.currentData())))
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_retrain)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)  # a 6 px strip: the text goes in the status line below
        self._time_left = TimeLeft()
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.refusal = QLabel("")  # a refused retrain or promotion, in plain words
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #b00020; font-weight: bold;")
        self.refusal.setVisible(False)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.trail = TrailPanel(database, background, self.log)
        retrain_row = QHBoxLayout()
        for w in (self.retrain_kind, self.fast, self.retrain_button, self.cancel_button):
            retrain_row.addWidget(w)
        retrain_row.addStretch(1)

        self.title = title = QLabel()
        title.setTextFormat(Qt.TextFormat.PlainText)
        size_columns(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 2)
        layout.addLayout(registry_row)
        layout.addLayout(retrain_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.refusal)
        layout.addWidget(self.trail, 2)
        self.retranslate()

    def kind_name(self, kind: str) -> str:
        return {"intent": self.tr("intent"), "drafts": self.tr("drafts")}.get(kind, kind)

    def retranslate(self) -> None:
        self.promote_button.setText(self.tr("Promote selected"))
        self.ab_start_button.setText(self.tr("A/B test selected"))
        self.ab_start_button.setToolTip(
            self.tr("New conversations get the active version or the selected one at random; compare them in the A/B table")
        )
        self.ab_stop_button.setText(self.tr("Stop A/B test"))
        self.rollback_button.setText(self.tr("Roll back"))
        self.rollback_button.setToolTip(self.tr("Return to the chosen version (default: the one active before)"))
        self._fill_rollback_targets()
        self.kind_label.setText(self.tr("Kind:"))
        for combo in (self.rollback_kind, self.retrain_kind):
            for i in range(combo.count()):
                combo.setItemText(i, self.kind_name(str(combo.itemData(i))))
        self.fast.setText(self.tr("Fast (head-only intent / short draft fine-tune)"))
        self.retrain_button.setText(self.tr("Retrain from logged data"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.title.setText(
            self.tr("Model registry (one active version per kind; desks switch without restart)")
        )
        if self.model.columnCount():
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ registry
    def refresh(self) -> None:
        self.background.run(lambda: self.registry.list(), self._show_versions, self._show_error)
        self.trail.refresh()

    def _show_versions(self, infos: list[ModelVersionInfo]) -> None:
        self.versions = infos
        self.model.set_table(versions_table(infos))
        self._fill_rollback_targets()

    def _fill_rollback_targets(self) -> None:
        kind = str(self.rollback_kind.currentData())
        keep = self.rollback_to.currentData()
        self.rollback_to.blockSignals(True)
        self.rollback_to.clear()
        self.rollback_to.addItem(self.tr("the previous version"), None)
        for info in getattr(self, "versions", []):
            if info.kind != kind or info.status == "active":
                continue
            label = info.version
            if info.version.startswith("instant-"):
                label = self.tr("%1 (instant demo engines)").replace("%1", info.version)
            elif info.metrics.get("origin") == "first-run":
                label = self.tr("%1 (first-run default)").replace("%1", info.version)
            self.rollback_to.addItem(label, info.version)
        if kind in KINDS and not any(
            i.version == f"instant-{kind}" for i in getattr(self, "versions", [])
        ):
            self.rollback_to.addItem(self.tr("instant-%1 (instant demo engines)").replace("%1", kind), f"instant-{kind}")
        index = self.rollback_to.findData(keep)
        self.rollback_to.setCurrentIndex(max(0, index))
        self.rollback_to.blockSignals(False)

    def selected_version(self) -> str | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        return str(self.model.table.rows[rows[0].row()][0])

    def promote_selected(self) -> None:
        version = self.selected_version()
        if version:
            self.open_promote(version)

    def start_ab_selected(self) -> None:
        version = self.selected_version()
        if version:
            self.start_ab(version)

    def _on_version(self, action: Callable[[str], ModelVersionInfo], version: str, done: str) -> None:
        """Run a registry action on ``version`` off the UI thread; ``done`` (with %1) on success."""
        self.background.run(
            lambda: action(version), lambda info: self._changed(done.replace("%1", info.version)), self._show_error
        )

    def open_promote(self, version: str) -> None:
        """Show the comparison of ``version`` with the active model and ask (the button flow)."""
        self.background.run(lambda: review(self.registry, version), self._ask_promote, self._show_error)

    def _ask_promote(self, r: Review) -> None:
        dialog = PromoteDialog(r, self)
        self.promote_dialog = dialog

        def accepted() -> None:
            self.promote(r.version, force=dialog.forced, reason=dialog.reason_text)

        dialog.accepted.connect(accepted)
        dialog.open()

    def promote(self, version: str, *, force: bool = False, reason: str = "") -> None:
        """The guarded promotion (refused when not better, unless ``force`` with a ``reason``)."""
        self.background.run(
            lambda: promote(self.registry, version, force=force, reason=reason, actor=default_actor()),
            lambda info: self._changed(self.tr("promoted %1").replace("%1", info.version)),
            self._show_refusal,
        )

    def start_ab(self, version: str) -> None:
        """Start an A/B test of ``version`` against its kind's active version (every desk follows)."""
        done = self.tr("A/B test started: new conversations get the active version or %1")
        self._on_version(self.registry.start_ab, version, done)

    def stop_ab(self) -> None:
        def stopped(info: ModelVersionInfo | None) -> None:
            if info is None:
                self._changed(self.tr("no A/B test was running"))
            else:
                self._changed(self.tr("A/B test of %1 stopped: everyone gets the active version").replace("%1", info.version))

        self.background.run(self.registry.stop_ab, stopped, self._show_error)

    def rollback(self, kind: str, to_version: str | None = None) -> None:
        self.background.run(
            lambda: self.registry.rollback(kind, to_version, actor=default_actor()),
            lambda info: self._changed(
                self.tr("%1 rolled back to %2")
                .replace("%1", self.kind_name(kind))
                .replace("%2", info.version)
            ),
            self._show_error,
        )

    def _changed(self, message: str) -> None:
        self.status.setText(message)
        self.show_refusal(None)
        self.refresh()

    def show_refusal(self, text: str | None) -> None:
        self.refused = text
        self.refusal.setText(text or "")
        self.refusal.setVisible(bool(text))

    def _show_refusal(self, exc: BaseException) -> None:
        from assist.learning.jobs import JobError

        if isinstance(exc, JobError):
            self.status.setText(self.tr("nothing changed"))
            self.show_refusal(str(exc))
            self.refresh()  # the refusal is in the audit trail
        else:
            self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        self.status.setText(self.tr("error: %1").replace("%1", str(exc)))

    # ------------------------------------------------------------------ retrain
    @property
    def running(self) -> bool:
        return self.job is not None

    def start_retrain(self, kind: str, params: dict[str, Any] | None = None) -> None:
        if self.job is not None:
            return
        if params is None:
            params = (
                ({"mode": "head"} if kind == "intent" else {"max_steps": 60, "epochs": 1.0})
                if self.fast.isChecked()
                else {}
            )
        self.job = RetrainJob(
            kind,
            self.database,
            self.registry,
            Path(self.settings.data_dir),
            params=params,
            launch=TrainingLaunch.from_settings(self.settings),
            requirements=DataRequirements.from_settings(self.settings),
            actor=default_actor(),
        )
        self.show_refusal(None)
        self.retrain_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self._time_left = TimeLeft()
        self.log.clear()
        self.status.setText(
            self.tr("retraining %1 in a separate process…").replace("%1", self.kind_name(kind))
        )
        job, signals = self.job, self.signals

        def thread_main() -> None:
            loop = asyncio.new_event_loop()
            self._job_loop = loop
            try:
                result = loop.run_until_complete(job.run(signals.progress.emit, signals.log_line.emit))
                signals.finished.emit(result, None)
            except BaseException as exc:  # noqa: BLE001 - shown in the panel
                signals.finished.emit(None, exc)
            finally:
                loop.close()
                self._job_loop = None

        threading.Thread(target=thread_main, name="assist-console-retrain", daemon=True).start()

    def cancel_retrain(self) -> None:
        job, loop = self.job, self._job_loop
        if job is None:
            return
        self.status.setText(self.tr("cancelling…"))
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(job.cancel)
        else:
            job.cancel()

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        left = self._time_left.update(fraction, time.monotonic())
        self.status.setText(progress_text(training_step(message), fraction, left))
        self.status.setToolTip(message)

    def _on_log(self, line: str) -> None:
        self.log.appendPlainText(line)

    def _on_finished(self, result: JobResult | None, error: BaseException | None) -> None:
        self.job = None
        self.retrain_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if isinstance(error, NotEnoughData):
            self.progress.setValue(0)
            self.status.setText(self.tr("not retrained: nothing was trained and nothing changed for the agents"))
            self.show_refusal(self.not_enough_text(error))
            self.refresh()
            return
        if error is not None or result is None:
            self.status.setText(self.tr("retrain did not finish: %1").replace("%1", str(error)))
            self.refresh()
            return
        self.last_result = result
        self.progress.setValue(1000)
        text = self.tr("candidate %1: %2. Select it and press Promote to use it.")
        self.status.setText(text.replace("%1", result.candidate.version).replace("%2", describe(result.comparison)))
        self.refresh()

    def not_enough_text(self, error: NotEnoughData) -> str:
        """A refused retrain in the UI language (the core's English sentence, with its figures,
        is what the audit trail, the log and the CLI keep)."""
        if not is_chinese():
            return str(error)
        counts, req = error.counts, DataRequirements.from_settings(self.settings)
        if "pairs" in counts:
            n = int(counts["pairs"])
            return (
                self.tr("Not enough data to retrain the draft model: %1 reply pairs; need at least %2. Missing: %3 more replies sent by agents")
                .replace("%1", str(n)).replace("%2", str(req.min_pairs)).replace("%3", str(max(0, req.min_pairs - n)))
            )
        if "examples" not in counts:
            return str(error)
        n, per = int(counts["examples"]), dict(counts.get("per_intent") or {})
        missing = []
        if n < req.min_examples:
            missing.append(self.tr("%1 more examples").replace("%1", str(req.min_examples - n)))
        if len(per) < 2:
            missing.append(self.tr("examples of at least 2 intents"))
        short = sorted((int(k), label) for label, k in per.items() if int(k) < req.min_per_intent)
        if short:
            listed = ", ".join(f"{intent_title(label)} {k}" for k, label in short[:8]) + (" …" if len(short) > 8 else "")
            missing.append(
                self.tr("more examples of %1 intents (%2)").replace("%1", str(len(short))).replace("%2", listed)
            )
        return (
            self.tr("Not enough data to retrain the intent model: %1 examples in %2 intents; need at least %3 and %4 per intent. Missing: %5")
            .replace("%1", str(n)).replace("%2", str(len(per)))
            .replace("%3", str(req.min_examples)).replace("%4", str(req.min_per_intent))
            .replace("%5", self.tr("; ").join(missing))
        )

    def export_table(self, name: str, path: str) -> str | None:
        """Export the jobs list (``"jobs"``) or the audit trail (``"audit"``) to ``path``."""
        return self.trail.export_table(name, path)
