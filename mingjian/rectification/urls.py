from django.urls import path

from mingjian.rectification import views

app_name = "rectification"

urlpatterns = [
    path("problems/", views.problem_list, name="problem-list"),
    path("problems/<int:pk>/", views.problem_detail, name="problem-detail"),
    path("problems/new/", views.problem_create, name="problem-create"),
    path("campaigns/", views.campaign_list, name="campaign-list"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    path("policy/", views.policy_edit, name="policy"),
    path("tasks/", views.task_list, name="task-list"),
    path("sign/", views.sign_list, name="sign"),
    path("ledger/export/", views.ledger_export, name="ledger-export"),
    path("ledger/import/", views.ledger_import, name="ledger-import"),
    path("ledger/jobs/<int:pk>/", views.ledger_job, name="ledger-job"),
    path("ledger/jobs/<int:pk>/status/", views.ledger_job_status, name="ledger-job-status"),
    path("ledger/jobs/<int:pk>/confirm/", views.ledger_job_confirm, name="ledger-job-confirm"),
    path("ledger/jobs/<int:pk>/cancel/", views.ledger_job_cancel, name="ledger-job-cancel"),
    path("ledger/jobs/<int:pk>/download/", views.ledger_job_download, name="ledger-job-download"),
    path("tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task-edit"),
    path("tasks/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("tasks/<int:pk>/<str:action>/", views.task_action, name="task-action"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("recommendations/<int:pk>/answer/", views.answer, name="answer"),
    path("recommendations/<int:pk>/authorise/", views.authorise, name="authorise"),
    path("recommendations/<int:pk>/objection/", views.objection, name="objection"),
    path("recommendations/<int:pk>/complete/", views.complete, name="complete"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/<str:action>/", views.plan_action, name="plan-action"),
    path("reports/new/", views.report_draft, name="report-draft"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("inspections/", views.inspection_list, name="inspection-list"),
    path("inspections/new/", views.inspection_create, name="inspection-create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection-detail"),
    path("inspections/<int:pk>/plan/", views.inspection_plan, name="inspection-plan"),
    path("reviews/", views.review_list, name="review-list"),
    path("reviews/<int:pk>/", views.review_detail, name="review-detail"),
]
