"""Objects for the shared test harness (access matrix, bad input, form fuzzing, browser):
one published exhibition with sign-up in the world's network, made once per world."""

from verso.events import services
from verso.events.models import Activity, Place, Signup, Work


def _at(days: int, hour: int):
    import datetime

    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _png():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(out, format="PNG")
    return SimpleUploadedFile("photo.png", out.getvalue(), content_type="image/png")


def events_place(world) -> Place:
    if "_events_place" not in world.__dict__:
        world.__dict__["_events_place"] = services.place_create(
            actor=world.coordinator,
            network=world.network,
            name="Library yard",
            address="Library road 1",
            step_free=True,
            accessible_toilet=True,
            languages=["fi"],
        )
    return world.__dict__["_events_place"]


def events_activity(world) -> Activity:
    if "_events_activity" not in world.__dict__:
        world.__dict__["_events_activity"] = services.activity_create(
            actor=world.coordinator,
            network=world.network,
            organisers=[world.organisation],
            type="photo_exhibition",
            status="published",
            title="Summer oasis exhibition",
            description="Photos of our nature.",
            place=events_place(world),
            starts_at=_at(10, 12),
            ends_at=_at(10, 15),
            signup_enabled=True,
            capacity=10,
            waitlist_capacity=2,
            group_limit=3,
            is_exhibition=True,
        )
    return world.__dict__["_events_activity"]


def events_signup(world) -> Signup:
    if "_events_signup" not in world.__dict__:
        world.__dict__["_events_signup"] = services.signup_create(
            activity=events_activity(world), name="Aino", email="aino@test.example"
        )[0]
    return world.__dict__["_events_signup"]


def events_work(world) -> Work:
    if "_events_work" not in world.__dict__:
        from verso.events.demo import _privacy_notice

        _privacy_notice()  # a transactional test's flush removed the migration's notice
        work = services.work_submit(
            actor=world.coordinator,
            activity=events_activity(world),
            community=world.unit,
            title="Morning",
            alt_text="A lake at sunrise.",
            image=_png(),
            creator=world.client.person,
            credit="nickname",
            credit_text="Cissi",
            creator_consents=True,
        )
        world.__dict__["_events_work"] = services.work_curate(
            actor=world.coordinator, work=work, accept=True
        )
    return world.__dict__["_events_work"]


def events_sign_up_and_work(activity, person, name: str, email: str, phone: str) -> None:
    """The person signed up (by e-mail) for a coming activity and made a work shown in it."""
    services.signup_create(
        activity=activity, name=name, email=email, phone=phone, access_needs=f"{name} needs a chair"
    )
    work = services.work_submit(
        actor=None,
        activity=activity,
        community=Activity.objects.get(pk=activity.pk).organisers.first(),
        title=f"{name}'s lake",
        alt_text=f"A lake photographed by {name}.",
        image=_png(),
        creator=person,
        credit="name",
        credit_text=name,
        creator_consents=True,
    )
    services.work_curate(actor=None, work=work, accept=True)
