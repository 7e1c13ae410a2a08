"""One answer per personal link under real threads (file SQLite or PostgreSQL): a link
used from ten phones at once stores exactly one answer; a pairing code ends once."""

import pytest
from django.core.exceptions import ValidationError

from conftest import build_world
from verso.evaluation import services
from verso.evaluation.models import FeedbackAnswer, InstrumentResponse
from verso.events.tests.test_concurrency import run_in_threads

pytestmark = pytest.mark.django_db(transaction=True)


def test_ten_threads_on_one_personal_link_store_one_answer():
    from verso.events.testing import events_activity

    world = build_world()
    link = services.link_create(
        actor=world.coordinator,
        network=world.network,
        activity=events_activity(world),
        one_per_link=True,
    )
    token = services.tokens_create(actor=world.coordinator, link=link, count=1)[0]
    results = run_in_threads(
        10, lambda i: services.answer_submit(link=link, rating=1 + i % 5, token=token.token)
    )
    answers = [r for r in results if isinstance(r, FeedbackAnswer)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert (len(answers), len(refusals)) == (1, 9), results
    assert FeedbackAnswer.objects.filter(link=link).count() == 1


def test_ten_threads_ending_with_one_code_store_one_end_answer():
    from verso.evaluation.instruments import SAMPLE_PATH, import_instrument

    world = build_world()
    instrument = import_instrument(actor=None, content=SAMPLE_PATH.read_bytes(), filename="s.yaml")
    m = services.measurement_create(
        actor=world.coordinator, network=world.network, instrument=instrument, title="T"
    )
    values = dict.fromkeys(["welcome", "heard", "useful", "future"], 3)
    _r, code = services.instrument_answer(measurement=m, phase="pre", values=values)
    results = run_in_threads(
        10,
        lambda i: services.instrument_answer(measurement=m, phase="post", values=values, code=code)[
            0
        ],
    )
    ended = [r for r in results if isinstance(r, InstrumentResponse)]
    assert len(ended) == 1, results
    assert all(isinstance(r, ValidationError | InstrumentResponse) for r in results), results
    assert InstrumentResponse.objects.filter(measurement=m, phase="post").count() == 1
