"""Names, unit/position, level, disciplines, 八项规定 and duty crimes (invented notices)."""

import pytest

from mingjian.cases.notice import CONTRACT_KEYS, is_notice, parse_notice
from mingjian.cases.notice.level import cadre_level
from mingjian.cases.notice.posts import split_unit_position


def test_masked_name_after_position() -> None:
    notice = parse_notice("甲县民政局原局长李某某违规收受礼金问题。李某某受到党内警告处分。")
    assert notice.person == "李某某"
    assert (notice.unit, notice.position) == ("甲县民政局", "原局长")


def test_full_name_length_is_resolved_by_repetition() -> None:
    notice = parse_notice(
        "日前，宜春市纪委监委对宜春市交通运输局原局长周岩严重违纪违法问题进行了审查调查。"
        "经查，周岩违反中央八项规定精神，收受礼金。决定给予周岩开除党籍处分。"
    )
    assert notice.person == "周岩"
    assert notice.unit == "宜春市交通运输局"


def test_three_character_and_compound_surname_names() -> None:
    assert parse_notice("甲县财政局副局长王建国违规吃喝问题。王建国受到党内警告处分。").person == "王建国"
    assert parse_notice("甲县财政局科长欧阳某违规吃喝问题。欧阳某受到党内警告处分。").person == "欧阳某"


def test_name_after_date_clause_and_unit_only() -> None:
    notice = parse_notice(
        "2019年至2020年，甲市某开发区管委会孙立从事公车管理工作。孙立违规接受宴请，受到党内警告处分。"
    )
    assert notice.person == "孙立"
    assert notice.unit == "甲市某开发区管委会"


def test_several_units_are_joined_with_semicolons() -> None:
    unit, position = split_unit_position("甲县委原书记、宜春市人民政府原副秘书长")
    assert unit == "甲县委;宜春市人民政府"
    assert position == "甲县委原书记、宜春市人民政府原副秘书长"


def test_former_marker_moves_into_the_position() -> None:
    assert split_unit_position("国家某某局原某某研究院党委副书记、院长") == (
        "国家某某局某某研究院",
        "原党委副书记、院长",
    )


def test_anaphoric_unit_is_resolved() -> None:
    notice = parse_notice(
        "甲县城市管理局对群众诉求推诿扯皮问题。该局时任局长钱某某等人漠视群众利益。钱某某受到党内警告处分。"
    )
    assert notice.unit == "甲县城市管理局"
    assert notice.position == "时任局长"


@pytest.mark.parametrize(
    ("span", "level"),
    [
        ("东坡村党支部书记", "村干部"),
        ("东坡村村委会主任", "村干部"),
        ("丙街道某社区居委会主任", "村干部"),
        ("甲县水利局局长", "乡科级"),
        ("宜春市水利局局长", "县处级"),
        ("甲县委书记", "县处级"),
        ("甲县人民政府副县长", "县处级"),
        ("宜春市人民政府副市长", "厅局级"),
        ("宜春市委常委", "厅局级"),
        ("甲省交通运输厅厅长", "厅局级"),
        ("宜春市人大常委会副主任", "厅局级"),
        ("甲省人民政府副省长", "中管干部"),
        ("甲县发展和改革局二级调研员", "县处级"),
        ("宜春市政协副巡视员", "厅局级"),
        ("丙镇党委书记", "乡科级"),
        ("甲县某某建设有限公司总经理", "other"),
        ("中国某某银行甲县支行客户经理", "other"),
        ("宜春市农业农村局局长", "县处级"),
        ("甲县住房和城乡建设局局长", "乡科级"),
        ("", "unknown"),
    ],
)
def test_levels(span: str, level: str) -> None:
    unit, position = split_unit_position(span)
    assert cadre_level(unit, position, span) == level


def test_stated_disciplines() -> None:
    notice = parse_notice(
        "经查，宜春市原副市长韩某某违反政治纪律，对抗组织审查；违反组织纪律；违反生活纪律。"
        "韩某某严重违反党的政治纪律、组织纪律、生活纪律，决定给予韩某某开除党籍处分。"
    )
    assert notice.disciplines == ["政治纪律", "组织纪律", "生活纪律"]
    assert notice.disciplines_source == "stated"


@pytest.mark.parametrize(
    ("conduct", "discipline"),
    [
        ("违规收受礼品礼金", "廉洁纪律"),
        ("公车私用", "廉洁纪律"),
        ("在低保审核中优亲厚友", "群众纪律"),
        ("搞形式主义、官僚主义，层层加码", "工作纪律"),
        ("与他人发生不正当性关系", "生活纪律"),
    ],
)
def test_inferred_disciplines(conduct: str, discipline: str) -> None:
    notice = parse_notice(f"甲县某局局长孙某{conduct}问题。孙某受到党内警告处分。")
    assert discipline in notice.disciplines
    assert notice.disciplines_source == "inferred"


def test_eight_point_rules() -> None:
    assert parse_notice("甲县某局局长孙某违规接受宴请问题。孙某受到党内警告处分。").eight_point_rules
    assert parse_notice("甲县某局局长孙某违反中央八项规定精神问题。孙某受到党内警告处分。").eight_point_rules
    assert not parse_notice("甲村会计孙某虚报冒领补助资金问题。孙某受到党内警告处分。").eight_point_rules


@pytest.mark.parametrize(
    ("sentence", "crimes"),
    [
        ("构成严重职务违法并涉嫌受贿犯罪", ["受贿"]),
        ("涉嫌贪污、挪用公款犯罪", ["贪污", "挪用公款"]),
        ("涉嫌贪污和受贿犯罪", ["贪污", "受贿"]),
        ("其中，受贿问题涉嫌犯罪", ["受贿"]),
        ("涉嫌利用影响力受贿、滥用职权犯罪", ["利用影响力受贿", "滥用职权"]),
        ("涉嫌玩忽职守犯罪", ["玩忽职守"]),
        ("利用职务便利非法收受他人财物，数额巨大", []),
    ],
)
def test_duty_crimes_only_when_named(sentence: str, crimes: list[str]) -> None:
    notice = parse_notice(
        f"宜春市某局原局长孙某某严重违纪违法问题。经查，孙某某{sentence}。给予孙某某开除党籍处分。"
    )
    assert notice.duty_crimes == crimes


def test_contract_has_exactly_the_keys() -> None:
    contract = parse_notice("甲县某局局长孙某违规吃喝问题。孙某受到党内警告处分。").to_contract()
    assert tuple(contract) == CONTRACT_KEYS
    assert contract["persons"] == [
        {"name": "孙某", "position": "局长", "party_sanction": "警告", "govt_sanction": None}
    ]


def test_not_a_notice() -> None:
    assert not is_notice("")
    assert not is_notice("今天天气很好，我们去公园散步。")
    empty = parse_notice("随便写点什么")
    assert empty.is_empty
    assert empty.person == ""
    assert tuple(empty.to_contract()) == CONTRACT_KEYS


def test_investigation_start_notice() -> None:
    notice = parse_notice(
        "宜春市人民政府副市长马某某涉嫌严重违纪违法，目前正接受宜春市纪委监委纪律审查和监察调查。"
    )
    assert notice.person == "马某某"
    assert notice.level == "厅局级"
    assert notice.party_sanction is None
