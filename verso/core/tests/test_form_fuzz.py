"""Hypothesis-generated garbage to every form: never a server error.

Each form gets posted dictionaries of its own field names (and stray ones) with random
text, numbers, lists and control characters. The answer is the form again with errors, a
redirect after a valid submission, or a refusal — never a 5xx."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verso.events.testing import events_activity  # --- events ---
from verso.networks.choices import Role
from verso.networks.services import membership_add_new_person

FORMS = {
    "networks:create": (
        {},
        ["name", "municipality", "goal", "description", "phase", "target_groups", "organisation"],
    ),
    "networks:edit": (
        {"network_id": "network"},
        ["name", "municipality", "goal", "description", "phase", "status", "target_groups"],
    ),
    "networks:member_add": (
        {"network_id": "network"},
        [
            "kind",
            "account_email",
            "display_name",
            "email",
            "phone",
            "contact_consent",
            "organisation",
            "roles",
            "competences",
            "competence_tags",
            "starts_on",
        ],
    ),
    "networks:member_edit": (
        {"network_id": "network", "membership_id": "membership"},
        ["organisation", "roles", "competences", "competence_tags"],
    ),
    "networks:member_edit guest": (
        {"network_id": "network", "membership_id": "guest"},
        [
            "display_name",
            "email",
            "phone",
            "contact_consent",
            "organisation",
            "roles",
            "competences",
            "competence_tags",
        ],
    ),
    "networks:member_end": ({"network_id": "network", "membership_id": "membership"}, ["ends_on"]),
    "networks:handover": ({"network_id": "network"}, ["to", "keep_previous_in_group"]),
    "networks:organisation_create": (
        {},
        ["name", "sector", "is_project", "ends_on", "parent", "municipality", "description"],
    ),
    "networks:organisation_edit": (
        {"organisation_id": "organisation"},
        ["name", "sector", "is_project", "ends_on", "parent", "municipality", "description"],
    ),
    "accounts:tokens": ({}, ["name"]),
    "accounts:email_change": ({}, ["email", "password"]),
    "accounts:password_change": ({}, ["old_password", "new_password1", "new_password2"]),
    "privacy:my_consent": ({}, ["purpose", "action"]),
    "privacy:my_details": ({}, ["display_name", "phone", "contact_consent"]),
    "privacy:member_consent": (
        {"network_id": "network", "membership_id": "membership"},
        ["purpose", "action", "method"],
    ),
    "privacy:member_erase": ({"network_id": "network", "membership_id": "guest"}, ["confirm"]),
    # --- plans ---
    "plans:create": (
        {"network_id": "network"},
        [
            "title",
            "need",
            "target_groups",
            "target_description",
            "competence",
            "budget_notes",
            "operating_model",
            "activity",
            "evaluation",
        ],
    ),
    "plans:edit": (
        {"network_id": "network", "plan_id": "plan"},
        [
            "title",
            "need",
            "target_groups",
            "target_description",
            "competence",
            "budget_notes",
            "operating_model",
            "activity",
            "evaluation",
        ],
    ),
    "plans:budget_line_add": (
        {"network_id": "network", "plan_id": "plan"},
        ["item", "amount", "owner_organisation", "owner_person", "status", "funding_source"],
    ),
    "plans:budget_line_edit": (
        {"network_id": "network", "plan_id": "plan", "line_id": "line"},
        ["item", "amount", "owner_organisation", "owner_person", "status", "funding_source"],
    ),
    "plans:readiness": ({"network_id": "network", "plan_id": "plan"}, ["gap", "reason", "action"]),
    "plans:version": (
        {"network_id": "network", "plan_id": "plan", "version_id": "version"},
        ["text"],
    ),
    "plans:phase": ({"network_id": "network"}, ["phase"]),
    "plans:ideas": ({"network_id": "network", "plan_id": "plan"}, ["idea"]),
    # --- ideas ---
    "ideas:call_public": (
        {"code": "call_code"},
        ["text", "photo_alt", "proposer_name", "email", "phone", "contact_consent", "website"],
    ),
    "ideas:create": (
        {"network_id": "network"},
        [
            "call",
            "text",
            "photo_alt",
            "proposer_name",
            "email",
            "phone",
            "contact_consent",
            "assisted",
        ],
    ),
    "ideas:comment": ({"network_id": "network", "idea_id": "idea"}, ["text"]),
    "ideas:support": ({"network_id": "network", "idea_id": "idea"}, ["action"]),
    "ideas:triage": (
        {"network_id": "network", "idea_id": "idea"},
        ["status", "reason", "merged_into"],
    ),
    "ideas:moderate": ({"network_id": "network", "idea_id": "idea"}, ["reason", "action"]),
    "ideas:comment_hide": (
        {"network_id": "network", "idea_id": "idea", "comment_id": "idea_comment"},
        ["reason"],
    ),
    "ideas:call_create": (
        {"network_id": "network"},
        ["title", "question", "opens_on", "closes_on", "target_groups"],
    ),
    "ideas:call_edit": (
        {"network_id": "network", "call_id": "idea_call"},
        ["title", "question", "opens_on", "closes_on", "target_groups"],
    ),
    "ideas:follow": ({"token": "follow_token"}, ["action"]),
    # --- events ---
    "events:create": (
        {"network_id": "network"},
        [
            "type",
            "status",
            "language",
            "title",
            "starts_at",
            "ends_at",
            "capacity",
            "place",
            "organisers",
            "target_groups",
            "recurrence",
            "recurrence_until",
            "group_limit",
        ],
    ),
    "events:place_create": (
        {"network_id": "network"},
        ["name", "address", "latitude", "longitude", "setting", "languages"],
    ),
    "events:public_detail": (
        {"activity_id": "activity"},
        ["kind", "name", "email", "phone", "group_size", "access_needs"],
    ),
    "events:outcome": (
        {"network_id": "network", "activity_id": "activity"},
        ["taking_part", "following", "unnamed_clients", "notes"],
    ),
    "events:work_submit": (
        {"network_id": "network", "activity_id": "activity"},
        ["community", "title", "alt_text", "creator", "credit", "credit_text", "people_shown"],
    ),
}

# --- meetings ---
_VENUE = ["kind", "mode", "place", "online_url"]
FORMS.update(
    {
        "meetings:create": (
            {"network_id": "network"},
            ["title", *_VENUE, "starts_at", "ends_at", "agenda", "method", "competence"],
        ),
        "meetings:item_create": ({"network_id": "network"}, ["title", "owner", "due_on"]),
        "meetings:series_create": (
            {"network_id": "network"},
            ["title", *_VENUE, "starts_at", "duration_minutes", "rrule", "exdates", "agenda"],
        ),
        "meetings:poll_create": (
            {"network_id": "network"},
            ["title", *_VENUE, "duration_minutes", "slots"],
        ),
    }
)
# --- evaluation ---
FORMS.update(
    {
        "evaluation:answer": ({"code": "feedback_code"}, ["rating", "text", "name"]),
        "evaluation:paper": (
            {"network_id": "network", "link_id": "feedback_link"},
            ["rating", "text", "name"],
        ),
        "evaluation:tokens": ({"network_id": "network", "link_id": "feedback_link"}, ["count"]),
        "evaluation:link_create": ({"network_id": "network"}, ["target", "one_per_link"]),
        "evaluation:evaluation_create": (
            {"network_id": "network"},
            [
                "target",
                "evaluated_on",
                "goal_met",
                "worked",
                "did_not_work",
                "participants_said",
                "decision",
                "next_step",
                "owner",
                "due_on",
            ],
        ),
        "evaluation:measurement_create": ({"network_id": "network"}, ["title", "instrument"]),
        "evaluation:measure_answer": (
            {"code": "measure_code"},
            ["phase", "code", "item_welcome", "item_heard", "item_useful", "item_alone"],
        ),
        "evaluation:instrument_import": ({}, ["text"]),  # the operator's: 403 here
        "evaluation:questionnaire_create": (
            {"network_id": "network"},
            ["title", "intro", "questions", "is_template"],
        ),
        "evaluation:questionnaire_use_template": ({"network_id": "network"}, ["template"]),
        "evaluation:questionnaire_answer": ({"code": "questionnaire_code"}, ["name", "q1", "q2"]),
    }
)


# --- embedding ---
FORMS.update(
    {
        "embedding:link_add": ({"network_id": "network"}, ["kind", "title", "url"]),
        "embedding:confirm": ({"network_id": "network"}, ["confirmed", "note"]),
        "embedding:communication_add": (
            {"network_id": "network"},
            ["what", "channel", "communicated_on", "audience"],
        ),
        "embedding:rotation_settings": (
            {"network_id": "network"},
            ["max_responsibilities", "max_months"],
        ),
        "embedding:handbook_edit": (
            {"network_id": "network", "section": "handbook_section"},
            ["text"],
        ),
        "networks:handover with a note": (
            {"network_id": "network"},
            ["to", "keep_previous_in_group", "note"],
        ),
    }
)
# --- followups ---
FORMS.update(
    {
        "accounts:language": ({}, ["language"]),
        "card:staff_end": ({"scheme_id": "card_scheme", "staff_id": "card_staff"}, ["confirm"]),
    }
)

scalar = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "on",
            "true",
            "2026-02-30",
            "9999-12-31",
            "1.5",
            "[]",
            "{}",
            "coordinator",
            "client",
            "social_health",
            "nature",
            "person",
            "account",
        ]
    ),
)
value = st.one_of(scalar, st.lists(scalar, max_size=4))


def payload(fields):
    keys = st.one_of(st.sampled_from(fields), st.text(min_size=1, max_size=12))
    return st.dictionaries(keys, value, max_size=len(fields) + 2)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_garbage_to_a_form_is_never_a_server_error(world, name):
    kwargs_keys, fields = FORMS[name]
    guest = membership_add_new_person(
        actor=world.coordinator, network=world.network, display_name="Guest", roles=[Role.PARTNER]
    )
    ids = {
        "network": world.network.pk,
        "membership": world.professional_membership.pk,
        "organisation": world.organisation.pk,
        "guest": guest.pk,
        "activity": events_activity(world).pk,  # events
    }
    # --- ideas --- other objects by the access matrix's OBJECTS names
    from verso.core.tests.test_access_matrix import OBJECTS

    kwargs = {k: ids[v] if v in ids else OBJECTS[v](world) for k, v in kwargs_keys.items()}
    url = reverse(name.split()[0], kwargs=kwargs)
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=payload(fields))
    def post(data):
        data = {k.replace("\x00", ""): v for k, v in data.items()}
        response = client.post(url, data)
        assert response.status_code < 500, (url, data, response.status_code)
        assert response.status_code in {200, 302, 400, 403, 404, 429}, (url, data)

    post()


# --- card ---
# The card's forms, on the card scheme of the world's network, each posted by a user who
# may use it (verso/card/tests/factories.py).
from hypothesis import settings as hypothesis_settings  # noqa: E402

from verso.card.tests.factories import card_world  # noqa: E402

CARD_SCHEME_FIELDS = ["name", "area", "validity_days", "max_children", "asks_gender", "is_active"]
CARD_OFFERING_FIELDS = [
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "place",
    "address",
    "schedule",
    "daily_quota",
    "booking_needed",
    "booking_info",
    "is_active",
]
CARD_FORMS = {
    "card:scheme_create": ("coordinator", None, ["network", "terms", *CARD_SCHEME_FIELDS]),
    "card:scheme_edit": ("coordinator", "scheme", CARD_SCHEME_FIELDS),
    "card:terms": ("coordinator", "scheme", ["text"]),
    "card:unit_add": ("coordinator", "scheme", ["organisation"]),
    "card:provider_add": ("coordinator", "scheme", ["organisation", "adult_companion_allowed"]),
    "card:staff_add": ("coordinator", "scheme", ["email", "role", "organisation"]),
    "card:issue": ("professional", "scheme", ["unit", "age_group", "gender", "life_situation"]),
    "card:revoke": ("professional", "scheme", ["reference", "replace"]),
    "card:redeem": (
        "group",
        "scheme",
        ["provider", "code", "offering", "children", "adults", "action", "submission"],
    ),
    "card:provider_join": (
        "group",
        "provider",
        ["terms_version", "accept", "contact", "adult_companion_allowed"],
    ),
    "card:offering_create": ("group", "provider", CARD_OFFERING_FIELDS),
    "card:offering_edit": ("group", "offering", CARD_OFFERING_FIELDS),
    "card:token_create": ("group", "provider", ["name"]),
}


@pytest.mark.parametrize("name", sorted(CARD_FORMS))
def test_garbage_to_a_card_form_is_never_a_server_error(world, name, settings):
    settings.RATELIMIT_ENABLE = False
    role, target, fields = CARD_FORMS[name]
    cw = card_world(world)
    ids = {"scheme": cw.scheme.pk, "provider": cw.provider.pk, "offering": cw.offering.pk}
    kwargs = {f"{target}_id": ids[target]} if target else {}
    url = reverse(name, kwargs=kwargs)
    client = Client(raise_request_exception=False)
    client.force_login(world.user(role))

    @hypothesis_settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=payload(fields))
    def post(data):
        data = {k.replace("\x00", ""): v for k, v in data.items()}
        response = client.post(url, data)
        assert response.status_code < 500, (url, data, response.status_code)
        assert response.status_code in {200, 302, 400, 403, 404, 429}, (url, data)

    post()


# --- methods ---
# The methods library's forms, posted by the world's coordinator.
from verso.methods import testing as methods_testing  # noqa: E402

METHOD_FIELDS = [
    "language",
    "name",
    "description",
    "kind",
    "competence",
    "competence_notes",
    "materials",
    "safety",
    "target_groups",
    "duration_minutes",
    "evidence_links",
    "name_sv",
    "description_sv",
    "name_en",
]
METHOD_FORMS = {
    "methods:create": (lambda w: {}, METHOD_FIELDS),
    "methods:edit": (lambda w: {"method_id": methods_testing.methods_method(w).pk}, METHOD_FIELDS),
    "methods:import": (lambda w: {}, ["file", "on_duplicate"]),
    "methods:activity_uses": (
        lambda w: {"network_id": w.network.pk, "activity_id": events_activity(w).pk},
        ["methods"],
    ),
    "methods:meeting_uses": (
        lambda w: {
            "network_id": w.network.pk,
            "meeting_id": methods_testing.methods_training(w).pk,
        },
        ["methods"],
    ),
}


@pytest.mark.parametrize("name", sorted(METHOD_FORMS))
def test_garbage_to_a_methods_form_is_never_a_server_error(world, name, settings):
    settings.RATELIMIT_ENABLE = False
    kwargs_of, fields = METHOD_FORMS[name]
    methods_testing.methods_method(world)
    url = reverse(name, kwargs=kwargs_of(world))
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)

    @hypothesis_settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=payload(fields))
    def post(data):
        data = {k.replace("\x00", ""): v for k, v in data.items()}
        response = client.post(url, data)
        assert response.status_code < 500, (url, data, response.status_code)
        assert response.status_code in {200, 302, 400, 403, 404, 429}, (url, data)

    post()
