import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError

from verso.core.models import AuditEntry
from verso.networks.models import Membership, Network

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_with_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("verso.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [
        ("/", "fi", "Kirjaudu sisään"),
        ("/sv/", "sv", "Logga in"),
        ("/en/", "en", "Log in"),
    ],
)
def test_front_page_renders_in_its_language(client, path, lang, text):
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in body
    assert text in body


def test_language_links_lead_to_the_same_page_in_each_language(client, world):
    client.force_login(world.coordinator)
    body = client.get(f"/en/networks/{world.network.pk}/members/?role=client").content.decode()
    assert f'href="/networks/{world.network.pk}/members/?role=client" hreflang="fi"' in body
    assert f'href="/sv/networks/{world.network.pk}/members/?role=client" hreflang="sv"' in body
    response = client.get(f"/sv/networks/{world.network.pk}/")
    assert '<html lang="sv">' in response.content.decode()


def test_pages_load_nothing_from_third_party_hosts(client, world):
    client.force_login(world.coordinator)
    for path in ["/", f"/networks/{world.network.pk}/", f"/networks/{world.network.pk}/members/"]:
        body = client.get(path).content.decode()
        for attr in ('src="http', 'href="http', "url(http", 'src="//', 'href="//'):
            assert attr not in body, (path, attr)


def _po_problems(lang: str) -> list[str]:
    """Untranslated or fuzzy messages of a catalogue (the header entry excluded)."""
    text = (ROOT / "locale" / lang / "LC_MESSAGES" / "django.po").read_text()
    problems = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        if any(line.startswith("#~") for line in lines):
            continue  # obsolete
        msgid = "".join(
            line.split(" ", 1)[1].strip('"') if line.startswith("msgid ") else line.strip('"')
            for line in _section(lines, "msgid ")
        )
        if msgid == "":
            continue  # the header
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            problems.append(f"fuzzy: {msgid}")
        for key in ("msgstr ", "msgstr[0] ", "msgstr[1] "):
            section = _section(lines, key)
            if section and not "".join(
                line.split(" ", 1)[1].strip('"') if line.startswith(key) else line.strip('"')
                for line in section
            ):
                problems.append(f"untranslated: {msgid}")
    return problems


def _section(lines: list[str], key: str) -> list[str]:
    out, inside = [], False
    for line in lines:
        if line.startswith(key):
            inside = True
            out.append(line)
        elif inside and line.startswith('"'):
            out.append(line)
        elif inside:
            break
    return out


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_message_is_translated(lang):
    assert _po_problems(lang) == []


def _msgids(path: Path) -> set[str]:
    return set(re.findall(r'^msgid "(.*)"$', path.read_text(), flags=re.M))


def test_translation_catalogues_hold_every_source_string(tmp_path):
    """makemessages, run on a copy of the source, adds no message to the catalogues."""
    for name in ("config", "verso", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fi", "-l", "sv", "-v0"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for lang in ("fi", "sv"):
        po = f"locale/{lang}/LC_MESSAGES/django.po"
        assert _msgids(tmp_path / po) - _msgids(ROOT / po) == set(), lang


def test_seed_demo_is_idempotent_and_has_a_gap_in_the_coordination_group():
    call_command("seed_demo")
    counts = (Network.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    call_command("seed_demo")
    assert (
        Network.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    from verso.accounts.models import User
    from verso.networks.access import Need, access_network_for
    from verso.networks.selectors import network_competence_coverage

    coordinator = User.objects.get(email="koordinaattori@verso.example")
    network = Network.objects.get(name="Kuusamon kesäkeidas")
    access_network_for(coordinator, network.pk, Need.MANAGE)
    gaps = [c.area for c in network_competence_coverage(network) if c.is_gap]
    assert gaps == ["guidance"]
    assert Membership.objects.filter(network=network, person__user__isnull=True).exists()
    assert Membership.objects.filter(
        network=network, person__user__isnull=False, roles__role="client"
    ).exists()


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 30 + "-production-secret-for-the-check-1234567890",
        "ALLOWED_HOSTS": "verso.example.fi",
        "DATABASE_URL": "sqlite:////tmp/verso-deploy-check.sqlite3",
    }
    env.pop("TEST_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.no_auto_otp
def test_the_printed_demo_login_works_with_the_demo_two_factor_code(client):
    from django.core.management import call_command
    from django_otp.oath import totp

    from verso.networks.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX

    call_command("seed_demo")
    response = client.post(
        "/en/accounts/login/",
        {"username": "koordinaattori@verso.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/en/networks/").status_code == 302  # a code is still owed
    code = f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX), step=30, t0=0, digits=6):06d}"
    response = client.post("/en/accounts/2fa/verify/", {"token": code})
    assert response.status_code == 302
    body = client.get("/en/networks/").content.decode()
    assert "Kuusamon kesäkeidas" in body
    assert "You coordinate this network" in body
