"""The pages `make bench` measures, and the registry where later apps add theirs.

An app registers, in its AppConfig.ready()::

    from verso.networks.bench import BenchSkip, register_bench_page

    def activity_detail_path(world):
        activity = Activity.objects.filter(network_id=world.network_id).first()
        if activity is None:
            raise BenchSkip("no activities in the bulk data set")
        return reverse("events:activity", args=[activity.pk])

    register_bench_page("activity detail", activity_detail_path, signed_in=False)

``world`` names the bulk data set's bench network (the largest) and the signed-in bench
user (its coordinator, two-factor verified, member of a few other networks). The path is
worked out once, in Finnish (no language prefix), before the load starts. A path function
may return a ``BenchRequest`` instead of a path, for a request other than a plain GET (a
method, a JSON body, headers such as a provider token). A page whose part
has not landed, or whose data is missing, raises ``BenchSkip``: the run prints a line saying
so and measures the rest. The same registry drives the test that a page's query count does
not grow with the data (`verso/networks/tests/test_bench.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class BenchRequest:
    """A measured request other than a plain GET (a path function may return one): e.g.
    a card check, ``POST /api/v1/card/check`` with a JSON body and a provider token."""

    path: str
    method: str = "GET"
    body: str = ""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


class BenchSkip(Exception):
    """This page cannot be measured on this data set (its part has not landed)."""


@dataclass(frozen=True)
class BenchWorld:
    network_id: int  # the bench network: the largest bulk network
    user_id: int  # the signed-in bench user, the bench network's coordinator


@dataclass(frozen=True)
class BenchPage:
    name: str
    path_fn: Callable[[BenchWorld], str | BenchRequest]
    signed_in: bool = True

    def request(self, world: BenchWorld) -> BenchRequest:
        with translation.override("fi"):
            made = self.path_fn(world)
        return made if isinstance(made, BenchRequest) else BenchRequest(path=made)

    def path(self, world: BenchWorld) -> str:
        return self.request(world).path


BENCH_PAGES: list[BenchPage] = []


def register_bench_page(
    name: str, path_fn: Callable[[BenchWorld], str | BenchRequest], *, signed_in: bool = True
) -> BenchPage:
    """Add a page to `make bench` (and to the query-count test). Names are unique."""
    page = BenchPage(name=name, path_fn=path_fn, signed_in=signed_in)
    for i, known in enumerate(BENCH_PAGES):
        if known.name == name:
            BENCH_PAGES[i] = page
            return page
    BENCH_PAGES.append(page)
    return page


def bench_world() -> BenchWorld | None:
    """The bulk data set's bench network and user, or None before `seed_bulk`."""
    from django.contrib.auth import get_user_model

    from verso.networks.bulk import BENCH_USER_EMAIL, bench_network

    network = bench_network()
    user = get_user_model().objects.filter(email=BENCH_USER_EMAIL).first()
    if network is None or user is None:
        return None
    return BenchWorld(network_id=network.pk, user_id=user.pk)


def register_network_pages() -> None:
    """The pages of the network core (called from NetworksConfig.ready())."""
    register_bench_page("front page (anonymous)", lambda w: reverse("core:home"), signed_in=False)
    register_bench_page("my networks", lambda w: reverse("networks:list"))
    register_bench_page(
        "network dashboard", lambda w: reverse("networks:detail", args=[w.network_id])
    )
    register_bench_page("member list", lambda w: reverse("networks:members", args=[w.network_id]))
    register_bench_page("organisation list", lambda w: reverse("networks:organisations"))
    register_bench_page("API network list", lambda w: "/api/v1/networks")
