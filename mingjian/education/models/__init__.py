from .attendance import Attendance, AttendanceQuerySet
from .event import COUNTED_STATUSES, Event, EventQuerySet, Material
from .tags import PersonTag, PostTag

__all__ = [
    "COUNTED_STATUSES",
    "Attendance",
    "AttendanceQuerySet",
    "Event",
    "EventQuerySet",
    "Material",
    "PersonTag",
    "PostTag",
]
