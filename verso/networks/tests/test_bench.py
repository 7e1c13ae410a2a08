"""The bulk data set, the pages `make bench` measures, and their query counts by scale."""

import gettext
import importlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import clear_url_caches

from verso.accounts.testing import client_otp_verify
from verso.core.management.commands.compile_catalogues import compile_catalogue, format_errors
from verso.networks import access
from verso.networks.bench import BENCH_PAGES, BenchRequest, BenchSkip, bench_world
from verso.networks.bulk import (
    BENCH_USER_EMAIL,
    BULK_SEEDERS,
    BulkContext,
    register_bulk_seeder,
    seed_bulk,
)
from verso.networks.management.commands.bench import send
from verso.networks.models import Membership, MembershipRole, Network, Person

SMALL, LARGE = 0.002, 0.02  # 2 and 20 networks; 100 and 1,000 people


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def count_queries(client: Client, request: BenchRequest) -> tuple[int, int]:
    """The queries of the first request with an empty cache, and of the next one (a cached
    public page makes none)."""
    cache.clear()
    counts = []
    for _ in range(2):
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = send(client, request)
        assert response.status_code == 200, (request.path, response.status_code)
        counts.append(counter.count)
    return counts[0], counts[1]


def page_counts(scale: float) -> dict[str, tuple[int, int]]:
    """Every registered page's query counts (cold, warm) on a bulk data set at ``scale``
    (rolled back)."""
    counts = {}
    with transaction.atomic():
        seed_bulk(BulkContext(scale=scale))
        world = bench_world()
        user = get_user_model().objects.get(pk=world.user_id)
        signed_in = Client()
        signed_in.force_login(user)
        client_otp_verify(signed_in, user)
        for page in BENCH_PAGES:
            try:
                request = page.request(world)
            except BenchSkip:
                continue
            counts[page.name] = count_queries(signed_in if page.signed_in else Client(), request)
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db
def test_every_measured_page_makes_the_same_queries_at_two_scales():
    small = page_counts(SMALL)
    large = page_counts(LARGE)
    assert set(small) >= {
        "my networks",
        "network dashboard",
        "member list",
        "API network list",
        # --- perf --- events and card
        "activity list (public)",
        "API activity list (public)",
        "activity detail (public)",
        "Linked Events feed",
        "card check (API)",
    }
    print(small)
    assert small == large


@pytest.mark.django_db
def test_seed_bulk_builds_the_scaled_data_set_once():
    call_command("seed_bulk", "--scale", "0.004", stdout=io.StringIO())
    assert Network.objects.filter(name__startswith="Bulk network").count() == 4
    assert Person.objects.exclude(user__email=BENCH_USER_EMAIL).count() == 200
    # One coordinator per network with one, the shape the services keep.
    for network in Network.objects.all():
        assert MembershipRole.objects.filter(
            network=network, role="coordinator", ends_on__isnull=True
        ).count() in (0, 1)
    bench = bench_world()
    levels = access.user_levels(get_user_model().objects.get(pk=bench.user_id))
    assert levels[bench.network_id] == access.Need.MANAGE
    memberships = Membership.objects.count()
    call_command("seed_bulk", "--scale", "0.004", stdout=io.StringIO())
    assert Membership.objects.count() == memberships  # again: nothing added


@pytest.mark.django_db
def test_seed_bulk_refuses_another_scale_on_the_same_database():
    from django.core.management.base import CommandError

    call_command("seed_bulk", "--scale", "0.002", stdout=io.StringIO())
    with pytest.raises(CommandError, match="another scale"):
        call_command("seed_bulk", "--scale", "0.004", stdout=io.StringIO())


@pytest.mark.django_db
def test_registered_bulk_seeders_run_with_the_scale_and_progress():
    seen = []

    def seeder(ctx: BulkContext) -> None:
        rows = ctx.insert(
            Person,
            (Person(display_name=f"extra {i}") for i in range(ctx.count(3000))),
            total=ctx.count(3000),
            label="extra people",
        )
        seen.append((ctx.scale, len(rows), ctx.networks().count()))

    progress = []
    register_bulk_seeder(seeder)
    try:
        seed_bulk(BulkContext(scale=0.002, progress=lambda *a: progress.append(a), batch_size=2))
    finally:
        BULK_SEEDERS.remove(seeder)
    assert seen == [(0.002, 6, 2)]
    assert ("extra people", 6, 6) in progress


def _bench_urls():
    import config.urls
    import verso.core.urls

    importlib.reload(verso.core.urls)
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def bench_on():
    with override_settings(VERSO_BENCH=True):
        _bench_urls()
        yield
    _bench_urls()


@pytest.mark.django_db
def test_the_bare_baseline_exists_only_when_bench_is_on(client, bench_on):
    response = client.get("/bench/bare/?bytes=5000")
    assert response.status_code == 200
    assert len(response.content) == 5000
    assert response["Content-Type"].startswith("text/html")
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        assert client.get("/bench/bare/?bytes=oops").status_code == 200
    assert counter.count == 0


@pytest.mark.django_db
def test_no_bare_baseline_without_the_setting(client):
    assert client.get("/bench/bare/").status_code == 404


@pytest.mark.django_db
def test_levels_are_worked_out_once_per_read_only_request():
    seed_bulk(BulkContext(scale=0.002))
    world = bench_world()
    user = get_user_model().objects.get(pk=world.user_id)
    client = Client()
    client.force_login(user)
    client_otp_verify(client, user)
    client.get("/networks/")
    calls = []
    original = access._user_levels

    def spy(u):
        calls.append(u.pk)
        return original(u)

    access._user_levels = spy
    try:
        assert client.get("/networks/").status_code == 200
    finally:
        access._user_levels = original
    assert calls == [user.pk]


def test_catalogues_compile_without_msgfmt_to_what_gettext_reads(tmp_path):
    from pathlib import Path

    import polib
    from django.conf import settings

    for po_path in sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po")):
        mo_path = compile_catalogue(po_path, tmp_path / f"{po_path.parent.parent.name}.mo")
        with open(mo_path, "rb") as f:
            translations = gettext.GNUTranslations(f)
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue.translated_entries():
            if entry.msgid_plural:
                for n, form in ((1, 0), (2, 1)):
                    got = (
                        translations.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                        if entry.msgctxt
                        else translations.ngettext(entry.msgid, entry.msgid_plural, n)
                    )
                    assert got == entry.msgstr_plural[form]
            elif entry.msgctxt:
                assert translations.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
            else:
                assert translations.gettext(entry.msgid) == entry.msgstr


def test_compile_refuses_a_translation_with_other_placeholders():
    import polib

    catalogue = polib.POFile()
    catalogue.append(
        polib.POEntry(
            msgid="%(name)s was added.", msgstr="%(nimi)s lisättiin.", flags=["python-format"]
        )
    )
    assert format_errors(catalogue)
    catalogue[0].msgstr = "%(name)s lisättiin."
    assert not format_errors(catalogue)


def test_filter_fields_are_rendered_once_per_key_and_never_with_errors():
    from django.template import Context, Template
    from django.utils import translation

    from verso.networks.forms import MemberFilterForm

    template = Template("{% load verso %}{% for f in form %}{{ f|field_group }}{% endfor %}")

    def render(data, *, can_see_clients=True, language="fi"):
        with translation.override(language):
            form = MemberFilterForm(data, can_see_clients=can_see_clients)
            form.is_valid()
            plain = "".join(str(f.as_field_group()) for f in form)
            return template.render(Context({"form": form})), plain

    for data in (None, {"role": "client"}, {"sector": "culture", "include_ended": "on"}):
        for kwargs in ({}, {"can_see_clients": False}, {"language": "sv"}):
            cached, plain = render(data, **kwargs)
            again, _ = render(data, **kwargs)
            assert cached == plain == again
    assert 'value="client" selected' in render({"role": "client"})[0]
    assert 'value="client"' not in render(None, can_see_clients=False)[0]
    assert render(None, language="sv")[0] != render(None)[0]
    bad, plain = render({"role": "nonsense"})
    assert bad == plain and "nonsense" in bad  # the error is shown, not a cached rendering


@pytest.mark.django_db
def test_bench_counts_every_registered_page_in_process(bench_on, capsys):
    seed_bulk(BulkContext(scale=0.002))
    out = io.StringIO()
    call_command("bench", "--counts-only", stdout=out)
    text = out.getvalue()
    for page in BENCH_PAGES:
        assert page.name in text
    assert "bare baseline of" in text


def test_summary_of_runs():
    from verso.networks.management.commands.bench import summarise

    runs = [
        {"times_ms": [float(i) for i in range(1, 101)], "seconds": 2.0},
        {"times_ms": [], "seconds": 2.0},
    ]
    assert summarise(runs) == {"rps": 25.0, "p50_ms": 51.0, "p95_ms": 96.0}
    assert summarise([{"times_ms": [], "seconds": 0}])["rps"] == 0.0


@pytest.mark.django_db
def test_row_urls_are_the_urls_django_reverses():
    from django.urls import reverse
    from django.utils import translation

    from verso.core.templatetags.verso import row_url

    for language in ("fi", "sv", "en"):
        with translation.override(language):
            for name, args in (
                ("networks:detail", [7]),
                ("networks:organisation", [123456]),
                ("networks:member_edit", [1, 22]),
                ("privacy:member_data", [333, 4]),
                ("networks:member_end", ["5", "6"]),
            ):
                assert row_url(name, *args) == reverse(name, args=args)
                assert row_url(name, *args) == reverse(name, args=args)  # from the shape
    with pytest.raises(Exception):  # noqa: B017  # not an id: reversed, and refused, as {% url %}
        row_url("networks:detail", "x")
