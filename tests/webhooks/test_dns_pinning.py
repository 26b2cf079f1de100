"""DNS time-of-check: a webhook's host name is resolved once per connection, every address of
that answer is checked, and the connection goes to a checked address (issue 12: the check
resolved the name, then httpx resolved it again to connect: a rebinding DNS server could answer
a public address to the first and 127.0.0.1 to the second)."""

import datetime
import socket
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django_tenants.utils import schema_context
from pytest_httpserver import HTTPServer
from werkzeug import Response

from plugins.webhooks.addresses import AddressRefused, resolve_checked
from plugins.webhooks.models import Delivery, DeliveryStatus
from plugins.webhooks.pinning import pinned_client

from .conftest import emit_in, work

NAME = "hook.example.test"
PUBLIC = "93.184.216.34"


class Resolver:
    """Stands in for the system resolver (``socket.getaddrinfo``) for ``NAME`` only: gives its
    scripted answers in turn (the last one again once they run out), and counts the lookups."""

    def __init__(self, monkeypatch, *answers):
        self.answers = list(answers)
        self.lookups = 0
        real = socket.getaddrinfo

        def getaddrinfo(host, port, *args, **kwargs):
            if host != NAME:
                return real(host, port, *args, **kwargs)
            self.lookups += 1
            addresses = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
            family = socket.AF_INET
            return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port)) for address in addresses]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def connections(monkeypatch):
    """The addresses TCP connections are opened to; the public address refuses (no network)."""
    opened = []
    real = socket.create_connection

    def create_connection(address, *args, **kwargs):
        opened.append(address[0])
        if address[0] == PUBLIC:
            raise ConnectionRefusedError("pas de réseau dans les tests")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return opened


def test_rebinding_to_loopback_between_check_and_connection_reaches_nothing(
    tenant_a, subscribe, receiver, settings, monkeypatch, connections
):
    port = receiver.httpserver.port
    subscribe(f"http://{NAME}:{port}/hook")
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    resolver = Resolver(monkeypatch, [PUBLIC], ["127.0.0.1"])
    emit_in("alpha", "contribution.published")
    work(tenant_a)
    assert receiver.requests == []
    assert connections == [PUBLIC]  # the checked address, never the second answer
    assert resolver.lookups == 1
    with schema_context("alpha"):
        [delivery] = Delivery.objects.all()
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_error.startswith("Erreur réseau")


def test_a_name_answering_loopback_is_refused_without_connecting(
    tenant_a, subscribe, receiver, settings, monkeypatch, connections
):
    subscribe(f"http://{NAME}:{receiver.httpserver.port}/hook")
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    Resolver(monkeypatch, ["127.0.0.1"])
    emit_in("alpha", "contribution.published")
    work(tenant_a)
    assert receiver.requests == [] and connections == []
    with schema_context("alpha"):
        [delivery] = Delivery.objects.all()
    assert "privées" in delivery.last_error


@pytest.mark.parametrize("answer", [[PUBLIC, "10.0.0.8"], ["::ffff:127.0.0.1"], ["0:0:0:0:0:ffff:a9fe:a9fe"]])
def test_every_address_of_the_answer_is_checked_in_its_canonical_form(monkeypatch, answer):
    Resolver(monkeypatch, answer)
    with pytest.raises(AddressRefused):
        resolve_checked(NAME, 443, allow_private=False)


def _certificate_for(name: str, tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_tls_host_and_sni_stay_the_name_while_the_connection_goes_to_the_checked_address(
    tmp_path, monkeypatch, connections, settings
):
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True  # the receiver is on 127.0.0.1
    cert_path, key_path = _certificate_for(NAME, tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert_path, key_path)
    server_names = []
    server_context.sni_callback = lambda _socket, server_name, _context: server_names.append(server_name)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=server_context)
    hosts = []
    server.expect_request("/hook", method="POST").respond_with_handler(
        lambda request: hosts.append(request.headers["Host"]) or Response("ok")
    )
    server.start()
    try:
        resolver = Resolver(monkeypatch, ["127.0.0.1"])
        client_context = ssl.create_default_context(cafile=str(cert_path))
        with pinned_client(5, verify=client_context) as client:
            response = client.post(f"https://{NAME}:{server.port}/hook", content=b"{}")
    finally:
        server.clear()
        server.stop()
    assert response.status_code == 200
    assert connections == ["127.0.0.1"] and resolver.lookups == 1
    assert hosts == [f"{NAME}:{server.port}"]
    assert server_names == [NAME]  # SNI, and the certificate was verified for the name


def test_through_an_egress_proxy_the_name_is_still_checked_before_each_request(monkeypatch, settings, connections):
    """The proxy resolves and connects (no pinning possible here), so the check runs before."""
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    Resolver(monkeypatch, ["127.0.0.1"])
    with pinned_client(5) as client, pytest.raises(AddressRefused):
        client.post(f"https://{NAME}/hook", content=b"{}")
    assert connections == []
