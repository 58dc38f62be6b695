"""The title: the last title-like line before the body, as printed.

The preamble is what comes before the first heading, the salutation (同志们：) or the first body
paragraph; site chrome (breadcrumbs, 来源/时间 lines, 本站小编 blurbs), dates and bylines are
skipped. A line naming its kind (…的讲话, …实施方案, 党课讲稿：…) wins; otherwise a lone title-like
line does. A following ——subtitle, a wrapped tail (…大会上 / 的讲话) or a bracketed period
((2024—2026年)) is appended. A text that starts with 同志们 or mid-document has no title.
"""

from __future__ import annotations

import re

from .text import Para

_KINDS = (
    "讲话|讲话稿|发言|发言稿|致辞|讲稿|讲义|党课|教案|方案|意见|通知|报告|提纲|要点|计划|规划|总结|办法|细则|"
    "规定|决定|措施|清单|纪要|倡议书|讲话提纲"
)
# The shadow is simplified, so traditional pages (講話, 總結) match these too.
_KIND_END_RE = re.compile(
    rf"(?:{_KINDS})(?:[（(][^）)]*[）)]|(?:范文|模板|合集|汇编|大全|最新)*\s*[0-9一二三四五六七八九十]+篇)?$"
)
_KIND_LEAD_RE = re.compile(rf"^[^：]{{0,12}}(?:{_KINDS})：")
_CHROME = (
    "当前位置", "首页", "导航", "导语", "来源", "发布时间", "发布日期", "时间：", "作者", "主讲人", "浏览",
    "点击", "编辑", "欢迎", "下载", "购物车", "足迹", "评论", "分享", "收藏", "上传", "页数", "http", "www.",
    "本站", "小编", "范文网", "文库", "|", ">", "【来源", "网友", "搜索",
)  # fmt: skip
_POSTS = (
    "书记|副书记|主任|局长|部长|主席|县长|市长|区长|镇长|乡长|厅长|处长|科长|校长|院长|经理|董事长|组长|委员"
)
_BYLINE_RE = re.compile(rf"(?:{_POSTS})\s+[\u4e00-\u9fff·]{{2,4}}$")
_DATE_RE = re.compile(r"^[（(]?\s*\d{4}\s*[-年./]\s*(\d{1,2})?\s*[-月./]?\s*(\d{1,2})?\s*日?\s*[）)]?$")
_PERIOD_RE = re.compile(r"^[（(][^月日）)]{2,20}[）)]$")
_SALUTATION_RE = re.compile(r"^(同志们|各位|尊敬的|老师们|同学们|大家好|亲爱的).{0,30}$|^.{2,60}[：:]$")
_BODY_MIN = 40
_TITLE_MIN, _TITLE_MAX = 4, 80
_TAIL_MAX = 6  # 的讲话, 上的讲话: the end of a title wrapped onto its own line


def _is_chrome(para: Para) -> bool:
    return any(word in para.shadow for word in _CHROME)


def _is_body(para: Para) -> bool:
    return len(para.text) > _BODY_MIN and any(end in para.shadow for end in "。！？")


def _title_like(para: Para) -> bool:
    s = para.shadow
    return (
        _TITLE_MIN <= len(s) <= _TITLE_MAX
        and not any(end in s for end in "。！？")
        and not _DATE_RE.match(s)
        and not _BYLINE_RE.search(s)
        and not s.startswith("—")
        and not _is_chrome(para)
    )


def _names_kind(shadow: str) -> bool:
    return bool(_KIND_END_RE.search(shadow) or _KIND_LEAD_RE.match(shadow))


def _preamble(paras: list[Para], first_heading: int) -> list[Para]:
    out = []
    for para in paras[:first_heading]:
        if _is_chrome(para):
            continue
        if _is_body(para) or (_SALUTATION_RE.match(para.shadow) and not _names_kind(para.shadow)):
            break
        out.append(para)
    return out


def _with_tail(lines: list[Para], i: int) -> str:
    """The title line with what belongs to it on the next line."""
    title = lines[i].text.strip()
    nxt = lines[i + 1].shadow if i + 1 < len(lines) else ""
    if nxt.startswith(("——", "—")) or _PERIOD_RE.match(nxt):
        return title + lines[i + 1].text.strip()
    if nxt and len(nxt) <= _TAIL_MAX and not _names_kind(lines[i].shadow) and _names_kind(nxt):
        return title + lines[i + 1].text.strip()  # a hard-wrapped title: …大会上 / 的讲话
    return title


def _is_tail(lines: list[Para], i: int) -> bool:
    """A short line that finishes the title line above it (…大会上 / 的讲话)."""
    return (
        i > 0
        and len(lines[i].shadow) <= _TAIL_MAX
        and _title_like(lines[i - 1])
        and not _names_kind(lines[i - 1].shadow)
    )


def _kind_named(lines: list[Para], i: int) -> bool:
    nxt = lines[i + 1].shadow if i + 1 < len(lines) else ""
    tail = nxt.startswith("—") or len(nxt) <= _TAIL_MAX
    return _names_kind(lines[i].shadow) or (tail and _names_kind(nxt))


def find_title(paras: list[Para], first_heading: int) -> str | None:
    """Lines cut from a PDF dump at its spaces are used only when no clean line is a title
    (their spaces, 在镇 2025 年, are font changes, and a title may be cut in two)."""
    lines = _preamble(paras, first_heading)
    return _title_in([p for p in lines if not p.spaced]) or _title_in(lines)


def _title_in(lines: list[Para]) -> str | None:
    for i in range(len(lines) - 1, -1, -1):
        if _title_like(lines[i]) and not _is_tail(lines, i) and _kind_named(lines, i):
            return _with_tail(lines, i)
    plain = {para.text.strip(): i for i, para in enumerate(lines) if _title_like(para)}
    return _with_tail(lines, next(iter(plain.values()))) if len(plain) == 1 else None
