"""ROUGE-L and chrF: known values, bounds and Chinese tokenisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assist.drafts.metrics import chrf, lcs_length, rouge_l, tokens


def test_rouge_l_known_value() -> None:
    # LCS("the cat sat on the mat", "the cat is on the mat") = 5 ("the cat on the mat")
    assert lcs_length(["the", "cat", "sat", "on", "the", "mat"], ["the", "cat", "is", "on", "the", "mat"]) == 5
    assert rouge_l("the cat sat on the mat", "the cat is on the mat") == pytest.approx(5 / 6)
    assert rouge_l("a b c", "a b c") == 1.0
    assert rouge_l("a b c", "x y z") == 0.0
    assert rouge_l("", "x") == 0.0


def test_chinese_is_tokenised_per_character() -> None:
    assert tokens("订单已发货 OK") == ["订", "单", "已", "发", "货", "ok"]
    assert rouge_l("订单已发货", "您的订单已发货") == pytest.approx(2 * (5 / 5) * (5 / 7) / (5 / 5 + 5 / 7))


def test_chrf_identity_disjoint_and_order() -> None:
    assert chrf("refund issued", "refund issued") == pytest.approx(1.0)
    assert chrf("abc", "xyz") == 0.0
    near = chrf("your refund was issued", "your refund has been issued")
    far = chrf("hello there friend", "your refund has been issued")
    assert 0 < far < near < 1


@given(st.text(max_size=60), st.text(max_size=60))
def test_scores_are_bounded(a: str, b: str) -> None:
    assert 0.0 <= rouge_l(a, b) <= 1.0
    assert 0.0 <= chrf(a, b) <= 1.0 + 1e-9
