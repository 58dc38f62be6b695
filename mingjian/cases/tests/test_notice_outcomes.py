"""Per-person measures and transfer, 问责 and the three money figures (invented notices)."""

from __future__ import annotations

import pytest

from mingjian.cases.notice import CONTRACT_KEYS, ParsedNotice, ParsedPerson, parse_notice
from mingjian.cases.notice.amounts import money_by_kind


def _person(notice: ParsedNotice, name: str) -> ParsedPerson:
    return next(p for p in notice.persons if p.name == name)


def test_first_form_measures_are_not_org_handling() -> None:
    notice = parse_notice(
        "甲县农业农村局副局长林某某履职不力问题。林某某受到诫勉，并被责令作出书面检查；"
        "该局办公室主任郑某某受到批评教育、谈话提醒。"
    )
    assert notice.org_handling == []
    assert notice.first_form_measures == ["诫勉", "责令检查", "批评教育", "谈话提醒"]


def test_measures_go_to_the_person_named_before_them() -> None:
    notice = parse_notice(
        "乙县水利局原局长林某某违规审批项目问题。林某某受到党内严重警告处分、免职处理；"
        "分管副局长郑某某负有领导责任，受到诫勉。"
    )
    lin, zheng = _person(notice, "林某某"), _person(notice, "郑某某")
    assert (lin.org_handling, lin.first_form_measures) == (["免职"], [])
    assert (zheng.org_handling, zheng.first_form_measures) == ([], ["诫勉"])


def test_a_group_of_names_shares_the_measure() -> None:
    notice = parse_notice(
        "丙镇卫生院院长林某某、副院长郑某某违规发放补贴问题。对林某某、郑某某进行诫勉谈话。"
    )
    assert [p.first_form_measures for p in notice.persons] == [["诫勉"], ["诫勉"]]


def test_transfer_goes_to_the_person_it_names() -> None:
    notice = parse_notice(
        "丁县民政局原副局长林某某贪污救助资金问题。出纳郑某某受到党内警告处分。"
        "林某某受到开除党籍、开除公职处分，其涉嫌贪污犯罪问题被移送检察机关依法审查起诉。"
    )
    assert notice.transferred_to_prosecution
    assert _person(notice, "林某某").transferred
    assert not _person(notice, "郑某某").transferred


def test_unnamed_person_gets_its_measure() -> None:
    notice = parse_notice("戊县城管局违规收费问题。戊县城管局执法大队负责人受到组织处理。")
    unnamed = [p for p in notice.persons if not p.named]
    assert unnamed and unnamed[0].org_handling == ["组织处理"]
    assert unnamed[0].name == ""  # never invented


def test_stated_accountability_and_methods() -> None:
    notice = parse_notice(
        "己县教育局原局长林某某落实全面从严治党主体责任不力问题。依据《中国共产党问责条例》，"
        "林某某受到党内警告处分；分管副局长郑某某受到诫勉。"
    )
    assert (notice.is_accountability, notice.accountability_source) == (True, "stated")
    assert _person(notice, "林某某").accountability_methods == ["纪律处分"]
    assert _person(notice, "郑某某").accountability_methods == ["诫勉"]
    assert "is_accountability" not in notice.uncertain


def test_inferred_accountability_is_flagged() -> None:
    notice = parse_notice("庚县卫健委原主任林某某履行监督责任不力问题。林某某受到政务记过处分。")
    assert (notice.is_accountability, notice.accountability_source) == (True, "inferred")
    assert "is_accountability" in notice.uncertain


def test_a_warning_about_future_accountability_is_not_a_case() -> None:
    notice = parse_notice("辛县财政局会计林某某违规报销问题。林某某受到党内警告处分。对类似问题将严肃问责。")
    assert not notice.is_accountability


def test_party_organisation_held_to_account() -> None:
    notice = parse_notice(
        "壬县某乡党委落实主体责任不力问题。责令壬县某乡党委作出书面检查，并对壬县某乡党委予以通报问责；"
        "乡党委书记林某某受到诫勉。"
    )
    assert notice.is_accountability
    assert [(o.name, o.accountability_methods) for o in notice.organizations] == [
        ("壬县某乡党委", ["检查", "通报"])
    ]
    assert not notice.to_contract()["persons"][0]["name"].endswith("党委")
    assert tuple(notice.to_contract()) == CONTRACT_KEYS


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("致使低保资金损失12.6万元", (None, 126000, None)),
        ("违规发放低保金3.2万元", (None, 32000, None)),
        ("收受管理服务对象所送购物卡5000元", (5000, None, None)),
        ("已追缴违规领取的补贴资金8600元", (None, None, 8600)),
        ("收受礼金3次，共计9000元", (9000, None, None)),
        ("挽回经济损失20万元", (None, None, 200000)),
        ("涉及资金5.6万元", (None, None, None)),  # no cue: left for the clerk
    ],
)
def test_money_kind_from_its_clause(sentence: str, expected: tuple[float | None, ...]) -> None:
    money = money_by_kind(f"2023年，林某某{sentence}。")
    assert (money.gains, money.loss, money.recovered) == expected


def test_separate_figures_without_a_total_are_flagged() -> None:
    money = money_by_kind("林某某收受礼金1万元、购物卡3000元。")
    assert money.gains == 10000
    assert "illicit_gains_yuan" in money.uncertain
    totalled = money_by_kind("林某某收受礼金1万元、购物卡3000元，合计1.3万元。")
    assert (totalled.gains, totalled.uncertain) == (13000, set())


def test_court_fines_are_not_case_money() -> None:
    money = money_by_kind("林某某受贿50万元，被判处有期徒刑三年，并处罚金人民币20万元。")
    assert (money.gains, money.recovered) == (500000, None)


def test_parsed_notice_carries_the_three_figures() -> None:
    notice = parse_notice(
        "癸县民政局低保股股长林某某违规审批低保问题。林某某违规为亲属审批低保，致使低保资金损失4.8万元，"
        "收受好处费6000元。林某某受到党内严重警告处分，违规发放的4.8万元低保资金已全部追回。"
    )
    details = notice.details()
    assert (details["illicit_gains_yuan"], details["loss_yuan"], details["recovered_yuan"]) == (
        6000,
        48000,
        48000,
    )
    assert notice.amount_yuan == 48000  # the contract's figure is unchanged


def test_post_before_a_plain_surname_is_not_a_compound_surname() -> None:
    notice = parse_notice(
        "甲县民政局原局长钱某某落实主体责任不力问题。钱某某受到党内警告处分；分管副局长孙丽受到诫勉。"
    )
    assert [p.name for p in notice.persons] == ["钱某某", "孙丽"]  # not 长孙丽


def test_in_charge_deputy_takes_the_unit_named_before() -> None:
    notice = parse_notice(
        "甲县民政局原局长钱某某监管不力问题。钱某某受到党内警告处分；分管副局长孙丽受到诫勉。"
    )
    deputy = _person(notice, "孙丽")
    assert (deputy.unit, deputy.position) == ("甲县民政局", "分管副局长")
    assert deputy.level == _person(notice, "钱某某").level
