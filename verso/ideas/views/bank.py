"""The network's idea bank: the list, one idea with its supports and comments, an idea
entered by a member (also on a client's behalf), triage and moderation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate
from verso.core.uploads import upload_response
from verso.ideas import selectors, services
from verso.ideas.access import access_idea_comment_for, access_idea_for
from verso.ideas.forms import (
    CommentForm,
    CommentHideForm,
    IdeaFilterForm,
    IdeaForm,
    ModerationForm,
    TriageForm,
)
from verso.ideas.models import IdeaCall
from verso.networks.access import Need, access_network_for
from verso.privacy.services import consent_active


def _person(access):
    return access.membership.person if access.membership else None


@login_required
@require_GET
def idea_list(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.CLIENT)
    filters = IdeaFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    ideas = selectors.idea_list_visible_to(
        access, status=status, include_hidden=True, person=_person(access)
    )
    page = paginate(request, ideas)
    calls = list(selectors.idea_calls_for_network(access.network))
    context = {
        "access": access,
        "network": access.network,
        "filters": filters,
        "page": page,
        "calls": calls,
    }
    return render(request, "ideas/idea_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def idea_create(request: HttpRequest, network_id: int) -> HttpResponse:
    access = access_network_for(request.user, network_id, Need.CLIENT)
    open_calls = [c for c in IdeaCall.objects.filter(network=access.network) if c.is_open()]
    form = IdeaForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        assisted_allowed=access.level >= Need.MEMBER,
        calls=open_calls,
        initial={"call": open_calls[0].pk} if len(open_calls) == 1 else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assisted = bool(data.get("assisted"))
        call = next((c for c in open_calls if c.pk == data.get("call")), None)
        try:
            _idea, token = services.idea_submit(
                actor=request.user,
                network=access.network,
                call=call,
                text=data["text"],
                photo=data["photo"],
                photo_alt=data["photo_alt"],
                proposer_name=data["proposer_name"],
                email=data["email"],
                phone=data["phone"],
                contact_consent=data["contact_consent"],
                assisted=assisted,
                proposer=None if assisted else _person(access),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(reverse("ideas:follow", args=[token]) + "?new=1")
    return render(
        request,
        "ideas/idea_form.html",
        {"access": access, "network": access.network, "form": form},
    )


def _detail_context(request, access, idea, comment_form=None) -> dict:
    clients = selectors.client_only_person_ids(access.network)
    comments = [
        (c, selectors.person_name_visible(access, c.author, clients))
        for c in selectors.idea_comments_visible_to(access, idea)
    ]
    proposer = idea.proposer
    contact = None
    if access.can_see_clients and proposer and consent_active(proposer, "contact_details"):
        contact = {"email": proposer.email, "phone": proposer.phone}
    return {
        "access": access,
        "network": access.network,
        "idea": idea,
        "support_count": selectors.idea_support_count(idea),
        "supported": selectors.idea_supported_by(idea, _person(access)),
        "can_take_part": _person(access) is not None and not idea.is_hidden,
        "comments": comments,
        "comment_form": comment_form or CommentForm(),
        "contact": contact,
        "plans": selectors.idea_plans(idea, drafts=access.can_see_clients),
    }


@login_required
@require_GET
def idea_detail(request: HttpRequest, network_id: int, idea_id: int) -> HttpResponse:
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.CLIENT)
    return render(request, "ideas/idea_detail.html", _detail_context(request, access, idea))


@login_required
@require_GET
def idea_photo(request: HttpRequest, network_id: int, idea_id: int) -> HttpResponse:
    _access, idea = access_idea_for(request.user, network_id, idea_id, Need.CLIENT)
    return upload_response(idea.photo.name if idea.photo else "")


@login_required
@require_POST
def idea_support(request: HttpRequest, network_id: int, idea_id: int) -> HttpResponse:
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.CLIENT)
    person = _person(access)
    action = request.POST.get("action", "")
    try:
        if person is None:
            raise ValidationError(_("Only members of the network can support ideas."))
        if action == "support":
            services.idea_support(actor=request.user, idea=idea, person=person)
            messages.success(request, _("You support this idea."))
        elif action == "withdraw":
            services.idea_unsupport(actor=request.user, idea=idea, person=person)
            messages.success(request, _("Your support was withdrawn."))
        else:
            raise ValidationError(_("Choose whether you support the idea."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    if request.htmx:
        context = _detail_context(request, access, idea)
        return render(request, "ideas/idea_detail.html#support", context)
    return redirect("ideas:detail", network_id=access.network.pk, idea_id=idea.pk)


@login_required
@require_POST
def idea_comment(request: HttpRequest, network_id: int, idea_id: int) -> HttpResponse:
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.CLIENT)
    form = CommentForm(request.POST)
    person = _person(access)
    if form.is_valid():
        try:
            if person is None:
                raise ValidationError(_("Only members of the network can comment."))
            services.idea_comment_add(
                actor=request.user, idea=idea, author=person, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment was added."))
            return redirect("ideas:detail", network_id=access.network.pk, idea_id=idea.pk)
    context = _detail_context(request, access, idea, comment_form=form)
    context["form"] = form
    return render(request, "ideas/idea_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def idea_triage(request: HttpRequest, network_id: int, idea_id: int) -> HttpResponse:
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.COORDINATION)
    candidates = list(selectors.idea_merge_candidates(idea))
    form = TriageForm(
        posted(request),
        candidates=candidates,
        initial={"status": idea.status, "reason": idea.status_reason},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        merged_into = next((c for c in candidates if c.pk == data["merged_into"]), None)
        try:
            services.idea_triage(
                actor=request.user,
                idea=idea,
                status=data["status"],
                reason=data["reason"],
                merged_into=merged_into,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The idea's state was saved."))
            return redirect("ideas:detail", network_id=access.network.pk, idea_id=idea.pk)
    return render(
        request,
        "ideas/idea_triage.html",
        {"access": access, "network": access.network, "idea": idea, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_moderate(request: HttpRequest, network_id: int, idea_id: int) -> HttpResponse:
    access, idea = access_idea_for(request.user, network_id, idea_id, Need.COORDINATION)
    if request.method == "POST" and idea.is_hidden and request.POST.get("action") == "show":
        services.idea_unhide(actor=request.user, idea=idea)
        messages.success(request, _("The idea is shown again."))
        return redirect("ideas:detail", network_id=access.network.pk, idea_id=idea.pk)
    form = ModerationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_hide(actor=request.user, idea=idea, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The idea was hidden."))
            return redirect("ideas:detail", network_id=access.network.pk, idea_id=idea.pk)
    return render(
        request,
        "ideas/idea_moderate.html",
        {"access": access, "network": access.network, "idea": idea, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_hide(
    request: HttpRequest, network_id: int, idea_id: int, comment_id: int
) -> HttpResponse:
    access, idea, comment = access_idea_comment_for(
        request.user, network_id, idea_id, comment_id, Need.COORDINATION
    )
    form = CommentHideForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_comment_hide(
                actor=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The comment was hidden."))
            return redirect("ideas:detail", network_id=access.network.pk, idea_id=idea.pk)
    return render(
        request,
        "ideas/comment_hide.html",
        {
            "access": access,
            "network": access.network,
            "idea": idea,
            "comment": comment,
            "form": form,
        },
    )
