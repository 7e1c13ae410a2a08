"""The ideas part of the demo: an open idea call on Kuusamon kesäkeidas with a few ideas in
different states. Fictional people only; idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from verso.ideas import services
from verso.ideas.models import Idea, IdeaCall, IdeaStatus
from verso.networks.choices import TargetGroup
from verso.networks.demo import DEMO_NETWORK
from verso.networks.models import Network
from verso.networks.services import person_for_user

DEMO_CALL_CODE = "kesakeidas"  # short link: /i/kesakeidas/
# The follow link of the demo's anonymous idea: /ideas/follow/<this>/
DEMO_FOLLOW_TOKEN = "demo-seuraa-ideaa-kesakeidas"  # nosec B105  # public demo data


def _user(email: str):
    return get_user_model().objects.filter(email=email).first()


def seed() -> None:
    network = Network.objects.filter(name=DEMO_NETWORK).first()
    coordinator = _user("koordinaattori@verso.example")
    if (
        network is None
        or coordinator is None
        or IdeaCall.objects.filter(code=DEMO_CALL_CODE).exists()
    ):
        return
    group = _user("ryhma@verso.example")
    professional = _user("ammattilainen@verso.example")
    client = _user("asiakas@verso.example")
    today = timezone.localdate()
    call = services.idea_call_create(
        actor=coordinator,
        network=network,
        title="Mitä kesäkeitaassa tehtäisiin?",
        question=(
            "Millaista toimintaa haluaisit kesäkeitaaseen? Kerro oma ideasi: "
            "taidetta, musiikkia, luontoa tai jotain ihan muuta."
        ),
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=60),
        target_groups=[TargetGroup.REHABILITEES, TargetGroup.YOUNG_PEOPLE, TargetGroup.RESIDENTS],
    )
    IdeaCall.objects.filter(pk=call.pk).update(code=DEMO_CALL_CODE)
    call.code = DEMO_CALL_CODE

    garden, _token = services.idea_submit(
        actor=None,
        call=call,
        text=(
            "Yhteinen kasvimaa kirjaston pihalle. Siellä voisi käydä kitkemässä ja "
            "juttelemassa, ja sadon voisi syödä yhdessä syksyllä."
        ),
        proposer_name="Mustikka",
    )
    Idea.objects.filter(pk=garden.pk).update(
        follow_digest=services.follow_digest(DEMO_FOLLOW_TOKEN)
    )
    painting, _token = services.idea_submit(
        actor=professional,
        call=call,
        text="Maalauspiiri kuntouttavan työtoiminnan ryhmälle, ohjaajana paikallinen taiteilija.",
        proposer_name="Tapsa",
        assisted=True,
    )
    walks, _token = services.idea_submit(
        actor=group,
        call=call,
        text="Luontokävelyt Oulangan poluilla kerran viikossa, myös pyörätuolilla kuljettava.",
        proposer=person_for_user(group) if group else None,
    )
    music, _token = services.idea_submit(
        actor=None,
        call=call,
        text="Nuorten bändi-ilta nuorisotalolla kesäkuussa.",
    )
    services.idea_triage(
        actor=coordinator,
        idea=painting,
        status=IdeaStatus.UNDER_DISCUSSION,
        reason="Koordinaatioryhmä selvittää taiteilijan aikatauluja.",
    )
    services.idea_triage(
        actor=coordinator,
        idea=music,
        status=IdeaStatus.NOT_NOW,
        reason="Nuorisotalo on kesäkuussa remontissa. Palataan ideaan syksyllä.",
    )
    for user in (group, professional, client):
        if user is not None:
            services.idea_support(actor=user, idea=garden, person=person_for_user(user))
    if professional is not None:
        services.idea_support(actor=professional, idea=walks, person=person_for_user(professional))
    if group is not None:
        services.idea_comment_add(
            actor=group,
            idea=garden,
            author=person_for_user(group),
            text="Kirjaston piha sopisi hyvin, ja kirjastolla on jo kasvulaatikoita varastossa.",
        )
