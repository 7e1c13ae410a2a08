"""The dashboard's member part is cached, and every change of members, roles, people or
organisations shows at once (the version moves on, with or without signals)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from verso.networks import services
from verso.networks.choices import Role
from verso.networks.models import MembershipRole


def _dashboard(client, world) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("networks:detail", args=[world.network.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def _group_html(body: str) -> str:
    start = body.index('id="group-h"')
    return body[start : body.index("</section>", start)]


def test_a_warm_dashboard_makes_fewer_queries_and_shows_the_same(client, world):
    client.force_login(world.coordinator)
    cold, cold_queries = _dashboard(client, world)
    warm, warm_queries = _dashboard(client, world)
    # new on every response: the CSP nonce and the masked CSRF token
    nonce = re.compile(r'nonce="[^"]*"|"X-CSRFToken": "[^"]*"|csrfmiddlewaretoken" value="[^"]*"')
    assert nonce.sub("", warm) == nonce.sub("", cold)
    assert warm_queries <= cold_queries - 4  # group, roles, sectors, role counts, organisations


def test_every_kind_of_change_shows_on_the_next_dashboard(client, world):
    client.force_login(world.coordinator)
    body, _ = _dashboard(client, world)
    assert "Pirjo Pätevä" not in _group_html(body)

    # A role added (bulk_create: no signal) puts her in the coordination group.
    services.membership_update(
        actor=world.coordinator,
        membership=world.professional_membership,
        roles=[Role.PROFESSIONAL, Role.COORDINATION_GROUP],
        organisation=world.unit,
    )
    body, _ = _dashboard(client, world)
    assert "Pirjo Pätevä" in _group_html(body)

    # Her name corrected: a person, shared by every network she is in.
    person = world.professional_membership.person
    services.person_update_details(
        actor=world.coordinator,
        person=person,
        display_name="Pirjo Uusinimi",
        phone="",
        network=world.network,
    )
    body, _ = _dashboard(client, world)
    assert "Pirjo Uusinimi" in _group_html(body)

    # The role ended again (a bulk update: no signal) takes her out.
    services.membership_update(
        actor=world.coordinator,
        membership=world.professional_membership,
        roles=[Role.PROFESSIONAL],
        organisation=world.unit,
    )
    body, _ = _dashboard(client, world)
    assert "Pirjo Uusinimi" not in _group_html(body)

    # The membership ended.
    services.membership_end(
        actor=world.coordinator, membership=world.group_membership, ends_on=None
    )
    body, _ = _dashboard(client, world)
    assert "Gunnar Grönlund" not in _group_html(body)

    # A change made outside the services (the admin): the signals move the version on.
    role = MembershipRole.objects.filter(
        membership=world.professional_membership, role=Role.PROFESSIONAL
    ).get()
    role.role = Role.COORDINATION_GROUP
    role.save()
    body, _ = _dashboard(client, world)
    assert "Pirjo Uusinimi" in _group_html(body)
