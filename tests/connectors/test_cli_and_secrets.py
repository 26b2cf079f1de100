"""The CLI (`imedia connector list|sync|reencrypt`), credentials at rest and key rotation, and the
job that runs due links only where the platform's plugin is enabled."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django_tenants.utils import tenant_context

from imedia_core.connectors import jobs, secrets
from imedia_core.connectors.models import Link
from imedia_core.participation.models import Contribution

from .fake import proposal


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("connector", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_sync_from_the_cli_and_list_the_status(in_alpha, make_link, world):
    link = make_link()
    world.items = [proposal(n) for n in range(1, 26)]
    output = run("sync", "alpha", str(link.pk), "--no-progress")
    assert "Passage complet terminé : 25 éléments en 3 pages" in output and "créés 25" in output
    listing = run("list", "alpha")
    assert f"[{link.pk}] Processus budget participatif · Fausse plateforme" in listing
    assert "secret-tres-prive-42" not in listing
    assert Contribution.objects.filter(source="fakeplat").count() == 25
    with pytest.raises(CommandError, match="Lien inconnu"):
        run("sync", "alpha", "Pas de lien")
    with pytest.raises(CommandError, match="Espace inconnu"):
        run("sync", "gamma", "1")


def test_a_failed_sync_says_why_in_french(in_alpha, make_link, world):
    from imedia_core.connectors.platform import PlatformError

    link = make_link()
    world.error_on_fetch = PlatformError("AUTH", "La plateforme refuse les identifiants du lien.")
    with pytest.raises(CommandError, match="Synchronisation arrêtée \\(AUTH\\) : La plateforme refuse"):
        run("sync", "alpha", str(link.pk), "--no-progress")
    link.refresh_from_db()
    assert (link.last_error_code, link.last_error_message) == ("AUTH", "La plateforme refuse les identifiants du lien.")


def test_credentials_are_encrypted_and_survive_a_key_rotation(in_alpha, make_link, settings):
    settings.IMEDIA_CONNECTOR_KEYS = []
    link = make_link()
    assert "secret-tres-prive-42" not in link.credentials_token
    assert Fernet(secrets.derived_key(settings.SECRET_KEY)).decrypt(link.credentials_token.encode())
    new_key = Fernet.generate_key().decode()
    settings.IMEDIA_CONNECTOR_KEYS = [new_key, secrets.derived_key(settings.SECRET_KEY).decode()]
    assert "1 lien(s) rechiffré(s)" in run("reencrypt")
    link.refresh_from_db()
    settings.IMEDIA_CONNECTOR_KEYS = [new_key]  # the old key is gone: the rotated token still reads
    assert secrets.decrypt(link.credentials_token)["api_secret"] == "secret-tres-prive-42"
    settings.IMEDIA_CONNECTOR_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(secrets.CredentialsUnreadable):
        secrets.decrypt(link.credentials_token)


def test_the_job_runs_due_links_only_where_the_plugin_is_enabled(in_alpha, make_link, world):
    link = make_link(schedule_minutes=15)
    world.items = [proposal(1), proposal(2)]
    in_alpha.plugin_settings = {"fakeplat_plugin": {"enabled": False}}
    assert jobs.sync_due_links(in_alpha) == 0
    assert not Contribution.objects.filter(source="fakeplat").exists()
    in_alpha.plugin_settings = {}
    assert jobs.sync_due_links(in_alpha) == 2
    assert jobs.sync_due_links(in_alpha) == 0  # not due again before 15 minutes
    fetches = len(world.fetches)
    Link.objects.filter(pk=link.pk).update(sync_requested_at=link.created_at)
    jobs.sync_due_links(in_alpha)  # requested: runs now, an incremental pass (nothing changed since)
    assert len(world.fetches) == fetches + 1 and world.fetches[-1][1] is not None
    assert Link.objects.get(pk=link.pk).sync_requested_at is None


def test_beta_runs_none_of_alphas_links(in_alpha, make_link, world, tenant_b):
    make_link()
    world.items = [proposal(1)]
    with tenant_context(tenant_b):
        assert jobs.sync_due_links(tenant_b) == 0
    assert world.fetches == []
