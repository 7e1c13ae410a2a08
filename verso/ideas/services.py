"""Writes to idea calls, ideas, supports and comments.

Every service runs in one transaction, enforces the invariant (an open call, one support per
person, a merge within the network, a reason the proposer sees) and writes the audit entry.
Services raise ``ValidationError`` naming the field, with a translated message; nothing
changes when they do.
"""

import datetime
import hashlib
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.ideas.models import (
    ALT_MAX,
    COMMENT_MAX,
    IDEA_TEXT_MAX,
    NAME_MAX,
    QUESTION_MAX,
    REASON_MAX,
    TITLE_MAX,
    Idea,
    IdeaCall,
    IdeaComment,
    IdeaStatus,
    IdeaSupport,
)
from verso.ideas.photos import photo_clean
from verso.networks.access import Need, user_levels
from verso.networks.choices import TargetGroup
from verso.networks.models import Network, Person

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read from paper
CODE_LENGTH = 7
CALL_FIELDS = ("title", "question", "opens_on", "closes_on", "target_groups")

# Where an idea may go from each state. "Taken into a plan" again: a second plan takes it.
TRANSITIONS: dict[str, set[str]] = {
    IdeaStatus.NEW: {
        IdeaStatus.UNDER_DISCUSSION,
        IdeaStatus.TAKEN_INTO_PLAN,
        IdeaStatus.MERGED,
        IdeaStatus.NOT_NOW,
    },
    IdeaStatus.UNDER_DISCUSSION: {
        IdeaStatus.TAKEN_INTO_PLAN,
        IdeaStatus.MERGED,
        IdeaStatus.NOT_NOW,
    },
    IdeaStatus.NOT_NOW: {
        IdeaStatus.UNDER_DISCUSSION,
        IdeaStatus.TAKEN_INTO_PLAN,
        IdeaStatus.MERGED,
    },
    IdeaStatus.TAKEN_INTO_PLAN: {IdeaStatus.TAKEN_INTO_PLAN, IdeaStatus.UNDER_DISCUSSION},
    IdeaStatus.MERGED: {IdeaStatus.UNDER_DISCUSSION},
}
NEEDS_REASON = {IdeaStatus.TAKEN_INTO_PLAN, IdeaStatus.MERGED, IdeaStatus.NOT_NOW}


def follow_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _text(field: str, value, *, max_length: int, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Write at most %(max)d characters (now %(n)d).")
                % {"max": max_length, "n": len(text)}
            }
        )
    if "\x00" in text:
        raise ValidationError({field: _("The text contains a character that is not allowed.")})
    return text


def _require(actor, network: Network, need: Need) -> None:
    """The actor's right in the network, for services other apps call directly."""
    if getattr(actor, "is_superuser", False):
        return
    level = user_levels(actor).get(network.pk)
    if level is None or level < need:
        raise PermissionDenied


# Idea calls --------------------------------------------------------------------------------


def _new_code() -> str:
    for _attempt in range(20):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not IdeaCall.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free short link code")  # pragma: no cover  # 31**7 codes


def _check_call(fields: dict) -> dict:
    cleaned = dict(fields)
    if "title" in cleaned:
        cleaned["title"] = _text("title", cleaned["title"], max_length=TITLE_MAX)
    if "question" in cleaned:
        cleaned["question"] = _text("question", cleaned["question"], max_length=QUESTION_MAX)
    if "target_groups" in cleaned:
        groups = list(dict.fromkeys(cleaned["target_groups"] or []))
        unknown = [g for g in groups if g not in TargetGroup.values]
        if unknown:
            raise ValidationError(
                {
                    "target_groups": _("Unknown choice: %(values)s.")
                    % {"values": ", ".join(map(str, unknown))[:200]}
                }
            )
        cleaned["target_groups"] = groups
    for name in ("opens_on", "closes_on"):
        value = cleaned.get(name)
        if value is not None and not isinstance(value, datetime.date):
            raise ValidationError({name: _("Enter a valid date.")})
    return cleaned


def _check_call_dates(call: IdeaCall) -> None:
    if call.opens_on is None:
        raise ValidationError({"opens_on": _("This field is required.")})
    if call.closes_on is not None and call.closes_on < call.opens_on:
        raise ValidationError({"closes_on": _("The call cannot close before it opens.")})


@transaction.atomic
def idea_call_create(
    *,
    actor,
    network: Network,
    title: str,
    question: str,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    target_groups: Iterable[str] = (),
) -> IdeaCall:
    fields = _check_call(
        {
            "title": title,
            "question": question,
            "opens_on": opens_on or timezone.localdate(),
            "closes_on": closes_on,
            "target_groups": list(target_groups or []),
        }
    )
    call = IdeaCall(network=network, code=_new_code(), created_by=_user(actor), **fields)
    _check_call_dates(call)
    call.save()
    audit_record(
        actor=actor, action="idea_call.create", network=network, target=call, summary=call.title
    )
    return call


@transaction.atomic
def idea_call_update(*, actor, call: IdeaCall, **fields) -> IdeaCall:
    fields = _check_call({k: v for k, v in fields.items() if k in CALL_FIELDS})
    changes = {}
    for key, value in fields.items():
        if getattr(call, key) != value:
            changes[key] = str(value)
            setattr(call, key, value)
    _check_call_dates(call)
    call.save()
    audit_record(
        actor=actor,
        action="idea_call.update",
        network=call.network,
        target=call,
        summary=call.title,
        changes=changes,
    )
    return call


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# Ideas -------------------------------------------------------------------------------------


def _check_contact(email: str, phone: str) -> tuple[str, str]:
    email = _text("email", email, max_length=254, required=False)
    phone = _text("phone", phone, max_length=40, required=False)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if phone and not all(c.isdigit() or c in " +-()" for c in phone):
        raise ValidationError({"phone": _("A phone number has only digits, spaces and + - ( ).")})
    return email, phone


@transaction.atomic
def idea_submit(
    *,
    actor,
    text: str,
    call: IdeaCall | None = None,
    network: Network | None = None,
    photo=None,
    photo_alt: str = "",
    proposer_name: str = "",
    email: str = "",
    phone: str = "",
    contact_consent: bool = False,
    assisted: bool = False,
    proposer: Person | None = None,
) -> tuple[Idea, str]:
    """Record an idea; returns it with the proposer's follow token (shown once, stored only
    as a digest). Anyone may submit to an open call. ``assisted``: a member enters it on a
    client's behalf, and ``actor`` is recorded as the one who entered it. Contact details
    are kept only with consent, on a person record of their own, under the consent records
    of verso.privacy."""
    from verso.privacy.models import Method, Purpose
    from verso.privacy.services import consent_give

    if call is not None:
        network = call.network
        if not call.is_open():
            raise ValidationError(
                {"call": _("This idea call is closed. Ideas can no longer be sent to it.")}
            )
    if network is None:
        raise ValidationError({"call": _("Choose the idea call.")})
    text = _text("text", text, max_length=IDEA_TEXT_MAX)
    proposer_name = _text("proposer_name", proposer_name, max_length=NAME_MAX, required=False)
    photo_alt = _text("photo_alt", photo_alt, max_length=ALT_MAX, required=False)
    email, phone = _check_contact(email, phone)
    clean_photo = None
    if photo:
        clean_photo = photo_clean(photo)
        if not photo_alt:
            raise ValidationError(
                {
                    "photo_alt": _(
                        "Tell in a few words what the photo shows, for those who cannot see it."
                    )
                }
            )
    elif photo_alt:
        photo_alt = ""  # no photo, nothing to describe
    if (email or phone) and not contact_consent:
        raise ValidationError(
            {
                "contact_consent": _(
                    "Contact details are kept only with consent. Leave them out, or tick "
                    "that they may be kept."
                )
            }
        )
    if email or phone:
        proposer = Person.objects.create(
            display_name=proposer_name or _("Idea proposer"), email=email, phone=phone
        )
        consent_give(
            actor=actor,
            person=proposer,
            purpose=Purpose.CONTACT_DETAILS,
            method=Method.ON_BEHALF if assisted else Method.SELF,
            network=network,
        )
    token = secrets.token_urlsafe(24)
    idea = Idea(
        network=network,
        call=call,
        text=text,
        photo_alt=photo_alt,
        proposer_name=proposer_name,
        proposer=proposer,
        assisted=assisted,
        entered_by=_user(actor) if assisted else None,
        follow_digest=follow_digest(token),
    )
    if clean_photo is not None:
        idea.photo.save(clean_photo.name, clean_photo, save=False)
    idea.save()
    audit_record(
        actor=actor,
        action="idea.submit",
        network=network,
        target=idea,
        summary=f"#{idea.pk}",
        changes={
            "call": call.pk if call else None,
            "assisted": assisted,
            "photo": bool(clean_photo),
            "contact": bool(email or phone),
        },
    )
    return idea, token


def _status_label(value: str) -> str:
    return str(IdeaStatus(value).label)


@transaction.atomic
def idea_triage(
    *,
    actor,
    idea: Idea,
    status: str,
    reason: str = "",
    merged_into: Idea | None = None,
) -> Idea:
    """Move an idea on: under discussion, taken into a plan, merged into another idea or not
    now, with a reason the proposer sees on their follow page. Needs the coordinator or the
    coordination group of the idea's network (other apps call this directly)."""
    idea = Idea.objects.select_for_update().select_related("network").get(pk=idea.pk)
    _require(actor, idea.network, Need.COORDINATION)
    if status not in IdeaStatus.values:
        raise ValidationError(
            {"status": _("Unknown choice: %(values)s.") % {"values": str(status)[:50]}}
        )
    if status not in TRANSITIONS[idea.status]:
        raise ValidationError(
            {
                "status": _("An idea that is “%(old)s” cannot become “%(new)s”.")
                % {"old": _status_label(idea.status), "new": _status_label(status)}
            }
        )
    reason = _text("reason", reason, max_length=REASON_MAX, required=False)
    if status in NEEDS_REASON and not reason:
        raise ValidationError(
            {"reason": _("Write the reason: the person who proposed the idea sees it.")}
        )
    if status == IdeaStatus.MERGED:
        if merged_into is None:
            raise ValidationError({"merged_into": _("Choose the idea it is merged into.")})
        merged_into = Idea.objects.get(pk=merged_into.pk)  # its state now, not as passed
        if merged_into.network_id != idea.network_id or merged_into.is_hidden:
            raise ValidationError({"merged_into": _("Choose an idea of this network.")})
        if merged_into.pk == idea.pk:
            raise ValidationError({"merged_into": _("An idea cannot be merged into itself.")})
        if merged_into.status == IdeaStatus.MERGED:
            raise ValidationError(
                {
                    "merged_into": _(
                        "That idea was itself merged: choose the idea it was merged into."
                    )
                }
            )
    else:
        merged_into = None
    old = idea.status
    idea.status = status
    idea.status_reason = reason
    idea.merged_into = merged_into
    idea.status_changed_at = timezone.now()
    idea.save(
        update_fields=["status", "status_reason", "merged_into", "status_changed_at", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="idea.triage",
        network=idea.network,
        target=idea,
        summary=f"#{idea.pk}",
        changes={
            "status": [old, status],
            "reason": reason,
            "merged_into": merged_into.pk if merged_into else None,
        },
    )
    return idea


@transaction.atomic
def idea_hide(*, actor, idea: Idea, reason: str) -> Idea:
    """Moderation: the idea leaves the idea bank for everyone below the coordination group;
    it is kept, with the reason, and the proposer's follow page says it was hidden."""
    idea = Idea.objects.select_for_update().select_related("network").get(pk=idea.pk)
    _require(actor, idea.network, Need.COORDINATION)
    reason = _text("reason", reason, max_length=REASON_MAX)
    idea.hidden_at = timezone.now()
    idea.hidden_reason = reason
    idea.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="idea.hide",
        network=idea.network,
        target=idea,
        summary=f"#{idea.pk}",
        changes={"reason": reason},
    )
    return idea


@transaction.atomic
def idea_unhide(*, actor, idea: Idea) -> Idea:
    idea = Idea.objects.select_for_update().select_related("network").get(pk=idea.pk)
    _require(actor, idea.network, Need.COORDINATION)
    previous = idea.hidden_reason
    idea.hidden_at = None
    idea.hidden_reason = ""
    idea.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="idea.unhide",
        network=idea.network,
        target=idea,
        summary=f"#{idea.pk}",
        changes={"previous_reason": previous},
    )
    return idea


@transaction.atomic
def idea_contact_remove(*, idea: Idea) -> Idea:
    """The proposer, on their follow page, withdraws the consent to keep their contact
    details: they are cleared at once (verso.privacy's withdrawal handlers)."""
    from verso.privacy.models import Purpose
    from verso.privacy.services import consent_withdraw

    if idea.proposer_id is None or idea.proposer.user_id is not None:
        return idea
    consent_withdraw(
        actor=None, person=idea.proposer, purpose=Purpose.CONTACT_DETAILS, network=idea.network
    )
    return idea


# Supports and comments ---------------------------------------------------------------------


def _check_open_for_members(idea: Idea) -> None:
    if idea.is_hidden:
        raise ValidationError(_("This idea is hidden."))


@transaction.atomic
def idea_support(*, actor, idea: Idea, person: Person) -> IdeaSupport:
    """One support per person: a second one is refused, also when two arrive at once (the
    database's unique constraint decides)."""
    _check_open_for_members(idea)
    try:
        with transaction.atomic():
            support = IdeaSupport.objects.create(idea=idea, person=person)
    except IntegrityError:
        raise ValidationError({"support": _("You already support this idea.")}) from None
    audit_record(
        actor=actor, action="idea.support", network=idea.network, target=idea, summary=f"#{idea.pk}"
    )
    return support


@transaction.atomic
def idea_unsupport(*, actor, idea: Idea, person: Person) -> bool:
    deleted, _rows = IdeaSupport.objects.filter(idea=idea, person=person).delete()
    if not deleted:
        raise ValidationError({"support": _("You do not support this idea.")})
    audit_record(
        actor=actor,
        action="idea.unsupport",
        network=idea.network,
        target=idea,
        summary=f"#{idea.pk}",
    )
    return True


@transaction.atomic
def idea_comment_add(*, actor, idea: Idea, author: Person, text: str) -> IdeaComment:
    _check_open_for_members(idea)
    text = _text("text", text, max_length=COMMENT_MAX)
    comment = IdeaComment.objects.create(idea=idea, author=author, text=text)
    audit_record(
        actor=actor,
        action="idea.comment",
        network=idea.network,
        target=comment,
        summary=f"#{idea.pk}",
    )
    return comment


@transaction.atomic
def idea_comment_hide(*, actor, comment: IdeaComment, reason: str) -> IdeaComment:
    comment = (
        IdeaComment.objects.select_for_update().select_related("idea__network").get(pk=comment.pk)
    )
    _require(actor, comment.idea.network, Need.COORDINATION)
    reason = _text("reason", reason, max_length=REASON_MAX)
    comment.hidden_at = timezone.now()
    comment.hidden_reason = reason
    comment.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="idea.comment_hide",
        network=comment.idea.network,
        target=comment,
        summary=f"#{comment.idea_id}",
        changes={"reason": reason},
    )
    return comment
