"""The 整改 panel on a 建议书's page: the unit's answer and plan, the tasks they became, the
closing report and the issuer's next step — each offered only to whoever may take it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from mingjian.cases.models import Recommendation
from mingjian.cases.panels import Panel
from mingjian.cases.permissions import can_issue_as, can_review
from mingjian.org.permissions import can_act_in, is_unit_side
from mingjian.rectification.models import RectificationPlan, RectificationReport, Task
from mingjian.workflow.services import independent

S = Recommendation.Status


def recommendation_panel(rec: Recommendation, user: Any) -> Panel | None:
    if rec.status in (S.DRAFT, S.APPROVING, S.APPROVED):
        return None
    unit_side = is_unit_side(user, rec.unit) and can_act_in(user, rec.unit)
    issuing = can_review(user, rec.unit) and can_issue_as(user, rec.issuer)
    tasks = Task.objects.visible_to(user).of_recommendation(rec)
    counts = tasks.aggregate(all=Count("id"), done=Count("id", filter=Q(status=Task.Status.ACCEPTED)))
    report = RectificationReport.objects.filter(
        recommendation=rec, kind=RectificationReport.Kind.COMPLETION
    ).first()
    context = {
        "rec": rec,
        "plan": RectificationPlan.objects.filter(recommendation=rec).first(),
        "counts": counts,
        "report": report,
        "can_answer": unit_side and rec.status == S.ISSUED,
        "can_resolve": issuing and rec.status == S.OBJECTION,
        "can_report": unit_side and rec.status == S.IMPLEMENTING,
        "can_complete": issuing and rec.status == S.IMPLEMENTING and independent(user, rec),
    }
    return Panel("整改方案与落实情况", "rectification/_rec_panel.html", context)
