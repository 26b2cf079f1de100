"""``plugins.webhooks.signing``: what a receiver copies to check a request."""

import time

from plugins.webhooks.signing import compute_signature, signature_header, verify

SECRET = "whsec_un-secret-de-test-suffisamment-long"
BODY = b'{"id":"0b8e","type":"contribution.published"}'


def signed_headers(secrets, body=BODY, ts=None):
    ts = int(time.time()) if ts is None else ts
    return {"X-Imedia-Timestamp": str(ts), "X-Imedia-Signature": signature_header(secrets, ts, body)}


def test_signature_is_hmac_sha256_of_timestamp_dot_body():
    import hashlib
    import hmac

    expected = hmac.new(SECRET.encode(), b"1767225600." + BODY, hashlib.sha256).hexdigest()
    assert compute_signature(SECRET, 1767225600, BODY) == expected
    assert signature_header([SECRET], 1767225600, BODY) == f"t=1767225600,v1={expected}"


def test_a_genuine_request_verifies_whatever_the_header_case():
    headers = signed_headers([SECRET])
    assert verify(SECRET, headers, BODY)
    assert verify(SECRET, {k.lower(): v for k, v in headers.items()}, BODY)
    assert verify(SECRET, headers, BODY.decode())


def test_tampering_a_wrong_secret_or_a_missing_header_fails():
    headers = signed_headers([SECRET])
    assert not verify(SECRET, headers, BODY.replace(b"published", b"withdrawn"))
    assert not verify("whsec_un-autre-secret-tout-aussi-long", headers, BODY)
    assert not verify(SECRET, {}, BODY)
    assert not verify(SECRET, {"X-Imedia-Signature": "v1=abc"}, BODY)
    assert not verify(SECRET, {"X-Imedia-Signature": "t=notanumber,v1=abc"}, BODY)


def test_old_or_future_timestamps_are_refused_beyond_the_tolerance():
    now = 1767225600
    old = signed_headers([SECRET], ts=now - 301)
    assert not verify(SECRET, old, BODY, now=now)
    assert verify(SECRET, old, BODY, tolerance=600, now=now)
    assert not verify(SECRET, signed_headers([SECRET], ts=now + 400), BODY, now=now)


def test_during_a_rotation_either_secret_verifies():
    new = "whsec_le-nouveau-secret-apres-rotation"
    headers = signed_headers([new, SECRET])
    assert headers["X-Imedia-Signature"].count("v1=") == 2
    assert verify(new, headers, BODY) and verify(SECRET, headers, BODY)
    assert not verify("whsec_ni-l-un-ni-l-autre-des-deux", headers, BODY)
