"""Three draft cards: source badge, text (streaming in), insert (click or Alt+1/2/3), dismiss.

Draft text goes through ``setPlainText`` (a generated draft could contain markup copied from
the customer), and unfilled placeholders such as ``{{Order Number}}`` or ``{订单号}`` are
highlighted by a syntax highlighter so the agent sees what still needs filling in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from assist.core.types import Draft, DraftSet
from assist.drafts.slots import PLACEHOLDER
from assist.ui.elided import ElidedLabel
from assist.ui.labels import source_title
from assist.ui.problems import problem_text
from assist.ui.resources import icon


class PlaceholderHighlighter(QSyntaxHighlighter):
    """Marks ``{{Slot}}`` / ``{槽位}`` placeholders: amber background, bold."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor("#fdebc8"))
        self.fmt.setForeground(QColor("#8a4b00"))
        self.fmt.setFontWeight(QFont.Weight.DemiBold)
        self.count = 0

    def highlightBlock(self, text: str) -> None:
        for match in PLACEHOLDER.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.fmt)


def reason_names() -> dict[str, str]:
    """Why a draft was wrong (the 👎 menu), as shown; the keys are what is logged."""
    return {
        "wrong_intent": QCoreApplication.translate("DraftCard", "Wrong intent"),
        "wrong_facts": QCoreApplication.translate("DraftCard", "Wrong facts"),
        "wrong_tone": QCoreApplication.translate("DraftCard", "Wrong tone"),
        "wrong_language": QCoreApplication.translate("DraftCard", "Wrong language"),
        "too_long": QCoreApplication.translate("DraftCard", "Too long"),
    }


class DraftCard(QFrame):
    """One draft. Only a click on its text (or Insert, or Alt+N) inserts it: a near miss on the
    header's × or the rating buttons does nothing, rather than inserting the draft."""

    insert = Signal(int)
    dismiss = Signal(int)
    rated = Signal(int, str, str)  # index, "up" | "down", reason ("" for none)

    TEXT_LINES = 5  # lines of draft text visible without scrolling

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.draft: Draft | None = None
        self.rating: tuple[str, str] | None = None
        self.setObjectName("DraftCard")
        self.badge = QLabel()
        self.badge.setObjectName("Badge")
        self.shortcut = QLabel(f"Alt+{index + 1}")
        self.shortcut.setObjectName("Shortcut")
        self.streaming = QLabel()
        self.streaming.setObjectName("Muted")
        self.text = QTextEdit()
        self.text.setObjectName("DraftText")
        self.text.setReadOnly(True)
        self.text.setAcceptRichText(False)
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.text.setMinimumHeight(self.TEXT_LINES * self.text.fontMetrics().lineSpacing() + 8)
        self.text.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.text.viewport().installEventFilter(self)
        self.highlighter = PlaceholderHighlighter(self.text.document())
        self.insert_button = QPushButton(icon("insert"), "")
        self.insert_button.setObjectName("Flat")
        self.insert_button.clicked.connect(lambda: self._insert())
        self.dismiss_button = QPushButton(icon("dismiss"), "")
        self.dismiss_button.setObjectName("CardClose")
        self.dismiss_button.setIconSize(QSize(16, 16))
        self.dismiss_button.setFixedSize(QSize(28, 28))
        for button in (self.insert_button, self.dismiss_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.dismiss_button.clicked.connect(lambda: self.dismiss.emit(self.index))
        self.up_button = self._rate_button("thumb-up")
        self.up_button.clicked.connect(lambda: self.rate("up"))
        self.down_button = self._rate_button("thumb-down")
        self.down_menu = QMenu(self)
        self.down_menu.triggered.connect(lambda act: self.rate("down", str(act.data() or "")))
        self.down_button.clicked.connect(self._ask_reason)
        self.unfilled = ElidedLabel("Muted", widest=400)
        header = QHBoxLayout()
        header.setSpacing(6)
        header.addWidget(self.badge)
        header.addWidget(self.streaming)
        header.addStretch(1)
        header.addWidget(self.shortcut)
        header.addSpacing(6)
        header.addWidget(self.dismiss_button)
        footer = QHBoxLayout()
        footer.setSpacing(4)
        footer.addWidget(self.up_button)
        footer.addWidget(self.down_button)
        footer.addStretch(1)
        footer.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.unfilled)
        layout.addLayout(footer)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.retranslate()
        self.show_draft(None)

    def _rate_button(self, name: str) -> QPushButton:
        button = QPushButton(icon(name), "")
        button.setObjectName("Rate")
        button.setCheckable(True)
        button.setIconSize(QSize(16, 16))
        button.setFixedSize(QSize(30, 26))
        # a click rates the draft but leaves the keyboard where it was (the reply box): a
        # focused button took the agent's next keystrokes (space reopened the "why" menu)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def show_draft(self, draft: Draft | None, *, dismissed: bool = False) -> None:
        if draft is None or self.draft is None or draft.text != self.draft.text:
            self.set_rating(None)
        self.draft = draft
        self.setProperty("dismissed", "true" if dismissed else "false")
        if draft is None:
            self.setVisible(False)
            self.text.setPlainText("")
            return
        self.setVisible(True)
        if self.text.toPlainText() != draft.text:
            self.text.setPlainText(draft.text)
        self.text.setToolTip(draft.text)
        self.badge.setText(source_title(draft.source.value))
        self.badge.setProperty("source", draft.source.value)
        self.badge.style().unpolish(self.badge)
        self.badge.style().polish(self.badge)
        self.streaming.setText("" if draft.complete else self.tr("writing…"))
        fill = self.tr("Fill in: %1").replace("%1", ", ".join(draft.unfilled_slots)) if draft.unfilled_slots else ""
        self.unfilled.setText(fill)
        self.unfilled.setToolTip(fill)
        self.unfilled.setVisible(bool(fill))
        self.setEnabled(not dismissed)
        self.style().unpolish(self)
        self.style().polish(self)

    # ---------------------------------------------------------------- rating
    def _ask_reason(self) -> None:
        self.down_button.setChecked(self.rating is not None and self.rating[0] == "down")
        self.down_menu.popup(self.down_button.mapToGlobal(self.down_button.rect().bottomLeft()))

    def rate(self, rating: str, reason: str = "") -> None:
        if self.draft is None:
            return
        self.set_rating((rating, reason))
        self.rated.emit(self.index, rating, reason)

    def set_rating(self, rating: tuple[str, str] | None) -> None:
        self.rating = rating
        self.up_button.setChecked(rating is not None and rating[0] == "up")
        self.down_button.setChecked(rating is not None and rating[0] == "down")
        reason = reason_names().get(rating[1], "") if rating is not None and rating[0] == "down" else ""
        self.down_button.setToolTip(
            self.tr("Rated bad: %1").replace("%1", reason) if reason else self.tr("Bad draft… (say why)")
        )

    # ---------------------------------------------------------------- insert
    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and not self.text.textCursor().hasSelection()
        ):
            self._insert()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _insert(self) -> None:
        if self.draft is not None and self.isEnabled():
            self.insert.emit(self.index)

    def retranslate(self) -> None:
        self.insert_button.setText(self.tr("Insert"))
        self.insert_button.setToolTip(
            self.tr("Put this draft into the reply box (Alt+%1)").replace("%1", str(self.index + 1))
        )
        self.dismiss_button.setToolTip(self.tr("Dismiss this draft"))
        self.up_button.setToolTip(self.tr("Good draft"))
        self.down_menu.clear()
        for key, name in reason_names().items():
            act = self.down_menu.addAction(name)
            act.setData(key)
        self.down_menu.addSeparator()
        self.down_menu.addAction(self.tr("Bad, no reason")).setData("")
        self.set_rating(self.rating)
        if self.draft is not None:
            self.show_draft(self.draft, dismissed=not self.isEnabled())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DraftsPanel(QFrame):
    insert = Signal(int)
    dismiss = Signal(int)
    rated = Signal(int, str, str)  # index, "up" | "down", reason
    regenerate = Signal()
    language_chosen = Signal(str)  # "en", "zh" or "" (the conversation's language)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        self.title = QLabel()
        self.title.setObjectName("PanelTitle")
        self.state = QLabel()
        self.state.setObjectName("Muted")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.regenerate_button = QPushButton(icon("regenerate"), "")
        self.regenerate_button.setObjectName("Flat")
        self.regenerate_button.clicked.connect(self.regenerate.emit)
        self.language = QComboBox()
        self.language.setObjectName("DraftLanguage")
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for code in ("", "en", "zh"):
            self.language.addItem("", code)
        self.language.activated.connect(lambda i: self.language_chosen.emit(str(self.language.itemData(i))))
        self.cards = [DraftCard(i, self) for i in range(3)]
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.language)
        header.addWidget(self.regenerate_button)
        cards = QHBoxLayout()
        cards.setSpacing(8)
        for card in self.cards:
            card.insert.connect(self.insert.emit)
            card.dismiss.connect(self.dismiss.emit)
            card.rated.connect(self.rated.emit)
            cards.addWidget(card, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.state)
        layout.addLayout(cards, 1)
        self.drafts: DraftSet | None = None
        self._dismissed: set[int] = set()
        self._mode = "idle"
        self._outdated: set[str] = set()  # earlier engines' reasons for having no generator
        self._engine_error: str | None = None  # the loaded engine's reason (None: it has a generator)
        self.retranslate()
        self.clear()

    def engines_changed(self, old_error: str | None, new_error: str | None) -> None:
        """The desk loaded other models. Drafts that still carry the old engine's reason for
        having no generator (shown now, or cached for another conversation) no longer say why:
        with a generator now, the header says that Regenerate asks it; without one, it gives
        the new engine's reason."""
        if old_error and old_error != new_error:
            self._outdated.add(old_error)
        self._outdated.discard(new_error or "")
        self._engine_error = new_error
        self._show_state()

    def regenerating(self) -> None:
        """Ctrl+R: the old cards stay, dimmed, until the new ones arrive; the header says so."""
        self._mode = "regenerating"
        for card in self.cards:
            card.setEnabled(False)
        self.regenerate_button.setEnabled(False)
        self._show_state()

    def clear(self, mode: str = "idle") -> None:
        """``idle`` (no conversation) or ``waiting`` (drafts are being prepared)."""
        self.drafts = None
        self._dismissed.clear()
        self._mode = mode
        for card in self.cards:
            card.show_draft(None)
        self.regenerate_button.setEnabled(mode != "idle")
        self._show_state()

    def show_drafts(self, drafts: DraftSet, dismissed: set[int] | None = None) -> None:
        if self._mode in ("regenerating", "regenerated"):
            self._mode = "regenerated" if drafts.final else "regenerating"
        else:
            self._mode = "shown"
        self.drafts = drafts
        self._dismissed = set(dismissed or ())
        for i, card in enumerate(self.cards):
            card.show_draft(
                drafts.drafts[i] if i < len(drafts.drafts) else None, dismissed=i in self._dismissed
            )
        self.regenerate_button.setEnabled(self._mode != "regenerating")
        self._show_state()

    def mark_dismissed(self, index: int) -> None:
        self._dismissed.add(index)
        if self.drafts is not None and index < len(self.drafts.drafts):
            self.cards[index].show_draft(self.drafts.drafts[index], dismissed=True)

    def _show_state(self) -> None:
        self.state.setToolTip("")
        if self._mode == "idle":
            self.state.setText(self.tr("Drafts appear here for the selected conversation"))
        elif self._mode == "waiting":
            self.state.setText(self.tr("Preparing drafts…"))
        elif self._mode == "regenerating":
            self.state.setText(self.tr("Regenerating drafts…"))
        elif self._mode == "regenerated":
            self.state.setText(self.tr("New drafts"))
        else:
            error, regenerate = self._reason()
            if regenerate:
                self.state.setText(
                    self.tr("The draft model has changed since these drafts: Regenerate asks the new one")
                )
            elif error and error != "cancelled":
                self.state.setText(self.tr("Some drafts are unavailable: %1").replace("%1", problem_text(error)))
                self.state.setToolTip(error)
            elif self.drafts is not None and not self.drafts.drafts:
                self.state.setText(self.tr("No drafts for this message"))
            else:
                self.state.setText("")
        self.state.setVisible(bool(self.state.text()))

    def _reason(self) -> tuple[str, bool]:
        """Why the shown drafts have no generated ones, as of the engine loaded now (the old
        engine's reason is replaced by the new one's), and whether a generator came since."""
        error = (self.drafts.error if self.drafts is not None else None) or ""
        if error in self._outdated:
            return self._engine_error or "", self._engine_error is None
        return error, False

    def set_language(self, chosen: str | None, detected: str | None) -> None:
        """Show the drafts' language: the agent's choice, or "Auto" with the one chosen for them."""
        self._detected = detected
        self.language.setCurrentIndex(max(0, self.language.findData(chosen or "")))
        self._name_languages()

    def _name_languages(self) -> None:
        names = {"en": self.tr("English"), "zh": self.tr("Chinese")}
        detected = names.get((getattr(self, "_detected", None) or "")[:2])
        auto = self.tr("Auto (%1)").replace("%1", detected) if detected else self.tr("Auto")
        for i, text in enumerate((auto, names["en"], names["zh"])):
            self.language.setItemText(i, text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Drafts"))
        self.language.setToolTip(self.tr("The language the drafts are written in"))
        self._name_languages()
        self.regenerate_button.setText(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr("Ask for new drafts (Ctrl+R)"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
