from __future__ import annotations

from datetime import date

import pytest

from mingjian.documents.text import end_sentence, format_date, nest_quotes, running_text, width_units


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("针对“制度“空转””的问题", "针对“制度‘空转’”的问题"),
        ('针对"审核把关不严"的问题', "针对“审核把关不严”的问题"),
        ("“一是“二是“三是”””", "“一是‘二是“三是”’”"),
        ("‘单引号’开头", "“单引号”开头"),
        ("没有引号", "没有引号"),
        ("多余的”右引号", "多余的”右引号"),  # a stray closer is left, never invented away
    ],
)
def test_quotes_nest_double_outside_single_inside(typed: str, printed: str) -> None:
    assert nest_quotes(typed) == printed


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("主体责任落实不到位", "主体责任落实不到位。"),
        ("主体责任落实不到位。", "主体责任落实不到位。"),
        ("是否整改到位？", "是否整改到位？"),
        ("一是审核把关不严，", "一是审核把关不严。"),
        ("本委在查办案件中发现：", "本委在查办案件中发现："),
        ("一是审核把关不严；", "一是审核把关不严；"),
        ("修订完善《低保审核办法》", "修订完善《低保审核办法》。"),
        ("防范“优亲厚友”", "防范“优亲厚友”。"),
        ("他说：“立即整改。”", "他说：“立即整改。”"),
        ("", ""),
    ],
)
def test_running_text_ends_its_sentence(typed: str, printed: str) -> None:
    assert end_sentence(typed) == printed


def test_running_text_nests_then_ends() -> None:
    assert running_text('  有效防范"虚报"冒领的风险 ') == "有效防范“虚报”冒领的风险。"


def test_dates_and_widths() -> None:
    assert format_date(date(2026, 1, 5)) == "2026年1月5日"
    assert width_units("X纪建〔2026〕3号") == 0.5 + 3 + 2 + 0.5 + 1 + 1  # ASCII half, the rest full
