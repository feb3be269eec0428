"""Event-loop lag: a timer that should fire every ``interval_ms``; how late it fires is the lag.

If inference, a database write or a big layout ran on the GUI thread, the timer would fire
late and the lag would show it. The desk records samples continuously, shows them in the
debug view, and the end-to-end benchmark reads ``samples``/``p99()`` while it loads the app.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from assist.service.latency import percentile


class Heartbeat(QObject):
    beat = Signal(float)  # the lag of the last beat, ms

    def __init__(self, interval_ms: int = 50, *, keep: int = 6000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.samples: deque[float] = deque(maxlen=keep)  # lag in ms, newest last
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        now = time.perf_counter()
        lag = max(0.0, (now - self._last) * 1000.0 - self.interval_ms)
        self._last = now
        self.samples.append(lag)
        self.beat.emit(lag)

    def p50(self) -> float | None:
        return percentile(self.samples, 50)

    def p99(self) -> float | None:
        return percentile(self.samples, 99)

    def max(self) -> float | None:
        return max(self.samples) if self.samples else None

    def reset(self) -> None:
        self.samples.clear()
