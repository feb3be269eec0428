"""A small card under the intents: who the customer is and how long they have waited.

All values are customer-supplied or derived from them, so every label is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from assist.ui.labels import waiting_text
from assist.ui.queue_model import QueueItem


class ConversationInfo(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        self.title = QLabel()
        self.title.setObjectName("PanelTitle")
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("customer", "email", "conversation", "language", "messages", "waiting"):
            name = QLabel()
            name.setObjectName("Muted")
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.names[key], self.values[key] = name, value
            self.form.addRow(name, value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        self._item: QueueItem | None = None
        self._messages = 0
        self._email: str | None = None
        self.retranslate()
        self.show_item(None, 0)

    def show_item(self, item: QueueItem | None, messages: int, email: str | None = None) -> None:
        """``item``'s details; ``email`` is the help desk's contact address (a row only when known)."""
        self._item, self._messages, self._email = item, messages, email
        self.setVisible(item is not None)
        if item is None:
            return
        self.values["customer"].setText(item.title)
        self.values["email"].setText(email or "")
        self.form.setRowVisible(self.values["email"], bool(email))
        self.values["conversation"].setText(item.conversation_id)
        lang = (item.lang or "").lower()
        self.values["language"].setText(
            self.tr("Chinese")
            if lang.startswith("zh")
            else self.tr("English")
            if lang.startswith("en")
            else "–"
        )
        self.values["messages"].setText(str(messages))
        wait = item.waiting_seconds()
        self.values["waiting"].setText(waiting_text(wait) if wait is not None else self.tr("answered"))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Customer"))
        names = {
            "customer": self.tr("Name"),
            "email": self.tr("E-mail"),
            "conversation": self.tr("Conversation"),
            "language": self.tr("Language"),
            "messages": self.tr("Messages"),
            "waiting": self.tr("Waiting"),
        }
        for key, text in names.items():
            self.names[key].setText(text)
        self.show_item(self._item, self._messages, self._email)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
