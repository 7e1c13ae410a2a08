"""Meeting mails go in the language of the recipient's account; the inviter's choice
is for people without one."""

import pytest
from django.core import mail
from django.urls import reverse

from verso.meetings import mail as meeting_mail
from verso.meetings import services
from verso.meetings.choices import MailKind
from verso.meetings.models import Invitation, OutgoingMail
from verso.meetings.tests.factories import make_meeting
from verso.networks import services as network_services
from verso.networks.choices import Role

pytestmark = pytest.mark.django_db


def _speak(user, language):
    user.language = language
    user.save(update_fields=["language"])


def test_a_swedish_speaking_user_gets_a_swedish_invitation_through_the_form(
    client, world, django_capture_on_commit_callbacks
):
    _speak(world.group, "sv")
    _speak(world.professional, "fi")
    meeting = make_meeting(world)
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:invite", args=[world.network.pk, meeting.pk]),
            {
                "people": [
                    world.group.person.pk,
                    world.professional.person.pk,
                    world.client.person.pk,
                ],
                "language": "en",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["group@test.example"].startswith("Inbjudan")
    assert subjects["professional@test.example"].startswith("Kutsu")  # fi, their own
    # an account without a chosen language gets the inviter's choice
    assert subjects["client@test.example"].startswith("Invitation")
    assert Invitation.objects.get(person=world.group.person).language == "sv"


def test_the_inviters_choice_goes_to_a_person_without_an_account(
    world, django_capture_on_commit_callbacks
):
    membership = network_services.membership_add_new_person(
        actor=world.coordinator,
        network=world.network,
        roles=[Role.PROFESSIONAL],
        organisation=world.organisation,
        display_name="Greta",
        email="greta@test.example",
        contact_consent=True,
    )
    meeting = make_meeting(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(
            actor=world.coordinator, meeting=meeting, people=[membership.person], language="sv"
        )
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Inbjudan"]
    assert OutgoingMail.objects.get(to_email="greta@test.example").language == "sv"


def test_a_reminder_follows_a_language_changed_after_the_invitation(
    world, django_capture_on_commit_callbacks
):
    meeting = make_meeting(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(actor=world.coordinator, meeting=meeting, people=[world.group.person])
    _speak(world.group, "en")
    invitation = Invitation.objects.get(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        reminder = meeting_mail.queue_meeting_mail(invitation=invitation, kind=MailKind.REMINDER)
    assert reminder.language == "en"
    assert mail.outbox[-1].subject.startswith("Reminder")
