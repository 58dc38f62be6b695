from django.urls import path

from mingjian.outlines import views

app_name = "outlines"

urlpatterns = [
    path("", views.outline_list, name="outline-list"),
    path("new/", views.outline_create, name="outline-create"),
    path("<int:pk>/", views.outline_detail, name="outline-detail"),
    path("<int:pk>/tasks/", views.outline_tasks, name="outline-tasks"),
    path("<int:pk>/phases/", views.outline_phases, name="outline-phases"),
]
