"""The Decidim adapter against a fake Decidim (graphql-core over the committed SDL, real HTTP)."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest
from graphql import build_schema, parse, validate

from imedia_core.plugin_api import ItemState, LinkConfig, OutboundAnswer, PlatformError
from imedia_core.pluginhost.manager import get_plugin_manager
from plugins.decidim import queries
from plugins.decidim.client import PAGE_SIZE, marker
from plugins.decidim.plugin import PLATFORM, validate_space
from plugins.decidim.testing import T0, FakeDecidim

CREDENTIALS = {"api_key": "cle-api", "api_secret": "secret-api"}


@pytest.fixture
def fake(httpserver):
    fake = FakeDecidim()
    fake.install(httpserver)
    fake.base_url = httpserver.url_for("").rstrip("/")
    return fake


@pytest.fixture
def http():
    with httpx.Client(timeout=5) as client:
        yield client


def open_client(fake, http, credentials=None, since=None, **space):
    space = space or {"kind": "process", "slug": "budget-2026"}
    config = LinkConfig(base_url=fake.base_url, space=validate_space(space), credentials=credentials or {}, since=since)
    return PLATFORM.client(config, http)


def sync(client, cursor=None, limit=50):
    pages = []
    for _ in range(limit):
        page = client.fetch(cursor)
        pages.append(page)
        cursor = page.cursor
        if page.done:
            return pages, [item for p in pages for item in p.items]
    raise AssertionError("the pass never ended")


@pytest.fixture
def budget(fake):
    """A process with two steps, a proposals component (30 proposals) and a debates component."""
    process = fake.add_process(
        "budget-2026",
        steps=[
            {"title": "Propositions", "start": T0 - timedelta(days=1), "end": T0 + timedelta(hours=12)},
            {"title": "Vote", "start": T0 + timedelta(days=1), "end": None, "active": True},
        ],
    )
    proposals = fake.add_component(process, "Proposals", "Propositions")
    fake.add_component(process, "Pages", "À propos")
    debates = fake.add_component(process, "Debates", "Débats")
    items = [
        fake.add_proposal(proposals, f"Proposition {n}", f"<p>Texte <strong>{n}</strong></p>", votes=n)
        for n in range(1, 31)
    ]
    first = items[0]
    c1 = fake.add_comment(first, "Bonne idée", author="Léa Durand", up_votes=3)
    c2 = fake.add_comment(c1, "Tout à fait", author="Karim Benali")
    fake.add_comment(c2, "Et le soir ?", author="Léa Durand")
    fake.add_comment(first, "Propos injurieux", hidden=True)
    debate = fake.add_debate(debates, "Faut-il piétonniser le centre ?", "<p>Vos avis</p>", author="Mairie")
    fake.add_comment(debate, "Oui, le samedi")
    return {"process": process, "proposals": proposals, "debates": debates, "items": items, "debate": debate}


def test_a_full_pass_reads_proposals_with_nested_comments_then_debates(fake, http, budget):
    client = open_client(fake, http)
    pages, items = sync(client)

    assert [p.done for p in pages] == [False, False, True]
    assert [len(p.items) for p in pages] == [25 + 3, 5, 2]  # proposals page 1 carries the 3 visible comments
    kinds = [i.kind for i in items]
    assert kinds.count("proposal") == 30 and kinds.count("debate") == 1 and kinds.count("comment") == 4
    assert len({i.external_id for i in items}) == len(items)

    first, c1, c2, c3 = items[:4]
    pid, cid = budget["proposals"].id, budget["items"][0].id
    assert first.external_id == f"proposal:{cid}"
    assert first.title == "Proposition 1"
    assert first.body == "<p>Texte <strong>1</strong></p>"  # HTML left as HTML
    assert first.url == f"{fake.base_url}/processes/budget-2026/f/{pid}/proposals/{cid}"
    assert first.author.name == "Camille Martin" and first.author.external_id == "camille_martin"
    assert first.supports == 1 and first.state == ItemState.PUBLISHED
    assert first.created_at == T0
    assert first.step_id == budget["process"].data["steps"][0]["id"]  # published during « Propositions »
    assert (c1.kind, c1.parent_id, c1.body, c1.supports) == ("comment", first.external_id, "Bonne idée", 3)
    assert c2.parent_id == c1.external_id and c3.parent_id == c2.external_id
    assert c1.author.name == "Léa Durand"
    assert c1.url == f"{first.url}?commentId={c1.external_id.split(':')[1]}#comment_{c1.external_id.split(':')[1]}"
    assert "Propos injurieux" not in [i.body for i in items]  # hidden on Decidim: absent

    debate = [i for i in items if i.kind == "debate"][0]
    assert debate.title == "Faut-il piétonniser le centre ?" and debate.body == "<p>Vos avis</p>"
    assert debate.url.endswith(f"/f/{budget['debates'].id}/debates/{budget['debate'].id}")
    assert items[-1].parent_id == debate.external_id

    # Pagination: first/after with the page size, endCursor passed back.
    pages_sent = [r for r in fake.requests if "ImediaProposals" in r["query"]]
    assert [r["variables"]["first"] for r in pages_sent] == [PAGE_SIZE, PAGE_SIZE]
    assert pages_sent[0]["variables"]["after"] is None and pages_sent[1]["variables"]["after"]
    # Every request the adapter sent is valid against the fixture.
    schema = build_schema(queries.SDL_PATH.read_text())
    assert all(validate(schema, parse(r["query"])) == [] for r in fake.requests)
    assert client.requests == 4  # space, two proposal pages, one debate page


def test_a_pass_resumes_from_its_saved_cursor_without_repeating_a_page(fake, http, budget):
    first_page = open_client(fake, http).fetch(None)
    requests_before = len(fake.requests)
    pages, items = sync(open_client(fake, http), cursor=first_page.cursor)  # another process, after a crash
    assert [i.title for i in items if i.kind == "proposal"] == [f"Proposition {n}" for n in range(26, 31)]
    assert len(fake.requests) - requests_before == 2  # no new space lookup, no page read twice
    assert pages[-1].done


def test_states_withdrawn_answered_and_supports(fake, http):
    process = fake.add_process("budget-2026")
    component = fake.add_component(process, "Proposals")
    fake.add_proposal(component, "Retirée", withdrawn=True)
    fake.add_proposal(component, "Acceptée", state="accepted", votes=None, likes=4)
    fake.add_proposal(component, "Masquée", hidden=True)
    fake.add_proposal(component, "Officielle", author=None)
    _, items = sync(open_client(fake, http))
    by_title = {i.title: i for i in items}
    assert set(by_title) == {"Retirée", "Acceptée", "Officielle"}
    assert by_title["Retirée"].state == ItemState.WITHDRAWN and by_title["Retirée"].platform_state == ""
    assert by_title["Acceptée"].platform_state == "accepted" and by_title["Acceptée"].supports == 4
    assert by_title["Officielle"].author is None


def test_an_assembly_by_slug_and_only_the_components_asked_for(fake, http):
    assembly = fake.add_assembly("conseil-jeunes")
    wanted = fake.add_component(assembly, "Proposals")
    other = fake.add_component(assembly, "Proposals")
    fake.add_proposal(wanted, "Un skatepark")
    fake.add_proposal(other, "Hors sujet")
    client = open_client(fake, http, kind="assembly", slug="conseil-jeunes", components=[wanted.id])
    _, items = sync(client)
    assert [i.title for i in items] == ["Un skatepark"]
    assert items[0].url.startswith(f"{fake.base_url}/assemblies/conseil-jeunes/f/{wanted.id}/proposals/")


def test_an_unknown_space_or_component_is_not_found(fake, http, budget):
    with pytest.raises(PlatformError) as error:
        open_client(fake, http, kind="process", slug="inconnu").fetch(None)
    assert error.value.code == "NOT_FOUND" and "inconnu" in error.value.message
    with pytest.raises(PlatformError) as error:
        open_client(fake, http, kind="process", slug="budget-2026", components="999").fetch(None)
    assert error.value.code == "NOT_FOUND" and "999" in error.value.message


def test_an_incremental_pass_yields_only_what_changed_since(fake, http, budget):
    budget["items"][4].data["updated"] = T0 + timedelta(days=3)
    _, items = sync(open_client(fake, http, since=T0 + timedelta(days=2)))
    assert [i.title for i in items] == ["Proposition 5"]


# -- authentication ---------------------------------------------------------------------------


def test_an_api_user_signs_in_once_and_sends_its_jwt(fake, http, budget):
    sync(open_client(fake, http, credentials=CREDENTIALS))
    assert fake.sign_ins == 1
    assert all(r["auth"] and r["auth"].startswith("jwt-") for r in fake.requests)


def test_an_expired_jwt_is_renewed_once(fake, http, budget):
    client = open_client(fake, http, credentials=CREDENTIALS)
    page = client.fetch(None)
    fake.expire_tokens()
    client.fetch(page.cursor)
    assert fake.sign_ins == 2


def test_a_jwt_refused_again_after_signing_in_again_is_an_auth_error(fake, http, budget):
    client = open_client(fake, http, credentials=CREDENTIALS)
    client.fetch(None)
    fake.expire_tokens()
    fake.script(
        sign_in=True, status=200, body={"jwt_token": "jwt-revoque"}, headers={"Authorization": "Bearer jwt-revoque"}
    )
    with pytest.raises(PlatformError) as error:
        client.fetch(None)
    assert error.value.code == "AUTH" and fake.sign_ins == 2


def test_wrong_credentials_are_an_auth_error_in_french(fake, http, budget):
    client = open_client(fake, http, credentials={"api_key": "cle-api", "api_secret": "faux"})
    with pytest.raises(PlatformError) as error:
        client.fetch(None)
    assert error.value.code == "AUTH"
    assert error.value.message == "Decidim refuse la clé ou le secret de l'utilisateur d'API."
    assert fake.requests == []


# -- failures ---------------------------------------------------------------------------------


def test_429_is_rate_limited_with_retry_after(fake, http, budget):
    fake.script(status=429, headers={"Retry-After": "7"})
    with pytest.raises(PlatformError) as error:
        open_client(fake, http).fetch(None)
    assert error.value.code == "RATE_LIMITED" and error.value.retry_after == 7.0
    assert "100 par minute" in error.value.message


def test_500_is_unavailable(fake, http, budget):
    fake.script(status=500)
    with pytest.raises(PlatformError) as error:
        open_client(fake, http).fetch(None)
    assert error.value.code == "UNAVAILABLE"


def test_an_unreachable_instance_is_unavailable(http):
    config = LinkConfig(
        base_url="http://127.0.0.1:9", space=validate_space({"kind": "process", "slug": "x"}), credentials={}
    )
    with pytest.raises(PlatformError) as error:
        PLATFORM.client(config, http).fetch(None)
    assert error.value.code == "UNAVAILABLE"


def _drop_page_info(result):
    del result["data"]["component"]["proposals"]["pageInfo"]
    return result


def _title_as_number(result):
    result["data"]["component"]["proposals"]["nodes"][3]["title"]["translation"] = 42
    return result


@pytest.mark.parametrize(
    ("scripted", "expected"),
    [
        ({"mutate": _drop_page_info}, "pageInfo absent"),
        ({"mutate": _title_as_number}, "texte attendu pour proposal"),
        ({"body": "<html>Maintenance</html>"}, "le corps n'est pas du JSON"),
        ({"body": {"result": []}}, "ni « data » ni « errors »"),
        ({"body": {"data": None, "errors": [{"message": "Field 'voteCount' doesn't exist"}]}}, "voteCount"),
    ],
)
def test_a_malformed_page_is_refused_whole_with_a_clear_message(fake, http, budget, scripted, expected):
    client = open_client(fake, http)
    page = client.fetch(None)  # space + first proposals page
    fake.script(**scripted)
    with pytest.raises(PlatformError) as error:
        client.fetch(page.cursor)
    assert error.value.code == "MALFORMED"
    assert error.value.message.startswith("Réponse de Decidim inattendue")
    assert expected in error.value.message


def test_an_unreadable_cursor_is_invalid(fake, http):
    with pytest.raises(PlatformError) as error:
        open_client(fake, http).fetch("pas-un-curseur")
    assert error.value.code == "INVALID"


# -- answers ----------------------------------------------------------------------------------


def _answer(item, key="reponse-1", state="accepted"):
    return OutboundAnswer(
        external_id=f"proposal:{item.id}", state=state, text="Nous créons 3 km de pistes.", idempotency_key=key
    )


def test_an_answer_goes_through_proposal_mutation_answer(fake, http, budget):
    proposal = budget["items"][2]
    receipt = open_client(fake, http, credentials=CREDENTIALS).answer(_answer(proposal))
    assert receipt.reference == f"proposal:{proposal.id}" and receipt.as_comment is False
    assert fake.answers == [
        {"proposal": str(proposal.id), "state": "accepted", "content": {"fr": "Nous créons 3 km de pistes."}}
    ]
    assert fake.added_comments == []
    sent = [r for r in fake.requests if "ImediaAnswer" in r["query"]]
    assert validate(build_schema(queries.SDL_PATH.read_text()), parse(sent[0]["query"])) == []
    _, items = sync(open_client(fake, http))
    assert [i.platform_state for i in items if i.external_id == receipt.reference] == ["accepted"]


def test_a_refused_answer_falls_back_to_one_comment(fake, http, budget):
    fake.answers_allowed = False
    proposal = budget["items"][2]
    client = open_client(fake, http, credentials=CREDENTIALS)
    receipt = client.answer(_answer(proposal, state="evaluating"))
    assert receipt.as_comment is True and fake.answers == []
    [comment] = fake.added_comments
    assert receipt.reference == f"comment:{comment.id}"
    assert comment.data["body"].startswith("Réponse officielle (à l'étude) :")
    assert marker("reponse-1") in comment.data["body"]

    again = open_client(fake, http, credentials=CREDENTIALS).answer(_answer(proposal, state="evaluating"))
    assert again == receipt and len(fake.added_comments) == 1  # same key: no second comment
    open_client(fake, http, credentials=CREDENTIALS).answer(_answer(proposal, key="reponse-2", state="accepted"))
    assert len(fake.added_comments) == 2  # a new answer is a new comment


def test_a_debate_is_answered_by_a_comment(fake, http, budget):
    receipt = open_client(fake, http, credentials=CREDENTIALS).answer(
        OutboundAnswer(
            external_id=f"debate:{budget['debate'].id}",
            state="accepted",
            text="Piétonnier le samedi.",
            idempotency_key="k",
        )
    )
    assert receipt.as_comment and fake.added_comments[0] in budget["debate"].children


def test_when_comments_are_refused_too_the_answer_is_unsupported(fake, http, budget):
    fake.answers_allowed = fake.comments_allowed = False
    with pytest.raises(PlatformError) as error:
        open_client(fake, http, credentials=CREDENTIALS).answer(_answer(budget["items"][0]))
    assert error.value.code == "UNSUPPORTED" and "utilisateur d'API" in error.value.message


def test_an_answer_needs_an_api_user(fake, http, budget):
    with pytest.raises(PlatformError) as error:
        open_client(fake, http).answer(_answer(budget["items"][0]))
    assert error.value.code == "AUTH" and fake.requests == []


def test_an_answer_to_an_unknown_proposal_or_a_comment_is_refused(fake, http, budget):
    client = open_client(fake, http, credentials=CREDENTIALS)
    with pytest.raises(PlatformError) as error:
        client.answer(OutboundAnswer(external_id="proposal:99999", state="accepted", text="x", idempotency_key="k"))
    assert error.value.code == "NOT_FOUND"
    with pytest.raises(PlatformError) as error:
        client.answer(OutboundAnswer(external_id="comment:1", state="accepted", text="x", idempotency_key="k"))
    assert error.value.code == "UNSUPPORTED"


# -- the space and the platform ---------------------------------------------------------------


def test_validate_space_accepts_a_process_or_an_assembly():
    assert validate_space({"kind": "process", "slug": " budget-2026 "}) == {"kind": "process", "slug": "budget-2026"}
    assert validate_space({"kind": "assembly", "slug": "conseil", "components": "12, 7 12"}) == {
        "kind": "assembly",
        "slug": "conseil",
        "components": ["7", "12"],
    }


@pytest.mark.parametrize(
    "space",
    [
        None,
        {"kind": "conference", "slug": "x"},
        {"kind": "process"},
        {"kind": "process", "slug": "../admin"},
        {"kind": "process", "slug": "x", "components": ["douze"]},
        {"kind": "process", "slug": "x", "components": [True]},
        {"kind": "process", "slug": "x", "token": "y"},
    ],
)
def test_validate_space_refuses_anything_else(space):
    with pytest.raises(PlatformError) as error:
        validate_space(space)
    assert error.value.code == "INVALID" and error.value.message


def test_the_plugin_offers_decidim_with_its_published_limit():
    platforms = [p for found in get_plugin_manager().hook.imedia_connector_platforms() for p in found]
    decidim = [p for p in platforms if p.key == "decidim"]
    assert len(decidim) == 1
    assert decidim[0].requests_per_minute == 100 and decidim[0].can_answer
    assert decidim[0].kinds == ("proposal", "debate")
    assert {f.name for f in decidim[0].credential_fields} == {"api_key", "api_secret"}
    json.dumps([f.label for f in decidim[0].space_fields])
