from django.urls import path

from mingjian.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.read_all, name="read-all"),
    path("<int:pk>/read/", views.read, name="read"),
]
