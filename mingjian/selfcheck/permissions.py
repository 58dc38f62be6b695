"""Who may push a case, answer a 自查表 and review it.

Pushing is the 纪委监委's or 派驻组's (监督责任): in the name of the body the clerk works for, for
a case whose unit it supervises, to units it supervises. Answering is the unit's (主体责任): any of
its acting people writes, its 书记/主要负责人 submits. Reviewing is the pushing body's, by someone
who took no part in writing or sending the answer.
"""

from __future__ import annotations

from typing import Any

from mingjian.cases.permissions import can_issue_as, issuers_for
from mingjian.org import permissions
from mingjian.org.models import Unit, User
from mingjian.rectification.permissions import principals_of


def push_issuer(user: Any) -> Unit | None:
    """The 纪检监察 body a push goes out in the name of: the clerk's own (the innermost)."""
    bodies = issuers_for(user)
    return bodies[-1] if bodies else None


def can_push(user: Any, case: Any) -> bool:
    return push_issuer(user) is not None and permissions.can_supervise(user, case.unit)


def can_draft(user: Any, checklist: Any) -> bool:
    unit = checklist.unit
    return permissions.is_unit_side(user, unit) and permissions.can_act_in(user, unit)


def can_submit(user: User, checklist: Any) -> bool:
    return principals_of(checklist.unit).filter(pk=user.pk).exists()


def can_review(user: Any, checklist: Any) -> bool:
    push = checklist.push
    return permissions.can_supervise(user, checklist.unit) and can_issue_as(user, push.issuer)
