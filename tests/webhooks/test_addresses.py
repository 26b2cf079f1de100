"""Every spelling of a private address is refused, the same way when a subscription is saved
(through the API) and before each delivery: legacy IPv4 forms (hexadecimal, one number, short,
octal), trailing dots, local host names, IPv4-mapped and IPv4-compatible IPv6."""

import pytest
from django_tenants.utils import schema_context

from plugins.webhooks.addresses import AddressRefused, check_url
from plugins.webhooks.models import Delivery, DeliveryStatus, Subscription

from .conftest import emit_in, work
from .test_api import admin_token, create  # noqa: F401  (fixture)

DISGUISED = [
    "http://0x7f000001/hook",
    "http://2130706433/hook",
    "http://127.1/hook",
    "http://0177.0.0.1/hook",
    "http://0x7f.0.0.1/hook",
    "http://127.0.0.1./hook",
    "http://localhost./hook",
    "http://LOCALHOST/hook",
    "http://ip6-localhost/hook",
    "http://ip6-loopback/hook",
    "http://api.localhost./hook",
    "http://[::127.0.0.1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:7f00:1]/hook",
    "http://[::ffff:169.254.169.254]/hook",
    "http://[2002:7f00:1::]/hook",
    "http://[64:ff9b::a9fe:a9fe]/hook",
    "http://0/hook",
    "http://0.0.0.0/hook",
    "http://[::]/hook",
    "http://169.254.169.254./hook",
    "http://0251.0376.0251.0376/hook",
    "http://10.1/hook",
]


@pytest.mark.parametrize("url", DISGUISED)
def test_disguised_private_addresses_are_refused_at_save_time(api, tenant_a, admin_token, settings, url):  # noqa: F811
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    result = create(api, tenant_a, admin_token, url=url)
    assert result["errors"] and result["errors"][0]["code"] == "URL_NOT_ALLOWED", url
    assert result["errors"][0]["message"].startswith("Les adresses privées")
    with schema_context("alpha"):
        assert not Subscription.objects.exists()


@pytest.mark.parametrize("url", DISGUISED)
def test_disguised_private_addresses_are_refused_before_each_delivery(tenant_a, subscribe, settings, url):
    subscribe(url)  # made while allowed (as in development)
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    emit_in("alpha", "contribution.published")
    work(tenant_a)
    with schema_context("alpha"):
        [delivery] = Delivery.objects.all()
    assert delivery.status == DeliveryStatus.PENDING and "privées" in delivery.last_error, delivery.last_error
    assert delivery.last_status_code is None


@pytest.mark.parametrize("url", DISGUISED)
@pytest.mark.parametrize("resolve", [False, True])
def test_one_check_for_both_moments(url, resolve):
    with pytest.raises(AddressRefused):
        check_url(url, resolve=resolve, allow_private=False)


@pytest.mark.parametrize(
    "url",
    ["https://93.184.216.34/hook", "https://[2606:2800:220:1:248:1893:25c8:1946]/hook", "https://1.1/hook"],
)
def test_public_literal_addresses_are_still_accepted(url):
    check_url(url, resolve=True, allow_private=False)
