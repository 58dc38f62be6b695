"""Pages under /regulations/ (namespace "regulations") and the API under /api/; the project
URLconf includes this module once."""

from django.urls import include, path

from mingjian.regulations import api, views

pages = [
    path("", views.regulation_list, name="regulation-list"),
    path("new/", views.regulation_form, name="regulation-create"),
    path("loopholes/", views.loophole_list, name="loophole-list"),
    path("policy/", views.policy_page, name="policy"),
    path("<int:pk>/", views.regulation_detail, name="regulation-detail"),
    path("<int:pk>/edit/", views.regulation_form, name="regulation-edit"),
    path("<int:pk>/versions/", views.version_add, name="version-add"),
    path("<int:pk>/<str:action>/", views.regulation_action, name="regulation-action"),
    path("versions/<int:pk>/", views.version_download, name="version-download"),
    path("checks/<int:pk>/", views.check_record, name="check-record"),
    path("problems/<int:pk>/", views.problem_rules, name="problem-rules"),
    path("waivers/<int:pk>/<str:action>/", views.waiver_action, name="waiver-action"),
]

api_patterns = [
    path("regulations/", api.RegulationList.as_view(), name="api-regulation-list"),
    path("regulations/<int:pk>/", api.RegulationDetail.as_view(), name="api-regulation-detail"),
    path("regulations/<int:pk>/versions/", api.RegulationVersions.as_view(), name="api-regulation-versions"),
    *api.REGULATION_PATHS,
    path("regulation-checks/", api.CheckList.as_view(), name="api-regulation-check-list"),
    path("regulation-checks/<int:pk>/", api.CheckDetail.as_view(), name="api-regulation-check-detail"),
    *api.CHECK_PATHS,
    path("regulation-waivers/", api.WaiverList.as_view(), name="api-regulation-waiver-list"),
    path("regulation-waivers/<int:pk>/", api.WaiverDetail.as_view(), name="api-regulation-waiver-detail"),
    *api.WAIVER_PATHS,
]

urlpatterns = [
    path("regulations/", include((pages, "regulations"))),
    path("api/", include(api_patterns)),
]
