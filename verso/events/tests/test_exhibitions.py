"""Exhibitions: works with checked and re-encoded images, consents, the per-community
limit, curation, the public gallery and the withdrawal of a photo consent."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from verso.events.models import Work, WorkStatus
from verso.events.tests.factories import exhibition, image_file, work
from verso.privacy.models import Consent, Purpose
from verso.privacy.services import consent_withdraw

pytestmark = pytest.mark.django_db


def exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (65.0, 57.0, 0.0), 1: "N"}  # GPS
    return exif.tobytes()


def test_a_submitted_image_is_re_encoded_without_metadata(world):
    act = exhibition(world)
    upload = image_file("JPEG", size=(3000, 2000), exif=exif_with_gps())
    assert b"SecretCam" in upload.read()
    upload.seek(0)
    w = work(world, act, image=upload)
    stored = default_storage.open(w.image).read()
    assert b"SecretCam" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and max(image.size) == 2400
        assert not image.getexif()
    assert (w.width, w.height) == (2400, 1600)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(world, fmt):
    act = exhibition(world)
    assert work(world, act, image=image_file(fmt)).image.endswith(".jpg")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg"),
        SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        "gif",
        "bomb",
        "large",
    ],
)
def test_files_that_are_not_acceptable_images_are_refused_and_nothing_is_stored(
    world, settings, upload
):
    act = exhibition(world)
    if upload == "gif":
        upload = image_file("GIF")
    elif upload == "bomb":
        settings.EVENTS_IMAGE_MAX_PIXELS = 10_000
        upload = image_file("PNG", size=(200, 200))
    elif upload == "large":
        settings.EVENTS_IMAGE_MAX_BYTES = 1000
        upload = image_file("PNG", size=(400, 400))
    with pytest.raises(ValidationError) as err:
        work(world, act, image=upload)
    assert "image" in err.value.message_dict
    assert not Work.objects.exists()


def test_a_real_decompression_bomb_is_refused(world):
    act = exhibition(world)
    # A 20000 × 20000 PNG of one colour: a few kilobytes that would unpack to 1.2 GB.
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG")
    upload = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")
    with pytest.raises(ValidationError) as err:
        work(world, act, image=upload)
    assert "too many pixels" in str(err.value)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"alt_text": "  "}, "alt_text"),
        ({"title": ""}, "title"),
        ({"creator_consents": False}, "creator_consents"),
        ({"credit": "name", "credit_text": ""}, "credit_text"),
        ({"credit": "bogus"}, "credit"),
    ],
)
def test_a_work_needs_alt_text_title_credit_and_consent(world, fields, field):
    act = exhibition(world)
    with pytest.raises(ValidationError) as err:
        work(world, act, **fields)
    assert field in err.value.message_dict
    assert not Work.objects.exists()


def test_people_shown_must_agree_and_their_consent_is_recorded(world):
    act = exhibition(world)
    shown = world.professional.person
    with pytest.raises(ValidationError) as err:
        work(world, act, people_shown=[shown])
    assert "people_shown_consent" in err.value.message_dict
    work(world, act, people_shown=[shown], people_shown_consent=True)
    consents = Consent.objects.filter(purpose=Purpose.PHOTOS, withdrawn_at__isnull=True)
    assert set(consents.values_list("person_id", flat=True)) == {
        shown.pk,
        world.client.person.pk,
    }
    assert set(consents.values_list("method", flat=True)) == {"on_behalf"}


def test_each_community_may_send_its_limit_and_no_more(world):
    act = exhibition(world)
    for n in range(3):
        work(world, act, title=f"W{n}")
    with pytest.raises(ValidationError) as err:
        work(world, act, title="One too many")
    assert "community" in err.value.message_dict
    work(world, act, community=world.organisation, title="Another community")
    assert Work.objects.count() == 4


def test_curation_and_the_public_gallery_with_alt_text(client, world):
    act = exhibition(world)
    accepted = work(world, act, title="Morning", alt_text="Sun over a calm lake.")
    declined = work(world, act, title="Blurry", alt_text="A blurred tree.")
    client.force_login(world.group)
    for w, decision in ((accepted, "accept"), (declined, "decline")):
        client.post(
            reverse("events:work_curate", args=[world.network.pk, act.pk, w.pk]),
            {"decision": decision, "note": "ok"},
        )
    client.logout()
    page = client.get(reverse("events:gallery", args=[act.pk])).content.decode()
    assert 'alt="Sun over a calm lake."' in page and "Blurry" not in page
    image = client.get(reverse("events:gallery_image", args=[accepted.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert client.get(reverse("events:gallery_image", args=[declined.pk])).status_code == 404


def test_withdrawing_the_photo_consent_unpublishes_the_work_at_once(client, world):
    from verso.events import services

    act = exhibition(world)
    w = work(world, act)
    services.work_curate(actor=world.coordinator, work=w, accept=True)
    assert client.get(reverse("events:gallery_image", args=[w.pk])).status_code == 200
    consent_withdraw(actor=world.client, person=world.client.person, purpose=Purpose.PHOTOS)
    w.refresh_from_db()
    assert w.status == WorkStatus.WITHDRAWN
    assert client.get(reverse("events:gallery_image", args=[w.pk])).status_code == 404
    assert "Morning" not in client.get(reverse("events:gallery", args=[act.pk])).content.decode()


def test_a_unit_member_submits_a_work_through_the_form(client, world):
    act = exhibition(world)
    client.force_login(world.professional)
    url = reverse("events:work_submit", args=[world.network.pk, act.pk])
    data = {
        "community": world.unit.pk,
        "title": "Lake",
        "alt_text": "A lake.",
        "creator": world.client.person.pk,
        "credit": "anonymous",
        "creator_consents": "on",
    }
    response = client.post(url, {**data, "image": image_file()})
    assert response.status_code == 302, response.context["form"].errors
    assert Work.objects.get().credit == "anonymous"
    missing_alt = client.post(url, {**data, "alt_text": "", "image": image_file()})
    assert "alt_text" in missing_alt.context["form"].errors
    not_image = client.post(
        url, {**data, "image": SimpleUploadedFile("a.jpg", b"%PDF-1.4", content_type="image/jpeg")}
    )
    assert "image" in not_image.context["form"].errors
    assert Work.objects.count() == 1


def test_printable_labels_list_accepted_works(client, world):
    from verso.events import services

    act = exhibition(world)
    w = work(world, act, title="Morning")
    services.work_curate(actor=world.coordinator, work=w, accept=True)
    client.force_login(world.coordinator)
    page = client.get(reverse("events:work_labels", args=[world.network.pk, act.pk]))
    assert "Morning" in page.content.decode() and "Cissi" in page.content.decode()
