"""Error classes of the generalisation work (issue 11), one test per class.

Every example is written for these tests (no text from an evaluation set).
"""

from __future__ import annotations

import pytest

from mingjian.cases.notice import ParsedNotice, parse_notice
from mingjian.cases.notice.conduct import disciplines


def _names(notice: ParsedNotice) -> list[str]:
    return [p.name for p in notice.persons if p.name]


def _unnamed(notice: ParsedNotice) -> list[tuple[str, str, str]]:
    return [(p.unit, p.position, p.level) for p in notice.persons if not p.name]


# --- names: missed co-subjects -------------------------------------------------------------


def test_half_masked_names_of_a_counted_list_are_persons_of_the_case() -> None:
    notice = parse_notice(
        "甲镇先后有多名干部被查处。其中，镇武装部原副部长朱某涛、乙村原党支部书记陈某苍2人因受贿被立案查处，"
        "并移送司法机关处理。"
    )
    assert _names(notice) == ["朱某涛", "陈某苍"]
    assert notice.duty_crimes == ["受贿"]


def test_each_item_of_a_removal_names_the_person_before_the_post() -> None:
    notice = parse_notice(
        "丙市对相关责任人作出处理决定：按程序免去王大山丁县委副书记、县长职务，李小河县环保局副局长职务，"
        "刘青松县环保局党组成员职务；对县环保局局长赵子明作出停职检查决定。"
    )
    assert _names(notice) == ["王大山", "李小河", "刘青松", "赵子明"]
    assert notice.level == "县处级"  # 县长 of 丁县, read from the words printed after the name


def test_a_bare_name_continues_the_list_of_a_decision() -> None:
    notice = parse_notice(
        "经研究，给予社区党支部书记孙美玲警告处分；对乙街道办副主任钱立东、社区包抓干部吴志远、郑春来实施诫勉谈话。"
    )
    assert _names(notice) == ["孙美玲", "钱立东", "吴志远", "郑春来"]


def test_people_listed_with_a_sanctioned_person_act_with_them_but_another_case_does_not() -> None:
    notice = parse_notice(
        "经查，通过原局长陈立群，副局长赵海波召开局务会议研究决定的形式，违规发放津补贴30万元；"
        "时任办公室主任周文斌（另案处理）、副局长赵海波负责落实。陈立群受到党内严重警告处分。"
    )
    assert _names(notice) == ["陈立群", "赵海波"]


def test_a_three_character_name_may_begin_with_a_word() -> None:
    notice = parse_notice(
        "近日，戊镇原党委书记黄金华因镇里接连发生腐败案负有领导责任被免职。"
        "区纪委对负有主要领导责任的黄金华进行问责，并给予党内严重警告处分。"
    )
    assert _names(notice) == ["黄金华"]


def test_being_tried_makes_the_subject_of_a_court_report() -> None:
    notice = parse_notice(
        "日前，某市中心医院原院长杨学文受贿案一审宣判，法院判处杨学文有期徒刑10年。"
        "经审理查明，被告人杨学文利用职务便利非法收受他人财物。"
    )
    assert _names(notice) == ["杨学文"]
    assert notice.transferred_to_prosecution
    assert notice.duty_crimes == ["受贿"]


# --- names: post taken as name -------------------------------------------------------------


def test_a_post_word_is_never_a_name() -> None:
    notice = parse_notice(
        "经区委研究决定，免去张某甲区建设发展集团有限公司董事长等职务，对相关责任人一查到底。"
    )
    assert _names(notice) == ["张某"]
    assert notice.persons[0].unit == "甲区建设发展集团有限公司"
    assert notice.level == "other"


# --- level: from the post and jurisdiction ---------------------------------------------------


def test_a_printed_rank_wins_over_the_post() -> None:
    notice = parse_notice("丁县人民医院院长吴国庆（副处级）违规收受礼金，受到党内警告处分。")
    assert notice.level == "县处级"  # a county hospital's head reads 乡科级 without the printed rank


def test_the_printed_rank_of_the_unit_a_person_heads() -> None:
    notice = parse_notice(
        "己市农业农村局直属副处级事业单位农机推广站存在违规发放津补贴问题。"
        "己市农机推广站原站长钱学军受到党内警告处分。"
    )
    assert notice.level == "县处级"


def test_a_post_printed_alone_takes_the_unit_of_its_kind() -> None:
    notice = parse_notice(
        "日前，省城乡规划研究院违规组织职工公款旅游。张建国作为院长，同意并批准了上述行为。"
        "省直机关纪工委给予张建国党内严重警告处分。"
    )
    assert notice.persons[0].unit == "省城乡规划研究院"
    assert notice.level == "县处级"  # a provincial institution ranks below the departments


def test_a_province_named_without_its_suffix() -> None:
    notice = parse_notice("山西人民公园党委副书记、管理处主任王大力因失职渎职，受到政务警告处分。")
    assert notice.level == "县处级"


def test_qian_before_a_post_is_a_tense() -> None:
    notice = parse_notice("新疆维吾尔自治区和田市前市委书记陈远山被开除党籍和公职。")
    assert notice.persons[0].unit == "新疆维吾尔自治区和田市市委"
    assert notice.level == "县处级"  # 和田 is a county-level city


def test_a_person_named_in_passing_does_not_make_the_level_unknown() -> None:
    notice = parse_notice(
        "何某被点名曝光一年之后，中央纪委通报了甲省人大常委会副主任王建华违规参加公款宴请问题，"
        "给予王建华党内警告处分。"
    )
    assert notice.level == "中管干部"


# --- unnamed persons: post and level, no name -------------------------------------------------


def test_posts_in_decisions_become_unnamed_persons_with_a_level() -> None:
    notice = parse_notice(
        "甲县精神病医院疫情防控值班点管控不严格。甲县纪委给予县精神病医院院长党内警告处分；"
        "对县卫健委工作人员诫勉谈话。"
    )
    assert _names(notice) == []
    assert ("县精神病医院", "院长", "乡科级") in _unnamed(notice)
    assert notice.level == "乡科级"


def test_a_post_printed_alone_belongs_to_the_unit_that_opens_the_sentence() -> None:
    notice = parse_notice("乙市金融投资有限公司借召开座谈会之机用公款大吃大喝，总经理受到党内警告处分。")
    assert _unnamed(notice) == [("乙市金融投资有限公司", "总经理", "other")]
    assert notice.level == "other"


def test_a_township_secretary_held_to_account_without_a_name() -> None:
    notice = parse_notice("丙市对工作落实不力的丁县戊镇党委书记进行问责，予以免职。")
    assert notice.level == "乡科级"


# --- conduct: 八项规定 and disciplines by meaning ----------------------------------------------


def test_a_lone_failure_to_act_is_a_failure_of_duty_not_formalism() -> None:
    notice = parse_notice("某社区干部在疫情防控中不作为，未及时上报返乡人员情况，受到党内警告处分。")
    assert notice.disciplines == ["工作纪律"]
    assert not notice.eight_point_rules


def test_the_triad_of_inaction_is_bureaucratism() -> None:
    notice = parse_notice("某中心在政务服务中存在不作为、慢作为、乱作为问题，中心主任刘某受到党内警告处分。")
    assert notice.disciplines == ["工作纪律"]
    assert notice.eight_point_rules


def test_words_about_the_rules_infer_no_discipline() -> None:
    found, _ = disciplines("李某某违规公款吃喝，落实中央八项规定精神不力，受到党内警告处分。")
    assert found == ["廉洁纪律"]


def test_an_accountability_case_without_other_conduct_is_a_failure_of_duty() -> None:
    notice = parse_notice("针对甲公司违法排污问题，丙市启动问责程序，免去郑大海丁县环保局局长职务。")
    assert notice.disciplines == ["工作纪律"]
    assert notice.disciplines_source == "inferred"


def test_subsidies_paid_out_of_money_obtained_by_fraud_break_the_eight_rules() -> None:
    notice = parse_notice(
        "甲派出所原所长徐某通过重复报支工资方式套取财政资金，给协管员发放补贴，受到党内警告处分。"
    )
    assert notice.eight_point_rules
    assert notice.disciplines == ["廉洁纪律"]


def test_stated_personnel_discipline_and_obstruction() -> None:
    found, _ = disciplines("上述行为违反组织人事纪律；其在组织调查中提供虚假情况，对抗组织调查。")
    assert found == ["政治纪律", "组织纪律"]


# --- sanctions: a post printed inside the sanction --------------------------------------------


def test_removal_from_a_named_party_post_is_a_sanction() -> None:
    notice = parse_notice("经研究，给予张某撤销甲市一中党总支副书记和行政撤销其甲市一中校长的处分。")
    assert notice.party_sanction == "撤销党内职务"
    assert notice.govt_sanction == "撤职"


def test_an_office_of_a_commission_ranks_as_a_section() -> None:
    notice = parse_notice("甲省纪委监委第三审查调查室原主任施大成违规收受礼金，受到党内严重警告处分。")
    assert notice.level == "县处级"


def test_an_abbreviation_note_and_a_reporting_verb_are_not_part_of_the_unit() -> None:
    notice = parse_notice(
        "中央纪委国家监委严肃查处了交通运输部安全监督管理司（以下简称安监司）原副司长彭大平违规公款旅游问题。"
        "彭大平受到党内警告处分。"
    )
    assert notice.persons[0].unit == "交通运输部安全监督管理司"
    assert notice.level == "厅局级"


def test_a_compound_surname_gives_one_name_not_two() -> None:
    notice = parse_notice("近日，乙市纪委监委对市住建局原局长司马光明严重违纪违法问题进行了立案审查调查。")
    assert _names(notice) == ["司马光明"]


@pytest.mark.parametrize(
    ("conduct", "eight_point", "found"),
    [
        ("多次安排公款吃喝", True, ["廉洁纪律"]),
        ("收受管理服务对象礼金1万元", True, ["廉洁纪律"]),
        ("多次驾驶公务用车办私事", True, ["廉洁纪律"]),
        ("违规操办其子婚宴，大操大办", True, ["廉洁纪律"]),
        ("在工作日中午饮酒", True, ["廉洁纪律"]),
        ("违规报销个人费用", True, ["廉洁纪律"]),
        ("超标准超范围接待", True, ["廉洁纪律"]),
        ("在检查考核中层层加码，加重基层负担", True, ["工作纪律"]),
        ("对上级部署敷衍应付、搞形式主义", True, ["工作纪律"]),
        ("在防汛救灾中失职失责", False, ["工作纪律"]),
        ("在疫情防控工作中履职不力", False, ["工作纪律"]),
        ("违规决策，造成国有资产损失", False, ["组织纪律"]),
        ("对抗组织审查", False, ["政治纪律"]),
        ("在低保审核中优亲厚友", False, ["群众纪律"]),
    ],
)
def test_conduct_by_meaning(conduct: str, eight_point: bool, found: list[str]) -> None:
    notice = parse_notice(f"甲县某局局长张大明{conduct}，受到党内警告处分。")
    assert notice.eight_point_rules is eight_point
    assert notice.disciplines == found


def test_names_taken_without_a_sanction_of_their_own_stay_flagged() -> None:
    listed = parse_notice(
        "经查，通过原局长陈立群，副局长赵海波召开局务会议违规发放津补贴。陈立群受到党内警告处分。"
    )
    assert "person" in listed.uncertain
    sanctioned = parse_notice("甲县水利局局长陈立群违规发放津补贴，受到党内警告处分。")
    assert "person" not in sanctioned.uncertain


def test_a_crime_named_in_the_sentence_that_transfers_the_case() -> None:
    notice = parse_notice(
        "甲市原市委书记王大海作为换届工作第一责任人「玩忽职守」，被开除党籍和公职，并移送司法机关处理。"
    )
    assert notice.duty_crimes == ["玩忽职守"]
    assert notice.transferred_to_prosecution
