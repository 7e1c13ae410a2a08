from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.test.signals import setting_changed
from django.urls import translate_url
from django.utils.translation import get_language


def language_links(request: HttpRequest) -> dict:
    """The current page in each language, for the language switch."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": name, "url": _translated(path, get_language(), code)}
            for code, name in settings.LANGUAGE_NAMES
        ]
    }


# --- perf --- resolving and reversing the path three times took a tenth of a cached public
# page; the answer follows from the path and the two languages alone (the URLs are fixed).
@lru_cache(maxsize=4096)
def _translated(path: str, active: str | None, code: str) -> str:
    return translate_url(path, code)


def _forget_translated(setting: str, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "PREFIX_DEFAULT_LANGUAGE"):
        _translated.cache_clear()


setting_changed.connect(_forget_translated, dispatch_uid="verso-language-links")
