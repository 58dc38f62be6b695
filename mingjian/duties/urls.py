"""Pages under /duties/ (namespace "duties") and the API under /api/duties/; the project URLconf
includes this module once."""

from django.urls import include, path

from mingjian.duties import api, views

pages = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("units/<int:pk>/", views.unit_register, name="unit-register"),
    path("units/<int:pk>/generate/", views.generate, name="generate"),
    path("lists/", views.list_index, name="list-index"),
    path("lists/<int:pk>/", views.list_detail, name="list-detail"),
    path("lists/<int:pk>/report.docx", views.report_docx, name="list-docx"),
    path("lists/<int:pk>/report.pdf", views.report_pdf, name="list-pdf"),
    path("lists/<int:pk>/entries/", views.entry_add, name="entry-add"),
    path("lists/<int:pk>/<str:action>/", views.list_action, name="list-action"),
    path("items/<int:pk>/check/", views.item_check, name="item-check"),
    path("items/<int:pk>/uncheck/", views.item_uncheck, name="item-uncheck"),
    path("entries/<int:pk>/", views.entry_download, name="entry-download"),
    path("templates/", views.template_list, name="template-list"),
    path("templates/new/", views.template_create, name="template-create"),
    path("templates/<int:pk>/", views.template_detail, name="template-detail"),
    path("templates/<int:pk>/items/", views.template_item_add, name="template-item-add"),
    path("template-items/<int:pk>/", views.template_item_edit, name="template-item-edit"),
    path("template-items/<int:pk>/remove/", views.template_item_remove, name="template-item-remove"),
    path("talks/", views.talk_list, name="talk-list"),
    path("talks/new/", views.talk_form, name="talk-create"),
    path("talks/<int:pk>/", views.talk_detail, name="talk-detail"),
    path("talks/<int:pk>/edit/", views.talk_form, name="talk-edit"),
    path("talks/<int:pk>/<str:action>/", views.talk_action, name="talk-action"),
    path("accountability/", views.accountability_list, name="accountability-list"),
    path("accountability/new/", views.accountability_form, name="accountability-create"),
    path("accountability/<int:pk>/", views.accountability_detail, name="accountability-detail"),
    path("accountability/<int:pk>/edit/", views.accountability_form, name="accountability-edit"),
    path("accountability/<int:pk>/<str:action>/", views.accountability_action, name="accountability-action"),
]

api_patterns = [
    path("duties/register/", api.RegisterView.as_view(), name="api-duty-register"),
    path("duties/lists/", api.DutyListList.as_view(), name="api-duty-list-list"),
    path("duties/lists/<int:pk>/", api.DutyListDetail.as_view(), name="api-duty-list-detail"),
    *api.LIST_PATHS,
    *api.ITEM_PATHS,
    path("duties/talks/", api.TalkList.as_view(), name="api-talk-list"),
    path("duties/talks/<int:pk>/", api.TalkDetail.as_view(), name="api-talk-detail"),
    *api.TALK_PATHS,
    path("duties/accountability/", api.AccountabilityList.as_view(), name="api-accountability-list"),
    path(
        "duties/accountability/<int:pk>/",
        api.AccountabilityDetail.as_view(),
        name="api-accountability-detail",
    ),
    *api.ACCOUNTABILITY_PATHS,
]

urlpatterns = [
    path("duties/", include((pages, "duties"))),
    path("api/", include(api_patterns)),
]
