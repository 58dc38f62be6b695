"""Sanctions, transfer, 组织处理 and other measures (invented notices)."""

from mingjian.cases.notice import parse_notice, parse_notices

SHUANGKAI = (
    "日前，经中共甲省委批准，甲省纪委监委对宜春市原副市长韩某某严重违纪违法问题进行了立案审查调查。"
    "经查，韩某某违反政治纪律，对抗组织审查；违反中央八项规定精神，收受礼品礼金；"
    "利用职务上的便利，为他人谋取利益，非法收受他人财物，数额特别巨大。"
    "韩某某严重违反党的政治纪律和廉洁纪律，构成严重职务违法并涉嫌受贿犯罪。"
    "决定给予韩某某开除党籍处分；由甲省监委给予其开除公职处分；收缴其违纪违法所得；"
    "将其涉嫌犯罪问题移送检察机关依法审查起诉，所涉财物一并移送。"
)


def test_current_shuangkai_wording() -> None:
    notice = parse_notice(SHUANGKAI)
    assert notice.party_sanction == "开除党籍"
    assert notice.govt_sanction == "开除"
    assert notice.transferred_to_prosecution is True
    assert notice.other_measures == ["收缴违纪违法所得"]
    assert notice.duty_crimes == ["受贿"]


def test_pre_2018_wording() -> None:
    notice = parse_notice(
        "甲省林业厅原副厅长冯某严重违纪问题。经查，冯某收受他人财物，其中，受贿问题涉嫌犯罪。"
        "冯某受到开除党籍、行政开除处分，收缴其违纪所得，其涉嫌犯罪问题移送司法机关依法处理。"
    )
    assert (notice.party_sanction, notice.govt_sanction) == ("开除党籍", "开除")
    assert notice.transferred_to_prosecution is True
    assert notice.duty_crimes == ["受贿"]
    assert notice.other_measures == ["收缴违纪所得"]


def test_old_administrative_demerit() -> None:
    notice = parse_notice(
        "乙县农业局原局长许某某违规发放津补贴问题。许某某受到党内严重警告、行政记大过处分。"
    )
    assert (notice.party_sanction, notice.govt_sanction) == ("严重警告", "记大过")


def test_party_warning_versus_government_warning() -> None:
    party = parse_notice("甲县某局干部许某违规吃喝问题。许某受到党内警告处分。")
    govt = parse_notice("甲县某局干部许某违规吃喝问题。许某受到政务警告处分。")
    assert (party.party_sanction, party.govt_sanction) == ("警告", None)
    assert (govt.party_sanction, govt.govt_sanction) == (None, "警告")


def test_ambiguous_warning_is_null_and_uncertain() -> None:
    notice = parse_notice("甲县某局干部许某违规吃喝问题。许某受到警告处分。")
    assert notice.party_sanction is None
    assert notice.govt_sanction is None
    assert {"party_sanction", "govt_sanction"} <= notice.uncertain


def test_unspecified_sanctions_are_null() -> None:
    notice = parse_notice("甲县某局干部许某、刘某某违规吃喝问题。许某、刘某某分别受到党纪政务处分。")
    assert notice.party_sanction is None
    assert "party_sanction" in notice.uncertain


def test_serious_warning_removal_from_post_and_probation() -> None:
    assert parse_notice("甲县某局局长许某问题。许某受到党内严重警告处分。").party_sanction == "严重警告"
    removal = parse_notice("甲县某局局长许某问题。给予许某撤销党内职务、政务撤职处分。")
    assert (removal.party_sanction, removal.govt_sanction) == ("撤销党内职务", "撤职")
    probation = parse_notice("甲县某局局长许某问题。许某受到留党察看二年、政务降级处分。")
    assert probation.party_sanction == "留党察看"
    assert probation.party_sanction_detail == "留党察看二年"
    assert probation.govt_sanction == "降级"
    assert "party_sanction_detail" not in probation.to_contract()


def test_several_people_respectively() -> None:
    notice = parse_notice(
        "丙镇东坡村党支部书记孙某某、村委会主任钱某违规发放补贴问题。2021年，孙某某、钱某违规发放补贴3.2万元。"
        "孙某某、钱某分别受到党内严重警告、党内警告处分。"
    )
    assert notice.person == "孙某某、钱某"
    by_name = {p.name: p for p in notice.persons}
    assert by_name["孙某某"].party_sanction == "严重警告"
    assert by_name["钱某"].party_sanction == "警告"
    assert notice.party_sanction == "严重警告"


def test_several_people_given_separately() -> None:
    notice = parse_notice(
        "甲县民政局救助股股长周某某、科员吴某违规审核救助资金问题。"
        "分别给予周某某党内严重警告处分、吴某政务记过处分。"
    )
    by_name = {p.name: p for p in notice.persons}
    assert by_name["周某某"].party_sanction == "严重警告"
    assert by_name["吴某"].govt_sanction == "记过"
    assert (notice.party_sanction, notice.govt_sanction) == ("严重警告", "记过")


def test_same_sanction_for_a_group() -> None:
    notice = parse_notice("甲村村委会委员郑某、王某某违规领取补助问题。给予郑某、王某某党内警告处分。")
    assert [p.party_sanction for p in notice.persons] == ["警告", "警告"]


def test_retired_official_benefits_cancelled() -> None:
    notice = parse_notice(
        "甲县政协原副主席孙某某（已退休）违规收受礼金问题。孙某某受到开除党籍处分，按规定取消其享受的待遇。"
    )
    assert notice.party_sanction == "开除党籍"
    assert "取消待遇" in notice.other_measures


def test_other_measures_forms() -> None:
    notice = parse_notice(
        "甲县某局局长孙某违规公款吃喝问题。孙某受到党内警告处分，并责令退赔相关费用，违纪所得予以收缴。"
    )
    assert notice.other_measures == ["责令退赔相关费用", "收缴违纪所得"]
    passive = parse_notice("甲村报账员孙某违规领取补贴问题。孙某受到党内警告处分，违规领取的资金已全部追缴。")
    assert passive.other_measures == ["追缴违规领取的资金"]


def test_org_handling_forms() -> None:
    notice = parse_notice(
        "甲县某局副局长孙某履职不力问题。孙某受到政务记过处分、免职处理，调离纪检监察队伍。"
    )
    assert notice.org_handling == ["免职", "调离纪检监察队伍"]
    admonition = parse_notice("甲县某局副局长孙某形式主义问题。孙某受到诫勉。其他相关人员受到组织处理。")
    assert admonition.org_handling == []  # 诫勉 is a 第一种形态 measure, not 组织处理
    assert admonition.first_form_measures == ["诫勉"]
    unspecified = parse_notice("甲县某局副局长孙某形式主义问题。孙某受到组织处理。")
    assert unspecified.org_handling == ["组织处理"]


def test_no_transfer_without_wording() -> None:
    assert (
        parse_notice("甲县某局副局长孙某违规吃喝问题。孙某受到党内警告处分。").transferred_to_prosecution
        is False
    )


def test_third_party_crime_is_not_attributed() -> None:
    notice = parse_notice(
        "甲县某公司员工孙某失职问题。孙某未认真履行印章保管职责，出纳李某利用公章挪用公款（已另案处理）。"
        "孙某受到党内警告处分。"
    )
    assert notice.person == "孙某"
    assert notice.duty_crimes == []


def test_list_items_keep_their_own_sanctions() -> None:
    cases = parse_notices(
        "1.甲县某局局长孙某违规吃喝问题。孙某受到党内警告处分。\n2.乙县某局科长钱某某公车私用问题。钱某某受到政务记过处分。"
    )
    assert [(c.person, c.party_sanction, c.govt_sanction) for c in cases] == [
        ("孙某", "警告", None),
        ("钱某某", None, "记过"),
    ]
