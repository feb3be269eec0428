"""Privacy of what leaves the database, end to end, with an adversarial corpus of our own.

The learning engineer's corpus (tests/learning/redaction_corpus.jsonl) tests the redactor
itself; this one was written independently and goes through the whole path: customer
messages with personal data are ingested, predicted, answered by an agent who repeats the
data, then ``export_dataset`` writes the training files. Every file it writes must hold
none of the personal data (exact text, and for numbers also the bare digit run), while the
rest of the text, HTML and ``javascript:`` links included, stays literally as written.

CSV exports of the console's tables neutralise spreadsheet formulas and keep hostile text
(HTML, Qt rich text, ``javascript:`` links, quotes, newlines, bidi controls) literal.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from assist.core.redact import find_pii, redact
from assist.core.types import IncomingMessage, IntentPrediction, IntentScore
from assist.learning.analytics import all_breakdowns, funnel
from assist.learning.dataset import export_dataset
from assist.learning.tables import Table, csv_cell
from assist.storage import events
from assist.storage.database import Database
from assist.storage.models import Message

# (customer text, personal data in it that must never leave the database)
CORPUS: list[tuple[str, list[str]]] = [
    ("Email me: Li.Wei-88@Mail.Example.CN please", ["Li.Wei-88@Mail.Example.CN"]),
    ("my mail is <a href='mailto:anna@shop.io'>anna@shop.io</a>", ["anna@shop.io"]),
    ("联系邮箱 zhao_min@foxmail.com 谢谢", ["zhao_min@foxmail.com"]),
    ("send it to peter.o@sub.domain.co.uk.", ["peter.o@sub.domain.co.uk"]),
    ("EMAIL:JANE.DOE@EXAMPLE.ORG", ["JANE.DOE@EXAMPLE.ORG"]),
    ("my email is bob[at]gmail[dot]com", ["bob[at]gmail[dot]com"]),
    ("call me on 138 0013 8000", ["138 0013 8000"]),
    ("call 1380 0138 000 now", ["1380 0138 000"]),
    ("我的手机号是13912345678，快点", ["13912345678"]),
    ("手机：+86 139-1234-5678", ["139-1234-5678"]),
    ("My number is (415) 555-0132", ["555-0132"]),
    ("ring +44 20 7946 0958 after 5pm", ["7946 0958"]),
    ("please call me at +1 212 555 0199", ["555 0199"]),
    ("电话 010-62345678 找张经理", ["62345678"]),
    ("phone:15800001111", ["15800001111"]),
    ("mobile 139.1234.5678 thanks", ["139.1234.5678"]),
    ("手机号１３８００１３８０００", ["１３８００１３８０００"]),
    ("card 4111 1111 1111 1111 was charged twice", ["4111 1111 1111 1111"]),
    ("卡号5500-0000-0000-0004被扣款两次", ["5500-0000-0000-0004"]),
    ("charge it to 378282246310005 please", ["378282246310005"]),
    ("the card number is 4111-1111-1111-1111 exp 12/27 cvv 123", ["4111-1111-1111-1111"]),
    ("order #LL20260412 — my card 4012888888881881 was declined", ["4012888888881881"]),
    ("身份证号 11010519491231002X", ["11010519491231002X"]),
    ("my id card 440308199901011234", ["440308199901011234"]),
    ("SSN 078-05-1120 for the tax form", ["078-05-1120"]),
    ("passport number E12345678", ["E12345678"]),
    ("ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043", ["1600 Amphitheatre Parkway"]),
    ("地址是北京市海淀区中关村大街27号", ["中关村大街27号"]),
    ("my address is 221B Baker Street, London NW1 6XE", ["221B Baker Street", "NW1 6XE"]),
    ("请寄到上海市浦东新区世纪大道100号2001室", ["世纪大道100号"]),
    ("Hi, my name is Olivia Martinez and my parcel is late", ["Olivia Martinez"]),
    ("hi my name is olivia martinez", ["olivia martinez"]),
    ("I am Dr. Wu Jian, refund please", ["Wu Jian"]),
    ("This is Mrs. Eleanor Whitfield, where is my refund?", ["Eleanor Whitfield"]),
    ("Thanks,\nRajesh Kumar", ["Rajesh Kumar"]),
    ("我叫王小明，订单没到", ["王小明"]),
    ("收件人：陈静 电话13600001234", ["陈静", "13600001234"]),
    ("联系人：欧阳娜娜 138-0013-8000", ["欧阳娜娜", "138-0013-8000"]),
    ("我是李娜，邮箱lina_2024@126.com，手机18612345678", ["李娜", "lina_2024@126.com", "18612345678"]),
    ("<b>My phone is 13700001111</b><script>alert(1)</script>", ["13700001111"]),
    ("<a href=\"javascript:alert('x')\">mail bob.k@corp.example</a>", ["bob.k@corp.example"]),
    ("\u202eemail: eve@evil.example\u202c", ["eve@evil.example"]),
    # lower-case self-introductions and zero-width characters (once gaps, closed)
    ("i'm john smith, where is my stuff", ["john smith"]),
    ("i am john smith", ["john smith"]),
    ("this is john", ["john"]),
    ("我的电话是 138\u200b0013\u200b8000", ["138\u200b0013\u200b8000"]),
    # e-mails with plus tags and subdomains
    ("email me at jane.doe+orders@mail.shop.example.com", ["jane.doe+orders@mail.shop.example.com"]),
    ("a.b+tag@sub.dept.uni.edu.cn 是我的邮箱", ["a.b+tag@sub.dept.uni.edu.cn"]),
    ("contact: first_last+x-1@eu.mail.example.co.uk", ["first_last+x-1@eu.mail.example.co.uk"]),
    # Chinese mobiles
    ("手机 +86 159 1234 5678", ["159 1234 5678"]),
    ("联系我 0086-15912345678", ["15912345678"]),
    ("电话：(+86)13800138000", ["13800138000"]),
    ("打给我18888888888吧", ["18888888888"]),
    # international phones with spaces, dashes, dots and parentheses
    ("call +1 (415) 555-2671", ["555-2671"]),
    ("my number +44 (0)20 7946 0958", ["7946 0958"]),
    ("tel: +49-30-1234567", ["1234567"]),
    ("+33 1 42 68 53 00 is my line", ["42 68 53 00"]),
    ("phone 001-212-555-0199", ["212-555-0199"]),
    ("reach me at (020) 7946 0958", ["7946 0958"]),
    ("my cell is 415.555.2671", ["415.555.2671"]),
    # 身份证 numbers, X check digit in either case, spaced
    ("身份证号码：11010119900307663X", ["11010119900307663X"]),
    ("我的身份证是 44030619850101123x", ["44030619850101123x"]),
    ("身份证 110105 19491231 002X", ["110105 19491231 002X"]),
    # bank accounts (IBAN), grouped and compact
    ("IBAN DE89 3704 0044 0532 0130 00", ["DE89 3704 0044 0532 0130 00"]),
    ("my iban is GB29NWBK60161331926819 thanks", ["GB29NWBK60161331926819"]),
    ("please refund to FR14 2004 1010 0505 0001 3M02 606", ["FR14 2004 1010 0505 0001 3M02 606"]),
    ("账户 IBAN: NL91ABNA0417164300", ["NL91ABNA0417164300"]),
    # street addresses
    ("ship it to 42 Wallaby Way, Sydney NSW 2000", ["42 Wallaby Way", "NSW 2000"]),
    ("deliver to 350 Fifth Avenue, Apt 5B, New York, NY 10118", ["350 Fifth Avenue", "Apt 5B", "NY 10118"]),
    ("send to Flat 3, 25 High Road, Leeds LS1 4AB", ["25 High Road", "LS1 4AB"]),
    ("寄到广东省深圳市南山区科技园路1号", ["科技园路1号", "深圳市南山区"]),
    ("地址：浙江省杭州市西湖区文三路478号华星时代广场A座1201室", ["文三路478号", "1201室"]),
    ("请送到北京市朝阳区建国路88号", ["建国路88号"]),
    ("我住在成都市武侯区人民南路四段9号", ["人民南路四段9号"]),
    # names after "my name is" / "this is" / 我叫 / 我是
    ("my name is Sarah Connor", ["Sarah Connor"]),
    ("My name is sarah connor and my order is late", ["sarah connor"]),
    ("Hello, this is Li Na speaking", ["Li Na"]),
    ("this is Tom Hanks from account 42", ["Tom Hanks"]),
    ("我叫李雷", ["李雷"]),
    ("我是韩梅梅，我的订单还没到", ["韩梅梅"]),
    ("我叫欧阳修，手机13800138000", ["欧阳修", "13800138000"]),
]
# What agents and the slot filler need stays as written: order and tracking numbers, amounts,
# dates, product names and model numbers.
KEEP: list[str] = [
    "order #LL20260412 is late",
    "订单号：LL20260412",
    "my order number is 20260412001 please check",
    "order 123456789 hasn't arrived",
    "订单号 202604121234567",
    "订单 ORD-20260412-0001 还没发货",
    "Order No. 4500012345",
    "tracking SF1234567890",
    "单号 YT2241234567890",
    "Invoice INV-2026-0042",
    "I paid $1,299.00 on 2026-04-12",
    "金额 ¥299.00，2026年4月12日下单",
    "I need 3 items by 12/05/2026",
    "it weighs 2.5 kg and costs 49.99",
    "I bought an iPhone 15 Pro Max 256GB",
    "Galaxy S24 Ultra 512GB and AirPods Pro 2",
    "model A2849 iPhone 15",
]
HOSTILE_LITERALS = ["<script>alert(1)</script>", "<b>", "javascript:alert('x')", "<a href="]


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _leaks(corpus: list[tuple[str, list[str]]], output: str) -> list[str]:
    """Personal data found in ``output``: the exact text, or a number's digits (7+) in a run."""
    runs = {_digits(m) for m in re.findall(r"[\d\s\-.()+\uff10-\uff19\u200b]{7,}", output)}
    found = []
    for _text, values in corpus:
        for v in values:
            d = _digits(v)
            if v in output or v.lower() in output.lower() or (len(d) >= 7 and any(d in r for r in runs)):
                found.append(v)
    return found


def test_redactor_has_zero_leaks_on_this_independent_corpus() -> None:
    leaks = [(t, v) for t, vs in CORPUS for v in vs if _leaks([(t, [v])], redact(t))]
    assert leaks == [], leaks
    print(
        f"\nredaction corpus: {sum(len(v) for _, v in CORPUS)} personal data items in {len(CORPUS)} messages, 0 leaks"
    )


def test_redactor_keeps_order_numbers_amounts_dates_and_products() -> None:
    assert [t for t in KEEP if redact(t) != t] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("IBAN DE89 3704 0044 0532 0130 00", "CARD"),
        ("my iban is GB29NWBK60161331926819", "CARD"),
        ("身份证号码：11010119900307663X", "ID_NUMBER"),
        ("phone 001-212-555-0199", "PHONE"),
        ("电话：(+86)13800138000", "PHONE"),
        ("email me at jane.doe+orders@mail.shop.example.com", "EMAIL"),
        ("ship it to 42 Wallaby Way, Sydney NSW 2000", "ADDRESS"),
        ("我是韩梅梅", "NAME"),
    ],
)
def test_each_kind_gets_its_own_placeholder(text: str, kind: str) -> None:
    spans = find_pii(text)
    assert [s.kind for s in spans] == [kind], spans


def test_iban_needs_its_country_length_and_check_digits() -> None:
    for text in (
        "tracking SF1234567890123",
        "DE89370400440532013001",
        "code AB12CDEF34567890",
        "GB29 NWBK",
    ):
        assert not [s for s in find_pii(text) if s.kind == "CARD"], text


def test_export_redacts_a_partial_repeat_of_the_address(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'partial.sqlite'}")
    try:
        got = db.writer.write(
            events.ingest_message(
                IncomingMessage("a1", "addr", "my address is 221B Baker Street, London NW1 6XE")
            )
        )
        pred = IntentPrediction((IntentScore("shipping", 0.9),), False, "rel-v1")
        db.writer.write(events.log_prediction(got.message_pk, pred))
        db.writer.write(
            events.send_reply(
                "addr",
                "OK, we will ship to Baker Street today.",
                agent_name="amy",
                reply_to_pk=got.message_pk,
            )
        )
        out = tmp_path / "export"
        export_dataset(db, out)
        body = "\n".join(f.read_text(encoding="utf-8") for f in out.iterdir())
        assert "Baker Street" not in body
    finally:
        db.close()


def _log_conversations(db: Database) -> None:
    """Each corpus message: ingested, predicted, answered by an agent who repeats the data."""
    hostile_agents = ['=HYPERLINK("http://evil.example","click")', "<b>amy</b>", "@SUM(A1)", "lin"]
    for i, (text, values) in enumerate(CORPUS):
        conv = f"priv-{i}"
        got = db.writer.write(events.ingest_message(IncomingMessage(f"pm-{i}", conv, text)))
        label = ["track_order", "refund", '=cmd|" /C calc"!A0', "<i>billing</i>"][i % 4]
        pred = IntentPrediction((IntentScore(label, 0.8), IntentScore("other", 0.2)), False, "rel-v1")
        db.writer.write(events.log_prediction(got.message_pk, pred))
        reply = f"Thanks, I have noted {' and '.join(values)}. <b>Anything else?</b>"
        db.writer.write(
            events.send_reply(
                conv,
                reply,
                agent_name=hostile_agents[i % 4],
                reply_to_pk=got.message_pk,
                inserted_text="Thanks, I have noted it.",
            )
        )


@pytest.fixture
def logged_db(tmp_path: Path) -> Any:
    db = Database.open(f"sqlite:///{tmp_path / 'privacy.sqlite'}")
    _log_conversations(db)
    yield db
    db.close()


def test_training_export_has_zero_leaks_and_keeps_hostile_text_literal(
    logged_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    manifest = export_dataset(logged_db, out)
    files = sorted(out.iterdir())
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    assert manifest["counts"]["intents_train"] + manifest["counts"]["intents_valid"] == len(CORPUS)
    assert manifest["counts"]["pairs_train"] + manifest["counts"]["pairs_valid"] == len(CORPUS)
    # every JSON string value, decoded (a leak could hide behind \\u escapes)
    decoded: list[str] = []
    for name, body in texts.items():
        if name.endswith(".jsonl"):
            for line in body.splitlines():
                decoded.extend(_strings(json.loads(line)))
        else:
            decoded.extend(_strings(json.loads(body)))
    everything = "\n".join([*texts.values(), *decoded])
    leaks = _leaks(CORPUS, everything)
    total = sum(len(v) for _, v in CORPUS)
    print(
        f"\nexport: {len(files)} files, {total} personal data items planted in messages and replies, {len(leaks)} leaked"
    )
    assert leaks == [], leaks
    # the data is still there in the database (redaction happens on the way out, not in place)
    with logged_db.read() as s:
        assert (
            int(
                s.scalar(select(func.count()).select_from(Message).where(Message.text.like("%anna@shop.io%")))
                or 0
            )
            >= 1
        )
    # HTML and javascript: links are exported as the literal characters, neither executed nor escaped away
    joined = "\n".join(decoded)
    for literal in HOSTILE_LITERALS:
        assert literal in joined, literal
    assert "&lt;" not in joined and "&gt;" not in joined


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)] + [k for k in value if isinstance(k, str)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


HOSTILE_CELLS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "<script>alert(1)</script>",
    "<b>bold</b> <i>it</i>",
    "<a href='javascript:alert(1)'>x</a>",
    'quote " and, comma',
    "two\nlines",
    "\u202eevil\u202c",
    "订单 <font color=red>红</font>",
    "",
]


def _check_csv(text: str, table: Table) -> int:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(table.columns)
    checked = 0
    for parsed, original in zip(rows[1:], table.rows, strict=True):
        for cell, value in zip(parsed, original, strict=True):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or isinstance(value, int | float), (
                cell
            )
            if isinstance(value, str):
                assert cell in (value, "'" + value), (cell, value)  # literal, at most neutralised
                checked += 1
    return checked


def test_csv_export_keeps_hostile_text_literal_and_neutralises_formulas(tmp_path: Path) -> None:
    table = Table("hostile", ("text", "count"), [(cell, i) for i, cell in enumerate(HOSTILE_CELLS)])
    path = tmp_path / "t.csv"
    text = table.to_csv(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert fh.read() == text
    assert _check_csv(text, table) == len(HOSTILE_CELLS)


def _outside_quotes(text: str) -> str:
    """``text`` without its quoted fields: what an RFC 4180 reader sees as structure."""
    return re.sub(r'"(?:[^"]|"")*"', "", text)


LINE_BREAK_CELLS = ["refund\r=1+1", "\r=1", "a\r\nb", "\n@x", 'say "hi",\rthen', "\r", "行一\n行二"]


def test_csv_cells_with_line_breaks_stay_one_cell_and_round_trip() -> None:
    table = Table("cr", ("label", "n"), [(cell, i) for i, cell in enumerate(LINE_BREAK_CELLS)])
    text = table.to_csv()
    # Python's csv module reads back every cell exactly (neutralised cells with their "'")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert rows[1:] == [[csv_cell(c), str(i)] for i, c in enumerate(LINE_BREAK_CELLS)]
    assert [r[0] for r in rows[1:3]] == ["refund\r=1+1", "'\r=1"]
    # a spreadsheet sees one record per row: every CR or LF inside a cell is inside quotes
    structure = _outside_quotes(text)
    assert "\r" not in structure and structure.count("\n") == len(LINE_BREAK_CELLS) + 1
    # and no record starts a cell with a formula character
    for record in structure.split("\n"):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in record.split(",")), record
    assert _check_csv(text, table) == len(LINE_BREAK_CELLS)


def test_console_tables_with_hostile_agent_and_intent_names_export_safely(
    logged_db: Database, tmp_path: Path
) -> None:
    with logged_db.read() as s:
        tables = [funnel(s), *all_breakdowns(s).values()]
    checked = 0
    for i, table in enumerate(tables):
        checked += _check_csv(table.to_csv(tmp_path / f"t{i}.csv"), table)
    joined = "\n".join(t.to_csv() for t in tables)
    assert "HYPERLINK" in joined and "<b>amy</b>" in joined  # the hostile names are in the export, inert
    assert checked > 0
    assert _leaks(CORPUS, joined) == []


# ----------------------------------------------------------------------------- retrieval index
SENT_REPLIES: list[tuple[str, list[str]]] = [
    (
        "Hi Olivia, I have sent the label to olivia.m@example.com and will call 138 0013 8000.",
        ["Olivia", "olivia.m@example.com", "138 0013 8000"],
    ),
    (
        "Dear Rajesh Kumar, your card 4111 1111 1111 1111 was refunded today.",
        ["Rajesh Kumar", "4111 1111 1111 1111"],
    ),
    ("陈静女士，您好，我们会寄到北京市海淀区中关村大街27号。", ["陈静", "中关村大街27号"]),
    (
        "Hello Eleanor Whitfield, we will ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043.",
        ["Eleanor Whitfield", "1600 Amphitheatre Parkway"],
    ),
    (
        "您好，发票已发送至邮箱zhao_min@foxmail.com，如有问题请拨打13912345678",
        ["zhao_min@foxmail.com", "13912345678"],
    ),
    ("Hi, your ID 11010519491231002X is verified and the refund is on its way.", ["11010519491231002X"]),
    ("王小明您好，已为您办理退款，三天内到账。", ["王小明"]),  # Chinese "<name>您好" greeting
    ("Sure Wu Jian, the refund has started.", ["Wu Jian"]),
    ("OK john, your refund is on its way.", ["john"]),
]


@pytest.fixture(scope="module")
def embedder() -> Any:
    import torch

    from assist.drafts.embedder import SentenceEmbedder

    torch.set_num_threads(1)
    return SentenceEmbedder()


def _served_texts(embedder: Any, replies: list[tuple[str, list[str]]]) -> list[str]:
    from assist.drafts.retrieval import IndexedReply, ReplyIndex

    index = ReplyIndex(embedder)
    index.add(
        [IndexedReply(f"sent-{i}", text, "refund", source="retrieved") for i, (text, _) in enumerate(replies)]
    )
    served = [i.text for i in index.items]  # everything the index could ever hand to another customer
    for query in ("where is my refund?", "我要退款", "please send the invoice", "has it shipped"):
        served += [hit.text for hit in index.search(query, k=len(replies))]
    return served


def test_retrieved_drafts_never_carry_another_customers_personal_data(embedder: Any) -> None:
    served = _served_texts(embedder, SENT_REPLIES)
    assert served
    assert _leaks(SENT_REPLIES, "\n".join(served)) == []


# ----------------------------------------------------------------------------- PII split by HTML tags
TAG_SPLIT = [
    ("<span>jane</span>@<span>example.org</span>", ["jane", "example.org"]),
    ("write to <b>jane.doe</b><i>@</i>example<!-- x -->.org please", ["jane.doe", "example"]),
    ("my number is <b>138</b>0013<i>8000</i>", ["13800138000"]),
    ("card <span>4111 1111</span> <span>1111 1111</span> thanks", ["4111111111111111"]),
]


@pytest.mark.parametrize(("text", "parts"), TAG_SPLIT, ids=["email", "email-comment", "phone", "card"])
def test_pii_split_by_html_tags_is_redacted_in_the_export(
    tmp_path: Path, text: str, parts: list[str]
) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'tags.sqlite'}")
    try:
        got = db.writer.write(events.ingest_message(IncomingMessage("t1", "tags", text)))
        pred = IntentPrediction((IntentScore("contact", 0.9),), False, "rel-v1")
        db.writer.write(events.log_prediction(got.message_pk, pred))
        db.writer.write(
            events.send_reply("tags", f"Noted: {text}", agent_name="amy", reply_to_pk=got.message_pk)
        )
        out = tmp_path / "export"
        export_dataset(db, out)
        body = "\n".join(f.read_text(encoding="utf-8") for f in out.iterdir())
    finally:
        db.close()
    visible = re.sub(r"<[^<>]*>", "", body)
    assert "contact" in body  # the rows were exported
    for part in parts:
        assert part not in body and part not in _digits(visible) and part not in visible, (part, body)


# ----------------------------------------------------------------------------- PII in HTML entities, full width
ENCODED = [
    ("write to jane&#64;example.org", ["jane", "example.org"]),
    ("mail jane&#x40;example&#46;org or jane&commat;example&period;org", ["jane", "example"]),
    ("reach me at ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ please", ["ｊａｎｅ", "ｅｘａｍｐｌｅ"]),
    ("<span>jane</span>&#64;<span>example.org</span>", ["jane", "example.org"]),
    ("my number is &#49;3800138000", ["3800138000"]),
    ("mail jöhn@example.com or jane@exämple.de", ["jöhn", "exämple", "jane"]),
    ("link: https://shop.example/track?email=jane%40example.org", ["jane", "example.org"]),
    ("我的手机是 1 3 8 0 0 1 3 8 0 0 0", ["1 3 8 0 0 1 3 8 0 0 0"]),
    ("phone 12 34 56 78 90, thanks", ["12 34 56 78 90"]),
]


@pytest.mark.parametrize(
    ("text", "parts"),
    ENCODED,
    ids=[
        "entity",
        "entities",
        "fullwidth",
        "tags",
        "digit",
        "accented",
        "url-encoded",
        "spaced-digits",
        "pairs-of-digits",
    ],
)
def test_pii_written_with_html_entities_or_full_width_forms_is_redacted(text: str, parts: list[str]) -> None:
    out = redact(text)
    for part in parts:
        assert part not in out, (part, out)
    assert redact(out) == out  # idempotent


def test_entities_and_full_width_text_without_pii_are_kept() -> None:
    for text in (
        "Tom &amp; Jerry cost &#36;5, order #LL20260412",
        "我的订单到哪了？请尽快，谢谢！",
        "ＯＫ，ｔｈａｎｋｓ",
        "50%40 off",
        "phone: 2024-12-07 is when I called",
        "I have 2 3 4 5 6 7 8 apples",
        "my order is 1 2 3 4 5 6 7 8",
    ):
        assert redact(text) == text
    assert redact("我的邮箱是jane@example.com谢谢") == "我的邮箱是[EMAIL]谢谢"  # CJK around it is kept
