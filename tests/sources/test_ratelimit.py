"""The per-client token bucket, on a fake clock (no sleeping, no timing)."""

from __future__ import annotations

from assist.sources.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_refill_per_client() -> None:
    clock = Clock()
    rl = RateLimiter(60, burst=3, clock=clock)  # one a second, bursts of 3
    assert [rl.check("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = rl.check("a")
    assert 0.99 < wait <= 1.0 and RateLimiter.retry_after_header(wait) == "1"
    assert rl.check("b") == 0.0  # another client is not affected
    clock.now += 1.0
    assert rl.check("a") == 0.0
    assert rl.check("a") > 0.0
    clock.now += 100.0
    assert [rl.check("a") for _ in range(3)] == [0.0, 0.0, 0.0]  # refills up to the burst only
    assert rl.check("a") > 0.0


def test_disabled_and_bounded() -> None:
    assert RateLimiter(0).check("x") == 0.0
    clock = Clock()
    rl = RateLimiter(60, burst=1, max_clients=100, clock=clock)
    for i in range(1000):
        rl.check(f"client-{i}")
    assert len(rl) <= 100
