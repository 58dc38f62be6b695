"""Normalisation and case splitting (invented notices)."""

from mingjian.cases.notice.normalize import is_noise_line, normalize, normalize_chars
from mingjian.cases.notice.split import split_cases, strip_exhortation


def test_ascii_punctuation_becomes_full_width() -> None:
    text = normalize_chars("2020年,王某某收受礼金;受到党内警告处分(已退休):完毕.")
    assert text == "2020年，王某某收受礼金；受到党内警告处分（已退休）：完毕。"


def test_decimals_list_markers_and_times_are_kept() -> None:
    text = normalize_chars("1.张某收受26.76万余元,时间10:30")
    assert text == "1.张某收受26.76万余元，时间10:30"


def test_full_width_digits_and_thousands_separators() -> None:
    assert normalize_chars("共计１２，５００元") == "共计12500元"
    assert normalize_chars("共计1,234,567元") == "共计1234567元"


def test_common_traditional_characters() -> None:
    assert normalize_chars("黨內嚴重警告處分") == "党内严重警告处分"


def test_noise_lines_are_dropped() -> None:
    raw = "第1页\n- 2 -\n来源：青山市纪委监委\n张某某受到党内警告处分。\n责任编辑：李四\n2023年5月6日\n（责任编辑 王五）"
    assert normalize(raw) == "张某某受到党内警告处分。"


def test_noise_line_detection() -> None:
    assert is_noise_line("第 3 页 共 5 页")
    assert is_noise_line("编辑：某某")
    assert not is_noise_line("2021年7月，张某受到党内警告处分。")


def test_numbered_items_become_cases_and_intro_outro_are_dropped() -> None:
    text = (
        "青山市纪委监委通报2起典型问题。现将有关情况通报如下：\n"
        "1.青山县林业局原局长张某某违规收受礼金问题。张某某受到党内警告处分。\n"
        "2.青山县水利局干部王某公车私用问题。王某受到政务记过处分。\n"
        "通报强调，全市各级党组织要引以为戒。"
    )
    cases = split_cases(normalize(text))
    assert len(cases) == 2
    assert cases[0].startswith("青山县林业局原局长张某某")
    assert "通报强调" not in cases[1]


def test_chinese_and_paren_numbering() -> None:
    text = "一、甲县民政局原局长刘某违规发放补贴问题。刘某受到党内警告处分。二、乙镇镇长陈某某形式主义问题。陈某某受到诫勉。"
    assert len(split_cases(text)) == 2
    text2 = "（一）甲县某局干部孙某违规吃喝问题。孙某受到党内警告处分。（二）乙县某局干部吴某违规吃喝问题。吴某受到党内警告处分。"
    assert len(split_cases(text2)) == 2


def test_headings_with_nested_items_restart_numbering() -> None:
    text = (
        "一、违反中央八项规定精神问题\n"
        "1.甲县某局干部孙某违规吃喝问题。孙某受到党内警告处分。\n"
        "2.乙县某局干部吴某公车私用问题。吴某受到党内警告处分。\n"
        "二、群众身边腐败问题\n"
        "1.丙村党支部书记郑某某侵占补偿款问题。郑某某受到留党察看一年处分。\n"
    )
    cases = split_cases(text)
    assert len(cases) == 3
    assert "二、" not in cases[1]


def test_single_item_with_any_number_and_decimal_not_a_marker() -> None:
    assert split_cases("3.甲县某公司经理赵某收受礼金1.5万元问题。赵某受到党内警告处分。") == [
        "甲县某公司经理赵某收受礼金1.5万元问题。赵某受到党内警告处分。"
    ]


def test_exhortation_in_same_paragraph_is_cut() -> None:
    text = "甲村原党支部书记孙某某违规办理低保。孙某某受到党内警告处分。 通报指出，各级干部要引以为戒。"
    assert strip_exhortation(text).endswith("处分。")
