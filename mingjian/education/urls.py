"""Pages under /education/ (namespace "education") and the API under /api/education/; the
project URLconf includes this module once."""

from django.urls import include, path

from mingjian.education import api, views

pages = [
    path("events/", views.event_list, name="event-list"),
    path("events/new/", views.event_form, name="event-create"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("events/<int:pk>/edit/", views.event_form, name="event-edit"),
    path("events/<int:pk>/attendance/", views.attendance_save, name="attendance-save"),
    path("events/<int:pk>/signin/", views.signin_import, name="signin-import"),
    path("events/<int:pk>/makeup/", views.makeup, name="makeup"),
    path("events/<int:pk>/reflections/", views.reflections_request, name="reflections-request"),
    path("events/<int:pk>/reflection/", views.reflection_write, name="reflection-write"),
    path("events/<int:pk>/materials/", views.material_add, name="material-add"),
    path("events/<int:pk>/<str:action>/", views.event_action, name="event-action"),
    path("materials/<int:pk>/", views.material_download, name="material-download"),
    path("coverage/", views.coverage_page, name="coverage"),
    path("tags/", views.tags_page, name="tags"),
    path("tags/import/", views.tags_import, name="tags-import"),
]

EVENT = "events/<int:pk>/"
api_patterns = [
    path("events/", api.EventList.as_view(), name="api-education-event-list"),
    path(EVENT, api.EventEdit.as_view(), name="api-education-event-detail"),
    path(f"{EVENT}hold/", api.EventHold.as_view(), name="api-education-event-hold"),
    path(f"{EVENT}host/", api.EventHost.as_view(), name="api-education-event-host"),
    path(f"{EVENT}cancel/", api.EventCancel.as_view(), name="api-education-event-cancel"),
    path(f"{EVENT}attendance/", api.EventAttendance.as_view(), name="api-education-event-attendance"),
    path(f"{EVENT}signin/", api.EventSignin.as_view(), name="api-education-event-signin"),
    path(f"{EVENT}makeup/", api.EventMakeup.as_view(), name="api-education-event-makeup"),
    path(f"{EVENT}reflections/", api.EventReflections.as_view(), name="api-education-event-reflections"),
    path(f"{EVENT}reflection/", api.EventReflection.as_view(), name="api-education-event-reflection"),
    path(f"{EVENT}submit/", api.EventSubmit.as_view(), name="api-education-event-submit"),
    path(f"{EVENT}confirm/", api.EventConfirm.as_view(), name="api-education-event-confirm"),
    path(f"{EVENT}return/", api.EventReturn.as_view(), name="api-education-event-return"),
    path(f"{EVENT}materials/", api.EventMaterial.as_view(), name="api-education-event-materials"),
    path("coverage/", api.CoverageView.as_view(), name="api-education-coverage"),
]

urlpatterns = [
    path("education/", include((pages, "education"))),
    path("api/education/", include(api_patterns)),
]
