"""Pages without an account: a call's page at its short link (with its QR code) and the
proposer's private follow page."""

from io import BytesIO

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from verso.core.audit import audit_record
from verso.core.forms import add_service_errors, posted
from verso.core.ratelimit import ratelimit_post
from verso.core.uploads import upload_response
from verso.ideas import selectors, services
from verso.ideas.access import idea_by_follow_token, public_idea_call
from verso.ideas.forms import HONEYPOT, PublicIdeaForm
from verso.privacy.services import consent_active


def call_short_link(request: HttpRequest, call) -> str:
    return request.build_absolute_uri(reverse("ideas:call_public", args=[call.code]))


def _files(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
@ratelimit_post("idea_submit")
def call_public(request: HttpRequest, code: str) -> HttpResponse:
    call = public_idea_call(code)
    is_open = call.is_open()
    form = PublicIdeaForm(posted(request), _files(request))
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                _idea, token = services.idea_submit(
                    actor=None,
                    call=call,
                    text=data["text"],
                    photo=data["photo"],
                    photo_alt=data["photo_alt"],
                    proposer_name=data["proposer_name"],
                    email=data["email"],
                    phone=data["phone"],
                    contact_consent=data["contact_consent"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(reverse("ideas:follow", args=[token]) + "?new=1")
        elif HONEYPOT in form.errors:
            # Not dropped silently: the sender sees why, and the refusal is recorded.
            audit_record(
                actor=None,
                action="access.honeypot",
                network=call.network,
                target=call,
                summary=call.code,
            )
    context = {
        "call": call,
        "is_open": is_open,
        "not_yet": call.opens_on > timezone.localdate(),
        "form": form,
        "target_groups": selectors.target_group_labels(call.target_groups),
        "honeypot_tripped": HONEYPOT in form.errors,
    }
    return render(request, "ideas/call_public.html", context)


def _qr(request: HttpRequest, code: str):
    call = public_idea_call(code)
    return call, segno.make(call_short_link(request, call), error="m")


def qr_svg(qr, title: str) -> bytes:
    """A standalone SVG document (with its namespace, so that browsers draw it as an image)."""
    out = BytesIO()
    qr.save(out, kind="svg", xmldecl=True, svgns=True, scale=8, border=4, title=title)
    return out.getvalue()


def _qr_headers(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def call_qr_svg(request: HttpRequest, code: str) -> HttpResponse:
    call, qr = _qr(request, code)
    response = HttpResponse(qr_svg(qr, call.title), content_type="image/svg+xml")
    return _qr_headers(response, f"verso-{call.code}.svg")


@require_GET
def call_qr_png(request: HttpRequest, code: str) -> HttpResponse:
    call, qr = _qr(request, code)
    out = BytesIO()
    qr.save(out, kind="png", scale=10, border=4)
    response = HttpResponse(out.getvalue(), content_type="image/png")
    return _qr_headers(response, f"verso-{call.code}.png")


@require_http_methods(["GET", "POST"])
@ratelimit_post("idea_submit")
def follow(request: HttpRequest, token: str) -> HttpResponse:
    idea = idea_by_follow_token(token)
    if request.method == "POST":
        if request.POST.get("action") == "remove_contact":
            services.idea_contact_remove(idea=idea)
            messages.success(request, _("Your contact details were removed."))
        return redirect("ideas:follow", token=token)
    proposer = idea.proposer
    has_contact = bool(
        proposer
        and proposer.user_id is None
        and (proposer.email or proposer.phone)
        and consent_active(proposer, "contact_details")
    )
    context = {
        "idea": idea,
        "token": token,
        "is_new": request.GET.get("new") == "1",
        "follow_url": request.build_absolute_uri(reverse("ideas:follow", args=[token])),
        "has_contact": has_contact,
        "plans": selectors.idea_plans(idea),
    }
    response = render(request, "ideas/follow.html", context)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def follow_photo(request: HttpRequest, token: str) -> HttpResponse:
    idea = idea_by_follow_token(token)
    return upload_response(idea.photo.name if idea.photo else "")
