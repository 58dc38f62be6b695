"""Case capabilities, in the words of the org policy module."""

from __future__ import annotations

from typing import Any

from mingjian.org import permissions
from mingjian.org.models import Unit


def can_record_case(user: Any, unit: Unit) -> bool:
    """Typical cases are entered by the 纪委监委 or the 派驻组 supervising the unit."""
    return permissions.can_supervise(user, unit)


def can_import_any(user: Any) -> bool:
    return bool(permissions.scope_paths(user, permissions.SUPERVISING_ROLES))


def sees_real_names(user: Any, unit: Unit) -> bool:
    """Names appear in full only on the 纪委's own pages; everyone else reads 张某某."""
    return permissions.can_supervise(user, unit)
