"""Money figures and the numbers that are not money."""

import pytest

from mingjian.cases.notice import parse_notice
from mingjian.cases.notice.amounts import cn_number, find_amounts, has_vague_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收受礼金26.76万余元", [267600]),
        ("涉案金额1.2亿元", [120000000]),
        ("收受3000元购物卡", [3000]),
        ("餐费5.6万元由下属承担", [56000]),
        ("折合共计8.8万余元", [88000]),
        ("收受100余万元", [1000000]),
        ("收受现金一万二千元", [12000]),
        ("收受现金两千元和5000元", [2000, 5000]),
    ],
)
def test_money_figures(text: str, expected: list[float]) -> None:
    assert find_amounts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "违法占用耕地30亩",
        "涉及面积1.6万平方米",
        "涉及群众120人次",
        "时年58岁",
        "任职18年",
        "持续6个月",
        "占比80%",
        "涉及42户",
        "先后19次",
        "涉及15名干部",
        "2019年元旦期间",
        "收受数千元",
    ],
)
def test_non_money_numbers_are_ignored(text: str) -> None:
    assert find_amounts(text) == []


def test_vague_amounts_give_null_and_uncertain() -> None:
    assert has_vague_amount("非法收受他人财物，数额特别巨大")
    notice = parse_notice("甲市某局原局长王某某非法收受他人财物，数额巨大，受到开除党籍处分。")
    assert notice.amount_yuan is None
    assert "amount_yuan" in notice.uncertain


def test_largest_amount_and_all_amounts() -> None:
    notice = parse_notice(
        "甲县某局原局长王某某违规收受礼金问题。王某某收受礼金5000元、购物卡2.5万元，"
        "违规占地12亩。王某某受到党内严重警告处分。"
    )
    assert notice.amount_yuan == 25000
    assert notice.amounts_all_yuan == [5000, 25000]
    assert notice.to_contract()["amount_yuan"] == 25000


def test_cn_number() -> None:
    assert cn_number("三千五百") == 3500
    assert cn_number("十") == 10
    assert cn_number("两万") == 20000
