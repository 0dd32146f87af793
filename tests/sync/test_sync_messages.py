"""What a technician reads from ``kiosk sync --once`` when it cannot send: what happened,
that nothing is lost, what to do; and a certificate refused in the TLS handshake counts as
"never sent" (no request byte left), not "outcome unknown"."""

from __future__ import annotations

import datetime as dt
import re
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.services.context import Kiosk
from kiosk.simulator import RunningSimulator
from kiosk.sync.client import ProvincialClient
from kiosk.sync.errors import NotSent
from tests.conftest import run_cli
from tests.sync.conftest import CLIENT_ID, SECRET, connect


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_province_out_of_reach_is_said_with_what_to_do(kiosk: Kiosk) -> None:
    connect(kiosk, f"http://127.0.0.1:{free_port()}/api/kiosk/v1")  # nothing listens there
    assert run_cli("demo", "seed", "--visits", "2").returncode == 0
    result = run_cli("sync", "--once")
    assert result.returncode == 1
    said = result.stderr
    assert "Không kết nối được với hệ thống của tỉnh" in said
    assert "Dữ liệu vẫn an toàn trên máy" in said and "server.url" in said
    assert "mã lỗi: NotSent" in said and "ConnectionError" not in said


def test_a_kiosk_never_set_up_is_told_to_run_setup(kiosk: Kiosk) -> None:
    result = run_cli("sync", "--once")
    assert result.returncode == 1
    assert "chưa được cài đặt" in result.stderr and "kiosk setup" in result.stderr


@pytest.fixture
def self_signed_tls(tmp_path: Path) -> Iterator[int]:
    """A TLS server on loopback whose certificate no CA signed: the handshake fails."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            try:
                with context.wrap_socket(conn, server_side=True) as tls:
                    received.append(tls.recv(4096))
            except (ssl.SSLError, OSError):
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    server.close()
    thread.join(timeout=5)
    assert received == []  # the handshake never completed: no request reached the server


def test_a_refused_certificate_is_never_sent(self_signed_tls: int) -> None:
    client = ProvincialClient(
        f"https://127.0.0.1:{self_signed_tls}/api/kiosk/v1",
        CLIENT_ID,
        lambda: SECRET,
        timeout_s=5,
        connect_timeout_s=2,
    )
    try:
        with pytest.raises(NotSent):
            client.health()
    finally:
        client.close()


def test_once_and_daemon_together_are_refused(kiosk: Kiosk) -> None:
    """Click kept the last flag: ``--once --daemon`` started the daemon, unasked."""
    both = run_cli("sync", "--once", "--daemon")
    assert both.returncode == 2 and "không cả hai" in both.stderr


def test_a_long_queue_shows_how_far_the_sending_has_got(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    connect(kiosk, province.base_url)
    assert run_cli("demo", "seed", "--visits", "250", "--seed", "3").returncode == 0
    result = run_cli("sync", "--once", "--progress")
    assert result.returncode == 0, result.stderr
    said = re.finditer(r"Đang gửi: (\d+)/(\d+) mục", result.stderr)
    counts = [(int(m[1]), int(m[2])) for m in said]
    assert counts and counts[-1] == (250, 250)  # the last count always, whatever the clock
    assert [sent for sent, _ in counts] == sorted(sent for sent, _ in counts)
    assert "Đã gửi 250" in result.stdout


def test_sync_progress_is_left_out_where_no_one_reads_it(
    kiosk: Kiosk, province: RunningSimulator
) -> None:
    connect(kiosk, province.base_url)
    assert run_cli("demo", "seed", "--visits", "3").returncode == 0
    result = run_cli("sync", "--once")  # standard error is a pipe here, not a terminal
    assert result.returncode == 0 and "Đang gửi" not in result.stderr
