"""Feedback: the anonymous form, paper answers, personal links, suppression, results and
exports, through HTTP and the services."""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from verso.core.models import AuditEntry
from verso.evaluation import selectors, services
from verso.evaluation.models import FeedbackAnswer, FeedbackToken
from verso.events.testing import events_activity


@pytest.fixture
def link(world):
    return services.link_create(
        actor=world.coordinator, network=world.network, activity=events_activity(world)
    )


def _answers(link, ratings, **kwargs):
    for r in ratings:
        services.answer_submit(link=link, rating=r, **kwargs)


def test_an_anonymous_answer_is_stored_without_anyone_tied_to_it(client, link):
    url = reverse("evaluation:answer", kwargs={"code": link.code})
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'type="radio"' in body and "Very good" in body and "Very bad" in body
    response = client.post(url, {"rating": "4", "text": "Lovely music"})
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:thanks", kwargs={"code": link.code})
    answer = FeedbackAnswer.objects.get()
    assert (answer.rating, answer.text, answer.name, answer.on_paper) == (
        4,
        "Lovely music",
        "",
        False,
    )
    # No audit entry times an anonymous answer.
    assert not AuditEntry.objects.filter(action__startswith="feedback_answer").exists()


@pytest.mark.parametrize("rating", ["0", "6", "-1", "abc", "", "3.5", "99999999999999999999"])
def test_an_out_of_range_rating_is_refused_with_a_message_and_nothing_stored(client, link, rating):
    url = reverse("evaluation:answer", kwargs={"code": link.code})
    response = client.post(url, {"rating": rating})
    assert response.status_code == 200
    assert "Choose one of the five faces" in response.content.decode()
    assert FeedbackAnswer.objects.count() == 0


def test_the_service_refuses_an_out_of_range_rating(link):
    from django.core.exceptions import ValidationError

    for bad in (0, 6, None, "x"):
        with pytest.raises(ValidationError) as error:
            services.answer_submit(link=link, rating=bad)
        assert "rating" in error.value.message_dict
    assert FeedbackAnswer.objects.count() == 0


def test_a_closed_feedback_takes_no_answers(client, world, link):
    services.link_set_open(actor=world.coordinator, link=link, is_open=False)
    response = client.post(
        reverse("evaluation:answer", kwargs={"code": link.code}), {"rating": "5"}
    )
    assert response.status_code == 409
    assert "closed" in response.content.decode()
    assert FeedbackAnswer.objects.count() == 0


def test_one_answer_per_personal_link(client, world):
    link = services.link_create(
        actor=world.coordinator,
        network=world.network,
        activity=events_activity(world),
        one_per_link=True,
    )
    shared = client.post(reverse("evaluation:answer", kwargs={"code": link.code}), {"rating": "5"})
    assert shared.status_code == 409
    assert FeedbackAnswer.objects.count() == 0
    token = services.tokens_create(actor=world.coordinator, link=link, count=2)[0]
    url = reverse("evaluation:answer_token", kwargs={"code": link.code, "token": token.token})
    assert client.post(url, {"rating": "5"}).status_code == 302
    again = client.post(url, {"rating": "1"})
    assert again.status_code == 409
    assert "already been used" in again.content.decode()
    assert list(FeedbackAnswer.objects.values_list("rating", flat=True)) == [5]
    # The answer does not say which link it came through.
    assert not any(f.name == "token" for f in FeedbackAnswer._meta.get_fields())
    bogus = reverse("evaluation:answer_token", kwargs={"code": link.code, "token": "x" * 22})
    assert client.get(bogus).status_code == 404


@override_settings(
    VERSO_RATE_LIMITS={"feedback_answer": "2/m", "password_reset": "5/15m", "otp_verify": "10/5m"}
)
def test_anonymous_answers_are_rate_limited(client, link):
    url = reverse("evaluation:answer", kwargs={"code": link.code})
    assert client.post(url, {"rating": "5"}).status_code == 302
    assert client.post(url, {"rating": "5"}).status_code == 302
    assert client.post(url, {"rating": "5"}).status_code == 429
    assert FeedbackAnswer.objects.count() == 2


def test_staff_enter_paper_answers_marked_as_such(client, world, link):
    client.force_login(world.group)
    url = reverse("evaluation:paper", args=[world.network.pk, link.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"rating": "3", "text": "ok"}).status_code == 302
    assert client.post(url, {"rating": "9"}).status_code == 200
    answer = FeedbackAnswer.objects.get()
    assert answer.on_paper and answer.rating == 3
    assert AuditEntry.objects.filter(action="feedback_answer.paper").count() == 1
    client.force_login(world.professional)
    assert client.post(url, {"rating": "3"}).status_code == 403
    assert FeedbackAnswer.objects.count() == 1


def test_a_group_of_four_is_hidden_and_a_small_cell_too(client, world, link):
    _answers(link, [5, 5, 4, 4])
    res = selectors.link_results(link)
    assert res.suppressed and res.mean is None and res.cells == []
    client.force_login(world.group)
    body = client.get(reverse("evaluation:results", args=[world.network.pk, link.pk])).content
    assert b"Fewer than 5 answers" in body
    assert b"Mean" not in body
    _answers(link, [5, 5, 5, 1])  # 8: five 5s, two 4s, one 1
    res = selectors.link_results(link)
    assert not res.suppressed and res.n == 8
    counts = {c.rating: c.count for c in res.cells}
    assert counts == {1: None, 2: 0, 3: 0, 4: None, 5: 5}
    assert res.mean == round((5 * 5 + 4 * 2 + 1) / 8, 2)


def test_results_page_shows_chart_table_and_words_only_to_the_group(client, world, link):
    _answers(link, [5, 5, 5, 5, 5, 4, 4, 4, 4, 4], text="Great day")
    url = reverse("evaluation:results", args=[world.network.pk, link.pk])
    client.force_login(world.group)
    body = client.get(url).content.decode()
    assert "<svg" in body and "<table>" in body and "Great day" in body
    assert "4.5" in body
    client.force_login(world.professional)
    body = client.get(url).content.decode()
    assert "<svg" in body and "Great day" not in body


def test_exports_read_back_and_keep_suppression(client, world, link):
    from openpyxl import load_workbook

    _answers(link, [5] * 6 + [4] * 5 + [1])
    client.force_login(world.group)
    base = [world.network.pk, link.pk]
    csv_body = client.get(reverse("evaluation:export", args=[*base, "csv"])).content.decode()
    rows = list(csv.reader(io.StringIO(csv_body)))
    assert ["5 Very good", "6", "50.0"] in rows
    assert any(r[0] == "1 Very bad" and r[1].startswith("under 5") for r in rows)
    xlsx = client.get(reverse("evaluation:export", args=[*base, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["4 Good", 5, 41.7] in values
    assert ["All answers", 12, 100] in values
    pdf = client.get(reverse("evaluation:export", args=[*base, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("evaluation:export", args=[*base, "doc"])).status_code == 404


def test_exports_of_a_small_group_hold_no_counts(client, world, link):
    from openpyxl import load_workbook

    _answers(link, [5, 4, 3])
    client.force_login(world.group)
    xlsx = client.get(reverse("evaluation:export", args=[world.network.pk, link.pk, "xlsx"]))
    values = [
        [c.value for c in row] for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows()
    ]
    assert values[-1][0] == "All answers" and str(values[-1][1]).startswith("under 5")
    assert 3 not in [v for row in values for v in row]


def test_the_show_page_has_a_qr_code_and_the_short_link(client, world, link):
    client.force_login(world.group)
    body = client.get(reverse("evaluation:show", args=[world.network.pk, link.pk])).content.decode()
    assert "data:image/svg+xml" in body and f"/f/{link.code}/" in body
    png = client.get(reverse("evaluation:qr_png", args=[world.network.pk, link.pk]))
    assert png["Content-Type"] == "image/png" and png.content[:4] == b"\x89PNG"


def test_making_a_link_and_personal_links_through_the_pages(client, world):
    activity = events_activity(world)
    client.force_login(world.group)
    url = reverse("evaluation:link_create", args=[world.network.pk])
    assert client.post(url, {"target": "a999999"}).status_code == 200
    assert client.post(url, {"target": f"a{activity.pk}", "one_per_link": "on"}).status_code == 302
    link = activity and selectors.links_for_network(world.network).get()
    assert link.one_per_link
    tokens = reverse("evaluation:tokens", args=[world.network.pk, link.pk])
    assert client.post(tokens, {"count": "0"}).status_code == 200
    assert client.post(tokens, {"count": "501"}).status_code == 200
    assert client.post(tokens, {"count": "3"}).status_code == 302
    assert FeedbackToken.objects.filter(link=link).count() == 3
    assert client.get(tokens).content.decode().count(f"/f/{link.code}/") == 3


def test_another_networks_link_answers_404(client, world, link):
    from verso.networks.services import network_create

    other = network_create(actor=world.outsider, name="Other", municipality="M", goal="G")
    client.force_login(world.outsider)
    assert client.get(reverse("evaluation:results", args=[other.pk, link.pk])).status_code == 404
    client.force_login(world.group)
    assert (
        client.get(reverse("evaluation:results", args=[world.network.pk, 999999])).status_code
        == 404
    )


def test_the_network_page_has_a_pinned_query_budget(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.group)
    url = reverse("evaluation:index", args=[world.network.pk])
    link = services.link_create(
        actor=world.coordinator, network=world.network, activity=events_activity(world)
    )
    _answers(link, [5, 4])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    _answers(link, [3] * 60)
    for i in range(3):
        services.evaluation_create(
            actor=world.coordinator,
            network=world.network,
            goal_met="yes",
            worked=f"W{i}",
            decision="change",
        )
    with django_assert_max_num_queries(12):
        large = count()
    assert large == small


def test_the_results_page_has_a_pinned_query_budget(
    client, world, link, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.group)
    url = reverse("evaluation:results", args=[world.network.pk, link.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _answers(link, [5] * 5, text="x")
    small = count()
    _answers(link, [4] * 80, text="y")
    with django_assert_max_num_queries(10):
        large = count()
    assert large == small


def test_feedback_on_a_meeting(client, world):
    from verso.meetings.tests.factories import matrix_object

    meeting = matrix_object(world, "meeting")
    client.force_login(world.group)
    url = reverse("evaluation:link_create", args=[world.network.pk])
    assert f'value="m{meeting.pk}"' in client.get(url).content.decode()
    assert client.post(url, {"target": f"m{meeting.pk}"}).status_code == 302
    link = selectors.links_for_network(world.network).get()
    assert (link.meeting, link.activity, link.title) == (meeting, None, meeting.title)
    client.logout()
    answer = reverse("evaluation:answer", kwargs={"code": link.code})
    assert client.post(answer, {"rating": "5"}).status_code == 302
    assert FeedbackAnswer.objects.get().link == link
    # Asking again gives the same link.
    again = services.link_create(actor=world.coordinator, network=world.network, meeting=meeting)
    assert again == link
