"""Rolling latency samples per stage, for the status bar, the simulator and the benchmarks."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable


def percentile(values: Iterable[float], q: float) -> float | None:
    """Nearest-rank percentile (``q`` in 0..100); None for no values."""
    data = sorted(values)
    if not data:
        return None
    rank = max(0, min(len(data) - 1, round(q / 100.0 * (len(data) - 1))))
    return data[rank]


class LatencyStats:
    """The last ``maxlen`` samples of each named latency, in milliseconds."""

    def __init__(self, maxlen: int = 2000) -> None:
        self._maxlen = maxlen
        self._samples: dict[str, deque[float]] = {}

    def add(self, name: str, ms: float) -> None:
        self._samples.setdefault(name, deque(maxlen=self._maxlen)).append(ms)

    def samples(self, name: str) -> list[float]:
        return list(self._samples.get(name, ()))

    def last(self, name: str) -> float | None:
        found = self._samples.get(name)
        return found[-1] if found else None

    def p50(self, name: str) -> float | None:
        return percentile(self.samples(name), 50)

    def p95(self, name: str) -> float | None:
        return percentile(self.samples(name), 95)

    def names(self) -> list[str]:
        return sorted(self._samples)
