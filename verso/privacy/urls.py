from django.urls import path

from verso.privacy import views

app_name = "privacy"
urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/me/", views.my_data, name="my_data"),
    path("privacy/me/export.json", views.my_data_json, name="my_data_json"),
    path("privacy/me/consent/", views.my_consent, name="my_consent"),
    path("privacy/me/details/", views.my_details, name="my_details"),
    path("privacy/me/erase/", views.my_erase, name="my_erase"),
    path(
        "networks/<int:network_id>/members/<int:membership_id>/data/",
        views.member_data,
        name="member_data",
    ),
    path(
        "networks/<int:network_id>/members/<int:membership_id>/data.json",
        views.member_data_json,
        name="member_data_json",
    ),
    path(
        "networks/<int:network_id>/members/<int:membership_id>/consent/",
        views.member_consent,
        name="member_consent",
    ),
    path(
        "networks/<int:network_id>/members/<int:membership_id>/erase/",
        views.member_erase,
        name="member_erase",
    ),
]
