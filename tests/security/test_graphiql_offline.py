"""GraphiQL works offline: its page, React and GraphiQL itself come from the project's static
files (imedia_core/static/graphiql/), under the strict Content-Security-Policy.

Chromium (Playwright) loads the page from a live server with every request to another origin
blocked, runs ``{ __typename }`` and reads the answer; no request left for another origin and the
console reports no CSP violation.
"""

import os

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS

QUERY = "{ __typename }"
# The session's tenants must exist (nothing is written: the live server reads them committed).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def live_url(django_db_setup, django_db_blocker):
    """A server thread reading the session's committed tenants (alpha), nothing written."""
    settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
    max_age = settings_dict.get("CONN_MAX_AGE")
    settings_dict["CONN_MAX_AGE"] = 0
    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1:0")
        try:
            yield server.url
        finally:
            server.stop()
            settings_dict["CONN_MAX_AGE"] = max_age


@pytest.fixture(scope="module")
def chromium():
    """Playwright's sync API keeps an event loop in this thread, which Django takes for an async
    context: its guard is lifted while the browser is open (this module only)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} manque : `apt-get install -y chromium` (bin/test l'installe).")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
            connections.close_all()  # those opened in the loop's context, not found after it


def test_graphiql_runs_a_query_with_every_other_origin_blocked(live_url, chromium, settings):
    settings.IMEDIA_GRAPHIQL = True
    context = chromium.new_context(locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    blocked, console = [], []

    def only_this_origin(route):
        if route.request.url.startswith(live_url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_this_origin)
    page = context.new_page()
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    try:
        response = page.goto(f"{live_url}/t/alpha/graphql/")
        assert response is not None and response.ok
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        page.wait_for_selector(".graphiql-container .graphiql-query-editor .CodeMirror")
        page.evaluate(
            "query => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(query)", QUERY
        )
        page.locator(".graphiql-execute-button").click()
        page.wait_for_function(
            "() => document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue().includes('Query')"
        )
        answer = page.evaluate("() => document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()")
    finally:
        context.close()
    assert '"__typename": "Query"' in answer
    assert blocked == [], "GraphiQL asked another origin for something"
    assert [line for line in console if "Content Security Policy" in line or line.startswith("pageerror")] == []
