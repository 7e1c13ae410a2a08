"""Shared pieces of the JSON API: authentication, the one pagination shape, error answers."""

from typing import Generic, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.parser import Parser
from ninja.security import APIKeyCookie, HttpBearer

from verso.accounts.middleware import two_factor_refusal
from verso.accounts.services import api_token_authenticate
from verso.accounts.twofactor import request_two_factor_step

T = TypeVar("T")


class TokenAuth(HttpBearer):
    """``Authorization: Bearer vrs_…`` with a personal token from /accounts/tokens/."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser session; unsafe methods need the CSRF token, as on pages."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key):
        if not request.user.is_authenticated:
            return None
        if request_two_factor_step(request) is not None:
            # The password alone does not open the API to a session that owes a code.
            raise PermissionDenied(two_factor_refusal())
        return request.user


class PageIn(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class Page(Schema, Generic[T]):
    items: list[T]
    count: int
    page: int
    page_size: int


def paginated(queryset, params: PageIn, transform=None) -> dict:
    count = queryset.count()
    start = (params.page - 1) * params.page_size
    rows = list(queryset[start : start + params.page_size])
    if transform is not None:
        rows = [transform(row) for row in rows]
    return {"items": rows, "count": count, "page": params.page, "page_size": params.page_size}


class ErrorItem(Schema):
    loc: list[str]
    msg: str


class ErrorOut(Schema):
    detail: str | list[ErrorItem]


def validation_error_detail(error: ValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"loc": ["body", field], "msg": message}
            for field, errors in error.message_dict.items()
            for message in errors
        ]
    return [{"loc": ["body"], "msg": message} for message in error.messages]


class ObjectParser(Parser):
    """Request bodies are JSON objects without NUL characters; anything else is refused with
    400 before an operation runs (ninja would read a bare list or null as an empty object)."""

    def parse_body(self, request: HttpRequest):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("The body must be a JSON object.")
        if _contains_nul(data):
            raise ValueError("The body contains a NUL character.")
        return data


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False
