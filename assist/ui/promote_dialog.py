"""The promote dialog: the comparison in plain words and figures, then an explicit choice.

It shows the candidate, the active version, n, both scores, the difference with its
confidence interval and the verdict (:class:`assist.learning.promotion.Review`). A candidate
shown to be better is promoted with OK; any other needs the override box ticked and a reason
typed, and the OK button says so ("Promote anyway"). The panel records the choice through
:func:`assist.learning.promotion.promote`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from assist.learning.promotion import Review
from assist.ui.console_common import value_names
from assist.ui.i18n import is_chinese


def _figure(value: Any, signed: bool = False) -> str:
    if not isinstance(value, int | float) or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


_NEVER = "it was never scored on the evaluation set"
_AGAINST = re.compile(r"^it was scored against (\S+), but (\S+) is active now$")
_FEW = re.compile(r"^only (\d+) evaluation rows \(need at least (\d+)\)$")
_UNSCORED = re.compile(r"^the active model ?(.*?) could not be scored on these rows$")


class PromoteDialog(QDialog):
    def detail_text(self, review: Review) -> str:
        """The comparison in one line: the core's English sentence, or in Chinese why it cannot
        compare (the figures above already say the rest)."""
        if not is_chinese():
            return review.text
        if review.verdict != "cannot compare":
            return ""
        why = str(review.comparison.get("why") or "")
        if why == _NEVER:
            text = self.tr("it was never scored on the evaluation set")
        elif m := _AGAINST.match(why):
            text = self.tr("it was scored against %1, but %2 is active now").replace("%1", m[1]).replace("%2", m[2])
        elif m := _FEW.match(why):
            text = self.tr("only %1 evaluation rows (need at least %2)").replace("%1", m[1]).replace("%2", m[2])
        elif m := _UNSCORED.match(why):
            text = self.tr("the active model %1 could not be scored on these rows").replace("%1", m[1])
        else:
            text = self.tr("no comparison recorded")
        return self.tr("cannot compare: %1").replace("%1", text)

    def __init__(self, review: Review, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        c = review.comparison
        self.setWindowTitle(self.tr("Promote %1?").replace("%1", review.version))
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        interval = (
            f"{_figure(c.get('ci_low'), True)} … {_figure(c.get('ci_high'), True)}"
            if "ci_low" in c
            else "–"
        )
        rows = (
            ("candidate", self.tr("Candidate"), review.version),
            ("active", self.tr("Active now"), review.active_version or self.tr("none (the instant demo engines)")),
            ("metric", self.tr("Measure"), str(c.get("metric") or "–")),
            ("n", self.tr("Evaluation rows (same for both)"), str(c.get("n", 0))),
            ("candidate_score", self.tr("Candidate score"), _figure(c.get("candidate"))),
            ("active_score", self.tr("Active score"), _figure(c.get("active"))),
            ("difference", self.tr("Difference"), _figure(c.get("difference"), True)),
            ("interval", self.tr("95 % interval of the difference"), interval),
            ("verdict", self.tr("Verdict"), value_names().get(review.verdict, review.verdict)),
        )
        for key, label, value in rows:
            field = QLabel(value)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = field
            form.addRow(label, field)
        self.detail = QLabel(self.detail_text(review))
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.override = QCheckBox(self.tr("Promote anyway: I accept that the agents may get worse results"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required, recorded in the audit trail)"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.override.toggled.connect(self._update)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(form)
        layout.addWidget(self.detail)
        layout.addWidget(self.override)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        needs = review.needs_override
        self.override.setVisible(needs)
        self.reason.setVisible(needs)
        if needs:
            self.headline.setText(
                self.tr(
                    "%1 is not shown to be better than the active model on the fixed evaluation set. "
                    "Promoting it changes what every agent sees."
                ).replace("%1", review.version)
            )
            self.headline.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.headline.setText(
                self.tr("%1 is better than the active model on the fixed evaluation set.").replace(
                    "%1", review.version
                )
            )
        self._update()

    @property
    def ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _update(self) -> None:
        if not self.review.needs_override:
            self.ok_button.setText(self.tr("Promote"))
            self.ok_button.setEnabled(True)
            return
        self.ok_button.setText(self.tr("Promote anyway"))
        self.ok_button.setEnabled(self.override.isChecked() and bool(self.reason.text().strip()))

    @property
    def forced(self) -> bool:
        return self.review.needs_override and self.override.isChecked()

    @property
    def reason_text(self) -> str:
        return self.reason.text().strip()
