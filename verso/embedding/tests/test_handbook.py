from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from verso.core.models import AuditEntry
from verso.embedding.handbook import network_handbook
from verso.embedding.models import HANDBOOK_TEXT_MAX, HandbookText
from verso.embedding.tests.factories import SampleMethod, evaluation_done, make_link
from verso.plans.services import plan_create

pytestmark = pytest.mark.django_db
SECTIONS = [
    "Basic information",
    "The idea of the solution",
    "Conditions for working and adoption",
    "Operating environment",
    "Development path",
    "Starting point",
    "Needs",
    "Co-development",
    "Targeted change",
    "Measuring the change",
]


def _with_contracts():
    return (
        mock.patch(
            "verso.evaluation.selectors.network_evaluation_facts", return_value=evaluation_done()
        ),
        mock.patch(
            "verso.methods.selectors.methods_used_in_network", return_value=[SampleMethod()]
        ),
    )


def test_the_handbook_page_has_the_innokyla_sections_generated_and_written_marked(client, world):
    plan_create(
        actor=world.coordinator,
        network=world.network,
        title="Plan",
        need="Lonely young people need places to meet.",
        evaluation="A smiley survey after each meeting.",
    )
    make_link(world)
    client.force_login(world.coordinator)
    client.post(
        reverse("embedding:handbook_edit", args=[world.network.pk, "idea"]),
        {"text": "We meet in nature and make things together."},
    )
    assert AuditEntry.objects.filter(action="embedding.handbook_text").exists()
    evaluation, methods = _with_contracts()
    with evaluation, methods:
        body = client.get(reverse("embedding:handbook", args=[world.network.pk])).content.decode()
    for title in SECTIONS:
        assert title in body
    assert (
        "Generated from the network’s data" in body
        or "Generated from the network" in body
        and "Written by the coordinator" in body
    )
    assert "We meet in nature and make things together." in body
    assert "Lonely young people need places to meet." in body
    assert "Walking together in the forest opened the conversation." in body  # evaluation
    assert "Forest walk (Nature-based)" in body and "/methods/1/" in body  # methods
    assert "https://kunta.example/hyte" in body


def test_the_handbook_as_markdown_and_pdf(client, world):
    client.force_login(world.professional)
    md = client.get(reverse("embedding:handbook_markdown", args=[world.network.pk]))
    assert md["Content-Type"].startswith("text/markdown")
    text = md.content.decode()
    assert text.startswith("# Summer oasis")
    assert "## Development path" in text and "### Measuring the change" in text
    assert "**Generated from the network's data**" in text
    pdf = client.get(reverse("embedding:handbook_pdf", args=[world.network.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_written_text_over_the_limit_is_refused(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        reverse("embedding:handbook_edit", args=[world.network.pk, "needs"]),
        {"text": "x" * (HANDBOOK_TEXT_MAX + 1)},
    )
    assert response.status_code == 200 and response.context["form"].errors["text"]
    assert not HandbookText.objects.exists()
    assert (
        client.get(reverse("embedding:handbook_edit", args=[world.network.pk, "nope"])).status_code
        == 404
    )


def test_the_handbook_reads_a_fixed_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from verso.embedding.tests.test_checklist import _grow

    _grow(world, 2)
    cache.clear()  # counted cold: the evaluation facts are cached
    with CaptureQueriesContext(connection) as ctx:
        network_handbook(world.network)
    small = len(ctx.captured_queries)
    _grow(world, 12)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        network_handbook(world.network)
    assert len(ctx.captured_queries) == small
