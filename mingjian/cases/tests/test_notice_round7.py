"""Error classes of the seventh round (set 5 tune half, texts found again), each with an example
of my own (no notice text copied): a count introduced before the names it counts, a clause whose
subject is in the clause before the semicolon, posts as the subject of a decision, resignations
with the post after the name, the posts a decision's head count includes, and cards played in
the office."""

from mingjian.cases.notice import parse_notice
from mingjian.cases.notice.conduct import inferred_disciplines
from mingjian.cases.notice.names import main_names, removal_posts
from mingjian.cases.notice.plausible import plausible_name


def test_a_count_introduced_before_the_names_it_counts() -> None:
    text = (
        "记者在甲镇政府看到四人在办公室下棋。副镇长周立平说，这4人都是镇里的工作人员，其中戴眼镜的是"
        "党政办主任钱海东，另外3人分别是财政所会计孙丽华、文化站站长李红梅和镇农技站的吴秀兰。"
        "处理：四人被就地免职。"
    )
    assert main_names(text) == ["钱海东", "孙丽华", "李红梅", "吴秀兰"]


def test_an_introduced_count_that_differs_from_the_decision_names_nobody() -> None:
    text = (
        "这3人都是镇里的工作人员，其中党政办主任钱海东、财政所会计孙丽华和镇农技站的吴秀兰在场。"
        "四人被就地免职。"
    )
    assert "吴秀兰" not in main_names(text)


def test_the_subject_of_a_clause_carried_over_a_semicolon() -> None:
    notice = parse_notice(
        "乙镇党委书记赵文明负有重要领导责任，受到诫勉谈话；镇安全办主任郑国华，同时分管消防工作；"
        "对某厂仓库火灾隐患未及时督促整改负有直接责任，受到党内严重警告处分。"
    )
    assert notice.person == "赵文明、郑国华"


def test_a_clause_without_a_subject_does_not_borrow_a_word_read_as_a_name() -> None:
    notice = parse_notice(
        "镇安全办主任郑国华，同时分管消防工作；对仓库隐患未能及时治理负有直接责任，受到党内警告处分。"
    )
    assert notice.person == "郑国华"


def test_posts_as_the_subject_resolve_to_the_people_printed_after_them() -> None:
    notice = parse_notice(
        "丙社区党总支副书记、居委会主任刘某提议为工作人员发放过节费，党总支书记陈某表示同意。"
        "随后，刘某安排会计发放过节费6000元。该社区书记、主任双双受到党内严重警告处分。"
    )
    assert notice.person == "刘某、陈某"


def test_a_post_held_by_two_people_resolves_to_nobody() -> None:
    notice = parse_notice(
        "丁村党支部书记吴某和戊村党支部书记郑某商量后，多报了补贴名额。两村书记、主任均受到党内警告处分。"
    )
    assert "郑某" not in (notice.person or "")


def test_an_accepted_resignation_prints_the_post_after_the_name() -> None:
    text = (
        "甲县对安全生产工作不力的责任人作出严肃处理：同意钱立新辞去甲县副县长职务；"
        "同意孙海波辞去乙镇副镇长职务。"
    )
    assert removal_posts(text) == {"钱立新": "甲县副县长", "孙海波": "乙镇副镇长"}
    assert parse_notice(text).level == "县处级"


def test_the_posts_a_head_count_includes_are_persons() -> None:
    notice = parse_notice(
        "经调查，甲区纪委对乙镇政府包括镇长、副镇长、镇党委副书记在内的6名干部给予不同程度的党纪政纪处分。"
    )
    assert notice.level == "乡科级"


def test_cards_at_the_workplace_are_a_work_discipline_breach() -> None:
    assert inferred_disciplines("下午3时许，有群众发现甲镇干部在办公室里打麻将，桌上放着现金。") == [
        "工作纪律"
    ]
    assert inferred_disciplines("周末，几名退休老人在小区活动室里打麻将。") == []


def test_a_sanction_received_without_dao() -> None:
    notice = parse_notice("3日，甲县乙镇计生办主任周立新因擅离职守，受行政撤职处分。")
    assert notice.person == "周立新"


def test_a_word_before_a_pronoun_is_not_a_name() -> None:
    text = "镇纪委书记孙海波身为带班领导，本应坚守岗位，但他在汛期擅离职守，受到撤职处分。"
    assert not plausible_name(text, "但他", True)
    assert parse_notice(text).person == "孙海波"
