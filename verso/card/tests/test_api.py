import pytest

from verso.card import services
from verso.card.models import CardUse, ProviderToken
from verso.card.tests.factories import card_world
from verso.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(world):
    cw = card_world(world)
    _token, key = services.provider_token_create(
        actor=world.group, provider=cw.provider, name="till"
    )
    return key


def post(client, path, body, key=None, **headers):
    headers.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
    if key:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client.post("/api/v1" + path, body, content_type="application/json", **headers)


def test_offerings_are_public(client, world):
    cw = card_world(world)
    response = client.get(f"/api/v1/card/offerings?scheme_id={cw.scheme.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2 and {"items", "count", "page", "page_size"} <= set(data)
    assert {o["title_fi"] for o in data["items"]} == {"Taidetyöpaja", "Melontaretki"}
    assert {o["title_sv"] for o in data["items"]} == {"Konstverkstad", ""}


def test_a_provider_token_checks_and_redeems_once_per_idempotency_key(client, world, token):
    cw = card_world(world)
    checked = post(client, "/card/check", {"code": cw.code}, token)
    assert checked.status_code == 200 and checked.json()["status"] == "valid"
    body = {"code": cw.code, "offering_id": cw.quota_offering.pk, "children": 1}
    first = post(client, "/card/redeem", body, token, HTTP_IDEMPOTENCY_KEY="till-42")
    again = post(client, "/card/redeem", body, token, HTTP_IDEMPOTENCY_KEY="till-42")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert CardUse.objects.count() == 1
    # Over the quota of two places: 2 people took them already.
    third = post(client, "/card/redeem", {**body, "children": 0}, token)
    assert third.status_code == 422
    assert third.json()["detail"][0]["loc"] == ["body", "offering"]
    undone = post(client, "/card/undo", {"use_id": first.json()["id"]}, token)
    assert undone.status_code == 200 and undone.json()["undone"] is True
    entry = AuditEntry.objects.filter(action="card.use").latest("pk")
    assert entry.actor is None and entry.changes["via"].startswith("api:token:")


def test_a_token_reaches_only_its_own_providers_offerings(client, world, token):
    cw = card_world(world)
    other_scheme = services.scheme_create(
        actor=world.outsider, network=world.other_network, name="Other", area="X", terms="T"
    )
    provider = services.provider_add(
        actor=world.outsider, scheme=other_scheme, organisation=world.unit
    )
    theirs = services.offering_create(
        actor=world.outsider, provider=provider, title_fi="Theirs", place="P", schedule="S"
    )
    for offering_id in (theirs.pk, 10**9):
        response = post(
            client, "/card/redeem", {"code": cw.code, "offering_id": offering_id}, token
        )
        assert response.status_code == 422
        assert "offering" in str(response.json()["detail"])
    assert not CardUse.objects.exists()


def test_a_revoked_token_no_longer_works(client, world, token):
    cw = card_world(world)
    services.provider_token_revoke(actor=world.group, token=ProviderToken.objects.get())
    response = post(client, "/card/check", {"code": cw.code}, token)
    assert response.status_code == 401


def test_only_a_digest_of_the_token_is_kept(world, token):
    row = ProviderToken.objects.values().get()
    assert token not in str(row)


def test_malformed_and_unknown_codes_get_clear_answers(client, world, token):
    response = post(client, "/card/check", {"code": "nonsense"}, token)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "code"]
    unknown = post(client, "/card/check", {"code": "0" * 17}, token)
    assert unknown.json()["status"] == "unknown"


def test_provider_staff_may_use_their_session(client, world):
    cw = card_world(world)
    client.force_login(world.group)
    response = post(client, "/card/check", {"code": cw.code})
    assert response.status_code == 200 and response.json()["status"] == "valid"


def test_someone_who_is_not_provider_staff_is_refused(client, world):
    cw = card_world(world)
    client.force_login(world.professional)
    response = post(client, "/card/check", {"code": cw.code})
    assert response.status_code == 403


def test_checks_are_rate_limited_per_user(client, world, token, settings):
    cw = card_world(world)
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "card_check_user": "3/m"}
    statuses = [post(client, "/card/check", {"code": cw.code}, token).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_checks_are_rate_limited_per_address(client, world, settings):
    cw = card_world(world)
    settings.VERSO_RATE_LIMITS = {**settings.VERSO_RATE_LIMITS, "card_check": "2/m"}
    client.force_login(world.group)
    url = f"/en/card/schemes/{cw.scheme.pk}/redeem/"
    statuses = [
        client.post(
            url, {"provider": cw.provider.pk, "code": cw.code, "action": "check"}
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
