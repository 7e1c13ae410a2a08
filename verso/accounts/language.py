"""A user's language: the pages after signing in and every mail to them use it."""

from django.conf import settings


def known_language(code: str | None) -> str:
    """``code`` when it is one of the installation's languages, else ""."""
    return code if code in dict(settings.LANGUAGES) else ""


def user_language(user) -> str:
    """The language ``user`` chose (an account's own), or "" for no account."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return known_language(getattr(user, "language", ""))


def person_language(person, fallback: str = "") -> str:
    """The language of a person's account, or ``fallback`` for a person without one
    (the inviter's choice, the page's language…), or the installation's language."""
    user = getattr(person, "user", None) if person is not None else None
    return user_language(user) or known_language(fallback) or settings.LANGUAGE_CODE
