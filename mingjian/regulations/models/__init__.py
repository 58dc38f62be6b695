from .check import CheckQuerySet, RegulationCheck
from .regulation import (
    DEFAULT_CHECK_MONTHS,
    DEFAULT_REVIEW_MONTHS,
    MAX_MONTHS,
    Regulation,
    RegulationPolicy,
    RegulationQuerySet,
    RegulationVersion,
)
from .waiver import Waiver, WaiverQuerySet

__all__ = [
    "DEFAULT_CHECK_MONTHS",
    "DEFAULT_REVIEW_MONTHS",
    "MAX_MONTHS",
    "CheckQuerySet",
    "Regulation",
    "RegulationCheck",
    "RegulationPolicy",
    "RegulationQuerySet",
    "RegulationVersion",
    "Waiver",
    "WaiverQuerySet",
]
