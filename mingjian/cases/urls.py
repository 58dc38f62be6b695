from django.urls import path

from mingjian.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("import/", views.case_import, name="case-import"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
]
