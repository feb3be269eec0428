"""A customer's pasted HTML put ``javascript:alert(2)`` into a library draft as the product
name ("Stock for javascript:alert(2) arrived at the warehouse"; review-desk)."""

from __future__ import annotations

import pytest

from assist.drafts.slots import extract_values, fill_slots


@pytest.mark.parametrize(
    "message",
    [
        '<a href="javascript:alert(2)">click me</a>',
        'see "https://evil.example/x?a=1" for my order',
        'my cart says "<script>alert(1)</script>"',
        'the "onerror=alert(3)" thing',
        "我买的《javascript:alert(1)》",
    ],
)
def test_a_link_or_markup_is_never_a_product_name(message: str) -> None:
    assert "product" not in extract_values([message])
    text, unfilled = fill_slots("Stock for {{Product Name}} arrived.", [message])
    assert text == "Stock for {{Product Name}} arrived." and unfilled == ("{{Product Name}}",)


def test_real_product_names_still_fill() -> None:
    assert extract_values(['Is the "Aurora X2" lamp back?'])["product"] == "Aurora X2"
    assert extract_values(["我买的《小米手环8》坏了"])["product"] == "小米手环8"
    assert extract_values(["my Trailrunner Boots are too small"])["product"] == "Trailrunner Boots"
    assert extract_values(['the "Aurora X2 (blue)" arrived broken'])["product"] == "Aurora X2 (blue)"
