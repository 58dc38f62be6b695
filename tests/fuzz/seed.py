"""The records the fuzz runs over: a little of everything, owned by bureau_a (conftest's org)."""

from __future__ import annotations

from typing import Any

from mingjian.cases.tests.factories import AnalysisFactory, CasePersonFactory, RecommendationFactory
from mingjian.education.tests.factories import make_event
from mingjian.org.tests.factories import PASSWORD
from mingjian.rectification.models import InspectionBatch, RectificationPlan
from mingjian.rectification.tests.factories import TaskFactory
from tests.browser.helpers import seed_problem_types

__all__ = ["PASSWORD", "seed"]


def seed(org: Any) -> None:
    seed_problem_types()  # an earlier transactional test's flush may have emptied the vocabulary
    analysis = AnalysisFactory(case__unit=org.bureau_a)
    CasePersonFactory(case=analysis.case)
    RecommendationFactory(unit=org.bureau_a, issuer=org.commission, case=analysis.case)
    issued = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, issued=True)
    RectificationPlan.objects.create(unit=org.bureau_a, issuer=org.commission, recommendation=issued)
    TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission)
    InspectionBatch.objects.create(
        unit=org.bureau_a,
        issuer=org.commission,
        title="巡察反馈",
        feedback_date="2026-11-01",
        report_due="2027-01-01",
    )
    make_event(org.liaison, unit=org.bureau_a)
