"""The embeddable widgets in a real browser, on a host page served from ANOTHER origin (a second
local HTTP server): the script's four web components and the iframe variant load, search,
take a contribution and show the feed, with no serious or critical axe-core violation; a site
the space does not allow is refused (the API call fails, the iframe is blocked)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.base import AXE_FILE_PATH

from imedia_core.participation.models import Contribution

from .conftest import FAILING_IMPACTS, TIMEOUT_MS

AXE_SCRIPT = AXE_FILE_PATH.read_text(encoding="utf-8")

SETTINGS = """mutation { participationSettingsUpdate(input: {allowAnonymous: true, moderationMode: POST}) {
  errors { code message } } }"""
SUBMIT = """mutation ($input: ContributionSubmitInput!) {
  contributionSubmit(input: $input) { contribution { id status } errors { code message } } }"""
RESPOND = """mutation ($input: ResponseCreateInput!) {
  responseCreate(input: $input, publish: true) { errors { code message } } }"""
QUESTIONS = "{ guidanceQuestions(first: 1) { edges { node { text } } } }"
CURRENT = "{ cycle { currentPhase { title } } }"
ANSWER = "Une permanence ouvrira le mercredi après-midi dès la rentrée."


@dataclass
class HostSite:
    """A page of another site (its own origin) that embeds the space's widgets."""

    origin: str
    server: ThreadingHTTPServer

    @property
    def url(self) -> str:
        return f"{self.origin}/partenaire.html"


def host_page(live_url: str, slug: str) -> bytes:
    space = f"{live_url}/t/{slug}/"
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Site partenaire — participer</title>
<script src="{live_url}/static/widgets/imedia-widgets.js" defer></script>
</head>
<body>
<main>
<h1>Site partenaire</h1>
<imedia-recherche espace="{space}"></imedia-recherche>
<imedia-contribuer espace="{space}" type="proposition"></imedia-contribuer>
<imedia-retours data-espace="{space}" data-nombre="3"></imedia-retours>
<imedia-phase graphql="{space}graphql/" couleur-accent="#5e2a84"></imedia-phase>
<iframe src="{space}widgets/retours/?couleur-accent=%235e2a84" title="Vous avez dit, nous avons fait (iframe)" width="600" height="500"></iframe>
</main>
</body>
</html>""".encode()


def serve(body: bytes) -> HostSite:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return HostSite(origin=f"http://127.0.0.1:{server.server_address[1]}", server=server)


@pytest.fixture
def sites(space):
    """Two host sites with the same page: the first is allowed by the space, the second not."""
    body = host_page(space.base_url, space.slug)
    allowed, refused = serve(body), serve(body)
    space.tenant.cors_allowed_origins = [allowed.origin]
    space.tenant.save()
    try:
        yield allowed, refused
    finally:
        for site in (allowed, refused):
            site.server.shutdown()
            site.server.server_close()


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        yield page, console
    finally:
        context.close()


def axe_violations(frame) -> list[str]:
    """Serious and critical axe-core violations of a page or frame (open shadow roots included)."""
    frame.evaluate(AXE_SCRIPT)
    results = frame.evaluate(
        "options => axe.run(document, options)", {"resultTypes": ["violations"], "iframes": False, "preload": False}
    )
    return [
        f"{found['id']} ({found['impact']}) : {found['help']} — {json.dumps([node['target'] for node in found['nodes']])}"
        for found in results["violations"]
        if found.get("impact") in FAILING_IMPACTS
    ]


def test_widgets_on_an_allowed_site(space, sites, tab):
    allowed, _refused = sites
    admin = space.person("tenant_admin")
    assert space.graphql(SETTINGS, as_user=admin)["participationSettingsUpdate"]["errors"] == []
    author = space.person("participant")
    made = space.graphql(
        SUBMIT, {"input": {"kind": "PROPOSAL", "title": "Des horaires du soir pour la formation"}}, as_user=author
    )["contributionSubmit"]
    assert made["errors"] == [] and made["contribution"]["status"] == "PUBLISHED"
    answer = {"contributionId": made["contribution"]["id"], "decision": "ACCEPTED", "text": ANSWER}
    assert space.graphql(RESPOND, {"input": answer}, as_user=admin)["responseCreate"]["errors"] == []
    question = space.graphql(QUESTIONS, as_user=None)["guidanceQuestions"]["edges"][0]["node"]["text"]
    current = space.graphql(CURRENT, as_user=None)["cycle"]["currentPhase"]["title"]
    page, console = tab

    page.goto(allowed.url)

    # The guided path: type a question, press Enter, the answers are announced and listed.
    search = page.locator("imedia-recherche")
    field = search.get_by_label("Votre question, avec vos mots")
    field.fill(question)
    field.press("Enter")
    search.locator("ol.liste > li").first.wait_for()
    assert "trouvée" in search.get_by_role("status").inner_text()
    assert question in search.locator("ol.liste").inner_text()

    # The contribution form, by keyboard only: Tab from the title to the text, then to the button.
    form = page.locator("imedia-contribuer")
    title, text = form.get_by_label("Titre (obligatoire)"), form.get_by_label("Votre message (facultatif)")
    title.fill("Un local ouvert le samedi")
    title.press("Tab")
    page.keyboard.type("Voir https://a.example et https://b.example")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    # Refused by the space's rules (links): the reason is announced and shown beside the field,
    # which is marked invalid and gets the focus back.
    form.get_by_role("alert").filter(has_text="Trop de liens").wait_for()
    assert text.get_attribute("aria-invalid") == "true"
    assert "Trop de liens" in form.locator(f"#{text.get_attribute('aria-describedby')}").inner_text()
    assert text.evaluate("node => node.getRootNode().activeElement === node")
    text.fill("")
    page.keyboard.type("Pour celles et ceux qui travaillent en semaine.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    done = form.locator(".succes")
    done.wait_for()
    assert "Merci" in done.inner_text()
    assert form.locator(".succes").evaluate("node => node.getRootNode().activeElement === node")
    with space.schema():
        sent = Contribution.objects.get(title="Un local ouvert le samedi")
        assert (sent.kind, sent.author_kind, sent.author_id) == ("proposal", "anonymous", None)
        assert sent.body == "Pour celles et ceux qui travaillent en semaine."

    # The feed, with the published response.
    feed = page.locator("imedia-retours")
    feed.locator("article").first.wait_for()
    shown = feed.locator("ol.liste").inner_text()  # (the host element's own text is empty: shadow DOM)
    assert "Des horaires du soir pour la formation" in shown and ANSWER in shown

    # The current phase, with the host's accent colour applied through the custom property.
    phase = page.locator("imedia-phase")
    phase.get_by_role("heading", name=current).wait_for()
    assert phase.evaluate("node => getComputedStyle(node).getPropertyValue('--imedia-couleur-accent')") == "#5e2a84"

    # The iframe variant, framed by an allowed origin.
    frame = page.frame_locator("iframe")
    frame.locator("imedia-retours article").first.wait_for()
    assert ANSWER in frame.locator("imedia-retours ol.liste").inner_text()
    # Its colour came from the query string, applied through the CSS object model (CSP-safe).
    framed_accent = "node => getComputedStyle(node).getPropertyValue('--imedia-couleur-accent')"
    assert frame.locator("imedia-retours").evaluate(framed_accent) == "#5e2a84"

    # Nothing refused on the way (checked before axe-core, whose own requests are not the widgets').
    refusals = [line for line in console if "Content Security Policy" in line or "CORS" in line]
    assert refusals == [], refusals

    problems = axe_violations(page.main_frame)
    [framed] = [f for f in page.frames if "/widgets/retours/" in f.url]
    problems += [f"(iframe) {problem}" for problem in axe_violations(framed)]

    # Each iframe page on its own, under its strict CSP: it works and blocks nothing.
    for name, ready in (
        ("recherche", "imedia-recherche input[type=search]"),
        ("retours", "imedia-retours article"),
        ("contribuer", "imedia-contribuer textarea"),
        ("phase", f"imedia-phase h1:has-text('{current}')"),
    ):
        page.goto(f"{space.base_url}/t/{space.slug}/widgets/{name}/")
        page.locator(ready).first.wait_for()
        problems += [f"(/widgets/{name}/) {problem}" for problem in axe_violations(page.main_frame)]
        assert [line for line in console if "Content Security Policy" in line] == [], name
    assert problems == [], "\n".join(problems)


def test_a_site_the_space_does_not_allow_is_refused(space, sites, tab):
    _allowed, refused = sites
    page, console = tab
    space.tenant.public_site_url = "https://participer.exemple.fr/{type}/{slug}"
    space.tenant.save()

    page.goto(refused.url)

    alert = page.locator("imedia-retours").get_by_role("alert")
    alert.wait_for()
    assert "ne répond pas à ce site" in alert.inner_text()
    assert page.locator("imedia-recherche").is_visible()  # the script itself loads: only the API refuses
    page.wait_for_timeout(500)
    [framed] = [f for f in page.frames if f != page.main_frame]
    assert framed.locator("imedia-retours").count() == 0
    assert any("frame-ancestors" in line for line in console), console
    assert any("CORS" in line for line in console), console

    # A space that takes no anonymous contribution says so, with a link to sign in on its site.
    page.goto(f"{space.base_url}/t/{space.slug}/widgets/contribuer/")
    closed = page.locator("imedia-contribuer .invitation")
    closed.wait_for()
    assert "ne reçoit pas de contributions anonymes" in closed.inner_text()
    link = closed.get_by_role("link", name="Se connecter pour contribuer")
    assert link.get_attribute("href") == "https://participer.exemple.fr/"
    assert page.locator("imedia-contribuer form").count() == 0
    assert axe_violations(page.main_frame) == []
