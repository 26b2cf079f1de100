"""French throughout the admin, English as the second language, the index in the method's order.

Labels, help texts and choice labels are French source strings wrapped in gettext_lazy; the
English catalogue (locale/en) translates them; the compiled catalogues are those of the .po files.
"""

import ast
import datetime as dt
import functools
import inspect
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django_tenants.utils import schema_context

from imedia_core.admin_site import INDEX_SECTIONS, tenant_admin_site
from imedia_core.cycle.models import Cycle, Phase
from imedia_core.diagnostics.models import Diagnostic
from imedia_core.feedback.models import Commitment
from imedia_core.guidance.models import Question
from imedia_core.library.models import Resource, Theme
from imedia_core.pages.models import NewsItem, Page
from imedia_core.participation.models import Contribution
from imedia_core.templatetags.imedia_i18n import count_of
from tests.conftest import PASSWORD

LOCALE = Path(settings.BASE_DIR) / "imedia_core" / "locale"
PROJECT_APPS = ("imedia_core", "tenants", "plugins")
ADMIN = "/t/alpha/admin/"


def project_models():
    return [m for m in apps.get_models() if m.__module__.startswith(PROJECT_APPS)]


@functools.cache
def declared_names(cls) -> frozenset[str]:
    """Names assigned in the body of ``cls`` (its fields among them), read from its source."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body
    return frozenset(t.id for st in body if isinstance(st, ast.Assign) for t in st.targets if isinstance(t, ast.Name))


def own_fields(model):
    """Fields the project declares (not Django's nor django-tenants' own, translated by them)."""
    names = set()
    for cls in model.__mro__:
        if cls.__module__.startswith(PROJECT_APPS) and hasattr(cls, "_meta"):
            names |= declared_names(cls)
    for field in model._meta.get_fields():
        shown = field.concrete or field.many_to_many  # not a GenericRelation (no form, no column)
        if shown and not field.auto_created and hasattr(field, "verbose_name") and field.name in names:
            yield field


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr (msgstr[0] for plural messages) of a .po file."""
    entries, key, current = {}, None, {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r'^(msgid|msgid_plural|msgstr|msgstr\[0\]|msgstr\[\d\]) "(.*)"$', line)
        if match:
            key = match.group(1)
            current[key] = current.get(key, "") + match.group(2)
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
        elif not line.strip():
            if current.get("msgid"):
                entries[decode(current["msgid"])] = decode(current.get("msgstr", current.get("msgstr[0]", "")))
            current, key = {}, None
    return entries


def decode(text: str) -> str:
    return ast.literal_eval(f'"{text}"')


def english_default(field) -> str:
    """The label Django would show without a verbose_name: "Title", "Publish at", "User id"..."""
    return field.name.replace("_", " ").capitalize()


def translatable_labels():
    """(where, lazy string) for every model name, field label, help text and choice label."""
    for model in project_models():
        meta = model._meta
        yield f"{meta.label} verbose_name", meta.verbose_name
        yield f"{meta.label} verbose_name_plural", meta.verbose_name_plural
        for field in own_fields(model):
            yield f"{meta.label}.{field.name} verbose_name", field.verbose_name
            if field.help_text:
                yield f"{meta.label}.{field.name} help_text", field.help_text
            for value, label in field.flatchoices if field.choices else ():
                yield f"{meta.label}.{field.name} choice {value}", label


@pytest.fixture
def content_a(tenant_a):
    """One row of several domains in alpha (test data, not the behaviour under test)."""
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle test")
        phase = Phase.objects.create(cycle=cycle, slug="ecoute", title="Écoute", is_current=True)
        theme = Theme.objects.create(name="Mobilité", slug="mobilite")
        resource = Resource.objects.create(kind="guide", title="Guide test", slug="guide-test")
        resource.themes.add(theme)
        page = Page.objects.create(slug="projet", path="projet", title="Le projet")
        news = NewsItem.objects.create(slug="lancement", title="Lancement")
        question = Question.objects.create(slug="demarrer", text="Par où commencer ?")
        Commitment.objects.create(
            title="Ouvrir une permanence", owner_label="Service insertion", due_date=dt.date(2027, 1, 31)
        )
        diagnostic = Diagnostic.objects.create(slug="maturite", title="Maturité participative")
    return {
        "cycle/cycle": cycle,
        "cycle/phase": phase,
        "library/theme": theme,
        "library/resource": resource,
        "pages/page": page,
        "pages/newsitem": news,
        "guidance/question": question,
        "diagnostics/diagnostic": diagnostic,
    }


@pytest.fixture
def admin_client(client, tenant_a, make_user):
    """A tenant admin of alpha, signed in through the admin's login form."""
    make_user("admin-i18n@alpha.test", "tenant_admin", tenant_a)
    response = client.post(f"{ADMIN}login/", {"username": "admin-i18n@alpha.test", "password": PASSWORD, "next": ADMIN})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def english_labels_in(html: str, model) -> list[str]:
    """English default labels of ``model``'s fields that appear as a label or a column title."""
    found = []
    for field in own_fields(model):
        english = english_default(field)
        if english.lower() == str(field.verbose_name).lower():
            continue  # the same word in both languages: "Description", "Phase", "Code"...
        if re.search(rf">\s*{re.escape(english)}\s*:?\s*<", html, flags=re.IGNORECASE):
            found.append(english)
    return found


def test_every_model_label_is_lazy_french_and_translated_in_english():
    english = read_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    not_lazy, untranslated = [], []
    for where, text in translatable_labels():
        if not isinstance(text, Promise):
            not_lazy.append(where)
            continue
        with translation.override("fr"):
            source = str(text)
        if not english.get(source):
            untranslated.append(f"{where}: {source}")
    assert not_lazy == []
    assert untranslated == []
    with translation.override("en"):
        assert str(Phase._meta.get_field("is_current").verbose_name) == "is current"
        assert str(Phase._meta.get_field("title").help_text) == "Title of the phase."
        assert str(Contribution._meta.verbose_name_plural) == "contributions"
    with translation.override("fr"):
        assert str(Phase._meta.get_field("is_current").verbose_name) == "phase en cours"
        assert str(Phase._meta.get_field("publish_at").verbose_name) == "publier le"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_compiled_catalogues_are_those_of_the_po_files(lang, tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian package gettext) compiles the catalogues"
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check", "-o", str(compiled), str(po)], check=True, capture_output=True)  # noqa: S603
    committed = LOCALE / lang / "LC_MESSAGES" / "django.mo"
    assert committed.read_bytes() == compiled.read_bytes(), f"run: msgfmt -o {committed} {po}"
    text = po.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text  # a guessed translation would be shown as if it were right
    assert f'"Language: {lang}\\n"' in text


def test_french_plural_messages_are_in_the_french_catalogue():
    """Without an entry, gettext applies English's rule (« 0 participant·es ont répondu »)."""
    po = (LOCALE / "fr" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert "plural=(n > 1)" in po
    assert 'msgstr[0] ""' not in po


@pytest.mark.django_db
def test_counts_follow_each_language_plural_rule():
    with translation.override("fr"):
        assert count_of(0, Contribution._meta) == "0 contribution"
        assert count_of(1, Contribution._meta) == "1 contribution"
        assert count_of(2, Contribution._meta) == "2 contributions"
    with translation.override("en"):
        assert count_of(0, Contribution._meta) == "0 contributions"
        assert count_of(1, Contribution._meta) == "1 contribution"


def test_admin_pages_show_no_english_field_label(admin_client, content_a):
    checked = []
    for path, obj in content_a.items():
        model = type(obj)
        for url in (f"{ADMIN}{path}/", f"{ADMIN}{path}/{obj.pk}/change/"):
            response = admin_client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert english_labels_in(html, model) == [], url
            checked.append(url)
    # Every other registered list the admin role may open.
    for model in tenant_admin_site._registry:
        url = f"{ADMIN}{model._meta.app_label}/{model._meta.model_name}/"
        response = admin_client.get(url)
        if response.status_code != 200:
            continue  # refused to this role (the permission tests cover who may)
        assert english_labels_in(response.content.decode(), model) == [], url
        checked.append(url)
    assert len(checked) >= 25
    page = admin_client.get(f"{ADMIN}cycle/phase/{content_a['cycle/phase'].pk}/change/").content.decode()
    for french in ("Titre", "Publier le", "Phase en cours", "Publié le"):
        assert re.search(rf">\s*{french}\s*:?\s*<", page), french
    for english in ("Title", "Publish at", "Is current", "Starts on"):
        assert not re.search(rf">\s*{english}\s*:?\s*<", page), english
    journal = admin_client.get(f"{ADMIN}audit/auditentry/").content.decode()
    assert "User id" not in journal and "USER ID" not in journal and "Actor id" not in journal


def test_counts_in_change_lists_are_french(admin_client, content_a):
    html = admin_client.get(f"{ADMIN}participation/contribution/").content.decode()
    assert re.search(r"\b0 contribution\b(?!s)", html)
    html = admin_client.get(f"{ADMIN}cycle/phase/").content.decode()
    assert re.search(r"\b1 phase\b(?!s)", html)


def test_english_when_the_browser_asks_for_it(admin_client, content_a):
    url = f"{ADMIN}cycle/phase/{content_a['cycle/phase'].pk}/change/"
    french = admin_client.get(url)
    assert french["Content-Language"] == "fr"
    english = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert english["Content-Language"] == "en"
    html = english.content.decode()
    for label in ("Is current", "Published at", "Title of the phase.", "When the phase starts, if dated."):
        assert label in html, label
    assert not re.search(r">\s*(Phase en cours|Publié le)\s*:?\s*<", html)
    assert "Accept-Language" in english["Vary"]
    index = admin_client.get(ADMIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Responses and commitments" in index and "Guided path" in index
    # A language the project lacks: the space's own (French).
    assert admin_client.get(url, HTTP_ACCEPT_LANGUAGE="de")["Content-Language"] == "fr"


def test_the_api_answers_in_the_space_language_whatever_the_browser(api, tenant_a):
    """Services write labels into stored texts: the API door keeps the space's language."""
    response = api.client.get("/t/alpha/graphql/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "fr"
    tenant_a.locale = "en"
    tenant_a.save(update_fields=["locale"])
    assert api.client.get("/t/alpha/graphql/", HTTP_ACCEPT_LANGUAGE="fr")["Content-Language"] == "en"


def test_the_space_locale_is_the_default_language(admin_client, tenant_a, content_a):
    tenant_a.locale = "en"
    tenant_a.save(update_fields=["locale"])
    response = admin_client.get(f"{ADMIN}cycle/phase/")
    assert response["Content-Language"] == "en"
    assert "Is current" in response.content.decode() or "Title" in response.content.decode()
    assert admin_client.get(f"{ADMIN}cycle/phase/", HTTP_ACCEPT_LANGUAGE="fr")["Content-Language"] == "fr"


def section_titles(html: str) -> list[str]:
    captions = re.findall(r"<caption>\s*<a [^>]*>(.*?)</a>\s*</caption>", html, flags=re.S)
    return [re.sub(r"\s+", " ", c).strip() for c in captions]


def test_index_follows_the_method(admin_client, content_a):
    response = admin_client.get(ADMIN)
    assert response.status_code == 200
    titles = section_titles(response.content.decode())
    expected = [str(title) for title, _entries in INDEX_SECTIONS]
    assert expected == [
        "Cycle",
        "Ressources",
        "Participation",
        "Réponses et engagements",
        "Parcours guidé",
        "Autodiagnostics",
        "Évaluation",
        "Réglages",
    ]
    shown = [t for t in titles if t in expected]
    assert shown == expected, titles
    assert titles[: len(expected)] == expected  # plugins' sections come after the method's
    html = response.content.decode()
    # The settings of participation sit in Réglages, contributions in Participation.
    reglages = html[html.index(">Réglages<") :]
    assert "participation/participationsettings/" in reglages
    participation = html[html.index(">Participation<") : html.index(">Réponses et engagements<")]
    assert "participation/contribution/" in participation


def test_titles_name_the_space_and_the_platform(admin_client, tenant_a, client, make_user):
    html = admin_client.get(ADMIN).content.decode()
    assert f"imedia — {tenant_a.name}" in html
    assert "Administration de Django" not in html and "Django administration" not in html
    admin_client.logout()
    client.force_login(make_user("root-i18n@platform.test", is_staff=True, is_superuser=True))
    platform = client.get("/admin/").content.decode()
    assert "Administration de Django" not in platform and "Site d’administration de Django" not in platform
    assert "imedia" in platform


def test_no_site_link_leads_to_a_404(admin_client, client, content_a, make_user):
    for url in (ADMIN, f"{ADMIN}cycle/phase/", f"{ADMIN}cycle/phase/{content_a['cycle/phase'].pk}/change/"):
        html = admin_client.get(url).content.decode()
        links = re.findall(r'<a href="([^"]+)"[^>]*>\s*(?:Voir le site|Voir sur le site)\s*</a>', html)
        for link in links:
            assert admin_client.get(link, follow=True).status_code == 200, link
    admin_client.logout()
    client.force_login(make_user("root-site@platform.test", is_staff=True, is_superuser=True))
    html = client.get("/admin/").content.decode()
    for link in re.findall(r'<a href="([^"]+)"[^>]*>\s*Voir le site\s*</a>', html):
        assert client.get(link, follow=True).status_code == 200, link
