from functools import wraps

from django.shortcuts import render

from verso.card.access import CardRefused


def shows_refusal(view):
    """A refusal with a reason (an issuer of a unit that is not an issuing unit, a provider
    outside the scheme) answers 403 with the reason on the page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except CardRefused as refusal:
            return render(request, "card/refused.html", {"reason": str(refusal)}, status=403)

    return wrapped
