import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from verso.core.models import AuditEntry
from verso.ideas import selectors, services
from verso.ideas.models import Idea, IdeaStatus
from verso.ideas.tests.factories import image_bytes, make_call, make_idea, photo_upload
from verso.networks.models import Person
from verso.privacy.models import Consent, Purpose

pytestmark = pytest.mark.django_db


def test_an_idea_to_an_open_call_is_stored_with_a_digest_of_its_follow_token(world):
    idea, token = make_idea(world, text="  Garden  ")
    assert idea.text == "Garden"
    assert idea.status == IdeaStatus.NEW
    assert token not in idea.follow_digest
    assert idea.follow_digest == services.follow_digest(token)
    assert len(token) >= 32
    assert AuditEntry.objects.filter(action="idea.submit", target_id=str(idea.pk)).exists()


def test_an_idea_to_a_closed_call_is_refused(world):
    today = timezone.localdate()
    call = make_call(
        world,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        services.idea_submit(actor=None, call=call, text="Late idea")
    assert "closed" in str(error.value)
    assert not Idea.objects.exists()


def test_an_idea_over_the_length_limit_is_refused_naming_the_field(world):
    call = make_call(world)
    with pytest.raises(ValidationError) as error:
        services.idea_submit(actor=None, call=call, text="x" * 2001)
    assert "text" in error.value.message_dict
    assert not Idea.objects.exists()


def test_contact_details_are_kept_only_with_consent_under_the_consent_records(world):
    call = make_call(world)
    with pytest.raises(ValidationError) as error:
        services.idea_submit(actor=None, call=call, text="Idea", email="a@example.fi")
    assert "contact_consent" in error.value.message_dict
    assert not Person.objects.filter(email="a@example.fi").exists()

    idea, _token = services.idea_submit(
        actor=None,
        call=call,
        text="Idea",
        proposer_name="Mustikka",
        email="a@example.fi",
        contact_consent=True,
    )
    assert idea.proposer.email == "a@example.fi"
    consent = Consent.objects.get(person=idea.proposer)
    assert consent.purpose == Purpose.CONTACT_DETAILS and consent.method == "self"

    services.idea_contact_remove(idea=idea)
    idea.proposer.refresh_from_db()
    assert idea.proposer.email == ""
    assert Consent.objects.get(person=idea.proposer).withdrawn_at is not None


def test_an_assisted_idea_records_who_entered_it(world):
    call = make_call(world)
    idea, _token = services.idea_submit(
        actor=world.professional, call=call, text="Painting", assisted=True
    )
    assert idea.assisted and idea.entered_by == world.professional
    assert idea.proposer is None


def test_a_photo_is_re_encoded_without_its_metadata(world):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera maker
    exif[0x0132] = "2024:01:01 10:00:00"
    data = image_bytes(size=(3000, 1500), exif=exif.tobytes())
    assert b"SecretCam" in data
    idea, _token = make_idea(world, photo=photo_upload("p.jpg", data), photo_alt="A beach.")
    stored = idea.photo.read()
    assert b"SecretCam" not in stored
    with Image.open(BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert max(image.size) == 2000
        assert not image.getexif()


@pytest.mark.parametrize(
    ("name", "data", "alt", "field"),
    [
        ("x.jpg", b"<svg onload=alert(1)>", "A", "photo"),
        ("x.png", b"", "A", "photo"),
        ("big.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024), "A", "photo"),
        ("ok.jpg", None, "", "photo_alt"),
    ],
    ids=["not an image", "empty", "too large", "no alt text"],
)
def test_a_bad_photo_is_refused_naming_the_field_and_nothing_is_stored(
    world, name, data, alt, field
):
    call = make_call(world)
    with pytest.raises(ValidationError) as error:
        services.idea_submit(
            actor=None, call=call, text="Idea", photo=photo_upload(name, data), photo_alt=alt
        )
    assert field in error.value.message_dict
    assert not Idea.objects.exists()


def test_triage_moves_an_idea_on_with_a_reason_and_is_audited(world):
    idea, _token = make_idea(world)
    services.idea_triage(actor=world.group, idea=idea, status=IdeaStatus.UNDER_DISCUSSION)
    idea = services.idea_triage(
        actor=world.coordinator,
        idea=idea,
        status=IdeaStatus.TAKEN_INTO_PLAN,
        reason="Taken into the plan “Summer 2027”.",
    )
    assert idea.status == IdeaStatus.TAKEN_INTO_PLAN
    entry = AuditEntry.objects.filter(action="idea.triage").first()
    assert entry.changes["status"] == ["under_discussion", "taken_into_plan"]


@pytest.mark.parametrize("role", ["professional", "client", "outsider"])
def test_triage_needs_the_coordination_group(world, role):
    idea, _token = make_idea(world)
    with pytest.raises(PermissionDenied):
        services.idea_triage(actor=world.user(role), idea=idea, status=IdeaStatus.UNDER_DISCUSSION)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW


def test_triage_refuses_a_missing_reason_a_wrong_transition_and_a_bad_merge(world):
    idea, _token = make_idea(world)
    other, _token = make_idea(world, call=idea.call)
    with pytest.raises(ValidationError) as error:
        services.idea_triage(actor=world.coordinator, idea=idea, status=IdeaStatus.NOT_NOW)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.idea_triage(actor=world.coordinator, idea=idea, status=IdeaStatus.NEW)
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.idea_triage(
            actor=world.coordinator, idea=idea, status=IdeaStatus.MERGED, reason="Same."
        )
    assert "merged_into" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.idea_triage(
            actor=world.coordinator,
            idea=idea,
            status=IdeaStatus.MERGED,
            reason="Same.",
            merged_into=idea,
        )
    merged = services.idea_triage(
        actor=world.coordinator,
        idea=idea,
        status=IdeaStatus.MERGED,
        reason="Same as the garden idea.",
        merged_into=other,
    )
    assert merged.merged_into == other
    with pytest.raises(ValidationError):  # into an idea that was itself merged
        services.idea_triage(
            actor=world.coordinator,
            idea=other,
            status=IdeaStatus.MERGED,
            reason="Loop.",
            merged_into=idea,
        )


def test_hiding_keeps_the_idea_with_its_reason_and_leaves_the_bank(world):
    idea, _token = make_idea(world)
    assert selectors.network_has_ideas(world.network)
    services.idea_hide(actor=world.group, idea=idea, reason="Advertising.")
    idea.refresh_from_db()
    assert idea.is_hidden and idea.hidden_reason == "Advertising."
    assert not selectors.ideas_for_network(world.network).exists()
    assert not selectors.network_has_ideas(world.network)
    assert AuditEntry.objects.filter(action="idea.hide", changes__reason="Advertising.").exists()
    with pytest.raises(ValidationError):
        services.idea_support(
            actor=world.group, idea=idea, person=Person.objects.get(user=world.group)
        )
    services.idea_unhide(actor=world.coordinator, idea=idea)
    assert selectors.network_has_ideas(world.network)


def test_a_second_support_by_the_same_person_is_refused(world):
    idea, _token = make_idea(world)
    person = Person.objects.get(user=world.client)
    services.idea_support(actor=world.client, idea=idea, person=person)
    with pytest.raises(ValidationError) as error:
        services.idea_support(actor=world.client, idea=idea, person=person)
    assert "support" in error.value.message_dict
    assert selectors.idea_support_count(idea) == 1


def test_a_call_cannot_close_before_it_opens_nor_ask_unknown_groups(world):
    with pytest.raises(ValidationError) as error:
        make_call(
            world,
            opens_on=datetime.date(2030, 1, 2),
            closes_on=datetime.date(2030, 1, 1),
        )
    assert "closes_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_call(world, target_groups=["martians"])
    assert "target_groups" in error.value.message_dict
