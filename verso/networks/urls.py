from django.urls import path

from verso.networks import views

app_name = "networks"
urlpatterns = [
    path("networks/", views.network_list, name="list"),
    path("networks/new/", views.network_create, name="create"),
    path("networks/<int:network_id>/", views.network_detail, name="detail"),
    path("networks/<int:network_id>/edit/", views.network_edit, name="edit"),
    path("networks/<int:network_id>/members/", views.member_list, name="members"),
    path("networks/<int:network_id>/members/add/", views.member_add, name="member_add"),
    path(
        "networks/<int:network_id>/members/<int:membership_id>/edit/",
        views.member_edit,
        name="member_edit",
    ),
    path(
        "networks/<int:network_id>/members/<int:membership_id>/end/",
        views.member_end,
        name="member_end",
    ),
    path("networks/<int:network_id>/handover/", views.network_handover, name="handover"),
    path("networks/<int:network_id>/audit/", views.network_audit, name="audit"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:organisation_id>/", views.organisation_detail, name="organisation"),
    path(
        "organisations/<int:organisation_id>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
]
