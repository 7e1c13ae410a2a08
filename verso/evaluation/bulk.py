"""The evaluation part of the bulk data set (`manage.py seed_bulk`) and its bench page.

At scale 1: one evaluated activity with a feedback link in each of the first 100 bulk
networks, 200,000 feedback answers (100,000 of them on the bench network's activity, the
results page `make bench` measures) and 1,000 coordination-group evaluations. Written with
``bulk_create`` in batches; nothing is written when the rows are already there."""

import datetime

from django.urls import reverse
from django.utils import timezone

from verso.networks.bench import BenchSkip
from verso.networks.bulk import BulkContext

TITLE = "Bulk feedback"
ANSWERS = 200_000
BENCH_ANSWERS = 100_000
LINKS = 100
EVALUATIONS = 1000
WORDS = ["", "", "", "Kiva päivä!", "Lisää tällaisia.", "Liian lyhyt.", "Hyvät eväät."]


def seed(ctx: BulkContext) -> None:
    from verso.evaluation.models import Evaluation, FeedbackAnswer, FeedbackLink
    from verso.events.models import Activity, ActivityStatus, ActivityType

    networks = list(ctx.networks()[: ctx.count(LINKS)])
    if not networks or FeedbackLink.objects.filter(network=networks[0], title=TITLE).exists():
        return
    ends = timezone.now() - datetime.timedelta(days=3)
    activities = ctx.insert(
        Activity,
        (
            Activity(
                network=n,
                type=ActivityType.POP_UP,
                title=TITLE,
                starts_at=ends - datetime.timedelta(hours=3),
                ends_at=ends,
                status=ActivityStatus.PUBLISHED,
                published_at=ends - datetime.timedelta(days=20),
            )
            for n in networks
        ),
        total=len(networks),
        label="evaluated activities",
    )
    links = ctx.insert(
        FeedbackLink,
        (FeedbackLink(network_id=a.network_id, activity=a, title=TITLE) for a in activities),
        total=len(activities),
        label="feedback links",
    )
    total = ctx.count(ANSWERS)
    bench = min(ctx.count(BENCH_ANSWERS), total)
    rng = ctx.rng

    def answers():
        for i in range(total):
            link = links[0] if i < bench or len(links) == 1 else links[1 + i % (len(links) - 1)]
            yield FeedbackAnswer(
                link=link,
                rating=rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 5, 9, 8))[0],
                text=rng.choice(WORDS),
                on_paper=rng.random() < 0.1,
                language=rng.choice(("fi", "fi", "fi", "sv", "en")),
            )

    ctx.insert(FeedbackAnswer, answers(), total=total, label="feedback answers")
    today = timezone.localdate()
    ctx.insert(
        Evaluation,
        (
            Evaluation(
                network_id=networks[i % len(networks)].pk,
                title=TITLE,
                evaluated_on=today - datetime.timedelta(days=i % 365),
                goal_met=rng.choice(("yes", "partly", "no")),
                worked="Yhdessä tekeminen.",
                decision=rng.choice(("continue", "continue", "change", "stop")),
            )
            for i in range(ctx.count(EVALUATIONS))
        ),
        total=ctx.count(EVALUATIONS),
        label="evaluations",
    )


def results_path(world) -> str:
    from verso.evaluation.models import FeedbackLink

    link = FeedbackLink.objects.filter(network_id=world.network_id, title=TITLE).first()
    if link is None:
        raise BenchSkip("no feedback in the bulk data set")
    return reverse("evaluation:results", args=[world.network_id, link.pk])


def register() -> None:
    from verso.networks.bench import register_bench_page
    from verso.networks.bulk import register_bulk_seeder

    register_bulk_seeder(seed)
    register_bench_page("feedback results", results_path)
    register_bench_page(
        "evaluation overview", lambda w: reverse("evaluation:index", args=[w.network_id])
    )
