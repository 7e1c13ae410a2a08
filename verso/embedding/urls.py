from django.urls import path

from verso.embedding import views

app_name = "embedding"
_N = "networks/<int:network_id>/embedding/"
urlpatterns = [
    path(_N, views.checklist, name="checklist"),
    path(_N + "links/new/", views.link_add, name="link_add"),
    path(_N + "links/<int:link_id>/delete/", views.link_delete, name="link_delete"),
    path(_N + "confirm/", views.confirm, name="confirm"),
    path(_N + "communication/", views.communication, name="communication"),
    path(_N + "communication/new/", views.communication_add, name="communication_add"),
    path(_N + "handover/", views.handover, name="handover"),
    path(_N + "handbook/", views.handbook, name="handbook"),
    path(_N + "handbook/pdf/", views.handbook_pdf, name="handbook_pdf"),
    path(_N + "handbook/markdown/", views.handbook_markdown, name="handbook_markdown"),
    path(_N + "handbook/<slug:section>/edit/", views.handbook_edit, name="handbook_edit"),
    path(_N + "map/", views.network_map, name="map"),
    path("embedding/map/", views.installation_map, name="map_all"),
    path(_N + "rotation/", views.rotation, name="rotation"),
    path(_N + "rotation/settings/", views.rotation_settings, name="rotation_settings"),
]
