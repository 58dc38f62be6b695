"""Text normalisation: punctuation, width, a few traditional characters, noise lines."""

from __future__ import annotations

import html
import re

from hanziconv import charmap

# Traditional → simplified, character by character (hanziconv's table, shipped in its wheel) plus
# the characters it leaves alone; str.translate keeps this linear and cheap.
_T2S_EXTRA = {
    "並": "并",
    "於": "于",
    "裡": "里",
    "著": "着",
    "後": "后",
    "週": "周",
    "瞭": "了",
    "巖": "岩",
    "錫": "锡",
    "鉅": "巨",
}
# Simplified characters the table still folds: 乾 (乾隆, a given-name character) to 干, the
# surname 佘 to 畲, 呼 (呼伦贝尔) to 唿, 钜 back to 鉅, and variants no simplified text uses.
_T2S_KEEP = frozenset("乾佘呼溜猛糊劈脊槁阪矽镟钜吒怵嗬屙呱糸爿")


def _t2s_table() -> dict[int, str]:
    pairs = dict(zip(charmap.traditional_charmap, charmap.simplified_charmap, strict=True))
    pairs.update(_T2S_EXTRA)
    return str.maketrans({t: s for t, s in pairs.items() if t != s and t not in _T2S_KEEP})


# One character for one, so it also serves length-preserving matching (outlines.parser.text).
T2S = _t2s_table()

_FULLWIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B))}
    | {chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)}
    | {"％": "%", "\u3000": " ", "\u00a0": " ", "\u2028": "\n", "\u2029": "\n", "\ufeff": ""}
)

_CJK = r"\u4e00-\u9fff"
_THOUSANDS_RE = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_FW_DOT_RE = re.compile(r"(?<=\d)．(?=\d)")
_ASCII_PUNCT = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_COLON_TIME_RE = re.compile(r"(?<=\d):(?=\d)")
_ASCII_PUNCT_RE = re.compile(r"[,;:()!?]")
_PERIOD_RE = re.compile(rf"(?<=[{_CJK}”）》])\.(?=[{_CJK}“（\s]|$)", re.MULTILINE)
_SPACE_RE = re.compile(r"[ \t]+")
# Reposts that gloss characters with pinyin: 紀(jì)委, 聯(lián)主席 — the gloss is not text.
_PINYIN_RE = re.compile(rf"(?<=[{_CJK}])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{{1,8}}[)）]")
# Reposts copied from a web page keep its markup (<h5>…</h5><p>): block tags end a line, inline
# tags (<b>, <span>) are dropped so the sentence they sit in stays whole.
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|h[1-6]|br|li|ul|ol|tr|td|table|section|article)\b[^<>]{0,200}>", re.IGNORECASE
)
_INLINE_TAG_RE = re.compile(r"</?(?:b|i|u|em|strong|span|font|a|sup|sub|img)\b[^<>]{0,200}>", re.IGNORECASE)
_CJK_PUNCT = rf"{_CJK}，。；：、（）“”"
# Spaces between Chinese characters, or between one and a digit (2 万元, 于 2020年); not between digits.
_CJK_SPACE_RE = re.compile(
    rf"(?<=[{_CJK_PUNCT}])[ \t]+(?=[{_CJK_PUNCT}\d])|(?<=[{_CJK_PUNCT}\d])[ \t]+(?=[{_CJK_PUNCT}])"
)
# Text lifted from source code or JSON keeps its escapes (\n, \", \u4e00): they are not text.
_ESCAPE_RE = re.compile(r"\\(?:u(?P<code>[0-9a-fA-F]{4})|(?P<char>[nrt\"'/\\]))")
_ESCAPED = {"n": "\n", "r": "\n", "t": " ", '"': '"', "'": "'", "/": "/", "\\": "\\"}
_ENTITY_RE = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
# ASCII double quotes around Chinese words read as Chinese quotes (an opening one before a character).
_OPEN_QUOTE_RE = re.compile(rf'"(?=[{_CJK}])')
# Reposts run through a synonym spinner print the sanctions in its words (褫职党籍 for 开除党籍,
# 党内警备 for 党内警告, 诫勉说话 for 诫勉谈话); read them back.
_SPUN_RE = re.compile(
    r"褫职(?=党籍|公职)|(?<=党内|政务|行政)警备(?=处分)|(?<=党内严重)警备|(?<=诫勉)说话"
    r"|(?<=党内)严峻(?=警告)|(?<=警告)处置|中心八项规则"
)
_SPUN = {
    "褫职": "开除",
    "警备": "警告",
    "说话": "谈话",
    "严峻": "严重",
    "处置": "处分",
    "中心八项规则": "中央八项规定",
}
_SPUN_MARKS = ("褫职", "警备", "诫勉说话", "严峻警告", "警告处置", "中心八项规则")
# Forums that censor 党, 政 and 毒 print a star for them (镇*委书记, *内警告处分, 病*): read them back.
_CENSORED_RE = re.compile(
    r"\*(?=内(?:严重)?警告|委|员|支部|总支|组|工委|风|纪|政|代表|的)|\*(?=府)|(?<=病)\*"
)
_BULLETS = "●•◆◇■□▲△►▶★☆○◎※"
_BULLET_RE = re.compile(rf"^[{_BULLETS}]+\s*")

_NOISE_LINE_RES = tuple(
    re.compile(p)
    for p in (
        r"^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$",
        r"^[-—－–\s]*\d+[-—－–\s]*$",
        r"^[（(]?\s*(来源|责任编辑|编辑|作者|通讯员|审核|校对|稿源|发布时间|发布日期|信息来源)\s*[：:].*$",
        r"^[（(]\s*(责任编辑|编辑)[^）)]*[）)]$",
        r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$",
        r"^\d{4}年\d{1,2}月$",
        r"^(打印本页|关闭窗口|分享到.*|【?字体.*|返回顶部)$",
    )
)
_TRAILING_EDITOR_RE = re.compile(r"[（(]\s*责任编辑[：:\s][^）)]*[）)]\s*$")


def _unescape(match: re.Match[str]) -> str:
    code = match.group("code")
    return chr(int(code, 16)) if code else _ESCAPED[match.group("char")]


def _uncensor(match: re.Match[str]) -> str:
    after = match.string[match.end() : match.end() + 1]
    if after == "府":
        return "政"
    return "毒" if match.string[match.start() - 1 : match.start()] == "病" else "党"


def _ascii_punct(match: re.Match[str]) -> str:
    return _ASCII_PUNCT[match.group(0)]


def normalize_chars(text: str) -> str:
    """Unify width, traditional characters and punctuation (line structure is kept)."""
    if "\\" in text:
        text = _ESCAPE_RE.sub(_unescape, text)
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    text = text.translate(_FULLWIDTH).translate(T2S)
    if any(mark in text for mark in _SPUN_MARKS):
        text = _SPUN_RE.sub(lambda m: _SPUN[m.group(0)], text)
    if "*" in text:
        text = _CENSORED_RE.sub(_uncensor, text)
    if '"' in text:
        text = _OPEN_QUOTE_RE.sub("“", text).replace('"', "”")
    if "<" in text:
        text = _INLINE_TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FW_DOT_RE.sub(".", text)
    text = _THOUSANDS_RE.sub("", text)
    text = _PINYIN_RE.sub("", text)
    text = _COLON_TIME_RE.sub("\x00", text)
    text = _ASCII_PUNCT_RE.sub(_ascii_punct, text)
    text = text.replace("\x00", ":")
    text = _PERIOD_RE.sub("。", text)
    text = _SPACE_RE.sub(" ", text)
    return _CJK_SPACE_RE.sub("", text) if " " in text else text


def is_noise_line(line: str) -> bool:
    """Page markers, bylines, editor lines and date-only lines."""
    stripped = line.strip()
    return any(p.match(stripped) for p in _NOISE_LINE_RES)


def normalize(text: str) -> str:
    """Normalise a notice: characters and punctuation, then drop noise lines and blank runs."""
    lines = []
    for raw in normalize_chars(text).split("\n"):
        line = _TRAILING_EDITOR_RE.sub("", raw).strip()
        if line and line[0] in _BULLETS:
            line = _BULLET_RE.sub("", line)
        if line and not is_noise_line(line):
            lines.append(line)
    return "\n".join(lines)
