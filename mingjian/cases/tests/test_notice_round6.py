"""Error classes of the sixth evaluation set, each with an example of my own (no notice text
copied): rosters of people each printed with their own post, roundups that only say 落马."""

import pytest

from mingjian.cases.notice import parse_notice
from mingjian.cases.notice.conduct import inferred_disciplines
from mingjian.cases.notice.level import cadre_level
from mingjian.cases.notice.normalize import normalize_chars
from mingjian.cases.notice.parser import is_notice
from mingjian.cases.notice.plausible import plausible_name
from mingjian.cases.notice.roster import counted_names, roster_names


def _two_or_three(name: str) -> bool:
    return len(name) in (2, 3)


def test_a_roster_closed_by_one_shared_outcome() -> None:
    notice = parse_notice(
        "据甲省纪委监委消息，甲省乙市副市长赵立新、乙市交通局局长钱海江、丙县县长孙志远均涉嫌严重违纪违法，"
        "目前正接受纪律审查和监察调查。"
    )
    assert notice.person == "赵立新、钱海江、孙志远"


def test_a_roster_with_a_count_instead_of_an_adverb() -> None:
    notice = parse_notice(
        "本周，甲省水利厅副厅长周建平，乙市政协副主席吴明辉以及丙县县委书记郑国强3人被查，均涉嫌严重违纪违法。"
    )
    assert notice.person == "周建平、吴明辉、郑国强"


def test_a_criminal_roster_of_company_staff_is_not_a_sanction_roster() -> None:
    text = "采取强制措施的人员中，某煤业公司总经理赵大明、某建材公司副总经理钱小东等5人涉嫌重大责任事故罪被批准逮捕。"
    assert roster_names(text, _two_or_three) == []


def test_a_single_post_and_name_is_not_a_roster() -> None:
    text = "甲县民政局局长孙志远均衡推进各项工作，受到表扬。"
    assert roster_names(text, _two_or_three) == []


def test_a_roundup_that_only_says_fallen_is_a_notice() -> None:
    assert is_notice("上月，甲省乙市原副市长赵立新落马，这是该市今年第三名落马的市管干部。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("贵州、云南等地近来通报了多起案件。", "云南"),
        ("江西等地通报案件。", "江西"),
        ("赵立新在即将退休的时候被查。", "时候"),
        ("甲省一周内3名官员被查，5名官员受到处分。", "官员"),
        ("督查组暗访干部周末前的工作作风。", "周末前"),
        ("那一次，时任县长的赵立新受到警告处分。", "那一次"),
        ("干部失职失责被免职。", "失职失责"),
    ],
)
def test_words_that_are_not_names(text: str, name: str) -> None:
    assert not plausible_name(text, name, has_surname=True)


def test_a_surname_that_forms_a_verb_with_the_given_name_is_still_a_name() -> None:
    assert plausible_name("甲县乙小学校长魏有才受到党内警告处分。", "魏有才", has_surname=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("蔡錫明", "蔡锡明"),  # 錫 is 锡 (the table gave the rare 钖)
        ("呼倫貝爾市", "呼伦贝尔市"),  # 呼 is already simplified
        ("佘立新", "佘立新"),  # the surname 佘 is not 畲
        ("鉅額", "巨额"),
    ],
)
def test_traditional_characters_fold_to_the_common_simplified_ones(text: str, expected: str) -> None:
    assert normalize_chars(text) == expected


def test_a_roster_closed_by_the_outcome_itself() -> None:
    notice = parse_notice("6月2日，甲县公安局原副局长赵立新和县公安局交警大队大队长钱海江接受调查并被留置。")
    assert notice.person == "赵立新、钱海江"


def test_bare_names_followed_by_their_number() -> None:
    notice = parse_notice(
        "甲镇纪委突击检查机关作风，发现赵立新、钱海江、孙志远3名干部脱岗，对以上3人予以通报批评。"
    )
    assert notice.person == "赵立新、钱海江、孙志远"


def test_bare_names_whose_number_differs_are_not_read_as_a_list() -> None:
    text = "发现赵立新、钱海江等5名干部脱岗，予以通报批评。"
    assert counted_names(text, _two_or_three) == []


@pytest.mark.parametrize(
    ("unit", "position", "expected"),
    [
        ("中国某某工业集团公司", "副总经理", "中管干部"),  # …集团公司, not only …集团有限公司
        ("中粮集团有限公司", "党组成员、副总经理", "中管干部"),  # known by its short name
        ("中国某某集团公司甲省分公司", "总经理", "other"),  # a branch is not the enterprise
        ("甲省西安市委", "副书记、市长", "中管干部"),  # a sub-provincial city's mayor
        ("西安市", "副市长", "厅局级"),
        ("苏州市", "市长", "厅局级"),
    ],
)
def test_centrally_managed_levels(unit: str, position: str, expected: str) -> None:
    assert cadre_level(unit, position, unit + position) == expected


@pytest.mark.parametrize(
    "text",
    [
        "甲区城管局2名工作人员在防汛期间擅离职守，被严肃处理。",
        "甲社区副主任赵立新落实值班措施不到位，造成不良影响。赵立新受到批评教育。",
        "甲县小学教师钱某违规操办升学宴，被县纪委通报曝光。",
    ],
)
def test_notices_worded_without_a_sanction_term(text: str) -> None:
    assert is_notice(text)


def test_an_unrelated_report_is_still_not_a_notice() -> None:
    assert not is_notice("甲县今年粮食喜获丰收，农民人均收入增长百分之八。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲局一名科员上班时间在办公室电脑上玩纸牌游戏。", ["工作纪律"]),
        ("防汛期间，乙镇干部赵某擅自脱岗两天。", ["工作纪律"]),
        ("丙村文书钱某违规收费三千元。", ["群众纪律"]),
        ("丁校强制学生订购课外读物。", ["群众纪律"]),
        ("戊村两委私设小金库，租金被村干部私分。", ["廉洁纪律"]),
        ("己县教师孙某为儿子操办升学宴。", ["廉洁纪律"]),
    ],
)
def test_conduct_read_from_plain_wording(text: str, expected: list[str]) -> None:
    assert inferred_disciplines(text) == expected


def test_embezzlement_by_someone_tried_separately_is_not_the_case_s_conduct() -> None:
    assert "廉洁纪律" not in inferred_disciplines("出纳李某挪用公款（另案处理），科长王某监管不力。")


def test_a_removal_item_whose_name_runs_into_a_word_with_the_unit() -> None:
    notice = parse_notice(
        "甲市天河区近日发生安全事故。甲市决定：免去赵立新市交通局局长职务；免去李明天河区副区长职务。"
    )
    assert notice.person == "赵立新、李明"  # 明天 runs across the name's end
