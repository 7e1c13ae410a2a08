from django.urls import path

from verso.evaluation import views

app_name = "evaluation"
N = "networks/<int:network_id>/evaluation/"
L = N + "feedback/<int:link_id>/"
urlpatterns = [
    # Public, no sign-in: the short link and a personal link
    path("f/<str:code>/", views.answer, name="answer"),
    path("f/<str:code>/thanks/", views.thanks, name="thanks"),
    path("f/<str:code>/<str:token>/", views.answer_token, name="answer_token"),
    # The network's
    path(N, views.index, name="index"),
    path(N + "feedback/new/", views.link_create, name="link_create"),
    path(L, views.results, name="results"),
    path(L + "show/", views.show, name="show"),
    path(L + "qr.png", views.qr_png, name="qr_png"),
    path(L + "paper/", views.paper, name="paper"),
    path(L + "links/", views.tokens, name="tokens"),
    path(L + "open/", views.link_open, name="link_open"),
    path(L + "results.<str:fmt>", views.export, name="export"),
    path(N + "evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path(N + "evaluations/<int:evaluation_id>/", views.evaluation_detail, name="evaluation"),
]
