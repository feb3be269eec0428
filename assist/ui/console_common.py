"""Shared pieces of the supervisor console: a table model over analytics tables, a
background runner, and CSV export.

Why a worker for every read: the console reads aggregates that can take a while on a big
database, and the desk's event loop must never wait on them. :class:`Background` runs a
function on a ``QThreadPool`` thread and delivers the result (or the error) to a callback
on the UI thread through a queued signal. Cells are always plain ``DisplayRole`` strings,
which Qt's item views never interpret as rich text, so customer text shows literally.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMessageBox, QTableView, QWidget

from assist.learning.tables import Table
from assist.ui.i18n import is_chinese
from assist.ui.labels import intent_title, source_title

log = logging.getLogger(__name__)
RATE_COLUMNS = ("rate", "ci_low", "ci_high", "correction_rate", "mean_confidence")


def column_labels() -> dict[str, str]:
    """Column headers as shown (translated); CSV exports keep the English column names."""
    return {
        "period": QCoreApplication.translate("ConsoleColumns", "period"),
        "intent": QCoreApplication.translate("ConsoleColumns", "intent"),
        "agent": QCoreApplication.translate("ConsoleColumns", "agent"),
        "model_version": QCoreApplication.translate("ConsoleColumns", "model version"),
        "source": QCoreApplication.translate("ConsoleColumns", "draft source"),
        "rank": QCoreApplication.translate("ConsoleColumns", "rank"),
        "day": QCoreApplication.translate("ConsoleColumns", "day"),
        "drafts_shown": QCoreApplication.translate("ConsoleColumns", "drafts shown"),
        "inserted": QCoreApplication.translate("ConsoleColumns", "inserted"),
        "dismissed": QCoreApplication.translate("ConsoleColumns", "dismissed"),
        "sent": QCoreApplication.translate("ConsoleColumns", "sent"),
        "sent_as_is": QCoreApplication.translate("ConsoleColumns", "sent as is"),
        "sent_light_edit": QCoreApplication.translate("ConsoleColumns", "sent, light edit"),
        "sent_heavy_edit": QCoreApplication.translate("ConsoleColumns", "sent, heavy edit"),
        "sent_typed": QCoreApplication.translate("ConsoleColumns", "sent, typed"),
        "ignored": QCoreApplication.translate("ConsoleColumns", "ignored"),
        "acceptance_rate": QCoreApplication.translate("ConsoleColumns", "acceptance rate"),
        "from_label": QCoreApplication.translate("ConsoleColumns", "predicted"),
        "to_label": QCoreApplication.translate("ConsoleColumns", "corrected to"),
        "count": QCoreApplication.translate("ConsoleColumns", "count"),
        "predictions": QCoreApplication.translate("ConsoleColumns", "predictions"),
        "mean_confidence": QCoreApplication.translate("ConsoleColumns", "mean confidence"),
        "low_confidence": QCoreApplication.translate("ConsoleColumns", "low confidence"),
        "corrected": QCoreApplication.translate("ConsoleColumns", "corrected"),
        "correction_rate": QCoreApplication.translate("ConsoleColumns", "correction rate"),
        "kind": QCoreApplication.translate("ConsoleColumns", "kind"),
        "n": QCoreApplication.translate("ConsoleColumns", "n"),
        "successes": QCoreApplication.translate("ConsoleColumns", "successes"),
        "rate": QCoreApplication.translate("ConsoleColumns", "rate"),
        "ci_low": QCoreApplication.translate("ConsoleColumns", "95% CI low"),
        "ci_high": QCoreApplication.translate("ConsoleColumns", "95% CI high"),
        "latency_p50_ms": QCoreApplication.translate("ConsoleColumns", "latency p50 (ms)"),
        "latency_p95_ms": QCoreApplication.translate("ConsoleColumns", "latency p95 (ms)"),
        "arm": QCoreApplication.translate("ConsoleColumns", "arm"),
        "from_draft": QCoreApplication.translate("ConsoleColumns", "from a draft"),
        "version": QCoreApplication.translate("ConsoleColumns", "version"),
        "status": QCoreApplication.translate("ConsoleColumns", "status"),
        "parent": QCoreApplication.translate("ConsoleColumns", "parent"),
        "data_hash": QCoreApplication.translate("ConsoleColumns", "data hash"),
        "comparison": QCoreApplication.translate("ConsoleColumns", "comparison"),
        "created": QCoreApplication.translate("ConsoleColumns", "created"),
        "promoted": QCoreApplication.translate("ConsoleColumns", "promoted"),
        "answered_with": QCoreApplication.translate("ConsoleColumns", "answered with"),
        "rated": QCoreApplication.translate("ConsoleColumns", "rated"),
        "mean_rating": QCoreApplication.translate("ConsoleColumns", "mean rating"),
        "rating_ci_low": QCoreApplication.translate("ConsoleColumns", "rating 95% CI low"),
        "rating_ci_high": QCoreApplication.translate("ConsoleColumns", "rating 95% CI high"),
        "satisfied_rate": QCoreApplication.translate("ConsoleColumns", "satisfied (4-5)"),
        "thumbs_up": QCoreApplication.translate("ConsoleColumns", "thumbs up"),
        "thumbs_down": QCoreApplication.translate("ConsoleColumns", "thumbs down"),
        "wrong_intent": QCoreApplication.translate("ConsoleColumns", "wrong intent"),
        "wrong_facts": QCoreApplication.translate("ConsoleColumns", "wrong facts"),
        "wrong_tone": QCoreApplication.translate("ConsoleColumns", "wrong tone"),
        "wrong_language": QCoreApplication.translate("ConsoleColumns", "wrong language"),
        "too_long": QCoreApplication.translate("ConsoleColumns", "too long"),
        # the Jobs list and the Audit trail
        "run": QCoreApplication.translate("ConsoleColumns", "run"),
        "job": QCoreApplication.translate("ConsoleColumns", "job"),
        "progress": QCoreApplication.translate("ConsoleColumns", "progress"),
        "message": QCoreApplication.translate("ConsoleColumns", "message"),
        "started": QCoreApplication.translate("ConsoleColumns", "started"),
        "finished": QCoreApplication.translate("ConsoleColumns", "finished"),
        "candidate": QCoreApplication.translate("ConsoleColumns", "candidate"),
        "log": QCoreApplication.translate("ConsoleColumns", "log"),
        "when": QCoreApplication.translate("ConsoleColumns", "when"),
        "action": QCoreApplication.translate("ConsoleColumns", "action"),
        "outcome": QCoreApplication.translate("ConsoleColumns", "outcome"),
        "actor": QCoreApplication.translate("ConsoleColumns", "actor"),
        "from_version": QCoreApplication.translate("ConsoleColumns", "from version"),
        "to_version": QCoreApplication.translate("ConsoleColumns", "to version"),
        "figures": QCoreApplication.translate("ConsoleColumns", "figures"),
        "reason": QCoreApplication.translate("ConsoleColumns", "reason"),
    }


def duration_text(seconds: float) -> str:
    """A rough duration for people: "40 s", "3 min", "2 h"."""
    if seconds < 60:
        return QCoreApplication.translate("Progress", "%1 s").replace("%1", str(max(1, round(seconds))))
    if seconds < 3600:
        return QCoreApplication.translate("Progress", "%1 min").replace("%1", str(round(seconds / 60)))
    return QCoreApplication.translate("Progress", "%1 h").replace("%1", f"{seconds / 3600:.1f}")


_STEP = re.compile(r"^(?:\[(?P<lang>[\w-]+)\]\s*)?(?P<stage>.*?)\s*(?P<count>\d+)/(?P<total>\d+)")


def _stage_names() -> dict[str, str]:
    return {  # most specific first
        # the warm-up before fine-tuning: many cheap steps on frozen features, a few % of the run
        "fine-tune (head)": QCoreApplication.translate("Progress", "fitting the classifier head"),
        "fine-tune": QCoreApplication.translate("Progress", "fine-tuning"),
        "pretrain": QCoreApplication.translate("Progress", "pretraining"),
        "encode": QCoreApplication.translate("Progress", "encoding"),
        "train drafts": QCoreApplication.translate("Progress", "training drafts"),
        "starting": QCoreApplication.translate("Progress", "starting"),
        "done": QCoreApplication.translate("Progress", "done"),
        "evaluating": QCoreApplication.translate("Progress", "evaluating on held-out data"),
    }


def training_step(message: str) -> str:
    """A training script's progress line in the UI language: '[en] fine-tune (full) 5/124 (loss 2.1)'
    -> 'en · fine-tuning · step 5/124'. Unknown wording keeps only what is language-neutral."""
    names = _stage_names()

    def stage(text: str) -> str:
        for key, name in names.items():
            if text.strip().lower().startswith(key):
                return name
        return ""

    match = _STEP.match(message.strip())
    if match is None:
        return stage(message)
    parts = [match["lang"] or "", stage(match["stage"])]
    step = QCoreApplication.translate("Progress", "step %1/%2")
    parts.append(step.replace("%1", match["count"]).replace("%2", match["total"]))
    return " · ".join(p for p in parts if p)


_RESUMED_AS = re.compile(r"^stopped without finishing \(the desk was killed\); resumed as run (\d+)$")


def job_message(message: str) -> str:
    """A job's latest message (the Jobs list) in the UI language where its wording is known: a
    training step, a finished or interrupted run; anything else (an error) as the job wrote it."""
    if m := _RESUMED_AS.match(message):
        return QCoreApplication.translate("Progress", "stopped without finishing (the desk was killed); resumed as run %1").replace("%1", m[1])
    return training_step(message) or value_names().get(message, message)


def progress_text(what: str, fraction: float, left_s: float | None) -> str:
    """'Training the intent model: fine-tune 5/124 · 4% · about 3 min left' (time left once known)."""
    fraction = min(1.0, max(0.0, fraction))
    parts = [what] if what else []
    parts.append(f"{fraction * 100:.0f}%")
    if left_s is not None and fraction < 1.0:
        parts.append(QCoreApplication.translate("Progress", "about %1 left").replace("%1", duration_text(left_s)))
    return " · ".join(parts)


class TimeLeft:
    """Time left from the recent rate of progress, not from the average since the start: a run's
    stages differ in cost per percent (the intent run's first 5 % encode the data and can take a
    minute), so the average since the start once said "about 1.5 h" for a few minutes' work.
    No estimate until the last ``window_s`` hold ``min_gain`` of progress over ``min_span_s``."""

    def __init__(self, window_s: float = 60.0, min_span_s: float = 10.0, min_gain: float = 0.02) -> None:
        self.window_s, self.min_span_s, self.min_gain = window_s, min_span_s, min_gain
        self._samples: list[tuple[float, float]] = []

    def update(self, fraction: float, now: float) -> float | None:
        if self._samples and fraction < self._samples[-1][1]:
            self._samples.clear()  # a new run, or a restart from a checkpoint
        self._samples.append((now, fraction))
        while len(self._samples) > 2 and now - self._samples[1][0] >= self.window_s:
            self._samples.pop(0)  # keep one sample at or before the window's start
        t0, f0 = self._samples[0]
        span, gain = now - t0, fraction - f0
        if span < self.min_span_s or gain < self.min_gain or fraction >= 1.0:
            return None
        return (1.0 - fraction) * span / gain


def column_label(column: str) -> str:
    return column_labels().get(column) or column.replace("_", " ")


INTENT_COLUMNS = ("intent", "from_label", "to_label", "top_intent")


def value_names() -> dict[str, str]:
    """Words the analytics put in cells (kinds, statuses, "all"), as shown; CSV keeps them raw."""
    return {
        "all": QCoreApplication.translate("ConsoleValues", "all"),
        "intent": QCoreApplication.translate("ConsoleValues", "intent"),
        "drafts": QCoreApplication.translate("ConsoleValues", "drafts"),
        "candidate": QCoreApplication.translate("ConsoleValues", "candidate"),
        "active": QCoreApplication.translate("ConsoleValues", "active"),
        "retired": QCoreApplication.translate("ConsoleValues", "retired"),
        "challenger": QCoreApplication.translate("ConsoleValues", "challenger"),
        "control": QCoreApplication.translate("ConsoleValues", "control"),
        "none": QCoreApplication.translate("ConsoleValues", "none"),
        "better": QCoreApplication.translate("ConsoleValues", "better"),
        "not better": QCoreApplication.translate("ConsoleValues", "not better"),
        "running": QCoreApplication.translate("ConsoleValues", "running"),
        "done": QCoreApplication.translate("ConsoleValues", "done"),
        "failed": QCoreApplication.translate("ConsoleValues", "failed"),
        "cancelled": QCoreApplication.translate("ConsoleValues", "cancelled"),
        "refused": QCoreApplication.translate("ConsoleValues", "refused"),
        "paused": QCoreApplication.translate("ConsoleValues", "paused"),
        "retrain": QCoreApplication.translate("ConsoleValues", "retrain"),
        "first run": QCoreApplication.translate("ConsoleValues", "first run"),
        "first run (resumed)": QCoreApplication.translate("ConsoleValues", "first run (resumed)"),
        "train": QCoreApplication.translate("ConsoleValues", "train"),
        "evaluate": QCoreApplication.translate("ConsoleValues", "evaluate"),
        "promote": QCoreApplication.translate("ConsoleValues", "promote"),
        "rollback": QCoreApplication.translate("ConsoleValues", "roll back"),
        "ab_start": QCoreApplication.translate("ConsoleValues", "A/B test started"),
        "ab_stop": QCoreApplication.translate("ConsoleValues", "A/B test stopped"),
        "fallback": QCoreApplication.translate("ConsoleValues", "fallback"),
        "desk": QCoreApplication.translate("ConsoleValues", "desk"),
        "worse": QCoreApplication.translate("ConsoleValues", "worse"),
        "cannot compare": QCoreApplication.translate("ConsoleValues", "cannot compare"),
        "no active model": QCoreApplication.translate("ConsoleValues", "no active model"),
    }


def display_cell(column: str, value: Any) -> str:
    """A cell as a person reads it: intent display names, draft-source names, translated words."""
    if isinstance(value, str):
        if column in INTENT_COLUMNS:
            return intent_title(value) if value else ""
        if column == "source":
            return source_title(value) if value != "all" else value_names()["all"]
        if column == "message" and value and is_chinese():
            return job_message(value)
        return value_names().get(value, value)
    return format_cell(column, value)


def size_columns(view: QTableView) -> None:
    """Every column as wide as its header and content (no clipped headers), the last one too: a
    stretched last column put its figures a screen away from their header. No row numbers."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    view.verticalHeader().setVisible(False)
    header.setMinimumSectionSize(48)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)


class LiveRefresh(QObject):
    """Re-reads the figures every ``interval_ms`` while the widget is visible (no Refresh needed);
    ``busy()`` skips a tick while a read is still running."""

    def __init__(
        self, widget: QWidget, refresh: Callable[[], None], busy: Callable[[], bool], interval_ms: int = 5000
    ) -> None:
        super().__init__(widget)
        self.widget, self.refresh, self.busy = widget, refresh, busy
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        if self.widget.isVisible() and not self.busy():
            self.refresh()


def format_cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        if column.endswith("rate") or column in RATE_COLUMNS:
            return f"{value * 100:.1f}%"
        if column.endswith("_ms"):
            return f"{value:.0f}"
        return f"{value:.3g}"
    return str(value)


class TableModel(QAbstractTableModel):
    """A read-only Qt model over a :class:`assist.learning.tables.Table`."""

    def __init__(self, table: Table | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = table or Table("", ())

    def set_table(self, table: Table) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        column = self.table.columns[index.column()]
        value = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_cell(column, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            n = len(self.table.drill(index.row(), column))
            if n:
                return self.tr("double-click: %n example conversation(s)", "", n)
            shown = display_cell(column, value)
            return str(value) if isinstance(value, str) and shown != value else None
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.table.columns):
            return column_label(self.table.columns[section])
        return str(section + 1)

    def examples(self, index: QModelIndex) -> tuple[str, ...]:
        if not index.isValid():
            return ()
        return self.table.drill(index.row(), self.table.columns[index.column()])


class _Relay(QObject):
    done = Signal(object, object)  # (result, error)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:
            log.exception("console background task failed")
            self.relay.done.emit(None, exc)
            return
        self.relay.done.emit(result, None)


def _alive(obj: Any) -> bool:
    """False for a deleted Qt object, or a method bound to one (a late result has nowhere to go)."""
    target = getattr(obj, "__self__", obj)
    return not isinstance(target, QObject) or shiboken6.isValid(target)


class Background(QObject):
    """Runs blocking work off the UI thread; ``pending`` counts tasks not yet delivered."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool(self)
        self.pool.setMaxThreadCount(max(self.pool.maxThreadCount(), 2))
        self.pending = 0
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """``owner``: the widget the callbacks draw on; nothing is delivered once it is deleted."""
        relay = _Relay()
        self._relays.add(relay)
        self.pending += 1

        def deliver(result: Any, error: BaseException | None) -> None:
            self.pending -= 1
            self._relays.discard(relay)
            if not all(_alive(o) for o in (self, owner, on_done, on_error)):
                return  # the console (or the dialog that asked) was closed and deleted meanwhile
            if error is not None:
                if on_error is not None:
                    on_error(error)
                return
            on_done(result)

        relay.done.connect(deliver, Qt.ConnectionType.QueuedConnection)
        self.pool.start(_Task(fn, relay))


def export_csv(parent: QWidget, table: Table, path: str | None = None) -> str | None:
    """Write ``table`` as CSV (asks for a file name when ``path`` is None); returns the path."""
    if path is None:
        suggested = table.name.replace(" ", "_") + ".csv"
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("ConsoleExport", "Export table as CSV"),
            suggested,
            QCoreApplication.translate("ConsoleExport", "CSV files (*.csv)"),
        )
        if not path:
            return None
    try:
        table.to_csv(path)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("ConsoleExport", "Export failed"),
            QCoreApplication.translate("ConsoleExport", "Cannot write %1: %2")
            .replace("%1", str(path))
            .replace("%2", str(exc)),
        )
        return None
    return path
