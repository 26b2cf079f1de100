"""The adhocracy+ adapter against a fake adhocracy+ that checks every request and answer against
the committed OpenAPI fixture."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from imedia_core.plugin_api import ItemState, LinkConfig, OutboundAnswer, PlatformError
from imedia_core.pluginhost.manager import get_plugin_manager
from plugins.adhocracy.client import parse_display, reference_of
from plugins.adhocracy.plugin import PLATFORM, validate_space
from plugins.adhocracy.testing import FakeAdhocracy, OpenApiContract, display_datetime


@pytest.fixture
def fake(httpserver):
    fake = FakeAdhocracy(httpserver)
    yield fake
    assert fake.violations == []  # every request and answer had the published shape


@pytest.fixture
def http():
    with httpx.Client(timeout=5) as client:
        yield client


def open_client(fake, http, credentials=None, **space):
    space = {"organisation": fake.organisation, "module": fake.module, **space}
    config = LinkConfig(base_url=fake.base_url, space=validate_space(space), credentials=credentials or {})
    return PLATFORM.client(config, http)


def sync(client, cursor=None, limit=100):
    pages = []
    for _ in range(limit):
        page = client.fetch(cursor)
        pages.append(page)
        cursor = page.cursor
        if page.done:
            return pages, [item for p in pages for item in p.items]
    raise AssertionError("the pass never ended")


def answer(key="clé-1", state="accepted", external_id="idea:1", text="Le jardin sera créé au printemps."):
    return OutboundAnswer(external_id=external_id, state=state, text=text, idempotency_key=key)


def test_a_pass_reads_the_ideas_then_each_ideas_comments_page_by_page(fake, http):
    fake.add_idea(1, name="Un jardin partagé", description="Derrière l'école", creator="camille", likes=4)
    fake.add_idea(2)
    fake.add_idea(3)
    for pk in range(100, 125):  # 25 comments on idea 1: two pages of 20
        fake.add_comment(pk, idea=1, likes=1)
    fake.add_comment(200, idea=1, parent=100, text="Réponse")
    fake.add_comment(300, idea=3, text="Et ici ?")

    pages, items = sync(open_client(fake, http))

    assert [len(p.items) for p in pages] == [3, 20, 6, 1]  # newest first: comment 100 and its reply come last
    assert [p.done for p in pages] == [False, False, False, True]
    assert [i.kind for i in items[:3]] == ["idea"] * 3
    assert {i.kind for i in items[3:]} == {"comment"}
    assert len({i.external_id for i in items}) == 3 + 27
    idea = items[0]
    assert (idea.external_id, idea.title, idea.body, idea.supports) == (
        "idea:1",
        "Un jardin partagé",
        "Derrière l'école",
        4,
    )
    assert idea.author.name == "camille"
    assert idea.url == f"{fake.base_url}/ma-ville/ideas/2026-00001/"
    assert idea.created_at == datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # "March 3, 2026": midnight in Berlin
    comments = {i.external_id: i for i in items[3:]}
    assert comments["comment:100"].parent_id == "idea:1"
    assert comments["comment:200"].parent_id == "comment:100"
    assert comments["comment:300"].parent_id == "idea:3"
    assert comments["comment:300"].url == f"{fake.base_url}/ma-ville/ideas/2026-00003/?comment=300"
    assert comments["comment:100"].supports == 1
    # idea 2 has no comment: its comments are never asked for
    assert not any(r["path"].endswith("/objects/2/comments/") for r in fake.requests)


def test_an_idea_without_comments_ends_the_pass_on_the_ideas_page(fake, http):
    fake.add_idea(1)
    pages, items = sync(open_client(fake, http))
    assert len(pages) == 1 and pages[0].done
    assert [i.external_id for i in items] == ["idea:1"]


def test_removed_censored_and_blocked_comments_keep_no_text_nor_author(fake, http):
    fake.add_idea(1)
    fake.add_comment(10, idea=1, removed=True)
    fake.add_comment(11, idea=1, censored=True)
    fake.add_comment(12, idea=1, blocked=True, text="Propos injurieux")
    fake.add_comment(13, idea=1, user="alex")
    _pages, items = sync(open_client(fake, http))
    states = {i.external_id: (i.state, i.body, i.author) for i in items if i.kind == "comment"}
    assert states["comment:10"] == (ItemState.DELETED, "", None)
    assert states["comment:11"] == (ItemState.HIDDEN, "", None)
    assert states["comment:12"] == (ItemState.HIDDEN, "", None)
    assert states["comment:13"][0] == ItemState.PUBLISHED
    assert states["comment:13"][2].name == "alex"


def test_a_pass_resumes_from_a_saved_cursor(fake, http):
    for pk in range(1, 4):
        fake.add_idea(pk)
        for n in range(25):
            fake.add_comment(pk * 100 + n, idea=pk)
    client = open_client(fake, http)
    first = client.fetch(None)
    second = client.fetch(first.cursor)
    # another worker, after a crash, goes on from the second page's cursor
    _pages, rest = sync(open_client(fake, http), cursor=second.cursor)
    ids = [i.external_id for i in first.items + second.items + rest]
    assert len(ids) == len(set(ids)) == 3 + 75


def test_a_comment_page_that_vanished_moves_on_to_the_next_idea(fake, http):
    fake.add_idea(1)
    fake.add_idea(2)
    fake.add_comment(10, idea=1)
    fake.add_comment(20, idea=2)
    client = open_client(fake, http)
    first = client.fetch(None)
    del fake.ideas[1]  # idea 1 deleted on adhocracy+ during the pass
    _pages, rest = sync(client, cursor=first.cursor)
    assert [i.external_id for i in rest] == ["comment:20"]


def test_private_projects_are_read_with_the_links_credentials(fake, http):
    fake.public = False
    fake.add_idea(1)
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch(None)
    assert caught.value.code == "AUTH"
    _pages, items = sync(open_client(fake, http, {"token": "jeton-modo"}))
    assert [i.external_id for i in items] == ["idea:1"]
    assert fake.requests[-1]["authorization"] == "Token jeton-modo"


def test_answer_posts_one_comment_as_the_links_account_with_a_token(fake, http):
    fake.add_idea(1)
    receipt = open_client(fake, http, {"token": "jeton-modo"}).answer(answer())
    posted = fake.comments[int(receipt.reference.split(":")[1])]
    assert receipt.as_comment is True
    assert posted["user"] == "equipe-imedia" and posted["idea"] == 1
    assert posted["text"].startswith("Réponse officielle (proposition retenue) :")
    assert "Le jardin sera créé au printemps." in posted["text"]
    assert reference_of("clé-1") in posted["text"]


def test_answer_is_idempotent(fake, http):
    fake.add_idea(1)
    client = open_client(fake, http, {"token": "jeton-modo"})
    first = client.answer(answer(key="réponse-7"))
    again = open_client(fake, http, {"token": "jeton-modo"}).answer(answer(key="réponse-7"))
    assert first == again
    assert sum(1 for c in fake.comments.values() if c["idea"] == 1) == 1
    other = client.answer(answer(key="réponse-8", state="rejected"))
    assert other != first
    assert "proposition non retenue" in fake.comments[int(other.reference.split(":")[1])]["text"]


def test_answer_with_a_username_and_password_signs_in_and_renews_an_expired_jwt(fake, http):
    fake.add_idea(1)
    client = open_client(fake, http, {"username": "equipe-imedia", "password": "mot-de-passe"})
    client.answer(answer(key="a"))
    assert fake.requests[0]["path"] == "/api/token/"
    fake.expire_tokens()
    client.answer(answer(key="b"))
    token_requests = [r for r in fake.requests if r["path"] == "/api/token/"]
    assert len(token_requests) == 2
    assert sum(1 for c in fake.comments.values() if c["idea"] == 1) == 2


@pytest.mark.parametrize(
    ("credentials", "code"),
    [
        ({}, "AUTH"),
        ({"token": "mauvais"}, "AUTH"),
        ({"username": "equipe-imedia", "password": "faux"}, "AUTH"),
    ],
)
def test_answer_without_valid_credentials_is_refused(fake, http, credentials, code):
    fake.add_idea(1)
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http, credentials).answer(answer())
    assert caught.value.code == code
    assert not any(r["method"] == "POST" and "comments" in r["path"] for r in fake.requests)


def test_answer_by_an_account_that_may_not_comment_says_so(fake, http):
    fake.add_idea(1)
    fake.tokens["jeton-simple"] = "simple-participant"
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http, {"token": "jeton-simple"}).answer(answer())
    assert caught.value.code == "AUTH"
    assert "modérateur" in caught.value.message


def test_answer_when_terms_of_use_were_never_accepted_says_so(fake, http):
    fake.add_idea(1)
    fake.terms_required = True
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http, {"token": "jeton-modo"}).answer(answer())
    assert caught.value.code == "AUTH"
    assert "conditions d'utilisation" in caught.value.message


def test_answer_on_a_gone_idea_or_a_comment_is_refused(fake, http):
    fake.add_idea(1)
    client = open_client(fake, http, {"token": "jeton-modo"})
    with pytest.raises(PlatformError) as caught:
        client.answer(answer(external_id="idea:99"))
    assert caught.value.code == "NOT_FOUND"
    with pytest.raises(PlatformError) as caught:
        client.answer(answer(external_id="comment:3"))
    assert caught.value.code == "UNSUPPORTED"


def test_a_long_answer_is_cut_to_adhocracys_limit(fake, http):
    fake.add_idea(1)
    receipt = open_client(fake, http, {"token": "jeton-modo"}).answer(answer(text="mot " * 2000))
    text = fake.comments[int(receipt.reference.split(":")[1])]["text"]
    assert len(text) <= 4000 and text.endswith(reference_of("clé-1"))


@pytest.mark.parametrize(
    ("status", "headers", "code", "retry_after"),
    [
        (429, {"Retry-After": "20"}, "RATE_LIMITED", 20.0),
        (500, {}, "UNAVAILABLE", None),
        (502, {}, "UNAVAILABLE", None),
        (401, {}, "AUTH", None),
        (403, {}, "AUTH", None),
        (404, {}, "NOT_FOUND", None),
    ],
)
def test_http_failures_become_platform_errors(fake, http, status, headers, code, retry_after):
    fake.add_idea(1)
    fake.fail_next(status, {"detail": "x"}, headers=headers)
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch(None)
    assert (caught.value.code, caught.value.retry_after) == (code, retry_after)
    assert caught.value.message


@pytest.mark.parametrize(
    "body",
    [
        "<html>Maintenance</html>",
        {"results": []},  # an object where the API returns a list of ideas
        [{"pk": 1}],
        [
            {
                "pk": "1",
                "name": "A",
                "description": "",
                "creator": "x",
                "created": "Jan. 1, 2026",
                "reference_number": "2026-00001",
                "comment_count": 0,
                "positive_rating_count": 0,
                "negative_rating_count": 0,
                "labels": [],
                "category": None,
                "content_type": 42,
            }
        ],
    ],
)
def test_malformed_idea_lists_are_refused_whole(fake, http, body):
    fake.fail_next(200, body)
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch(None)
    assert caught.value.code == "MALFORMED"
    assert "adhocracy+" in caught.value.message


def test_a_malformed_comment_page_is_refused_whole(fake, http):
    fake.add_idea(1)
    fake.add_comment(10, idea=1)
    client = open_client(fake, http)
    first = client.fetch(None)
    fake.fail_next(
        200, {"count": 1, "next": None, "previous": None, "comment_count": 1, "results": [{"id": 10, "comment": "x"}]}
    )
    with pytest.raises(PlatformError) as caught:
        client.fetch(first.cursor)
    assert caught.value.code == "MALFORMED"
    assert "results[0]" in caught.value.message


def test_an_unreadable_cursor_is_refused(fake, http):
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch('{"queue": []}')
    assert caught.value.code == "INVALID"


def test_validate_space():
    assert validate_space({"organisation": "ma-ville", "module": "12"}) == {"organisation": "ma-ville", "module": 12}
    assert (
        validate_space({"organisation": "/ma-ville/", "module": 3, "project": "budget-2026"})["project"]
        == "budget-2026"
    )
    for bad in (
        {},
        {"organisation": "ma ville", "module": 1},
        {"organisation": "a", "module": 0},
        {"organisation": "a", "module": True},
        {"organisation": "a", "module": 1, "extra": 1},
    ):
        with pytest.raises(PlatformError) as caught:
            validate_space(bad)
        assert caught.value.code == "INVALID"


def test_display_dates_are_read_back_in_berlin_time():
    moment = datetime(2026, 7, 14, 12, 5, tzinfo=UTC)
    assert parse_display(display_datetime(moment)) == moment
    assert parse_display("March 2, 2026, midnight") == datetime(2026, 3, 1, 23, 0, tzinfo=UTC)
    assert parse_display("Sept. 3, 2026, noon") == datetime(2026, 9, 3, 10, 0, tzinfo=UTC)
    assert parse_display("Jan. 5, 2026, 2 p.m.") == datetime(2026, 1, 5, 13, 0, tzinfo=UTC)
    assert parse_display("5. Januar 2026, 14:05") is None  # another language: no date rather than a wrong one


def test_the_contract_checker_catches_unpublished_requests():
    contract = OpenApiContract()
    assert contract.check_request("GET", "/api/modules/5/ideas/?page=2", headers={}, body=None)
    assert contract.check_request("DELETE", "/api/modules/5/ideas/", headers={}, body=None)
    assert contract.check_request("POST", "/api/contenttypes/42/objects/1/comments/", headers={}, body={"comment": "x"})
    assert contract.check_request(
        "POST", "/api/contenttypes/42/objects/1/comments/", headers={"Authorization": "Token t"}, body={"texte": "x"}
    )
    assert (
        contract.check_request(
            "GET", "/api/contenttypes/42/objects/1/comments/?page=2&ordering=new", headers={}, body=None
        )
        == []
    )


def test_the_plugin_offers_the_adhocracy_platform():
    platforms = [p for found in get_plugin_manager().hook.imedia_connector_platforms() for p in found]
    adhocracy = next(p for p in platforms if p.key == "adhocracy")
    assert adhocracy.can_answer is True
    assert "commentaire" in adhocracy.answer_note
    assert {f.name for f in adhocracy.credential_fields} == {"token", "username", "password"}


def test_a_pass_whose_last_page_was_stored_resumes_to_an_empty_last_page(fake, http):
    fake.add_idea(1)
    fake.add_comment(10, idea=1)
    pages, _items = sync(open_client(fake, http))
    requests = len(fake.requests)
    page = open_client(fake, http).fetch(pages[-1].cursor)  # a crash between the last page and the pass's end
    assert (page.items, page.done) == ([], True)
    assert len(fake.requests) == requests
