"""Public pages, without sign-in: the activity list, an activity with its sign-up form, the
sign-up's own page (cancellation link), calendars, the poster and the gallery."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from verso.core.forms import add_service_errors, posted
from verso.core.pagination import paginate, querystring_without_page
from verso.core.ratelimit import ratelimit_post
from verso.core.uploads import upload_response
from verso.events import publishing, selectors, services
from verso.events.access import public_activity, public_work, signup_by_token
from verso.events.cache import public_version
from verso.events.forms import ActivityFilterForm, SignupForm
from verso.events.models import ActivityStatus, SignupStatus
from verso.networks.models import Network

__all__ = [
    "public_list",
    "public_detail",
    "signup_status",
    "signup_cancel",
    "activity_ics",
    "network_ics",
    "activity_poster",
    "gallery",
    "gallery_image",
]

SESSION_TOKENS = "events_signup_tokens"


def _lang() -> str:
    return (translation.get_language() or "fi")[:2]


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    places = list(selectors.places_public())
    filters = ActivityFilterForm(request.GET or None, places=places)
    if filters.is_bound and not filters.is_valid():
        activities = selectors.activity_list_public().none()
    else:
        cleaned = filters.cleaned_data if filters.is_bound else {}
        activities = selectors.activity_list_public(
            type=cleaned.get("type") or "",
            date_from=cleaned.get("date_from"),
            date_to=cleaned.get("date_to"),
            place=cleaned.get("place"),
            free=cleaned.get("free") or False,
            accessible=cleaned.get("accessible") or False,
            language=cleaned.get("language") or "",
            audience=cleaned.get("audience") or "",
        )
    page = paginate(request, activities)
    return render(
        request,
        "events/public_list.html",
        {
            "filters": filters,
            "page": page,
            "querystring": querystring_without_page(request),
            "lang": _lang(),
            "cache_version": public_version(),
        },
    )


@ratelimit_post("event_signup")
@require_http_methods(["GET", "POST"])
def public_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_public_detail(public_activity(activity_id).pk)
    form = None
    if activity.signup_enabled and activity.status == ActivityStatus.PUBLISHED:
        form = SignupForm(posted(request), group_limit=activity.group_limit)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                signup, created = services.signup_create(
                    activity=activity,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    kind=data["kind"],
                    group_size=data["group_size"],
                    access_needs=data["access_needs"],
                    actor=request.user,
                    language=_lang(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                tokens = request.session.get(SESSION_TOKENS, [])
                if created or signup.token in tokens:
                    if created:
                        request.session[SESSION_TOKENS] = [*tokens, signup.token][-20:]
                    return redirect("events:signup_status", token=signup.token)
                # The same contact signed up before, from elsewhere: say so without showing
                # their sign-up (its link went to them).
                return render(
                    request,
                    "events/signup_exists.html",
                    {"activity": activity, "lang": _lang()},
                )
    lang = _lang()
    return render(
        request,
        "events/public_detail.html",
        {
            "activity": activity,
            "title": activity.localized("title", lang),
            "description": activity.localized("description", lang),
            "form": form,
            "places_left": selectors.places_left(activity),
            "json_ld": publishing.activity_json_ld(activity, request, lang),
            "canonical": publishing.activity_url(activity, request, lang),
            "lang": lang,
            "cache_version": public_version(),
        },
    )


@require_GET
def signup_status(request: HttpRequest, token: str) -> HttpResponse:
    signup = signup_by_token(token)
    checkin_url = request.build_absolute_uri(
        reverse(
            "events:checkin",
            kwargs={
                "network_id": signup.activity.network_id,
                "activity_id": signup.activity_id,
                "token": signup.token,
            },
        )
    )
    return render(
        request,
        "events/signup_status.html",
        {
            "signup": signup,
            "activity": signup.activity,
            "title": signup.activity.localized("title", _lang()),
            "qr": publishing.qr_data_uri(checkin_url, scale=5)
            if signup.status == SignupStatus.CONFIRMED
            else None,
        },
    )


@ratelimit_post("event_signup")
@require_http_methods(["POST"])
def signup_cancel(request: HttpRequest, token: str) -> HttpResponse:
    signup = signup_by_token(token)
    services.signup_cancel(signup=signup, actor=request.user)
    messages.success(request, _("Your sign-up is cancelled."))
    return redirect("events:signup_status", token=signup.token)


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def activity_ics(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = public_activity(activity_id)
    content = publishing.calendar_bytes([activity], request, _lang(), activity.title)
    return _ics(content, f"activity-{activity.pk}.ics")


@require_GET
def network_ics(request: HttpRequest, network_id: int) -> HttpResponse:
    try:
        network = Network.objects.get(pk=int(network_id))
    except (Network.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None
    activities = list(selectors.activity_list_public(network=network, include_past=True))
    if not activities:
        raise Http404  # a network shows nothing outside itself until it publishes
    content = publishing.calendar_bytes(activities, request, _lang(), network.name)
    return _ics(content, f"network-{network.pk}.ics")


@require_GET
def activity_poster(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_public_detail(public_activity(activity_id).pk)
    pdf = publishing.poster_pdf(activity, request, _lang())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-{activity.pk}.pdf"'
    return response


@require_GET
def gallery(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = public_activity(activity_id)
    if not activity.is_exhibition:
        raise Http404
    works = list(selectors.gallery_works(activity))
    return render(
        request,
        "events/gallery.html",
        {"activity": activity, "title": activity.localized("title", _lang()), "works": works},
    )


@require_GET
def gallery_image(request: HttpRequest, work_id: int) -> HttpResponse:
    work = public_work(work_id)
    response = upload_response(work.image, download_name=f"work-{work.pk}.jpg")
    response["Cache-Control"] = "public, max-age=300"
    return response
