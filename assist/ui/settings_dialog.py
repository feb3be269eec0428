"""Settings: agent name, language, database, models, device, ingest, outbound webhook.

The dialog edits a copy of the settings, validates it with ``assist.config.validate`` (the
same rules the CLI applies) and shows the problem inline instead of closing; the caller
saves and applies the accepted settings.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assist.config import (
    MIN_TOKEN_CHARS,
    MODEL_DIR_FIELDS,
    Settings,
    check_database_connects,
    check_database_folder,
    check_model_dir,
    mask_url,
    needs_connection_check,
    validate,
)
from assist.core.errors import ConfigError
from assist.ui.i18n import is_chinese


class SettingsDialog(QDialog):
    connection_checked = Signal(int, str)  # the check's number, its refusal ("" when it connected)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = settings
        self.result_settings: Settings | None = None
        self._checking: tuple[int, Settings] | None = None  # a connection check in flight
        self._checks = 0
        self.connection_checked.connect(self._connection_checked)
        self.agent_name = QLineEdit()
        self.language = QComboBox()
        self.language.addItem("", "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.database_url = QLineEdit()
        self.intent_dir = QLineEdit()
        self.drafts_dir = QLineEdit()
        self.device = QComboBox()
        for value in ("auto", "cpu", "cuda"):
            self.device.addItem(value, value)
        self.ingest_port = QSpinBox()
        self.ingest_port.setRange(0, 99999)  # validate() names the allowed range
        self.ingest_token = QLineEdit()
        self.ingest_token.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.webhook = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("StatusProblem")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        self.fields: dict[str, QWidget] = {  # a refusal starting with a setting's name focuses its field
            "database_url": self.database_url,
            "intent_model_dir": self.intent_dir,
            "drafts_model_dir": self.drafts_dir,
            "ingest_port": self.ingest_port,
            "ingest_token": self.ingest_token,
            "outbound_webhook": self.webhook,
        }
        self.form = QFormLayout()
        self.rows: list[QWidget] = []  # the fields, read-only while a connection check waits
        self.labels: dict[str, QLabel] = {}
        for key, widget in (
            ("agent", self.agent_name),
            ("language", self.language),
            ("database", self.database_url),
            ("intent", self._with_browse(self.intent_dir)),
            ("drafts", self._with_browse(self.drafts_dir)),
            ("device", self.device),
            ("port", self.ingest_port),
            ("token", self.ingest_token),
            ("webhook", self.webhook),
        ):
            label = QLabel()
            self.labels[key] = label
            self.form.addRow(label, widget)
            self.rows.append(widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        for button in (self, *self.buttons.buttons()):
            button.installEventFilter(self)  # see eventFilter: Enter while a check waits
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()
        self.load(settings)

    def load(self, settings: Settings) -> None:
        """Show ``settings`` in the form (the desk builds the dialog once and reuses it)."""
        self.original = settings
        self.result_settings = None
        self.agent_name.setText(settings.agent_name)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.ui_language)))
        # a password in the URL is shown as *** (as the token is masked); left as shown, it is kept
        self.database_url.setText(mask_url(settings.database_url))
        self.intent_dir.setText(settings.intent_model_dir)
        self.drafts_dir.setText(settings.drafts_model_dir)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.device)))
        self.ingest_port.setValue(settings.ingest_port)
        self.ingest_token.setText(settings.ingest_token)
        self.webhook.setText(settings.outbound_webhook)
        self.error.setText("")

    def _with_browse(self, edit: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton("…")
        button.setObjectName("Flat")
        button.clicked.connect(lambda: self._browse(edit))
        row.addWidget(button)
        return box

    def _browse(self, edit: QLineEdit) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Model directory"), edit.text())
        if path:
            edit.setText(path)

    def _database_url(self) -> str:
        shown = self.database_url.text().strip()
        return self.original.database_url if shown == mask_url(self.original.database_url) else shown

    def edited(self) -> Settings:
        """The settings as the form says now (not validated)."""
        return self.original.replace(
            agent_name=self.agent_name.text().strip() or "agent",
            ui_language=str(self.language.currentData() or ""),
            database_url=self._database_url(),
            intent_model_dir=self.intent_dir.text().strip(),
            drafts_model_dir=self.drafts_dir.text().strip(),
            device=str(self.device.currentData()),
            ingest_port=self.ingest_port.value(),
            ingest_token=self.ingest_token.text().strip() or self.original.ingest_token,
            outbound_webhook=self.webhook.text().strip(),
        )

    def try_accept(self) -> bool:
        """Accept the form if every check passes. A new server database is connected to first,
        on a thread (a wrong host can take seconds to fail): Save waits, and the dialog closes
        or says why when the check answers."""
        if self._checking is not None:
            return False
        candidate = self.edited()
        new_database = bool(candidate.database_url) and candidate.database_url != self.original.database_url
        try:
            validate(candidate)
            self.check_ingest_address(candidate)
            self.check_model_dirs(candidate)
            if new_database:
                check_database_folder(candidate.database_url)
        except ConfigError as exc:
            self.refuse(str(exc))
            return False
        if new_database and needs_connection_check(candidate.database_url):
            self._check_connection(candidate)
            return False
        self._accept(candidate)
        return True

    def _accept(self, candidate: Settings) -> None:
        self.error.setText("")
        self.error.setToolTip("")
        self.result_settings = candidate
        self.accept()

    def _check_connection(self, candidate: Settings) -> None:
        self._checks += 1
        number = self._checks
        self._checking = (number, candidate)
        self._set_editable(False)  # what is checked is what is saved
        self.error.setText("")
        self.note.setText(self.tr("Connecting to the database…"))

        def check() -> None:
            try:
                check_database_connects(candidate.database_url)
                refusal = ""
            except ConfigError as exc:
                refusal = str(exc)
            with contextlib.suppress(RuntimeError):  # the dialog is gone: nobody waits for the answer
                self.connection_checked.emit(number, refusal)

        threading.Thread(target=check, name="settings-database-check", daemon=True).start()

    def _connection_checked(self, number: int, refusal: str) -> None:
        if self._checking is None or self._checking[0] != number:
            return  # cancelled, or the dialog was opened again since
        candidate = self._checking[1]
        self._end_check()
        if refusal:
            self.refuse(refusal)
        else:
            self._accept(candidate)

    def done(self, result: int) -> None:
        """Closing (Cancel, Esc) forgets a connection check in flight: its answer is ignored."""
        if self._checking is not None:
            self._end_check()
        super().done(result)

    def _end_check(self) -> None:
        self._checking = None
        self._set_editable(True)
        self.retranslate()  # the note again

    def _set_editable(self, editable: bool) -> None:
        for widget in (*self.rows, self.buttons.button(QDialogButtonBox.StandardButton.Save)):
            widget.setEnabled(editable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter while a connection check waits does nothing: the focus lands on Cancel, which X11
        then makes the default button, and Enter pressed it and dropped the edits (two reviews).
        Esc and a click on Cancel still cancel."""
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if self._checking is not None and isinstance(event, QKeyEvent) and event.key() in enter:
            return True
        return super().eventFilter(watched, event)

    def check_model_dirs(self, candidate: Settings) -> None:
        """A model directory typed or picked here must exist (one kept from before is left to the
        desk, which names it in the status bar and serves the fallback)."""
        for name in MODEL_DIR_FIELDS:
            if getattr(candidate, name) != getattr(self.original, name):
                check_model_dir(name, getattr(candidate, name))

    def check_ingest_address(self, candidate: Settings) -> None:
        """A new ingest address must be free now: Save restarts the listener there, and a port
        another process holds would leave the desk deaf (the address it listens on is not checked)."""
        address = (candidate.ingest_host, candidate.ingest_port)
        if not candidate.ingest_enabled or address == (self.original.ingest_host, self.original.ingest_port):
            return
        from assist.sources.ingest import check_can_listen  # aiohttp: imported when needed

        check_can_listen(*address)

    def refuse(self, raw: str) -> None:
        """Show why the settings cannot be saved and put the cursor in the field it names."""
        self.error.setText(self.error_text(raw))
        self.error.setToolTip(raw)
        for name, widget in self.fields.items():
            if raw.startswith(name):
                widget.setFocus()
                break

    def error_text(self, raw: str) -> str:
        """A refused value in the UI language, named by its field (English: the check's own words)."""
        if not is_chinese():
            return raw
        if raw.startswith("outbound_webhook "):
            return self.tr("%1 must be an http:// or https:// address").replace("%1", self.labels["webhook"].text())
        if raw.startswith("ingest_token is too short"):
            return self.tr("%1 is too short: use at least %2 random characters").replace(
                "%1", self.labels["token"].text()
            ).replace("%2", str(MIN_TOKEN_CHARS))
        if raw.startswith("ingest_port ") and "cannot listen" in raw:
            return self.tr(
                "%1 %2 cannot be used: another program may be listening on it (the reason is in the tooltip)"
            ).replace("%1", self.labels["port"].text()).replace("%2", str(self.ingest_port.value()))
        if raw.startswith("ingest_port "):
            return self.tr("%1 must be between 1 and 65535").replace("%1", self.labels["port"].text())
        if raw.startswith("database_url ") and "in-memory" in raw:
            return self.tr("%1 cannot be used: an in-memory database keeps nothing; name a file").replace(
                "%1", self.labels["database"].text()
            )
        if raw.startswith("database_url ") and ": cannot connect (" in raw:
            return self.tr("%1 cannot be used: the database did not answer or refused the login (see the tooltip)").replace(
                "%1", self.labels["database"].text()
            )
        if raw.startswith("database_url ") and ("folder" in raw or "directory" in raw):
            return self.tr("%1 cannot be used: its folder does not exist or is not a folder (see the tooltip)").replace(
                "%1", self.labels["database"].text()
            )
        if raw.startswith("database_url "):
            return self.tr(
                "%1 cannot be used: not an SQLAlchemy URL, or its driver is unknown or not installed"
            ).replace("%1", self.labels["database"].text())
        for name, key, edit in (
            ("intent_model_dir", "intent", self.intent_dir),
            ("drafts_model_dir", "drafts", self.drafts_dir),
        ):
            if raw.startswith(f"{name} ") and "holds no model" in raw:
                return self.tr("%1 '%2' holds no model: choose the folder that training wrote").replace(
                    "%1", self.labels[key].text()
                ).replace("%2", edit.text().strip())
            if raw.startswith(f"{name} "):
                return self.tr("%1 '%2' does not exist or is not a directory").replace(
                    "%1", self.labels[key].text()
                ).replace("%2", edit.text().strip())
        return self.tr("These settings cannot be saved (the reason is in the tooltip)")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        names = {
            "agent": self.tr("Agent name"),
            "language": self.tr("Language"),
            "database": self.tr("Database URL"),
            "intent": self.tr("Intent model"),
            "drafts": self.tr("Draft model"),
            "device": self.tr("Device"),
            "port": self.tr("Ingest port"),
            "token": self.tr("Ingest token"),
            "webhook": self.tr("Outbound webhook"),
        }
        for key, text in names.items():
            self.labels[key].setText(text)
        self.language.setItemText(0, self.tr("System default"))
        self.database_url.setPlaceholderText(self.tr("empty: the built-in SQLite file"))
        self.intent_dir.setPlaceholderText(self.tr("empty: the active model in the registry"))
        self.drafts_dir.setPlaceholderText(self.tr("empty: the active model in the registry"))
        self.webhook.setPlaceholderText(self.tr("empty: replies stay in the local outbox"))
        self.note.setText(
            self.tr(
                "Agent name, language, models, device, ingest and webhook apply at once; "
                "a new database URL applies when the desk restarts."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
