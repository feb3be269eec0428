"""The reply box: edit, Ctrl+Enter sends, Esc clears; says where the text came from.

The provenance line ("From draft 2 (Library) · edited 6 characters") is what the agent
sees of what we log: the edit distance from the inserted draft.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from assist.core.text import edit_distance
from assist.drafts.slots import find_placeholders
from assist.ui.drafts_panel import PlaceholderHighlighter
from assist.ui.labels import source_title
from assist.ui.resources import icon


class ReplyEdit(QPlainTextEdit):
    send = Signal()
    cleared = Signal(str)  # what the box held

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.send.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            text = self.toPlainText()
            self.clear()
            self.cleared.emit(text)
            return
        super().keyPressEvent(event)


class Composer(QFrame):
    send = Signal(str)
    edited = Signal(str)
    cleared = Signal(str)  # what the box held (the controller logs a discarded draft)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        self.edit = ReplyEdit()
        self.edit.setObjectName("Composer")
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(70)
        self.edit.send.connect(self._send)
        self.edit.cleared.connect(self._cleared)
        self.edit.textChanged.connect(self._changed)
        # placeholders left in an inserted draft ({{Order Number}}, {订单号}) stay marked
        self.highlighter = PlaceholderHighlighter(self.edit.document())
        self.provenance = QLabel()
        self.provenance.setObjectName("Muted")
        self.provenance.setTextFormat(Qt.TextFormat.PlainText)
        self.send_button = QPushButton(icon("send"), "")
        self.send_button.setObjectName("Primary")
        self.send_button.clicked.connect(self._send)
        self.hint = QLabel()
        self.hint.setObjectName("Muted")
        # a reply that still holds {{Amount}} stops here once: the agent fills it in or confirms
        self.warning = QLabel()
        self.warning.setObjectName("StatusProblem")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)
        self._confirmed_text: str | None = None
        row = QHBoxLayout()
        row.addWidget(self.provenance, 1)
        row.addWidget(self.hint)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.edit)
        layout.addWidget(self.warning)
        layout.addLayout(row)
        self._draft_text: str | None = None
        self._draft_index: int | None = None
        self._draft_source: str | None = None
        self.retranslate()

    # ---------------------------------------------------------------- api
    def text(self) -> str:
        return self.edit.toPlainText()

    def insert_draft(self, index: int, text: str, source: str) -> None:
        self._draft_text, self._draft_index, self._draft_source = text, index, source
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        self.edit.setFocus()
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.edit.setTextCursor(cursor)
        self._update_provenance()

    def reset(self) -> None:
        self._draft_text = self._draft_index = self._draft_source = None
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self._update_provenance()

    def snapshot(self) -> tuple[str, int | None, str | None, str | None]:
        """What is in the box and where it came from (kept per conversation while switching)."""
        return (self.text(), self._draft_index, self._draft_text, self._draft_source)

    def restore(self, snap: tuple[str, int | None, str | None, str | None] | None) -> None:
        text, index, draft_text, source = snap or ("", None, None, None)
        self._draft_index, self._draft_text, self._draft_source = index, draft_text, source
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        self._update_provenance()

    @property
    def from_draft(self) -> bool:
        return self._draft_text is not None

    def distance(self) -> int | None:
        return edit_distance(self._draft_text, self.text()) if self._draft_text is not None else None

    # ---------------------------------------------------------------- events
    def _send(self) -> None:
        text = self.text()
        if not text.strip():
            return
        left = find_placeholders(text)
        if left and text != self._confirmed_text:
            self._confirmed_text = text
            self._point_at(left[0])
            self.warning.setText(
                self.tr("Still to fill in: %1. Fill it in, or press Ctrl+Enter again to send it as it is.")
                .replace("%1", ", ".join(dict.fromkeys(left)))
            )
            self.warning.setVisible(True)
            return
        self.warning.setVisible(False)
        self.send.emit(text)

    def _point_at(self, placeholder: str) -> None:
        """Select the first unfilled placeholder, so typing replaces it."""
        start = self.text().find(placeholder)
        cursor = self.edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + len(placeholder), cursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    def _cleared(self, text: str) -> None:
        self._draft_text = self._draft_index = self._draft_source = None
        self._update_provenance()
        self.cleared.emit(text)

    def _changed(self) -> None:
        self._update_provenance()
        if self._draft_text is not None:
            self.edited.emit(self.text())

    def _update_provenance(self) -> None:
        text = self.text()
        if text != self._confirmed_text:
            self._confirmed_text = None
            self.warning.setVisible(False)
        self.send_button.setEnabled(bool(text.strip()))
        if self._draft_text is None:
            self.provenance.setText(self.tr("Typed by you") if text else "")
            return
        origin = self.tr("From draft %1 (%2)").replace("%1", str((self._draft_index or 0) + 1))
        origin = origin.replace("%2", source_title(self._draft_source or ""))
        distance = self.distance() or 0
        if distance == 0:
            self.provenance.setText(origin + " · " + self.tr("unchanged"))
        else:
            share = 100.0 * distance / max(1, len(self._draft_text))
            edited = self.tr("edited %n character(s)", "", distance)
            self.provenance.setText(f"{origin} · {edited} ({share:.0f}%)")

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Write a reply, or insert a draft with Alt+1, Alt+2, Alt+3"))
        self.send_button.setText(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send the reply (Ctrl+Enter)"))
        self.hint.setText(self.tr("Ctrl+Enter to send · Esc to clear"))
        self._update_provenance()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
