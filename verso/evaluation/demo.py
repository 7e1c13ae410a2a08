"""The evaluation part of the demo: a past pop-up of the summer oasis with 30 answers from
phones and 5 typed in from paper, and the coordination group's evaluation of it, whose next
step is a task of the network. Fictional people and words only."""

import datetime

from django.utils import timezone

from verso.evaluation import services
from verso.evaluation.models import FeedbackLink
from verso.networks.models import Network

ACTIVITY = "Kesäkeitaan piknik kirjaston pihalla"
# 30 phone answers: the faces (1–5) and some words.
PHONE = [5] * 12 + [4] * 10 + [3] * 5 + [2] * 2 + [1]
WORDS = {
    0: "Ihana päivä, kiitos! Lisää tällaisia.",
    3: "Musiikki oli parasta.",
    13: "Mukava tavata uusia ihmisiä.",
    22: "Vähän liian kuuma, varjoa olisi tarvittu.",
    27: "Jonotus oli pitkä.",
}
PAPER = [(5, "Kiitos!"), (4, ""), (4, "Hyvät eväät"), (3, ""), (5, "")]
# Pre/post with the sample instrument: a group of 6 (shown) and a group of 4 (hidden).
GROUP_OF_SIX = "Luontoryhmä, syksy"
GROUP_OF_FOUR = "Kädentaitoryhmä, syksy"
SIX = [(2, 4), (3, 4), (2, 3), (3, 5), (2, 4), (3, 4)]
FOUR = [(3, 4), (2, 4), (3, 3), (2, 5)]


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def seed() -> None:
    from django.contrib.auth import get_user_model

    from verso.events.models import Activity, ActivityStatus, ActivityType
    from verso.meetings.services import network_people

    network = Network.objects.filter(name="Kuusamon kesäkeidas").first()
    if network is None or FeedbackLink.objects.filter(network=network, title=ACTIVITY).exists():
        return
    coordinator = get_user_model().objects.get(email="koordinaattori@verso.example")
    activity = Activity.objects.filter(network=network, title=ACTIVITY).first()
    if activity is None:
        activity = Activity.objects.create(
            network=network,
            type=ActivityType.POP_UP,
            title=ACTIVITY,
            description="Piknik, musiikkia ja pihapelejä kaikenikäisille.",
            starts_at=_at(-10, 12),
            ends_at=_at(-10, 15),
            status=ActivityStatus.PUBLISHED,
            published_at=_at(-30, 9),
            realised_taking_part=46,
            realised_following=12,
            outcome_recorded_at=_at(-9, 10),
        )
    link = services.link_create(actor=coordinator, network=network, activity=activity)
    for i, rating in enumerate(PHONE):
        services.answer_submit(
            link=link, rating=rating, text=WORDS.get(i, ""), language="fi" if i % 6 else "sv"
        )
    for rating, text in PAPER:
        services.answer_submit(
            link=link, rating=rating, text=text, on_paper=True, actor=coordinator
        )
    people = network_people(network)
    owner = (
        next((m.person for m in people.values() if m.person.user_id == coordinator.pk), None)
        or next(iter(people.values())).person
    )
    services.evaluation_create(
        actor=coordinator,
        network=network,
        activity=activity,
        evaluated_on=timezone.localdate() - datetime.timedelta(days=7),
        goal_met="yes",
        worked="Piknik toi kirjaston pihalle uusia perheitä; musiikki ja pihapelit kokosivat "
        "eri-ikäiset yhteen.",
        did_not_work="Varjoa oli liian vähän ja ruokajono venyi.",
        participants_said="Palautteen keskiarvo oli hyvä; toiveena lisää tällaisia päiviä.",
        decision="continue",
        next_step="Varataan teltat ja toinen ruokapiste seuraavaan piknikiin",
        owner_person=owner,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    _prepost(network, coordinator)
    _questionnaires(network, coordinator)


QUESTIONNAIRE = "Kesäkeitaan kävijäkysely"
TEMPLATE = "Lyhyt palautekysely"


def _questionnaires(network, coordinator) -> None:
    """An installation-wide template, and the network's questionnaire with 8 answers."""
    from verso.evaluation.models import Questionnaire
    from verso.evaluation.questionnaires import questionnaire_answer, questionnaire_create

    if not Questionnaire.objects.filter(title=TEMPLATE, network__isnull=True).exists():
        questionnaire_create(
            actor=coordinator,
            network=None,
            title=TEMPLATE,
            questions="scale: Millainen kokemus oli?\ntext: Mitä toivoisit ensi kerralla?",
            is_template=True,
        )
    q = questionnaire_create(
        actor=coordinator,
        network=network,
        title=QUESTIONNAIRE,
        intro="Kerro meille, miten kesäkeidas onnistui.",
        questions="scale: Millainen paikka oli?\n"
        "single: Mikä päivä sopii parhaiten? | Arkipäivä | Lauantai | Sunnuntai\n"
        "multiple: Mitä teit? | Maalasin | Kävelin luontopolulla | Kuuntelin musiikkia\n"
        "text: Mitä muuta haluat sanoa?",
    )
    ids = [x.pk for x in q.questions.all()]
    for i in range(8):
        questionnaire_answer(
            questionnaire=q,
            data={
                ids[0]: 5 if i % 3 else 4,
                ids[1]: 2 if i % 4 else 1,
                ids[2]: [1, 3] if i % 2 else [2, 3],
                ids[3]: "Lisää varjoa!" if i == 2 else "",
            },
        )


def _prepost(network, coordinator) -> None:
    from verso.evaluation.instruments import SAMPLE_PATH, import_instrument
    from verso.evaluation.models import Instrument

    instrument = Instrument.objects.filter(key="verso-sample-belonging").first()
    if instrument is None:
        instrument = import_instrument(
            actor=coordinator, content=SAMPLE_PATH.read_bytes(), filename=SAMPLE_PATH.name
        )
    keys = ["welcome", "heard", "useful", "future"]
    for title, pairs in ((GROUP_OF_SIX, SIX), (GROUP_OF_FOUR, FOUR)):
        measurement = services.measurement_create(
            actor=coordinator, network=network, instrument=instrument, title=title
        )
        for i, (pre, post) in enumerate(pairs):
            # The reverse-scored statement is answered the other way round.
            values = {**dict.fromkeys(keys, pre), "alone": 6 - pre - i % 2}
            _r, code = services.instrument_answer(
                measurement=measurement, phase="pre", values=values
            )
            values = {**dict.fromkeys(keys, post), "alone": max(1, 6 - post)}
            services.instrument_answer(
                measurement=measurement, phase="post", values=values, code=code
            )
