"""The Linked Events–compatible read-only feed, mounted at /linkedevents/v1/ outside the
language prefixes and outside /api/v1/ (config/urls.py)."""

from django.urls import path

from verso.events import linkedevents

app_name = "linkedevents"
urlpatterns = [
    path("event/", linkedevents.event_list, name="event_list"),
    path("event/<str:event_id>/", linkedevents.event_detail, name="event_detail"),
    path("place/", linkedevents.place_list, name="place_list"),
    path("place/<str:place_id>/", linkedevents.place_detail, name="place_detail"),
]
