"""Several people, unnamed people, names without a listed surname, proposals, wording families (own examples)."""

from mingjian.cases.notice import parse_notice
from mingjian.cases.notice.normalize import normalize_chars


def test_people_listed_with_posts_in_one_decision() -> None:
    notice = parse_notice(
        "甲县某镇分管扶贫工作的副镇长钱某某监督不力问题。"
        "县纪委给予副镇长钱某某党内严重警告处分，分别给予镇扶贫办主任孙某某、村镇建设办主任李某某党内警告处分。"
    )
    assert [p.name for p in notice.persons] == ["钱某某", "孙某某", "李某某"]
    assert notice.party_sanction == "严重警告"
    assert notice.level == "乡科级"


def test_village_head_and_accountant_both_sanctioned() -> None:
    notice = parse_notice(
        "东坡村“两委”干部平分补助资金问题。时任村党支部书记吴某某、村会计郑某某违规平分补助资金3.2万元。"
        "吴某某、郑某某二人分别受到党内警告处分。"
    )
    assert notice.person == "吴某某、郑某某"
    assert notice.level == "村干部"
    assert all(p.party_sanction == "警告" for p in notice.persons)


def test_name_without_a_listed_surname_after_a_post() -> None:
    notice = parse_notice(
        "甲县人大常委会原主任朵某生以考察学习为名组织公款旅游问题。朵某生多次接受宴请。朵某生受到留党察看一年处分。"
    )
    assert notice.person == "朵某生"
    assert notice.eight_point_rules


def test_verbs_and_posts_are_never_names() -> None:
    notice = parse_notice("通报强调，各级党组织要引以为戒。甲县委原书记、乙市政府原副秘书长受到处理。")
    assert notice.person == ""
    assert "person" in notice.uncertain


def test_unnamed_head_of_a_unit_is_a_person_with_post_and_level() -> None:
    notice = parse_notice("甲县市场监督管理局违规摊派费用问题。甲县市场监督管理局负责人受到党纪政务处分。")
    unnamed = [p for p in notice.persons if not p.named]
    assert [(p.unit, p.position, p.level) for p in unnamed] == [("甲县市场监督管理局", "负责人", "乡科级")]
    assert notice.person == ""
    assert notice.level == "乡科级"


def test_proposed_sanction_is_not_a_sanction() -> None:
    notice = parse_notice("甲县民政局原局长李某某违规收受礼金问题。经研究，拟给予李某某党内严重警告处分。")
    assert notice.party_sanction is None
    assert notice.proposed_sanctions == ["党内严重警告"]
    assert "party_sanction" in notice.uncertain


def test_formalism_is_eight_point_and_work_discipline_inferred() -> None:
    notice = parse_notice(
        "甲市某中心搞层层加码、过度留痕问题，加重基层负担。甲市某中心副主任周某某受到党内警告处分。"
    )
    assert notice.eight_point_rules
    assert notice.disciplines == ["工作纪律"]
    assert notice.disciplines_inferred == ["工作纪律"]


def test_sentenced_means_transferred_and_court_fines_are_not_the_amount() -> None:
    notice = parse_notice(
        "甲省某厅原处长刘某某违规收受礼金问题。刘某某先后收受礼金共计25万元。刘某某被开除党籍、开除公职，"
        "因犯受贿罪被判处有期徒刑十年，并处罚金50万元。"
    )
    assert notice.transferred_to_prosecution
    assert notice.duty_crimes == ["受贿"]
    assert notice.amount_yuan == 250000
    assert notice.amounts_all_yuan == [250000, 500000]


def test_traditional_names_and_commentary() -> None:
    assert (
        normalize_chars("馮某某、龍某某受到黨內警告處分並被免職") == "冯某某、龙某某受到党内警告处分并被免职"
    )
    notice = parse_notice(
        "东坡村党支部书记郑某某违规享受低保，违反群众纪律。郑某某受到党内警告处分。\n【执纪者说】\n如果管理不到位、履职不力，形式主义就会抬头。"
    )
    assert notice.disciplines == ["群众纪律"]
    assert not notice.eight_point_rules


def test_prefix_province_does_not_split_the_city() -> None:
    notice = parse_notice("山西省长治市人大常委会原副主任李某某违规收受礼金问题。李某某被开除党籍。")
    assert notice.unit == "山西省长治市人大常委会"
    assert notice.level == "厅局级"


def test_conduct_implies_its_discipline_when_none_is_named() -> None:
    cases = {
        # 以权谋私 in public works, money taken from the office: 廉洁纪律, not 八项规定.
        "丙村党支部书记赵某某违规将本村道路工程发包给其弟弟。赵某某受到党内警告处分。": ("廉洁纪律", False),
        "丁县医院院长周某某利用职务便利收受回扣20万元。周某某被开除党籍和公职。": ("廉洁纪律", False),
        # 侵害群众利益: fees and benefits of the people.
        "戊中学教师吴某某违规向学生收取资料费3000元。吴某某受到警告处分。": ("群众纪律", False),
        "己村会计郑某某以亲属名义冒领粮食直补款。郑某某受到党内警告处分。": ("群众纪律", False),
        # 享乐主义: 八项规定 and 廉洁纪律 though neither is named.
        "庚公司借座谈会之机用公款大吃大喝，总经理受到党内警告处分。": ("廉洁纪律", True),
        # 形式主义: 八项规定 and 工作纪律.
        "辛局要求下属单位每日手工报送数据，增加基层工作负担。该局负责人受到组织处理。": ("工作纪律", True),
        # 失职失责 that 问责 answers for.
        "壬区发生一起安全生产事故，对相关责任人严肃问责：给予区应急局局长冯某某记过处分。": (
            "工作纪律",
            False,
        ),
    }
    for text, (discipline, eight_point) in cases.items():
        notice = parse_notice(text)
        assert notice.disciplines == [discipline], text
        assert notice.disciplines_source == "inferred", text
        assert notice.eight_point_rules is eight_point, text


def test_expelled_from_party_and_public_office_in_one_phrase() -> None:
    for text in ("甲局原局长王某某被开除党籍和公职。", "甲局原局长王某某被开除党籍、公职。"):
        notice = parse_notice(text)
        assert (notice.party_sanction, notice.govt_sanction) == ("开除党籍", "开除"), text


def test_a_removal_from_office_alone_is_a_notice() -> None:
    notice = parse_notice("甲县财政局局长用公款宴请个人朋友，被免去党内和行政职务。")
    assert not notice.is_empty
    assert notice.eight_point_rules
    assert notice.disciplines == ["廉洁纪律"]


def test_reporting_lead_in_and_clauses_with_de_are_not_the_unit() -> None:
    notice = parse_notice("中纪委宣布开除早前涉严重违纪违法的中国某某重工集团前董事长冯某某的党籍。")
    assert (notice.unit, notice.position, notice.level) == ("中国某某重工集团", "前董事长", "中管干部")
    notice = parse_notice("中纪委通报了甲省人大常委会副主任钱某某严重违纪问题，钱某某被开除党籍。")
    assert (notice.unit, notice.level) == ("甲省人大常委会", "中管干部")


def test_this_centre_is_the_unit_named_earlier_with_its_place() -> None:
    notice = parse_notice(
        "2014年至2015年期间，乙县疾控中心巧立名目违规发放补贴11万元，该中心主任孙某某受到党内警告处分。"
    )
    assert (notice.unit, notice.level) == ("乙县疾控中心", "乡科级")


def test_levels_that_do_not_follow_the_place() -> None:
    cases = {
        "丙市公安局某某分局某某街道派出所原所长李某某套取财政资金，受到党内警告处分。": "乡科级",
        "丁大学党委书记周某某违规使用公务用车，受到党内警告处分。": "厅局级",
        "戊省副省级干部吴某某公款消费，受到留党察看处分。": "中管干部",
        "己区人大城建处处长郑某某公车私用，受到党内警告处分。": "乡科级",
        "庚县人民法院法官王某某工作期间打牌，受到政务记过处分。": "other",
    }
    for text, level in cases.items():
        assert parse_notice(text).level == level, text


def test_the_last_character_of_a_post_begins_no_name() -> None:
    notice = parse_notice("给予区环保局局长何某某党内严重警告处分；给予区环保局会计陈琛政务警告处分。")
    assert [p.name for p in notice.persons] == ["何某某", "陈琛"]


def test_a_count_opening_a_sentence_sanctions_the_people_listed_before() -> None:
    notice = parse_notice(
        "甲县人民法院法官余某、袁某工作期间擅离职守，到茶楼打牌。事后，两人分别受到政务记过处分。"
    )
    assert [p.name for p in notice.persons] == ["余某", "袁某"]
    assert all(p.govt_sanction == "记过" for p in notice.persons)


def test_tongbao_zhichu_opening_the_facts_keeps_them() -> None:
    notice = parse_notice(
        "中纪委转发消息，对甲大学党委书记钱某某等3名干部违纪问题进行通报。"
        "通报指出，甲大学党委书记钱某某长期违规超标准使用公务车辆，办公用房严重超标。钱某某受到党内警告处分。"
    )
    assert notice.eight_point_rules
    assert notice.disciplines == ["廉洁纪律"]
    assert notice.party_sanction == "警告"
    exhorting = parse_notice(
        "甲局局长孙某某违规收受礼金，受到党内警告处分。通报指出，各级党员干部要引以为戒，孙某某一案警示我们。"
    )
    assert "引以为戒" not in exhorting.source_text
