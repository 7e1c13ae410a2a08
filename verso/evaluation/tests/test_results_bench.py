"""The results benchmark command runs against the real page and leaves nothing behind."""

import io

import pytest
from django.core.management import call_command

from verso.evaluation.models import FeedbackAnswer, FeedbackLink
from verso.networks.models import Network

pytestmark = pytest.mark.django_db


def test_the_results_bench_measures_the_page_and_the_aggregate_and_rolls_back():
    out = io.StringIO()
    call_command("evaluation_results_bench", answers=40, repeat=1, stdout=out)
    text = out.getvalue()
    assert "40 answers" in text
    assert "bare SQL aggregate" in text and "results page" in text and "ratio" in text
    assert not FeedbackAnswer.objects.exists()
    assert not FeedbackLink.objects.exists()
    assert not Network.objects.filter(name="Results bench").exists()
