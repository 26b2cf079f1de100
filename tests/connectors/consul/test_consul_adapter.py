"""The Consul Democracy adapter against a fake Consul (graphql-core over the committed SDL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest
from graphql import parse, validate

from imedia_core.plugin_api import ItemState, LinkConfig, OutboundAnswer, PlatformError
from imedia_core.pluginhost.manager import get_plugin_manager
from plugins.consul.client import NOBODY, PAGE_SIZE, QUERIES, parse_time
from plugins.consul.plugin import PLATFORM, validate_space
from plugins.consul.testing import FakeConsul, load_schema


@pytest.fixture
def fake(httpserver):
    return FakeConsul(httpserver)


@pytest.fixture
def http():
    with httpx.Client(timeout=5) as client:
        yield client


def open_client(fake, http, **space):
    return PLATFORM.client(LinkConfig(base_url=fake.base_url, space=validate_space(space), credentials={}), http)


def sync(client, cursor=None, limit=50):
    """Every page of one pass: (pages, items)."""
    pages = []
    for _ in range(limit):
        page = client.fetch(cursor)
        pages.append(page)
        cursor = page.cursor
        if page.done:
            return pages, [item for p in pages for item in p.items]
    raise AssertionError("the pass never ended")


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_is_valid_against_the_consul_sdl(name):
    assert validate(load_schema(), parse(QUERIES[name])) == []


def test_a_full_pass_pages_through_proposals_debates_then_comments(fake, http):
    author = fake.add_user(7, "Camille")
    for pk in range(1, 31):  # 30 proposals: two pages of at most 25
        fake.add_proposal(pk, author=author, votes=pk)
    fake.add_debate(1, title="Faut-il piétonniser le centre ?", author=author, votes=4)
    fake.add_comment(100, on=("Proposal", 3), body="<p>Bonne idée</p>", author=author, votes=2)
    fake.add_comment(101, on=("Proposal", 3), parent=100, body="Tout à fait")
    fake.add_comment(102, on=("Proposal", 3), parent=101, body="Et en soirée ?")
    fake.add_comment(103, on=("Debate", 1), body="Oui")

    pages, items = sync(open_client(fake, http))

    kinds = [item.kind for item in items]
    assert kinds == ["proposal"] * 30 + ["debate"] + ["comment"] * 4
    assert [len(p.items) for p in pages] == [25, 5, 1, 4]
    assert [p.done for p in pages] == [False, False, False, True]
    assert fake.invalid_queries == []
    assert all(r["variables"]["first"] == PAGE_SIZE for r in fake.requests)
    assert len({item.external_id for item in items}) == 35

    proposal = items[2]
    assert proposal.external_id == "proposal:3"
    assert proposal.url == f"{fake.base_url}/proposals/3"
    assert proposal.supports == 3
    assert proposal.state == ItemState.PUBLISHED
    assert proposal.author.name == "Camille" and proposal.author.external_id == "user:7"
    assert proposal.created_at == datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    debate = items[30]
    assert (debate.external_id, debate.title, debate.supports) == ("debate:1", "Faut-il piétonniser le centre ?", 4)
    assert debate.url == f"{fake.base_url}/debates/1"
    comments = {item.external_id: item for item in items[31:]}
    assert comments["comment:100"].parent_id == "proposal:3"
    assert comments["comment:100"].body == "<p>Bonne idée</p>"
    assert comments["comment:100"].url == f"{fake.base_url}/comments/100"
    assert comments["comment:101"].parent_id == "comment:100"
    assert comments["comment:102"].parent_id == "comment:101"  # ancestry "100/101": the last is the parent
    assert comments["comment:103"].parent_id == "debate:1"


def test_a_proposal_carries_its_summary_and_description(fake, http):
    fake.add_proposal(1, title="  Des bancs  ", summary="Plus de bancs", description="<p>Sur la place</p>")
    _pages, items = sync(open_client(fake, http))
    assert items[0].title == "Des bancs"
    assert items[0].body == "<p>Plus de bancs</p>\n<p>Sur la place</p>"


def test_an_author_who_keeps_their_activity_private_is_nobody(fake, http):
    fake.add_proposal(1, author=fake.add_user(8, "Dominique", public=False))
    fake.add_proposal(2, author=None)
    _pages, items = sync(open_client(fake, http))
    assert [(item.author.name, item.author.external_id) for item in items] == [(NOBODY, ""), (NOBODY, "")]
    assert "Dominique" not in json.dumps([item.body for item in items])


def test_hidden_items_and_comments_on_hidden_items_are_absent(fake, http):
    fake.add_proposal(1)
    fake.add_proposal(2, hidden=True)
    fake.add_comment(10, on=("Proposal", 2))
    fake.add_comment(11, on=("Proposal", 1), hidden=True)
    fake.add_comment(12, on=("Proposal", 1))
    _pages, items = sync(open_client(fake, http))
    assert [item.external_id for item in items] == ["proposal:1", "comment:12"]


def test_a_retired_proposal_is_withdrawn_with_its_reason(fake, http):
    fake.add_proposal(1, retired_reason="done")
    _pages, items = sync(open_client(fake, http))
    assert items[0].state == ItemState.WITHDRAWN
    assert items[0].platform_state == "done"


def test_content_setting_limits_what_is_read_and_comments_follow(fake, http):
    fake.add_proposal(1)
    fake.add_debate(1)
    fake.add_comment(10, on=("Proposal", 1))
    fake.add_comment(11, on=("Debate", 1))
    fake.add_comment(12, on=("Poll", 1))  # not a kind we import (and absent from the fake's commentables)
    _pages, items = sync(open_client(fake, http, content="proposals"))
    assert [item.external_id for item in items] == ["proposal:1", "comment:10"]
    assert not any("debates" in r["query"] for r in fake.requests)
    _pages, items = sync(open_client(fake, http, content="debates"))
    assert [item.external_id for item in items] == ["debate:1", "comment:11"]


def test_a_pass_resumes_from_a_saved_cursor(fake, http):
    for pk in range(1, 41):
        fake.add_proposal(pk)
    client = open_client(fake, http)
    first = client.fetch(None)
    # A new client (a new worker after a crash) resumes from the saved cursor.
    _pages, rest = sync(open_client(fake, http), cursor=first.cursor)
    ids = [item.external_id for item in first.items + rest]
    assert ids == [f"proposal:{pk}" for pk in range(1, 41)]


def test_an_unreadable_cursor_is_refused(fake, http):
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch("pas-un-curseur")
    assert caught.value.code == "INVALID"


def test_nothing_goes_back_to_consul():
    assert PLATFORM.can_answer is False
    assert "lecture seule" in PLATFORM.answer_note


def test_answer_is_unsupported_and_sends_nothing(fake, http):
    client = open_client(fake, http)
    with pytest.raises(PlatformError) as caught:
        client.answer(OutboundAnswer("proposal:1", "accepted", "Nous le faisons.", "clé-1"))
    assert caught.value.code == "UNSUPPORTED"
    assert caught.value.message.startswith("L'API de Consul est en lecture seule")
    assert fake.requests == []


@pytest.mark.parametrize(
    ("status", "headers", "code", "retry_after"),
    [
        (429, {"Retry-After": "30"}, "RATE_LIMITED", 30.0),
        (500, {}, "UNAVAILABLE", None),
        (503, {}, "UNAVAILABLE", None),
        (401, {}, "AUTH", None),
        (403, {}, "NOT_FOUND", None),
        (404, {}, "NOT_FOUND", None),
    ],
)
def test_http_failures_become_platform_errors(fake, http, status, headers, code, retry_after):
    fake.add_proposal(1)
    fake.fail_next(status, {"error": "x"}, headers=headers)
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch(None)
    assert caught.value.code == code
    assert caught.value.retry_after == retry_after
    assert caught.value.message  # French, for the link's status


def test_the_rate_limit_message_cites_consuls_published_limit(fake, http):
    fake.fail_next(429, "", headers={"Retry-After": "12"})
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch(None)
    assert "300 par tranche de 5 minutes" in caught.value.message
    assert PLATFORM.requests_per_minute == 60


@pytest.mark.parametrize(
    "body",
    [
        "<html>Erreur</html>",
        {"data": None},
        {"data": {"proposals": {"nodes": []}}},  # no pageInfo
        {"data": {"proposals": {"pageInfo": {"hasNextPage": True, "endCursor": None}, "nodes": []}}},
        {"data": {"proposals": {"pageInfo": {"hasNextPage": False}, "nodes": [{"id": True}]}}},
        {"data": {"proposals": {"pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": [{"id": "1"}]}}},
        {"data": {"proposals": {"pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": "rien"}}},
        {"errors": [{"message": "Field 'retiredAt' doesn't exist on type 'Proposal'"}]},
    ],
)
def test_malformed_answers_are_refused_whole(fake, http, body):
    fake.fail_next(200, body)
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch(None)
    assert caught.value.code == "MALFORMED"
    assert "Consul" in caught.value.message


def test_a_malformed_node_in_the_middle_of_a_page_refuses_the_page(fake, http):
    good = {
        "id": "1",
        "title": "A",
        "summary": "",
        "description": "",
        "cachedVotesUp": 1,
        "publicCreatedAt": None,
        "retiredAt": None,
        "retiredReason": None,
        "publicAuthor": None,
    }
    bad = dict(good, id="2", cachedVotesUp="beaucoup")
    fake.fail_next(
        200, {"data": {"proposals": {"pageInfo": {"hasNextPage": False, "endCursor": None}, "nodes": [good, bad]}}}
    )
    with pytest.raises(PlatformError) as caught:
        open_client(fake, http).fetch(None)
    assert caught.value.code == "MALFORMED"
    assert "proposals.nodes[1].cachedVotesUp" in caught.value.message


def test_an_unreachable_instance_is_unavailable(http):
    config = LinkConfig(base_url="http://127.0.0.1:9", space={"content": "all"}, credentials={})
    with pytest.raises(PlatformError) as caught:
        PLATFORM.client(config, http).fetch(None)
    assert caught.value.code == "UNAVAILABLE"


def test_validate_space_defaults_and_refusals():
    assert validate_space({}) == {"content": "all"}
    assert validate_space({"content": "debates"}) == {"content": "debates"}
    for bad in ({"content": "budgets"}, {"process": "x"}, ["all"]):
        with pytest.raises(PlatformError) as caught:
            validate_space(bad)
        assert caught.value.code == "INVALID"


def test_the_plugin_offers_the_consul_platform():
    platforms = [p for found in get_plugin_manager().hook.imedia_connector_platforms() for p in found]
    consul = next(p for p in platforms if p.key == "consul")
    assert consul.kinds == ("proposal", "debate")
    assert consul.credential_fields == ()
    assert consul.source_version == "master@169a61f3"


def test_a_pass_whose_last_page_was_stored_resumes_to_an_empty_last_page(fake, http):
    fake.add_proposal(1)
    _pages, _items = sync(open_client(fake, http))
    last = _pages[-1].cursor
    requests = len(fake.requests)
    page = open_client(fake, http).fetch(last)  # a crash between the last page and the pass's end
    assert (page.items, page.done) == ([], True)
    assert len(fake.requests) == requests


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02 12:00:00 UTC", datetime(2026, 3, 2, 12, 0, tzinfo=UTC)),  # Rails' Time#to_s in UTC
        ("2026-03-02 13:00:00 +0100", datetime(2026, 3, 2, 12, 0, tzinfo=UTC)),  # an instance in Madrid time
        ("2026-03-02T12:00:00Z", datetime(2026, 3, 2, 12, 0, tzinfo=UTC)),  # ISO8601DateTime (retiredAt)
        ("le 2 mars", None),
        (None, None),
    ],
)
def test_consul_times_are_read_with_their_offset(text, expected):
    assert parse_time(text) == expected
