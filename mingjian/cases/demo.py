"""Demo cases for X市: a 通报 written for the demo (names and events invented), imported
through the same parser and services a clerk uses, then analysed (drafted by one account,
approved by another) and followed by 建议书 in several states — draft, in approval, served
(one overdue) — plus two 建议书 grounded in 监督发现 that the rectification demo carries on.

Only seed_demo calls this; it does nothing when the demo cases are already there.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mingjian.cases import prefill, services
from mingjian.cases.models import Case, Recommendation, SupervisionFinding, ViolationType
from mingjian.cases.notice import parse_notices
from mingjian.org.models import Unit, User

SOURCE = "X市纪委监委通报（演示数据）"
# Which demo analyses stop early, so every state shows: 东城区's stays a draft, 西山县's awaits approval.
DRAFT_ANALYSIS, SUBMITTED_ANALYSIS = 3, 1

NOTICE_PEOPLE = """X市纪委监委关于4起侵害群众利益不正之风和腐败问题典型案例的通报

1.市民政局社会救助科原科长孙立新违规审批低保问题。2021年至2023年，孙立新在负责城乡低保审核工作中优亲厚友，违规为其亲属等5户不符合条件的家庭审批低保，致使低保资金损失12.6万元；还收受低保申请人所送购物卡3000元。孙立新受到党内严重警告、政务降级处分，违纪所得被收缴，违规发放的低保资金已全部追回。
2.西山县青石镇民政办原主任何建平贪污救助资金问题。2022年5月至2024年3月，何建平利用负责临时救助资金发放的职务便利，采取虚报冒领等方式套取临时救助资金8.45万元据为己有。何建平受到开除党籍、开除公职处分，其涉嫌贪污犯罪问题被移送检察机关依法审查起诉。
3.市财政局社会保障科原副科长钱晓东违规收受礼品礼金问题。2023年中秋、2024年春节期间，钱晓东违反中央八项规定精神，收受管理服务对象所送礼金共计1.6万元及高档白酒4瓶。钱晓东受到党内警告处分，违纪所得被收缴。
4.东城区民政局原党组书记、局长周永华落实全面从严治党主体责任不力问题。周永华对本单位社会救助领域长期存在的审核把关不严、监督管理缺位等问题失察失管，导致发生系列违纪违法案件。依据《中国共产党问责条例》等有关规定，周永华受到党内警告、政务记过处分；分管副局长吴海波负有重要领导责任，受到诫勉。
"""

ANALYSES: dict[int, dict[str, Any]] = {
    0: {
        "summary": "低保审核“审批一人说了算”，入户调查和民主评议流于形式，科室内部监督失灵。",
        "causes": {
            "ideology": ["纪法意识淡薄，把审批权当作照顾亲友的“人情资源”"],
            "supervision": ["局机关对低保审批缺少抽查复核", "低保公示走过场，群众监督渠道不畅"],
            "main_responsibility": ["局党组对社会救助领域廉政风险研判不够"],
        },
        "risks": [
            services.RiskRow("入户调查流于形式，由申请人代填调查表", "低保审核岗", "high"),
            services.RiskRow("审批环节由一人审核一人审批，缺少交叉复核", "低保审批权", "high"),
        ],
        "loopholes": [
            services.LoopholeRow("缺少经办人员近亲属申请低保备案和回避规定", "城乡低保审核确认办法"),
            services.LoopholeRow("低保动态管理与大数据比对机制缺失"),
        ],
    },
    1: {
        "summary": "临时救助资金“一人经手、体外循环”，发放台账与银行流水长期不核对。",
        "causes": {"ideology": ["贪欲膨胀、心存侥幸"], "supervision": ["县民政局对乡镇救助资金发放缺少核查"]},
        "risks": [services.RiskRow("救助资金由经办人一人申领、发放", "临时救助资金发放", "high")],
        "loopholes": [services.LoopholeRow("临时救助资金未实行社会化发放", "临时救助实施细则")],
    },
    2: {
        "summary": "节日期间“四风”隐形变异，管理服务对象借节送礼。",
        "causes": {
            "ideology": ["对中央八项规定精神认识不足"],
            "supervisory_responsibility": ["派驻纪检组节点监督提醒不到位"],
        },
        "risks": [services.RiskRow("资金拨付审核中接受服务对象“感谢”", "社保资金拨付审核", "medium")],
        "loopholes": [services.LoopholeRow("礼品礼金登记上交制度未细化到科室", "廉洁自律若干规定")],
    },
    3: {
        "summary": "",
        "causes": {"main_responsibility": ["党组书记履行第一责任人职责不到位，对苗头性问题失察"]},
        "risks": [],
        "loopholes": [],
    },
}


# The dates a clerk adds from the case file (the 通报 prints none): 立案, 审结 and 处分决定, in
# days before today; the 问责 case's 主体责任 reading is confirmed.
DATES = {0: (200, 120, 110), 1: (260, 150, 140), 2: (150, 95, 90), 3: (130, 90, 85)}


def _import(by: User) -> list[Case]:
    units = list(Unit.objects.filter(is_active=True))
    vocabulary = list(ViolationType.objects.all())
    today = timezone.localdate()
    drafts = []
    for index, parsed in enumerate(parse_notices(NOTICE_PEOPLE)):
        initial = prefill.initial_from(parsed, units, vocabulary)
        unit = next(u for u in units if u.pk == initial["unit"])
        filed, closed, decided = (today - timedelta(days=d) for d in DATES[index])
        drafts.append(
            services.CaseDraft(
                title=initial["title"],
                unit=unit,
                notice_text=initial["notice_text"],
                persons=prefill.person_rows(initial["persons"]),
                violation_types=[v for v in vocabulary if v.pk in initial["violation_types"]],
                violation_notes=initial["violation_notes"],
                notice_source=SOURCE,
                notice_date=today - timedelta(days=75),
                filed_on=filed,
                closed_on=closed,
                decided_on=decided,
                is_accountability=initial["is_accountability"],
                eight_point_rules=initial["eight_point_rules"],
                duty_crimes=parsed.duty_crimes,
                other_measures=parsed.other_measures,
                illicit_gains_yuan=initial["illicit_gains_yuan"],
                loss_yuan=initial["loss_yuan"],
                recovered_yuan=initial["recovered_yuan"],
                publicity=Case.Publicity.FIELD,
            )
        )
    drafts[0].publicity = Case.Publicity.CITY  # the 低保 case is shown city-wide as a warning
    return services.import_cases(drafts, by=by)


def _analyse(cases: list[Case], users: dict[str, User]) -> None:
    # Four eyes: 周明 drafts and submits; the 分管副书记 approves.
    for index, spec in ANALYSES.items():
        case = cases[index]
        extend = list(Unit.objects.same_field(case.unit).filter(kind=Unit.Kind.PARTY_GOVT)[:3])
        analysis = services.save_analysis(case, by=users["jiwei"], extend_to=extend, **spec)
        if index == DRAFT_ANALYSIS:
            continue
        analysis = services.submit_analysis(analysis, by=users["jiwei"])
        if index != SUBMITTED_ANALYSIS:
            services.approve_analysis(analysis, by=users["jwfushuji"])


# Who signs each step of the chain, by issuing body (drafters never sign).
SIGNERS = {"x-jw": ("jwzhuren", "jwfushuji", "jwshuji"), "x-pz1": ("pzfuzu", "pzzuzhang")}


def approve(rec: Recommendation, users: dict[str, User], steps: int | None = None) -> Recommendation:
    """Send a draft through its chain (or its first `steps` signatures only)."""
    rec = services.submit_for_approval(rec, by=rec.created_by or users["jiwei"])
    for name in SIGNERS[rec.issuer.code][:steps]:
        rec = services.approve_step(rec, by=users[name], comment="同意。")
    return rec


def serve(rec: Recommendation, users: dict[str, User], days_ago: int) -> Recommendation:
    """Approve and serve; the dates are then set back as if it had gone out `days_ago` days ago."""
    rec = approve(rec, users)
    receiver = User.objects.filter(unit=rec.unit, roles__role="unit_liaison").first()
    rec = services.issue_recommendation(
        rec, by=rec.created_by or users["jiwei"], served_on=timezone.localdate(), served_to_user=receiver
    )
    day = timezone.localdate() - timedelta(days=days_ago)
    Recommendation.objects.filter(pk=rec.pk).update(
        issued_on=day, served_on=day, reply_due=day + timedelta(days=rec.reply_days)
    )
    rec.refresh_from_db()
    return rec


def _recommend(cases: list[Case], users: dict[str, User]) -> None:
    """The 建议书 of the demo cases: served ones go on in the rectification demo."""
    commission, group = Unit.objects.get(code="x-jw"), Unit.objects.get(code="x-pz1")
    serve(services.draft_recommendation(cases[0], by=users["jiwei"], issuer=commission), users, 45)
    serve(services.draft_recommendation(cases[2], by=users["paizhu"], issuer=group), users, 40)
    # 东城区's 建议书 waits for the 分管领导: the 承办部门负责人 has signed. Its analysis found no
    # risk point yet, so the clerk adds the specific 建议 (stock items alone cannot be sent).
    rec = services.draft_recommendation(cases[3], by=users["jiwei"], issuer=commission)
    own = services.ItemRow(
        text="建立社会救助领域主体责任清单，党组每半年专题研究一次社会救助工作，压实“一岗双责”。",
        problem_statement="党组对社会救助领域长期存在的审核把关不严、监督管理缺位问题失察失管。",
    )
    kept = [services.ItemRow(text=i.text, kind=i.kind, item_id=i.pk) for i in rec.items.all()]
    approve(services.save_recommendation(rec, by=users["jiwei"], items=[own, *kept]), users, steps=1)
    services.draft_recommendation(cases[1], by=users["jiwei"], issuer=commission)


FINDINGS = (
    # (unit code, title, facts, issuer, days ago)
    (
        "x-mz",
        "养老机构运营补贴审核",
        "日常监督发现：市社会福利院2025年度运营补贴申报中，床位数与入住老人数不符，局机关审核未实地核查即予拨付。",
        "x-jw",
        10,
    ),
    (
        "x-cz",
        "国库集中支付审核",
        "日常监督发现：市财政国库支付中心对部分单位超进度申请用款审核不严，存在先支付后补手续的情况。",
        "x-pz1",
        120,
    ),
)


def _findings(users: dict[str, User]) -> None:
    for code, title, facts, issuer_code, days in FINDINGS:
        issuer = Unit.objects.get(code=issuer_code)
        by = users["jiwei" if issuer_code == "x-jw" else "paizhu"]
        finding = services.record_finding(
            by=by,
            unit=Unit.objects.get(code=code),
            source=SupervisionFinding.Source.DAILY,
            title=title,
            facts=facts,
            found_on=timezone.localdate() - timedelta(days=days + 10),
        )
        rec = services.draft_from_finding(finding, by=by, issuer=issuer)
        items = [
            services.ItemRow(
                text="严格执行补贴资金审核制度，对申报数据实地核查后再拨付。",
                item_id=rec.items.get().pk,
                problem_statement=facts[:200],
            ),
            services.ItemRow(
                text="对近三年拨付资金开展全面复核，追回多拨资金。", problem_statement="多拨资金未追回"
            ),
        ]
        rec = services.save_recommendation(rec, by=by, items=items)
        serve(rec, users, days)


def seed() -> dict[str, int]:
    if Case.objects.filter(notice_source=SOURCE).exists():
        return {"cases_created": 0}
    users = {u.username: u for u in User.objects.all()}
    cases = _import(users["jiwei"])
    _analyse(cases, users)
    _recommend(cases, users)
    _findings(users)
    return {"cases_created": len(cases)}
