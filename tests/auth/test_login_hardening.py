"""Issue 12: sign-in limits hold whatever the spelling, and a new password ends every session."""

from importlib import import_module

import pytest
from django.apps import apps

from tenants.models import PersonToken, User, hash_secret
from tests.auth.helpers import api_key_for, token_for
from tests.conftest import PASSWORD

LOGIN = "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) { token errors { code } } }"
ME = "{ me { kind } }"


@pytest.mark.parametrize("variant", ["partıcipant@alpha.test", "ſarah@alpha.test", "PARTıCIPANT@alpha.test"])
def test_unicode_variants_neither_sign_in_nor_escape_the_limit(api, tenant_a, make_user, settings, variant):
    settings.IMEDIA_LOGIN_MAX_ATTEMPTS = 3
    make_user("participant@alpha.test", "participant", tenant_a)
    make_user("sarah@alpha.test", "participant", tenant_a)
    real = "sarah@alpha.test" if "ſ" in variant else "participant@alpha.test"
    # The variant is another address: it does not reach the account, even with its password.
    result = api.gql(LOGIN, {"e": variant, "p": PASSWORD}, tenant=tenant_a)["tokenCreate"]
    assert result["errors"][0]["code"] == "INVALID_CREDENTIALS" and result["token"] is None
    for _ in range(3):
        api.gql(LOGIN, {"e": real, "p": "faux"}, tenant=tenant_a)
    # Spent on the account: no spelling gets more guesses.
    for spelling in (real, real.upper(), f"  {real} ", variant):
        result = api.gql(LOGIN, {"e": spelling, "p": "faux"}, tenant=tenant_a)["tokenCreate"]
        assert result["errors"][0]["code"] in ("RATE_LIMITED", "INVALID_CREDENTIALS")
        if spelling != variant:
            assert result["errors"][0]["code"] == "RATE_LIMITED", spelling
    assert PersonToken.objects.count() == 0


def test_the_limit_is_keyed_on_the_account_not_the_spelling(api, tenant_a, make_user, settings):
    settings.IMEDIA_LOGIN_MAX_ATTEMPTS = 3
    make_user("cible2@alpha.test", "participant", tenant_a)
    for spelling in ("cible2@alpha.test", "CIBLE2@ALPHA.TEST", " Cible2@Alpha.Test "):
        api.gql(LOGIN, {"e": spelling, "p": "faux"}, tenant=tenant_a)
    result = api.gql(LOGIN, {"e": "cible2@alpha.test", "p": PASSWORD}, tenant=tenant_a)["tokenCreate"]
    assert result["errors"][0]["code"] == "RATE_LIMITED"


def test_unknown_addresses_are_limited_on_their_normalised_form(api, tenant_a, settings):
    settings.IMEDIA_LOGIN_MAX_ATTEMPTS = 2
    for spelling in ("Personne@alpha.test", "personne@ALPHA.test"):
        api.gql(LOGIN, {"e": spelling, "p": "faux"}, tenant=tenant_a)
    result = api.gql(LOGIN, {"e": "personne@alpha.test", "p": "faux"}, tenant=tenant_a)["tokenCreate"]
    assert result["errors"][0]["code"] == "RATE_LIMITED"


def test_changing_the_password_revokes_every_token(api, tenant_a, tenant_b, make_user):
    user = make_user("change@alpha.test", "participant", tenant_a)
    tokens = [token_for(user, tenant_a), token_for(user, tenant_b), token_for(user, None)]
    other = make_user("autre@alpha.test", "participant", tenant_a)
    kept = token_for(other, tenant_a)
    user.set_password("un-nouveau-mot-de-passe-solide")
    user.save()
    response = api.graphql(ME, tenant=tenant_a, token=tokens[0])
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "TOKEN_REVOKED"
    revoked = PersonToken.objects.filter(key_hash__in=[hash_secret(t) for t in tokens], revoked_at__isnull=False)
    assert revoked.count() == 3
    assert api.gql(ME, tenant=tenant_a, token=kept)["me"]["kind"] == "PERSON"
    # Saving without a new password changes nothing.
    fresh = token_for(user, tenant_a)
    User.objects.get(pk=user.pk).save()
    assert api.gql(ME, tenant=tenant_a, token=fresh)["me"]["kind"] == "PERSON"


REVOKE_ALL = "mutation { tokenRevokeAll { revokedCount errors { code message } } }"


def test_sign_out_everywhere(api, tenant_a, tenant_b, make_user):
    user = make_user("partout@alpha.test", "participant", tenant_a)
    tokens = [token_for(user, tenant_a), token_for(user, tenant_b), token_for(user, None)]
    other = make_user("voisin@alpha.test", "participant", tenant_a)
    kept = token_for(other, tenant_a)
    result = api.gql(REVOKE_ALL, tenant=tenant_a, token=tokens[0])["tokenRevokeAll"]
    assert result == {"revokedCount": 3, "errors": []}
    for token, tenant in ((tokens[0], tenant_a), (tokens[1], tenant_b)):
        assert api.graphql(ME, tenant=tenant, token=token).json()["errors"][0]["extensions"]["code"] == "TOKEN_REVOKED"
    assert not PersonToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert api.gql(ME, tenant=tenant_a, token=kept)["me"]["kind"] == "PERSON"


def test_sign_out_everywhere_needs_a_person_token_and_changes_nothing_otherwise(api, tenant_a, make_user):
    user = make_user("seul@alpha.test", "participant", tenant_a)
    token_for(user, tenant_a)
    for token in (api_key_for(tenant_a, "read"), None):
        result = api.gql(REVOKE_ALL, tenant=tenant_a, token=token)["tokenRevokeAll"]
        assert result["revokedCount"] is None
        assert result["errors"][0]["code"] == "NOT_A_PERSON_TOKEN"
        assert "jeton personnel" in result["errors"][0]["message"]
    assert PersonToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1


def test_rows_stored_before_normalisation_are_normalised_by_the_migration(make_user):
    user = make_user("ancien@alpha.test")
    User.objects.filter(pk=user.pk).update(email=" Ancien@Alpha.TEST")  # as a bulk write did
    # A migration's module name starts with a digit: imported by name.
    import_module("tenants.migrations.0006_normalise_stored_emails").normalise(apps, None)
    assert User.objects.get(pk=user.pk).email == "ancien@alpha.test"
