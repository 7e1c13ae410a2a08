from django.urls import path

from verso.ideas.views import bank, calls, public

app_name = "ideas"
N = "networks/<int:network_id>"
IDEA = f"{N}/ideas/<int:idea_id>"
urlpatterns = [
    # Public: a call's page at its short link, its QR code, the proposer's follow page.
    path("i/<str:code>/", public.call_public, name="call_public"),
    path("i/<str:code>/qr.svg", public.call_qr_svg, name="call_qr_svg"),
    path("i/<str:code>/qr.png", public.call_qr_png, name="call_qr_png"),
    path("ideas/follow/<str:token>/", public.follow, name="follow"),
    path("ideas/follow/<str:token>/photo/", public.follow_photo, name="follow_photo"),
    # The network's idea bank.
    path(f"{N}/ideas/", bank.idea_list, name="list"),
    path(f"{N}/ideas/new/", bank.idea_create, name="create"),
    path(f"{IDEA}/", bank.idea_detail, name="detail"),
    path(f"{IDEA}/photo/", bank.idea_photo, name="photo"),
    path(f"{IDEA}/support/", bank.idea_support, name="support"),
    path(f"{IDEA}/comment/", bank.idea_comment, name="comment"),
    path(f"{IDEA}/triage/", bank.idea_triage, name="triage"),
    path(f"{IDEA}/moderate/", bank.idea_moderate, name="moderate"),
    path(f"{IDEA}/comments/<int:comment_id>/hide/", bank.comment_hide, name="comment_hide"),
    # Idea calls.
    path(f"{N}/idea-calls/new/", calls.call_create, name="call_create"),
    path(f"{N}/idea-calls/<int:call_id>/", calls.call_detail, name="call_detail"),
    path(f"{N}/idea-calls/<int:call_id>/edit/", calls.call_edit, name="call_edit"),
]
