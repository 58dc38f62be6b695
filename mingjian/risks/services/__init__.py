"""Writes for 廉政风险防控; see each module's docstring for its workflow."""

from .from_cases import (
    Taken,
    already_pushed,
    committed_measures,
    flag_failure,
    flag_on_approval,
    matching_rows,
    push_risk,
    resolve_failure,
    take_from_analysis,
)
from .register import (
    RiskInput,
    confirm_risk,
    create_risk,
    decline_risk,
    input_errors,
    open_screening,
    retire_risk,
    update_risk,
)
from .screenings import (
    launch_screenings,
    review_rows,
    screening_gate,
    unanswered,
    unreviewed,
    with_counts,
)

__all__ = [
    "RiskInput",
    "Taken",
    "already_pushed",
    "committed_measures",
    "confirm_risk",
    "create_risk",
    "decline_risk",
    "flag_failure",
    "flag_on_approval",
    "input_errors",
    "launch_screenings",
    "matching_rows",
    "open_screening",
    "push_risk",
    "resolve_failure",
    "retire_risk",
    "review_rows",
    "screening_gate",
    "take_from_analysis",
    "unanswered",
    "unreviewed",
    "update_risk",
    "with_counts",
]
