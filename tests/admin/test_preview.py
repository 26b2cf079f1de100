"""« Voir sur le site » in a space's admin: the space's public site address pattern filled in when
it gave one, else the admin's own preview of the item as participants would read it."""

from datetime import date

import pytest
from django_tenants.utils import schema_context

from imedia_core.cycle.models import Cycle, Phase
from imedia_core.library.models import Resource
from imedia_core.pages.models import NewsItem, Page
from imedia_core.participation.models import Contribution
from tenants.models import Tenant
from tests.admin.test_platform_admin_members_and_plugins import CHANGE_URL, change_form

HOST = {"HTTP_HOST": "testserver"}
PATTERN = "https://participer.example.org/{type}/{slug}?n={id}"


@pytest.fixture
def items(tenant_a):
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle 2027")
        return {
            "page": Page.objects.create(
                slug="equipe", path="equipe", title="L'équipe", body="<p>Qui <strong>nous</strong> sommes.</p>"
            ),
            "news": NewsItem.objects.create(slug="ouverture", title="Ouverture du lieu", status="published"),
            "resource": Resource.objects.create(kind="guide", slug="guide-rsa", title="Guide du RSA"),
            "phase": Phase.objects.create(
                cycle=cycle, slug="diagnostic", title="Diagnostic", starts_on=date(2027, 1, 4), ends_on=date(2027, 3, 1)
            ),
            "contribution": Contribution.objects.create(
                kind="proposal",
                title="Ouvrir le samedi",
                body="Le centre est fermé\nle samedi.",
                status="pending",
                author_kind="person",
                author_label="Samia B.",
            ),
        }


def change_page(client, obj) -> str:
    meta = obj._meta
    response = client.get(f"/t/alpha/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/", **HOST)
    assert response.status_code == 200
    return response.content.decode()


def test_view_on_site_fills_the_space_pattern_for_each_type(client, tenant_a, make_user, items):
    Tenant.objects.filter(pk=tenant_a.pk).update(public_site_url=PATTERN)
    client.force_login(make_user("adm@alpha.test", "tenant_admin", tenant_a))
    for kind, obj in items.items():
        page = change_page(client, obj)
        slug = obj.slug if kind != "contribution" else str(obj.pk)
        expected = f"https://participer.example.org/{kind}/{slug}?n={obj.pk}"
        assert f'href="{expected.replace("&", "&amp;")}"' in page, kind
        assert "Voir sur le site" in page
    # The site's root is the admin's « Voir le site ».
    index = client.get("/t/alpha/admin/", **HOST).content.decode()
    assert 'href="https://participer.example.org/"' in index


def test_path_placeholder_gives_a_page_its_full_path(client, tenant_a, make_user, items):
    Tenant.objects.filter(pk=tenant_a.pk).update(public_site_url="https://site.example.org/{path}")
    with schema_context("alpha"):
        child = Page.objects.create(parent=items["page"], slug="bureau", path="equipe/bureau", title="Le bureau")
    client.force_login(make_user("adm@alpha.test", "tenant_admin", tenant_a))
    assert 'href="https://site.example.org/equipe/bureau"' in change_page(client, child)


def test_without_pattern_the_preview_shows_the_draft_as_participants_will(client, tenant_a, make_user, items):
    client.force_login(make_user("adm@alpha.test", "tenant_admin", tenant_a))
    index = client.get("/t/alpha/admin/", **HOST).content.decode()
    assert "Voir le site" not in index
    for kind, obj in items.items():
        url = f"/t/alpha/admin/apercu/{kind}/{obj.pk}/"
        assert f'href="{url}"' in change_page(client, obj), kind
        response = client.get(url, **HOST)
        assert response.status_code == 200, kind
        assert obj.title.replace("'", "&#x27;") in response.content.decode()
    page = client.get(f"/t/alpha/admin/apercu/page/{items['page'].pk}/", **HOST).content.decode()
    assert "Brouillon — non visible du public" in page
    assert "<p>Qui <strong>nous</strong> sommes.</p>" in page
    news = client.get(f"/t/alpha/admin/apercu/news/{items['news'].pk}/", **HOST).content.decode()
    assert "Brouillon — non visible du public" not in news
    phase = client.get(f"/t/alpha/admin/apercu/phase/{items['phase'].pk}/", **HOST).content.decode()
    assert 'datetime="2027-01-04"' in phase
    contribution = client.get(f"/t/alpha/admin/apercu/contribution/{items['contribution'].pk}/", **HOST)
    assert "Le centre est fermé<br>le samedi." in contribution.content.decode()
    assert client.get(f"/t/alpha/admin/apercu/inconnu/{items['page'].pk}/", **HOST).status_code == 404


def test_another_space_ids_are_not_found(client, tenant_a, tenant_b, make_user, items):
    client.force_login(make_user("adm@beta.test", "tenant_admin", tenant_b))
    with schema_context("beta"):
        assert not Page.objects.filter(pk=items["page"].pk).exists()
    response = client.get(f"/t/beta/admin/apercu/page/{items['page'].pk}/", **HOST)
    assert response.status_code == 404
    assert "L'équipe" not in response.content.decode()


def test_participants_and_non_moderators_are_refused(client, tenant_a, make_user, items):
    client.force_login(make_user("p@alpha.test", "participant", tenant_a))
    response = client.get(f"/t/alpha/admin/apercu/page/{items['page'].pk}/", **HOST)
    assert response.status_code == 302
    assert response["Location"].startswith("/t/alpha/admin/login/")
    # A professional uses the admin but does not moderate: no preview of a pending contribution,
    # as no change page of it.
    client.force_login(make_user("pro@alpha.test", "professional", tenant_a))
    response = client.get(f"/t/alpha/admin/apercu/contribution/{items['contribution'].pk}/", **HOST)
    assert response.status_code == 403
    assert "Ouvrir le samedi" not in response.content.decode()
    assert client.get(f"/t/alpha/admin/apercu/page/{items['page'].pk}/", **HOST).status_code == 200


@pytest.fixture
def staff(make_user, client):
    user = make_user("root@platform.test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "pattern",
    [
        "javascript:alert(1)//{slug}",
        "ftp://participer.example.org/{slug}",
        "https://participer.example.org/{titre}",
        "https://participer.example.org/{slug",
        "participer.example.org/{slug}",
    ],
)
def test_the_platform_admin_refuses_bad_patterns(client, staff, tenant_a, pattern):
    data = change_form(client, tenant_a)
    data["public_site_url"] = pattern
    response = client.post(CHANGE_URL.format(pk=tenant_a.pk), data, **HOST)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Tenant.objects.get(pk=tenant_a.pk).public_site_url == ""


def test_the_platform_admin_saves_a_good_pattern(client, staff, tenant_a):
    data = change_form(client, tenant_a)
    data["public_site_url"] = " " + PATTERN + " "
    response = client.post(CHANGE_URL.format(pk=tenant_a.pk), data, **HOST)
    assert response.status_code == 302
    assert Tenant.objects.get(pk=tenant_a.pk).public_site_url == PATTERN
