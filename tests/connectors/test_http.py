"""The ``http`` object adapters get: paced to the platform's limit across workers (shared cache),
429 answers wait their Retry-After, 5xx and network errors back off, and after a bounded number of
attempts a PlatformError says what happened. Real HTTP to a local server (pytest-httpserver)."""

import httpx
import pytest
from werkzeug import Response

from imedia_core.connectors.http import PacedHttp
from imedia_core.connectors.platform import PlatformError


class Clock:
    """A fake clock: sleeping moves time forward instantly."""

    def __init__(self, now=1_000_020.0):
        self.now = now
        self.slept = []

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 2))
        self.now += seconds


@pytest.fixture
def clock():
    return Clock()


def paced(clock, rpm=600, bucket="alpha:1", **kwargs):
    return PacedHttp(bucket=bucket, requests_per_minute=rpm, sleep=clock.sleep, clock=clock.time, **kwargs)


def test_requests_past_the_published_limit_wait_for_the_next_minute(httpserver, clock, db):
    httpserver.expect_request("/api").respond_with_json({"ok": True})
    with paced(clock, rpm=10) as http:  # 90 % of 10: 9 requests a minute
        for _ in range(9):
            assert http.get(httpserver.url_for("/api")).json() == {"ok": True}
        assert clock.slept == []
        http.get(httpserver.url_for("/api"))
    assert len(clock.slept) == 1 and 0 < clock.slept[0] <= 60.1


def test_the_budget_is_shared_by_workers_of_the_same_link_only(httpserver, clock, db):
    httpserver.expect_request("/api").respond_with_json({})
    first, second, other = paced(clock, rpm=10), paced(clock, rpm=10), paced(clock, rpm=10, bucket="beta:1")
    for _ in range(5):
        first.get(httpserver.url_for("/api"))
        other.get(httpserver.url_for("/api"))
    for _ in range(4):
        second.get(httpserver.url_for("/api"))
    assert clock.slept == []
    second.get(httpserver.url_for("/api"))  # the tenth of this link in this minute
    assert len(clock.slept) == 1


def test_429_waits_its_retry_after_then_succeeds(httpserver, clock, db):
    httpserver.expect_ordered_request("/api").respond_with_response(
        Response("lent", status=429, headers={"Retry-After": "7"})
    )
    httpserver.expect_ordered_request("/api").respond_with_json({"ok": 1})
    with paced(clock) as http:
        assert http.get(httpserver.url_for("/api")).json() == {"ok": 1}
        assert http.requests == 2
    assert clock.slept == [7]


def test_5xx_backs_off_then_succeeds(httpserver, clock, db, settings):
    settings.IMEDIA_CONNECTORS_RETRY_BASE_SECONDS = 2
    httpserver.expect_ordered_request("/api").respond_with_data("panne", status=502)
    httpserver.expect_ordered_request("/api").respond_with_data("panne", status=503)
    httpserver.expect_ordered_request("/api").respond_with_json({"ok": 1})
    with paced(clock) as http:
        assert http.get(httpserver.url_for("/api")).status_code == 200
    assert len(clock.slept) == 2 and 1.5 <= clock.slept[0] <= 2.5 and 3 <= clock.slept[1] <= 5


def test_after_the_last_attempt_a_platform_error_says_what_happened(httpserver, clock, db):
    httpserver.expect_request("/api").respond_with_response(Response("", status=429, headers={"Retry-After": "1"}))
    with paced(clock, max_attempts=3) as http, pytest.raises(PlatformError) as error:
        http.get(httpserver.url_for("/api"))
    assert error.value.code == "RATE_LIMITED" and http.requests == 3
    assert "429" in error.value.message
    httpserver.clear()
    httpserver.expect_request("/api").respond_with_data("", status=500)
    with paced(clock, max_attempts=2) as http, pytest.raises(PlatformError) as error:
        http.get(httpserver.url_for("/api"))
    assert error.value.code == "UNAVAILABLE" and "HTTP 500" in error.value.message


def test_network_errors_are_retried_then_reported(clock, db):
    def refuse(request):
        raise httpx.ConnectError("connexion refusée")

    with (
        paced(clock, max_attempts=3, transport=httpx.MockTransport(refuse)) as http,
        pytest.raises(PlatformError) as error,
    ):
        http.get("https://plateforme.example.org/api")
    assert error.value.code == "UNAVAILABLE" and http.requests == 3 and len(clock.slept) == 2


def test_other_answers_go_back_to_the_adapter(httpserver, clock, db):
    httpserver.expect_request("/api").respond_with_data("non", status=401)
    with paced(clock) as http:
        assert http.get(httpserver.url_for("/api")).status_code == 401
    assert clock.slept == []
