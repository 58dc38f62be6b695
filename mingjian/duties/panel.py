"""Panels on a case's page and a 建议书's page: the 约谈 and 问责 records they caused, as far as
the viewer may see them."""

from __future__ import annotations

from typing import Any

from mingjian.cases.panels import Panel
from mingjian.duties.models import Accountability, Talk


def _panel(user: Any, **link: Any) -> Panel | None:
    talks = list(Talk.objects.visible_to(user).filter(**link).select_related("subject", "issuer"))
    records = list(Accountability.objects.visible_to(user).filter(**link).select_related("unit", "person"))
    if not talks and not records:
        return None
    return Panel("约谈与问责（两个责任）", "duties/_panel.html", {"talks": talks, "records": records})


def case_panel(case: Any, user: Any) -> Panel | None:
    return _panel(user, case=case)


def recommendation_panel(rec: Any, user: Any) -> Panel | None:
    return _panel(user, recommendation=rec)
