from django.urls import path

from mingjian.workdays import views

app_name = "workdays"

urlpatterns = [
    path("", views.year_list, name="year-list"),
    path("<int:year>/", views.year_detail, name="year-detail"),
    path("<int:year>/confirm/", views.year_confirm, name="year-confirm"),
    path("<int:year>/clear/", views.day_clear, name="day-clear"),
]
