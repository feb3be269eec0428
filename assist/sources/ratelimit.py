"""Per-client token buckets for the ingest server.

Each client (by remote address) gets a bucket that holds up to ``burst`` requests and
refills at ``per_minute / 60`` per second. A refused request learns how long to wait
(``Retry-After``). The table of clients is bounded: when it is full, buckets that have
refilled completely (clients that went quiet) are forgotten first, so a flood of spoofed
or rotating addresses cannot grow memory without limit.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(
        self,
        per_minute: int,
        *,
        burst: int | None = None,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_minute = per_minute
        self.capacity = float(burst if burst is not None else max(1, per_minute))
        self.rate = per_minute / 60.0  # tokens per second
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    def check(self, client: str) -> float:
        """Take one token for ``client``: 0.0 when allowed, else the seconds until one is free."""
        if not self.enabled:
            return 0.0
        now = self._clock()
        bucket = self._buckets.get(client)
        if bucket is None:
            self._make_room()
            bucket = self._buckets[client] = _Bucket(self.capacity, now)
        else:
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            self._buckets.move_to_end(client)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate

    @staticmethod
    def retry_after_header(wait_s: float) -> str:
        return str(max(1, math.ceil(wait_s)))

    def _make_room(self) -> None:
        if len(self._buckets) < self.max_clients:
            return
        now = self._clock()
        for key in list(self._buckets):
            b = self._buckets[key]
            if b.tokens + (now - b.updated) * self.rate >= self.capacity:
                del self._buckets[key]
        while len(self._buckets) >= self.max_clients:
            self._buckets.popitem(last=False)  # least recently seen

    def __len__(self) -> int:
        return len(self._buckets)
