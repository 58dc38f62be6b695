from .risk import ControlFailure, FailureQuerySet, RiskPoint, RiskPointQuerySet
from .screening import RiskScreening

__all__ = ["ControlFailure", "FailureQuerySet", "RiskPoint", "RiskPointQuerySet", "RiskScreening"]
