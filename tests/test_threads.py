"""Thread defaults: intent and drafts run side by side, so each gets half the cores."""

from __future__ import annotations

import pytest

from assist.core import threads
from assist.core.threads import default_threads, use_default_torch_threads


@pytest.mark.parametrize(("cpus", "expected"), [(1, 1), (2, 1), (4, 2), (6, 3), (8, 4), (64, 4), (None, 1)])
def test_half_the_cores_between_one_and_four(monkeypatch: pytest.MonkeyPatch, cpus: int | None, expected: int) -> None:
    monkeypatch.delenv("ASSIST_INTENT_THREADS", raising=False)
    monkeypatch.setattr(threads.os, "cpu_count", lambda: cpus)
    assert default_threads() == expected


def test_the_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSIST_INTENT_THREADS", "3")
    assert default_threads() == 3
    monkeypatch.setenv("ASSIST_INTENT_THREADS", "zero")  # not a number: the default
    monkeypatch.setattr(threads.os, "cpu_count", lambda: 2)
    assert default_threads() == 1


def test_torch_gets_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    before = torch.get_num_threads()
    monkeypatch.setenv("ASSIST_INTENT_THREADS", "2")
    try:
        assert use_default_torch_threads() == 2 and torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
