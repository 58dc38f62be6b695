"""Demo 廉政风险防控 for X市, through the same services as the pages.

- 市民政局's register (社会救助科, 养老服务科, 办公室) and 市财政局's (社会保障科, 国库科, 政府采购监督
  管理科), each row with its 防控措施, 科室负责人 from the 干部名册 and 责任领导 from the 班子;
- the 低保 case's analysis hits 市民政局's "低保审批权" row, whose controls were on record: putting
  that risk point into the register flags 防控失效; its other risk point is taken in one click;
- the 纪委 pushes the new 入户调查 risk to the district 民政局 as 待确认;
- the 派驻组 deploys this year's 排查 to 市财政局, which has reviewed part of its register.

Only seed_demo calls this; it does nothing when the demo registers are already there.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mingjian.cases.demo import SOURCE
from mingjian.cases.models import Case
from mingjian.org.models import Person, Unit, User
from mingjian.risks import services
from mingjian.risks.models import RiskPoint

H, M, L = RiskPoint.Level.HIGH, RiskPoint.Level.MEDIUM, RiskPoint.Level.LOW
P, S, D = RiskPoint.Category.POST, RiskPoint.Category.SYSTEM, RiskPoint.Category.PROCESS

# (科室 code, 岗位, 类别, 风险点, 表现形式, 等级, 防控措施, 责任领导)
CIVIL = (
    (
        "x-mz-d2",
        "低保审批权",
        P,
        "审核审批由同一人完成，缺少交叉复核",
        "经办人既审核又审批，对不符合条件的申请“开绿灯”",
        H,
        "审核、审批岗位分设；审批结果由分管领导签字确认；每季度随机抽查 10% 的新增低保家庭。",
        "mzfuju",
    ),
    (
        "x-mz-d2",
        "临时救助审批",
        D,
        "救助标准把握随意，“人情救助”",
        "同类情形救助金额差异大，向熟人倾斜",
        M,
        "制定临时救助金额分档标准；救助结果每月在社区公示。",
        "mzfuju",
    ),
    (
        "x-mz-d3",
        "养老机构补贴审核",
        P,
        "运营补贴按申报数拨付，未实地核查",
        "床位数、入住人数虚报，多拨补贴",
        H,
        "补贴拨付前实地核查入住人数，与民政信息系统数据比对。",
        "mzfuju",
    ),
    (
        "x-mz-d1",
        "公务接待和公车管理",
        S,
        "超标准接待、公车私用",
        "以调研名义安排宴请，节假日使用公车办私事",
        L,
        "执行公务接待清单制度；公车使用登记并安装定位。",
        "mzlingdao",
    ),
)
FINANCE = (
    (
        "x-cz-d2",
        "社保资金拨付审核",
        P,
        "接受服务对象“感谢”，审核放松",
        "节日期间收受服务对象礼金、购物卡",
        M,
        "资金拨付实行 A、B 岗复核；节前开展廉洁提醒。",
        "czfuju",
    ),
    (
        "x-cz-d3",
        "国库集中支付审核",
        D,
        "超进度用款审核不严，先支付后补手续",
        "单位超进度申请用款即予支付",
        H,
        "用款申请与预算执行进度自动比对，超进度的须分管领导审批。",
        "czfuju",
    ),
    (
        "x-cz-d4",
        "政府采购监督",
        P,
        "采购文件设置倾向性条款",
        "以资质、业绩等条件排斥潜在供应商",
        H,
        "采购文件公告前由政府采购监督管理科和法规科双重审查；投诉处理结果公开。",
        "czlingdao",
    ),
    (
        "x-cz-d1",
        "财务报销审核",
        S,
        "虚列开支、套取资金",
        "以会议费、培训费名义报销与公务无关的支出",
        L,
        "报销附件“三单”齐全（通知、签到表、费用明细）；月度抽审。",
        "czlingdao",
    ),
)


def _register(rows: tuple[tuple[str, ...], ...], u: dict[str, User], clerk: str) -> list[RiskPoint]:
    made = []
    for code, post, category, point, shown, level, controls, leader in rows:
        unit = Unit.objects.get(code=code)
        head = Person.objects.filter(unit=unit, position="科长").first()
        data = services.RiskInput(unit, post, point, level, category, shown, controls, head, u[leader])
        made.append(services.create_risk(data, by=u[clerk]))
    return made


def _from_case(u: dict[str, User]) -> None:
    """The 低保 case: one risk point hits the register's 低保审批权 row (防控失效), the other is new."""
    case = Case.objects.filter(notice_source=SOURCE).order_by("id").first()
    if case is None or not hasattr(case, "analysis"):
        return
    for risk in case.analysis.risks.order_by("sort_order", "id"):
        taken = services.take_from_analysis(risk, by=u["minzheng"])
        if taken.row is not None:
            districts = list(Unit.objects.filter(code__in=["dc-mz", "xs-mz", "nh-mz"]))
            services.push_risk(taken.row, by=u["jiwei"], units=districts)


def _screening(u: dict[str, User], rows: list[RiskPoint]) -> None:
    bureau = Unit.objects.get(code="x-cz")
    today = timezone.localdate()
    (screening,) = services.launch_screenings(
        by=u["paizhu"], units=[bureau], year=today.year, due_date=today + timedelta(days=45)
    )
    services.review_rows(screening, by=u["caizheng"], rows=rows[:2])


def seed() -> dict[str, int]:
    if RiskPoint.objects.exists():
        return {"risks_created": 0}
    u = {user.username: user for user in User.objects.all()}
    _register(CIVIL, u, "minzheng")
    finance = _register(FINANCE, u, "caizheng")
    _from_case(u)
    _screening(u, finance)
    return {"risks_created": RiskPoint.objects.count()}
