"""Questionnaires: four kinds of question, templates per network and installation-wide,
anonymous answers, results with suppression, the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from verso.evaluation.models import Questionnaire, QuestionnaireResponse
from verso.evaluation.questionnaires import (
    parse_questions,
    questionnaire_answer,
    questionnaire_create,
    questionnaire_from_template,
    results,
)

QUESTIONS = """scale: How was the place?
single: Which day suits you? | Monday | Friday
multiple: What did you do? | Painted | Walked | Sang
text: Anything else?"""


@pytest.fixture
def questionnaire(world):
    return questionnaire_create(
        actor=world.coordinator, network=world.network, title="Autumn", questions=QUESTIONS
    )


def test_questions_of_four_kinds_are_read_from_lines(db):
    parsed = parse_questions(QUESTIONS)
    assert [q["kind"] for q in parsed] == ["scale", "single", "multiple", "text"]
    assert parsed[2]["options"] == ["Painted", "Walked", "Sang"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "at least one question"),
        ("poll: What?", "Line 1: start with"),
        ("single: Which? | only one", "Line 1: give 2"),
        ("scale: How? | a | b", "only choice questions"),
        ("text: ok\nsingle: Same? | a | a", "Line 2: an option is given twice"),
        ("scale: ", "Line 1: write the question"),
    ],
)
def test_bad_question_lines_are_named_by_line(db, text, message):
    with pytest.raises(ValidationError) as error:
        parse_questions(text)
    assert message in " ".join(error.value.message_dict["questions"])


def _answer(q, scale=None, single=None, multiple=None, text=None):
    ids = [x.pk for x in q.questions.all()]
    return questionnaire_answer(
        questionnaire=q,
        data={ids[0]: scale, ids[1]: single, ids[2]: multiple, ids[3]: text},
    )


def test_results_suppress_small_groups_and_cells(world, questionnaire, django_assert_num_queries):
    for _i in range(4):
        _answer(questionnaire, scale=5, single=1, multiple=[1, 2], text="Nice")
    total, rows = results(questionnaire, with_texts=True)
    assert total == 4 and all(r.suppressed for r in rows) and rows[3].texts == []
    _answer(questionnaire, scale=4, single=2, multiple=[1], text="Good")
    _answer(questionnaire, scale=5, single=1, multiple=[3])
    with django_assert_num_queries(5):
        total, rows = results(questionnaire, with_texts=True)
    assert total == 6
    scale, single, multiple, text = rows
    assert scale.mean == round((5 * 5 + 4) / 6, 2)
    assert [c for _l, c in scale.rows] == [0, 0, 0, None, 5]
    assert [c for _l, c in single.rows] == [5, None]
    assert [c for _l, c in multiple.rows] == [5, None, None]
    assert not text.suppressed and text.n == 5  # five wrote words: enough to show
    assert sorted(text.texts) == ["Good", "Nice", "Nice", "Nice", "Nice"]


def test_answering_through_the_public_page(client, questionnaire):
    url = reverse("evaluation:questionnaire_answer", kwargs={"code": questionnaire.code})
    page = client.get(url).content.decode()
    assert "How was the place?" in page and 'type="checkbox"' in page
    ids = [q.pk for q in questionnaire.questions.all()]
    data = {f"q{ids[0]}": "4", f"q{ids[1]}": "2", f"q{ids[2]}": ["1", "3"], f"q{ids[3]}": "Hi"}
    assert client.post(url, data).status_code == 302
    response = QuestionnaireResponse.objects.get()
    assert sorted(response.answers.values_list("number", flat=True).exclude(number=None)) == [
        1,
        2,
        3,
        4,
    ]
    for bad in ({f"q{ids[0]}": "9"}, {f"q{ids[2]}": ["1", "7"]}, {}, {"name": "x" * 101}):
        assert client.post(url, bad).status_code == 200
    assert QuestionnaireResponse.objects.count() == 1


def test_a_closed_questionnaire_takes_no_answers(client, world, questionnaire):
    client.force_login(world.group)
    client.post(reverse("evaluation:questionnaire_open", args=[world.network.pk, questionnaire.pk]))
    client.logout()
    ids = [q.pk for q in questionnaire.questions.all()]
    url = reverse("evaluation:questionnaire_answer", kwargs={"code": questionnaire.code})
    assert client.post(url, {f"q{ids[0]}": "4"}).status_code == 409
    assert QuestionnaireResponse.objects.count() == 0


def test_templates_of_the_network_and_of_verso(client, world):
    mine = questionnaire_create(
        actor=world.coordinator,
        network=world.network,
        title="Our template",
        questions="scale: How?",
        is_template=True,
    )
    client.force_login(world.superuser)
    response = client.post(
        reverse("evaluation:template_create"),
        {"title": "Verso template", "questions": "text: What did you learn?"},
    )
    assert response.status_code == 302
    wide = Questionnaire.objects.get(title="Verso template")
    assert wide.network is None and wide.is_template
    client.force_login(world.coordinator)
    assert client.get(reverse("evaluation:template_create")).status_code == 403
    url = reverse("evaluation:questionnaire_use_template", args=[world.network.pk])
    assert str(wide.pk) in client.get(url).content.decode()
    assert client.post(url, {"template": str(wide.pk)}).status_code == 302
    copy = Questionnaire.objects.get(title="Verso template", network=world.network)
    assert not copy.is_template and copy.questions.get().text == "What did you learn?"
    # Another network's template is not offered, nor accepted.
    from verso.networks.services import network_create

    other = network_create(actor=world.outsider, name="Other", municipality="M", goal="G")
    theirs = questionnaire_create(
        actor=world.outsider, network=other, title="T", questions="scale: X?", is_template=True
    )
    assert client.post(url, {"template": str(theirs.pk)}).status_code == 200
    with pytest.raises(ValidationError):
        questionnaire_from_template(actor=world.coordinator, network=world.network, template=theirs)
    # A template takes no answers.
    answer = reverse("evaluation:questionnaire_answer", kwargs={"code": mine.code})
    assert client.get(answer).status_code == 404


def test_the_api_creates_answers_and_suppresses(client, world):
    client.force_login(world.group)
    created = client.post(
        f"/api/v1/networks/{world.network.pk}/questionnaires",
        {"title": "API", "questions": "scale: How?\ntext: Words?"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    scale_id, text_id = (q["id"] for q in body["questions"])
    client.logout()
    for i in range(5):
        answer = client.post(
            f"/api/v1/questionnaires/{body['code']}/answers",
            {"answers": {str(scale_id): 5 - (i == 0), str(text_id): f"w{i}"}},
            content_type="application/json",
        )
        assert answer.status_code == 201, answer.content
    bad = client.post(
        f"/api/v1/questionnaires/{body['code']}/answers",
        {"answers": {str(scale_id): 6}},
        content_type="application/json",
    )
    assert bad.status_code == 422
    client.force_login(world.professional)
    res = client.get(
        f"/api/v1/networks/{world.network.pk}/questionnaires/{body['id']}/results"
    ).json()
    assert res["responses"] == 5
    assert res["questions"][0]["counts"] == [0, 0, 0, None, None]  # 1 and 4: under 5
    assert res["questions"][1]["texts"] == []  # words: the coordination group only
    client.force_login(world.group)
    res = client.get(
        f"/api/v1/networks/{world.network.pk}/questionnaires/{body['id']}/results"
    ).json()
    assert sorted(res["questions"][1]["texts"]) == ["w0", "w1", "w2", "w3", "w4"]
