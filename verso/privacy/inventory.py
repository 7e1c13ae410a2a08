"""The data inventory: every field of every model, classified.

Each entry says whether a field holds personal data, of which category, for what purpose
and how long it is kept. ``test_inventory`` fails when a model gains a field that is not
classified here, so a new model or field cannot land unclassified. The README's privacy
section is written from this module; the operator's data-protection impact assessment
can start from it.
"""

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    NONE = "none"  # not personal data
    IDENTIFIER = "identifier"  # links a row to a person (account, foreign key to a person)
    CONTACT = "contact"  # e-mail, phone
    CLIENT_STATUS = "client_status"  # that someone is a social-service client: confidential
    SPECIAL = "special"  # special categories (health, beliefs…): Verso collects none yet
    FREE_TEXT = "free_text"  # text users write, which may name people
    TECHNICAL = "technical"  # IP addresses, user agents, session data, credentials


@dataclass(frozen=True)
class Field:
    category: Category
    purpose: str = ""
    retention: str = ""


NOT_PERSONAL = Field(Category.NONE)


def _none(model_label: str, *fields: str) -> dict[str, Field]:
    return {f"{model_label}.{name}": NOT_PERSONAL for name in fields}


ACCOUNT = "Running the user's account."
NETWORK = "Running the participation network: who takes part, in which role."
SECURITY = "Security: login throttling, audit of access and changes."
PLAN = "Planning the network's activity: the preliminary plan, its budget and versions."  # plans
IDEAS = "Collecting and handling ideas for the network's activity."  # --- ideas ---
# --- card ---
CARD = "Running the Nature & Creativity card scheme: roles, providers' acceptance of terms."
CARD_STATS = "Statistics of the card scheme (anonymous: a card carries no name)."

# "label.field" → classification. Verso's own models list every field by name; "*" (every
# other field) is allowed only for Django's and third-party apps' models.
INVENTORY: dict[str, Field] = {
    # accounts
    "accounts.User.email": Field(Category.CONTACT, ACCOUNT, "Until the account is erased."),
    "accounts.User.password": Field(Category.TECHNICAL, ACCOUNT, "Argon2 hash; until erased."),
    "accounts.User.last_login": Field(Category.TECHNICAL, ACCOUNT, "Until the account is erased."),
    "accounts.User.date_joined": Field(Category.TECHNICAL, ACCOUNT, "Until the account is erased."),
    **_none("accounts.User", "id", "is_superuser", "is_active", "is_staff"),
    "accounts.ApiToken.user": Field(Category.IDENTIFIER, ACCOUNT, "Deleted on erasure."),
    "accounts.ApiToken.name": Field(Category.FREE_TEXT, ACCOUNT, "Deleted on erasure."),
    "accounts.ApiToken.digest": Field(Category.TECHNICAL, ACCOUNT, "Deleted on erasure."),
    **_none("accounts.ApiToken", "id", "prefix", "created_at", "last_used_at", "revoked_at"),
    # networks
    "networks.Person.display_name": Field(
        Category.IDENTIFIER,
        NETWORK,
        "Anonymised on erasure, or RETENTION_ENDED_MEMBER_DAYS after "
        "the last membership of a person without an account ended.",
    ),
    "networks.Person.email": Field(
        Category.CONTACT, NETWORK, "With consent; cleared when withdrawn."
    ),
    "networks.Person.phone": Field(
        Category.CONTACT, NETWORK, "With consent; cleared when withdrawn."
    ),
    "networks.Person.user": Field(Category.IDENTIFIER, ACCOUNT, "Unlinked on erasure."),
    "networks.Person.competences": Field(Category.IDENTIFIER, NETWORK, "Cleared on erasure."),
    "networks.Person.competence_tags": Field(Category.FREE_TEXT, NETWORK, "Cleared on erasure."),
    **_none("networks.Person", "id", "created_at", "updated_at"),
    "networks.Membership.person": Field(
        Category.IDENTIFIER,
        NETWORK,
        "Client-only memberships are deleted on erasure; others "
        "stay with the anonymised person as the network's history.",
    ),
    **_none(
        "networks.Membership",
        "id",
        "created_at",
        "updated_at",
        "network",
        "organisation",
        "starts_on",
        "ends_on",
    ),
    "networks.MembershipRole.role": Field(
        Category.CLIENT_STATUS, NETWORK, "Shown only to the coordination group when it is client."
    ),
    **_none("networks.MembershipRole", "id", "membership", "network", "starts_on", "ends_on"),
    **_none(
        "networks.Organisation",
        "id",
        "created_at",
        "updated_at",
        "name",
        "sector",
        "is_project",
        "ends_on",
        "parent",
        "municipality",
        "description",
    ),
    "networks.Network.description": Field(Category.FREE_TEXT, NETWORK, "While the network exists."),
    "networks.Network.goal": Field(Category.FREE_TEXT, NETWORK, "While the network exists."),
    **_none(
        "networks.Network",
        "id",
        "created_at",
        "updated_at",
        "name",
        "municipality",
        "status",
        "phase",
        "target_groups",
    ),
    # core
    "core.AuditEntry.actor": Field(Category.IDENTIFIER, SECURITY, "RETENTION_AUDIT_DAYS."),
    "core.AuditEntry.summary": Field(
        Category.FREE_TEXT, SECURITY, "Names scrubbed on erasure; RETENTION_AUDIT_DAYS."
    ),
    "core.AuditEntry.changes": Field(
        Category.FREE_TEXT, SECURITY, "Names scrubbed on erasure; RETENTION_AUDIT_DAYS."
    ),
    **_none("core.AuditEntry", "id", "created_at", "network", "action", "target_type", "target_id"),
    # privacy
    **_none(
        "privacy.PrivacyNotice",
        "id",
        "version",
        "published_on",
        "text_fi",
        "text_sv",
        "text_en",
        "created_at",
    ),
    "privacy.Consent.person": Field(
        Category.IDENTIFIER, "Proof of consent.", "Kept with the anonymised person after erasure."
    ),
    "privacy.Consent.recorded_by": Field(
        Category.IDENTIFIER, "Proof of consent.", "As the consent."
    ),
    **_none(
        "privacy.Consent",
        "id",
        "purpose",
        "notice",
        "method",
        "given_at",
        "withdrawn_at",
    ),
    # Django and third-party apps
    "sessions.Session.session_data": Field(
        Category.TECHNICAL, ACCOUNT, "Until logout or expiry; deleted on erasure."
    ),
    "sessions.Session.*": NOT_PERSONAL,
    "admin.LogEntry.user": Field(Category.IDENTIFIER, SECURITY, "Operator's admin log."),
    "admin.LogEntry.object_repr": Field(Category.FREE_TEXT, SECURITY, "Scrubbed on erasure."),
    "admin.LogEntry.change_message": Field(Category.FREE_TEXT, SECURITY, "Operator's admin log."),
    "admin.LogEntry.*": NOT_PERSONAL,
    "axes.AccessAttempt.username": Field(
        Category.CONTACT, SECURITY, "RETENTION_LOGIN_ATTEMPTS_DAYS; deleted on erasure."
    ),
    "axes.AccessAttempt.ip_address": Field(
        Category.TECHNICAL, SECURITY, "RETENTION_LOGIN_ATTEMPTS_DAYS."
    ),
    "axes.AccessAttempt.user_agent": Field(
        Category.TECHNICAL, SECURITY, "RETENTION_LOGIN_ATTEMPTS_DAYS."
    ),
    "axes.AccessAttempt.get_data": Field(
        Category.TECHNICAL, SECURITY, "RETENTION_LOGIN_ATTEMPTS_DAYS."
    ),
    "axes.AccessAttempt.post_data": Field(
        Category.TECHNICAL, SECURITY, "Passwords are never stored (axes filters them)."
    ),
    "axes.AccessAttempt.*": NOT_PERSONAL,
    "axes.AccessAttemptExpiration.*": NOT_PERSONAL,
    "axes.AccessFailureLog.username": Field(
        Category.CONTACT, SECURITY, "RETENTION_LOGIN_ATTEMPTS_DAYS; deleted on erasure."
    ),
    "axes.AccessFailureLog.ip_address": Field(
        Category.TECHNICAL, SECURITY, "RETENTION_LOGIN_ATTEMPTS_DAYS."
    ),
    "axes.AccessFailureLog.user_agent": Field(
        Category.TECHNICAL, SECURITY, "RETENTION_LOGIN_ATTEMPTS_DAYS."
    ),
    "axes.AccessFailureLog.*": NOT_PERSONAL,
    "axes.AccessLog.username": Field(
        Category.CONTACT, SECURITY, "Not written (AXES_DISABLE_ACCESS_LOG)."
    ),
    "axes.AccessLog.ip_address": Field(Category.TECHNICAL, SECURITY, "Not written."),
    "axes.AccessLog.user_agent": Field(Category.TECHNICAL, SECURITY, "Not written."),
    "axes.AccessLog.session_hash": Field(Category.TECHNICAL, SECURITY, "Not written."),
    "axes.AccessLog.*": NOT_PERSONAL,
    "otp_totp.TOTPDevice.user": Field(
        Category.IDENTIFIER, "Two-factor authentication.", "Deleted on erasure."
    ),
    "otp_totp.TOTPDevice.key": Field(
        Category.TECHNICAL, "Two-factor authentication.", "Deleted on erasure."
    ),
    "otp_totp.TOTPDevice.name": Field(
        Category.FREE_TEXT, "Two-factor authentication.", "Deleted on erasure."
    ),
    "otp_totp.TOTPDevice.*": NOT_PERSONAL,
    "auth.Permission.*": NOT_PERSONAL,
    "auth.Group.*": NOT_PERSONAL,
    "contenttypes.ContentType.*": NOT_PERSONAL,
    "django_tasks_database.DBTaskResult.*": NOT_PERSONAL,
    # --- plans ---
    **_none(
        "plans.Plan",
        "id",
        "network",
        "title",
        "target_groups",
        "version",
        "created_at",
        "updated_at",
    ),
    **{
        f"plans.Plan.{name}": Field(
            Category.FREE_TEXT, PLAN, "While the network exists; names scrubbed on erasure."
        )
        for name in (
            "need",
            "target_description",
            "competence",
            "budget_notes",
            "operating_model",
            "activity",
            "evaluation",
        )
    },
    "plans.BudgetLine.owner_person": Field(
        Category.IDENTIFIER, PLAN, "Unlinked on erasure; otherwise while the network exists."
    ),
    **_none(
        "plans.BudgetLine",
        "id",
        "plan",
        "item",
        "amount",
        "owner_organisation",
        "status",
        "funding_source",
        "created_at",
        "updated_at",
    ),
    "plans.PlanVersion.author": Field(Category.IDENTIFIER, PLAN, "Unlinked on erasure."),
    "plans.PlanVersion.snapshot": Field(
        Category.FREE_TEXT, PLAN, "The plan as it was (owner names); names scrubbed on erasure."
    ),
    **_none("plans.PlanVersion", "id", "plan", "number", "change", "created_at"),
    "plans.VersionComment.author": Field(Category.IDENTIFIER, PLAN, "Unlinked on erasure."),
    "plans.VersionComment.text": Field(
        Category.FREE_TEXT, PLAN, "While the network exists; names scrubbed on erasure."
    ),
    **_none("plans.VersionComment", "id", "version", "created_at"),
    "plans.GapAcceptance.accepted_by": Field(Category.IDENTIFIER, PLAN, "Unlinked on erasure."),
    "plans.GapAcceptance.reason": Field(
        Category.FREE_TEXT, PLAN, "While the network exists; names scrubbed on erasure."
    ),
    **_none("plans.GapAcceptance", "id", "plan", "gap", "created_at"),
    # --- ideas ---
    "ideas.IdeaCall.title": Field(Category.FREE_TEXT, IDEAS, "While the network exists."),
    "ideas.IdeaCall.question": Field(Category.FREE_TEXT, IDEAS, "While the network exists."),
    "ideas.IdeaCall.created_by": Field(Category.IDENTIFIER, IDEAS, "Unlinked on erasure."),
    **_none(
        "ideas.IdeaCall",
        "id",
        "created_at",
        "updated_at",
        "network",
        "opens_on",
        "closes_on",
        "target_groups",
        "code",
    ),
    "ideas.Idea.text": Field(
        Category.FREE_TEXT,
        IDEAS,
        "While the network exists; the proposer's name scrubbed on erasure.",
    ),
    "ideas.Idea.photo": Field(
        Category.FREE_TEXT, IDEAS, "Re-encoded without metadata; deleted with the idea."
    ),
    "ideas.Idea.photo_alt": Field(Category.FREE_TEXT, IDEAS, "As the photo."),
    "ideas.Idea.proposer_name": Field(
        Category.IDENTIFIER, IDEAS, "Optional; cleared when the proposer is erased."
    ),
    "ideas.Idea.proposer": Field(
        Category.IDENTIFIER,
        IDEAS,
        "The member, or the person record of consented contact details; unlinked on erasure.",
    ),
    "ideas.Idea.entered_by": Field(
        Category.IDENTIFIER, IDEAS, "Who entered an assisted idea; unlinked on erasure."
    ),
    "ideas.Idea.status_reason": Field(Category.FREE_TEXT, IDEAS, "While the network exists."),
    "ideas.Idea.hidden_reason": Field(Category.FREE_TEXT, IDEAS, "While the network exists."),
    **_none(
        "ideas.Idea",
        "id",
        "created_at",
        "updated_at",
        "network",
        "call",
        "assisted",
        "follow_digest",
        "status",
        "status_changed_at",
        "merged_into",
        "hidden_at",
    ),
    "ideas.IdeaSupport.person": Field(Category.IDENTIFIER, IDEAS, "Deleted on erasure."),
    **_none("ideas.IdeaSupport", "id", "idea", "created_at"),
    "ideas.IdeaComment.author": Field(Category.IDENTIFIER, IDEAS, "Unlinked on erasure."),
    "ideas.IdeaComment.text": Field(
        Category.FREE_TEXT, IDEAS, "While the network exists; names scrubbed on erasure."
    ),
    "ideas.IdeaComment.hidden_reason": Field(
        Category.FREE_TEXT, IDEAS, "While the network exists."
    ),
    **_none("ideas.IdeaComment", "id", "created_at", "updated_at", "idea", "hidden_at"),
    # --- events ---
    **_none(
        "events.Place",
        "id",
        "created_at",
        "updated_at",
        "network",
        "name",
        "address",
        "postal_code",
        "municipality",
        "latitude",
        "longitude",
        "setting",
        "step_free",
        "accessible_toilet",
        "hearing_loop",
        "seating",
        "sensory_friendly",
        "parking",
        "transport_distance_m",
        "safety_notes",
        "languages",
    ),
    **_none(
        "events.Activity",
        "id",
        "created_at",
        "updated_at",
        "network",
        "type",
        "language",
        "title",
        "description",
        "translations",
        "target_groups",
        "age_min",
        "age_max",
        "place",
        "starts_at",
        "ends_at",
        "recurrence",
        "recurrence_until",
        "parent",
        "plan",
        "status",
        "published_at",
        "is_free",
        "price",
        "signup_enabled",
        "signup_opens_at",
        "signup_closes_at",
        "capacity",
        "waitlist_capacity",
        "group_limit",
        "is_exhibition",
        "works_per_community",
        "realised_taking_part",
        "realised_following",
        "realised_unnamed_clients",
        "realised_notes",
        "outcome_recorded_at",
    ),
    "events.Signup.name": Field(
        Category.IDENTIFIER,
        "Sign-up to an activity: places, confirmation, the participant list.",
        "RETENTION_SIGNUP_CONTACT_DAYS after the activity; on erasure.",
    ),
    "events.Signup.email": Field(
        Category.CONTACT,
        "Confirmation, promotion from the waiting list, reminder.",
        "RETENTION_SIGNUP_CONTACT_DAYS after the activity; on erasure.",
    ),
    "events.Signup.phone": Field(
        Category.CONTACT,
        "Confirmation; the organisers may call.",
        "RETENTION_SIGNUP_CONTACT_DAYS after the activity; on erasure.",
    ),
    "events.Signup.contact_key": Field(
        Category.CONTACT,
        "The e-mail or phone, normalised: one sign-up per contact (a retry is not a second).",
        "RETENTION_SIGNUP_CONTACT_DAYS after the activity; on erasure.",
    ),
    "events.Signup.access_needs": Field(
        Category.SPECIAL,
        "What the participant needs to take part (may reveal health): organisers only.",
        "RETENTION_SIGNUP_CONTACT_DAYS after the activity; on erasure.",
    ),
    "events.Signup.person": Field(
        Category.IDENTIFIER,
        "Links a signed-in person's sign-up to them.",
        "Unlinked RETENTION_SIGNUP_CONTACT_DAYS after the activity; on erasure.",
    ),
    "events.Signup.token": Field(
        Category.TECHNICAL, "The secret of the cancellation link and QR code.", "With the row."
    ),
    "events.Signup.idempotency_key": Field(
        Category.TECHNICAL, "A client's retry key.", "Cleared with the contact."
    ),
    **_none(
        "events.Signup",
        "id",
        "created_at",
        "updated_at",
        "activity",
        "kind",
        "status",
        "group_size",
        "language",
        "attended",
        "cancelled_at",
        "promoted_at",
        "reminded_at",
        "contact_removed_at",
    ),
    "events.Work.creator": Field(
        Category.IDENTIFIER,
        "Who made the work: consent and credit.",
        "Until the work is withdrawn or the person erased.",
    ),
    "events.Work.credit_text": Field(
        Category.IDENTIFIER, "The credit as the creator wishes.", "Cleared on erasure."
    ),
    "events.Work.image": Field(
        Category.IDENTIFIER,
        "The photo (re-encoded, no metadata); may show people, with their consent.",
        "Deleted on erasure of the creator or a person shown.",
    ),
    "events.Work.title": Field(Category.FREE_TEXT, "The work's title.", "With the work."),
    "events.Work.description": Field(
        Category.FREE_TEXT, "The work's description.", "With the work."
    ),
    "events.Work.alt_text": Field(
        Category.FREE_TEXT, "The image's text alternative.", "With the work."
    ),
    "events.Work.curation_note": Field(Category.FREE_TEXT, "The curators' note.", "With the work."),
    "events.Work.submitted_by": Field(
        Category.IDENTIFIER, "Who sent the work.", "Unlinked when the account is erased."
    ),
    **_none(
        "events.Work",
        "id",
        "created_at",
        "updated_at",
        "activity",
        "community",
        "width",
        "height",
        "credit",
        "status",
    ),
    # --- card ---
    **_none(
        "card.Scheme",
        "id",
        "created_at",
        "updated_at",
        "network",
        "name",
        "area",
        "validity_days",
        "max_children",
        "asks_gender",
        "is_active",
    ),
    **_none("card.SchemeTerms", "id", "scheme", "version", "text", "created_at"),
    **_none("card.IssuingUnit", "id", "scheme", "organisation", "created_at"),
    **_none(
        "card.Provider", "id", "scheme", "organisation", "adult_companion_allowed", "created_at"
    ),
    "card.Provider.contact": Field(
        Category.IDENTIFIER,
        CARD,
        "Until the provider names another contact; cleared on the person's erasure.",
    ),
    "card.Provider.accepted_terms": NOT_PERSONAL,
    "card.Provider.accepted_by": Field(
        Category.IDENTIFIER, CARD, "Who accepted the terms; cleared on the person's erasure."
    ),
    "card.Provider.accepted_at": NOT_PERSONAL,
    "card.Staff.user": Field(Category.IDENTIFIER, CARD, "Deleted on erasure or with the role."),
    **_none("card.Staff", "id", "scheme", "organisation", "role", "created_at"),
    **_none(
        "card.Offering",
        "id",
        "created_at",
        "updated_at",
        "provider",
        "title_fi",
        "title_sv",
        "title_en",
        "description_fi",
        "description_sv",
        "description_en",
        "place",
        "venue",
        "address",
        "schedule",
        "daily_quota",
        "booking_needed",
        "booking_info",
        "is_active",
    ),
    # A card names no one: no name, identity code or address; the code and the holder's
    # link are keyed digests. The background is kept for statistics that suppress small cells.
    "card.Card.age_group": Field(Category.NONE, CARD_STATS, "Kept for the statistics."),
    "card.Card.gender": Field(Category.NONE, CARD_STATS, "Optional; kept for the statistics."),
    "card.Card.life_situation": Field(
        Category.CLIENT_STATUS,
        CARD_STATS,
        "Kept for the statistics, never linked to a name; only aggregated counts are shown.",
    ),
    "card.Card.code_digest": Field(Category.TECHNICAL, CARD, "Keyed digest; never the code."),
    "card.Card.link_digest": Field(Category.TECHNICAL, CARD, "Keyed digest; never the link."),
    **_none(
        "card.Card",
        "id",
        "scheme",
        "unit",
        "reference",
        "issued_at",
        "valid_until",
        "revoked_at",
        "replaces",
    ),
    **_none(
        "card.CardUse",
        "id",
        "card",
        "offering",
        "provider",
        "used_on",
        "used_at",
        "holders",
        "children",
        "adults",
        "idempotency_key",
        "undone_at",
    ),
    **_none("card.QuotaCounter", "id", "offering", "day", "taken"),
    "card.ProviderToken.digest": Field(Category.TECHNICAL, CARD, "Until the provider is removed."),
    **_none(
        "card.ProviderToken",
        "id",
        "provider",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ),
}


def classify(model_label: str, field_name: str) -> Field | None:
    return INVENTORY.get(f"{model_label}.{field_name}") or INVENTORY.get(f"{model_label}.*")


def explicitly_classified(model_label: str, field_name: str) -> bool:
    return f"{model_label}.{field_name}" in INVENTORY


def personal_fields() -> dict[str, Field]:
    return {
        k: v for k, v in INVENTORY.items() if not k.endswith(".*") and v.category != Category.NONE
    }


# --- meetings ---
MEETINGS = "Meetings of the network: invitations, attendance, minutes and action items."
INVENTORY.update(
    {
        "meetings.Meeting.agenda": Field(Category.FREE_TEXT, MEETINGS, "While the network exists."),
        "meetings.Meeting.notes": Field(Category.FREE_TEXT, MEETINGS, "While the network exists."),
        **_none(
            "meetings.Meeting",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "series",
                "title",
                "starts_at",
                "ends_at",
                "kind",
                "mode",
                "place",
                "online_url",
                "method",
                "competence",
                "unnamed_clients",
                "reminded_at",
            ],
        ),
        "meetings.MeetingSeries.agenda": Field(
            Category.FREE_TEXT, MEETINGS, "While the network exists."
        ),
        **_none(
            "meetings.MeetingSeries",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "title",
                "starts_at",
                "duration_minutes",
                "rrule",
                "exdates",
                "kind",
                "mode",
                "place",
                "online_url",
            ],
        ),
        "meetings.Material.file": Field(Category.FREE_TEXT, MEETINGS, "While the meeting exists."),
        **_none("meetings.Material", "id", "created_at", "updated_at", "meeting", "title", "url"),
        "meetings.Invitation.person": Field(Category.IDENTIFIER, MEETINGS, "Deleted on erasure."),
        "meetings.Invitation.via": Field(Category.IDENTIFIER, MEETINGS, "Cleared on erasure."),
        "meetings.Invitation.note": Field(
            Category.FREE_TEXT, MEETINGS, "Access needs, an interpreter; deleted on erasure."
        ),
        **_none(
            "meetings.Invitation",
            *[
                "id",
                "created_at",
                "updated_at",
                "meeting",
                "organisation",
                "language",
                "reply",
                "replied_at",
            ],
        ),
        "meetings.Attendance.person": Field(
            Category.IDENTIFIER, MEETINGS, "Taken off the row on erasure (the count stays)."
        ),
        "meetings.Attendance.guest_name": Field(
            Category.IDENTIFIER, MEETINGS, "While the network exists."
        ),
        **_none("meetings.Attendance", "id", "meeting", "organisation"),
        "meetings.Decision.text": Field(Category.FREE_TEXT, MEETINGS, "While the network exists."),
        **_none("meetings.Decision", "id", "meeting"),
        "meetings.ActionItem.owner_person": Field(
            Category.IDENTIFIER, MEETINGS, "Cleared on erasure."
        ),
        "meetings.ActionItem.title": Field(
            Category.FREE_TEXT, MEETINGS, "While the network exists."
        ),
        **_none(
            "meetings.ActionItem",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "meeting",
                "owner_organisation",
                "due_on",
                "status",
                "done_at",
            ],
        ),
        **_none(
            "meetings.TimePoll",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "title",
                "duration_minutes",
                "status",
                "meeting",
                "kind",
                "mode",
                "place",
                "online_url",
            ],
        ),
        **_none("meetings.PollSlot", "id", "poll", "starts_at"),
        "meetings.PollVote.person": Field(Category.IDENTIFIER, MEETINGS, "Deleted on erasure."),
        **_none("meetings.PollVote", "id", "slot", "answer"),
        "meetings.CalendarFeed.user": Field(
            Category.IDENTIFIER, MEETINGS, "Deleted on erasure or a new address."
        ),
        "meetings.CalendarFeed.token": Field(
            Category.TECHNICAL, MEETINGS, "Deleted on erasure or a new address."
        ),
        **_none("meetings.CalendarFeed", "id", "created_at"),
        "meetings.OutgoingMail.person": Field(Category.IDENTIFIER, MEETINGS, "Deleted on erasure."),
        "meetings.OutgoingMail.to_email": Field(Category.CONTACT, MEETINGS, "Deleted on erasure."),
        "meetings.OutgoingMail.subject": Field(Category.FREE_TEXT, MEETINGS, "Deleted on erasure."),
        "meetings.OutgoingMail.body": Field(
            Category.FREE_TEXT, MEETINGS, "Until sent (then emptied); deleted on erasure."
        ),
        "meetings.OutgoingMail.ics": Field(
            Category.FREE_TEXT, MEETINGS, "Until sent (then emptied); deleted on erasure."
        ),
        "meetings.OutgoingMail.last_error": Field(Category.TECHNICAL, MEETINGS, "As the mail."),
        **_none(
            "meetings.OutgoingMail",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "meeting",
                "kind",
                "language",
                "status",
                "attempts",
                "sent_at",
            ],
        ),
        # django-tasks-db: the queue's rows hold task arguments (ids), not personal data.
        "django_tasks_db.DBTaskResult.*": NOT_PERSONAL,
    }
)


# --- methods ---
METHODS = "The methods library shared by the networks: who added a method."
INVENTORY.update(
    {
        "methods.Method.created_by": Field(
            Category.IDENTIFIER, METHODS, "While the method exists; unlinked on erasure."
        ),
        # The library's shared text about methods, not about people.
        "methods.Method.description": Field(
            Category.FREE_TEXT, "The methods library's text.", "While the method exists."
        ),
        **_none(
            "methods.Method",
            "id",
            "created_at",
            "updated_at",
            "language",
            "name",
            "name_key",
            "translations",
            "kind",
            "competence",
            "competence_notes",
            "materials",
            "safety",
            "target_groups",
            "duration_minutes",
            "evidence_links",
            "search_text",
        ),
        **_none("methods.MethodUse", "id", "method", "activity", "meeting", "created_at"),
    }
)


# --- embedding ---
EMBEDDING = "Rooting the network's practice: links, the communication log, handover, handbook."
INVENTORY.update(
    {
        **_none("embedding.StructureLink", "id", "created_at", "updated_at", "network", "kind"),
        "embedding.StructureLink.title": Field(
            Category.FREE_TEXT, EMBEDDING, "While the network exists."
        ),
        "embedding.StructureLink.url": Field(
            Category.FREE_TEXT, EMBEDDING, "While the network exists."
        ),
        "embedding.StructureLink.recorded_by": Field(
            Category.IDENTIFIER, EMBEDDING, "Unlinked on erasure."
        ),
        **_none(
            "embedding.ChecklistConfirmation",
            "id",
            "created_at",
            "updated_at",
            "network",
            "item",
            "confirmed",
        ),
        "embedding.ChecklistConfirmation.note": Field(
            Category.FREE_TEXT, EMBEDDING, "While the network exists; names scrubbed on erasure."
        ),
        "embedding.ChecklistConfirmation.confirmed_by": Field(
            Category.IDENTIFIER, EMBEDDING, "Unlinked on erasure."
        ),
        **_none("embedding.ScoreSnapshot", "id", "network", "on", "score", "items"),
        **_none(
            "embedding.CommunicationEntry",
            "id",
            "created_at",
            "updated_at",
            "network",
            "channel",
            "communicated_on",
        ),
        "embedding.CommunicationEntry.what": Field(
            Category.FREE_TEXT, EMBEDDING, "While the network exists; names scrubbed on erasure."
        ),
        "embedding.CommunicationEntry.audience": Field(
            Category.FREE_TEXT,
            EMBEDDING,
            "To whom: a group rather than names; names scrubbed on erasure.",
        ),
        "embedding.CommunicationEntry.recorded_by": Field(
            Category.IDENTIFIER, EMBEDDING, "Unlinked on erasure."
        ),
        **_none(
            "embedding.RotationSettings", "id", "network", "max_responsibilities", "max_months"
        ),
        **_none("embedding.HandoverNote", "id", "created_at", "updated_at", "network"),
        "embedding.HandoverNote.text": Field(
            Category.FREE_TEXT, EMBEDDING, "While the network exists; names scrubbed on erasure."
        ),
        "embedding.HandoverNote.from_person": Field(
            Category.IDENTIFIER, EMBEDDING, "Unlinked on erasure."
        ),
        "embedding.HandoverNote.to_person": Field(
            Category.IDENTIFIER, EMBEDDING, "Unlinked on erasure."
        ),
        **_none("embedding.HandbookText", "id", "created_at", "updated_at", "network", "section"),
        "embedding.HandbookText.text": Field(
            Category.FREE_TEXT, EMBEDDING, "While the network exists; names scrubbed on erasure."
        ),
    }
)

# --- evaluation ---
FEEDBACK = "Feedback on activities and meetings, and the coordination group's evaluation."
INVENTORY.update(
    {
        **_none(
            "evaluation.FeedbackLink",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "activity",
                "meeting",
                "title",
                "code",
                "one_per_link",
                "closed_at",
                "requests_sent_at",
            ],
        ),
        "evaluation.FeedbackToken.token": Field(
            Category.TECHNICAL,
            "A personal link's secret: one answer per link. Tells no one whose it is.",
            "With the feedback link.",
        ),
        **_none("evaluation.FeedbackToken", "id", "link", "created_at", "used_at"),
        # Answers are anonymous: no account, address or link ties them to a person.
        "evaluation.FeedbackAnswer.text": Field(
            Category.FREE_TEXT,
            FEEDBACK + " Shown to the coordination group only.",
            "With the feedback link; names scrubbed on erasure.",
        ),
        "evaluation.FeedbackAnswer.name": Field(
            Category.IDENTIFIER,
            "A name the person chose to give with their answer.",
            "RETENTION_FEEDBACK_NAME_DAYS after the answer; on erasure.",
        ),
        **_none(
            "evaluation.FeedbackAnswer",
            "id",
            "link",
            "rating",
            "on_paper",
            "language",
            "created_at",
        ),
        "evaluation.FeedbackRequest.signup": Field(
            Category.IDENTIFIER,
            "That a sign-up was sent a feedback link once (not which link, nor any answer).",
            "Deleted with the sign-up or on erasure.",
        ),
        **_none("evaluation.FeedbackRequest", "id", "link", "created_at"),
        "evaluation.Evaluation.worked": Field(Category.FREE_TEXT, FEEDBACK, "In the record."),
        "evaluation.Evaluation.did_not_work": Field(Category.FREE_TEXT, FEEDBACK, "In the record."),
        "evaluation.Evaluation.participants_said": Field(
            Category.FREE_TEXT, FEEDBACK, "In the record; written without names."
        ),
        "evaluation.Evaluation.next_step": Field(Category.FREE_TEXT, FEEDBACK, "In the record."),
        "evaluation.Evaluation.created_by": Field(
            Category.IDENTIFIER, FEEDBACK, "Unlinked when the account is erased."
        ),
        **_none(
            "evaluation.Instrument",
            *[
                "id",
                "key",
                "version",
                "title",
                "description",
                "scale_points",
                "scale_labels",
                "items",
                "scoring",
                "min_items",
                "source",
                "licence",
                "digest",
                "imported_at",
            ],
        ),
        "evaluation.Instrument.imported_by": Field(
            Category.IDENTIFIER,
            "Who imported the instrument.",
            "Unlinked when the account is erased.",
        ),
        **_none(
            "evaluation.Measurement",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "instrument",
                "title",
                "code",
                "closed_at",
            ],
        ),
        "evaluation.InstrumentResponse.pair": Field(
            Category.TECHNICAL,
            "A keyed digest of the code the person keeps: pairs their start and end answers "
            "and names no one.",
            "With the measurement.",
        ),
        **_none(
            "evaluation.InstrumentResponse",
            *["id", "measurement", "phase", "values", "answered_items", "score", "created_at"],
        ),
        **_none(
            "evaluation.Questionnaire",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "title",
                "intro",
                "is_template",
                "code",
                "closed_at",
            ],
        ),
        **_none(
            "evaluation.Question", "id", "questionnaire", "position", "kind", "text", "options"
        ),
        "evaluation.QuestionnaireResponse.name": Field(
            Category.IDENTIFIER,
            "A name the person chose to give with their answers.",
            "RETENTION_FEEDBACK_NAME_DAYS after the answer; on erasure.",
        ),
        **_none("evaluation.QuestionnaireResponse", "id", "questionnaire", "created_at"),
        "evaluation.QuestionAnswer.text": Field(
            Category.FREE_TEXT,
            FEEDBACK + " Shown to the coordination group only.",
            "With the questionnaire; names scrubbed on erasure.",
        ),
        **_none("evaluation.QuestionAnswer", "id", "response", "question", "number"),
        **_none(
            "evaluation.Evaluation",
            *[
                "id",
                "created_at",
                "updated_at",
                "network",
                "activity",
                "meeting",
                "title",
                "evaluated_on",
                "goal_met",
                "decision",
                "action_item",
            ],
        ),
    }
)


# --- followups ---
INVENTORY.update(
    {
        "accounts.User.language": Field(
            Category.TECHNICAL, ACCOUNT, "The user's own choice of language; until erased."
        ),
        **_none("meetings.Meeting", "plan"),
    }
)
