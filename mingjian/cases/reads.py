"""Reading case content is itself an audited act, on the pages and through the API alike.

One function per read so the page and the API cannot drift apart: the event names the object,
and `via` says whether it was the page or the API.
"""

from __future__ import annotations

from typing import Any

from mingjian.audit.services import record
from mingjian.cases.models import Case, CaseAnalysis, Recommendation

READ_ACTIONS: dict[type[Any], str] = {
    Case: "cases.case.viewed",
    CaseAnalysis: "cases.analysis.viewed",
    Recommendation: "cases.recommendation.viewed",
}


def record_read(user: Any, obj: Case | CaseAnalysis | Recommendation, *, via: str) -> None:
    """`via` is "page" or "api"."""
    record(user, READ_ACTIONS[type(obj)], obj, via=via)
