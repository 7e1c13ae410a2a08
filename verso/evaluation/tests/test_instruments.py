"""Validated instruments (import, immutability, scoring) and pre/post measurement with
pairing codes and group-level results."""

import csv
import io

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from verso.evaluation import instruments, selectors, services
from verso.evaluation.models import ImmutableError, Instrument, InstrumentResponse


@pytest.fixture
def sample(db):
    return instruments.import_instrument(
        actor=None, content=instruments.SAMPLE_PATH.read_bytes(), filename="sample.yaml"
    )


def _sample_data() -> dict:
    return yaml.safe_load(instruments.SAMPLE_PATH.read_text())


def test_the_sample_imports_from_its_file_with_the_command(db, capsys):
    call_command("import_instrument", str(instruments.SAMPLE_PATH))
    instrument = Instrument.objects.get()
    assert instrument.key == "verso-sample-belonging" and instrument.version == "1.0"
    assert instrument.scale_points == 5 and instrument.min_items == 4
    assert [i["key"] for i in instrument.items if i["reverse"]] == ["alone"]
    assert set(instrument.items[0]["text"]) == {"fi", "sv", "en"}
    assert "Verso" in instrument.licence and instrument.source
    # A second import of the same version is refused; nothing new stored.
    with pytest.raises(CommandError):
        call_command("import_instrument", str(instruments.SAMPLE_PATH))
    assert "already imported" in capsys.readouterr().err
    assert Instrument.objects.count() == 1


def test_a_malformed_file_reports_every_problem_with_its_place_and_imports_nothing(db):
    data = _sample_data()
    del data["licence"]
    del data["items"][1]["text"]["sv"]
    data["items"][2]["key"] = "welcome"  # used twice
    data["items"][3]["reverse"] = "yes"
    data["scale"]["labels"]["sv"] = data["scale"]["labels"]["sv"][:4]
    data["scoring"]["min_items"] = 9
    data["colour"] = "red"
    with pytest.raises(instruments.InstrumentFileError) as error:
        instruments.import_instrument(actor=None, content=yaml.safe_dump(data), filename="x.yaml")
    places = {p.place: p.message for p in error.value.problems}
    assert "licence" in places["/"] and "colour" in str(error.value)
    assert "sv" in places["/items/1/text"]
    assert "/items/2/key" in places and "twice" in places["/items/2/key"]
    assert "/items/3/reverse" in places
    assert "4 labels for 5" in places["/scale/labels/sv"]
    assert "/scoring/min_items" in places
    assert Instrument.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        ("key: [unclosed", "x.yaml", "line 1"),
        ('{"key": ', "x.json", "line 1"),
        ("- a list", "x.yaml", "one object"),
        (b"\xff\xfe", "x.yaml", "UTF-8"),
        (b"x" * (256 * 1024 + 1), "x.yaml", "larger"),
    ],
)
def test_unreadable_files_are_reported(db, content, filename, expected):
    with pytest.raises(instruments.InstrumentFileError) as error:
        instruments.import_instrument(actor=None, content=content, filename=filename)
    assert expected in str(error.value)
    assert Instrument.objects.count() == 0


def test_an_imported_instrument_cannot_be_edited(sample):
    sample.title = {"fi": "Muutettu", "sv": "Ändrad", "en": "Changed"}
    with pytest.raises(ImmutableError) as error:
        sample.save()
    assert "cannot be changed" in str(error.value)
    sample.refresh_from_db()
    assert sample.title["en"].startswith("Verso sample")


def test_the_import_page_is_the_operators_and_reports_problems(client, world):
    url = reverse("evaluation:instrument_import")
    client.force_login(world.coordinator)
    assert client.get(url).status_code == 403
    client.force_login(world.superuser)
    bad = client.post(url, {"text": "key: x\nversion: 1\n"})
    body = bad.content.decode()
    assert bad.status_code == 200 and "nothing was imported" in body
    assert "<code>/</code>" in body
    assert "is missing." in body
    assert Instrument.objects.count() == 0
    assert client.post(url, {}).status_code == 200
    good = client.post(url, {"text": instruments.SAMPLE_PATH.read_text()})
    assert good.status_code == 302
    assert Instrument.objects.count() == 1
    detail = client.get(good["Location"]).content.decode()
    assert "I often feel left out." in detail and "reverse-scored" in detail


def test_scoring_turns_reverse_items_round_and_needs_the_minimum(sample):
    assert instruments.score(sample, {"welcome": 5, "heard": 5, "useful": 5, "alone": 1}) == (
        4,
        100.0,
    )
    assert instruments.score(
        sample, {"welcome": 1, "heard": 1, "useful": 1, "alone": 5, "future": 1}
    ) == (5, 0.0)
    assert instruments.score(sample, {"welcome": 3, "heard": 4, "useful": 5, "alone": 2}) == (
        4,
        75.0,
    )
    assert instruments.score(sample, {"welcome": 5, "heard": 5, "useful": 5}) == (3, None)


def _measurement(world, sample):
    return services.measurement_create(
        actor=world.coordinator, network=world.network, instrument=sample, title="Spring group"
    )


def _pair(measurement, pre: int, post: int):
    values = dict.fromkeys(["welcome", "heard", "useful", "future"], pre)
    _r, code = services.instrument_answer(measurement=measurement, phase="pre", values=values)
    values = dict.fromkeys(["welcome", "heard", "useful", "future"], post)
    services.instrument_answer(measurement=measurement, phase="post", values=values, code=code)


def test_a_group_of_six_shows_the_change_and_a_group_of_four_is_hidden_everywhere(
    client, world, sample
):
    from openpyxl import load_workbook

    small = _measurement(world, sample)
    for pre, post in [(2, 4), (3, 4), (2, 3), (3, 5)]:
        _pair(small, pre, post)
    res = selectors.measurement_results(small)
    assert res.pairs == 4 and res.change is None and res.pre_mean is None
    client.force_login(world.group)
    page = client.get(reverse("evaluation:measurement", args=[world.network.pk, small.pk]))
    assert b"under 5, not shown" in page.content and b"95% CI" not in page.content
    csv_body = client.get(
        reverse("evaluation:measurement_export", args=[world.network.pk, small.pk, "csv"])
    ).content.decode()
    change = next(r for r in csv.reader(io.StringIO(csv_body)) if r[0].startswith("Change"))
    assert change[1].startswith("under 5")
    xlsx = client.get(
        reverse("evaluation:measurement_export", args=[world.network.pk, small.pk, "xlsx"])
    )
    values = [
        [c.value for c in r] for r in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows()
    ]
    assert all(str(row[1]).startswith("under") for row in values[2:])
    api = client.get(f"/api/v1/networks/{world.network.pk}/measurements/{small.pk}/results").json()
    assert api["change"] is None and api["pairs"] == 4 and api["pre_mean"] is None

    six = _measurement(world, sample)
    # Start 25 (2 of 5) for everyone; the end 50, 75 or 100 points: changes 25, 50, 75.
    for pre, post in [(2, 3), (2, 4), (2, 5), (2, 3), (2, 4), (2, 5)]:
        _pair(six, pre, post)
    res = selectors.measurement_results(six)
    assert (res.pairs, res.pre_mean, res.post_mean, res.change) == (6, 25.0, 75.0, 50.0)
    # sd of (25, 50, 75, 25, 50, 75) = 22.36; t(5) = 2.571; half-width 23.47
    assert (res.ci_low, res.ci_high) == (26.5, 73.5)
    page = client.get(reverse("evaluation:measurement", args=[world.network.pk, six.pk]))
    text = page.content.decode().replace(",", ".")
    assert "50.0" in text and "26.5" in text
    api = client.get(f"/api/v1/networks/{world.network.pk}/measurements/{six.pk}/results").json()
    assert api["change"] == 50.0 and api["ci_low"] == 26.5 and api["pairs"] == 6


def test_the_results_queries_do_not_grow(world, sample, django_assert_num_queries):
    m = _measurement(world, sample)
    for _i in range(3):
        _pair(m, 2, 4)
    with django_assert_num_queries(2):
        selectors.measurement_results(m)
    for _i in range(20):
        _pair(m, 3, 4)
    with django_assert_num_queries(2):
        assert selectors.measurement_results(m).pairs == 23


def test_answering_at_the_start_and_end_through_the_pages(client, world, sample):
    m = _measurement(world, sample)
    url = reverse("evaluation:measure_answer", kwargs={"code": m.code})
    page = client.get(url)
    assert page.status_code == 200 and "I feel welcome in this group." in page.content.decode()
    items = {f"item_{k}": "4" for k in ("welcome", "heard", "useful", "alone", "future")}
    response = client.post(url, {"phase": "pre", **items})
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    code = done.split('class="pair-code">')[1].split("<")[0]
    assert len(code) == 9 and code[4] == "-"
    # The code is shown once, not kept for the next visitor of the page.
    assert "pair-code" not in client.get(response["Location"]).content.decode()
    stored = InstrumentResponse.objects.get()
    assert code.replace("-", "") not in str(stored.pair) and stored.score == 65.0
    # The end: wrong code, missing code, right code, the same code again.
    assert (
        b"not among the answers"
        in client.post(url, {"phase": "post", "code": "ZZZZ-ZZZZ", **items}).content
    )
    assert b"Give the code" in client.post(url, {"phase": "post", **items}).content
    assert client.post(url, {"phase": "post", "code": code.lower(), **items}).status_code == 302
    assert b"already answered" in client.post(url, {"phase": "post", "code": code, **items}).content
    assert InstrumentResponse.objects.count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"item_welcome": "6"},
        {"item_welcome": "0"},
        {"item_welcome": "x"},
        {"phase": "middle"},
        {"item_welcome": "", "item_heard": "", "item_useful": ""},
    ],
)
def test_bad_instrument_answers_are_refused(client, world, sample, data):
    m = _measurement(world, sample)
    items = {f"item_{k}": "4" for k in ("welcome", "heard", "useful", "alone", "future")}
    response = client.post(
        reverse("evaluation:measure_answer", kwargs={"code": m.code}),
        {"phase": "pre", **items, **data},
    )
    assert response.status_code == 200
    assert b"form-errors" in response.content
    assert InstrumentResponse.objects.count() == 0


def test_a_closed_measurement_takes_no_answers(client, world, sample):
    m = _measurement(world, sample)
    services.measurement_set_open(actor=world.coordinator, measurement=m, is_open=False)
    items = {f"item_{k}": "4" for k in ("welcome", "heard", "useful", "alone", "future")}
    response = client.post(
        reverse("evaluation:measure_answer", kwargs={"code": m.code}), {"phase": "pre", **items}
    )
    assert response.status_code == 409
    assert InstrumentResponse.objects.count() == 0
