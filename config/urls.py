from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from mingjian.cases import api as cases_api
from mingjian.notifications import api as notifications_api
from mingjian.org import api as org_api
from mingjian.org import views as org_views
from mingjian.outlines import api as outlines_api
from mingjian.rectification import api as rect_api
from mingjian.rectification import campaign_api
from mingjian.selfcheck import api as selfcheck_api

api_patterns = [
    path("auth/token/", org_api.TokenView.as_view(), name="api-token"),
    path("auth/logout/", org_api.LogoutView.as_view(), name="api-logout"),
    path("me/", org_api.MeView.as_view(), name="api-me"),
    path("units/", org_api.UnitListView.as_view(), name="api-unit-list"),
    path("units/<int:pk>/", org_api.UnitDetailView.as_view(), name="api-unit-detail"),
    *cases_api.PATTERNS,
    *rect_api.PATTERNS,
    *outlines_api.PATTERNS,
    *campaign_api.PATTERNS,
    *selfcheck_api.PATTERNS,
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
    path("selfcheck/", include("mingjian.selfcheck.urls")),
    path("", include("mingjian.regulations.urls")),
    path("", include("mingjian.risks.urls")),
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
