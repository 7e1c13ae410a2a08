from django.conf import settings
from django.urls import path

from verso.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
]
if settings.VERSO_BENCH:  # `make bench` only: the bare baseline page
    urlpatterns.append(path("bench/bare/", views.bench_bare, name="bench_bare"))
