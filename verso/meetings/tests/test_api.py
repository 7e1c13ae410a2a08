import datetime

import pytest
from django.utils import timezone

from verso.meetings.tests.factories import future

pytestmark = pytest.mark.django_db


def api(client, method, path, body=None):
    url = "/api/v1" + path
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, data=body or {}, content_type="application/json")


def test_the_whole_cycle_through_the_api(client, world):
    client.force_login(world.coordinator)
    n = world.network.pk
    slots = [future(d).isoformat() for d in (8, 9, 10)]
    poll = api(
        client, "post", f"/networks/{n}/polls", {"title": "P", "place": "Hall", "slots": slots}
    )
    assert poll.status_code == 201, poll.content
    poll = poll.json()
    slot = poll["slots"][0]["id"]
    vote = api(
        client,
        "post",
        f"/networks/{n}/polls/{poll['id']}/votes",
        {"answers": {str(slot): "if_need_be"}},
    )
    assert vote.json()["slots"][0]["if_need_be"] == 1
    meeting = api(
        client, "post", f"/networks/{n}/polls/{poll['id']}/close", {"slot_id": slot}
    ).json()
    closed = api(
        client, "post", f"/networks/{n}/polls/{poll['id']}/votes", {"answers": {str(slot): "yes"}}
    )
    assert closed.status_code == 422 and "poll" in str(closed.json())
    m = f"/networks/{n}/meetings/{meeting['id']}"
    invited = api(
        client,
        "post",
        m + "/invitations",
        {"organisation_ids": [world.organisation.pk], "client_unit_ids": [world.unit.pk]},
    )
    assert invited.status_code == 201, invited.content
    assert {i["person_name"] for i in invited.json()} == {"Gunnar Grönlund", "Cecilia Cederberg"}
    client.force_login(world.client)
    reply = api(client, "post", m + "/reply", {"reply": "maybe", "note": "Wheelchair access"})
    assert reply.json()["reply"] == "maybe"
    client.force_login(world.professional)
    assert api(client, "post", m + "/reply", {"reply": "yes"}).status_code == 422  # not invited
    client.force_login(world.coordinator)
    assert api(client, "put", m + "/minutes", {"notes": "N", "decisions": ["D1", "D2"]}).json()[
        "decisions"
    ] == ["D1", "D2"]
    due = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    item = api(
        client,
        "post",
        f"/networks/{n}/action-items",
        {
            "title": "T",
            "due_on": due,
            "owner_organisation_id": world.unit.pk,
            "meeting_id": meeting["id"],
        },
    )
    assert item.status_code == 201, item.content
    board = api(client, "get", f"/networks/{n}/action-items?organisation_id={world.unit.pk}").json()
    assert board["count"] == 1
    client.force_login(world.professional)  # their organisation owns the item
    done = api(
        client, "patch", f"/networks/{n}/action-items/{item.json()['id']}", {"status": "done"}
    )
    assert done.json()["status"] == "done"
    client.force_login(world.coordinator)
    series = api(
        client,
        "post",
        f"/networks/{n}/series",
        {
            "title": "RT",
            "starts_at": future(1).isoformat(),
            "rrule": "RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=3",
            "place": "Hall",
            "exdates": [],
        },
    )
    assert series.status_code == 201 and len(series.json()["meeting_ids"]) == 3
    assert api(client, "get", f"/networks/{n}/series").json()["count"] == 1
    assert api(client, "get", f"/networks/{n}/meetings").json()["count"] == 4
    client.force_login(world.client)
    assert api(client, "get", f"/networks/{n}/meetings").json()["count"] == 1  # invited only
