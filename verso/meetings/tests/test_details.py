import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from verso.meetings import services
from verso.meetings.models import Invitation, Material
from verso.meetings.tests.factories import make_meeting
from verso.networks import services as network_services
from verso.networks.choices import Role

pytestmark = pytest.mark.django_db


def test_materials_are_files_through_the_upload_rules_or_http_links(client, world):
    meeting = make_meeting(world)
    client.force_login(world.coordinator)
    url = reverse("meetings:material_add", args=[world.network.pk, meeting.pk])
    pdf = SimpleUploadedFile("ohjelma.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert client.post(url, {"title": "Programme", "file": pdf}).status_code == 302
    svg = SimpleUploadedFile("x.svg", b"<svg onload=alert(1)>", content_type="image/svg+xml")
    response = client.post(url, {"title": "Bad", "file": svg})
    assert response.status_code == 200 and "file" in response.context["form"].errors
    response = client.post(url, {"title": "Link", "url": "javascript:alert(1)"})
    assert "url" in response.context["form"].errors
    assert client.post(url, {"url": "https://example.fi/slides"}).status_code == 302
    assert Material.objects.filter(meeting=meeting).count() == 2

    material = Material.objects.exclude(file="").get()
    client.force_login(world.client)  # invited? not yet: a client sees only their meetings
    file_url = reverse("meetings:material", args=[world.network.pk, meeting.pk, material.pk])
    assert client.get(file_url).status_code == 404
    client.force_login(world.professional)
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_client_without_e_mail_is_invited_through_the_professional_who_brings_them(
    client, world, django_capture_on_commit_callbacks
):
    tapsa = network_services.membership_add_new_person(
        actor=world.coordinator,
        network=world.network,
        display_name="Tapsa",
        roles=[Role.CLIENT],
        organisation=world.unit,
    )
    meeting = make_meeting(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(actor=world.coordinator, meeting=meeting, people=[tapsa.person])
    invitation = Invitation.objects.get(person=tapsa.person)
    assert invitation.via.user == world.professional
    assert [m.to for m in mail.outbox] == [["professional@test.example"]]
    assert "Tapsa" in mail.outbox[0].body
    # The professional answers for Tapsa; someone else cannot.
    client.force_login(world.group)
    url = reverse("meetings:reply", args=[world.network.pk, meeting.pk])
    response = client.post(url, {"reply": "yes", "invitation": invitation.pk})
    assert response.status_code == 200 and "reply" in response.context["form"].errors
    client.force_login(world.professional)
    page = client.get(reverse("meetings:detail", args=[world.network.pk, meeting.pk]))
    assert "Reply for Tapsa" in page.content.decode()
    response = client.post(
        url, {"reply": "yes", "note": "Comes with me", "invitation": invitation.pk}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.note) == ("yes", "Comes with me")


def test_clients_names_in_replies_are_shown_only_to_the_coordination_group(client, world):
    meeting = make_meeting(world)
    services.invite(
        actor=world.coordinator,
        meeting=meeting,
        people=[world.client.person, world.group.person],
    )
    url = reverse("meetings:detail", args=[world.network.pk, meeting.pk])
    client.force_login(world.professional)
    assert "Cecilia" not in client.get(url).content.decode()
    client.force_login(world.group)
    assert "Cecilia" in client.get(url).content.decode()


def test_a_client_who_owns_an_item_is_named_only_to_the_coordination_group(client, world):
    import datetime

    from django.utils import timezone

    services.action_item_create(
        actor=world.coordinator,
        network=world.network,
        title="Paint the stones",
        owner_person=world.client.person,
        due_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    url = reverse("meetings:tasks", args=[world.network.pk])
    client.force_login(world.professional)
    page = client.get(url).content.decode()
    assert "Paint the stones" in page and "Cecilia" not in page and "a client" in page
    client.force_login(world.group)
    assert "Cecilia" in client.get(url).content.decode()
