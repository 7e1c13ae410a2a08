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
    path("q/<str:code>/", views.questionnaire_answer, name="questionnaire_answer"),
    path("q/<str:code>/thanks/", views.questionnaire_thanks, name="questionnaire_thanks"),
    path("evaluation/templates/new/", views.template_create, name="template_create"),
    path("m/<str:code>/", views.measure_answer, name="measure_answer"),
    path("m/<str:code>/done/", views.measure_done, name="measure_done"),
    # Instruments: installation-wide
    path("evaluation/instruments/", views.instruments, name="instruments"),
    path("evaluation/instruments/import/", views.instrument_import, name="instrument_import"),
    path(
        "evaluation/instruments/<int:instrument_id>/",
        views.instrument_detail,
        name="instrument",
    ),
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
    path(N + "questionnaires/", views.questionnaires, name="questionnaires"),
    path(N + "questionnaires/new/", views.questionnaire_create, name="questionnaire_create"),
    path(
        N + "questionnaires/from-template/",
        views.questionnaire_use_template,
        name="questionnaire_use_template",
    ),
    path(
        N + "questionnaires/<int:questionnaire_id>/",
        views.questionnaire_detail,
        name="questionnaire",
    ),
    path(
        N + "questionnaires/<int:questionnaire_id>/open/",
        views.questionnaire_open,
        name="questionnaire_open",
    ),
    path(N + "measurements/new/", views.measurement_create, name="measurement_create"),
    path(N + "measurements/<int:measurement_id>/", views.measurement_detail, name="measurement"),
    path(
        N + "measurements/<int:measurement_id>/open/",
        views.measurement_open,
        name="measurement_open",
    ),
    path(
        N + "measurements/<int:measurement_id>/results.<str:fmt>",
        views.measurement_export,
        name="measurement_export",
    ),
    path(N + "evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path(N + "evaluations/<int:evaluation_id>/", views.evaluation_detail, name="evaluation"),
]
