"""Real-browser tests of the back office: Debian's Chromium driven by Playwright against a live
server, axe-core run on every page a test visits, results checked through GraphQL.

Why not pytest-django's ``live_server``: it forces ``transactional_db``, whose flush empties the
public tables (the session's ``alpha``/``beta`` tenants, their people) for every test after it.
Here the live server is a plain session-wide server thread, and each test gets its own space,
provisioned committed (the server's threads read through their own connections) and dropped
with its people when the test ends, so nothing is left for the tests that follow. Tenants are
served by path prefix: ``/t/<slug>/admin/`` on the server's 127.0.0.1 (a platform host).
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django_tenants.utils import schema_context
from playwright.sync_api import Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from imedia_core.context import Channel, ServiceContext
from imedia_core.events.models import OutboxEvent
from tenants.models import Membership, Operator, Tenant, User
from tenants.provisioning import TenantSpec, delete_tenant, provision_tenant
from tests.auth.helpers import token_for
from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# axe-core's impacts that fail a test; "minor" and "moderate" ones are reported by axe but tolerated.
FAILING_IMPACTS = ("serious", "critical")
AXE_SCRIPT = AXE_FILE_PATH.read_text(encoding="utf-8")
TIMEOUT_MS = 15_000
SYSTEM = ServiceContext.system(Channel.CLI)

_numbers = itertools.count(1)
_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """The ``django_db`` mark on browser tests only tells pytest-django to create the test
    database when they run alone; ``_django_db_helper`` below keeps it from wrapping them in a
    transaction (what they write must be committed for the live server to see it)."""
    for item in items:
        if _HERE in item.path.parents:
            item.add_marker(pytest.mark.django_db)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test, so ``back_office`` knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def _django_db_helper(django_db_setup):
    """Overrides pytest-django's (for this folder only): no test transaction, no flush; the
    ``committed_db`` fixture opens the database to the test instead."""
    yield


@pytest.fixture(scope="package")
def live_url(django_db_setup):
    """Base URL of a server thread serving the whole site (static files through the finders).

    Its request threads close their database connection after each request (no persistent
    connection left open when the test database is dropped)."""
    settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict  # shared by every thread's connection
    max_age = settings_dict.get("CONN_MAX_AGE")
    settings_dict["CONN_MAX_AGE"] = 0
    server = LiveServer("127.0.0.1:0")
    try:
        yield server.url
    finally:
        server.stop()
        settings_dict["CONN_MAX_AGE"] = max_age


@pytest.fixture(scope="package")
def chromium():
    """Chromium for this folder's tests only: Playwright's sync API keeps an event loop in the
    main thread, and Django takes a thread with an event loop for an async one (the tests that
    follow would be refused database access), so it is closed as soon as they are done."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} manque : `apt-get install -y chromium` (bin/test l'installe).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker, monkeypatch):
    """Database access outside any test transaction: what the test writes is committed, so the
    live server's threads see it. Playwright's sync API keeps an event loop in this thread, which
    Django takes for an async context: its guard is lifted for this test only, and the
    connection it then keeps per context (not per thread) is closed at the end of the test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            connection.set_schema_to_public()
            connection.close()


@dataclass
class Space:
    """A programme space made for one test, its people, and GraphQL over real HTTP."""

    tenant: Tenant
    base_url: str
    people: list[User] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.tenant.schema_name

    @property
    def admin_url(self) -> str:
        return f"{self.base_url}/t/{self.slug}/admin/"

    def person(self, role: str, email: str | None = None) -> User:
        user = User.objects.create_user(email=email or f"{role}.{self.slug}@navigateur.test", password=PASSWORD)
        Membership.objects.create(user=user, tenant=self.tenant, role=role)
        self.people.append(user)
        return user

    def graphql(self, query: str, variables: dict | None = None, *, as_user: User | None) -> dict:
        """POST to ``/t/<slug>/graphql/`` on the live server with ``as_user``'s token (``None``:
        anonymously, as the public site); returns ``data`` after checking there is no error."""
        headers = {"Authorization": f"Bearer {token_for(as_user, self.tenant)}"} if as_user else {}
        response = httpx.post(
            f"{self.base_url}/t/{self.slug}/graphql/",
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=30,
        )
        payload = response.json()
        assert response.status_code == 200, payload
        assert "errors" not in payload, payload
        return payload["data"]

    def schema(self):
        """Context manager: ORM queries in this space's schema (for setting a test up)."""
        return schema_context(self.slug)


def _drop_space(tenant: Tenant, people: list[User]) -> None:
    connection.set_schema_to_public()
    delete_tenant(SYSTEM, tenant, confirm=tenant.schema_name)
    User.objects.filter(pk__in=[p.pk for p in people]).delete()
    for alias in ("default", "platform"):
        caches[alias].clear()


@pytest.fixture
def space(committed_db, live_url):
    """A fresh space (generic template: an active cycle with its phases) for this test only."""
    slug = f"nav_{os.getpid()}_{next(_numbers)}"
    leftover = Tenant.objects.filter(schema_name=slug).first()
    if leftover is not None:
        delete_tenant(SYSTEM, leftover, confirm=slug)
    operator, _ = Operator.objects.get_or_create(slug="op-test", defaults={"name": "Opérateur test"})
    tenant = provision_tenant(
        SYSTEM,
        TenantSpec(slug=slug, name="Espace navigateur", operator=operator, template="formation_professionnelle"),
    ).tenant
    with schema_context(slug):
        OutboxEvent.objects.all().delete()
    made = Space(tenant=tenant, base_url=live_url)
    try:
        yield made
    finally:
        _drop_space(tenant, made.people)


@dataclass
class Violation:
    url: str
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        return f"{self.url} — {self.rule} ({self.impact}) : {self.help} — {', '.join(self.targets[:5])}"


class BackOffice:
    """One browser tab on the live server. Every page it lands on is audited by axe-core once
    (per path); ``violations`` collects the serious and critical ones."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.audited: dict[str, int] = {}
        self.violations: list[Violation] = []
        self.csp_violations: list[str] = []  # what the browser blocked, from its console

    # navigation -------------------------------------------------------------------------
    def goto(self, path: str) -> None:
        response = self.page.goto(path if path.startswith("http") else self.base_url + path)
        assert response is not None and response.ok, f"{path} : HTTP {response and response.status}"
        self.audit()

    def click(self, selector_or_locator, *, expect_navigation: bool = True) -> None:
        """Click, wait for the page it leads to, audit that page."""
        target = self.page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
        if expect_navigation:
            with self.page.expect_navigation():
                target.click()
            self.audit()
        else:
            target.click()

    def open_list(self, app_label: str, model_name: str) -> None:
        """From the admin index, click the link to a model's list."""
        self.click(self.page.locator(f"#content-main a[href$='/admin/{app_label}/{model_name}/']").first)

    def sign_in(self, admin_url: str, user: User) -> None:
        """Through the login page, as a person would."""
        self.goto(admin_url)
        assert "/login/" in self.page.url, self.page.url
        self.page.locator("#id_username").fill(user.email)
        self.page.locator("#id_password").fill(PASSWORD)
        self.click(self.page.locator("form#login-form [type=submit]"))
        assert "/login/" not in self.page.url, self.errors()

    def errors(self) -> str:
        """The page's error texts (form errors, error messages), for assertion messages."""
        found = self.page.locator(".errornote, .errorlist, .messagelist .error").all_inner_texts()
        return " | ".join(found) or f"(aucune erreur affichée sur {self.page.url})"

    def messages(self) -> list[str]:
        return self.page.locator(".messagelist li").all_inner_texts()

    # accessibility ----------------------------------------------------------------------
    def audit(self) -> list[dict]:
        """Run axe-core on the current page (once per path) and keep its serious and critical
        violations. Returns every violation axe reported, whatever its impact."""
        path = urlsplit(self.page.url).path
        self.audited[path] = self.audited.get(path, 0) + 1
        if self.audited[path] > 1:
            return []
        self.page.evaluate(AXE_SCRIPT)
        results = self.page.evaluate("options => axe.run(document, options)", {"resultTypes": ["violations"]})
        for found in results["violations"]:
            if found.get("impact") in FAILING_IMPACTS:
                self.violations.append(
                    Violation(
                        url=path,
                        rule=found["id"],
                        impact=found["impact"],
                        help=found["help"],
                        targets=[", ".join(map(json.dumps, node["target"])) for node in found["nodes"]],
                    )
                )
        return results["violations"]

    def accessibility_report(self) -> str:
        return "\n".join(str(v) for v in self.violations)


@pytest.fixture
def back_office(request, chromium, live_url, tmp_path):
    """A signed-out browser tab. When the test fails, the page's HTML and a screenshot are kept
    in the test's temporary folder (its path is printed)."""
    context = chromium.new_context(locale="fr-FR", base_url=live_url, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    office = BackOffice(page, live_url)
    # The pages run under the Content-Security-Policy (imedia_core/security_headers.py): Chromium
    # reports whatever it blocked on the console.
    page.on(
        "console",
        lambda message: (
            office.csp_violations.append(f"{page.url} — {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    try:
        yield office
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            (tmp_path / "page.html").write_text(page.content(), encoding="utf-8")
            page.screenshot(path=tmp_path / "page.png", full_page=True)
            print(f"Page au moment de l'échec ({page.url}) : {tmp_path}/page.html, page.png")
    finally:
        context.close()
    if office.csp_violations:
        pytest.fail(
            "Content-Security-Policy : le navigateur a bloqué :\n" + "\n".join(office.csp_violations), pytrace=False
        )
    if office.violations:
        pytest.fail(
            f"axe-core : {len(office.violations)} violation(s) graves ou critiques sur les pages visitées :\n"
            + office.accessibility_report(),
            pytrace=False,
        )
