"""The card's part of the demo: a scheme run by the round-table network, an issuing unit,
two providers with offerings, and issued cards with uses. Fictional people only."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from verso.card import redemption, services
from verso.card.choices import AgeGroup, Gender, LifeSituation, StaffRole
from verso.card.models import Card, CardUse, Offering, Scheme
from verso.events import services as events_services
from verso.events.models import Place, Setting
from verso.networks import demo as network_demo
from verso.networks.models import Network, Organisation
from verso.networks.services import organisation_create, person_for_user

ROUND_TABLE = "Luonto ja luovuus sotessa -pyöreä pöytä"
SCHEME_NAME = "Luonto & Luovuus -kortti Koillismaa"
ISSUER_EMAIL = "myontaja@verso.example"
NATURE_STAFF_EMAIL = "luontotoimija@verso.example"
LIBRARY_STAFF_EMAIL = "ryhma@verso.example"
DEMO_LOGINS = [
    (ISSUER_EMAIL, "card issuer (Sosiaalisen kuntoutuksen ryhmä)"),
    (NATURE_STAFF_EMAIL, "card provider staff (Luontoon yhdessä -hanke)"),
]
TERMS = (
    "Tarjoamme kortin haltijalle ja hänen alle 16-vuotiaille lapsilleen maksuttoman "
    "osallistumisen ilmoittamiimme palveluihin. Kirjaamme jokaisen käytön Versoon. Emme kysy "
    "kortin haltijalta henkilötietoja emmekä tulotietoja."
)


def register_logins() -> None:
    """Add the card's demo logins to the list `seed_demo` prints (at its end)."""
    for login in DEMO_LOGINS:
        if login not in network_demo.DEMO_LOGINS:
            network_demo.DEMO_LOGINS.append(login)


def _user(email: str, name: str):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=network_demo.DEMO_PASSWORD)
    person = person_for_user(user)
    if person.display_name != name:
        person.display_name = name
        person.save(update_fields=["display_name"])
    return user


def _org(name: str, sector: str) -> Organisation:
    org = Organisation.objects.filter(name=name).first()
    return org or organisation_create(actor=None, name=name, sector=sector, municipality="Kuusamo")


LIBRARY_WORKSHOP = "Kirjaston taidetyöpaja"
LIBRARY_PLACE = "Kuusamon kaupunginkirjasto, Pajasali"


def _link_demo_venue(network: Network) -> None:
    """The library's art workshop refers to the library in the network's directory of
    places, so that its page shows the accessibility facts (also in a demo seeded before
    offerings could refer to places)."""
    offering = Offering.objects.filter(
        title_fi=LIBRARY_WORKSHOP, provider__scheme__name=SCHEME_NAME, venue__isnull=True
    ).first()
    if offering is None:
        return
    librarian = get_user_model().objects.get(email=LIBRARY_STAFF_EMAIL)
    admin = get_user_model().objects.filter(email="pyorea.poyta@verso.example").first()
    place = Place.objects.filter(
        network=network, name=LIBRARY_PLACE
    ).first() or events_services.place_create(
        actor=admin,
        network=network,
        name=LIBRARY_PLACE,
        address="Kitkantie 20",
        postal_code="93600",
        municipality="Kuusamo",
        setting=Setting.INDOOR,
        step_free=True,
        accessible_toilet=True,
        hearing_loop=True,
        seating=True,
        parking=True,
        transport_distance_m=200,
        languages=["fi", "sv"],
    )
    services.offering_update(actor=librarian, offering=offering, venue=place)


def seed() -> None:
    network = Network.objects.filter(name=ROUND_TABLE).first()
    if network is None:
        return
    if Scheme.objects.filter(name=SCHEME_NAME).exists():
        _link_demo_venue(network)
        return
    admin = get_user_model().objects.filter(email="pyorea.poyta@verso.example").first()
    rehab = _org("Sosiaalisen kuntoutuksen ryhmä", "social_health")
    library = _org("Kuusamon kaupunginkirjasto", "culture")
    nature = _org("Luontoon yhdessä -hanke", "nature")

    scheme = services.scheme_create(
        actor=admin,
        network=network,
        name=SCHEME_NAME,
        area="Kuusamo ja Taivalkoski",
        validity_days=365,
        max_children=4,
        asks_gender=True,
        terms=TERMS,
    )
    unit = services.issuing_unit_add(actor=admin, scheme=scheme, organisation=rehab)
    library_provider = services.provider_add(actor=admin, scheme=scheme, organisation=library)
    nature_provider = services.provider_add(
        actor=admin, scheme=scheme, organisation=nature, adult_companion_allowed=True
    )
    issuer = _user(ISSUER_EMAIL, "Sari Sosiaaliohjaaja")
    librarian = get_user_model().objects.filter(email=LIBRARY_STAFF_EMAIL).first() or _user(
        LIBRARY_STAFF_EMAIL, "Eero Kirjastonhoitaja"
    )
    guide = _user(NATURE_STAFF_EMAIL, "Ville Vaellusopas")
    services.staff_add(
        actor=admin, scheme=scheme, user=issuer, organisation=rehab, role=StaffRole.ISSUER
    )
    services.staff_add(
        actor=admin, scheme=scheme, user=librarian, organisation=library, role=StaffRole.PROVIDER
    )
    services.staff_add(
        actor=admin, scheme=scheme, user=guide, organisation=nature, role=StaffRole.PROVIDER
    )
    library_provider, nature_provider = (
        services.provider_join(
            actor=user,
            provider=provider,
            terms_version=1,
            contact=person_for_user(user),
            adult_companion_allowed=provider.adult_companion_allowed,
        )
        for provider, user in ((library_provider, librarian), (nature_provider, guide))
    )

    services.offering_create(
        actor=librarian,
        provider=library_provider,
        title_fi=LIBRARY_WORKSHOP,
        title_sv="Bibliotekets konstverkstad",
        title_en="Art workshop at the library",
        description_fi="Maalausta ja kollaaseja ohjaajan kanssa. Välineet saat kirjastolta.",
        description_sv="Målning och collage med en handledare. Biblioteket har materialen.",
        description_en="Painting and collage with an instructor. The library has the materials.",
        place="Kuusamon kaupunginkirjasto, Pajasali",
        address="Kitkantie 20, 93600 Kuusamo",
        schedule="Tiistaisin klo 13–15",
        daily_quota=2,
        booking_needed=False,
    )
    reading = services.offering_create(
        actor=librarian,
        provider=library_provider,
        title_fi="Lukupiiri",
        title_sv="Läscirkel",
        title_en="Reading circle",
        description_fi="Luemme ja keskustelemme rauhassa. Kahvi kuuluu asiaan.",
        place="Kuusamon kaupunginkirjasto",
        schedule="Torstaisin klo 17–18.30",
    )
    hike = services.offering_create(
        actor=guide,
        provider=nature_provider,
        title_fi="Opastettu metsämieliretki",
        title_sv="Guidad skogsvandring",
        title_en="Guided mindful forest walk",
        description_fi="Rauhallinen kävely metsässä ja pysähtymisen harjoituksia.",
        description_sv="En lugn promenad i skogen med övningar i att stanna upp.",
        description_en="A calm walk in the forest with exercises in slowing down.",
        place="Kuusamon Kuntorinne, lähtö parkkipaikalta",
        schedule="Lauantaisin klo 10–12, touko–syyskuu",
        booking_needed=True,
        booking_info="Ilmoittaudu edellisenä päivänä, puh. 040 000 0000.",
    )

    rng = random.Random(11)  # noqa: S311  # nosec B311  # demo data, not a secret
    today = timezone.localdate()
    ages = [
        AgeGroup.FROM_18,
        AgeGroup.FROM_30,
        AgeGroup.FROM_30,
        AgeGroup.FROM_45,
        AgeGroup.FROM_65,
    ]
    situations = [
        LifeSituation.UNEMPLOYED,
        LifeSituation.UNEMPLOYED,
        LifeSituation.REHABILITATION,
        LifeSituation.MENTAL_HEALTH,
        LifeSituation.FAMILY,
        LifeSituation.RETIRED,
    ]
    for i in range(36):
        issued = redemption.card_issue(
            actor=issuer,
            scheme=scheme,
            unit=unit,
            age_group=rng.choice(ages),
            gender=rng.choice([Gender.WOMAN, Gender.MAN, Gender.WOMAN, ""]),
            life_situation=rng.choice(situations),
        )
        months_ago = i % 4 + 1
        issued_on = today - datetime.timedelta(days=30 * months_ago + 5)
        Card.objects.filter(pk=issued.card.pk).update(
            issued_at=timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(10))),
            valid_until=issued_on + datetime.timedelta(days=365),
        )
        if i % 5 == 4:
            continue  # a card not used yet
        for _n in range(rng.randint(1, 3)):
            provider, offering, staff = rng.choice(
                [(nature_provider, hike, guide), (library_provider, reading, librarian)]
            )
            use, _new = redemption.card_redeem(
                actor=staff,
                provider=provider,
                code=issued.code,
                offering=offering,
                children=rng.choice([0, 0, 0, 1, 2]),
                adults=rng.choice([0, 1]) if provider.adult_companion_allowed else 0,
            )
            used_on = issued_on + datetime.timedelta(days=rng.randint(3, 25))
            CardUse.objects.filter(pk=use.pk).update(
                used_on=used_on,
                used_at=timezone.make_aware(datetime.datetime.combine(used_on, datetime.time(11))),
            )
    # The walk's daily places come after the history above (moved back in time), which
    # would otherwise have counted against today's quota.
    services.offering_update(actor=guide, offering=hike, daily_quota=12)
    _link_demo_venue(network)
