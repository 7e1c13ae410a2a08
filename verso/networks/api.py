"""The networks API: networks, memberships, coverage, handover, organisations, audit."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt

from verso.core.api import ErrorOut, Page, PageIn, paginated
from verso.networks import selectors, services
from verso.networks.access import (
    Need,
    access_membership_for,
    access_network_for,
    access_organisation_for,
    organisations_visible_to,
    user_can_create_organisation,
)
from verso.networks.choices import NetworkStatus, Phase, Sector
from verso.networks.models import Membership, Organisation

router = Router(tags=["networks"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}

Name = Field(..., min_length=1, max_length=200)


class NetworkIn(Schema):
    name: str = Name
    municipality: str = Field(..., min_length=1, max_length=100)
    goal: str = Field(..., min_length=1, max_length=2000)
    description: str = Field("", max_length=5000)
    phase: Phase = Phase.IDEATION
    target_groups: list[str] = Field(default_factory=list, max_length=50)
    organisation_id: StrictInt | None = None


class NetworkPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    municipality: str | None = Field(None, min_length=1, max_length=100)
    goal: str | None = Field(None, min_length=1, max_length=2000)
    description: str | None = Field(None, max_length=5000)
    status: NetworkStatus | None = None
    phase: Phase | None = None
    target_groups: list[str] | None = Field(None, max_length=50)


class NetworkOut(Schema):
    id: int
    name: str
    municipality: str
    goal: str
    description: str
    status: str
    phase: str
    target_groups: list[str]
    my_level: str


class PersonOut(Schema):
    id: int
    display_name: str
    competences: list[str]
    competence_tags: list[str]


class MembershipOut(Schema):
    id: int
    person: PersonOut
    organisation_id: int | None
    organisation_name: str | None
    roles: list[str]
    starts_on: datetime.date
    ends_on: datetime.date | None


class MembershipIn(Schema):
    user_email: str | None = Field(None, max_length=254, description="Add an existing account.")
    display_name: str | None = Field(
        None, min_length=1, max_length=100, description="Or a new person."
    )
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    contact_consent: bool = Field(
        False, description="The person agreed that their contact details are kept."
    )
    organisation_id: StrictInt | None = None
    roles: list[str] = Field(..., min_length=1, max_length=10)
    competences: list[str] = Field(default_factory=list, max_length=10)
    competence_tags: list[str] = Field(default_factory=list, max_length=20)
    starts_on: datetime.date | None = None


class MembershipPatch(Schema):
    roles: list[str] = Field(..., min_length=1, max_length=10)
    organisation_id: StrictInt | None = None


class MembershipEndIn(Schema):
    ends_on: datetime.date | None = None


class HandoverIn(Schema):
    membership_id: StrictInt
    keep_previous_in_group: bool = True


class CoverageOut(Schema):
    area: str
    label: str
    covered_by: list[PersonOut]
    is_gap: bool


class OrganisationIn(Schema):
    name: str = Name
    sector: Sector
    is_project: bool = False
    ends_on: datetime.date | None = None
    parent_id: StrictInt | None = None
    municipality: str = Field("", max_length=100)
    description: str = Field("", max_length=2000)


class OrganisationOut(Schema):
    id: int
    name: str
    sector: str
    is_project: bool
    ends_on: datetime.date | None
    parent_id: int | None
    municipality: str
    description: str


class AuditOut(Schema):
    id: int
    created_at: datetime.datetime
    actor_email: str | None
    action: str
    target_type: str
    target_id: str
    summary: str
    changes: dict


class OrganisationFilter(Schema):
    sector: Sector | None = None
    q: str = Field("", max_length=100)


class MemberFilter(Schema):
    role: str = Field("", max_length=32)
    sector: str = Field("", max_length=32)
    q: str = Field("", max_length=100)
    include_ended: bool = False


def _network_out(network, level) -> dict:
    return {
        "id": network.pk,
        "name": network.name,
        "municipality": network.municipality,
        "goal": network.goal,
        "description": network.description,
        "status": network.status,
        "phase": network.phase,
        "target_groups": network.target_groups,
        "my_level": level.name.lower(),
    }


def _membership_out(access, membership: Membership) -> dict:
    return {
        "id": membership.pk,
        "person": membership.person,
        "organisation_id": membership.organisation_id,
        "organisation_name": membership.organisation.name if membership.organisation else None,
        "roles": [r.role for r in selectors.visible_roles(access, membership)],
        "starts_on": membership.starts_on,
        "ends_on": membership.ends_on,
    }


def _organisation(organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationError({"organisation_id": _("Unknown organisation.")})
    return organisation


# Networks ----------------------------------------------------------------------------------


@router.get("/networks", response=Page[NetworkOut], summary="Networks the user belongs to")
def network_list(request, params: Query[PageIn]):
    levels = selectors.network_levels_for(request.user)
    return paginated(
        selectors.network_list_for(request.user),
        params,
        lambda n: _network_out(n, levels.get(n.pk, Need.MANAGE)),
    )


@router.post("/networks", response={201: NetworkOut, **ERRORS}, summary="Create a network")
def network_create(request, payload: NetworkIn):
    data = payload.dict()
    organisation = _organisation(data.pop("organisation_id"))
    network = services.network_create(actor=request.user, organisation=organisation, **data)
    return Status(201, _network_out(network, Need.MANAGE))


@router.get("/networks/{network_id}", response={200: NetworkOut, **ERRORS}, summary="One network")
def network_detail(request, network_id: int):
    access = access_network_for(request.user, network_id, Need.CLIENT)
    return _network_out(access.network, access.level)


@router.patch(
    "/networks/{network_id}", response={200: NetworkOut, **ERRORS}, summary="Change a network"
)
def network_update(request, network_id: int, payload: NetworkPatch):
    access = access_network_for(request.user, network_id, Need.MANAGE)
    fields = payload.dict(exclude_unset=True, exclude_none=True)
    network = services.network_update(actor=request.user, network=access.network, **fields)
    return _network_out(network, access.level)


@router.get(
    "/networks/{network_id}/coverage",
    response={200: list[CoverageOut], **ERRORS},
    summary="Competence coverage of the coordination group",
)
def network_coverage(request, network_id: int):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    return [
        {"area": c.area, "label": str(c.label), "covered_by": c.covered_by, "is_gap": c.is_gap}
        for c in selectors.network_competence_coverage(access.network)
    ]


@router.post(
    "/networks/{network_id}/handover",
    response={200: MembershipOut, **ERRORS},
    summary="Hand coordination over",
)
def network_handover(request, network_id: int, payload: HandoverIn):
    access, membership = access_membership_for(
        request.user, network_id, payload.membership_id, Need.MANAGE
    )
    services.network_handover(
        actor=request.user,
        network=access.network,
        to=membership,
        keep_previous_in_group=payload.keep_previous_in_group,
    )
    membership = selectors.network_members_visible_to(access).get(pk=membership.pk)
    return _membership_out(access, membership)


@router.get(
    "/networks/{network_id}/audit", response={200: Page[AuditOut], **ERRORS}, summary="Audit trail"
)
def network_audit(request, network_id: int, params: Query[PageIn]):
    access = access_network_for(request.user, network_id, Need.MANAGE)
    return paginated(
        selectors.network_audit_entries(access.network),
        params,
        lambda e: {
            **{
                f: getattr(e, f)
                for f in (
                    "id",
                    "created_at",
                    "action",
                    "target_type",
                    "target_id",
                    "summary",
                    "changes",
                )
            },
            "actor_email": e.actor.email if e.actor else None,
        },
    )


# Memberships -------------------------------------------------------------------------------


@router.get(
    "/networks/{network_id}/memberships",
    response={200: Page[MembershipOut], **ERRORS},
    summary="Members visible to the user",
)
def membership_list(request, network_id: int, params: Query[PageIn], filters: Query[MemberFilter]):
    access = access_network_for(request.user, network_id, Need.MEMBER)
    qs = selectors.network_members_visible_to(access, **filters.dict())
    return paginated(qs, params, lambda m: _membership_out(access, m))


@router.post(
    "/networks/{network_id}/memberships",
    response={201: MembershipOut, **ERRORS},
    summary="Add a member",
)
def membership_add(request, network_id: int, payload: MembershipIn):
    access = access_network_for(request.user, network_id, Need.MANAGE)
    common = {
        "actor": request.user,
        "network": access.network,
        "roles": payload.roles,
        "organisation": _organisation(payload.organisation_id),
        "starts_on": payload.starts_on,
    }
    if payload.user_email:
        user = (
            get_user_model()
            .objects.filter(email__iexact=payload.user_email, is_active=True)
            .first()
        )
        if user is None:
            raise ValidationError({"user_email": _("No account has this e-mail address.")})
        membership = services.membership_add_account(user=user, **common)
    elif payload.display_name:
        membership = services.membership_add_new_person(
            display_name=payload.display_name,
            email=payload.email,
            phone=payload.phone,
            competences=payload.competences,
            competence_tags=payload.competence_tags,
            contact_consent=payload.contact_consent,
            **common,
        )
    else:
        raise ValidationError({"display_name": _("Give user_email or display_name.")})
    membership = selectors.network_members_visible_to(access).get(pk=membership.pk)
    return Status(201, _membership_out(access, membership))


@router.patch(
    "/networks/{network_id}/memberships/{membership_id}",
    response={200: MembershipOut, **ERRORS},
    summary="Change a member's roles and organisation",
)
def membership_update(request, network_id: int, membership_id: int, payload: MembershipPatch):
    access, membership = access_membership_for(request.user, network_id, membership_id, Need.MANAGE)
    services.membership_update(
        actor=request.user,
        membership=membership,
        roles=payload.roles,
        organisation=_organisation(payload.organisation_id),
    )
    membership = selectors.network_members_visible_to(access).get(pk=membership.pk)
    return _membership_out(access, membership)


@router.post(
    "/networks/{network_id}/memberships/{membership_id}/end",
    response={200: MembershipOut, **ERRORS},
    summary="End a membership",
)
def membership_end(request, network_id: int, membership_id: int, payload: MembershipEndIn):
    access, membership = access_membership_for(request.user, network_id, membership_id, Need.MANAGE)
    services.membership_end(actor=request.user, membership=membership, ends_on=payload.ends_on)
    membership = selectors.network_members_visible_to(access, include_ended=True).get(
        pk=membership.pk
    )
    return _membership_out(access, membership)


# Organisations -----------------------------------------------------------------------------


@router.get("/organisations", response=Page[OrganisationOut], summary="Organisations")
def organisation_list(request, params: Query[PageIn], filters: Query[OrganisationFilter]):
    qs = selectors.organisation_list(sector=filters.sector or "", q=filters.q)
    qs = qs.filter(pk__in=organisations_visible_to(request.user).values("pk"))
    return paginated(qs, params)


@router.post(
    "/organisations", response={201: OrganisationOut, **ERRORS}, summary="Add an organisation"
)
def organisation_create(request, payload: OrganisationIn):
    if not user_can_create_organisation(request.user):
        raise PermissionDenied
    data = payload.dict()
    parent_id = data.pop("parent_id")
    parent = get_object_or_404(Organisation, pk=parent_id) if parent_id else None
    return Status(201, services.organisation_create(actor=request.user, parent=parent, **data))


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, **ERRORS},
    summary="One organisation",
)
def organisation_detail(request, organisation_id: int):
    return access_organisation_for(request.user, organisation_id)
