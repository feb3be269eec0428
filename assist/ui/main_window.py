"""The desk's main window: layout, menus, toolbar and keyboard shortcuts, nothing else.

Behaviour lives in :mod:`assist.ui.controller`; this module only arranges the panels:

    ┌ toolbar ─────────────────────────────────────────────────────────┐
    │ queue │ conversation header                          │ intents   │
    │       │ bubbles                                      │           │
    │       │ drafts (3 cards)                             │           │
    │       │ composer                                     │           │
    └ status bar ──────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from assist.ui.composer import Composer
from assist.ui.conversation_info import ConversationInfo
from assist.ui.conversation_view import ConversationView
from assist.ui.drafts_panel import DraftsPanel
from assist.ui.intent_panel import IntentPanel
from assist.ui.queue_model import QueueModel
from assist.ui.queue_view import QueueView
from assist.ui.resources import icon
from assist.ui.screen import resize_within_screen
from assist.ui.status_bar import DeskStatusBar


class DeskWindow(QMainWindow):
    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(icon("app"))
        resize_within_screen(self, 1360, 860)
        self.queue_model = QueueModel()
        self.queue = QueueView(self.queue_model)
        self.conversation = ConversationView()
        self.intents = IntentPanel()
        self.info = ConversationInfo()
        self.drafts = DraftsPanel()
        self.composer = Composer()
        self.status = DeskStatusBar()
        self.setStatusBar(self.status)

        self.conv_title = QLabel()
        self.conv_title.setObjectName("ConversationTitle")
        self.conv_title.setTextFormat(Qt.TextFormat.PlainText)
        self.conv_meta = QLabel()
        self.conv_meta.setObjectName("Muted")
        self.conv_meta.setTextFormat(Qt.TextFormat.PlainText)
        conv_panel = QFrame()
        conv_panel.setObjectName("Panel")
        header = QHBoxLayout()
        header.setContentsMargins(16, 10, 16, 0)
        header.addWidget(self.conv_title)
        header.addWidget(self.conv_meta)
        header.addStretch(1)
        conv_box = QVBoxLayout(conv_panel)
        conv_box.setContentsMargins(0, 0, 0, 4)
        conv_box.addLayout(header)
        conv_box.addWidget(self.conversation, 1)

        center = QSplitter(Qt.Orientation.Vertical)
        center.setChildrenCollapsible(False)
        center.addWidget(conv_panel)
        center.addWidget(self.drafts)
        center.addWidget(self.composer)
        center.setStretchFactor(0, 5)
        center.setStretchFactor(1, 3)
        center.setStretchFactor(2, 1)
        center.setSizes([400, 270, 130])

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.setSpacing(10)
        right_box.addWidget(self.intents)
        right_box.addWidget(self.info)
        right_box.addStretch(1)

        main = QSplitter(Qt.Orientation.Horizontal)
        main.setChildrenCollapsible(False)
        main.addWidget(self.queue)
        main.addWidget(center)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([290, 790, 280])
        self.queue.setMinimumWidth(230)
        right.setMinimumWidth(240)
        root = QWidget()
        root_box = QVBoxLayout(root)
        root_box.setContentsMargins(10, 10, 10, 6)
        root_box.addWidget(main)
        self.setCentralWidget(root)
        self._build_actions()
        self.retranslate()

    # ---------------------------------------------------------------- actions
    def _build_actions(self) -> None:
        def action(icon_name: str | None, shortcut: str | QKeySequence.StandardKey | None = None) -> QAction:
            act = QAction(icon(icon_name) if icon_name else icon(""), "", self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
            return act

        self.act_insert = [action(None, f"Alt+{i + 1}") for i in range(3)]
        self.act_next = action(None, "Alt+Down")
        self.act_prev = action(None, "Alt+Up")
        self.act_regenerate = action("regenerate", "Ctrl+R")
        self.act_close_conv = action("close", "Ctrl+W")
        self.act_focus_queue = action(None, "Ctrl+1")
        self.act_focus_composer = action(None, "Ctrl+2")
        self.act_correct = action(None, "Ctrl+I")
        self.act_settings = action("settings", "Ctrl+,")
        self.act_console = action("console", "Ctrl+Shift+S")
        self.act_debug = action("debug", "Ctrl+Shift+D")
        self.act_quit = action(None, QKeySequence.StandardKey.Quit)
        self.act_about = action(None)
        self.act_focus_queue.triggered.connect(lambda: self.queue.list.setFocus())
        self.act_focus_composer.triggered.connect(lambda: self.composer.edit.setFocus())
        self.act_correct.triggered.connect(self._open_intent_list)
        self.act_next.triggered.connect(lambda: self.queue.step(1))
        self.act_prev.triggered.connect(lambda: self.queue.step(-1))
        self.act_quit.triggered.connect(self.close)

        bar = QToolBar()
        bar.setObjectName("Main")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.brand = QLabel("Assist")
        self.brand.setObjectName("Brand")
        bar.addWidget(self.brand)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        for act in (
            self.act_regenerate,
            self.act_close_conv,
            self.act_console,
            self.act_debug,
            self.act_settings,
        ):
            bar.addAction(act)
        self.addToolBar(bar)

        menu = self.menuBar()
        self.menu_file = menu.addMenu("")
        self.menu_file.addAction(self.act_settings)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_conv = menu.addMenu("")
        for act in (self.act_next, self.act_prev):
            self.menu_conv.addAction(act)
        self.menu_conv.addSeparator()
        for act in self.act_insert:
            self.menu_conv.addAction(act)
        self.menu_conv.addAction(self.act_regenerate)
        self.menu_conv.addAction(self.act_correct)
        self.menu_conv.addSeparator()
        self.menu_conv.addAction(self.act_close_conv)
        self.menu_view = menu.addMenu("")
        for act in (self.act_focus_queue, self.act_focus_composer):
            self.menu_view.addAction(act)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_console)
        self.menu_view.addAction(self.act_debug)
        self.menu_help = menu.addMenu("")
        self.menu_help.addAction(self.act_about)

    def _open_intent_list(self) -> None:
        if self.intents.other.isEnabled():
            self.intents.other.setFocus()
            self.intents.other.showPopup()

    # ---------------------------------------------------------------- content
    def set_conversation_header(self, title: str | None, meta: str = "") -> None:
        """``None``: no conversation is selected (the placeholder follows the language)."""
        self._header = title
        self.conv_title.setText(title if title is not None else self.tr("No conversation selected"))
        self.conv_meta.setText(meta)

    # ---------------------------------------------------------------- i18n
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Assist — agent desk"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_conv.setTitle(self.tr("&Conversation"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_help.setTitle(self.tr("&Help"))
        for i, act in enumerate(self.act_insert):
            act.setText(self.tr("Insert draft %1").replace("%1", str(i + 1)))
        self.act_next.setText(self.tr("Next conversation"))
        self.act_prev.setText(self.tr("Previous conversation"))
        self.act_regenerate.setText(self.tr("Regenerate"))
        self.act_close_conv.setText(self.tr("Mark handled"))
        self.act_close_conv.setToolTip(self.tr("Close the conversation and log the handling time (Ctrl+W)"))
        self.act_focus_queue.setText(self.tr("Go to queue"))
        self.act_focus_composer.setText(self.tr("Go to reply box"))
        self.act_correct.setText(self.tr("Correct intent…"))
        self.act_settings.setText(self.tr("Settings…"))
        self.act_console.setText(self.tr("Supervisor console"))
        self.act_debug.setText(self.tr("Responsiveness"))
        self.act_debug.setToolTip(self.tr("Event-loop lag and pipeline latencies"))
        self.act_quit.setText(self.tr("Quit"))
        self.act_about.setText(self.tr("About Assist"))
        if getattr(self, "_header", None) is None:
            self.conv_title.setText(self.tr("No conversation selected"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
