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


def _members(client, world, query: str = "") -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("networks:members", args=[world.network.pk]) + query)
    assert response.status_code == 200
    body = response.content.decode()
    start = body.index('id="member-results"')
    return body[start : body.index("</main>", start) if "</main>" in body else None], len(
        ctx.captured_queries
    )


def test_the_member_list_is_cached_per_viewer_level_and_query(client, world):
    from django.test import Client

    coordinator = Client()
    coordinator.force_login(world.coordinator)
    professional = Client()
    professional.force_login(world.professional)
    cold, cold_queries = _members(coordinator, world)
    warm, warm_queries = _members(coordinator, world)
    assert warm == cold and "Cecilia Cederberg" in warm  # the client, for the coordinator
    assert warm_queries < cold_queries
    # Someone below the coordination group never gets the coordinator's cached rows.
    theirs, _ = _members(professional, world)
    assert "Cecilia Cederberg" not in theirs and "Pirjo Pätevä" in theirs
    # Another query string, other results.
    filtered, _ = _members(coordinator, world, "?q=Gunnar")
    assert "Gunnar Grönlund" in filtered and "Pirjo Pätevä" not in filtered
    # A change shows at once.
    services.membership_end(actor=world.coordinator, membership=world.client_membership)
    after, _ = _members(coordinator, world)
    assert "Cecilia Cederberg" not in after
