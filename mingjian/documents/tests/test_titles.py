from __future__ import annotations

import pytest

from mingjian.documents.text import width_units
from mingjian.documents.titles import LEXICON, split_title

# (title, names the caller protects, the lines a clerk accepts)
TITLES = [
    (
        "关于测试县民政局农村低保审核审批中优亲厚友问题的纪检监察建议",
        ("测试县民政局",),
        ["关于测试县民政局农村低保审核审批中", "优亲厚友问题的纪检监察建议"],
    ),
    (
        "关于市民政局深化以案促改工作的纪检监察建议",
        ("市民政局",),
        ["关于市民政局深化以案促改工作的", "纪检监察建议"],
    ),
    ("关于加强农村低保资金监督制约的纪检监察建议", (), ["关于加强农村低保资金", "监督制约的纪检监察建议"]),
    (
        "关于市自然资源和规划局深化以案促改工作的纪检监察建议",
        ("市自然资源和规划局",),
        ["关于市自然资源和规划局", "深化以案促改工作的纪检监察建议"],
    ),
    ("关于印发《X市纪检监察建议工作办法》的通知", (), ["关于印发", "《X市纪检监察建议工作办法》的通知"]),
    ("关于市民政局整改情况的报告", (), ["关于市民政局整改情况的报告"]),
]


@pytest.mark.parametrize(("title", "keep", "lines"), TITLES)
def test_titles_break_between_words_and_phrases(title: str, keep: tuple[str, ...], lines: list[str]) -> None:
    assert split_title(title, keep=keep) == lines


@pytest.mark.parametrize(("title", "keep", "lines"), TITLES)
def test_lines_fit_keep_every_character_and_never_split_a_term(
    title: str, keep: tuple[str, ...], lines: list[str]
) -> None:
    got = split_title(title, keep=keep)
    assert "".join(got) == title
    assert all(width_units(line) <= 20 for line in got)
    for term in (*keep, *LEXICON):
        if term in title:
            assert any(term in line for line in got), f"{term} was broken"
    assert not any(line.startswith(("的", "中", "，", "、", "》")) for line in got)


def test_the_old_breaks_a_clerk_sent_back_do_not_happen() -> None:
    """ "…纪检监察建" / "议" and "监督制" / "约" (Word wrapping at the margin)."""
    for title in (
        "关于进一步加强和改进全市社会救助资金监督制约的纪检监察建议",
        "关于加强农村低保资金监督制约的纪检监察建议",
    ):
        lines = split_title(title)
        assert not any(line.endswith(("建", "制")) for line in lines)
        assert not any(line.startswith(("议", "约")) for line in lines)


def test_long_titles_take_three_lines_without_an_hourglass() -> None:
    title = (
        "关于市财政局在社会保障资金拨付和惠民惠农财政补贴资金“一卡通”管理中存在监督制约薄弱问题的纪检监察建议"
    )
    widths = [width_units(line) for line in split_title(title, keep=("市财政局",))]
    assert len(widths) == 3
    assert not (widths[1] < widths[0] and widths[1] < widths[2])


def test_deterministic_and_validated() -> None:
    title = TITLES[0][0]
    assert split_title(title) == split_title(title)
    with pytest.raises(ValueError, match="公文标题不能为空"):
        split_title("   ")
