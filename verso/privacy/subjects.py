"""What Verso's own core (accounts, networks, audit, consent, sessions, login throttling,
two-factor devices) holds about a person: its exporter, eraser and erasure blocker."""

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.core.models import AuditEntry
from verso.networks.choices import NetworkStatus, Role
from verso.networks.models import Membership, MembershipRole, Person, current_q
from verso.privacy import registry

# Which export section carries each model that holds personal data about a person.
EXPORT_SECTIONS = {
    "accounts.User": "account",
    "accounts.ApiToken": "api_tokens",
    "networks.Person": "person",
    "networks.Membership": "memberships",
    "networks.MembershipRole": "memberships",
    "core.AuditEntry": "audit_entries",
    "privacy.Consent": "consents",
    "sessions.Session": "sessions",
    "axes.AccessAttempt": "login_failures",
    "axes.AccessFailureLog": "login_failures",
    "otp_totp.TOTPDevice": "two_factor_devices",
    # --- ideas ---
    "ideas.IdeaCall": "idea_calls",
    "ideas.Idea": "ideas",
    "ideas.IdeaSupport": "idea_supports",
    "ideas.IdeaComment": "idea_comments",
    # --- meetings ---
    "meetings.Invitation": "meeting_invitations",
    "meetings.Attendance": "meeting_attendance",
    "meetings.PollVote": "time_poll_votes",
    "meetings.ActionItem": "action_items",
    "meetings.OutgoingMail": "meeting_mail",
    "meetings.CalendarFeed": "calendar_feed",
    # --- card ---
    "card.Staff": "card_roles",
    "card.Provider": "card_roles",
}

# Models with personal fields that are not about one data subject, and why.
NOT_ABOUT_A_SUBJECT = {
    "networks.Network": "The goal and description are the network's text, not a person's data.",
    "admin.LogEntry": "The operator's own admin log; object names in it are scrubbed on erasure.",
    "axes.AccessLog": "Not written: AXES_DISABLE_ACCESS_LOG is on.",
    # --- meetings ---
    "meetings.Meeting": "The agenda and notes are the network's text, not a person's data.",
    "meetings.MeetingSeries": "The standing agenda is the network's text.",
    "meetings.Material": "Files shared for a meeting are the network's material.",
    "meetings.Decision": "Decisions are the network's record.",
    # --- card ---
    "card.Card": "A card names no one: no name, identity code or address, only the "
    "statistical background; its uses are shown only behind the holder's secret link.",
    "card.ProviderToken": "A provider's token, not a person's: only its digest is kept.",
}


def _dt(value):
    return value.isoformat() if value else None


def _user_sessions(user):
    if user is None:
        return []
    found = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            found.append(session)
    return found


def _otp_devices(user):
    if user is None or not apps.is_installed("django_otp.plugins.otp_totp"):
        return []
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    return list(TOTPDevice.objects.filter(user=user))


def _axes_rows(email: str):
    if not email:
        return []
    from axes.models import AccessAttempt, AccessFailureLog

    rows = []
    for model in (AccessAttempt, AccessFailureLog):
        rows += [
            {"when": _dt(r.attempt_time), "ip_address": r.ip_address, "path": r.path_info}
            for r in model.objects.filter(username__iexact=email)
        ]
    return rows


def _about_person_q(person: Person) -> Q:
    membership_ids = [
        str(pk) for pk in Membership.objects.filter(person=person).values_list("pk", flat=True)
    ]
    q = Q(target_type="networks.person", target_id=str(person.pk)) | Q(
        target_type="networks.membership", target_id__in=membership_ids
    )
    if person.user_id:
        q |= Q(actor_id=person.user_id)
    return q


def export_core(person: Person) -> dict:
    user = person.user
    memberships = (
        Membership.objects.filter(person=person)
        .select_related("network", "organisation")
        .prefetch_related("roles")
        .order_by("starts_on", "pk")
    )
    data = {
        "person": {
            "display_name": person.display_name,
            "email": person.email,
            "phone": person.phone,
            "competences": person.competences,
            "competence_tags": person.competence_tags,
            "created_at": _dt(person.created_at),
        },
        "memberships": [
            {
                "network": m.network.name,
                "organisation": m.organisation.name if m.organisation else None,
                "starts_on": str(m.starts_on),
                "ends_on": str(m.ends_on) if m.ends_on else None,
                "roles": [
                    {
                        "role": r.role,
                        "starts_on": str(r.starts_on),
                        "ends_on": str(r.ends_on) if r.ends_on else None,
                    }
                    for r in m.roles.all()
                ],
            }
            for m in memberships
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "notice_version": c.notice.version,
                "method": c.method,
                "given_at": _dt(c.given_at),
                "withdrawn_at": _dt(c.withdrawn_at),
            }
            for c in person.consents.select_related("notice").order_by("given_at")
        ],
        "audit_entries": [
            {
                "when": _dt(e.created_at),
                "action": e.action,
                "summary": e.summary,
                "by_you": e.actor_id == person.user_id,
            }
            for e in AuditEntry.objects.filter(_about_person_q(person)).order_by("created_at", "pk")
        ],
    }
    if user is not None:
        data["account"] = {
            "email": user.email,
            "date_joined": _dt(user.date_joined),
            "last_login": _dt(user.last_login),
            "is_active": user.is_active,
            "language": user.language,  # --- followups ---
        }
        data["api_tokens"] = [
            {
                "name": t.name,
                "created_at": _dt(t.created_at),
                "last_used_at": _dt(t.last_used_at),
                "revoked_at": _dt(t.revoked_at),
            }
            for t in user.api_tokens.order_by("created_at")
        ]
        data["sessions"] = [{"expires": _dt(s.expire_date)} for s in _user_sessions(user)]
        data["two_factor_devices"] = [
            {"name": d.name, "confirmed": d.confirmed} for d in _otp_devices(user)
        ]
        data["login_failures"] = _axes_rows(user.email)
    return data


def erasure_blockers_core(person: Person) -> list[str]:
    reasons = []
    coordinating = MembershipRole.objects.filter(
        current_q(),
        role=Role.COORDINATOR,
        membership__person=person,
        membership__network__status=NetworkStatus.ACTIVE,
    ).select_related("network")
    for role in coordinating:
        reasons.append(
            _("%(name)s coordinates the network %(network)s: hand coordination over first.")
            % {"name": person.display_name, "network": role.network.name}
        )
    return reasons


def _scrub(text: str, needles: list[str], replacement: str) -> str:
    for needle in needles:
        if needle:
            text = text.replace(needle, replacement)
            text = text.replace(needle.lower(), replacement)
    return text


def _scrub_json(value, needles, replacement):
    if isinstance(value, str):
        return _scrub(value, needles, replacement)
    if isinstance(value, list):
        return [_scrub_json(v, needles, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_json(v, needles, replacement) for k, v in value.items()}
    return value


def erase_core(person: Person, context: dict) -> None:
    """Remove or anonymise everything the core holds about the person."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.contrib.admin.models import LogEntry

    needles = context["needles"]
    replacement = context["replacement"]
    today = timezone.localdate()
    user = person.user

    # Memberships: a client-only membership is deleted (that someone was a client is the
    # sensitive fact); other memberships end and stay, anonymised, as the network's history.
    for membership in Membership.objects.filter(person=person).prefetch_related("roles"):
        roles = {r.role for r in membership.roles.all()}
        if roles <= {Role.CLIENT}:
            membership.delete()
            continue
        if membership.is_current:
            membership.ends_on = max(today, membership.starts_on)
            membership.save(update_fields=["ends_on", "updated_at"])
            membership.roles.filter(current_q()).update(ends_on=membership.ends_on)
        membership.roles.filter(role=Role.CLIENT).delete()

    # Free text that may name the person.
    text_q = Q()
    for needle in needles:
        text_q |= Q(summary__icontains=needle) | Q(changes_text__icontains=needle)
    for entry in AuditEntry.objects.annotate(changes_text=Cast("changes", TextField())).filter(
        text_q
    ):
        entry.summary = _scrub(entry.summary, needles, replacement)
        entry.changes = _scrub_json(entry.changes, needles, replacement)
        entry.save(update_fields=["summary", "changes"])
    log_q = Q()
    for needle in needles:
        log_q |= Q(object_repr__icontains=needle) | Q(change_message__icontains=needle)
    for log in LogEntry.objects.filter(log_q):
        log.object_repr = _scrub(log.object_repr, needles, replacement)
        log.change_message = _scrub(log.change_message, needles, replacement)
        log.save(update_fields=["object_repr", "change_message"])

    if user is not None:
        # Entries about the account itself (logins, an e-mail change with the old and the new
        # address) keep what happened and when, but nothing that names the person.
        AuditEntry.objects.filter(target_type="accounts.user", target_id=str(user.pk)).update(
            summary=replacement, changes={}
        )
        for model in (AccessAttempt, AccessFailureLog):
            model.objects.filter(username__iexact=user.email).delete()
        for session in _user_sessions(user):
            session.delete()
        for device in _otp_devices(user):
            device.delete()
        user.api_tokens.all().delete()
        user.email = f"erased-{user.pk}@erased.invalid"
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "is_active", "password"])

    person.display_name = replacement
    person.email = ""
    person.phone = ""
    person.competences = []
    person.competence_tags = []
    person.user = None
    person.save(
        update_fields=[
            "display_name",
            "email",
            "phone",
            "competences",
            "competence_tags",
            "user",
            "updated_at",
        ]
    )


def withdraw_contact_details(person: Person) -> None:
    """Without consent, Verso keeps no contact details of a person (an account's login
    address is the account's, not a contact detail, and stays)."""
    person.email = ""
    person.phone = ""
    person.save(update_fields=["email", "phone", "updated_at"])


def register_core() -> None:
    from verso.privacy.models import Purpose
    from verso.privacy.retention import register_core_rules

    registry.register_exporter(export_core)
    registry.register_erasure_blocker(erasure_blockers_core)
    registry.register_eraser(erase_core)
    registry.register_withdrawal_handler(Purpose.CONTACT_DETAILS, withdraw_contact_details)
    register_core_rules()
