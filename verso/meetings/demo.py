"""Demo rows: a round-table series with minutes and carried action items, and a
co-development workshop with invitations and replies on Kuusamon kesäkeidas."""

import datetime

from django.db import transaction
from django.utils import timezone

from verso.meetings import scheduling, services
from verso.meetings.choices import Kind, Mode, Reply
from verso.meetings.models import ActionItem, Meeting, MeetingSeries
from verso.networks.demo import DEMO_NETWORK
from verso.networks.models import Network, Organisation, Person

ROUND_TABLE = "Luonto ja luovuus sotessa -pyöreä pöytä"
SERIES_TITLE = "Pyöreän pöydän kuukausitapaaminen"
WORKSHOP_TITLE = "Kesäkeitaan yhteiskehittämisen työpaja"


def _first_tuesday(months_back: int) -> datetime.datetime:
    today = timezone.localdate()
    year, month = today.year, today.month - months_back
    while month < 1:
        month += 12
        year -= 1
    day = datetime.date(year, month, 1)
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 0)))


@transaction.atomic
def _round_table() -> None:
    network = Network.objects.filter(name=ROUND_TABLE).first()
    if network is None or MeetingSeries.objects.filter(network=network).exists():
        return
    paula = Person.objects.get(user__email="pyorea.poyta@verso.example")
    actor = paula.user
    wellbeing = Organisation.objects.filter(name="Kuusamon hyvinvointipalvelut").first()
    series = scheduling.series_create(
        actor=actor,
        network=network,
        title=SERIES_TITLE,
        starts_at=_first_tuesday(3),
        rrule="FREQ=MONTHLY;BYDAY=1TU;COUNT=8",
        duration_minutes=90,
        kind=Kind.ROUND_TABLE,
        mode=Mode.HYBRID,
        place="Kuusamon kaupungintalo, kokoushuone Rukatunturi",
        online_url="https://meet.example.fi/pyorea-poyta",
        agenda="1. Kuulumiskierros\n2. Menetelmäesittely\n3. Sovitut tehtävät\n4. Seuraava kerta",
    )
    past = list(series.meetings.filter(ends_at__lt=timezone.now()).order_by("starts_at"))
    for index, meeting in enumerate(past):
        services.attendance_set(
            actor=actor,
            meeting=meeting,
            people=[paula],
            guests=["Vieras Koillismaalta"],
            unnamed_clients=2,
        )
        services.minutes_save(
            actor=actor,
            meeting=meeting,
            notes="Käytiin läpi luontolähtöisten menetelmien kokemuksia palveluissa.",
            decisions=["Kootaan menetelmäkortit yhteen kansioon."] if index == 0 else [],
        )
    last = past[-1] if past else None
    services.action_item_create(
        actor=actor,
        network=network,
        meeting=last,
        owner_person=paula,
        title="Kootaan menetelmäkortit yhteiseen kansioon",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    if wellbeing is not None:
        services.action_item_create(
            actor=actor,
            network=network,
            meeting=last,
            owner_organisation=wellbeing,
            title="Selvitetään luontokuvatyöpajan tilat hyvinvointikeskuksesta",
            due_on=timezone.localdate() + datetime.timedelta(days=20),
        )
    late = services.action_item_create(
        actor=actor,
        network=network,
        meeting=last,
        owner_person=paula,
        title="Lähetetään muistio verkoston jäsenille",
        due_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    # An item that is already late, as the coordinator sees it after a busy month.
    ActionItem.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=3)
    )


@transaction.atomic
def _workshop() -> None:
    network = Network.objects.filter(name=DEMO_NETWORK).first()
    if network is None or Meeting.objects.filter(network=network, title=WORKSHOP_TITLE).exists():
        return
    coordinator = Person.objects.get(user__email="koordinaattori@verso.example")
    actor = coordinator.user
    start = timezone.localtime().replace(hour=13, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=10)
    meeting = services.meeting_create(
        actor=actor,
        network=network,
        title=WORKSHOP_TITLE,
        kind=Kind.WORKSHOP,
        mode=Mode.IN_PERSON,
        place="Kuusamon kaupunginkirjasto, monitoimitila",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        agenda="1. Puutarhan paikka ja aikataulu\n2. Kesämattoprojektin työnjako\n"
        "3. Koristekivet: kuka maalaa, missä ne näkyvät",
    )
    orgs = {o.name: o for o in Organisation.objects.all()}
    invited = services.invite(
        actor=actor,
        meeting=meeting,
        organisations=[
            orgs[n] for n in ("Kuusamon kaupunginkirjasto", "Kuusamon 4H-yhdistys") if n in orgs
        ],
        client_units=[
            o
            for o in Organisation.objects.filter(memberships__network=network).distinct()
            if "kuntoutu" in o.name.lower()
        ][:1],
        language="fi",
    )
    replies = [
        (Reply.YES, ""),
        (Reply.MAYBE, "Tarvitsen pyörätuoliin sopivan kulun."),
        (Reply.YES, "Tulen avustajan kanssa."),
    ]
    for invitation, (reply, note) in zip(invited, replies, strict=False):
        services.reply_set(actor=actor, invitation=invitation, reply=reply, note=note)
    slot = start + datetime.timedelta(days=21)
    scheduling.poll_create(
        actor=actor,
        network=network,
        title="Syksyn arviointityöpaja",
        slots=[slot, slot + datetime.timedelta(days=1), slot + datetime.timedelta(days=2)],
        duration_minutes=120,
        kind=Kind.WORKSHOP,
        mode=Mode.ONLINE,
        online_url="https://meet.example.fi/kesakeidas",
    )


@transaction.atomic
def _link_demo_plan() -> None:
    """The workshop belongs to the demo's preliminary plan (also in a demo seeded before
    meetings could belong to plans). The plans' seeder runs first (INSTALLED_APPS order)."""
    from verso.plans.demo import DEMO_PLAN
    from verso.plans.models import Plan

    network = Network.objects.filter(name=DEMO_NETWORK).first()
    if network is None:
        return
    plan = Plan.objects.filter(network=network, title=DEMO_PLAN).first()
    workshop = Meeting.objects.filter(
        network=network, title=WORKSHOP_TITLE, plan__isnull=True
    ).first()
    if plan is None or workshop is None:
        return
    actor = Person.objects.get(user__email="koordinaattori@verso.example").user
    services.meeting_update(actor=actor, meeting=workshop, plan=plan)


def seed() -> None:
    _round_table()
    _workshop()
    _link_demo_plan()
