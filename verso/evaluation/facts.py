"""What other parts read of a network's evaluation (the embedding checklist, the handbook).

The contract: ``verso.evaluation.selectors.network_evaluation_facts(network)`` returns an
``EvaluationFacts`` in a bounded number of queries, independent of the number of answers.
Figures from fewer than ``EVALUATION_MIN_GROUP`` answers are ``None`` (suppressed).
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class EvaluationFacts:
    evaluations_done: int = 0  # the coordination group's evaluations recorded
    last_evaluated_on: datetime.date | None = None
    decisions: dict[str, int] = field(default_factory=dict)  # continue / change / stop → count
    feedback_answers: int = 0
    feedback_mean: float | None = None  # 1–5, None when suppressed or no answers
    lessons: list[str] = field(default_factory=list)  # "what worked" texts, newest first, ≤ 5
