"""The events part of the demo: the summer-oasis pop-up with sign-ups, and a nature-photo
exhibition with works from three units and a public gallery. Fictional people only."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from verso.events import services
from verso.events.models import Activity, ActivityStatus, ActivityType, Place, Setting
from verso.networks.choices import TargetGroup
from verso.networks.models import Network, Organisation, Person
from verso.plans.demo import DEMO_PLAN
from verso.plans.models import Plan

POP_UP = "Kesäkeitaan pop-up kirjaston pihalla"
EXHIBITION = "Meidän luontomme – luontokuvanäyttely"


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _photo(seed: int) -> SimpleUploadedFile:
    """A small generated landscape: sky, hills, water and a sun."""
    from PIL import Image, ImageDraw

    width, height = 640, 427
    image = Image.new("RGB", (width, height), (135, 190 - seed * 10, 235))
    draw = ImageDraw.Draw(image)
    draw.ellipse((440 - seed * 60, 40, 520 - seed * 60, 120), fill=(255, 214, 90))
    draw.polygon(
        [
            (0, 260),
            (180, 150 + seed * 15),
            (360, 250),
            (520, 170),
            (640, 240),
            (640, 320),
            (0, 320),
        ],
        fill=(46, 110 + seed * 20, 60),
    )
    draw.rectangle((0, 320, width, height), fill=(40, 90, 150 - seed * 10))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return SimpleUploadedFile(f"kuva-{seed}.jpg", out.getvalue(), content_type="image/jpeg")


def _privacy_notice() -> None:
    """Consents are recorded under the privacy notice; the data migration publishes version 1,
    but a database flushed by a test has none: publish it again with the migration's code."""
    import importlib

    from django.apps import apps

    from verso.privacy.services import privacy_notice_current

    if privacy_notice_current() is None:
        importlib.import_module("verso.privacy.migrations.0002_privacy_notice_v1").publish(
            apps, None
        )


def _link_demo_plan(network: Network) -> None:
    """The pop-up realises the demo's preliminary plan (also in a demo seeded before the
    activity → plan link existed)."""
    plan = Plan.objects.filter(network=network, title=DEMO_PLAN).first()
    pop_up = Activity.objects.filter(network=network, title=POP_UP, plan__isnull=True).first()
    if plan is None or pop_up is None:
        return
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(email="koordinaattori@verso.example")
    services.activity_update(actor=coordinator, activity=pop_up, plan=plan)


def seed() -> None:
    network = Network.objects.filter(name="Kuusamon kesäkeidas").first()
    if network is None:
        return
    if Activity.objects.filter(network=network, title=POP_UP).exists():
        _link_demo_plan(network)
        return
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(email="koordinaattori@verso.example")
    orgs = {o.name: o for o in Organisation.objects.all()}
    yard = Place.objects.filter(
        network=network, name="Kirjaston piha"
    ).first() or services.place_create(
        actor=coordinator,
        network=network,
        name="Kirjaston piha",
        address="Kirjastotie 1",
        postal_code="93600",
        municipality="Kuusamo",
        latitude=65.9650,
        longitude=29.1880,
        setting=Setting.OUTDOOR,
        step_free=True,
        accessible_toilet=True,
        seating=True,
        parking=True,
        transport_distance_m=150,
        safety_notes="Ulkona: pukeudu sään mukaan. Sateella olemme kirjaston aulassa.",
        languages=["fi", "sv"],
    )
    hall = services.place_create(
        actor=coordinator,
        network=network,
        name="Kirjaston näyttelytila",
        address="Kirjastotie 1",
        postal_code="93600",
        municipality="Kuusamo",
        setting=Setting.INDOOR,
        step_free=True,
        accessible_toilet=True,
        hearing_loop=True,
        seating=True,
        sensory_friendly=True,
        transport_distance_m=150,
        languages=["fi"],
    )
    pop_up = services.activity_create(
        actor=coordinator,
        network=network,
        organisers=[orgs["Kesäkeidas-hanke"], orgs["Kuusamon kaupunginkirjasto"]],
        type=ActivityType.POP_UP,
        status=ActivityStatus.PUBLISHED,
        language="fi",
        title=POP_UP,
        description=(
            "Tule maalaamaan koristekiviä, istuttamaan yrttejä ja tekemään kesämattoa yhdessä. "
            "Voit osallistua tai tulla vain katsomaan. Kahvi ja mehu tarjolla. Maksuton."
        ),
        translations={
            "sv": {
                "title": "Sommaroasens pop-up på bibliotekets gård",
                "description": "Kom och måla stenar, plantera örter och väv en sommarmatta "
                "tillsammans. Du kan delta eller bara titta på. Gratis.",
            }
        },
        target_groups=[TargetGroup.RESIDENTS, TargetGroup.CHILDREN, TargetGroup.OLDER_PEOPLE],
        place=yard,
        starts_at=_at(14, 12),
        ends_at=_at(14, 15),
        signup_enabled=True,
        capacity=10,
        waitlist_capacity=5,
        group_limit=4,
    )
    signups = [
        ("Liisa", "liisa@esimerkki.invalid", 1, ""),
        ("Matti M.", "matti@esimerkki.invalid", 1, "Tarvitsen tuolin."),
        ("Sirpa", "sirpa@esimerkki.invalid", 1, ""),
        ("Kalle", "kalle@esimerkki.invalid", 1, ""),
        ("Ryhmä Päiväkoti Mustikka", "mustikka@esimerkki.invalid", 4, ""),
        ("Anja", "anja@esimerkki.invalid", 1, "Pyörätuoli."),
        ("Eetu", "eetu@esimerkki.invalid", 1, ""),
        ("Helmi", "helmi@esimerkki.invalid", 1, ""),  # the waiting list
    ]
    for name, email, size, needs in signups:
        services.signup_create(
            activity=pop_up, name=name, email=email, group_size=size, access_needs=needs
        )
    services.signup_create(activity=pop_up, name="Voitto", phone="040 000 0000", kind="follow")
    _link_demo_plan(network)

    exhibition = services.activity_create(
        actor=coordinator,
        network=network,
        organisers=[orgs["Luontoon yhdessä -hanke"], orgs["Kuusamon kaupunginkirjasto"]],
        type=ActivityType.PHOTO_EXHIBITION,
        status=ActivityStatus.PUBLISHED,
        language="fi",
        title=EXHIBITION,
        description=(
            "Työyhteisöt valitsivat asiakkaidensa kanssa 2–3 luontokuvaa. Näyttely on esillä "
            "kirjaston näyttelytilassa koko kesän."
        ),
        place=hall,
        starts_at=_at(7, 10),
        ends_at=_at(60, 18),
        is_exhibition=True,
        works_per_community=3,
    )
    _privacy_notice()
    people = {p.display_name: p for p in Person.objects.filter(memberships__network=network)}
    works = [
        (
            "Sosiaalisen kuntoutuksen ryhmä",
            "Tapsa",
            "Aamu Kitkajoella",
            "Aamuaurinko nousee metsäisen mäen takaa, edessä tyyni järvi.",
            True,
        ),
        (
            "Sosiaalisen kuntoutuksen ryhmä",
            "Riikka",
            "Sininen hetki",
            "Sininen taivas, vihreät kukkulat ja järven ranta illalla.",
            True,
        ),
        (
            "Päiväkoti Mustikka",
            "Pekka Päiväkoti",
            "Mustikkametsä",
            "Vihreä metsänreuna ja aurinko korkealla kirkkaalla taivaalla.",
            True,
        ),
        (
            "Nuorten työpaja Verstas",
            "Oskari",
            "Tunturin takaa",
            "Aurinko paistaa tunturin yllä, alhaalla sininen vesi.",
            False,
        ),
        (
            "Nuorten työpaja Verstas",
            "Jussi Työpajaohjaaja",
            "Kesäilta",
            "Keltainen aurinko, vihreä rinne ja tumma järvi kesäillassa.",
            True,
        ),
    ]
    for i, (community, creator, title, alt, accept) in enumerate(works):
        work = services.work_submit(
            actor=coordinator,
            activity=exhibition,
            community=orgs[community],
            title=title,
            alt_text=alt,
            image=_photo(i),
            creator=people[creator],
            credit="nickname",
            credit_text=creator.split()[0],
            creator_consents=True,
        )
        services.work_curate(
            actor=coordinator,
            work=work,
            accept=accept,
            note="" if accept else "Kuva on liian samankaltainen kuin toinen valittu kuva.",
        )
