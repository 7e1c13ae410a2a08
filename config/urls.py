from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from verso.api import api
from verso.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    # --- events ---
    path("linkedevents/v1/", include("verso.events.linkedevents_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("verso.core.urls")),
    path("accounts/", include("verso.accounts.urls")),
    path("", include("verso.networks.urls")),
    path("", include("verso.privacy.urls")),
    path("", include("verso.ideas.urls")),
    path("", include("verso.plans.urls")),
    path("", include("verso.meetings.urls")),
    path("", include("verso.events.urls")),
    path("", include("verso.card.urls")),
    path("", include("verso.evaluation.urls")),
    path("", include("verso.embedding.urls")),
    path("", include("verso.methods.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
