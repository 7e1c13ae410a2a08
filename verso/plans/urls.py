from django.urls import path

from verso.plans import views

app_name = "plans"
P = "networks/<int:network_id>/plans/<int:plan_id>/"
urlpatterns = [
    path("networks/<int:network_id>/plans/", views.plan_list, name="list"),
    path("networks/<int:network_id>/plans/new/", views.plan_create, name="create"),
    path("networks/<int:network_id>/phase/", views.network_phase, name="phase"),
    path(P, views.plan_detail, name="detail"),
    path(P + "edit/", views.plan_edit, name="edit"),
    path(P + "budget/add/", views.budget_line_add, name="budget_line_add"),
    path(P + "budget/<int:line_id>/edit/", views.budget_line_edit, name="budget_line_edit"),
    path(P + "budget/<int:line_id>/delete/", views.budget_line_delete, name="budget_line_delete"),
    path(P + "ideas/", views.plan_ideas, name="ideas"),
    path(P + "readiness/", views.plan_readiness, name="readiness"),
    path(P + "versions/", views.version_list, name="versions"),
    path(P + "versions/<int:version_id>/", views.version_detail, name="version"),
    path(P + "compare/", views.version_compare, name="compare"),
    path(P + "print/", views.plan_print, name="print"),
    path(P + "pdf/", views.plan_pdf, name="pdf"),
]
