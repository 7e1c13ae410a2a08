from django.urls import path

from verso.meetings import views

app_name = "meetings"
N = "networks/<int:network_id>/"
M = N + "meetings/<int:meeting_id>/"
urlpatterns = [
    path(N + "meetings/", views.meeting_list, name="list"),
    path(N + "meetings/new/", views.meeting_create, name="create"),
    path(N + "meetings/attendance/", views.attendance_history, name="history"),
    path(M, views.meeting_detail, name="detail"),
    path(M + "edit/", views.meeting_edit, name="edit"),
    path(M + "meeting.ics", views.meeting_ics, name="ics"),
    path(M + "invite/", views.meeting_invite, name="invite"),
    path(M + "reply/", views.meeting_reply, name="reply"),
    path(M + "attendance/", views.attendance, name="attendance"),
    path(M + "minutes/", views.minutes, name="minutes"),
    path(M + "materials/new/", views.material_add, name="material_add"),
    path(M + "materials/<int:material_id>/", views.material_file, name="material"),
    path(N + "tasks/", views.task_board, name="tasks"),
    path(N + "tasks/new/", views.item_create, name="item_create"),
    path(N + "tasks/<int:item_id>/status/", views.item_status, name="item_status"),
    path(N + "series/new/", views.series_create, name="series_create"),
    path(N + "series/<int:series_id>/", views.series_detail, name="series"),
    path(N + "polls/new/", views.poll_create, name="poll_create"),
    path(N + "polls/<int:poll_id>/", views.poll_detail, name="poll"),
    path(N + "polls/<int:poll_id>/close/", views.poll_close, name="poll_close"),
    path(N + "mail/", views.mail_list, name="mail"),
    path(N + "mail/<int:mail_id>/resend/", views.mail_resend, name="mail_resend"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>/my.ics", views.feed, name="feed"),
    path(
        "calendar/<str:token>/networks/<int:network_id>.ics",
        views.network_feed,
        name="network_feed",
    ),
]
