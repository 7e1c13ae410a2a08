"""Exhibition works: submission with consents, curation, withdrawal."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from verso.core.audit import audit_record
from verso.events.cache import public_bump
from verso.events.images import image_store
from verso.events.models import (
    Activity,
    Credit,
    Work,
    WorkStatus,
)
from verso.networks.models import Organisation, Person
from verso.privacy.models import Method, Purpose

# Exhibition works -------------------------------------------------------------------------


@transaction.atomic
def work_submit(
    *,
    actor,
    activity: Activity,
    community: Organisation,
    title: str,
    alt_text: str,
    image,
    creator: Person,
    credit: str = Credit.NAME,
    credit_text: str = "",
    description: str = "",
    people_shown=(),
    creator_consents: bool = False,
    people_shown_consent: bool = False,
) -> Work:
    """Submit a work: the image re-encoded without metadata, the consents recorded."""
    from verso.privacy.services import consent_give

    errors = {}
    if not activity.is_exhibition:
        errors["activity"] = _("This activity has no call for works.")
    if not (title or "").strip():
        errors["title"] = _("Give the work a title.")
    if not (alt_text or "").strip():
        errors["alt_text"] = _("Describe the picture in words (alt text).")
    if credit not in Credit.values:
        errors["credit"] = _("Choose how the creator is credited.")
    elif credit != Credit.ANONYMOUS and not (credit_text or "").strip():
        errors["credit_text"] = _("Give the name or nickname to show, or choose anonymous.")
    if not creator_consents:
        errors["creator_consents"] = _("The creator's consent is needed to show the work.")
    people_shown = list(people_shown or [])
    if people_shown and not people_shown_consent:
        errors["people_shown_consent"] = _("Everyone shown in the picture must agree.")
    if errors:
        raise ValidationError(errors)
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    used = (
        Work.objects.filter(activity=locked, community=community)
        .exclude(status=WorkStatus.WITHDRAWN)
        .count()
    )
    if used >= locked.works_per_community:
        raise ValidationError(
            {
                "community": _("%(community)s has already sent %(n)s works, the most allowed.")
                % {"community": community.name, "n": locked.works_per_community}
            }
        )
    name, width, height = image_store(image)
    try:
        for person in {creator, *people_shown}:
            consent_give(
                actor=actor,
                person=person,
                purpose=Purpose.PHOTOS,
                method=Method.ON_BEHALF,
                network=locked.network,
            )
        work = Work.objects.create(
            activity=locked,
            community=community,
            title=title.strip(),
            description=(description or "").strip(),
            alt_text=alt_text.strip(),
            image=name,
            width=width,
            height=height,
            creator=creator,
            credit=credit,
            credit_text="" if credit == Credit.ANONYMOUS else credit_text.strip(),
            submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        work.people_shown.set(people_shown)
    except Exception:
        default_storage.delete(name)
        raise
    audit_record(
        actor=actor,
        action="work.submit",
        network=locked.network,
        target=work,
        summary=work.title,
        changes={"community": community.pk},
    )
    return work


@transaction.atomic
def work_curate(*, actor, work: Work, accept: bool, note: str = "") -> Work:
    work = Work.objects.select_for_update().get(pk=work.pk)
    if work.status == WorkStatus.WITHDRAWN:
        raise ValidationError({"decision": _("The work was withdrawn; it cannot be shown.")})
    work.status = WorkStatus.ACCEPTED if accept else WorkStatus.DECLINED
    work.curation_note = (note or "").strip()
    work.save(update_fields=["status", "curation_note", "updated_at"])
    audit_record(
        actor=actor,
        action="work.curate",
        network=work.activity.network,
        target=work,
        summary=work.title,
        changes={"status": work.status},
    )
    public_bump()
    return work


def works_withdraw_for(person: Person) -> int:
    """The photo consent was withdrawn: unpublish at once every work the person made or is
    shown in (the registry's withdrawal handler for ``photos``)."""
    works = Work.objects.filter(creator=person) | Work.objects.filter(people_shown=person)
    ids = list(works.exclude(status=WorkStatus.WITHDRAWN).values_list("pk", flat=True).distinct())
    for work in Work.objects.filter(pk__in=ids).select_related("activity"):
        work.status = WorkStatus.WITHDRAWN
        work.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=None,
            action="work.withdraw",
            network=work.activity.network,
            target=work,
            summary=f"#{work.pk}",
        )
    if ids:
        public_bump()
    return len(ids)
