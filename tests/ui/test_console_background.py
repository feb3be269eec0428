"""The console's background runner: a result that lands after its widget was closed and
deleted goes nowhere (it used to reach a deleted table model and raise in the event loop)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

from assist.ui.console_common import Background

pytestmark = [pytest.mark.gui]


class _Sink(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.got: list[Any] = []

    def take(self, result: Any) -> None:
        self.objectName()  # raises RuntimeError once the C++ object is gone
        self.got.append(result)


def _delete(widget: QWidget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_result_for_a_live_widget_is_delivered(qtbot: Any) -> None:
    parent = QWidget()
    background, sink = Background(parent), _Sink(parent)
    background.run(lambda: 42, sink.take)
    qtbot.waitUntil(lambda: background.pending == 0, timeout=10_000)
    assert sink.got == [42]
    _delete(parent)


@pytest.mark.parametrize("deleted", ["console", "owner"])
def test_a_result_that_lands_after_its_widget_was_deleted_is_dropped(qtbot: Any, deleted: str) -> None:
    console = QWidget()
    background = Background(console)
    owner = QWidget(console)
    sink = _Sink(owner)
    release = threading.Event()
    started = threading.Event()

    def slow() -> int:
        started.set()
        release.wait(10)
        return 7

    errors: list[BaseException] = []
    background.run(slow, lambda r: sink.take(r), errors.append, owner=owner)
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()  # deleting the console waits for its pool's running task
    _delete(console if deleted == "console" else owner)
    if deleted == "owner":
        qtbot.waitUntil(lambda: background.pending == 0, timeout=10_000)
        _delete(console)
    for _ in range(5):
        QCoreApplication.processEvents()  # the queued result arrives now, and must go nowhere
    assert sink.got == [] and errors == []
