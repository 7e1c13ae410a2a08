"""Objects for the shared test harness (access matrix, bad input, form fuzzing, browser):
a feedback link on the world's activity with a few answers, a personal link and the
coordination group's evaluation, made once per world."""

from verso.evaluation import services
from verso.evaluation.models import Evaluation, FeedbackLink, FeedbackToken


def evaluation_link(world) -> FeedbackLink:
    if "_evaluation_link" not in world.__dict__:
        from verso.events.testing import events_activity

        link = services.link_create(
            actor=world.coordinator, network=world.network, activity=events_activity(world)
        )
        for rating in (5, 4, 4, 3, 5, 2):
            services.answer_submit(link=link, rating=rating, text="Nice." if rating == 5 else "")
        world.__dict__["_evaluation_link"] = link
    return world.__dict__["_evaluation_link"]


def evaluation_token(world) -> FeedbackToken:
    if "_evaluation_token" not in world.__dict__:
        link = evaluation_link(world)
        world.__dict__["_evaluation_token"] = services.tokens_create(
            actor=world.coordinator, link=link, count=1
        )[0]
    return world.__dict__["_evaluation_token"]


def evaluation_evaluation(world) -> Evaluation:
    if "_evaluation_evaluation" not in world.__dict__:
        world.__dict__["_evaluation_evaluation"] = services.evaluation_create(
            actor=world.coordinator,
            network=world.network,
            goal_met="yes",
            worked="The music.",
            decision="continue",
        )
    return world.__dict__["_evaluation_evaluation"]


def evaluation_questionnaire(world):
    if "_evaluation_questionnaire" not in world.__dict__:
        from verso.evaluation.questionnaires import questionnaire_create

        world.__dict__["_evaluation_questionnaire"] = questionnaire_create(
            actor=world.coordinator,
            network=world.network,
            title="Autumn questions",
            questions="scale: How was the place?\nsingle: Which day? | Monday | Friday\n"
            "multiple: What did you do? | Painted | Walked\ntext: Anything else?",
        )
    return world.__dict__["_evaluation_questionnaire"]


def evaluation_template(world):
    if "_evaluation_template" not in world.__dict__:
        from verso.evaluation.questionnaires import questionnaire_create

        world.__dict__["_evaluation_template"] = questionnaire_create(
            actor=None,
            network=None,
            title="Verso template",
            questions="scale: How?",
            is_template=True,
        )
    return world.__dict__["_evaluation_template"]
