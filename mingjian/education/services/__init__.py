"""Writes for 警示教育; see each module's docstring for its workflow."""

from .attendance import (
    Mark,
    SigninResult,
    import_signin,
    record_attendance,
    record_makeup,
    record_reflection,
    request_reflections,
)
from .events import (
    EventInput,
    add_material,
    cancel_event,
    confirm_summary,
    correct_host,
    create_event,
    hold_event,
    hosts_for,
    pending_count,
    return_summary,
    submit_summary,
    sync_cohort,
    update_event,
)
from .tags import import_tags, save_unit_tags

__all__ = [
    "EventInput",
    "Mark",
    "SigninResult",
    "add_material",
    "cancel_event",
    "confirm_summary",
    "correct_host",
    "create_event",
    "hold_event",
    "hosts_for",
    "import_signin",
    "import_tags",
    "pending_count",
    "record_attendance",
    "record_makeup",
    "record_reflection",
    "request_reflections",
    "return_summary",
    "save_unit_tags",
    "submit_summary",
    "sync_cohort",
    "update_event",
]
