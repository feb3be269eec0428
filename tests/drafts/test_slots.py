"""Slot filling: both placeholder styles, values from the conversation, unfilled stay marked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assist.drafts.slots import extract_values, fill_slots, find_placeholders


def test_bitext_style_placeholders_filled_from_the_conversation() -> None:
    conversation = [
        "Hi, my order #A12345 for the Aurora Lamp has not arrived",
        "agent: let me check",
        "tracking says 1Z999AA10123456784, I paid $49.99, write to jo@example.com",
    ]
    text, unfilled = fill_slots(
        "Order {{Order Number}} ({{Product Name}}) ships with {{Tracking Number}}; "
        "refund {{Refund Amount}} to {{Email}}. Visit {{Website Name}}.",
        conversation,
    )
    assert text == (
        "Order A12345 (Aurora Lamp) ships with 1Z999AA10123456784; refund $49.99 to jo@example.com. "
        "Visit {{Website Name}}."
    )
    assert unfilled == ("{{Website Name}}",)


def test_chinese_placeholders() -> None:
    text, unfilled = fill_slots(
        "您的订单{订单号}已退款{退款金额}，如有问题请拨打{客服电话}。",
        ["你好，订单号是 20231234567，付了 88元"],
    )
    assert text == "您的订单20231234567已退款88元，如有问题请拨打{客服电话}。"
    assert unfilled == ("{客服电话}",)


def test_a_message_that_is_only_an_id_gives_the_order_number() -> None:
    """The customer answers "which order?" with the number alone, in a turn of its own (the
    demo shop's 怎么还不发货啊 / LL20260478 left {订单号} unfilled)."""
    text, unfilled = fill_slots("订单{订单号}已经发货啦", ["怎么还不发货啊，都五天了", "LL20260478"])
    assert (text, unfilled) == ("订单LL20260478已经发货啦", ())
    assert extract_values(["where is it?", "#A12345."])["order"] == "A12345"
    # a mobile number alone, or an id inside other words without an order mention, is not taken
    assert "order" not in extract_values(["请联系我", "13800138000"])
    assert "order" not in extract_values(["my code is 123456 thanks"])


def test_an_id_in_the_shops_format_is_the_order_number_without_the_word_order() -> None:
    """A review saw {订单号} unfilled for "我的快递到哪了 LL20260412" while the card asking for the
    number was demoted as if it had been given: one definition now serves both."""
    from assist.drafts.conditions import unmet

    for turn, order in (
        ("我的快递到哪了 LL20260412", "LL20260412"),
        ("Has LL20260412 shipped yet? where is my package", "LL20260412"),
    ):
        assert extract_values([turn])["order"] == order
        assert fill_slots("订单{订单号}", [turn])[0] == f"订单{order}"
        assert unmet(("no_order_number",), [turn]) == ("no_order_number",)  # given: asking is unmet
    # a long number alone is not taken: it is as often a phone, card or tracking number
    for turn in ("call me on 13800138000 please", "my code is 123456 thanks", "物流一直不动 3458291047362"):
        assert "order" not in extract_values([turn]), turn
        assert unmet(("no_order_number",), [turn]) == (), turn


def test_numbers_given_for_something_else_are_not_the_order_number() -> None:
    """A third review saw phone, card and ID numbers, a date and tracking numbers put into the
    reply as the order number (and a 19,000-digit message froze the desk in the amount pattern)."""
    cases = [
        (["my order LL20260412 hasn't arrived yet", "Please call me at 4155551234 when it ships"], "LL20260412"),
        (["我的订单LL20260412到哪了", "快递到了打我电话 +8613800138000"], "LL20260412"),
        (["I was charged twice for my order, card 6222021234567890123"], None),
        (["订单有问题 身份证号 110101199003071234"], None),
        (["I ordered on 20260412, where is my order?"], None),
        (["顺丰单号SF1234567890123 到哪了"], None),
        (["where is my order? my tracking is 773012345678"], None),
        (["1" * 19000], None),
    ]
    for conversation, order in cases:
        assert extract_values(conversation).get("order") == order, conversation[-1][:40]
    assert extract_values(["我的快递SF1234567890123到哪了"])["tracking"] == "SF1234567890123"
    assert extract_values(["where is my order? my tracking is 773012345678"])["tracking"] == "773012345678"


def test_unfilled_placeholder_stays_verbatim() -> None:
    template = "We will look into order {{Order Number}} and email {{Email}}."
    text, unfilled = fill_slots(template, ["I want to track my order please"])
    assert text == template
    assert unfilled == ("{{Order Number}}", "{{Email}}")


def test_newest_value_wins() -> None:
    values = extract_values(["order 111222", "sorry, I meant order 333444"])
    assert values["order"] == "333444"


def test_find_placeholders_in_order() -> None:
    assert find_placeholders("a {{X Y}} b {订单号} c") == ("{{X Y}}", "{订单号}")


@given(
    st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=200),
    st.lists(st.text(max_size=50), max_size=3),
)
def test_text_without_placeholders_is_unchanged(text: str, conversation: list[str]) -> None:
    assert fill_slots(text, conversation) == (text, ())


def test_demo_shop_style_ids() -> None:
    assert extract_values(["where is my order? it's LL20260412"])["order"] == "LL20260412"
    assert extract_values(["订单LL20260412还没到"])["order"] == "LL20260412"
    assert extract_values(["shipped with ZTO, tracking number 78341902215."])["tracking"] == "78341902215"
    assert "tracking" not in extract_values(["the tracking information is wrong"])


def test_what_the_help_desk_knows_fills_what_the_conversation_does_not_say() -> None:
    known = {"name": "Mei Chen", "email": "mei@example.com"}
    text, unfilled = fill_slots("Dear {{Customer Name}}, we wrote to {{Email}} about {{Order Number}}.", ["hi"], known)
    assert text == "Dear Mei Chen, we wrote to mei@example.com about {{Order Number}}."
    assert unfilled == ("{{Order Number}}",)
    said = fill_slots("We wrote to {{Email}}.", ["use other@example.com please"], known)[0]
    assert said == "We wrote to other@example.com."  # the conversation is newer than the contact
    assert fill_slots("Dear {客户姓名}", [], known)[0] == "Dear Mei Chen"
    assert fill_slots("Dear {{Customer Name}}", ["hi"]) == ("Dear {{Customer Name}}", ("{{Customer Name}}",))


def test_placeholders_that_name_a_page_a_button_or_the_shops_address_stay() -> None:
    """Bitext names pages and buttons with words of a value ({{Order History}}, {{Add Item}}); the
    order number went into them: "go to the 732201349959 section"."""
    conversation = ["remove a product from order 732201349959, my mail is jo@example.com, the Aurora Lamp"]
    text, unfilled = fill_slots(
        "Open {{Order History}}, find order {{Order Number}}, press {{Remove Item}} or {{Cancel Order}}; "
        "we reply to {{Email}} from {{Customer Support Email}} about {{Product Name}}.",
        conversation,
    )
    assert text == (
        "Open {{Order History}}, find order 732201349959, press {{Remove Item}} or {{Cancel Order}}; "
        "we reply to jo@example.com from {{Customer Support Email}} about Aurora Lamp."
    )
    assert unfilled == ("{{Order History}}", "{{Remove Item}}", "{{Cancel Order}}", "{{Customer Support Email}}")
