from .attendance import attendance_save, makeup, reflection_write, reflections_request, signin_import
from .coverage import coverage_page
from .events import event_action, event_detail, event_form, event_list, material_add, material_download
from .tags import tags_import, tags_page

__all__ = [
    "attendance_save",
    "coverage_page",
    "event_action",
    "event_detail",
    "event_form",
    "event_list",
    "makeup",
    "material_add",
    "material_download",
    "reflection_write",
    "reflections_request",
    "signin_import",
    "tags_import",
    "tags_page",
]
