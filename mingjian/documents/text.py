"""Text rules of a 公文: ordinals, dates, character widths, sentence ends and nested quotes."""

from __future__ import annotations

from datetime import date

_DIGITS = "零一二三四五六七八九"
# Full stops and the marks that may close a paragraph as they stand.
_TERMINAL = "。！？…"
# Marks that lead into more text, so a paragraph may end with them (a list follows, or the
# paragraph is one item of a series).
_LEAD_IN = "：；"
# Marks that close a quotation or bracket; what precedes them decides whether the sentence ended.
_CLOSERS = "”’」』）》】〕)]"
_SOFT_ENDS = "，、,;.:"


def chinese_ordinal(n: int) -> str:
    """一 … 十, 十一 … 九十九, as used in 公文 headings ("一、", "（十二）")."""
    if not 1 <= n <= 99:  # noqa: PLR2004 - 公文 never numbers a hundred headings
        raise ValueError(f"chinese_ordinal supports 1–99, not {n}")
    tens, ones = divmod(n, 10)
    # 十 rather than 一十: the tens digit 1 is not written in ordinary usage.
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def format_date(day: date) -> str:
    """成文日期 and 印发日期: Arabic numerals, the year in full, no leading zeros (1 not 01)."""
    return f"{day.year}年{day.month}月{day.day}日"


def width_units(text: str) -> float:
    """Width in characters of the text's size: ASCII is half-width in 仿宋/宋体, the rest full."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def text_lines(text: str) -> list[str]:
    """Paragraphs of a text field: one per line, blank lines and typed-in indents dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def nest_quotes(text: str) -> str:
    """Quotes alternate “ ” outside and ‘ ’ inside, whatever was typed (““…””, "…", ‘…’).

    A straight " closes the quotation a straight " opened and otherwise opens one. A closing mark
    with nothing open is left alone, so stray marks are never invented or dropped.
    """
    out: list[str] = []
    stack: list[str] = []  # the typed opener of every open quotation
    for ch in text:
        opening = ch in "“‘" or (ch == '"' and not (stack and stack[-1] == '"'))
        if opening:
            stack.append(ch)
            out.append("“" if len(stack) % 2 else "‘")
        elif ch in '”’"' and stack:
            out.append("”" if len(stack) % 2 else "’")
            stack.pop()
        else:
            out.append(ch)
    return "".join(out)


def end_sentence(text: str) -> str:
    """A paragraph of running text ends with 。 unless it already ends a sentence or leads on.

    A trailing comma or enumeration mark becomes 。; "：" and "；" stay, since a list or the next
    item follows. After a closing quote or bracket the mark inside decides: “…。” has ended,
    “…” has not, and gets 。 after the quote.
    """
    text = text.rstrip()
    if not text:
        return text
    core = text.rstrip(_CLOSERS)
    if core != text:
        return text if core and core[-1] in _TERMINAL else text + "。"
    if text[-1] in _TERMINAL + _LEAD_IN:
        return text
    if text[-1] in _SOFT_ENDS:
        return text[:-1] + "。"
    return text + "。"


def running_text(text: str) -> str:
    """Body text as printed: quotes nested, the sentence ended."""
    return end_sentence(nest_quotes(text.strip()))
