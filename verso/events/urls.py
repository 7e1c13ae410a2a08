from django.urls import path

from verso.events import views

app_name = "events"
N = "networks/<int:network_id>/activities/"
A = N + "<int:activity_id>/"
urlpatterns = [
    # Public, no sign-in
    path("events/", views.public_list, name="public_list"),
    path("events/<int:activity_id>/", views.public_detail, name="public_detail"),
    path("events/<int:activity_id>/calendar.ics", views.activity_ics, name="activity_ics"),
    path("events/<int:activity_id>/poster.pdf", views.activity_poster, name="poster"),
    path("events/<int:activity_id>/gallery/", views.gallery, name="gallery"),
    path("events/works/<int:work_id>/image.jpg", views.gallery_image, name="gallery_image"),
    path("events/network/<int:network_id>/calendar.ics", views.network_ics, name="network_ics"),
    path("events/signup/<str:token>/", views.signup_status, name="signup_status"),
    path("events/signup/<str:token>/cancel/", views.signup_cancel, name="signup_cancel"),
    # Organisers
    path(N, views.activity_list, name="list"),
    path(N + "new/", views.activity_create, name="create"),
    path(A, views.activity_manage, name="manage"),
    path(A + "edit/", views.activity_edit, name="edit"),
    path(A + "participants/", views.participants, name="participants"),
    path(A + "participants.<str:fmt>", views.participants_export, name="participants_export"),
    path(A + "participants/<int:signup_id>/attendance/", views.attendance, name="attendance"),
    path(A + "checkin/<str:token>/", views.checkin, name="checkin"),
    path(A + "outcome/", views.outcome, name="outcome"),
    path(A + "works/", views.works, name="works"),
    path(A + "works/submit/", views.work_submit, name="work_submit"),
    path(A + "works/labels/", views.work_labels, name="work_labels"),
    path(A + "works/<int:work_id>/curate/", views.work_curate, name="work_curate"),
    path(A + "works/<int:work_id>/image.jpg", views.work_image, name="work_image"),
    path("networks/<int:network_id>/places/", views.place_list, name="places"),
    path("networks/<int:network_id>/places/new/", views.place_create, name="place_create"),
    path(
        "networks/<int:network_id>/places/<int:place_id>/edit/",
        views.place_edit,
        name="place_edit",
    ),
]
