"""Anonymous and pseudonymous participation follow the programme's rules; floods and trivial
spam are refused; the anonymous rate limit is per client and per programme."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.participation.models import Contribution
from tests.participation.conftest import SUBMIT


def submit(api, tenant, token=None, ip="203.0.113.7", **fields):
    fields.setdefault("kind", "OBSERVATION")
    fields.setdefault("title", "Le bus 12 ne passe plus le dimanche")
    response = api.graphql(SUBMIT, {"input": fields}, tenant=tenant, token=token, headers={"REMOTE_ADDR": ip})
    payload = response.json()
    assert "errors" not in payload, payload
    return payload["data"]["contributionSubmit"]


def codes(data):
    return [e["code"] for e in data["errors"]]


def test_anonymous_where_allowed(api, tenant_a, rules):
    rules(allow_anonymous=True)
    data = submit(api, tenant_a)
    assert data["errors"] == []
    assert (data["contribution"]["authorKind"], data["contribution"]["authorLabel"]) == ("ANONYMOUS", "Anonyme")
    assert data["contribution"]["isMine"] is False
    with schema_context("alpha"):
        row = Contribution.objects.get()
        assert row.author_id is None and row.status == "pending"


def test_anonymous_refused_by_default(api, tenant_a):
    assert codes(submit(api, tenant_a)) == ["UNAUTHENTICATED"]


def test_signed_in_person_posting_anonymously(api, tenant_a, tokens, rules, people):
    assert codes(submit(api, tenant_a, tokens["participant"], authorKind="ANONYMOUS")) == ["NOT_ALLOWED"]
    rules(allow_anonymous=True)
    data = submit(api, tenant_a, tokens["participant"], authorKind="ANONYMOUS")
    assert data["contribution"]["authorLabel"] == "Anonyme" and data["contribution"]["isMine"] is True
    with schema_context("alpha"):
        # Kept for the author's own rights, never shown.
        assert Contribution.objects.get().author_id == people["participant"].pk


def test_pseudonym(api, tenant_a, tokens, rules):
    data = submit(api, tenant_a, tokens["participant"], authorKind="PSEUDONYM", pseudonym="Loulou94")
    assert data["contribution"]["authorLabel"] == "Loulou94"
    assert codes(submit(api, tenant_a, tokens["participant"], authorKind="PSEUDONYM", title="Autre", pseudonym="")) == [
        "REQUIRED"
    ]
    rules(allow_pseudonymous=False)
    refused = submit(api, tenant_a, tokens["participant"], authorKind="PSEUDONYM", pseudonym="Zed", title="Encore")
    assert codes(refused) == ["NOT_ALLOWED"]


def test_anonymous_cannot_claim_a_name(api, tenant_a, rules):
    rules(allow_anonymous=True)
    assert codes(submit(api, tenant_a, authorKind="PERSON")) == ["UNAUTHENTICATED"]


def test_rate_limit_per_client(api, tenant_a, rules):
    rules(allow_anonymous=True, anonymous_rate_limit=3)
    for i in range(3):
        assert submit(api, tenant_a, title=f"Constat numéro {i}")["errors"] == []
    assert codes(submit(api, tenant_a, title="Constat de trop")) == ["RATE_LIMITED"]
    # Another client is not affected.
    assert submit(api, tenant_a, ip="198.51.100.9", title="Autre client")["errors"] == []
    with schema_context("alpha"):
        assert Contribution.objects.count() == 4


def test_rate_limit_is_per_programme(api, tenant_a, tenant_b, rules):
    rules(allow_anonymous=True, anonymous_rate_limit=1)
    rules("beta", allow_anonymous=True, anonymous_rate_limit=1)
    assert submit(api, tenant_a, title="Dans alpha")["errors"] == []
    assert submit(api, tenant_b, title="Dans beta")["errors"] == []  # same client, other programme
    assert codes(submit(api, tenant_a, title="Encore alpha")) == ["RATE_LIMITED"]


def test_signed_in_people_are_not_rate_limited(api, tenant_a, tokens, rules):
    rules(anonymous_rate_limit=1)
    for i in range(3):
        assert submit(api, tenant_a, tokens["participant"], title=f"Question {i}")["errors"] == []


def test_honeypot(api, tenant_a, rules):
    rules(allow_anonymous=True)
    assert codes(submit(api, tenant_a, website="http://spam.example")) == ["SPAM_SUSPECTED"]
    with schema_context("alpha"):
        assert not Contribution.objects.exists()


def test_too_many_links(api, tenant_a, tokens, rules):
    rules(allow_anonymous=True)
    two_links = "Voir https://a.example et https://b.example"
    assert codes(submit(api, tenant_a, body=two_links)) == ["SPAM_SUSPECTED"]  # anonymous: one link at most
    assert submit(api, tenant_a, tokens["participant"], body=two_links)["errors"] == []
    four = " ".join(f"https://{c}.example" for c in "abcd")
    assert codes(submit(api, tenant_a, tokens["participant"], title="Liens", body=four)) == ["SPAM_SUSPECTED"]


def test_duplicate_within_minutes(api, tenant_a, tokens, rules):
    rules(allow_anonymous=True)
    assert submit(api, tenant_a, tokens["participant"], body="Même texte")["errors"] == []
    # Same words, other case and punctuation: still the same text.
    again = submit(api, tenant_a, title="LE BUS 12 ne passe plus, le dimanche !", body="même texte")
    assert codes(again) == ["DUPLICATE"]


def test_duplicate_window_expires(api, tenant_a, tokens):
    assert submit(api, tenant_a, tokens["participant"])["errors"] == []
    with schema_context("alpha"):
        Contribution.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    assert submit(api, tenant_a, tokens["facilitator"])["errors"] == []


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_title_is_checked(api, tenant_a, tokens, title):
    data = submit(api, tenant_a, tokens["participant"], title=title)
    assert data["errors"][0]["field"] == "title"


def test_markup_is_stripped(api, tenant_a, tokens):
    data = submit(api, tenant_a, tokens["participant"], title="<b>Gras</b>", body="<script>alert(1)</script>Texte")
    assert data["contribution"]["title"] == "Gras"
    assert "<script>" not in data["contribution"]["body"]
