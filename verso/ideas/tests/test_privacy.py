import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from verso.ideas import services
from verso.ideas.models import Idea, IdeaStatus
from verso.ideas.subjects import export_ideas
from verso.ideas.tests.factories import make_call
from verso.privacy.retention import retention_run

pytestmark = pytest.mark.django_db


def _idea_with_contact(world):
    return services.idea_submit(
        actor=None,
        call=make_call(world),
        text="A choir",
        proposer_name="Laulaja",
        email="laulaja@example.fi",
        phone="+358 40 123 4567",
        contact_consent=True,
    )


def test_the_proposer_removes_their_contact_details_on_the_follow_page(client, world):
    idea, token = _idea_with_contact(world)
    url = reverse("ideas:follow", args=[token])
    assert "Remove my contact details" in client.get(url).content.decode()
    assert client.post(url, {"action": "remove_contact"}).status_code == 302
    idea.proposer.refresh_from_db()
    assert (idea.proposer.email, idea.proposer.phone) == ("", "")
    assert "Remove my contact details" not in client.get(url).content.decode()


def test_the_coordination_group_sees_consented_contact_details_only(client, world):
    idea, _token = _idea_with_contact(world)
    url = reverse("ideas:detail", args=[world.network.pk, idea.pk])
    client.force_login(world.professional)
    assert "laulaja@example.fi" not in client.get(url).content.decode()
    client.force_login(world.group)
    assert "laulaja@example.fi" in client.get(url).content.decode()


def test_contact_details_are_cleared_a_set_time_after_the_final_answer(world, settings):
    settings.RETENTION_IDEA_CONTACT_DAYS = 30
    idea, _token = _idea_with_contact(world)
    services.idea_triage(
        actor=world.coordinator, idea=idea, status=IdeaStatus.NOT_NOW, reason="Later."
    )
    now = timezone.now()
    assert retention_run(now=now)["idea_contacts"] == 0  # answered just now: kept
    later = now + datetime.timedelta(days=31)
    assert retention_run(now=later, dry_run=True)["idea_contacts"] == 1
    assert retention_run(now=later)["idea_contacts"] == 1
    idea.proposer.refresh_from_db()
    assert idea.proposer.email == "" and idea.proposer.phone == ""
    assert Idea.objects.get(pk=idea.pk).text == "A choir"  # the idea itself stays


def test_the_export_holds_the_persons_ideas(world):
    idea, _token = _idea_with_contact(world)
    data = export_ideas(idea.proposer)
    assert data["ideas"][0]["text"] == "A choir"
    assert data["ideas"][0]["name_given"] == "Laulaja"
