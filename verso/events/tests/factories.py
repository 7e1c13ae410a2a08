"""Test data made through the services, as the product makes it."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from verso.events import services
from verso.events.models import ActivityStatus, ActivityType


def at(days: float, hour: int = 12) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=int(days))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def place(world, network=None, **fields):
    data = {
        "name": "Library yard",
        "address": "Library road 1",
        "municipality": "Kuusamo",
        "setting": "outdoor",
        "step_free": True,
        "accessible_toilet": True,
        "languages": ["fi"],
        **fields,
    }
    return services.place_create(actor=world.coordinator, network=network or world.network, **data)


def activity(world, network=None, *, organisers=(), **fields):
    data = {
        "type": ActivityType.POP_UP,
        "status": ActivityStatus.PUBLISHED,
        "language": "fi",
        "title": "Summer oasis pop-up",
        "description": "Paint stones and plant herbs together.",
        "starts_at": at(10, 12),
        "ends_at": at(10, 15),
        **fields,
    }
    network = network or world.network
    actor = world.coordinator if network == world.network else world.outsider
    return services.activity_create(actor=actor, network=network, organisers=organisers, **data)


def signup_activity(world, capacity=10, waitlist=5, **fields):
    return activity(
        world,
        **{"signup_enabled": True, "capacity": capacity, "waitlist_capacity": waitlist, **fields},
    )


def signup(act, n: int = 0, **fields):
    data = {"name": f"Person {n}", "email": f"person{n}@test.example", **fields}
    return services.signup_create(activity=act, **data)[0]


def image_file(fmt: str = "JPEG", size=(64, 48), exif: bytes | None = None, name=None):
    image = Image.new("RGB", size, (30, 120, 60))
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif else {}
    image.save(out, format=fmt, **kwargs)
    ext = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[fmt]
    return SimpleUploadedFile(name or f"photo.{ext}", out.getvalue(), content_type=f"image/{ext}")


def exhibition(world, **fields):
    return activity(
        world,
        type=ActivityType.PHOTO_EXHIBITION,
        title="Our nature",
        is_exhibition=True,
        ends_at=at(40, 18),
        **fields,
    )


def work(world, act, *, community=None, title="Morning", **fields):
    data = {
        "actor": world.coordinator,
        "activity": act,
        "community": community or world.unit,
        "title": title,
        "alt_text": "A lake at sunrise.",
        "image": image_file(),
        "creator": world.client.person,
        "credit": "nickname",
        "credit_text": "Cissi",
        "creator_consents": True,
        **fields,
    }
    return services.work_submit(**data)
