"""Fixtures shared by the whole suite: a network with one user in every role."""

import os
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from verso.accounts.testing import client_otp_verify
from verso.accounts.tests.factories import UserFactory
from verso.accounts.twofactor import two_factor_step
from verso.networks import services
from verso.networks.choices import Competence, Role, Sector
from verso.networks.models import Person


@dataclass
class World:
    coordinator: object
    group: object
    professional: object
    client: object
    outsider: object
    superuser: object
    network: object
    other_network: object
    organisation: object
    unit: object
    professional_membership: object
    client_membership: object
    group_membership: object

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


ROLES = ["anonymous", "client", "professional", "group", "coordinator", "outsider", "superuser"]


def build_world() -> World:
    coordinator = UserFactory(email="coordinator@test.example")
    group = UserFactory(email="group@test.example")
    professional = UserFactory(email="professional@test.example")
    client = UserFactory(email="client@test.example")
    outsider = UserFactory(email="outsider@test.example")
    superuser = UserFactory(email="root@test.example", is_superuser=True, is_staff=True)
    organisation = services.organisation_create(actor=None, name="Library", sector=Sector.CULTURE)
    unit = services.organisation_create(
        actor=None, name="Social rehabilitation unit", sector=Sector.SOCIAL_HEALTH
    )
    network = services.network_create(
        actor=coordinator,
        name="Summer oasis",
        municipality="Kuusamo",
        goal="Bring people together.",
    )
    group_m = services.membership_add_account(
        actor=coordinator,
        network=network,
        user=group,
        roles=[Role.COORDINATION_GROUP],
        organisation=organisation,
    )
    professional_m = services.membership_add_account(
        actor=coordinator,
        network=network,
        user=professional,
        roles=[Role.PROFESSIONAL],
        organisation=unit,
    )
    client_m = services.membership_add_account(
        actor=coordinator, network=network, user=client, roles=[Role.CLIENT], organisation=unit
    )
    services.person_set_competences(
        actor=coordinator,
        person=group_m.person,
        network=network,
        competences=[Competence.CREATIVE_NATURE],
        competence_tags=[],
    )
    other = services.network_create(
        actor=outsider, name="Round table", municipality="Koillismaa", goal="Share methods."
    )
    names = {
        coordinator: "Kaisa Koordinaattori",
        group: "Gunnar Grönlund",
        professional: "Pirjo Pätevä",
        client: "Cecilia Cederberg",
        outsider: "Otto Ulkopuolinen",
    }
    for user, name in names.items():
        person = Person.objects.get(user=user)
        person.display_name = name
        person.save(update_fields=["display_name"])
        user.person = person
    return World(
        coordinator=coordinator,
        group=group,
        professional=professional,
        client=client,
        outsider=outsider,
        superuser=superuser,
        network=network,
        other_network=other,
        organisation=organisation,
        unit=unit,
        professional_membership=professional_m,
        client_membership=client_m,
        group_membership=group_m,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "no_auto_otp: force_login leaves the session without two-factor verification",
    )


@pytest.fixture(autouse=True)
def _auto_otp(request, monkeypatch):
    """``client.force_login`` of a user who owes a one-time code (a superuser, a coordinator,
    anyone with a device) also verifies the session with a real, confirmed TOTP device, as
    a correct code would. Tests of the 2FA flow opt out with ``@pytest.mark.no_auto_otp``."""
    if request.node.get_closest_marker("no_auto_otp"):
        return
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if two_factor_step(user) is not None:
            client_otp_verify(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters (in the local-memory cache) start from zero in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english():
    """Tests read English: reverse() gives /en/ URLs and services answer in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def chromium_path() -> str:
    path = os.environ.get("VERSO_CHROMIUM")
    if not path:
        pytest.skip("browser tests skipped: no Chromium")
    return path
