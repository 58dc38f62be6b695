from .attendance import Attendance, AttendanceQuerySet
from .event import COUNTED_STATUSES, Event, EventQuerySet, Material
from .headcount import Headcount
from .tags import PersonTag, PostTag

__all__ = [
    "COUNTED_STATUSES",
    "Attendance",
    "AttendanceQuerySet",
    "Event",
    "EventQuerySet",
    "Headcount",
    "Material",
    "PersonTag",
    "PostTag",
]
