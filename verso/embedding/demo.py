"""The demo network's embedding: a score with named gaps to close (no link to the wellbeing
plan yet, the committed money in a fixed-term project's budget), a communication log, the
score's history, the coordinator's own text in the handbook and a handover note from the
previous coordinator. Idempotent: each part is added only when missing."""

import datetime

from django.utils import timezone

from verso.embedding import services
from verso.embedding.models import (
    CommunicationEntry,
    HandbookText,
    HandoverNote,
    ScoreSnapshot,
)
from verso.networks.demo import DEMO_NETWORK
from verso.networks.models import Network, Person
from verso.networks.services import network_coordinator

COMMUNICATIONS = [
    (
        200,
        "Kesäkeitaan aloitus: kutsu mukaan suunnittelemaan",
        "newsletter",
        "Kuusamon yhdistykset",
    ),
    (120, "Juttu kesämattoprojektista paikallislehdessä", "press", "Kuusamolaiset"),
    (
        45,
        "Menetelmäesittely hyvinvointipalvelujen tiimipalaverissa",
        "meeting",
        "Sosiaalisen kuntoutuksen ja päivähoidon henkilöstö",
    ),
    (10, "Kutsu avoimeen kesäjuhlaan somessa", "social_media", "Kaikki kuusamolaiset"),
]
HANDBOOK = {
    "idea": (
        "Kesäkeidas tuo asukkaat, asiakkaat ja ammattilaiset tekemään yhdessä jotain "
        "näkyvää: puutarhan, kesämatot ja maalatut kivet. Tekeminen on matalan kynnyksen "
        "tapa kohdata."
    ),
    "starting_point": (
        "Verkosto sai alkunsa Kesäkeidas-hankkeesta, joka kokosi kirjaston, sosiaalisen "
        "kuntoutuksen ja päiväkodit saman pöydän ääreen."
    ),
}
HANDOVER_NOTE = (
    "Tervetuloa koordinaattoriksi! Kirjaston tilavaraukset uusitaan joka kevät maaliskuussa. "
    "Sanna tuntee sosiaalisen kuntoutuksen asiakkaat ja hoitaa yhteydet heihin. "
    "Hankkeen rahoitus päättyy syyskuussa: sovi ajoissa, kenen budjettiin materiaalit siirtyvät."
)


WORKSHOP_TASKS = [
    ("Varaa kirjaston piha puutarhalle", "org", "Kuusamon kaupunginkirjasto"),
    ("Kutsu sosiaalisen kuntoutuksen ryhmä mukaan", "person", "Sanna Sosionomi"),
    ("Suunnittele luontokävely päiväkotilaisille", "person", "Mikko Metsäohjaaja"),
]


def _workshop_tasks(network, actor) -> None:
    """Tasks taken from the coming workshop by three organisations of three sectors: the
    map's ties across sectors (törmäyttäminen)."""
    from verso.meetings.models import ActionItem, Meeting
    from verso.meetings.services import action_item_create
    from verso.networks.models import Organisation

    meeting = Meeting.objects.filter(network=network).order_by("starts_at").first()
    if meeting is None or ActionItem.objects.filter(network=network, meeting=meeting).exists():
        return
    for title, kind, name in WORKSHOP_TASKS:
        owner = (
            {"owner_organisation": Organisation.objects.filter(name=name).first()}
            if kind == "org"
            else {
                "owner_person": Person.objects.filter(
                    display_name=name, memberships__network=network
                ).first()
            }
        )
        if not any(owner.values()):
            continue
        action_item_create(
            actor=actor,
            network=network,
            title=title,
            due_on=timezone.localdate() + datetime.timedelta(days=21),
            meeting=meeting,
            **owner,
        )


def seed() -> None:
    network = Network.objects.filter(name=DEMO_NETWORK).first()
    if network is None:
        return
    coordinator = network_coordinator(network)
    actor = coordinator.person.user if coordinator and coordinator.person.user_id else None
    today = timezone.localdate()
    _workshop_tasks(network, actor)
    if not CommunicationEntry.objects.filter(network=network).exists():
        for days, what, channel, audience in COMMUNICATIONS:
            services.communication_add(
                actor=actor,
                network=network,
                what=what,
                channel=channel,
                communicated_on=today - datetime.timedelta(days=days),
                audience=audience,
            )
    for section, text in HANDBOOK.items():
        if not HandbookText.objects.filter(network=network, section=section).exists():
            services.handbook_text_set(actor=actor, network=network, section=section, text=text)
    if not HandoverNote.objects.filter(network=network).exists() and coordinator:
        previous, _created = Person.objects.get_or_create(display_name="Kaija Edeltäjä")
        note = services.handover_note_write(
            actor=actor,
            network=network,
            text=HANDOVER_NOTE,
            from_person=previous,
            to_person=coordinator.person,
        )
        HandoverNote.objects.filter(pk=note.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=120)
        )
    if not ScoreSnapshot.objects.filter(network=network).exists():
        current = services.score_snapshot_record(network).score
        for months_ago, share in ((5, 0.45), (4, 0.55), (3, 0.6), (2, 0.75), (1, 0.9)):
            ScoreSnapshot.objects.create(
                network=network,
                on=today - datetime.timedelta(days=30 * months_ago),
                score=round(current * share),
                items={},
            )
