import json

import pytest
from jsonschema import Draft202012Validator

from verso.core.models import AuditEntry
from verso.methods import transfer
from verso.methods.models import Method
from verso.methods.testing import METHOD_DATA, methods_method

pytestmark = pytest.mark.django_db


def doc(*methods):
    return {"format": "verso-methods", "version": 1, "methods": list(methods)}


def test_the_schema_is_a_valid_json_schema_and_the_export_follows_it(world):
    Draft202012Validator.check_schema(transfer.SCHEMA)
    methods_method(world)
    exported = transfer.export_document(Method.objects.all())
    assert list(Draft202012Validator(transfer.SCHEMA).iter_errors(exported)) == []
    assert exported["methods"][0]["name"] == "Luontokuvakävely"
    assert "created_by" not in exported["methods"][0]  # no one's account travels


def test_an_export_imports_into_an_empty_library(world):
    methods_method(world)
    text = json.dumps(transfer.export_document(Method.objects.all()))
    Method.objects.all().delete()
    report = transfer.import_document(actor=world.group, raw=text.encode())
    assert report.ok and report.created == ["Luontokuvakävely"]
    method = Method.objects.get()
    assert method.translations["en"]["name"] == "Nature photo walk"
    assert method.evidence_links == ["https://example.org/study"]
    assert method.created_by == world.group
    assert AuditEntry.objects.filter(action="method.import").count() == 1


def test_duplicates_by_name_are_skipped_or_updated(world):
    methods_method(world)
    changed = {**METHOD_DATA, "name": "LUONTOKUVAKÄVELY", "kind": "nature"}
    new = {**METHOD_DATA, "name": "Story circle"}
    report = transfer.import_document(actor=world.coordinator, raw=doc(changed, new))
    assert report.skipped == ["Luontokuvakävely"] and report.created == ["Story circle"]
    assert Method.objects.get(name="Luontokuvakävely").kind == "photography"
    report = transfer.import_document(
        actor=world.coordinator, raw=doc(changed), on_duplicate=transfer.UPDATE
    )
    assert report.updated == ["Luontokuvakävely"]
    method = Method.objects.get(name_key="luontokuvakävely")
    assert method.kind == "nature" and method.name == "LUONTOKUVAKÄVELY"


@pytest.mark.parametrize(
    ("raw", "places"),
    [
        (b"{not json", ["line 1, column 2"]),
        (b"\xff\xfe", ["the file"]),
        (b"[]", ["the file"]),
        (json.dumps({"format": "other", "version": 1, "methods": []}).encode(), ["format"]),
        (json.dumps(doc({**METHOD_DATA, "kind": "dance"})).encode(), ["methods[0].kind"]),
        (
            json.dumps(
                doc(
                    METHOD_DATA,
                    {**METHOD_DATA, "name": "B", "evidence_links": ["www.x.fi"]},
                    {**METHOD_DATA, "name": "C", "duration_minutes": -5, "colour": "red"},
                    {"name": "D"},
                )
            ).encode(),
            [
                "methods[1].evidence_links[0]",
                "methods[2]",
                "methods[2].duration_minutes",
                "methods[3]",
            ],
        ),
        (
            json.dumps(doc(METHOD_DATA, {**METHOD_DATA, "name": "luontokuvakävely "})).encode(),
            ["methods[1].name"],
        ),
        (
            json.dumps(
                doc({**METHOD_DATA, "evidence_links": ["https://"], "translations": {}})
            ).encode(),
            ["methods[0].evidence_links"],
        ),
        (
            json.dumps(doc({**METHOD_DATA, "translations": {"de": {"name": "x"}}})).encode(),
            ["methods[0].translations"],
        ),
    ],
)
def test_a_malformed_file_is_reported_place_by_place_and_nothing_is_imported(world, raw, places):
    report = transfer.import_document(actor=world.coordinator, raw=raw)
    assert not report.ok
    assert sorted({p.place for p in report.problems}) == sorted(places), report.problems
    assert all(p.message for p in report.problems)
    assert not Method.objects.exists()
    assert not AuditEntry.objects.filter(action="method.import").exists()


def test_a_link_without_http_is_named_in_the_report(world):
    bad = {**METHOD_DATA, "evidence_links": ["example.org/study"]}
    report = transfer.import_document(actor=world.coordinator, raw=doc(bad))
    (problem,) = report.problems
    assert problem.place == "methods[0].evidence_links[0]"
    assert "http://" in problem.message and "Links to evidence" in problem.message


def test_a_file_over_the_limit_is_refused(world):
    report = transfer.import_document(actor=world.coordinator, raw=b" " * (transfer.MAX_BYTES + 1))
    assert report.problems[0].message == "The file is larger than 2 MB."
