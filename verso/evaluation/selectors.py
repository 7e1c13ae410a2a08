"""Queries of the evaluation app."""

from verso.evaluation.facts import EvaluationFacts


def network_evaluation_facts(network) -> EvaluationFacts:
    """The contract other parts read (see facts.py); the evaluation branch computes it."""
    return EvaluationFacts()
