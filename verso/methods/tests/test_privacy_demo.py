import pytest

from verso.methods.models import Method, MethodUse
from verso.methods.testing import methods_method
from verso.networks.demo import DEMO_NETWORK, seed_demo
from verso.networks.models import Network, Person
from verso.privacy import services as privacy_services

pytestmark = pytest.mark.django_db


def test_the_methods_a_person_added_are_exported_and_unlinked_on_erasure(world):
    method = methods_method(world)  # added by the world's coordinator
    person = Person.objects.get(user=world.coordinator)
    data = privacy_services.person_export(actor=world.coordinator, person=person)
    assert [m["name"] for m in data["methods_added"]] == ["Luontokuvakävely"]
    from verso.methods.privacy import erase_methods

    erase_methods(person, {"needles": [], "replacement": ""})
    method.refresh_from_db()
    assert method.created_by is None  # the method stays in the shared library


def test_the_demo_holds_methods_in_three_languages_used_by_activities_and_a_training(db):
    seed_demo()
    seed_demo()  # idempotent
    assert Method.objects.count() == 7
    assert all(m.translations for m in Method.objects.all())
    network = Network.objects.get(name=DEMO_NETWORK)
    uses = MethodUse.objects.filter(activity__network=network).count()
    trainings = MethodUse.objects.filter(meeting__network=network, meeting__kind="training")
    assert uses >= 2 and trainings.count() == 2
    from verso.methods.selectors import methods_used_in_network

    assert len(methods_used_in_network(network)) == 4
