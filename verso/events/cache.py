"""The public pages' and feeds' cache: one version number, bumped by every change.

Anonymous answers (the public list, detail fragments, the public API and the Linked Events
feed) are cached under keys that carry the version; a service that changes an activity, a
place, a sign-up count or a work bumps it, so the next request renders afresh. Old keys
simply expire.
"""

import hashlib

from django.core.cache import cache

VERSION_KEY = "events:public:version"
TIMEOUT = 600


def public_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return int(version)


def public_bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def public_key(*parts: str) -> str:
    raw = "|".join(str(p) for p in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"events:public:{public_version()}:{digest}"
