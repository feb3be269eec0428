"""Drill-down: the example conversations behind a figure, each readable as a transcript.

The transcript is a read-only ``QPlainTextEdit``: customer text (which may contain HTML,
Qt rich text or ``javascript:`` links) is shown character for character, never rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assist.learning.analytics import TranscriptLine, transcript


def format_transcript(lines: Sequence[TranscriptLine]) -> str:
    out = []
    for line in lines:
        who = (
            QCoreApplication.translate("DrillDialog", "Customer")
            if line.role == "customer"
            else QCoreApplication.translate("DrillDialog", "Agent %1").replace("%1", line.agent or "").strip()
        )
        when = line.ts.strftime("%Y-%m-%d %H:%M") if hasattr(line.ts, "strftime") else str(line.ts)
        out.append(f"[{when}] {who}:\n{line.text}\n")
    return "\n".join(out)


class DrillDialog(QDialog):
    """Lists conversation ids; selecting one loads its transcript in the background."""

    def __init__(
        self,
        title: str,
        conversation_ids: Sequence[str],
        database: Any,
        run_in_background: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.resize(760, 480)
        self.database = database
        self._run = run_in_background
        header = QLabel(title)
        header.setTextFormat(Qt.TextFormat.PlainText)
        self.ids = QListWidget()
        self.ids.addItems(list(conversation_ids))
        self.ids.currentTextChanged.connect(self.show_conversation)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setObjectName("transcript")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.ids, 1)
        body.addWidget(self.text, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.retranslate()
        if conversation_ids:
            self.ids.setCurrentRow(0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Example conversations"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_conversation(self, conversation_id: str) -> None:
        if not conversation_id:
            return
        self.text.setPlainText(self.tr("loading…"))

        def read() -> str:
            with self.database.read() as session:
                return format_transcript(transcript(session, conversation_id))

        def shown(text: str) -> None:
            if self.ids.currentItem() is not None and self.ids.currentItem().text() == conversation_id:
                self.text.setPlainText(text)

        self._run(
            read,
            shown,
            lambda exc: self.text.setPlainText(
                self.tr("cannot load the conversation: %1").replace("%1", str(exc))
            ),
            self,
        )
