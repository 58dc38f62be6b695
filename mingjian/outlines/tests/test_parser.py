"""The heading parser on speeches and 方案 written for these tests (no real text is used here)."""

from __future__ import annotations

import pytest

from mingjian.outlines.parser import MAX_OUTLINE_CHARS, OutlineTooLongError, parse_outline


def rows(text: str) -> list[tuple[int, str, str]]:
    return [(h.level, h.marker, h.heading) for h in parse_outline(text).headings]


NESTED = """关于开展作风建设专项整治的实施方案
为推动作风持续好转，制定本方案。
一、总体要求
坚持问题导向，聚焦突出问题。
二、主要任务
（一）整治形式主义问题。重点整治文山会海。
1.精简会议文件。各单位会议减少三成。
（1）严控会议数量；
（2）压缩会议时长。
2.规范督查检查。
（二）整治官僚主义问题。
三、工作要求
"""


def test_numbered_styles_nest_by_convention_with_text_up_to_the_first_period() -> None:
    assert rows(NESTED) == [
        (1, "一、", "总体要求"),
        (1, "二、", "主要任务"),
        (2, "（一）", "整治形式主义问题"),
        (3, "1.", "精简会议文件"),
        (4, "（1）", "严控会议数量"),
        (4, "（2）", "压缩会议时长"),
        (3, "2.", "规范督查检查"),
        (2, "（二）", "整治官僚主义问题"),
        (1, "三、", "工作要求"),
    ]
    assert parse_outline(NESTED).title == "关于开展作风建设专项整治的实施方案"


def test_ascii_punctuation_is_the_same_style_and_markers_stay_as_printed() -> None:
    text = "一、目标\n(一)第一项,含逗号:也无妨.\n1、细则一\n2.细则二\n(二)第二项\n"
    assert rows(text) == [
        (1, "一、", "目标"),
        (2, "(一)", "第一项,含逗号:也无妨."),
        (3, "1、", "细则一"),
        (3, "2.", "细则二"),
        (2, "(二)", "第二项"),
    ]


def test_run_in_points_in_one_paragraph_are_children_of_their_section() -> None:
    text = (
        "二、抓好制度建设\n"
        "要把制度挺在前面。一是健全审批制度。审批要留痕。二是完善监督机制，做到全程可查。三是严格责任追究！追责要到人。\n"
        "三、加强组织领导\n"
    )
    assert rows(text) == [
        (1, "二、", "抓好制度建设"),
        (2, "一是", "健全审批制度"),
        (2, "二是", "完善监督机制，做到全程可查"),
        (2, "三是", "严格责任追究"),
        (1, "三、", "加强组织领导"),
    ]


def test_a_series_after_commas_counts_only_inside_one_paragraph() -> None:
    text = "会议要求，一要提高认识，二要压实责任，三要强化督导。\n下一段提到，二要这个词。\n"
    assert rows(text) == [(1, "一要", "提高认识"), (1, "二要", "压实责任"), (1, "三要", "强化督导")]


def test_yao_points_hold_shi_points_as_in_a_long_speech() -> None:
    text = (
        "三、建立长效机制\n"
        "一要抓学习，打牢思想基础。学习要经常。一是读原著。二是学党规。\n"
        "二要抓制度，扎紧笼子。一是立规矩。二是抓执行。\n"
    )
    assert [(lv, m) for lv, m, _ in rows(text)] == [
        (1, "三、"),
        (2, "一要"),
        (3, "一是"),
        (3, "二是"),
        (2, "二要"),
        (3, "一是"),
        (3, "二是"),
    ]


def test_shouxian_counts_only_as_a_series() -> None:
    series = (
        "一、明确目标任务\n做好这项工作，要把握三点。首先要完善机制。其次，要明确责任。最后要健全制度。\n"
    )
    assert rows(series) == [
        (1, "一、", "明确目标任务"),
        (2, "首先", "要完善机制"),
        (2, "其次", "要明确责任"),
        (2, "最后", "要健全制度"),
    ]
    lone = "一、明确目标任务\n首先，我代表局党组表示感谢。最后，祝大家工作顺利。\n"
    assert rows(lone) == [(1, "一、", "明确目标任务")]


def test_ordinal_words_need_their_separator_and_calendar_words_are_not_headings() -> None:
    text = "第一，要树立危机意识\n书记要履行第一责任人职责。\n第一周为宣传周。\n第二、要增强本领\n"
    assert rows(text) == [(1, "第一", "要树立危机意识"), (1, "第二、", "要增强本领")]
    parts = "第一部分 总体情况\n第一，成绩。\n第二部分：下步打算\n"
    assert rows(parts) == [(1, "第一部分", "总体情况"), (2, "第一", "成绩"), (1, "第二部分", "下步打算")]


def test_a_text_starting_mid_document_keeps_its_points_under_the_missing_section() -> None:
    text = "二是明确措施。措施要具体。\n三是明确效果。\n三、保障措施\n（一）加强领导。\n"
    assert rows(text) == [
        (2, "二是", "明确措施"),
        (2, "三是", "明确效果"),
        (1, "三、", "保障措施"),
        (2, "（一）", "加强领导"),
    ]
    assert parse_outline(text).title is None


def test_a_junior_style_before_a_senior_one_moves_down_a_level() -> None:
    text = "（三）落实整改责任。\n1.明确分工\n三、强化监督\n（一）定期督查\n"
    assert rows(text) == [
        (2, "（三）", "落实整改责任"),
        (3, "1.", "明确分工"),
        (1, "三、", "强化监督"),
        (2, "（一）", "定期督查"),
    ]


def test_quotes_hold_a_period_and_numbers_are_not_markers() -> None:
    text = (
        "一是牢记“干净做事。”这一要求，常修为政之德。\n"
        "1.6万元资金已追回。\n"
        "2021年，共查处问题5个。\n"
        "二是守住底线。\n"
    )
    assert rows(text) == [
        (1, "一是", "牢记“干净做事。”这一要求，常修为政之德"),
        (1, "二是", "守住底线"),
    ]


def test_run_in_numbers_need_a_series() -> None:
    series = "一、基本原则本方案遵循以下原则：1.依法依规；2.精准施策；3.注重实效。\n"
    assert [(lv, m, t) for lv, m, t in rows(series)] == [
        (1, "一、", "基本原则本方案遵循以下原则"),
        (2, "1.", "依法依规"),
        (2, "2.", "精准施策"),
        (2, "3.", "注重实效"),
    ]
    lone = "一、组织机构\n领导小组名单见附件：1.成员名单。\n"
    assert rows(lone) == [(1, "一、", "组织机构")]


def test_right_parenthesis_numbers_nest_under_dotted_numbers() -> None:
    text = "1.宣传阶段\n1）召开动员会\n2）印发学习材料\n2.整改阶段\n"
    assert [(lv, m) for lv, m, _ in rows(text)] == [(1, "1."), (2, "1）"), (2, "2）"), (1, "2.")]


def test_a_bare_marker_line_joins_the_heading_below_it() -> None:
    assert rows("一、\n指导思想\n坚持标本兼治。\n") == [(1, "一、", "指导思想")]


WRAPPED = """县委书记在全县以案促改工作推进会上
的讲话
今天我们召开全县以案促改工作推进会，主要任务是
总结前一阶段工作，分析当前面临的形势，部署下一阶
段的重点任务，推动以案促改工作向纵深发展，确保取
得实实在在的成效。下面，我讲两点意见。
一、提高政治站位，深刻认识做好以案促改工作的重大
意义
以案促改是一体推进不敢腐、不能腐、不想腐的重要抓
手，各级党组织要把它摆在突出位置，抓紧抓实抓细，
切实发挥警示教育的作用。
（一）深刻认识以案促改的政治意义。以案促改是落实
全面从严治党要求的具体行动，各单位要高度重视起来。
二、压实工作责任
"""


def test_hard_wrapped_pdf_text_rejoins_its_title_and_headings() -> None:
    parsed = parse_outline(WRAPPED)
    assert parsed.title == "县委书记在全县以案促改工作推进会上的讲话"
    assert rows(WRAPPED) == [
        (1, "一、", "提高政治站位，深刻认识做好以案促改工作的重大意义"),
        (2, "（一）", "深刻认识以案促改的政治意义"),
        (1, "二、", "压实工作责任"),
    ]


def test_a_pdf_dump_whose_line_breaks_became_spaces() -> None:
    lines = [
        "同志们：今天我们召开这次会议，主要是总结工作、部署任务，",
        "推动全面从严治党各项要求落到实处，下面我讲两点意见。",
        "一、深刻认识违规吃喝的危害，切实把牢思想的总",
        "开关",
        "（一）从政治上看，违规吃喝损害党群干群关系的“根",
        "基”",
        "中央纪委通报的案例表明，违规吃喝往往是腐败的开始，",
        "必须坚决防止，各级党组织要持之以恒抓好作风建设工作，",
        "要把纠治“四风”作为经常性工作常抓不懈，一刻不松懈。",
        "二、坚决纠治违规吃喝",
    ]
    text = "七一专题党课讲稿：守好清廉从政第一关\n" + " ".join(lines) + "\n"
    parsed = parse_outline(text)
    assert parsed.title == "七一专题党课讲稿：守好清廉从政第一关"
    assert rows(text) == [
        (1, "一、", "深刻认识违规吃喝的危害，切实把牢思想的总开关"),
        (2, "（一）", "从政治上看，违规吃喝损害党群干群关系的“根基”"),
        (1, "二、", "坚决纠治违规吃喝"),
    ]


def test_web_page_paragraph_gaps_and_chrome_lines() -> None:
    text = (
        "当前位置：首页 > 范文 > 讲话\n"
        "在全市廉政建设工作会议上的讲话\n"
        "来源：本站 | 时间：2024-01-02\n"
        "（2024年1月2日）\n"
        "同志们：   今天召开这次会议，意义重大，大家务必高度重视起来，把各项任务落到实处。   一、认清形势   形势依然严峻复杂。\n"
    )
    parsed = parse_outline(text)
    assert parsed.title == "在全市廉政建设工作会议上的讲话"
    assert rows(text) == [(1, "一、", "认清形势")]


def test_titles_with_a_subtitle_a_period_or_none_at_all() -> None:
    subtitle = "守住底线 干净干事\n——在局机关警示教育大会上的讲话\n同志们：\n一、要敬畏\n"
    assert parse_outline(subtitle).title == "守住底线 干净干事——在局机关警示教育大会上的讲话"
    period = "全市整治群众身边不正之风行动方案\n（2025—2026年）\n为推动整治，制定本方案，请各地认真抓好落实工作。\n一、总体要求\n"
    assert parse_outline(period).title == "全市整治群众身边不正之风行动方案（2025—2026年）"
    salutation = "同志们：\n今天我们开会。\n一、要敬畏\n"
    assert parse_outline(salutation).title is None


def test_traditional_script_is_matched_but_reported_as_printed() -> None:
    text = "關於整治工作的講話\n一、總體要求\n首先要統一思想。其次要壓實責任。最後要強化督導。\n"
    parsed = parse_outline(text)
    assert parsed.title == "關於整治工作的講話"
    assert rows(text) == [
        (1, "一、", "總體要求"),
        (2, "首先", "要統一思想"),
        (2, "其次", "要壓實責任"),
        (2, "最後", "要強化督導"),
    ]


def test_contract_shape_and_empty_input() -> None:
    assert parse_outline("").to_contract() == {"title": None, "outline": []}
    contract = parse_outline("一、总体要求\n").to_contract()
    assert contract == {"title": None, "outline": [{"level": 1, "marker": "一、", "heading": "总体要求"}]}


def test_over_long_text_is_refused_in_chinese() -> None:
    with pytest.raises(OutlineTooLongError, match="文本过长"):
        parse_outline("一" * (MAX_OUTLINE_CHARS + 1))


def test_circled_numbers_qi_and_counted_ordinals() -> None:
    text = (
        "第一件事，是抓好学习教育\n"
        "学习要有安排：①读原著；②写体会。\n"
        "第二件事，是抓好整改落实\n"
        "其一，要立规矩。其二，要抓执行。\n"
    )
    assert rows(text) == [
        (1, "第一件事", "是抓好学习教育"),
        (2, "①", "读原著"),
        (2, "②", "写体会"),
        (1, "第二件事", "是抓好整改落实"),
        (2, "其一", "要立规矩"),
        (2, "其二", "要抓执行"),
    ]
