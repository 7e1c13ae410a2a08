import datetime
import json

import pytest
import time_machine
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from verso.accounts.services import api_token_create
from verso.accounts.tests.factories import TEST_PASSWORD, UserFactory
from verso.core.models import AuditEntry
from verso.networks import services as network_services
from verso.networks.choices import Role
from verso.networks.models import Membership, Person
from verso.privacy import inventory, services
from verso.privacy.models import Consent, Method, Purpose
from verso.privacy.retention import retention_run
from verso.privacy.subjects import EXPORT_SECTIONS, NOT_ABOUT_A_SUBJECT

pytestmark = pytest.mark.django_db

NAME = "Zyxwa Qwertyson"
EMAIL = "zyxwa.qwertyson@test.example"
PHONE = "+358 40 987 6543"


# The inventory -------------------------------------------------------------------------


def _fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            yield model, field


def test_inventory_classifies_every_field_of_every_model():
    missing = []
    for model, field in _fields():
        label = model._meta.label
        own = model.__module__.startswith("verso.")
        found = (
            inventory.explicitly_classified(label, field.name)
            if own
            else inventory.classify(label, field.name) is not None
        )
        if not found:
            missing.append(f"{label}.{field.name}")
    assert missing == []


def test_inventory_names_only_fields_that_exist():
    stale = []
    for key in inventory.INVENTORY:
        app_model, _, field = key.rpartition(".")
        app_label, model_name = app_model.split(".")
        if not apps.is_installed_label(app_label) if hasattr(apps, "is_installed_label") else False:
            continue
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue  # an optional app that is not installed
        if field != "*" and field not in {f.name for f in model._meta.concrete_fields}:
            stale.append(key)
    assert stale == []


def test_every_model_with_personal_data_is_exported_or_explained():
    personal_models = {key.rsplit(".", 1)[0] for key in inventory.personal_fields()}
    installed = {m._meta.label for m in apps.get_models()}
    unexplained = (personal_models & installed) - set(EXPORT_SECTIONS) - set(NOT_ABOUT_A_SUBJECT)
    assert unexplained == set()


# Export and erasure --------------------------------------------------------------------


def _person_touching_every_model(world, client):
    """A person with an account who has left a trace in every model that holds personal data."""
    user = UserFactory(email=EMAIL)
    client.force_login(user)  # a session row
    client.logout()
    client.post(reverse("accounts:login"), {"username": EMAIL, "password": "wrong password"})
    client.force_login(user)
    person = network_services.person_for_user(user)
    person.display_name = NAME
    person.phone = PHONE
    person.email = EMAIL
    person.competence_tags = ["drumming"]
    person.save()
    # a client-only membership in one network, a professional one in another
    client_m = network_services.membership_add(
        actor=world.coordinator, network=world.network, person=person, roles=[Role.CLIENT]
    )
    pro_m = network_services.membership_add(
        actor=world.outsider, network=world.other_network, person=person, roles=[Role.PROFESSIONAL]
    )
    services.consent_give(actor=user, person=person, purpose=Purpose.CONTACT_DETAILS)
    # an earlier address of the account, kept in the audit trail of the e-mail change
    from verso.core.audit import audit_record

    audit_record(
        actor=user,
        action="account.email_change",
        target=user,
        changes={"email": ["old.qwertyson@test.example", EMAIL]},
    )
    api_token_create(user=user, name=f"{NAME}'s laptop")
    LogEntry.objects.create(
        user=world.superuser,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        object_repr=NAME,
        action_flag=ADDITION,
    )
    if apps.is_installed("django_otp.plugins.otp_totp"):
        apps.get_model("otp_totp", "TOTPDevice").objects.create(
            user=user, name="phone", confirmed=True
        )
    # --- ideas ---
    if apps.is_installed("verso.ideas"):
        from verso.ideas import services as idea_services

        call = idea_services.idea_call_create(
            actor=user, network=world.network, title="Summer", question="What?"
        )
        idea, _token = idea_services.idea_submit(
            actor=user,
            call=call,
            text=f"{NAME} would like a garden.",
            proposer_name=NAME,
            proposer=person,
        )
        idea_services.idea_support(actor=user, idea=idea, person=person)
        idea_services.idea_comment_add(
            actor=user, idea=idea, author=person, text=f"Signed, {NAME}."
        )
    # --- events ---
    from verso.events.testing import events_activity, events_sign_up_and_work

    events_sign_up_and_work(events_activity(world), person, NAME, EMAIL, PHONE)
    # --- card ---
    from verso.card.tests.factories import touch_card_roles

    touch_card_roles(world, user, person)
    # --- plans ---
    if apps.is_installed("verso.plans"):
        _plans_trace(world, user, person)
    # --- methods ---
    if apps.is_installed("verso.methods"):
        from verso.methods.services import method_create
        from verso.methods.testing import METHOD_DATA

        method_create(actor=user, data={**METHOD_DATA, "name": "Privacy walk"})
    # --- embedding ---
    if apps.is_installed("verso.embedding"):
        from verso.embedding.tests.factories import touch_every_embedding_model

        touch_every_embedding_model(world, user, person, NAME)
    # --- evaluation --- a feedback answer where the person chose to give their name
    from verso.evaluation.testing import evaluation_link

    evaluation_link(world).answers.create(rating=5, name=NAME, text=f"Thanks from {NAME}!")
    from verso.evaluation.questionnaires import questionnaire_answer
    from verso.evaluation.testing import evaluation_questionnaire

    questionnaire = evaluation_questionnaire(world)
    last = questionnaire.questions.last()
    questionnaire_answer(questionnaire=questionnaire, data={last.pk: f"I am {NAME}."}, name=NAME)
    return user, person, client_m, pro_m


def _plans_trace(world, user, person):
    """Plans: a budget line the person answers for, a version they saved, a comment and an
    accepted gap they wrote, and their name in the plan's text and its kept versions."""
    from verso.plans.models import BudgetLine, GapAcceptance, Plan, PlanVersion, VersionComment

    plan = Plan.objects.create(
        network=world.other_network, title="Plan", need=f"{NAME} brings the drums."
    )
    BudgetLine.objects.create(plan=plan, item="Drums", amount=10, owner_person=person)
    version = PlanVersion.objects.create(
        plan=plan, number=1, author=user, snapshot={"budget_lines": [{"owner_person": NAME}]}
    )
    VersionComment.objects.create(version=version, author=user, text=f"I am {NAME}.")
    GapAcceptance.objects.create(plan=plan, gap="evaluation", reason="Later.", accepted_by=user)


def _columns_holding(needles: list[str]) -> list[str]:
    """Every text column of every table that still holds one of the needles."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                name = column.name
                for needle in needles:
                    # table and column names come from introspection, the needle is a parameter
                    sql = f'SELECT COUNT(*) FROM "{table}" WHERE LOWER(CAST("{name}" AS TEXT)) LIKE %s'  # noqa: E501, S608
                    cursor.execute(sql, [f"%{needle.lower()}%"])
                    if cursor.fetchone()[0]:
                        hits.append(f"{table}.{name} ∋ {needle}")
    return hits


def test_export_covers_every_model_and_erasure_leaves_no_trace(world, client):
    user, person, client_m, pro_m = _person_touching_every_model(world, client)
    data = services.person_export(actor=user, person=person)
    for label, section in EXPORT_SECTIONS.items():
        app_label = label.split(".")[0]
        if not any(m._meta.app_label == app_label for m in apps.get_models()):
            continue
        assert data.get(section), f"{label}: the export has no rows in {section!r}"
    dumped = json.dumps(data)
    assert NAME in dumped and EMAIL in dumped and PHONE in dumped
    assert _columns_holding([NAME, EMAIL, PHONE])  # the person is in the database now

    services.person_erase(actor=user, person=person)

    assert _columns_holding([NAME, EMAIL, PHONE, "Qwertyson", "old.qwertyson"]) == []
    assert not Membership.objects.filter(pk=client_m.pk).exists()  # client-only: deleted
    pro_m.refresh_from_db()
    assert pro_m.ends_on is not None and pro_m.person_id == person.pk  # history stays, anonymous
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert AuditEntry.objects.filter(action="person.erase", target_id=str(person.pk)).exists()


def test_erasure_waits_while_the_person_coordinates_an_active_network(world):
    person = Person.objects.get(user=world.coordinator)
    with pytest.raises(ValidationError) as err:
        services.person_erase(actor=world.coordinator, person=person)
    assert "hand coordination over first" in str(err.value)
    person.refresh_from_db()
    assert person.display_name == "Kaisa Koordinaattori"
    assert world.coordinator.is_active


def test_coordinator_exports_and_erases_a_member_without_an_account(client, world):
    membership = network_services.membership_add_new_person(
        actor=world.coordinator,
        network=world.network,
        display_name=NAME,
        phone=PHONE,
        roles=[Role.CLIENT],
        contact_consent=True,
    )
    client.force_login(world.coordinator)
    args = [world.network.pk, membership.pk]
    page = client.get(reverse("privacy:member_data", args=args)).content.decode()
    assert PHONE in page
    response = client.get(reverse("privacy:member_data_json", args=args))
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["person"]["phone"] == PHONE
    assert AuditEntry.objects.filter(action="person.export", actor=world.coordinator).exists()
    # erasure needs the confirmation box
    response = client.post(reverse("privacy:member_erase", args=args), {})
    assert response.status_code == 200
    assert Person.objects.filter(display_name=NAME).exists()
    response = client.post(reverse("privacy:member_erase", args=args), {"confirm": "on"})
    assert response.status_code == 302
    assert not Person.objects.filter(display_name=NAME).exists()
    assert _columns_holding([NAME, PHONE]) == []


def test_coordinator_cannot_export_or_erase_a_member_who_has_an_account(client, world):
    client.force_login(world.coordinator)
    args = [world.network.pk, world.professional_membership.pk]
    assert client.get(reverse("privacy:member_data_json", args=args)).status_code == 403
    assert (
        client.post(reverse("privacy:member_erase", args=args), {"confirm": "on"}).status_code
        == 403
    )
    page = client.get(reverse("privacy:member_data", args=args)).content.decode()
    assert "their own My data page" in page


def test_people_see_download_and_erase_their_own_data(client, world):
    client.force_login(world.professional)
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Pirjo Pätevä" in page
    assert world.network.name in page
    export = json.loads(client.get(reverse("privacy:my_data_json")).content)
    assert export["account"]["email"] == world.professional.email
    assert export["account"]["language"] == ""  # --- followups --- none chosen yet
    # the password is asked again
    response = client.post(reverse("privacy:my_erase"), {"password": "wrong", "confirm": "on"})
    assert "The password is not correct." in response.content.decode()
    assert Person.objects.filter(display_name="Pirjo Pätevä").exists()
    response = client.post(
        reverse("privacy:my_erase"), {"password": TEST_PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(display_name="Pirjo Pätevä").exists()
    assert client.get(reverse("networks:list")).status_code == 302  # logged out
    client.post(
        reverse("accounts:login"),
        {"username": "professional@test.example", "password": TEST_PASSWORD},
    )
    assert "_auth_user_id" not in client.session


def test_the_coordinator_is_told_why_erasing_themselves_must_wait(client, world):
    client.force_login(world.coordinator)
    body = client.get(reverse("privacy:my_erase")).content.decode()
    assert "hand coordination over first" in body
    client.post(reverse("privacy:my_erase"), {"password": TEST_PASSWORD, "confirm": "on"})
    assert Person.objects.filter(display_name="Kaisa Koordinaattori").exists()


# Consent -------------------------------------------------------------------------------


def test_contact_details_need_consent_when_adding_a_member(client, world):
    client.force_login(world.coordinator)
    url = reverse("networks:member_add", args=[world.network.pk])
    payload = {
        "kind": "person",
        "display_name": "Tapsa",
        "phone": PHONE,
        "roles": [Role.CLIENT],
        "starts_on": "2026-01-15",
    }
    response = client.post(url, payload)
    assert "Contact details are kept only with the person" in response.content.decode()
    assert not Person.objects.filter(display_name="Tapsa").exists()
    response = client.post(url, {**payload, "contact_consent": "on"})
    assert response.status_code == 302
    person = Person.objects.get(display_name="Tapsa")
    consent = Consent.objects.get(person=person, purpose=Purpose.CONTACT_DETAILS)
    assert consent.method == Method.ON_BEHALF
    assert consent.recorded_by == world.coordinator
    assert consent.notice.version == 1


def test_withdrawing_contact_consent_removes_the_contact_details_at_once(client, world):
    membership = network_services.membership_add_new_person(
        actor=world.coordinator,
        network=world.network,
        display_name="Tapsa",
        phone=PHONE,
        email=EMAIL,
        roles=[Role.CLIENT],
        contact_consent=True,
    )
    client.force_login(world.coordinator)
    response = client.post(
        reverse("privacy:member_consent", args=[world.network.pk, membership.pk]),
        {"purpose": Purpose.CONTACT_DETAILS, "action": "withdraw"},
    )
    assert response.status_code == 302
    membership.person.refresh_from_db()
    assert membership.person.phone == "" and membership.person.email == ""
    consent = Consent.objects.get(person=membership.person)
    assert consent.withdrawn_at is not None
    assert AuditEntry.objects.filter(action="consent.withdraw").exists()


def test_people_give_and_withdraw_their_own_consents(client, world):
    client.force_login(world.client)
    url = reverse("privacy:my_consent")
    client.post(url, {"purpose": Purpose.PHOTOS, "action": "give"})
    person = Person.objects.get(user=world.client)
    assert Consent.objects.get(person=person, purpose=Purpose.PHOTOS).method == Method.SELF
    client.post(url, {"purpose": Purpose.PHOTOS, "action": "give"})  # twice: still one open
    assert Consent.objects.filter(person=person, withdrawn_at__isnull=True).count() == 1
    client.post(url, {"purpose": Purpose.PHOTOS, "action": "withdraw"})
    assert not Consent.objects.filter(person=person, withdrawn_at__isnull=True).exists()
    response = client.post(url, {"purpose": "everything", "action": "give"}, follow=True)
    assert "Nothing was changed." in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "text"),
    [("", "Rekisterinpitäjä"), ("/sv", "Personuppgiftsansvarig"), ("/en", "The controller")],
)
def test_privacy_notice_in_each_language(client, prefix, text):
    response = client.get(f"{prefix}/privacy/")
    assert response.status_code == 200
    assert text in response.content.decode()


def test_accessibility_statement_has_a_feedback_channel(client, settings):
    body = client.get("/en/accessibility/").content.decode()
    assert "Accessibility statement" in body
    assert f"mailto:{settings.ACCESSIBILITY_FEEDBACK_EMAIL}" in body


# Retention -----------------------------------------------------------------------------


def test_retention_anonymises_ended_members_without_accounts_after_the_set_time(world, settings):
    settings.RETENTION_ENDED_MEMBER_DAYS = 365
    membership = network_services.membership_add_new_person(
        actor=world.coordinator,
        network=world.network,
        display_name=NAME,
        phone=PHONE,
        roles=[Role.PARTNER],
        contact_consent=True,
    )
    network_services.membership_end(actor=world.coordinator, membership=membership)
    ended = timezone.localdate()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=300)):
        assert retention_run()["ended_members_without_account"] == 0
    assert Person.objects.filter(display_name=NAME).exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        assert retention_run(dry_run=True)["ended_members_without_account"] == 1
        assert Person.objects.filter(display_name=NAME).exists()
        assert retention_run()["ended_members_without_account"] == 1
    assert _columns_holding([NAME, PHONE]) == []
    membership.refresh_from_db()
    assert membership.ends_on == ended
    # members with accounts and current members are untouched
    assert Person.objects.filter(display_name="Pirjo Pätevä").exists()


def test_retention_deletes_old_audit_entries_and_login_failures(world, client, settings):
    client.post(reverse("accounts:login"), {"username": "someone@test.example", "password": "x"})
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.exists()
    before = AuditEntry.objects.count()
    with time_machine.travel(
        timezone.now() + datetime.timedelta(days=settings.RETENTION_LOGIN_ATTEMPTS_DAYS + 1)
    ):
        result = retention_run()
    assert result["login_failures"] >= 1
    assert not AccessAttempt.objects.exists()
    assert AuditEntry.objects.count() >= before  # audit entries are kept for years
    with time_machine.travel(
        timezone.now() + datetime.timedelta(days=settings.RETENTION_AUDIT_DAYS + 1)
    ):
        retention_run()
    assert not AuditEntry.objects.filter(
        created_at__lt=timezone.now() - datetime.timedelta(days=1)
    ).exists()


def test_retention_runs_as_a_task_and_a_command(world, capsys):
    from django.core.management import call_command

    from verso.privacy.tasks import retention_run_task

    result = retention_run_task.enqueue()
    assert result.return_value == {
        "ended_members_without_account": 0,
        "audit_entries": 0,
        "login_failures": 0,
        "idea_contacts": 0,  # --- ideas ---
        "signup_contacts": 0,  # --- events ---
        "feedback_names": 0,  # --- evaluation ---
    }
    call_command("retention_run", "--dry-run")
    assert "audit_entries: 0 (dry run)" in capsys.readouterr().out


def test_the_inventory_prints_every_personal_field_for_the_operator(capsys):
    from django.core.management import call_command

    call_command("privacy_inventory")
    out = capsys.readouterr().out
    for key in inventory.personal_fields():
        assert f"`{key}`" in out
    assert "| `networks.MembershipRole.role` | client_status |" in out


def test_people_correct_their_own_name_and_phone_with_consent(client, world):
    client.force_login(world.client)
    url = reverse("privacy:my_details")
    response = client.post(url, {"display_name": "Cilla", "phone": PHONE})
    assert "Contact details are kept only with the person" in response.content.decode()
    person = Person.objects.get(user=world.client)
    assert person.display_name == "Cecilia Cederberg" and person.phone == ""
    response = client.post(url, {"display_name": "Cilla", "phone": PHONE, "contact_consent": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.display_name, person.phone) == ("Cilla", PHONE)
    assert Consent.objects.get(person=person, purpose=Purpose.CONTACT_DETAILS).method == Method.SELF
    assert AuditEntry.objects.filter(action="person.update", target_id=str(person.pk)).exists()


def test_coordinator_corrects_the_details_of_a_member_without_an_account(client, world):
    membership = network_services.membership_add_new_person(
        actor=world.coordinator, network=world.network, display_name="Tapsa", roles=[Role.CLIENT]
    )
    client.force_login(world.coordinator)
    url = reverse("networks:member_edit", args=[world.network.pk, membership.pk])
    assert 'name="phone"' in client.get(url).content.decode()
    payload = {"display_name": "Tapio", "phone": PHONE, "roles": [Role.CLIENT]}
    response = client.post(url, payload)
    assert "Contact details are kept only with the person" in response.content.decode()
    membership.person.refresh_from_db()
    assert membership.person.display_name == "Tapsa"  # nothing changed, roles neither
    response = client.post(url, {**payload, "contact_consent": "on"})
    assert response.status_code == 302
    membership.person.refresh_from_db()
    assert (membership.person.display_name, membership.person.phone) == ("Tapio", PHONE)
    # a member with an account corrects their own details: the coordinator's form has none
    pro_url = reverse(
        "networks:member_edit", args=[world.network.pk, world.professional_membership.pk]
    )
    assert 'name="phone"' not in client.get(pro_url).content.decode()


# --- meetings ---
_person_touching_every_model_before_meetings = _person_touching_every_model


def _person_touching_every_model(world, client):  # noqa: F811  # extends the helper above
    user, person, client_m, pro_m = _person_touching_every_model_before_meetings(world, client)
    from verso.meetings.tests.factories import touch_every_meetings_model

    touch_every_meetings_model(world, person)
    return user, person, client_m, pro_m
