"""建章立制设置: per 纪检监察 body, the months from 施行 to the 制度执行检查 and between 回头看."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mingjian.audit.services import record
from mingjian.org.models import Unit, User
from mingjian.regulations import permissions as perms
from mingjian.regulations.models import MAX_MONTHS, RegulationPolicy


@transaction.atomic
def save_policy(issuer: Unit, *, by: User, check_months: int, review_months: int) -> RegulationPolicy:
    if not perms.can_set_policy(by, issuer):
        raise PermissionDenied
    errors = {
        name: f"应在 1 至 {MAX_MONTHS} 个月之间。"
        for name, value in (("check_months", check_months), ("review_months", review_months))
        if not 1 <= value <= MAX_MONTHS
    }
    if errors:
        raise ValidationError(errors)
    policy = RegulationPolicy.objects.select_for_update().filter(issuer=issuer).first()
    policy = policy or RegulationPolicy(issuer=issuer)
    policy.check_months, policy.review_months = check_months, review_months
    policy.save()
    record(
        by,
        "regulations.policy.updated",
        policy,
        unit=issuer,
        check_months=check_months,
        review_months=review_months,
    )
    return policy
