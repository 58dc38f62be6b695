from django.urls import path

from mingjian.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("import/", views.case_import, name="case-import"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/analysis/", views.analysis_edit, name="analysis-edit"),
    path("<int:pk>/analysis/<str:action>/", views.analysis_transition, name="analysis-transition"),
    path("<int:pk>/recommendations/new/", views.recommendation_create, name="recommendation-create"),
    path("recommendations/", views.recommendation_list, name="recommendation-list"),
    path("recommendations/policy/", views.recommendation_policy, name="recommendation-policy"),
    path("findings/", views.finding_list, name="finding-list"),
    path("findings/new/", views.finding_create, name="finding-create"),
    path("findings/<int:pk>/", views.finding_detail, name="finding-detail"),
    path("findings/<int:pk>/recommend/", views.finding_recommend, name="finding-recommend"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation-detail"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation-edit"),
    path("recommendations/<int:pk>/issue/", views.recommendation_issue, name="recommendation-issue"),
    path("recommendations/<int:pk>/docx/", views.recommendation_docx, name="recommendation-docx"),
    path("recommendations/<int:pk>/pdf/", views.recommendation_pdf, name="recommendation-pdf"),
    path(
        "recommendations/<int:pk>/<str:action>/", views.recommendation_advance, name="recommendation-advance"
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
]
