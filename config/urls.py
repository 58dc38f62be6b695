from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from mingjian.cases import api as cases_api
from mingjian.notifications import api as notifications_api
from mingjian.org import api as org_api
from mingjian.org import views as org_views
from mingjian.outlines import api as outlines_api
from mingjian.rectification import api as rect_api

api_patterns = [
    path("auth/token/", org_api.TokenView.as_view(), name="api-token"),
    path("auth/logout/", org_api.LogoutView.as_view(), name="api-logout"),
    path("me/", org_api.MeView.as_view(), name="api-me"),
    path("units/", org_api.UnitListView.as_view(), name="api-unit-list"),
    path("units/<int:pk>/", org_api.UnitDetailView.as_view(), name="api-unit-detail"),
    path("cases/", cases_api.CaseList.as_view(), name="api-case-list"),
    path("cases/<int:pk>/", cases_api.CaseDetail.as_view(), name="api-case-detail"),
    path("analyses/", cases_api.AnalysisList.as_view(), name="api-analysis-list"),
    path("analyses/<int:pk>/", cases_api.AnalysisDetail.as_view(), name="api-analysis-detail"),
    path("recommendations/", cases_api.RecommendationList.as_view(), name="api-recommendation-list"),
    path(
        "recommendations/<int:pk>/",
        cases_api.RecommendationDetail.as_view(),
        name="api-recommendation-detail",
    ),
    *cases_api.RECOMMENDATION_PATHS,
    path("problems/", rect_api.ProblemList.as_view(), name="api-problem-list"),
    path("problems/<int:pk>/", rect_api.ProblemDetail.as_view(), name="api-problem-detail"),
    path("tasks/", rect_api.TaskList.as_view(), name="api-task-list"),
    path("tasks/<int:pk>/", rect_api.TaskDetail.as_view(), name="api-task-detail"),
    *rect_api.TASK_PATHS,
    path("plans/", rect_api.PlanList.as_view(), name="api-plan-list"),
    path("plans/<int:pk>/", rect_api.PlanDetail.as_view(), name="api-plan-detail"),
    *rect_api.PLAN_PATHS,
    path("reviews/", rect_api.ReviewList.as_view(), name="api-review-list"),
    path("reviews/<int:pk>/", rect_api.ReviewDetail.as_view(), name="api-review-detail"),
    path("outlines/", outlines_api.OutlineList.as_view(), name="api-outline-list"),
    path("outlines/parse/", outlines_api.OutlineParse.as_view(), name="api-outline-parse"),
    path("outlines/<int:pk>/", outlines_api.OutlineDetail.as_view(), name="api-outline-detail"),
    path("notifications/", notifications_api.NotificationList.as_view(), name="api-notification-list"),
    path(
        "notifications/<int:pk>/read/",
        notifications_api.NotificationRead.as_view(),
        name="api-notification-read",
    ),
]

urlpatterns = [
    path("", org_views.home, name="home"),
    path("login/", org_views.login_view, name="login"),
    path("logout/", org_views.logout_view, name="logout"),
    path("account/password/", org_views.password_change, name="password-change"),
    path("org/", include("mingjian.org.urls")),
    path("audit/", include("mingjian.audit.urls")),
    path("workdays/", include("mingjian.workdays.urls")),
    path("cases/", include("mingjian.cases.urls")),
    path("rectification/", include("mingjian.rectification.urls")),
    path("outlines/", include("mingjian.outlines.urls")),
    path("notifications/", include("mingjian.notifications.urls")),
    path("", include("mingjian.education.urls")),
    path("", include("mingjian.duties.urls")),
    path("api/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file (?script), which the CSP allows.
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]
