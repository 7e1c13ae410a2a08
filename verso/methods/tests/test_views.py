import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from verso.events.testing import events_activity
from verso.meetings.tests.factories import make_meeting
from verso.methods import services
from verso.methods.models import Method, MethodUse
from verso.methods.testing import METHOD_DATA, methods_method, methods_training

pytestmark = pytest.mark.django_db

FORM = {
    "language": "fi",
    "name": "Tarinapiiri",
    "description": "Kerrotaan tarinoita nuotiolla.",
    "kind": "writing",
    "competence": "guidance",
    "target_groups": ["immigrants", "older_people"],
    "duration_minutes": "60",
    "evidence_links": "https://example.org/a\n\nhttp://example.org/b",
    "name_en": "Story circle",
    "description_en": "Stories by the fire.",
}


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_has_a_pinned_query_budget(client, world, count, django_assert_num_queries):
    for n in range(count):
        services.method_create(actor=world.coordinator, data={**METHOD_DATA, "name": f"M{n:02}"})
    client.force_login(world.professional)
    url = reverse("methods:list")
    with django_assert_num_queries(6):
        response = client.get(url, {"q": "M", "kind": "photography"})
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == min(count, 20)


def test_the_list_searches_and_filters(client, world):
    methods_method(world)
    services.method_create(
        actor=world.coordinator,
        data={**METHOD_DATA, "name": "Kesämatto", "kind": "crafts", "translations": {}},
    )
    client.force_login(world.client)
    url = reverse("methods:list")
    page = client.get(url, {"q": "walk"}).content.decode()
    assert "Nature photo walk" in page and "Kesämatto" not in page  # shown in English
    page = client.get(url, {"kind": "crafts"}).content.decode()
    assert "Kesämatto" in page and "Nature photo walk" not in page
    page = client.get(url, {"kind": "nonsense"}).content.decode()
    assert "Select a valid choice" in page  # a bad filter is named, not a 500


def test_a_reader_sees_the_method_in_their_language(client, world):
    method = methods_method(world)
    client.force_login(world.client)
    page = client.get(reverse("methods:detail", args=[method.pk])).content.decode()
    assert "Nature photo walk" in page and "https://example.org/study" in page
    assert reverse("methods:edit", args=[method.pk]) not in page  # a client cannot change it


def test_a_coordination_group_member_adds_a_method_through_the_form(client, world):
    client.force_login(world.group)
    response = client.post(reverse("methods:create"), FORM)
    method = Method.objects.get()
    assert response.status_code == 302
    assert method.translations == {
        "en": {"name": "Story circle", "description": "Stories by the fire."}
    }
    assert method.evidence_links == ["https://example.org/a", "http://example.org/b"]
    assert method.duration_minutes == 60 and method.created_by == world.group


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"evidence_links": "www.example.org"}, "does not start with http:// or https://"),
        ({"evidence_links": "mailto:x@example.org"}, "Links to evidence"),
        ({"name": ""}, "This field is required."),
        ({"kind": "dance"}, "Select a valid choice"),
        ({"duration_minutes": "0"}, "greater than or equal to 1"),
        ({"target_groups": ["cats"]}, "Select a valid choice"),
    ],
)
def test_bad_input_on_the_form_is_named_and_nothing_is_stored(client, world, changes, message):
    client.force_login(world.coordinator)
    response = client.post(reverse("methods:create"), {**FORM, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Method.objects.exists()


def test_the_edit_form_keeps_the_translations_and_refuses_a_taken_name(client, world):
    method = methods_method(world)
    other = services.method_create(actor=world.coordinator, data={**METHOD_DATA, "name": "B"})
    client.force_login(world.coordinator)
    url = reverse("methods:edit", args=[other.pk])
    page = client.get(url).content.decode()
    assert "Nature photo walk" in page
    response = client.post(url, {**FORM, "name": method.name.upper()})
    assert "already has a method" in response.content.decode()
    other.refresh_from_db()
    assert other.name == "B"


def test_who_may_change_the_library(client, world):
    method = methods_method(world)
    for user, status in [
        (world.professional, 403),
        (world.client, 403),
        (world.group, 200),
        (world.outsider, 200),  # the coordinator of another network: the library is shared
        (world.superuser, 200),
    ]:
        client.force_login(user)
        assert client.get(reverse("methods:edit", args=[method.pk])).status_code == status
        assert client.get(reverse("methods:create")).status_code == status
        assert client.get(reverse("methods:import")).status_code == status
    client.logout()
    assert client.get(reverse("methods:list")).status_code == 302


def test_export_all_or_a_selection(client, world):
    first = methods_method(world)
    services.method_create(actor=world.coordinator, data={**METHOD_DATA, "name": "B"})
    client.force_login(world.client)
    everything = json.loads(client.get(reverse("methods:export")).content)
    assert [m["name"] for m in everything["methods"]] == ["B", "Luontokuvakävely"]
    chosen = json.loads(client.get(reverse("methods:export"), {"id": f"{first.pk},x"}).content)
    assert [m["name"] for m in chosen["methods"]] == ["Luontokuvakävely"]


def _upload(document) -> SimpleUploadedFile:
    raw = document if isinstance(document, bytes) else json.dumps(document).encode()
    return SimpleUploadedFile("methods.json", raw, content_type="application/json")


def test_import_through_the_page_reports_every_problem_and_imports_nothing(client, world):
    client.force_login(world.coordinator)
    bad = {
        "format": "verso-methods",
        "version": 1,
        "methods": [
            {**METHOD_DATA, "name": "A", "evidence_links": ["ftp://x"]},
            {**METHOD_DATA, "name": "B", "kind": "dance"},
        ],
    }
    response = client.post(
        reverse("methods:import"), {"file": _upload(bad), "on_duplicate": "skip"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "methods[0].evidence_links[0]" in page and "methods[1].kind" in page
    assert "nothing was imported" in page
    assert not Method.objects.exists()
    good = {**bad, "methods": [METHOD_DATA]}
    response = client.post(
        reverse("methods:import"), {"file": _upload(good), "on_duplicate": "skip"}
    )
    assert Method.objects.count() == 1
    assert "Luontokuvakävely" in response.content.decode()


def test_staff_of_the_network_record_the_methods_an_activity_used(client, world):
    method = methods_method(world)
    activity = events_activity(world)
    client.force_login(world.group)
    url = reverse("methods:activity_uses", args=[world.network.pk, activity.pk])
    response = client.post(url, {"methods": [method.pk]})
    assert response.status_code == 302
    assert MethodUse.objects.filter(activity=activity, method=method).exists()
    page = client.get(reverse("events:manage", args=[world.network.pk, activity.pk]))
    assert "Nature photo walk" in page.content.decode() and url in page.content.decode()
    assert client.post(url, {"methods": ["999999"]}).status_code == 200  # not a method
    assert MethodUse.objects.filter(activity=activity).count() == 1
    client.force_login(world.professional)
    assert client.post(url, {"methods": []}).status_code == 403
    client.force_login(world.outsider)  # coordinator of another network
    assert client.post(url, {"methods": []}).status_code == 404
    assert MethodUse.objects.filter(activity=activity).count() == 1


def test_a_training_shows_its_methods_and_other_meetings_take_none(client, world):
    method = methods_method(world)
    training = methods_training(world)
    client.force_login(world.coordinator)
    url = reverse("methods:meeting_uses", args=[world.network.pk, training.pk])
    assert client.post(url, {"methods": [method.pk]}).status_code == 302
    client.force_login(world.professional)  # a member reads the training's page
    page = client.get(reverse("meetings:detail", args=[world.network.pk, training.pk]))
    assert "Nature photo walk" in page.content.decode()  # in the reader's language
    assert url not in page.content.decode()  # only staff choose
    workshop = make_meeting(world)
    client.force_login(world.coordinator)
    other = reverse("methods:meeting_uses", args=[world.network.pk, workshop.pk])
    assert client.get(other).status_code == 404
    page = client.get(reverse("meetings:detail", args=[world.network.pk, workshop.pk]))
    assert "Methods used" not in page.content.decode()


def test_an_unknown_method_is_not_found_and_the_refusal_is_audited(client, world):
    from verso.core.models import AuditEntry

    client.force_login(world.coordinator)
    for name in ("methods:detail", "methods:edit"):
        assert client.get(reverse(name, args=[987654])).status_code == 404
    assert AuditEntry.objects.filter(action="access.denied", target_id="987654").count() == 2
