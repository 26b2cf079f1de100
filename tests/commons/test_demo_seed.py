"""The demo commons: each demo programme shares two methods, one is adapted by another
programme; seeding again creates nothing."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django_tenants.utils import schema_context

from imedia_core.commons.models import Adaptation, Practice
from imedia_core.demo.commons_seed import PRACTICES, seed_commons
from imedia_core.events.models import OutboxEvent
from imedia_core.library.models import Resource
from tenants.models import Tenant


def test_seed_commons_is_complete_and_idempotent(db, api):
    # The demo command seeds the commons once every space has its content.
    out = StringIO()
    call_command("demo", "--force", stdout=out, stderr=StringIO())
    connection.set_schema_to_public()
    assert (
        "Communs de bonnes pratiques : 6 pratiques partagées dans les communs, 1 adaptée(s) par un autre programme "
        "(6 partage(s) et 1 adaptation(s) créés)"
    ) in out.getvalue()

    practices = Practice.objects.filter(source_tenant__schema_name__in={"formation_sud", "rsa94", "cc_villeneuve"})
    assert practices.count() == len(PRACTICES) == 6
    by_programme = {p.source_tenant.schema_name for p in practices}
    assert by_programme == {"formation_sud", "rsa94", "cc_villeneuve"}
    for practice in practices:
        assert practice.consent_given and practice.personal_data_removed and practice.what_worked
        assert practice.source_territory and practice.shared_by_label.startswith("Administrateur·rice de l")
        assert practice.themes and practice.status == "published"
    rsa = practices.get(source_tenant__schema_name="rsa94", title__startswith="Le groupe ressource")
    assert rsa.policy_area == "social_inclusion" and rsa.source_territory == "Val-de-Marne (94)"

    adaptation = Adaptation.objects.get()
    assert adaptation.practice == rsa and adaptation.adopting_tenant.schema_name == "cc_villeneuve"
    with schema_context("cc_villeneuve"):
        copy = Resource.objects.get(pk=adaptation.resource_id)
        assert copy.provenance == "adapted" and copy.adapted_from_practice_id == rsa.pk
        assert copy.lineage_label.startswith("Adaptée de la pratique « Le groupe ressource")
        assert OutboxEvent.objects.filter(type="practice.adapted").count() == 1
    with schema_context("rsa94"):
        assert OutboxEvent.objects.filter(type="practice.shared").count() == 2

    # The documented search (docs/commons.md), from another programme.
    query = "query($s: String) { practices(search: $s) { totalCount edges { node { title highlight { title } } } } }"
    found = api.gql(query, {"s": "marches exploratoires"}, tenant=Tenant.objects.get(schema_name="rsa94"))
    assert found["practices"]["totalCount"] == 1
    assert found["practices"]["edges"][0]["node"]["highlight"]["title"] == (
        "Les <mark>marches</mark> <mark>exploratoires</mark> de femmes"
    )

    # Again: nothing new.
    again = seed_commons()
    assert "(0 partage(s) et 0 adaptation(s) créés)" in again
    assert practices.count() == 6 and Adaptation.objects.count() == 1
