import re
from io import BytesIO

import pytest
import segno
import zxingcpp
from django.conf import settings
from django.urls import reverse
from PIL import Image

from verso.core.models import AuditEntry
from verso.ideas import services
from verso.ideas.models import Idea, IdeaStatus
from verso.ideas.tests.factories import make_call, make_idea, photo_upload
from verso.ideas.views.public import qr_svg
from verso.networks.models import Person

pytestmark = pytest.mark.django_db


def test_a_resident_sends_an_idea_without_an_account_and_follows_it(client, world):
    call = make_call(world)
    page = client.get(reverse("ideas:call_public", args=[call.code]))
    assert page.status_code == 200
    assert call.question in page.content.decode()

    response = client.post(
        reverse("ideas:call_public", args=[call.code]),
        {
            "text": "A reading corner <script>alert(1)</script>",
            "photo": photo_upload(),
            "photo_alt": "The park in spring.",
            "proposer_name": "Mustikka",
        },
    )
    assert response.status_code == 302
    follow_url = response["Location"]
    assert re.match(r"^/en/ideas/follow/[\w-]{32,}/\?new=1$", follow_url)
    page = client.get(follow_url)
    body = page.content.decode()
    assert "Save this link" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert(1)" not in body
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "no-referrer"

    idea = Idea.objects.get()
    services.idea_triage(
        actor=world.coordinator,
        idea=idea,
        status=IdeaStatus.TAKEN_INTO_PLAN,
        reason="Taken into the plan Summer 2027.",
    )
    body = client.get(follow_url.split("?")[0]).content.decode()
    assert "Taken into a plan" in body and "Taken into the plan Summer 2027." in body
    photo = client.get(reverse("ideas:follow_photo", args=[follow_url.split("/")[4]]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_follow_token_or_call_code_answers_404(client, world):
    assert client.get(reverse("ideas:follow", args=["x" * 32])).status_code == 404
    assert client.get(reverse("ideas:call_public", args=["nope"])).status_code == 404


def test_the_honeypot_refuses_visibly_and_records_the_refusal(client, world):
    call = make_call(world)
    response = client.post(
        reverse("ideas:call_public", args=[call.code]),
        {"text": "Buy cheap pills", "website": "https://spam.example"},
    )
    assert response.status_code == 200
    assert "must be left empty" in response.content.decode()
    assert not Idea.objects.exists()
    assert AuditEntry.objects.filter(action="access.honeypot").count() == 1


def test_the_anonymous_form_is_rate_limited(client, world, settings):
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "idea_submit": "2/h"}
    call = make_call(world)
    url = reverse("ideas:call_public", args=[call.code])
    statuses = [client.post(url, {"text": f"Idea {i}"}).status_code for i in range(3)]
    assert statuses == [302, 302, 429]
    assert Idea.objects.count() == 2


def test_a_closed_call_shows_no_form_and_refuses_a_post(client, world):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    call = make_call(
        world,
        opens_on=today - datetime.timedelta(days=9),
        closes_on=today - datetime.timedelta(days=1),
    )
    url = reverse("ideas:call_public", args=[call.code])
    assert "<form" not in client.get(url).content.decode().split("<main")[1]
    response = client.post(url, {"text": "Late"})
    assert response.status_code == 200
    assert "closed" in response.content.decode()
    assert not Idea.objects.exists()


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_the_qr_code_reads_back_as_the_short_link(client, world, kind):
    call = make_call(world)
    response = client.get(reverse(f"ideas:call_qr_{kind}", args=[call.code]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    link = f"http://testserver/en/i/{call.code}/"
    if kind == "svg":
        # The SVG is drawn from the same matrix as the PNG, which is read back below.
        assert response["Content-Type"] == "image/svg+xml"
        expected = qr_svg(segno.make(link, error="m"), call.title)
        assert response.content == expected
        assert b'xmlns="http://www.w3.org/2000/svg"' in response.content
        response = client.get(reverse("ideas:call_qr_png", args=[call.code]))
    image = Image.open(BytesIO(response.content))
    assert [d.text for d in zxingcpp.read_barcodes(image)] == [link]


def test_a_member_enters_an_idea_on_a_clients_behalf(client, world):
    call = make_call(world)
    client.force_login(world.professional)
    response = client.post(
        reverse("ideas:create", args=[world.network.pk]),
        {"call": call.pk, "text": "Painting circle", "proposer_name": "Tapsa", "assisted": "on"},
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.assisted and idea.entered_by == world.professional and idea.proposer is None
    assert idea.call == call


def test_a_client_cannot_enter_ideas_for_others(client, world):
    client.force_login(world.client)
    client.post(
        reverse("ideas:create", args=[world.network.pk]),
        {"text": "My own idea", "assisted": "on"},
    )
    idea = Idea.objects.get()
    assert not idea.assisted
    assert idea.proposer == Person.objects.get(user=world.client)


def test_clients_names_are_shown_only_to_the_coordination_group(client, world):
    idea, _token = make_idea(world, proposer_name="Secret Nickname")
    services.idea_comment_add(
        actor=world.client,
        idea=idea,
        author=Person.objects.get(user=world.client),
        text="I like it.",
    )
    url = reverse("ideas:detail", args=[world.network.pk, idea.pk])
    client.force_login(world.professional)
    body = client.get(url).content.decode()
    assert "Cecilia Cederberg" not in body and "Secret Nickname" not in body
    assert "A member of the network" in body
    client.force_login(world.group)
    body = client.get(url).content.decode()
    assert "Cecilia Cederberg" in body and "Secret Nickname" in body


def test_a_hidden_idea_is_not_found_below_the_coordination_group(client, world):
    idea, _token = make_idea(world)
    services.idea_hide(actor=world.coordinator, idea=idea, reason="Spam.")
    url = reverse("ideas:detail", args=[world.network.pk, idea.pk])
    client.force_login(world.professional)
    assert client.get(url).status_code == 404
    client.force_login(world.group)
    assert "Spam." in client.get(url).content.decode()


def test_support_through_htmx_updates_the_count_in_place(client, world):
    idea, _token = make_idea(world)
    client.force_login(world.professional)
    url = reverse("ideas:support", args=[world.network.pk, idea.pk])
    response = client.post(url, {"action": "support"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="support">')
    assert "1 person supports this idea." in body and "Withdraw my support" in body
    client.post(url, {"action": "support"})  # a second support: refused, still one
    assert idea.supports.count() == 1


# Object-level access: an id from another network under my own answers 404 and changes
# nothing.

IDEA_PAGES = [
    ("ideas:detail", "get", {}),
    ("ideas:photo", "get", {}),
    ("ideas:support", "post", {"action": "support"}),
    ("ideas:comment", "post", {"text": "x"}),
    ("ideas:triage", "get", {}),
    ("ideas:triage", "post", {"status": "not_now", "reason": "r"}),
    ("ideas:moderate", "get", {}),
    ("ideas:moderate", "post", {"reason": "r"}),
]


def _state():
    return (
        list(Idea.objects.values_list("pk", "status", "hidden_at")),
        list(Idea.objects.values_list("pk", "supports__id", "comments__id")),
        AuditEntry.objects.exclude(action="access.denied").count(),
    )


@pytest.mark.parametrize(("name", "method", "data"), IDEA_PAGES)
def test_an_idea_of_another_network_is_not_found_under_mine(client, world, name, method, data):
    from verso.ideas.tests.factories import foreign_idea

    foreign = foreign_idea(world)
    client.force_login(world.coordinator)
    url = reverse(name, kwargs={"network_id": world.network.pk, "idea_id": foreign.pk})
    before = _state()
    response = client.get(url) if method == "get" else client.post(url, data)
    assert response.status_code == 404
    assert _state() == before


@pytest.mark.parametrize("name", ["ideas:call_detail", "ideas:call_edit"])
def test_a_call_of_another_network_is_not_found_under_mine(client, world, name):
    foreign = make_call(world, network=world.other_network)
    client.force_login(world.coordinator)
    url = reverse(name, kwargs={"network_id": world.network.pk, "call_id": foreign.pk})
    assert client.get(url).status_code == 404
    if name == "ideas:call_edit":
        data = {"title": "X", "question": "Y", "opens_on": "2030-01-01"}
        assert client.post(url, data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title != "X"


def test_a_comment_of_another_idea_is_not_found_under_mine(client, world):
    idea, _token = make_idea(world)
    other, _token = make_idea(world, call=idea.call)
    comment = services.idea_comment_add(
        actor=world.group, idea=other, author=Person.objects.get(user=world.group), text="c"
    )
    client.force_login(world.coordinator)
    url = reverse("ideas:comment_hide", args=[world.network.pk, idea.pk, comment.pk])
    assert client.post(url, {"reason": "r"}).status_code == 404
    comment.refresh_from_db()
    assert not comment.is_hidden


# Query budgets: the same at 2 and 12 rows.


def _grow(world, n: int) -> None:
    call = make_call(world)
    people = [Person.objects.get(user=u) for u in (world.group, world.professional, world.client)]
    for i in range(n):
        idea, _token = make_idea(world, call=call, text=f"Idea {i}", proposer_name=f"N{i}")
        services.idea_support(actor=None, idea=idea, person=people[i % 3])
        services.idea_comment_add(actor=None, idea=idea, author=people[i % 3], text=f"c{i}")


@pytest.mark.parametrize(("role", "budget"), [("coordinator", 9), ("client", 10)])
def test_the_idea_bank_has_a_pinned_query_budget(
    client, world, django_assert_max_num_queries, role, budget
):
    client.force_login(world.user(role))
    url = reverse("ideas:list", args=[world.network.pk])
    _grow(world, 2)
    with django_assert_max_num_queries(budget) as small:
        assert client.get(url).status_code == 200
    _grow(world, 10)
    with django_assert_max_num_queries(budget) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_an_idea_page_has_a_pinned_query_budget_whatever_its_comments(
    client, world, django_assert_max_num_queries
):
    idea, _token = make_idea(world)
    people = [Person.objects.get(user=u) for u in (world.group, world.professional, world.client)]
    url = reverse("ideas:detail", args=[world.network.pk, idea.pk])
    client.force_login(world.coordinator)
    for i in range(2):
        services.idea_comment_add(actor=None, idea=idea, author=people[i], text=f"c{i}")
    # 12 with the plans app: the idea's plans (idea.plans, the plans' link) are one query.
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for i in range(10):
        services.idea_comment_add(actor=None, idea=idea, author=people[i % 3], text=f"d{i}")
    with django_assert_max_num_queries(12) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_network_overview_shows_the_ideas_summary(client, world):
    make_idea(world)
    client.force_login(world.client)
    body = client.get(reverse("networks:detail", args=[world.network.pk])).content.decode()
    assert "1 idea in the idea bank." in body
    assert reverse("ideas:list", args=[world.network.pk]) in body


def test_photo_size_limit_comes_from_the_settings():
    assert settings.VERSO_IDEA_PHOTO_MAX_BYTES == 5 * 1024 * 1024
