from django.urls import path

from mingjian.selfcheck import views

app_name = "selfcheck"

urlpatterns = [
    path("", views.checklist_list, name="checklist-list"),
    path("cases/<int:pk>/push/", views.push_create, name="push-create"),
    path("pushes/<int:pk>/", views.push_detail, name="push-detail"),
    path("checklists/<int:pk>/", views.checklist_detail, name="checklist-detail"),
    path("checklists/<int:pk>/save/", views.checklist_save, name="checklist-save"),
    path("checklists/<int:pk>/<str:action>/", views.checklist_action, name="checklist-action"),
]
