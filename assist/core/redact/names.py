"""Names the customer gives: English ("my name is", "I'm", "this is", sign-offs, titles,
greetings of an agent's reply) and Chinese (我叫, 我是 + surname, 姓名/收件人/联系人, 王先生,
"王小明您好")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assist.core.redact.spans import CJK, PiiSpan

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
    rf"联系人(?:是|为|[:：])?|收货人(?:是|为|[:：])?)\s*([{CJK}·]{{2,4}}?)(?=[^{CJK}·]|$|[{_ZH_STOP}])"
)
_ZH_NAME_WEAK = re.compile(rf"(?:我是|这里是|我姓)\s*([{CJK}]{{1,3}}?)(?=[^{CJK}]|$|[{_ZH_STOP}])")
_ZH_TITLE = re.compile(rf"([{CJK}]{{1,2}})(?:先生|女士|小姐|太太)")

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
EN_STOP = frozenset(_EN_STOP_WORDS.split())
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
_EN_COMMON = EN_STOP | frozenset(_EN_COMMON_WORDS.split())
_EN_COMMON_SUFFIXES: tuple[str, ...] = ("ing", "ed", "ly", "ous", "ful", "able", "ible", "ive", "less")
_EN_COMMON_SUFFIXES += ("ness", "ment", "tion", "sion", "est")
_LOWER_WORD = r"[A-Za-z\u00c0-\u024f][a-zA-Z\u00c0-\u024f'\-]+"
_EN_NAME_LOWER = re.compile(
    r"(?<![\w'’])(?i:i['’]?m|i\s+am|this\s+is)\s+([a-z\u00df-\u024f][a-z\u00df-\u024f'\-]+"
    r"(?:\s+[a-z\u00df-\u024f][a-z\u00df-\u024f'\-]+){0,2}?)(?=\s*(?:[,.!?;:\n]|$)|\s+(?:and|from|here)\b)"
)
_EN_VOCATIVE = re.compile(
    r"(?<![\w'’])(?i:hi|hello|hey|dear|sure|ok|okay|yes|alright|all\s+right|of\s+course|noted|sorry|thanks|"
    r"thank\s+you|welcome|good\s+(?:morning|afternoon|evening|day)|morning|no\s+problem|certainly|absolutely|"
    r"understood)\s*,?\s+(" + _LOWER_WORD + r"(?:\s+" + _LOWER_WORD + r"){0,2})(?=\s*[,!])"
)
_ZH_GREETING = re.compile(
    rf"(?:^|(?<=[\s，。！？,.!?：:；;]))(?:尊敬的|亲爱的)?([{CJK}·]{{2,4}}?)[，,]?\s*(?:您好|你好)"
)


# words that open a greeting ("周末您好", "晚上好") with a character that is also a surname
_ZH_GREETED_NOT_NAMES = (
    "周末", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "早上", "晚上", "中午", "上午", "下午",
    "大家", "各位", "朋友", "同学", "客服", "亲爱", "老板", "师傅", "美女", "帅哥", "老师", "家人", "宝宝",
    "亲", "您", "你",
)


def _plausible_lower_name(words: list[str]) -> bool:
    for w in words:
        lw = w.lower().strip("'-’")
        if len(lw) < 2 or lw in _EN_COMMON:
            return False
        if any(lw.endswith(suf) and len(lw) > len(suf) + 2 for suf in _EN_COMMON_SUFFIXES):
            return False
    return True


_NOT_A_NAME = frozenset(["not", "on", "in", "the", "a", "an", "at", "of", "still", "also", "just"])


def _trim_name(words: list[str], strong: bool = False) -> list[str]:
    """The name's words: up to the first common word. After a strong cue ("my name is") the
    first word is the name even when it is also a common word ("Will", "May", "Hope")."""
    out: list[str] = []
    for i, w in enumerate(words):
        lw = w.lower().strip("'")
        if lw in EN_STOP and not (strong and i == 0 and lw not in _NOT_A_NAME):
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


def names(text: str) -> Iterator[PiiSpan]:
    for rx, strong in ((_EN_NAME_STRONG, True), (_EN_NAME_WEAK, False), (_EN_TITLE, True)):
        for m in _overlapping(rx, text):
            words = _trim_name(m.group(1).split(), strong and rx is _EN_NAME_STRONG)
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
        if name.startswith(_ZH_GREETED_NOT_NAMES):
            continue
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
