import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from verso.core.models import AuditEntry
from verso.events.testing import events_activity
from verso.methods import selectors, services
from verso.methods.models import Method, MethodUse
from verso.methods.testing import METHOD_DATA, methods_method, methods_training

pytestmark = pytest.mark.django_db


def data(**changes):
    return {**METHOD_DATA, **changes}


def test_a_method_is_written_with_its_translations_and_audited(world):
    method = services.method_create(actor=world.coordinator, data=data())
    assert method.localized("name", "en") == "Nature photo walk"
    assert method.localized("name", "sv") == "Luontokuvakävely"  # not written in Swedish
    assert method.kind_label == "Photography"
    assert "Walk and photograph" in method.search_text
    assert AuditEntry.objects.filter(action="method.create", target_id=str(method.pk)).exists()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"evidence_links": ["www.example.org"]}, "evidence_links", "http://"),
        ({"evidence_links": ["ftp://example.org/x"]}, "evidence_links", "http://"),
        ({"evidence_links": ["javascript:alert(1)"]}, "evidence_links", "Links to evidence"),
        ({"evidence_links": ["https://"]}, "evidence_links", "not a valid web address"),
        ({"evidence_links": ["https://e.org"] * 11}, "evidence_links", "at most 10"),
        ({"name": ""}, "name", "required"),
        ({"name": "x" * 201}, "name", "at most 200"),
        ({"description": " "}, "description", "required"),
        ({"kind": "dance"}, "kind", "Kind"),
        ({"competence": "magic"}, "competence", "competence"),
        ({"target_groups": ["cats"]}, "target_groups", "target groups"),
        ({"duration_minutes": 0}, "duration_minutes", "Duration"),
        ({"duration_minutes": 10081}, "duration_minutes", "Duration"),
        ({"duration_minutes": "90"}, "duration_minutes", "Duration"),
        ({"language": "de"}, "language", "Written in"),
        ({"translations": {"de": {"name": "x"}}}, "translations", "Other languages"),
        ({"translations": {"fi": {"name": "x"}}}, "translations", "Other languages"),
        ({"translations": {"sv": {"name": "x" * 201}}}, "name_sv", "at most 200"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(world, changes, field, words):
    with pytest.raises(ValidationError) as error:
        services.method_create(actor=world.coordinator, data=data(**changes))
    assert field in error.value.message_dict
    assert words in " ".join(error.value.message_dict[field])
    assert not Method.objects.exists()


def test_names_are_unique_whatever_the_case(world):
    first = services.method_create(actor=world.coordinator, data=data())
    with pytest.raises(ValidationError) as error:
        services.method_create(actor=world.coordinator, data=data(name="LUONTOKUVAKÄVELY"))
    assert "already has a method" in error.value.message_dict["name"][0]
    other = services.method_create(actor=world.coordinator, data=data(name="Other"))
    with pytest.raises(ValidationError):
        services.method_update(actor=world.coordinator, method=other, data=data())
    services.method_update(actor=world.coordinator, method=first, data=data(kind="nature"))
    first.refresh_from_db()
    assert first.kind == "nature"


def test_uses_are_set_exactly_and_read_through_the_contract(world, django_assert_num_queries):
    method = methods_method(world)
    second = services.method_create(actor=world.coordinator, data=data(name="Story circle"))
    unused = services.method_create(actor=world.coordinator, data=data(name="Unused"))
    activity = events_activity(world)
    training = methods_training(world)
    services.uses_set(
        actor=world.coordinator, network=world.network, methods=[method], activity=activity
    )
    services.uses_set(
        actor=world.coordinator,
        network=world.network,
        methods=[method, second],
        meeting=training,
    )
    with django_assert_num_queries(1):
        used = selectors.methods_used_in_network(world.network)
    assert [m.name for m in used] == ["Luontokuvakävely", "Story circle"]
    assert unused not in used
    assert used[0].kind_label == "Photography"
    assert used[0].get_absolute_url() == reverse("methods:detail", args=[method.pk])
    assert selectors.methods_used_in_network(world.other_network) == []
    services.uses_set(actor=world.coordinator, network=world.network, methods=[], meeting=training)
    assert MethodUse.objects.filter(meeting=training).count() == 0
    assert [m.name for m in selectors.methods_used_in_network(world.network)] == [
        "Luontokuvakävely"
    ]


@pytest.mark.parametrize("uses", [2, 20])
def test_methods_used_in_network_is_one_query_at_any_size(world, uses, django_assert_num_queries):
    from verso.events import services as event_services
    from verso.events.testing import _at

    methods = [
        services.method_create(actor=world.coordinator, data=data(name=f"M{n}"))
        for n in range(uses)
    ]
    for n, method in enumerate(methods):
        activity = event_services.activity_create(
            actor=world.coordinator,
            network=world.network,
            organisers=[],
            type="nature",
            title=f"A{n}",
            starts_at=_at(3, 10),
            ends_at=_at(3, 12),
        )
        services.uses_set(
            actor=world.coordinator, network=world.network, methods=[method], activity=activity
        )
    with django_assert_num_queries(1):
        assert len(selectors.methods_used_in_network(world.network)) == uses


def test_search_finds_every_language_and_filters(world):
    services.method_create(actor=world.coordinator, data=data())
    services.method_create(
        actor=world.coordinator,
        data=data(
            name="Kesämatto",
            description="Kudotaan yhteinen matto.",
            translations={"sv": {"name": "Sommarmattan", "description": "En matta."}},
            kind="crafts",
            target_groups=["children"],
            materials="Kangaskaistaleet",
        ),
    )
    names = lambda qs: [m.name for m in qs]  # noqa: E731
    assert names(selectors.methods_search("nature walk")) == ["Luontokuvakävely"]
    assert names(selectors.methods_search("sommar")) == ["Kesämatto"]
    assert names(selectors.methods_search("kangas")) == ["Kesämatto"]  # materials, a prefix
    assert names(selectors.methods_search("walk matto")) == []  # every word must match
    assert names(selectors.methods_search("", kind="crafts")) == ["Kesämatto"]
    assert names(selectors.methods_search("", target_group="older_people")) == ["Luontokuvakävely"]
    assert names(selectors.methods_search("&|!:*()'")) == ["Kesämatto", "Luontokuvakävely"]
    assert selectors.full_text_search_available() == (connection.vendor == "postgresql")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_the_gin_index_exists_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'methods_method_search_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition.lower() and "to_tsvector" in definition
