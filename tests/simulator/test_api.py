"""Every contract-v1 endpoint over real HTTP: happy paths and error paths."""

from __future__ import annotations

import email.utils
import gzip
import json
import uuid
from datetime import datetime, timedelta

import requests

from kiosk.simulator import REFUSAL_MARKER, RunningSimulator
from tests.simulator.helpers import (
    CLIENT_ID,
    TIMEOUT,
    Client,
    admin,
    item,
    sha256,
)


def assert_problem(response: requests.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"] and body["title"] and body["detail"]
    return body


# ----------------------------------------------------------------------------- §3 health


def test_health_needs_no_auth_and_tells_the_time(sim: RunningSimulator) -> None:
    response = requests.get(sim.base_url + "/health", timeout=TIMEOUT)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["api_version"] == "1.0"
    moment = datetime.fromisoformat(body["time"])
    assert body["time"].endswith("+07:00")
    date_header = email.utils.parsedate_to_datetime(response.headers["Date"])
    assert abs((moment - date_header).total_seconds()) < 2
    assert abs((moment - datetime.now(moment.tzinfo)).total_seconds()) < 5


def test_clock_skew_shows_in_time_and_date_header(sim: RunningSimulator) -> None:
    assert admin(sim.admin_url, "config", {"clock_skew_s": 3600}).status_code == 200
    response = requests.get(sim.base_url + "/health", timeout=TIMEOUT)
    moment = datetime.fromisoformat(response.json()["time"])
    skew = moment - datetime.now(moment.tzinfo)
    assert timedelta(minutes=59) < skew < timedelta(minutes=61)
    date_header = email.utils.parsedate_to_datetime(response.headers["Date"])
    assert abs((moment - date_header).total_seconds()) < 2


def test_unknown_paths_and_methods(sim: RunningSimulator, client: Client) -> None:
    assert_problem(requests.get(sim.base_url + "/nothing", timeout=TIMEOUT), 404, "not_found")
    assert_problem(requests.get(sim.root_url + "/", timeout=TIMEOUT), 404, "not_found")
    assert client.request("DELETE", "/catalog").status_code == 405
    head = requests.head(sim.base_url + "/health", timeout=TIMEOUT)
    assert head.status_code == 200 and head.content == b""


# ----------------------------------------------------------------------------- §1 token


def test_token_for_registered_client(client: Client) -> None:
    response = client.fetch_token()
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    assert len(body["access_token"]) >= 32
    assert response.headers["Cache-Control"] == "no-store"


def test_wrong_credentials_are_invalid_client(sim: RunningSimulator) -> None:
    for client_id, secret in [(CLIENT_ID, "wrong"), ("KIOSK-00-00000-00", "x"), ("", "")]:
        response = Client(sim.base_url, client_id, secret).fetch_token()
        assert response.status_code == 401
        assert response.json() == {"error": "invalid_client"}


def test_token_request_errors_and_basic_auth(sim: RunningSimulator) -> None:
    url = sim.base_url + "/oauth2/token"
    wrong_grant = requests.post(url, data={"grant_type": "password"}, timeout=TIMEOUT)
    assert wrong_grant.status_code == 400
    assert wrong_grant.json() == {"error": "unsupported_grant_type"}
    basic = requests.post(
        url,
        data={"grant_type": "client_credentials"},
        auth=(CLIENT_ID, "test-secret-09"),
        timeout=TIMEOUT,
    )
    assert basic.status_code == 200


def test_register_client_at_run_time(sim: RunningSimulator) -> None:
    response = admin(sim.admin_url, "clients", {"client_id": "K-NEW", "client_secret": "s"})
    assert response.status_code == 201
    assert Client(sim.base_url, "K-NEW", "s").fetch_token().status_code == 200


# ----------------------------------------------------------------------------- auth


def test_missing_unknown_and_expired_tokens(sim: RunningSimulator, client: Client) -> None:
    url = sim.base_url + "/changes"
    missing = requests.get(url, timeout=TIMEOUT)
    assert_problem(missing, 401, "invalid_token")
    assert missing.headers["WWW-Authenticate"] == "Bearer"
    unknown = requests.get(url, headers={"Authorization": "Bearer nope"}, timeout=TIMEOUT)
    assert_problem(unknown, 401, "invalid_token")
    assert unknown.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert client.request("GET", "/changes").status_code == 200
    assert admin(sim.admin_url, "expire_tokens", {}).json()["expired"] >= 1
    expired = client.request("GET", "/changes")
    assert_problem(expired, 401, "invalid_token")
    assert expired.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_tokens_expire_after_expires_in(sim: RunningSimulator, client: Client) -> None:
    admin(sim.admin_url, "config", {"token_ttl": 0.3})
    token = client.fetch_token().json()
    assert token["expires_in"] == 0
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    url = sim.base_url + "/changes"
    assert requests.get(url, headers=headers, timeout=TIMEOUT).status_code == 200
    import time

    time.sleep(0.4)
    late = requests.get(url, headers=headers, timeout=TIMEOUT)
    assert late.status_code == 401
    assert late.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_disabled_client_gets_403_until_enabled(sim: RunningSimulator, client: Client) -> None:
    assert admin(sim.admin_url, "disable", {"client_id": CLIENT_ID}).status_code == 200
    assert client.fetch_token().status_code == 200  # credentials still valid
    assert_problem(client.batch(item()), 403, "kiosk_disabled")
    assert_problem(client.request("GET", "/changes"), 403, "kiosk_disabled")
    assert requests.get(sim.base_url + "/health", timeout=TIMEOUT).status_code == 200
    assert sim.state.items() == []
    assert admin(sim.admin_url, "enable", {"client_id": CLIENT_ID}).status_code == 200
    assert client.batch(item()).status_code == 200
    assert admin(sim.admin_url, "disable", {"client_id": "nobody"}).status_code == 404


# ----------------------------------------------------------------------------- §4 batch


def test_every_kind_is_accepted(client: Client, sim: RunningSimulator) -> None:
    items = [item(kind) for kind in ("dossier", "payment", "registration", "feedback", "visit")]
    results = client.results(*items)
    assert [r["id"] for r in results] == [i["id"] for i in items]
    assert {r["status"] for r in results} == {"accepted"}
    refs = [r["server_ref"] for r in results]
    assert len(set(refs)) == 5
    for ref in refs:
        prefix, day, number = ref.split("-")
        assert prefix == "KDC" and len(day) == 8 and len(number) == 6
    assert all(r["received_at"].endswith("+07:00") for r in results)
    stored = sim.state.items()
    assert [(s["id"], s["kind"], s["payload"]) for s in stored] == [
        (i["id"], i["kind"], i["payload"]) for i in items
    ]
    assert [s["server_ref"] for s in stored] == refs


def test_same_id_same_content_is_duplicate_with_original_ref(
    client: Client, sim: RunningSimulator
) -> None:
    first = item("dossier")
    accepted = client.results(first)[0]
    reordered = {**first, "payload": dict(reversed(list(first["payload"].items())))}
    reordered["created_at"] = "2026-11-22T09:00:00+07:00"  # not part of the content
    for again in (first, reordered):
        duplicate = client.results(again)[0]
        assert duplicate == {
            "id": first["id"],
            "status": "duplicate",
            "server_ref": accepted["server_ref"],
            "received_at": accepted["received_at"],
        }
    assert len(sim.state.items()) == 1
    assert sim.state.counter("items.duplicate") == 2
    log = [entry["status"] for entry in sim.state.submission_log(first["id"])]
    assert log == ["accepted", "duplicate", "duplicate"]


def test_same_id_different_content_is_conflict(client: Client, sim: RunningSimulator) -> None:
    first = item("payment")
    accepted = client.results(first)[0]
    changed = {**first, "payload": {**first["payload"], "SoTien": 20000}}
    conflict = client.results(changed)[0]
    assert conflict["status"] == "conflict"
    assert conflict["server_ref"] == accepted["server_ref"]
    other_kind = {**first, "kind": "visit", "payload": item("visit")["payload"]}
    assert client.results(other_kind)[0]["status"] == "conflict"
    assert sim.state.item(first["id"])["payload"]["SoTien"] == 10000  # type: ignore[index]


def test_same_id_twice_in_one_batch(client: Client) -> None:
    first = item()
    statuses = [r["status"] for r in client.results(first, first)]
    assert statuses == ["accepted", "duplicate"]


def test_rejected_items_do_not_block_others(client: Client, sim: RunningSimulator) -> None:
    bad_id = item("dossier", MaDoiTuong="12345")
    refused = item("dossier", TrichYeuHoSo=f"Hồ sơ thử {REFUSAL_MARKER}")
    good = item("visit")
    results = client.results(bad_id, refused, good)
    assert [r["status"] for r in results] == ["rejected", "rejected", "accepted"]
    assert results[0]["errors"] == [
        {
            "field": "payload.MaDoiTuong",
            "code": "invalid_format",
            "message": "Số định danh cá nhân phải gồm 12 chữ số",
        }
    ]
    assert results[1]["errors"][0]["code"] == "province_refused"
    assert "server_ref" not in results[0]
    assert [s["id"] for s in sim.state.items()] == [good["id"]]
    assert client.results(bad_id)[0]["status"] == "rejected"  # the same answer every time
    assert client.submission(bad_id["id"]).status_code == 404


def test_depends_on_waits_for_the_dossier(client: Client, sim: RunningSimulator) -> None:
    dossier = item("dossier")
    payment = item("payment", depends_on=dossier["id"], dossier_id=dossier["id"])
    early = client.results(payment)[0]
    assert early == {
        "id": payment["id"],
        "status": "retry_later",
        "detail": "depends_on not yet accepted",
    }
    assert client.results(dossier)[0]["status"] == "accepted"
    assert client.results(payment)[0]["status"] == "accepted"
    # in one batch, a dependency earlier in the batch counts; a later one does not
    d2 = item("dossier")
    p2 = item("payment", depends_on=d2["id"])
    assert [r["status"] for r in client.results(d2, p2)] == ["accepted", "accepted"]
    d3 = item("dossier")
    p3 = item("payment", depends_on=d3["id"])
    assert [r["status"] for r in client.results(p3, d3)] == ["retry_later", "accepted"]
    assert sim.state.counter("items.retry_later") == 2


def test_dossier_waits_for_its_attachments(client: Client) -> None:
    data = b"%PDF-1.4 giay khai sinh"
    digest = sha256(data)
    paper = {
        "TenTepDinhKem": "to-khai.pdf",
        "MaThanhPhanHoSo": "TP-1",
        "sha256": digest,
        "size": len(data),
        "mime": "application/pdf",
    }
    dossier = item("dossier", TaiLieuNop=[paper])
    result = client.results(dossier)[0]
    assert result["status"] == "retry_later" and digest in result["detail"]
    assert client.put_attachment(data).status_code == 201
    assert client.results(dossier)[0]["status"] == "accepted"


def test_malformed_batches_are_400(client: Client, sim: RunningSimulator) -> None:
    headers = {"Content-Type": "application/json"}
    for body in (b"not json", b"\xff\xfe", b'{"items": [NaN]}', b"[]", b'{"items": []}'):
        response = client.request("POST", "/submissions:batch", data=body, headers=headers)
        assert_problem(response, 400, "bad_request")
    broken = [item(), {**item(), "id": "123"}]
    detail = assert_problem(client.batch(*broken), 400, "bad_request")["detail"]
    assert "items[1]" in str(detail)
    assert sim.state.items() == []  # a bad batch stores nothing, not even its good items


def test_too_many_items_or_bytes_is_413(client: Client, sim: RunningSimulator) -> None:
    assert_problem(client.batch(*[item() for _ in range(101)]), 413, "too_large")
    big = item("feedback", NoiDung="x" * (2 * 1024 * 1024))
    assert_problem(client.batch(big), 413, "too_large")
    assert client.batch(*[item() for _ in range(100)]).status_code == 200  # connection fine
    assert len(sim.state.items()) == 100


# ----------------------------------------------------------------------------- §5


def test_submission_lookup(client: Client) -> None:
    stored = item("registration")
    accepted = client.results(stored)[0]
    response = client.submission(stored["id"])
    assert response.status_code == 200
    assert response.json() == {
        "id": stored["id"],
        "status": "accepted",
        "server_ref": accepted["server_ref"],
        "received_at": accepted["received_at"],
        "kind": "registration",
    }
    assert client.submission(stored["id"].upper()).json()["server_ref"] == accepted["server_ref"]
    assert_problem(client.submission(str(uuid.uuid4())), 404, "not_found")
    assert_problem(client.submission("not-a-uuid"), 400, "bad_request")


# ----------------------------------------------------------------------------- §7


def test_attachments_put_head_and_errors(client: Client, sim: RunningSimulator) -> None:
    data = b"\x89PNG fake image bytes"
    digest = sha256(data)
    assert client.request("HEAD", f"/attachments/{digest}").status_code == 404
    assert client.put_attachment(data).status_code == 201
    assert client.put_attachment(data).status_code == 200  # idempotent
    assert client.request("HEAD", f"/attachments/{digest}").status_code == 200
    assert sim.state.attachment_path(digest).read_bytes() == data
    assert sim.state.attachments()[0]["mime"] == "application/pdf"
    mismatch = client.put_attachment(b"other bytes", digest=sha256(b"something else"))
    assert_problem(mismatch, 400, "hash_mismatch")
    assert_problem(client.put_attachment(data, digest="ABC"), 400, "bad_request")
    assert_problem(client.put_attachment(data, digest=digest.upper()), 400, "bad_request")
    huge = b"\0" * (10 * 1024 * 1024 + 1)
    assert_problem(client.put_attachment(huge), 413, "too_large")
    assert client.request("HEAD", f"/attachments/{digest}").status_code == 200  # still usable
    exactly = b"\1" * (10 * 1024 * 1024)
    assert client.put_attachment(exactly).status_code == 201


def test_attachment_streamed_with_chunked_encoding(client: Client) -> None:
    data = b"chunk-" * 50_000

    def pieces() -> object:
        for start in range(0, len(data), 65536):
            yield data[start : start + 65536]

    response = client.request("PUT", f"/attachments/{sha256(data)}", data=pieces())
    assert response.status_code == 201
    assert client.request("HEAD", f"/attachments/{sha256(data)}").status_code == 200


# ----------------------------------------------------------------------------- §8 changes


def test_changes_feed_pages_with_an_opaque_cursor(
    sim: RunningSimulator, client: Client, other: Client
) -> None:
    empty = client.changes()
    assert empty["changes"] == [] and empty["has_more"] is False and empty["next"]
    mine = item("dossier")
    theirs = item("dossier")
    client.results(mine)
    other.results(theirs)
    for status in (1, 2, 4):
        body = {"id": mine["id"], "TrangThaiHoSo": status}
        if status == 2:
            body["NgayHenTra"] = "20261127170000"
        assert admin(sim.admin_url, "dossier_status", body).status_code == 200
    admin(sim.admin_url, "dossier_status", {"id": theirs["id"], "TrangThaiHoSo": 3})
    notice = admin(
        sim.admin_url,
        "notices",
        {
            "level": "emergency",
            "title": "Cảnh báo lũ",
            "body": "Nước lên nhanh.",
            "MaXa": ["22366"],
        },
    ).json()
    admin(sim.admin_url, "notices/withdraw", {"notice_id": notice["notice_id"]})
    admin(sim.admin_url, "changes", {"type": "kiosk_message", "data": {"text": "xin chào"}})

    first = client.changes(limit=2)
    assert first["has_more"] is True and len(first["changes"]) == 2
    rest = client.changes(first["next"], limit=500)
    assert rest["has_more"] is False
    feed = first["changes"] + rest["changes"]
    assert [c["type"] for c in feed] == [
        "dossier_status",
        "dossier_status",
        "dossier_status",
        "notice",
        "notice_withdrawn",
        "kiosk_message",
    ]
    seqs = [c["seq"] for c in feed]
    assert seqs == sorted(seqs) and all(s.startswith("c-") for s in seqs)
    statuses = [c["data"] for c in feed[:3]]
    assert [s["TrangThaiHoSo"] for s in statuses] == [1, 2, 4]
    assert {s["id"] for s in statuses} == {mine["id"]}  # the other kiosk's dossier is not mine
    assert len({s["MaHoSo"] for s in statuses}) == 1  # assigned once, then kept
    assert statuses[0]["MaHoSo"].startswith("000.00.12.H32-")
    assert statuses[2]["NgayHenTra"] == "20261127170000"
    assert feed[3]["data"]["level"] == "emergency" and feed[3]["data"]["MaXa"] == ["22366"]
    assert feed[4]["data"] == {"notice_id": notice["notice_id"]}
    # the end cursor gives nothing new; the same cursor can be read again (at least once)
    assert client.changes(rest["next"])["changes"] == []
    assert client.changes(first["next"], limit=500)["changes"] == rest["changes"]
    their_feed = other.all_changes()
    assert [c["data"].get("TrangThaiHoSo") for c in their_feed][:1] == [3]


def test_changes_parameter_errors(client: Client) -> None:
    assert_problem(client.request("GET", "/changes?since=garbage!"), 400, "bad_request")
    assert_problem(client.request("GET", "/changes?since=eHl6"), 400, "bad_request")
    assert_problem(client.request("GET", "/changes?limit=0"), 400, "bad_request")
    assert_problem(client.request("GET", "/changes?limit=501"), 400, "bad_request")
    assert_problem(client.request("GET", "/changes?limit=ten"), 400, "bad_request")
    assert client.request("GET", "/changes?limit=500").status_code == 200


def test_dossier_status_admin_errors(sim: RunningSimulator, client: Client) -> None:
    visit = item("visit")
    client.results(visit)
    assert (
        admin(sim.admin_url, "dossier_status", {"id": visit["id"], "TrangThaiHoSo": 2}).status_code
        == 404
    )
    dossier = item("dossier")
    client.results(dossier)
    assert (
        admin(
            sim.admin_url, "dossier_status", {"id": dossier["id"], "TrangThaiHoSo": 11}
        ).status_code
        == 400
    )
    assert (
        admin(sim.admin_url, "notices", {"level": "panic", "title": "x", "body": "y"}).status_code
        == 400
    )
    assert admin(sim.admin_url, "notices/withdraw", {"notice_id": "TB-0"}).status_code == 404


# ----------------------------------------------------------------------------- §9 catalog


def test_catalog_gzip_etag_and_304(client: Client) -> None:
    response = client.request("GET", "/catalog")  # requests asks for gzip by default
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert int(response.headers["Content-Length"]) < len(response.content) / 4
    body = response.json()
    assert body["version"] == "2026-07-tthc-1" and set(body) == {"version", "procedures"}
    assert len(body["procedures"]) == 2849
    assert {"MaTTHC", "TenTTHC"} <= set(body["procedures"][0])
    etag = response.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    same = client.request("GET", "/catalog", headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b"" and same.headers["ETag"] == etag
    weak = client.request("GET", "/catalog", headers={"If-None-Match": f'"x", W/{etag}'})
    assert weak.status_code == 304
    stale = client.request("GET", "/catalog", headers={"If-None-Match": '"old"'})
    assert stale.status_code == 200


def test_catalog_without_gzip(sim: RunningSimulator, client: Client) -> None:
    raw = requests.get(
        sim.base_url + "/catalog",
        headers={**client.headers(), "Accept-Encoding": "identity"},
        timeout=TIMEOUT,
        stream=True,
    )
    assert "Content-Encoding" not in raw.headers
    data = raw.raw.read()
    assert json.loads(data)["version"] == "2026-07-tthc-1"
    gz = requests.get(
        sim.base_url + "/catalog",
        headers={**client.headers(), "Accept-Encoding": "gzip"},
        timeout=TIMEOUT,
        stream=True,
    )
    assert gzip.decompress(gz.raw.read()) == data
    refused = requests.get(
        sim.base_url + "/catalog",
        headers={**client.headers(), "Accept-Encoding": "gzip;q=0"},
        timeout=TIMEOUT,
        stream=True,
    )
    assert "Content-Encoding" not in refused.headers


def test_catalog_can_be_replaced(sim: RunningSimulator, client: Client) -> None:
    old_etag = client.request("GET", "/catalog").headers["ETag"]
    document = {
        "version": "2026-11-20",
        "procedures": [
            {"MaTTHC": "1.001193", "TenTTHC": "Đăng ký khai sinh", "NgungApDung": False},
            {"MaTTHC": "1.000001", "TenTTHC": "Thủ tục đã bãi bỏ", "NgungApDung": True},
        ],
    }
    replaced = admin(sim.admin_url, "catalog", document)
    assert replaced.status_code == 200 and replaced.json()["count"] == 2
    changed = client.request("GET", "/catalog", headers={"If-None-Match": old_etag})
    assert changed.status_code == 200 and changed.json() == document
    assert changed.headers["ETag"] == replaced.json()["etag"] != old_etag
    assert admin(sim.admin_url, "catalog", {"version": "x", "procedures": [{}]}).status_code == 400


# ----------------------------------------------------------------------------- admin


def test_admin_stats_and_items(sim: RunningSimulator, client: Client) -> None:
    client.results(item())
    stats = admin(sim.admin_url, "stats").json()
    assert stats["items"] == 1 and stats["faults"] == "none"
    assert stats["counters"]["requests.batch"] == 1
    assert stats["counters"]["status.200"] >= 2  # token + batch
    assert {c["client_id"] for c in stats["clients"]} >= {CLIENT_ID}
    assert len(admin(sim.admin_url, "items").json()["items"]) == 1
    assert admin(sim.admin_url, "nothing").status_code == 404
    assert admin(sim.admin_url, "clients", {"client_id": ""}).status_code == 400
    bad = requests.post(sim.admin_url + "/faults", data=b"[1]", timeout=TIMEOUT)
    assert bad.status_code == 400
