"""Test helpers of the embedding app: data made through the services."""

import datetime

from django.utils import timezone

from verso.embedding import services
from verso.embedding.models import StructureKind
from verso.evaluation.facts import EvaluationFacts


def evaluation_done() -> EvaluationFacts:
    """What the evaluation contract returns once the evaluation app has recorded one."""
    return EvaluationFacts(
        evaluations_done=2,
        last_evaluated_on=datetime.date(2026, 10, 1),
        decisions={"continue": 2},
        feedback_answers=14,
        feedback_mean=4.3,
        lessons=["Walking together in the forest opened the conversation."],
    )


class SampleMethod:
    name = "Forest walk"
    kind_label = "Nature-based"

    def get_absolute_url(self) -> str:
        return "/methods/1/"


def make_link(world, *, kind=StructureKind.WELLBEING_PLAN, url="https://kunta.example/hyte"):
    return services.structure_link_add(
        actor=world.coordinator, network=world.network, kind=kind, title="Wellbeing plan", url=url
    )


def make_communication(world, *, days_ago: int = 3, what: str = "Newsletter on the oasis"):
    return services.communication_add(
        actor=world.coordinator,
        network=world.network,
        what=what,
        channel="newsletter",
        communicated_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        audience="The city's youth services",
    )


def matrix_object(world, name: str):
    """The embedding objects the harness tests name (made once per world)."""
    key = f"_embedding_{name}"
    if key not in world.__dict__:
        if name == "link":
            world.__dict__[key] = make_link(world)
        elif name == "communication":
            world.__dict__[key] = make_communication(world)
        else:  # pragma: no cover - a name the harness does not use
            raise KeyError(name)
    return world.__dict__[key]


def touch_every_embedding_model(world, user, person, name: str) -> None:
    """For the privacy test: the person's account recorded a link, a confirmation and a
    communication naming them; they wrote a handover note and their name is in the
    handbook's written text."""
    network = world.other_network
    services.structure_link_add(
        actor=user, network=network, kind="other", title="Plan", url="https://k.example"
    )
    services.checklist_confirm(
        actor=user, network=network, item="documentation", confirmed=True, note=f"By {name}."
    )
    services.communication_add(
        actor=user,
        network=network,
        what=f"{name} told the paper",
        channel="press",
        communicated_on=timezone.localdate(),
        audience=f"Readers of {name}'s column",
    )
    services.handover_note_write(
        actor=user, network=network, text=f"From {name}.", from_person=person, to_person=None
    )
    services.handbook_text_set(
        actor=user, network=network, section="basic", text=f"{name} started it."
    )
