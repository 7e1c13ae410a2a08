"""The demo: an evaluated activity with results, pre/post groups of 6 and 4, a
questionnaire and a template."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from verso.accounts.testing import client_otp_verify
from verso.evaluation import selectors
from verso.evaluation.demo import ACTIVITY, GROUP_OF_FOUR, GROUP_OF_SIX, QUESTIONNAIRE
from verso.evaluation.models import Evaluation, FeedbackLink, Measurement, Questionnaire
from verso.networks.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_evaluated_activity_with_results_and_is_idempotent(client):
    seed_demo()
    seed_demo()
    link = FeedbackLink.objects.get(title=ACTIVITY)
    res = selectors.link_results(link)
    assert (res.n, res.on_paper, res.mean) == (35, 5, 4.03)
    evaluation = Evaluation.objects.get()
    assert evaluation.decision == "continue" and evaluation.action_item is not None
    six = selectors.measurement_results(Measurement.objects.get(title=GROUP_OF_SIX))
    four = selectors.measurement_results(Measurement.objects.get(title=GROUP_OF_FOUR))
    assert six.pairs == 6 and six.change is not None and six.ci_low < six.change < six.ci_high
    assert four.pairs == 4 and four.change is None
    assert Questionnaire.objects.get(title=QUESTIONNAIRE).responses.count() == 8
    user = get_user_model().objects.get(email="koordinaattori@verso.example")
    client.force_login(user)
    client_otp_verify(client, user)
    page = client.get(reverse("evaluation:results", args=[link.network_id, link.pk]))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    pdf = client.get(reverse("evaluation:export", args=[link.network_id, link.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
