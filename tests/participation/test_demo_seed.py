"""The demo contributions: every kind, anonymous ones, a group's, a facilitator's entry, supports
and comments, in French; seeding twice creates nothing."""

import pytest
from django_tenants.utils import schema_context, tenant_context

from imedia_core.demo import participation_seed
from imedia_core.demo.participation_data import PARTICIPATION
from imedia_core.demo.seed import seed_content
from imedia_core.participation.models import Comment, Contribution, Support


@pytest.mark.parametrize("key", sorted(PARTICIPATION))
def test_demo_data_covers_every_case(key):
    items = PARTICIPATION[key].contributions
    assert {c.kind for c in items} == {"question", "observation", "proposal", "testimony"}
    authors = {c.author for c in items}
    assert {"anonymous", "group", "facilitator"} <= authors
    assert len({c.title for c in items}) == len(items)


def test_seed_is_complete_and_idempotent(tenant_a, make_user):
    make_user("animation@alpha.test", "facilitator", tenant_a, display_name="Animation")
    for i in range(5):
        make_user(f"membre{i}@alpha.test", "participant", tenant_a)
    with tenant_context(tenant_a):
        seed_content("rsa94")
        summary = participation_seed.seed("rsa94")
        spec = PARTICIPATION["rsa94"]
        assert Contribution.objects.count() == len(spec.contributions)
        assert summary.startswith(f"{len(spec.contributions)} contributions")
        for item in spec.contributions:
            row = Contribution.objects.get(title=item.title)
            assert row.status == item.status, item.title
            assert row.support_count == item.supports == Support.objects.filter(contribution=row).count()
            assert row.themes.count() == len(item.themes), item.title
        entered = Contribution.objects.get(author_kind="group", entered_by_label=spec.facilitator)
        assert entered.author_label == "Groupe ressource RSA de Créteil"
        assert Contribution.objects.filter(author_kind="anonymous").count() == sum(
            c.author == "anonymous" for c in spec.contributions
        )
        assert Comment.objects.filter(status="published").count() == 1
        again = participation_seed.seed("rsa94")
        assert "0 créée(s)" in again
        assert Contribution.objects.count() == len(spec.contributions)


def test_seed_without_cycle_nor_members(tenant_b):
    with schema_context("beta"), tenant_context(tenant_b):
        summary = participation_seed.seed("cc_villeneuve")
        assert Contribution.objects.count() == len(PARTICIPATION["cc_villeneuve"].contributions)
        assert "contributions" in summary
