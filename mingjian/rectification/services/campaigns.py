"""专项治理 campaigns and the issuing body's 整改时限设置: plain records, each written with its
audit event, in the name of the body the signed-in clerk works for."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from mingjian.audit.services import record
from mingjian.org.models import Unit, User
from mingjian.rectification import permissions as perms
from mingjian.rectification.models import Campaign, RectificationPolicy


@transaction.atomic
def create_campaign(
    *,
    by: User,
    issuer: Unit,
    name: str,
    field: str = "",
    start_date: date,
    end_date: date | None = None,
    description: str = "",
) -> Campaign:
    if not perms.can_set_up_for(by, issuer):
        raise PermissionDenied
    campaign = Campaign(
        name=name,
        field=field,
        issuer=issuer,
        start_date=start_date,
        end_date=end_date,
        description=description,
    )
    campaign.full_clean()
    campaign.save()
    record(by, "rectification.campaign.created", campaign, unit=issuer)
    return campaign


@transaction.atomic
def save_policy(
    issuer: Unit,
    *,
    by: User,
    green_days: int,
    yellow_days: int,
    review_months: int,
) -> RectificationPolicy:
    if not perms.can_set_up_for(by, issuer):
        raise PermissionDenied
    policy = RectificationPolicy.objects.select_for_update().filter(issuer=issuer).first()
    policy = policy or RectificationPolicy(issuer=issuer)
    values: dict[str, Any] = {
        "green_days": green_days,
        "yellow_days": yellow_days,
        "review_months": review_months,
    }
    for name, value in values.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    record(by, "rectification.policy.updated", policy, unit=issuer, **values)
    return policy
