"""The intents of the newest message: the top three with confidence bars, "unsure", correction.

Clicking another of the three, or choosing any intent from the full list, emits
``corrected(label)``; the controller logs the correction and refreshes the drafts. The
probabilities shown are the model's calibrated ones, not renormalised over the three.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.core.types import IntentPrediction
from assist.ui.labels import intent_title


class IntentChoice(QPushButton):
    """One ranked intent: its name, its probability and a bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IntentChoice")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label: str | None = None
        self.probability = 0.0
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.percent = QLabel()
        self.percent.setObjectName("Muted")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.name, 1)
        top.addWidget(self.percent)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.setSpacing(4)
        box.addLayout(top)
        box.addWidget(self.bar)
        self.setMinimumHeight(46)
        for child in (self.name, self.percent, self.bar):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def show_score(self, label: str | None, probability: float) -> None:
        self.label, self.probability = label, probability
        self.setVisible(label is not None)
        self.refresh_text()
        self.bar.setValue(round(probability * 1000))

    def refresh_text(self) -> None:
        self.name.setText(intent_title(self.label) if self.label else "")
        self.percent.setText(f"{self.probability * 100:.0f}%")
        self.setAccessibleName(f"{self.name.text()} {self.percent.text()}")


class IntentPanel(QFrame):
    corrected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        self.title = QLabel()
        self.title.setObjectName("PanelTitle")
        self.unsure = QLabel()
        self.unsure.setObjectName("Unsure")
        self.unsure.setVisible(False)
        self.corrected_note = QLabel()
        self.corrected_note.setObjectName("Muted")
        self.corrected_note.setTextFormat(Qt.TextFormat.PlainText)
        self.corrected_note.setWordWrap(True)  # a long intent title wraps instead of being cut off
        self.waiting = QLabel()
        self.waiting.setObjectName("Muted")
        self.choices = [IntentChoice(self) for _ in range(3)]
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for i, choice in enumerate(self.choices):
            self.group.addButton(choice, i)
            choice.clicked.connect(lambda _checked=False, c=choice: self._chose(c.label))
        self.other = QComboBox()
        self.other.setObjectName("IntentOther")
        self.other.activated.connect(self._other_chosen)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.unsure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.waiting)
        for choice in self.choices:
            layout.addWidget(choice)
        layout.addWidget(self.other)
        layout.addWidget(self.corrected_note)
        self._labels: list[str] = []
        self._prediction: IntentPrediction | None = None
        self._corrected: str | None = None
        self.retranslate()
        self.clear()

    # ---------------------------------------------------------------- content
    def set_labels(self, labels: Sequence[str]) -> None:
        """The full list of intents the agent can choose from."""
        self._labels = sorted(labels, key=lambda x: intent_title(x).lower())
        self._fill_other()

    def clear(self) -> None:
        self._prediction = None
        self._corrected = None
        for choice in self.choices:
            choice.show_score(None, 0.0)
        self.unsure.setVisible(False)
        self.corrected_note.setText("")
        self.waiting.setVisible(True)
        self.other.setEnabled(False)

    def show_prediction(self, prediction: IntentPrediction | None, corrected: str | None = None) -> None:
        self._prediction = prediction
        self._corrected = corrected
        if prediction is None:
            self.clear()
            return
        self.waiting.setVisible(False)
        self.other.setEnabled(bool(self._labels))
        top = prediction.top_k(3)
        for i, choice in enumerate(self.choices):
            if i < len(top):
                choice.show_score(top[i].label, top[i].probability)
            else:
                choice.show_score(None, 0.0)
        chosen = corrected or (None if prediction.out_of_scope else top[0].label)
        self.group.setExclusive(False)
        for choice in self.choices:
            choice.setChecked(choice.label is not None and choice.label == chosen)
        self.group.setExclusive(True)
        self.unsure.setVisible(prediction.out_of_scope and corrected is None)
        self.corrected_note.setText(
            self.tr("Corrected to: %1").replace("%1", intent_title(corrected)) if corrected else ""
        )

    @property
    def chosen_label(self) -> str | None:
        for choice in self.choices:
            if choice.isChecked():
                return choice.label
        return self._corrected

    # ---------------------------------------------------------------- events
    def _chose(self, label: str | None) -> None:
        if label is None or self._prediction is None:
            return
        current = self._corrected or (None if self._prediction.out_of_scope else self._prediction.top.label)
        if label != current:
            self.corrected.emit(label)

    def _other_chosen(self, index: int) -> None:
        label = self.other.itemData(index)
        if isinstance(label, str) and label:
            self.other.setCurrentIndex(0)
            self._chose(label)

    def _fill_other(self) -> None:
        self.other.blockSignals(True)
        self.other.clear()
        self.other.addItem(self.tr("Choose another intent…"), "")
        for label in self._labels:
            self.other.addItem(intent_title(label), label)
        self.other.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Intent"))
        self.unsure.setText(self.tr("Unsure"))
        self.unsure.setToolTip(self.tr("The message fits none of the known intents well"))
        self.waiting.setText(self.tr("Waiting for a customer message"))
        self.other.setToolTip(self.tr("Correct the intent: the drafts follow it"))
        self._fill_other()
        for choice in self.choices:
            choice.refresh_text()
        if self._prediction is not None:
            self.show_prediction(self._prediction, self._corrected)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
