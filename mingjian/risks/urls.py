"""Pages under /risks/ (namespace "risks") and the API under /api/; the project URLconf includes
this module once."""

from django.urls import include, path

from mingjian.risks import api, views

pages = [
    path("", views.risk_list, name="risk-list"),
    path("new/", views.risk_form, name="risk-create"),
    path("export/", views.register_export, name="register-export"),
    path("import/", views.register_import, name="register-import"),
    path("screenings/", views.screening_list, name="screening-list"),
    path("screenings/new/", views.screening_create, name="screening-create"),
    path("screenings/<int:pk>/", views.screening_detail, name="screening-detail"),
    path("screenings/<int:pk>/review/", views.screening_review, name="screening-review"),
    path("analyses/<int:pk>/take/", views.take_risk, name="take-risk"),
    path("failures/<int:pk>/resolve/", views.failure_resolve, name="failure-resolve"),
    path("<int:pk>/", views.risk_detail, name="risk-detail"),
    path("<int:pk>/edit/", views.risk_form, name="risk-edit"),
    path("<int:pk>/<str:action>/", views.risk_action, name="risk-action"),
]

api_patterns = [
    path("risks/", api.RiskList.as_view(), name="api-risk-list"),
    path("risks/from-analysis/", api.TakeFromAnalysis.as_view(), name="api-risk-from-analysis"),
    path("risks/<int:pk>/", api.RiskDetail.as_view(), name="api-risk-detail"),
    *api.RISK_PATHS,
    path("risk-failures/", api.FailureList.as_view(), name="api-risk-failure-list"),
    path("risk-failures/<int:pk>/", api.FailureDetail.as_view(), name="api-risk-failure-detail"),
    *api.FAILURE_PATHS,
    path("risk-screenings/", api.ScreeningList.as_view(), name="api-risk-screening-list"),
    path("risk-screenings/<int:pk>/", api.ScreeningDetail.as_view(), name="api-risk-screening-detail"),
    *api.SCREENING_PATHS,
]

urlpatterns = [
    path("risks/", include((pages, "risks"))),
    path("api/", include(api_patterns)),
]
