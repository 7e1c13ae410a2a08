from django.urls import path

from verso.methods import views

app_name = "methods"
urlpatterns = [
    path("methods/", views.method_list, name="list"),
    path("methods/new/", views.method_create, name="create"),
    path("methods/export.json", views.method_export, name="export"),
    path("methods/import/", views.method_import, name="import"),
    path("methods/<int:method_id>/", views.method_detail, name="detail"),
    path("methods/<int:method_id>/edit/", views.method_edit, name="edit"),
    path(
        "networks/<int:network_id>/activities/<int:activity_id>/methods/",
        views.activity_uses,
        name="activity_uses",
    ),
    path(
        "networks/<int:network_id>/meetings/<int:meeting_id>/methods/",
        views.meeting_uses,
        name="meeting_uses",
    ),
]
