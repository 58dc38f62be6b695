"""Names and levels on notice shapes the first parser got wrong (examples written for these tests)."""

from __future__ import annotations

import pytest

from mingjian.cases.notice import parse_notice
from mingjian.cases.notice.level import cadre_level


def _names(notice: object) -> list[str]:
    return [p.name for p in notice.persons if p.name]  # type: ignore[attr-defined]


def test_a_name_ends_where_a_verb_of_the_facts_begins() -> None:
    notice = parse_notice(
        "甲县人大常委会党组副书记、副主任郑大坦履行防控责任不力，受到党内警告处分。"
        "郑大坦履行防控责任意识不强，未到镇实地督查。"
    )
    assert _names(notice) == ["郑大坦"]


def test_jun_is_part_of_a_name_unless_it_follows_a_list() -> None:
    one = parse_notice(
        "时任村支部书记冯正均和村主任吴定勇召开两委会，违规平分低保资金。"
        "冯正均受到党内警告处分。吴定勇受到党内严重警告处分。"
    )
    assert _names(one) == ["冯正均", "吴定勇"]
    both = parse_notice("乙镇民政办主任张三、副主任李明违规审批低保。张三、李明均受到党内警告处分。")
    assert _names(both) == ["张三", "李明"]


def test_a_decision_about_the_people_listed_names_each_of_them() -> None:
    notice = parse_notice(
        "经查，丙县卫生健康局局长周大成，丙县疾控中心主任吴小平，丙县人民医院院长郑海涛"
        "在疫情防控工作中责任落实不力。经研究，决定对上述三人立案审查调查。"
    )
    assert sorted(_names(notice)) == ["吴小平", "周大成", "郑海涛"]


def test_a_count_that_does_not_match_names_nobody_from_the_list() -> None:
    notice = parse_notice(
        "经查，丙县卫生健康局局长周大成，丙县疾控中心主任吴小平在疫情防控工作中责任落实不力。"
        "经研究，决定对上述五人立案审查调查。"
    )
    assert _names(notice) in ([], ["周大成"])  # never a guess at who the other three are


@pytest.mark.parametrize(
    ("unit", "position", "level"),
    [
        ("上海市奉贤区", "原副区长", "厅局级"),  # a district of a municipality ranks as a prefecture
        ("重庆市公安局", "交巡警总队原党委书记、总队长", "县处级"),  # a 总队 under a municipal bureau
        ("中国移动广西公司", "原党委委员、副总经理", "other"),  # a provincial branch, not the group
        ("理县交通运输局", "工程师", "other"),  # staff, not a post
        ("平阳县怀溪镇", "组织委员", "乡科级"),  # a member of the township's 党委
        ("原中国银行业监督管理委员会", "党委委员、副主席", "中管干部"),  # a ministry-level body
        ("黔西市委;组织部", "黔西市委常委、组织部部长", "县处级"),  # 组织部 alone is not a ministry
    ],
)
def test_level_from_the_post(unit: str, position: str, level: str) -> None:
    span = (
        position
        if position.startswith(unit.split(";", maxsplit=1)[0])
        else unit.split(";", maxsplit=1)[0] + position
    )
    assert cadre_level(unit, position, span) == level


def test_pinyin_glosses_of_reposts_are_dropped() -> None:
    notice = parse_notice(
        "甲县纪(jì)委通报：乙村妇联(lián)主席何小群违规领取补贴，受到党内警告处分。何小群已退缴全部款项。"
    )
    assert _names(notice) == ["何小群"]


def test_an_organ_is_never_a_name_even_after_a_surname_character() -> None:
    notice = parse_notice(
        "丙省国资委纪委通报：丙省某集团公司原副总经理任大明违规收受礼金，受到党内严重警告处分。任大明……"
    )
    assert _names(notice) == ["任大明"]


def test_a_word_inside_the_facts_is_not_a_subject_of_the_sanction() -> None:
    notice = parse_notice(
        "村主任郝大林、村会计宋小平以配偶名义冒领本村全迁户粮食直补款，分别受到党内警告处分。"
    )
    assert _names(notice) == ["郝大林", "宋小平"]


def test_the_people_counted_with_deng_n_ren_are_each_of_the_case() -> None:
    notice = parse_notice(
        "对涉嫌犯罪的丁县医院工会副主席(原财务科主任)钱建东、丁县某药业有限公司实际出资人孙彪、"
        "丁县某药业有限公司法人代表李舜等3人，已移送司法机关处理。"
    )
    assert sorted(_names(notice)) == ["孙彪", "李舜", "钱建东"]


def test_a_branch_of_a_central_company_is_not_the_group() -> None:
    assert cadre_level("中国电科南京某光电公司", "原总经理", "中国电科南京某光电公司原总经理") == "other"
