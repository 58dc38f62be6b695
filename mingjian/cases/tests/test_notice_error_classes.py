"""Error classes of round 3 of the generalisation work (issue 11), one test per mechanism.

Every example is written for these tests (no text from an evaluation set).
"""

from __future__ import annotations

import re

from mingjian.cases.notice import ParsedNotice, parse_notice
from mingjian.cases.notice.conduct import disciplines, eight_point_rules
from mingjian.cases.notice.level import cadre_level
from mingjian.cases.notice.lexicon import word_alternation
from mingjian.cases.notice.measures import transferred
from mingjian.cases.notice.normalize import normalize_chars


def _names(notice: ParsedNotice) -> list[str]:
    return [p.name for p in notice.persons if p.name]


# --- names: missed co-subjects -------------------------------------------------------------


def test_a_count_after_the_last_listed_name_makes_each_a_person_of_the_case() -> None:
    notice = parse_notice(
        "近日，甲县乙镇丙村原支书钱大勇、原村主任孙小平、原村会计李晓华3人，因在危房改造中收受好处费，"
        "被法院分别判处有期徒刑一年。"
    )
    assert _names(notice) == ["钱大勇", "孙小平", "李晓华"]
    assert notice.level == "村干部"
    assert notice.transferred_to_prosecution is True


def test_names_joined_by_he_after_posts_are_all_taken() -> None:
    notice = parse_notice(
        "经查，丁村党总支原书记韩某某和党总支原副书记魏某某均受到开除党籍处分。二人私分集体土地补偿款。"
    )
    assert _names(notice) == ["韩某某", "魏某某"]


def test_a_list_that_opens_a_sentence_with_a_salary_deduction_is_the_case() -> None:
    notice = parse_notice(
        "某公司所属甲分公司原总经理冯大海公款购买烟酒，给予其党内警告处分。"
        "乙分公司维护中心主管褚建国、丙分公司维护中心经理卫明亮，公车私用，扣减其三个月绩效工资。"
    )
    assert _names(notice) == ["冯大海", "褚建国", "卫明亮"]


# --- names: shapes -------------------------------------------------------------------------


def test_transcribed_and_tibetan_names_without_a_surname_are_read_after_a_post() -> None:
    dotted = parse_notice("甲县市场监督管理局干部买买提·吐尔逊收受商户礼金，2020年5月受到党内警告处分。")
    assert _names(dotted) == ["买买提·吐尔逊"]
    tibetan = parse_notice(
        "乙州丙县学区主任扎西多吉等三人在工作日饮酒，顶风违纪，扎西多吉受到党内严重警告处分。"
    )
    assert _names(tibetan) == ["扎西多吉"]


def test_a_masked_name_needs_no_known_follower() -> None:
    notice = parse_notice("甲镇乙村罗某主动交代其违规领取集体资金用于个人开支的问题，受到党内警告处分。")
    assert _names(notice) == ["罗某"]
    assert notice.level == "村干部"


def test_a_name_after_de_and_a_post_given_as_a_predicate() -> None:
    notice = parse_notice(
        "驾驶该车辆的赵朝阳系甲州农业局执法支队支队长，此次出境未向单位报告，属公车私用，目前已被免职。"
    )
    assert _names(notice) == ["赵朝阳"]


def test_how_a_story_calls_someone_and_a_conjunction_are_not_names() -> None:
    notice = parse_notice(
        "巡察组工作人员小刘查阅账目时发现问题，随即向组长老孙报告。经查，甲街道财政所所长周某某擅自挪用"
        "财政资金用于个人开支，受到留党察看处分。但最终他退还了全部款项。"
    )
    assert _names(notice) == ["周某某"]


def test_a_unit_ending_like_a_name_is_not_a_person() -> None:
    notice = parse_notice(
        "甲县某林场原职员陆某某因伪造林木采伐许可证，被县纪委予以开除党籍处分。县纪委紧盯林业、林场等部门。"
    )
    assert _names(notice) == ["陆某某"]


# --- level: the post and the jurisdiction ---------------------------------------------------


def test_the_post_printed_as_an_apposition_carries_the_unit() -> None:
    notice = parse_notice(
        "要从党总支书记王烈火同志的事情中吸取教训。\n王烈火，甲镇乙村原党总支书记，因违规分配保险指标，"
        "被镇党委给予党内严重警告处分。"
    )
    assert _names(notice) == ["王烈火"]
    assert notice.level == "村干部"


def test_gai_shi_is_the_city_named_before() -> None:
    notice = parse_notice(
        "南昌市政府新闻办消息，该市林业局副局长吴建军涉嫌酒后驾车肇事。市委研究决定，给予吴建军开除党籍处分。"
    )
    assert notice.persons[0].unit == "南昌市林业局"
    assert notice.level == "县处级"


def test_a_bare_district_keeps_the_municipality_printed_before() -> None:
    notice = parse_notice(
        "天津市北辰区政府对污染整改不力，北辰区原副区长郑一鸣等人被问责，郑一鸣受到政务记过处分。"
    )
    assert notice.level == "厅局级"


def test_ranks_read_from_the_jurisdiction_table() -> None:
    assert cadre_level("重庆市某县环保局", "党组书记", "重庆市某县环保局党组书记") == "乡科级"
    assert cadre_level("上海市某区环保局", "局长", "上海市某区环保局局长") == "县处级"
    assert cadre_level("包括天津市某委员会综合处", "处长", "包括天津市某委员会综合处处长") == "县处级"
    assert cadre_level("甲省女子监狱", "党委委员", "甲省女子监狱党委委员") == "县处级"
    assert cadre_level("乙县城市综合执法大队", "大队长", "乙县城市综合执法大队大队长") == "乡科级"
    assert cadre_level("原自然资源厅", "总规划师", "原自然资源厅总规划师") == "厅局级"
    assert cadre_level("衡阳学院", "党委委员、副院长", "衡阳学院党委委员、副院长") == "厅局级"
    assert cadre_level("某县职业技术学院", "院长", "某县职业技术学院院长") != "厅局级"


def test_a_stated_county_rank_in_brackets() -> None:
    notice = parse_notice(
        "某局局长、党组书记张某某（副县级）主持召开会议，违规发放福利，受到党内严重警告处分。"
    )
    assert notice.level == "县处级"


# --- wording families ---------------------------------------------------------------------


def test_markup_left_in_a_repost_is_dropped() -> None:
    assert (
        normalize_chars("<h5>标题</h5><p>甲省某监狱<b>干部</b>王某</p>") == "\n标题\n\n甲省某监狱干部王某\n"
    )


def test_a_rule_that_provides_for_transfer_is_not_a_transfer() -> None:
    assert transferred("构成违纪的，给予党纪处分；涉嫌犯罪的，移送司法机关依法处理。") is False
    assert transferred("肖某挪用集体租金拒不归还，最终被判刑。") is True


def test_a_call_to_fight_formalism_is_not_conduct() -> None:
    text = "某村党员王某在疫情防控期间参与赌博，受到党内警告处分。各级要坚决反对和克服形式主义、官僚主义。"
    assert eight_point_rules(text) is False
    assert eight_point_rules("某局干部李某搞形式主义，加重基层负担，受到党内警告处分。") is True


def test_conduct_of_personal_gain_is_integrity_discipline() -> None:
    assert disciplines("某村组长挪用集体资金3万元用于个人开支，受到党内警告处分。") == (
        ["廉洁纪律"],
        "inferred",
    )
    assert disciplines("某副院长虚开发票、虚列劳务支出套取科研经费，受到开除党籍处分。")[0] == ["廉洁纪律"]
    assert eight_point_rules("某学院副院长率团出访期间擅自变更行程，组织参观游览，用公款支付。") is True


def test_a_staff_post_before_a_name_marks_it_and_ranks_other() -> None:
    notice = parse_notice("甲县人民医院药剂师钱立新收受医药代表回扣，受到党内警告处分。")
    assert _names(notice) == ["钱立新"]
    assert notice.level == "other"


def test_an_ordinary_party_member_of_a_village_branch_ranks_other() -> None:
    notice = parse_notice("甲村党支部党员邵大海在疫情防控期间参与赌博，受到党内警告处分。")
    assert _names(notice) == ["邵大海"]
    assert notice.level == "other"


def test_a_self_criticism_ordered_in_a_meeting_marks_the_person() -> None:
    notice = parse_notice(
        "对此事件，甲乡原分管领导、副乡长黄大山在班子会上作深刻检查；对乡民政所所长崔小明进行诫勉谈话。"
    )
    assert _names(notice) == ["黄大山", "崔小明"]


def test_a_precedent_named_as_exposed_is_not_a_person_of_the_case() -> None:
    notice = parse_notice(
        "陈立新被点名曝光一年之后，某省通报了省人大常委会副主任郭大成违规参加公款宴请的问题，"
        "给予郭大成党内警告处分。"
    )
    assert _names(notice) == ["郭大成"]


def test_text_lifted_from_code_pages_and_spaced_reposts_reads_the_same() -> None:
    plain = "甲县民政局原局长张大伟违规收受礼金2万元，受到党内严重警告处分。"
    variants = (
        "某市通报典型问题。\\n" + plain + "\\n",  # a string literal's escaped line breaks
        '"' + plain.replace("，", ",") + '"',  # ASCII quotes and commas
        " ".join(plain),  # a space after every character
        "<p>" + plain.replace("，", "&#65292;") + "&nbsp;</p>",  # HTML entities
        "● " + plain,  # a bullet
        plain.replace("张大伟", "\\u5f20\\u5927\\u4f1f"),  # \\u escapes
    )
    for text in variants:
        notice = parse_notice(text)
        assert (_names(notice), notice.level, notice.party_sanction, notice.amount_yuan) == (
            ["张大伟"],
            "乡科级",
            "严重警告",
            20000.0,
        ), text


def test_a_spun_repost_reads_as_the_sanctions_it_rewrote() -> None:
    notice = parse_notice("近日，甲县某林场原职员陆某某因伪造采伐许可证，被县纪委予以褫职党籍处分。")
    assert notice.party_sanction == "开除党籍"
    assert normalize_chars("受到党内警备处分，对其诫勉说话") == "受到党内警告处分，对其诫勉谈话"


def test_a_statistic_sentence_sanctions_none_of_the_named() -> None:
    notice = parse_notice(
        "甲村党员王某某为取得采伐指标向工作人员赠送财物，受到党内警告处分。"
        "截至目前，该县有3人因此类问题被分别予以开除党籍、党内警告和政务警告处分。"
    )
    assert (notice.party_sanction, notice.govt_sanction) == ("警告", None)


def test_a_word_trie_matches_what_the_longest_first_alternation_matches() -> None:
    words = ("书记", "副书记", "党委书记", "党委副书记", "主任", "主任科员", "科员")
    trie = re.compile("(?:" + word_alternation(words) + ")(?![会])")
    flat = re.compile("(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")(?![会])")
    text = "县委副书记、党委书记王某，主任科员李某，主任会议，科员张某"
    assert [m.group(0) for m in trie.finditer(text)] == [m.group(0) for m in flat.finditer(text)]
    assert [m.group(0) for m in trie.finditer(text)] == ["副书记", "党委书记", "主任科员", "科员"]
