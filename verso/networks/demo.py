"""The demo network of the Kuusamo summer-oasis example. Fictional people only."""

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from verso.networks import services
from verso.networks.choices import Competence, Phase, Role, Sector, TargetGroup
from verso.networks.models import Network, Organisation

DEMO_PASSWORD = "verso-demo-2026"  # nosec B105  # the demo's public password, printed by make run
# The demo's coordinators and superuser must use two-factor authentication like anyone in
# those roles; their authenticator key is fixed and public, so the demo can be tried with
# `manage.py demo_code` or any authenticator app. Never use demo data in production.
DEMO_TOTP_KEY_HEX = "5665727361446d6f32666b65792d6e6f742d7365"
DEMO_TWO_FACTOR = [
    "koordinaattori@verso.example",
    "pyorea.poyta@verso.example",
    "admin@verso.example",
]
DEMO_NETWORK = "Kuusamon kesäkeidas"
DEMO_LOGINS = [
    ("koordinaattori@verso.example", "coordinator of Kuusamon kesäkeidas"),
    ("ryhma@verso.example", "coordination group member"),
    ("ammattilainen@verso.example", "professional"),
    ("asiakas@verso.example", "client (social rehabilitation)"),
    ("pyorea.poyta@verso.example", "coordinator of another network (round table)"),
    ("admin@verso.example", "superuser (admin site)"),
]


def _user(email: str, *, superuser: bool = False):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        if superuser:
            user = User.objects.create_superuser(email=email, password=DEMO_PASSWORD)
        else:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
    return user


def _person(user, name: str, competences: list[str], tags: list[str] = ()):
    person = services.person_for_user(user)
    person.display_name = name
    person.competences = competences
    person.competence_tags = list(tags)
    person.save()
    return person


def _org(name: str, sector: str, **kw) -> Organisation:
    org = Organisation.objects.filter(name=name).first()
    return org or services.organisation_create(actor=None, name=name, sector=sector, **kw)


# Later apps (ideas, plans, meetings, events, card…) add their part of the demo: each
# registers, in its AppConfig.ready(), a function that loads its rows on the demo networks
# and does nothing when they are already there. They run in the order of INSTALLED_APPS.
DEMO_SEEDERS: list[Callable[[], None]] = []


def register_demo_seeder(fn: Callable[[], None]) -> Callable[[], None]:
    if fn not in DEMO_SEEDERS:
        DEMO_SEEDERS.append(fn)
    return fn


@transaction.atomic
def seed_demo() -> bool:
    """Load the demo once, then every app's part of it; returns False when the demo network
    was already there (the apps' parts are still added where missing)."""
    loaded = _seed_networks()
    for seeder in DEMO_SEEDERS:
        seeder()
    return loaded


def _seed_networks() -> bool:
    if Network.objects.filter(name=DEMO_NETWORK).exists():
        return False
    today = timezone.localdate()
    season_end = datetime.date(today.year + 1, 9, 30)
    _user("admin@verso.example", superuser=True)

    wellbeing = _org("Kuusamon hyvinvointipalvelut", Sector.SOCIAL_HEALTH, municipality="Kuusamo")
    rehab = _org(
        "Sosiaalisen kuntoutuksen ryhmä",
        Sector.SOCIAL_HEALTH,
        parent=wellbeing,
        municipality="Kuusamo",
    )
    project = _org(
        "Kesäkeidas-hanke",
        Sector.CULTURE,
        is_project=True,
        ends_on=season_end,
        municipality="Kuusamo",
        description="Hanke, joka käynnisti ja koordinoi kesäkeitaan.",
    )
    library = _org("Kuusamon kaupunginkirjasto", Sector.CULTURE, municipality="Kuusamo")
    nature_project = _org(
        "Luontoon yhdessä -hanke",
        Sector.NATURE,
        is_project=True,
        ends_on=season_end,
        municipality="Kuusamo",
    )
    daycare = _org("Päiväkoti Mustikka", Sector.EDUCATION, municipality="Kuusamo")
    nature_daycare = _org("Luontopäiväkoti Kuukkeli", Sector.EDUCATION, municipality="Kuusamo")
    four_h = _org("Kuusamon 4H-yhdistys", Sector.ASSOCIATION, municipality="Kuusamo")
    youth = _org("Nuorten työpaja Verstas", Sector.SPORTS_LEISURE, municipality="Kuusamo")
    company = _org("Kukkakauppa Kielo", Sector.COMPANY, municipality="Kuusamo")

    coordinator = _user("koordinaattori@verso.example")
    _person(coordinator, "Aino Koordinaattori", [Competence.CO_DEVELOPMENT])
    network = services.network_create(
        actor=coordinator,
        organisation=project,
        name=DEMO_NETWORK,
        municipality="Kuusamo",
        goal=(
            "Tuoda kaikenikäiset ja -taustaiset kuusamolaiset yhteen yhteiseen kesäprojektiin ja "
            "jättää kaupunkikuvaan konkreettinen jälki."
        ),
        description=(
            "Yhteinen pienimuotoinen puutarha, kesämattoprojekti, koristekivien maalaus ja uusien "
            "yhteisten hetkien suunnittelu."
        ),
        phase=Phase.CO_DEVELOPMENT,
        target_groups=[
            TargetGroup.SOCIAL_REHABILITATION,
            TargetGroup.DAYCARE,
            TargetGroup.REHABILITEES,
            TargetGroup.CHILDREN,
            TargetGroup.YOUNG_PEOPLE,
            TargetGroup.OLDER_PEOPLE,
            TargetGroup.RESIDENTS,
            TargetGroup.ASSOCIATIONS,
            TargetGroup.COMPANIES,
        ],
    )

    def add(user_or_name, org, roles, competences=(), tags=(), email=""):
        if isinstance(user_or_name, str):
            return services.membership_add_new_person(
                actor=coordinator,
                network=network,
                roles=roles,
                organisation=org,
                display_name=user_or_name,
                email=email,
                competences=competences,
                competence_tags=tags,
            )
        return services.membership_add(
            actor=coordinator,
            network=network,
            person=user_or_name.person,
            roles=roles,
            organisation=org,
        )

    group_user = _user("ryhma@verso.example")
    _person(group_user, "Eero Kirjastonhoitaja", [Competence.CREATIVE_NATURE], ["valokuvaus"])
    add(group_user, library, [Role.COORDINATION_GROUP])
    add(
        "Sanna Sosionomi",
        rehab,
        [Role.COORDINATION_GROUP, Role.UNIT_CONTACT],
        [Competence.SOCIAL_HEALTH],
    )
    add(
        "Mikko Metsäohjaaja",
        nature_project,
        [Role.COORDINATION_GROUP],
        [Competence.CREATIVE_NATURE],
        ["metsämieli", "Green Care"],
    )
    professional = _user("ammattilainen@verso.example")
    _person(professional, "Laura Lastentarhanopettaja", [Competence.GUIDANCE])
    add(professional, daycare, [Role.PROFESSIONAL])
    add("Pekka Päiväkoti", nature_daycare, [Role.PROFESSIONAL], [Competence.CREATIVE_NATURE])
    add("Heli 4H", four_h, [Role.PARTNER])
    add("Jussi Työpajaohjaaja", youth, [Role.PROFESSIONAL], [Competence.GUIDANCE])
    add("Kielo-kauppias", company, [Role.PARTNER])
    client = _user("asiakas@verso.example")
    _person(client, "Marja", [])
    add(client, rehab, [Role.CLIENT])
    add("Tapsa", rehab, [Role.CLIENT])
    add("Riikka", None, [Role.CLIENT, Role.EXPERIENCE_EXPERT])
    add("Oskari", youth, [Role.CLIENT])

    # A second network, for the round table of the model's second example.
    round_table_user = _user("pyorea.poyta@verso.example")
    _person(round_table_user, "Paula Pyöreä", [Competence.GUIDANCE, Competence.CO_DEVELOPMENT])
    services.network_create(
        actor=round_table_user,
        organisation=wellbeing,
        name="Luonto ja luovuus sotessa -pyöreä pöytä",
        municipality="Koillismaa",
        goal=(
            "Tehdä luonto- ja taidelähtöiset menetelmät näkyviksi ja käytetyiksi "
            "hyvinvointipalveluissa."
        ),
        phase=Phase.PLANNING,
        target_groups=[TargetGroup.SOCIAL_HEALTH_SERVICES, TargetGroup.METHOD_PROFESSIONALS],
    )
    for email in DEMO_TWO_FACTOR:
        _demo_device(get_user_model().objects.get(email=email))
    return True


def _demo_device(user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(
        user=user, name="demo", defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True}
    )


def demo_key_base32() -> str:
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode()
