"""Queries of the evaluation app. Every figure is counted in the database in one pass
(``aggregate``/``annotate``), and every group or cell under ``EVALUATION_MIN_GROUP``
answers is suppressed here, so pages, exports and the API show the same."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Max, Q, QuerySet

from verso.evaluation.facts import EvaluationFacts
from verso.evaluation.models import (
    RATINGS,
    Decision,
    Evaluation,
    FeedbackAnswer,
    FeedbackLink,
    Rating,
)


def min_group() -> int:
    return int(getattr(settings, "EVALUATION_MIN_GROUP", 5))


@dataclass(frozen=True)
class Cell:
    rating: int
    label: str
    count: int | None  # None: suppressed (1 … min_group − 1 answers)
    share: float | None  # 0–1 of all answers, None when suppressed


@dataclass(frozen=True)
class Results:
    n: int
    suppressed: bool  # the whole group is under the minimum: nothing but that is shown
    mean: float | None
    on_paper: int | None
    cells: list[Cell] = field(default_factory=list)
    min_group: int = 5

    @property
    def shown(self) -> bool:
        return not self.suppressed


def _aggregate_kwargs(prefix: str = "") -> dict:
    kwargs = {
        "n": Count(f"{prefix}id"),
        "mean": Avg(f"{prefix}rating"),
        "paper": Count(f"{prefix}id", filter=Q(**{f"{prefix}on_paper": True})),
    }
    for r in RATINGS:
        kwargs[f"r{r}"] = Count(f"{prefix}id", filter=Q(**{f"{prefix}rating": r}))
    return kwargs


def _suppress(value: int, minimum: int) -> int | None:
    return value if value == 0 or value >= minimum else None


def results_from(row: dict) -> Results:
    """Results of an aggregate row (see ``_aggregate_kwargs``), with suppression."""
    minimum = min_group()
    n = row.get("n") or 0
    if n < minimum:
        return Results(n=n, suppressed=True, mean=None, on_paper=None, min_group=minimum)
    cells = []
    for r in RATINGS:
        count = _suppress(row[f"r{r}"], minimum)
        cells.append(
            Cell(
                rating=r,
                label=str(Rating(r).label),
                count=count,
                share=None if count is None else count / n,
            )
        )
    return Results(
        n=n,
        suppressed=False,
        mean=round(float(row["mean"]), 2),
        on_paper=_suppress(row["paper"], minimum),
        cells=cells,
        min_group=minimum,
    )


def link_results(link: FeedbackLink) -> Results:
    """One query."""
    return results_from(FeedbackAnswer.objects.filter(link=link).aggregate(**_aggregate_kwargs()))


def network_results(network) -> Results:
    """One query over every answer of the network."""
    return results_from(
        FeedbackAnswer.objects.filter(link__network=network).aggregate(**_aggregate_kwargs())
    )


def links_for_network(network) -> QuerySet[FeedbackLink]:
    """The network's feedback collections, each with its answer count and mean (one
    query; the page suppresses small groups with ``results_from`` per row)."""
    return (
        FeedbackLink.objects.filter(network=network)
        .select_related("activity", "meeting")
        .annotate(**_aggregate_kwargs("answers__"))
        .order_by("-created_at", "-id")
    )


def free_texts(link: FeedbackLink, limit: int = 50) -> list[FeedbackAnswer]:
    """The written answers, for the coordination group only (the caller checks), and only
    when the group is large enough that the words are not the only ones."""
    return list(
        FeedbackAnswer.objects.filter(link=link)
        .exclude(text="")
        .only("id", "text", "rating", "on_paper", "created_at", "name")
        .order_by("-created_at")[:limit]
    )


def evaluations_for_network(network) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(network=network).select_related(
        "activity", "meeting", "action_item"
    )


def network_evaluation_facts(network) -> EvaluationFacts:
    """The contract other parts read (see facts.py): three queries, whatever the counts, or
    none while nothing of the evaluation changed (``verso/evaluation/cache.py``)."""
    from verso.evaluation.cache import TIMEOUT, facts_key

    key = facts_key(network.pk, min_group())
    facts = cache.get(key)
    if facts is None:
        facts = _network_evaluation_facts(network)
        cache.set(key, facts, TIMEOUT)
    return facts


def _network_evaluation_facts(network) -> EvaluationFacts:
    decision_counts = {
        f"d_{value}": Count("id", filter=Q(decision=value)) for value in Decision.values
    }
    ev = Evaluation.objects.filter(network=network).aggregate(
        done=Count("id"), last=Max("evaluated_on"), **decision_counts
    )
    fb = FeedbackAnswer.objects.filter(link__network=network).aggregate(
        n=Count("id"), mean=Avg("rating")
    )
    lessons = list(
        Evaluation.objects.filter(network=network)
        .exclude(worked="")
        .order_by("-evaluated_on", "-id")
        .values_list("worked", flat=True)[:5]
    )
    n = fb["n"] or 0
    return EvaluationFacts(
        evaluations_done=ev["done"] or 0,
        last_evaluated_on=ev["last"],
        decisions={value: ev[f"d_{value}"] or 0 for value in Decision.values},
        feedback_answers=n,
        feedback_mean=round(float(fb["mean"]), 2) if n >= min_group() and fb["mean"] else None,
        lessons=lessons,
    )


# Pre/post ---------------------------------------------------------------------------------------

# Two-sided 95 % critical values of Student's t by degrees of freedom (1–30); above, 1.96.
T95 = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
]  # fmt: skip


def t95(df: int) -> float:
    return T95[df - 1] if 1 <= df <= len(T95) else 1.96


@dataclass(frozen=True)
class PrePost:
    pre_n: int
    post_n: int
    pre_mean: float | None  # None: under the minimum group
    post_mean: float | None
    pairs: int
    change: float | None  # mean of (end − start) over the pairs, 0–100 points
    ci_low: float | None
    ci_high: float | None
    min_group: int = 5

    @property
    def shown(self) -> bool:
        return self.change is not None


def measurement_results(measurement) -> PrePost:
    """Two queries whatever the counts: the phases' counts and means, and the pairs'
    change with its standard deviation (the database pairs them by the digest)."""
    import math

    from django.db.models import F, OuterRef, StdDev, Subquery

    from verso.evaluation.models import InstrumentResponse, Phase

    minimum = min_group()
    rows = InstrumentResponse.objects.filter(measurement=measurement, score__isnull=False)
    phases = rows.aggregate(
        pre_n=Count("id", filter=Q(phase=Phase.PRE)),
        post_n=Count("id", filter=Q(phase=Phase.POST)),
        pre_mean=Avg("score", filter=Q(phase=Phase.PRE)),
        post_mean=Avg("score", filter=Q(phase=Phase.POST)),
    )
    pre_score = rows.filter(phase=Phase.PRE, pair=OuterRef("pair")).values("score")[:1]
    pairs = (
        rows.filter(phase=Phase.POST)
        .annotate(pre_score=Subquery(pre_score))
        .filter(pre_score__isnull=False)
        .annotate(diff=F("score") - F("pre_score"))
        .aggregate(n=Count("id"), mean=Avg("diff"), sd=StdDev("diff", sample=True))
    )

    def shown(n, value):
        return round(float(value), 1) if n >= minimum and value is not None else None

    n = pairs["n"] or 0
    change = ci_low = ci_high = None
    if n >= minimum and pairs["mean"] is not None:
        mean = float(pairs["mean"])
        half = t95(n - 1) * float(pairs["sd"] or 0) / math.sqrt(n)
        change, ci_low, ci_high = round(mean, 1), round(mean - half, 1), round(mean + half, 1)
    return PrePost(
        pre_n=phases["pre_n"],
        post_n=phases["post_n"],
        pre_mean=shown(phases["pre_n"], phases["pre_mean"]),
        post_mean=shown(phases["post_n"], phases["post_mean"]),
        pairs=n,
        change=change,
        ci_low=ci_low,
        ci_high=ci_high,
        min_group=minimum,
    )
