"""The JSON API under /api/v1/: each app's router, one auth, one error shape."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger

from verso.card.api import router as card_router
from verso.core.api import ObjectParser, SessionAuth, TokenAuth, validation_error_detail
from verso.embedding.api import router as embedding_router
from verso.evaluation.api import router as evaluation_router
from verso.events.api import router as events_router
from verso.ideas.api import router as ideas_router
from verso.meetings.api import router as meetings_router
from verso.methods.api import router as methods_router
from verso.networks.api import router as networks_router
from verso.plans.api import router as plans_router

api = NinjaAPI(
    title="Verso API",
    version="1",
    description="The JSON API of Verso, the workbench of participation networks.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    # Swagger UI from ninja's bundled static files ("ninja" is in INSTALLED_APPS); no online
    # validator badge, which would load an image from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    parser=ObjectParser(),
)
api.add_router("/", networks_router)
api.add_router("/", ideas_router)
api.add_router("/", plans_router)
api.add_router("/", meetings_router)
api.add_router("/", events_router)
api.add_router("/", card_router)
api.add_router("/", evaluation_router)
api.add_router("/", embedding_router)
api.add_router("/", methods_router)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": validation_error_detail(exc)}, status=422)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc: PermissionDenied):
    return api.create_response(
        request, {"detail": _("You do not have permission to do this.")}, status=403
    )
