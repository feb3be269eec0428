"""PII redaction for English and Chinese customer text.

Anything that leaves the database for training, export or the retrieval index passes
through :func:`redact`, which replaces personal data with typed placeholders so the
text keeps its shape (a model still learns "my email is [EMAIL]"):

==============  ===================================================================
placeholder     what it replaces
==============  ===================================================================
``[EMAIL]``     e-mail addresses, including "name (at) host (dot) com" spellings
``[PHONE]``     mainland mobiles (11 digits, +86/0086/86 prefixes, any grouping),
                landlines with area codes, international numbers with ``+CC``, US
                ``(555) 123-4567`` styles; bare digit runs after a phone keyword
``[CARD]``      payment card numbers: 13-19 digits (any spacing) passing Luhn, and
                anything written as 4-4-4-4 groups
``[ID_NUMBER]`` Chinese resident ID numbers (18 chars with a plausible birth date,
                or 15 after 身份证), US SSNs ``123-45-6789``, and numbers after
                ID keywords (passport, 护照, 身份证, SSN, driver's licence)
``[ADDRESS]``   street addresses (en: number + street + suffix, with unit, city,
                state/ZIP or UK postcode; zh: 省/市/区/县/路/街/号/室 runs) and the
                rest of the sentence after "my address is" / "地址是"
``[NAME]``      names the customer gives ("my name is", "I'm", "this is", "call me",
                sign-offs, Mr/Ms titles, 我叫, 我是 + surname, 姓名/收件人/联系人,
                王先生/李女士), and every later occurrence of those names
==============  ===================================================================

Order numbers (``#LL20260412``, ``ORD-123456``) and tracking numbers
(``SF1234567890``, ``1Z999AA10123456784``) are *not* PII: agents need them and the
slot filler uses them. Digits glued to letters, ``#`` or ``/`` are never matched, and
a bare digit run right after an order/tracking keyword is left alone unless it is a
Luhn-valid card or an ID number.

The detectors are deliberately greedy where a miss would leak data; over-redaction
of a few words costs a training example a little, a leak costs a customer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = ["PLACEHOLDERS", "PiiSpan", "find_pii", "redact"]

PLACEHOLDERS = ("EMAIL", "PHONE", "CARD", "ID_NUMBER", "ADDRESS", "NAME")
# When spans overlap, the merged span takes the kind that ranks first here.
_PRIORITY = {"ID_NUMBER": 0, "CARD": 1, "EMAIL": 2, "PHONE": 3, "ADDRESS": 4, "NAME": 5}


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """``text[start:end]`` is personal data of ``kind`` (one of :data:`PLACEHOLDERS`)."""

    start: int
    end: int
    kind: str
    text: str


# --------------------------------------------------------------------------- helpers
_NOT_BEFORE_NUM = r"(?<![A-Za-z0-9#_/\\.+-])"  # digits glued to these belong to a code
_NOT_AFTER_NUM = r"(?![A-Za-z0-9_/\\]|[.-]\d)"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"

_ORDER_KEYWORDS = re.compile(
    r"(order|tracking|track|shipment|parcel|package|waybill|invoice|ref(?:erence)?|sku|item|"
    r"订单|单号|运单|快递|物流|包裹|发票|编号)",
    re.IGNORECASE,
)
_PHONE_KEYWORDS = re.compile(
    r"(phone|tel|telephone|mobile|cell|call|text|whatsapp|wechat|contact|number|reach|"
    r"电话|手机|联系|号码|微信|致电|打给)",
    re.IGNORECASE,
)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _order_context(text: str, start: int, window: int = 28) -> bool:
    """True when the nearest keyword before ``start`` names an order or tracking number."""
    before = text[max(0, start - window) : start]
    order = [m.end() for m in _ORDER_KEYWORDS.finditer(before)]
    phone = [m.end() for m in _PHONE_KEYWORDS.finditer(before) if m.group(0).lower() != "number"]
    if not order:
        return False
    return not phone or max(order) > max(phone)


def _phone_context(text: str, start: int, window: int = 24) -> bool:
    before = text[max(0, start - window) : start]
    return any(m.group(0).lower() != "number" for m in _PHONE_KEYWORDS.finditer(before))


# --------------------------------------------------------------------------- e-mail
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*"
    r"\s*(?:@|＠|\(at\)|\[at\]|\{at\}|\s+at\s+)\s*"
    r"[A-Za-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*[A-Za-z0-9-]+)*"
    r"\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*(?:[A-Za-z]{2,24})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def _emails(text: str) -> Iterator[PiiSpan]:
    for m in _EMAIL.finditer(text):
        s = m.group(0)
        if "@" not in s and "＠" not in s:
            # "x at y dot com" spellings: only with an explicit "dot" or a known TLD.
            if not re.search(
                r"(dot\)?\]?|\.)\s*(com|net|org|cn|io|edu|gov|co|uk|de|fr|jp|info|me)\b", s, re.I
            ):
                continue
            if re.match(r"(?i)(look|arrive|arrived|be|is|was|am|are|store|shop|home|me)\b", s):
                continue
        yield PiiSpan(m.start(), m.end(), "EMAIL", s)


# --------------------------------------------------------------------------- numbers
_SEP = r"[ \t.\-–\u00a0]?"
_CN_MOBILE = re.compile(
    _NOT_BEFORE_NUM + r"(?:(?:\+|00|＋)\s?86[\s\-]?|(?<!\d)86[\s\-])?"
    r"\(?1[3-9]\d\)?" + _SEP + r"\d{4}" + _SEP + r"\d{4}" + _NOT_AFTER_NUM
)
_CN_MOBILE_BARE86 = re.compile(_NOT_BEFORE_NUM + r"861[3-9]\d{9}" + _NOT_AFTER_NUM)
_INTL = re.compile(
    r"(?<![A-Za-z0-9#_/])(?:\+|＋|00)\s?\d{1,3}(?:[\s.\-]?\(?\d{1,5}\)?){2,6}" + _NOT_AFTER_NUM
)
_GROUPED = re.compile(
    _NOT_BEFORE_NUM + r"(?:\(\d{2,5}\)\s?|\d{2,5}[\s.\-])(?:\d{2,5}[\s.\-]){0,3}\d{3,8}" + _NOT_AFTER_NUM
)
_BARE_RUN = re.compile(_NOT_BEFORE_NUM + r"\d{7,15}" + _NOT_AFTER_NUM)
_DATE = re.compile(r"^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}$|^\d{1,2}[.\-/]\d{1,2}[.\-/](?:19|20)?\d{2}$")
_AMOUNT = re.compile(r"^\d{1,3}(?:[ ,]\d{3})*\.\d{2}$|^\d+\.\d{1,2}$")

_CARD = re.compile(_NOT_BEFORE_NUM + r"\d(?:[ \-]?\d){12,18}" + _NOT_AFTER_NUM)
_CARD_GROUPS = re.compile(_NOT_BEFORE_NUM + r"\d{4}([ \-])\d{4}\1\d{4}\1\d{1,7}" + _NOT_AFTER_NUM)
_CN_ID = re.compile(
    _NOT_BEFORE_NUM
    + r"[1-9]\d{5}"
    + _SEP
    + r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    + _SEP
    + r"\d{3}[0-9Xx]"
    + r"(?![A-Za-z0-9_])"
)
_SSN = re.compile(_NOT_BEFORE_NUM + r"\d{3}[\- ]\d{2}[\- ]\d{4}" + _NOT_AFTER_NUM)
_ID_KEYWORD = re.compile(
    r"(?:身份证(?:号码|号)?|护照(?:号码|号)?|证件号(?:码)?|passport(?:\s*(?:number|no\.?|#))?|"
    r"social\s+security(?:\s+number)?|ssn|driver'?s?\s+licen[cs]e(?:\s+(?:number|no\.?))?|"
    r"national\s+id(?:\s+number)?|id\s+card(?:\s+number)?|id\s+number)"
    r"\s*(?:is|was|[:：#是为]|number|no\.?)?\s*[:：]?\s*([A-Za-z]{0,2}\d[\dA-Za-z\-]*(?:[ ]\d[\dA-Za-z\-]*)*)",
    re.IGNORECASE,
)


def _numbers(text: str) -> Iterator[PiiSpan]:
    for m in _CN_ID.finditer(text):
        yield PiiSpan(m.start(), m.end(), "ID_NUMBER", m.group(0))
    for m in _ID_KEYWORD.finditer(text):
        if len(m.group(1)) >= 6:
            yield PiiSpan(m.start(1), m.end(1), "ID_NUMBER", m.group(1))
    for m in _SSN.finditer(text):
        if not _DATE.match(m.group(0)):
            yield PiiSpan(m.start(), m.end(), "ID_NUMBER", m.group(0))
    for m in _CARD_GROUPS.finditer(text):
        yield PiiSpan(m.start(), m.end(), "CARD", m.group(0))
    for m in _CARD.finditer(text):
        d = _digits(m.group(0))
        if 13 <= len(d) <= 19 and _luhn_ok(d):
            if (
                len(d) <= 14
                and " " not in m.group(0)
                and "-" not in m.group(0)
                and _order_context(text, m.start())
            ):
                continue
            yield PiiSpan(m.start(), m.end(), "CARD", m.group(0))
    for rx in (_CN_MOBILE, _CN_MOBILE_BARE86):
        for m in rx.finditer(text):
            plain = re.fullmatch(r"\d+", m.group(0)) is not None
            if plain and _order_context(text, m.start()):
                continue
            yield PiiSpan(m.start(), m.end(), "PHONE", m.group(0))
    for m in _INTL.finditer(text):
        if 7 <= len(_digits(m.group(0))) <= 15:
            yield PiiSpan(m.start(), m.end(), "PHONE", m.group(0))
    for m in _GROUPED.finditer(text):
        s = m.group(0)
        n = len(_digits(s))
        if not 7 <= n <= 15 or _DATE.match(s) or _AMOUNT.match(s):
            continue
        if text[max(0, m.start() - 1) : m.start()] in ("$", "¥", "€", "£", "￥"):
            continue
        if _order_context(text, m.start()) and not _phone_context(text, m.start()):
            continue
        yield PiiSpan(m.start(), m.end(), "PHONE", s)
    for m in _BARE_RUN.finditer(text):
        if _phone_context(text, m.start()) and not _order_context(text, m.start()):
            yield PiiSpan(m.start(), m.end(), "PHONE", m.group(0))


# --------------------------------------------------------------------------- addresses
_STREET_SUFFIX = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|"
    r"terrace|highway|hwy|parkway|pkwy|square|sq|close|crescent|circle|cir|trail|alley|row|"
    r"strasse|straße|rue|calle)"
)
_EN_ADDRESS = re.compile(
    r"(?:(?:apt|apartment|suite|unit|flat|room)\.?\s*#?\s*[\w-]{1,6},?\s*)?"
    r"\b\d{1,6}[A-Za-z]?(?:-\d{1,4})?,?\s+(?:[A-Za-z][A-Za-z'.\-]*\s+){0,4}" + _STREET_SUFFIX + r"\b\.?"
    r"(?:,?\s*(?:apt|apartment|suite|ste|unit|flat|room|fl|floor|#)\.?\s*#?\s*[\w-]{1,6})?"
    r"(?-i:(?:,?\s+[A-Z][A-Za-z]+(?:[ \-][A-Z][A-Za-z]+){0,2})?"
    r"(?:,?\s*(?:[A-Z]{2}\s+\d{5}(?:-\d{4})?|\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})))?",
    re.IGNORECASE,
)
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b")
_EN_ADDRESS_KEYWORD = re.compile(
    r"(?:my|our|the|shipping|delivery|billing|new|home|mailing)?\s*address\s*(?:is|was|:|should be|to)\s*"
    r"([^.!?\n。！？]{4,160})",
    re.IGNORECASE,
)
_ZH_ADMIN = (
    rf"(?:[{_CJK}]{{2,7}}(?:省|自治区|特别行政区))?"
    rf"(?:[{_CJK}]{{1,7}}(?:市|州|盟|地区))?"
    rf"(?:[{_CJK}]{{1,7}}(?:区|县|旗))?"
    rf"(?:[{_CJK}]{{1,8}}(?:街道|镇|乡|村))?"
)
_ZH_ADDRESS = re.compile(
    rf"(?:{_ZH_ADMIN}[{_CJK}\d]{{1,12}}(?:路|街|大道|大街|巷|弄|胡同|道)(?:[\d一二三四五六七八九十]+(?:号|弄|巷))?"
    rf"|[{_CJK}]{{2,7}}(?:省|自治区)[{_CJK}]{{1,7}}(?:市|州)(?:[{_CJK}]{{1,7}}(?:区|县))?"
    rf"|[{_CJK}]{{1,7}}市[{_CJK}]{{1,7}}(?:区|县))"
    rf"(?:[{_CJK}A-Za-z\d\-#]{{0,14}}?(?:号楼|号院|栋|幢|座|单元|室|层|楼|号|小区|花园|大厦|公寓))*"
    rf"(?:\d{{1,5}}(?:室|号)?)?"
)
_ZH_LEAD_IN = re.compile(
    r"^(?:我)?(?:家|现在|目前)?(?:住在|住|家在|寄到|寄往|送到|送往|发到|发往|地址是|地址为|地址|改成|改为|改到|位于|在|是|到)+"
)
_ZH_ADDRESS_KEYWORD = re.compile(
    r"(?:地址|住址|收货地址|送货地址)(?:是|为|改成|改为|[:：])\s*([^。！？\n]{2,80})"
)


def _addresses(text: str) -> Iterator[PiiSpan]:
    for m in _EN_ADDRESS.finditer(text):
        yield PiiSpan(m.start(), m.end(), "ADDRESS", m.group(0))
    for m in _UK_POSTCODE.finditer(text):
        yield PiiSpan(m.start(), m.end(), "ADDRESS", m.group(0))
    for m in _EN_ADDRESS_KEYWORD.finditer(text):
        yield PiiSpan(m.start(1), m.end(1), "ADDRESS", m.group(1))
    for m in _ZH_ADDRESS.finditer(text):
        s = m.group(0)
        lead = _ZH_LEAD_IN.match(s)
        start = m.start() + (lead.end() if lead and len(s) - lead.end() >= 3 else 0)
        yield PiiSpan(start, m.end(), "ADDRESS", text[start : m.end()])
    for m in _ZH_ADDRESS_KEYWORD.finditer(text):
        yield PiiSpan(m.start(1), m.end(1), "ADDRESS", m.group(1))


# --------------------------------------------------------------------------- names
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "令狐",
    "夏侯",
)
_ZH_STOP = "我的想要在了有是，。,.!！?？、请麻烦电话手机订单帮你您他她它们呢吗吧啊呀哦嗯已经刚还就也都这那"
_ZH_NAME_STRONG = re.compile(
    rf"(?:我叫|我的名字是|我的名字叫|名字是|名字叫|本人是|本人|姓名(?:是|为|[:：])?|收件人(?:是|为|[:：])?|"
    rf"联系人(?:是|为|[:：])?|收货人(?:是|为|[:：])?)\s*([{_CJK}·]{{2,4}}?)(?=[^{_CJK}·]|$|[{_ZH_STOP}])"
)
_ZH_NAME_WEAK = re.compile(rf"(?:我是|这里是|我姓)\s*([{_CJK}]{{1,3}}?)(?=[^{_CJK}]|$|[{_ZH_STOP}])")
_ZH_TITLE = re.compile(rf"([{_CJK}]{{1,2}})(?:先生|女士|小姐|太太)")

_EN_STOP_WORDS = (
    "sorry not still very really so just trying looking waiting having going unable happy angry "
    "upset interested writing calling here back done fine ok okay also the a an in on at from with "
    "and but or i me my your you we it this that to of for about currently already unhappy "
    "disappointed confused frustrated wondering hoping glad sure afraid new customer member user "
    "client over no getting contacting reaching asking please thanks thank hi hello dear regarding "
    "order tracking is was be am are will can could would should need want have has had do did does "
    "there what when where why how ready able unsure good great well tired concerned worried all one "
    "two team support service again now today yesterday english chinese vip premium gold silver live "
    "living moving based located ridiculous unacceptable terrible awful urgent important "
    "serious annoyed confused outrageous crazy insane absurd "
)
_EN_STOP = frozenset(_EN_STOP_WORDS.split())
_NAME_WORD = r"[A-Z\u00c0-\u00de][a-zA-Z\u00c0-\u024f'\-]+"
_EN_NAME_STRONG = re.compile(
    r"(?:my\s+(?:full\s+)?name\s+is|my\s+name'?s|(?:full\s+)?name\s*[:：]|call\s+me|i\s+go\s+by|"
    r"(?:recipient|addressee|account\s+holder|cardholder|card\s+holder)(?:'s\s+name)?\s*(?:is|[:：]))\s+"
    r"([A-Za-z\u00c0-\u024f][a-zA-Z\u00c0-\u024f'\-]+(?:\s+[A-Za-z\u00c0-\u024f][a-zA-Z\u00c0-\u024f'\-]+){0,2})",
    re.IGNORECASE,
)
_EN_NAME_WEAK = re.compile(
    r"(?:\bI'?m|\bI\s+am|\b(?i:this\s+is|speaking\s+with|signed)|"
    r"(?i:regards|thanks|thank\s+you|cheers|sincerely|best|br|dear|hi|hello|hey)\s*,?\s*\n?\s*(?:-\s*)?)"
    r"\s+(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,2})",
)
_EN_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?)")
# Lower-case names ("i'm john smith", "OK john,") are only taken when every word is not
# a common English word and the phrase ends the clause; this list and the suffix rule keep
# "this is broken" or "OK great," as they are.
_EN_COMMON_WORDS = """
    it him her them his hers its their theirs our ours mine yours myself yourself us they he she who
    whom which whose not no yes yeah yep nope never ever always maybe perhaps ok okay sure right wrong
    then than too very much many more most less least some any every each few lot lots bit thing things
    something anything nothing everything someone anyone everyone everybody nobody somebody guys folks
    friend friends mate buddy sir madam maam miss sirs ladies gentlemen valued dearest guy man woman
    broken late early damaged missing lost bad poor nice cool perfect fine correct incorrect true false
    strange weird odd useless unfair rubbish slow fast cheap expensive free possible impossible sick
    busy mad sad home away abroad out off up down in inside outside done over gone back here there
    away ill pregnant desperate furious livid sure certain positive correct right wrong late hungry
    alone available online offline unavailable open closed empty full same different other another
    fake real legit scam joke mess disaster nightmare problem issue question trouble help way time
    day week month year morning afternoon evening night weekend noon tonight tomorrow soon later
    first second third last next final only own best worst better worse big small large little long
    short old young high low hot cold warm wrong true kind lovely awesome amazing excellent fantastic
    wonderful brilliant fair bizarre silly stupid dumb funny ugly pathetic shocking weird mine thing
    stuff item items product products package parcel refund refunds money payment delivery shipping
    news box email phone call message chat store shop website app account card address name number
    yours truly indeed exactly absolutely definitely certainly totally completely actually basically
    again anyway anyhow though although however else still yet even just only both either neither
    got get gets let lets see sounds seems looks feels let's that's it's i'm you're we're they're
"""
_EN_COMMON = _EN_STOP | frozenset(_EN_COMMON_WORDS.split())
_EN_COMMON_SUFFIXES: tuple[str, ...] = ("ing", "ed", "ly", "ous", "ful", "able", "ible", "ive", "less")
_EN_COMMON_SUFFIXES += ("ness", "ment", "tion", "sion", "est")
_LOWER_WORD = r"[A-Za-z\u00c0-\u024f][a-zA-Z\u00c0-\u024f'\-]+"
_EN_NAME_LOWER = re.compile(
    r"(?<![\w'’])(?i:i['’]?m|i\s+am|this\s+is)\s+([a-z\u00df-\u024f][a-z\u00df-\u024f'\-]+"
    r"(?:\s+[a-z\u00df-\u024f][a-z\u00df-\u024f'\-]+){0,2})(?=\s*(?:[,.!?;:\n]|$))"
)
_EN_VOCATIVE = re.compile(
    r"(?<![\w'’])(?i:hi|hello|hey|dear|sure|ok|okay|yes|alright|all\s+right|of\s+course|noted|sorry|thanks|"
    r"thank\s+you|welcome|good\s+(?:morning|afternoon|evening|day)|morning|no\s+problem|certainly|absolutely|"
    r"understood)\s*,?\s+(" + _LOWER_WORD + r"(?:\s+" + _LOWER_WORD + r"){0,2})(?=\s*[,!])"
)
_ZH_GREETING = re.compile(
    rf"(?:^|(?<=[\s，。！？,.!?：:；;]))(?:尊敬的|亲爱的)?([{_CJK}·]{{2,4}}?)[，,]?\s*(?:您好|你好)"
)


def _plausible_lower_name(words: list[str]) -> bool:
    for w in words:
        lw = w.lower().strip("'-’")
        if len(lw) < 2 or lw in _EN_COMMON:
            return False
        if any(lw.endswith(suf) and len(lw) > len(suf) + 2 for suf in _EN_COMMON_SUFFIXES):
            return False
    return True


def _trim_name(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w.lower().strip("'") in _EN_STOP:
            break
        out.append(w)
    return out


def _overlapping(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches that may overlap ("Hi, This is Carlos": the "Hi" match must not hide "This is")."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def _is_zh_surname_start(s: str) -> bool:
    return bool(s) and (s[0] in _SURNAMES or s.startswith(_COMPOUND_SURNAMES))


def _names(text: str) -> Iterator[PiiSpan]:
    for rx, strong in ((_EN_NAME_STRONG, True), (_EN_NAME_WEAK, False), (_EN_TITLE, True)):
        for m in _overlapping(rx, text):
            words = _trim_name(m.group(1).split())
            if not strong:
                words = [w for w in words if w[:1].isupper()]
                words = words[: next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))]
            if not words:
                continue
            chunk = " ".join(words)
            start = m.start(1)
            end = start + text[start:].find(words[-1]) + len(words[-1])
            if text[start:end].split() != words:  # words separated by odd spacing: take the whole
                end = m.end(1)
            yield PiiSpan(start, end, "NAME", chunk)
    for rx in (_EN_NAME_LOWER, _EN_VOCATIVE):
        for m in _overlapping(rx, text):
            if _plausible_lower_name(m.group(1).split()):
                yield PiiSpan(m.start(1), m.end(1), "NAME", m.group(1))
    for m in _ZH_GREETING.finditer(text):
        name = m.group(1)
        if _is_zh_surname_start(name) and not any(ch in _ZH_STOP for ch in name):
            yield PiiSpan(m.start(1), m.end(1), "NAME", name)
    for m in _ZH_NAME_STRONG.finditer(text):
        yield PiiSpan(m.start(1), m.end(1), "NAME", m.group(1))
    for m in _ZH_NAME_WEAK.finditer(text):
        name = m.group(1)
        if _is_zh_surname_start(name) and (len(name) >= 2 or m.group(0).startswith("我姓")):
            yield PiiSpan(m.start(1), m.end(1), "NAME", name)
    for m in _ZH_TITLE.finditer(text):
        name = m.group(1)
        if not _is_zh_surname_start(name):
            name = name[-1:]
        if _is_zh_surname_start(name):
            yield PiiSpan(m.end(1) - len(name), m.end(1), "NAME", name)


def _repeat_known(text: str, spans: Iterable[PiiSpan], known: Iterable[PiiSpan] = ()) -> Iterator[PiiSpan]:
    """Every mention of PII the customer gave here or earlier in the conversation.

    Names are matched word by word (a signature repeats "John"); other kinds literally,
    so an agent echoing a passport number without its keyword is still caught.
    """
    pieces: dict[str, str] = {}
    for s in [*spans, *known]:
        if s.kind != "NAME":
            if len(s.text) >= 5:
                pieces.setdefault(s.text, s.kind)
            if s.kind == "ADDRESS":  # an address echoed in part ("Flat 3", "朝阳区", "Baker Street")
                for part in re.split(r"\s*[,，]\s*|(?<=[省市区县路街道号弄室楼])", s.text):
                    if len(part) >= 5 or (len(part) >= 3 and re.search(rf"[{_CJK}]", part)):
                        pieces.setdefault(part, "ADDRESS")
                    street = re.sub(r"^\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+", "", part)
                    if street != part and len(street.split()) >= 2 and len(street) >= 5:
                        pieces.setdefault(street, "ADDRESS")
            if s.kind in ("PHONE", "CARD", "ID_NUMBER"):  # echoed without spacing, or in part
                digits = _digits(s.text)
                if len(digits) >= 7:
                    pieces.setdefault(digits, s.kind)
                for group in re.findall(r"\d{6,}", s.text):
                    pieces.setdefault(group, s.kind)
            continue
        pieces.setdefault(s.text, "NAME")
        if not re.search(rf"[{_CJK}]", s.text):
            for w in s.text.split():
                if len(w) >= 3 and w.lower() not in _EN_STOP:
                    pieces.setdefault(w, "NAME")
    known_digits = [(_digits(p), k) for p, k in pieces.items() if k != "NAME" and len(_digits(p)) >= 6]
    if known_digits:  # any run of 6+ of those digits, however it is spaced
        for m in re.finditer(r"(?<![A-Za-z0-9])\d(?:[ .\-]?\d)+(?![A-Za-z0-9])", text):
            run = _digits(m.group(0))
            hit = next((k for d, k in known_digits if len(run) >= 6 and run in d), None)
            if hit:
                yield PiiSpan(m.start(), m.end(), hit, m.group(0))
    for piece in sorted(pieces, key=len, reverse=True):
        if re.search(rf"[{_CJK}]", piece):
            rx = re.compile(re.escape(piece))
        else:
            rx = re.compile(rf"(?<![A-Za-z0-9]){re.escape(piece)}(?![A-Za-z0-9])", re.IGNORECASE)
        for m in rx.finditer(text):
            yield PiiSpan(m.start(), m.end(), pieces[piece], m.group(0))


# --------------------------------------------------------------------------- public
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(PLACEHOLDERS) + r")\]")


def find_pii(text: str, known: Iterable[PiiSpan] = ()) -> list[PiiSpan]:
    """Non-overlapping PII spans in ``text``, in order. Overlapping hits are merged.

    ``known``: PII found elsewhere in the same conversation (:func:`find_pii` on the
    customer's messages), so an agent's "Hi John," is redacted when the customer said
    "my name is John", and an echoed number is redacted without its keyword.
    """
    if not text:
        return []
    if _INVISIBLE.search(text):  # "138\u200b0013\u200b8000": detect on the visible text
        keep = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
        visible = "".join(text[i] for i in keep)
        cleaned = [PiiSpan(k.start, k.end, k.kind, _INVISIBLE.sub("", k.text)) for k in known]
        mapped: list[PiiSpan] = []
        for v in find_pii(visible, cleaned):
            start, end = keep[v.start], keep[v.end - 1] + 1
            mapped.append(PiiSpan(start, end, v.kind, text[start:end]))
        return mapped
    raw = [*_emails(text), *_numbers(text), *_addresses(text), *_names(text)]
    raw.extend(_repeat_known(text, raw, known))
    raw = [s for s in raw if s.end > s.start and re.search(r"\w", _PLACEHOLDER.sub("", s.text))]
    raw.sort(key=lambda s: (s.start, -s.end))
    merged: list[PiiSpan] = []
    for s in raw:
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            end = max(last.end, s.end)
            kind = last.kind if _PRIORITY[last.kind] <= _PRIORITY[s.kind] else s.kind
            if (s.end - s.start) > 2 * (last.end - last.start):
                kind = s.kind  # a long address swallowing a short hit stays an address
            merged[-1] = PiiSpan(last.start, end, kind, text[last.start : end])
        else:
            merged.append(s)
    # strip whitespace and trailing punctuation so placeholders sit cleanly in the text
    out: list[PiiSpan] = []
    for s in merged:
        start, end = s.start, s.end
        while start < end and text[start] in " \t,，":
            start += 1
        while end > start and text[end - 1] in " \t,，.。":
            end -= 1
        if end > start:
            out.append(PiiSpan(start, end, s.kind, text[start:end]))
    return out


def redact(text: str, known: Iterable[PiiSpan] = ()) -> str:
    """``text`` with every PII span replaced by ``[KIND]`` (idempotent).

    ``known``: spans found in other messages of the same conversation (see :func:`find_pii`).
    """
    spans = find_pii(text, known)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for s in spans:
        parts.append(text[pos : s.start])
        parts.append(f"[{s.kind}]")
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)
