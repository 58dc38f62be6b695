"""Error classes of the fifth evaluation set's tune half, each with an example of my own (no
notice text copied): who the case is about, levels by the unit hierarchy, conduct by meaning."""

import pytest

from mingjian.cases.notice import parse_notice
from mingjian.cases.notice.normalize import normalize_chars
from mingjian.cases.notice.plausible import plausible_name


def test_people_under_investigation_a_few_words_after_the_name() -> None:
    notice = parse_notice(
        "甲市乙县人民医院原院长孙立平涉嫌严重违纪违法，目前正在接受乙县纪委监委纪律审查和监察调查。"
        "乙县中医院副院长钱志强涉嫌严重违纪违法，目前正在接受监察调查。"
    )
    assert notice.person == "孙立平、钱志强"


def test_a_name_after_its_post_followed_by_an_unknown_verb() -> None:
    notice = parse_notice(
        "近日，甲县纪委通报一起问责案例。乙镇党委书记赵永炬落实防汛责任不到位，负有重要领导责任，"
        "受到诫勉谈话；镇长钱卫国负有主要领导责任，受到党内严重警告处分。"
    )
    assert notice.person == "赵永炬、钱卫国"
    assert notice.level == "乡科级"


def test_a_counted_decision_covers_the_people_listed_before_it() -> None:
    notice = parse_notice(
        "甲省某局第三勘探队党委书记赵立新和副队长钱海江、总工程师孙志远、副队长李东明，先后两次接受承建商"
        "安排的宴请。省局党委给予4人党内严重警告处分。"
    )
    assert notice.person == "赵立新、钱海江、孙志远、李东明"


def test_a_verb_after_a_post_is_not_a_name() -> None:
    notice = parse_notice(
        "乙区公安分局某派出所副所长郑力，安排民警执法时适用法律错误，给予其行政记过处分；"
        "该所民警王桂兰执法程序不规范，给予其行政警告处分。"
    )
    assert notice.person == "郑力、王桂兰"


@pytest.mark.parametrize(
    ("name", "text", "plausible"),
    [
        ("吕梁市", "对吕梁市委书记进行诫勉谈话", False),  # a place
        ("执法", "民警执法程序不规范，民警执法时", False),  # a verb with no surname
        ("廉洁", "违反了廉洁自律规定，廉洁", False),  # an adjective
        ("时扑灭", "组织力量及时扑灭，及时扑灭", False),  # torn out of 及时扑灭
        ("区综合", "对区综合行政执法局", False),  # a character and a verbal noun
        ("沙向东", "区委副书记、区长沙向东党内警告", True),  # 长沙 belongs to the post 区长
        ("张书全", "党委书记张书全党内严重警告处分", True),  # 全党 runs into the sanction
        ("汪济", "中队长汪济受到党内警告处分", True),  # a surname and a noun is a name
        ("王某某", "王某某受到处分", True),
    ],
)
def test_plausible_names(name: str, text: str, plausible: bool) -> None:
    from mingjian.cases.notice.names import surname_len

    assert plausible_name(text, name, bool(surname_len(name))) is plausible


def test_a_county_level_city_named_cheng_is_a_place() -> None:
    notice = parse_notice(
        "丁城市经信局党委书记、局长周建华对企业环保问题监管不力，受到诫勉处理，副局长吴红给予行政记过处分。"
    )
    assert notice.level == "乡科级"  # the bureau of a county-level city (was: no place, other)


@pytest.mark.parametrize(
    "text",
    [
        "青岛市市北区某街道党工委书记孙浩部署防控工作不力，受到党内警告处分。",  # a 副省级 city's district
        "天津市西青区某镇党委书记钱进落实防控责任不力，受到党内警告处分。",  # a municipality's district
    ],
)
def test_a_town_or_street_of_a_prefecture_level_district_is_chu_level(text: str) -> None:
    notice = parse_notice(text)
    assert notice.persons and notice.level == "县处级"


def test_peoples_benefits_are_not_allowances() -> None:
    notice = parse_notice(
        "乙村党支部书记赵德明为其母亲违规多领取国家高龄补贴8400元。赵德明受到党内警告处分，违规领取的资金被追缴。"
    )
    assert not notice.eight_point_rules
    assert notice.disciplines == ["群众纪律"]


@pytest.mark.parametrize(
    "text",
    [
        "甲社区党总支书记孙某、居委会主任李某为社区干部发放端午过节费6000元。孙某、李某受到党内严重警告处分。",
        "甲区某街道原党工委委员周立收受某商户通过微信送的3000元，受到党内严重警告处分。",
    ],
)
def test_holiday_money_and_wechat_gifts_break_the_eight_point_rules(text: str) -> None:
    notice = parse_notice(text)
    assert notice.eight_point_rules
    assert "廉洁纪律" in notice.disciplines


def test_censored_and_spun_reposts_read_back() -> None:
    assert (
        normalize_chars("镇*委书记，受到*内警告处分，县*府，病*")
        == "镇党委书记，受到党内警告处分，县政府，病毒"
    )
    assert (
        normalize_chars("受党内严峻警告处置，自中心八项规则公布以来")
        == "受党内严重警告处分，自中央八项规定公布以来"
    )
    assert normalize_chars("王俊巖") == "王俊岩"
    notice = parse_notice("丙镇*委书记吴某某落实防控工作不力，受到*内警告处分。")
    assert notice.party_sanction == "警告"


def test_resignations_roles_and_orders_to_write_a_self_criticism_name_people() -> None:
    notice = parse_notice(
        "日前，甲县对安全生产工作不力的相关责任人作出处理：同意孙建华辞去甲县副县长职务；免去李国强乙镇镇长职务；"
        "责令丙镇党委书记钱志刚、丁镇党委书记吴海涛向县委写出深刻书面检查。"
    )
    assert notice.person == "孙建华、李国强、钱志刚、吴海涛"


def test_a_removal_item_that_names_the_person_by_a_role_first() -> None:
    notice = parse_notice(
        "相关责任人受到问责处理：免去乙镇县级责任领导周海波甲县政协党组书记职务，免去丙镇县级责任领导吴天明甲县委常委职务。"
    )
    assert notice.person == "周海波、吴天明"


def test_a_yi_compound_surname_keeps_its_four_characters() -> None:
    notice = parse_notice("免去乙镇县级责任领导沙马建林甲县委常委、统战部长职务。")
    assert notice.person == "沙马建林"


def test_the_pre_2018_removal_from_a_non_party_post_is_cheizhi() -> None:
    notice = parse_notice(
        "甲乡中心小学校长赵德华对该校乱收费负有直接责任，给予撤销校长职务处分，同时给予其党内警告处分。"
    )
    assert notice.govt_sanction == "撤职"
    assert notice.party_sanction == "警告"
