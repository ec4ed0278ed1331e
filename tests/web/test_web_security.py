"""Request hygiene and sign-in: allowed hosts, body limits, security headers, CSRF tokens,
session cookies, sign-in throttling and the private mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from web_fixtures import (
    ADMIN,
    BASE_URL,
    EVENT,
    PASSWORD,
    REVIEWER,
    TestClient,
    WebData,
    csrf_of,
    sign_in,
)

from quidproquo.auth import accounts
from quidproquo.store import Store
from quidproquo.web import create_app
from quidproquo.web.app import SESSION_COOKIE
from quidproquo.web.security import CSP, WebSettings, host_name

ACCEPT = {"object_type": "event", "object_id": EVENT, "action": "accept"}


def _log(client: TestClient) -> list[dict[str, object]]:
    return client.get("/review/log.json").json()["entries"]


@pytest.mark.parametrize("path", ["/", "/.json", "/review", "/static/app.js", "/nowhere"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP and "unsafe-inline" not in CSP
    assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in headers  # only over HTTPS


def test_pages_carry_no_inline_script_or_style(client: TestClient, web: WebData) -> None:
    sign_in(client)
    for path in ("/", "/ledger", f"/documents/{web.document_id}", "/review", "/review/log"):
        html = client.get(path).text.lower()
        assert "<style" not in html and " style=" not in html, path
        assert "<script>" not in html and " onclick=" not in html and " onload=" not in html, path


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8001", "127.0.0.2", ""])
def test_unknown_hosts_are_refused(client: TestClient, host: str) -> None:
    response = client.get("/.json", headers={"host": host})
    assert response.status_code == 400 and "is not allowed" in response.json()["error"]
    assert response.headers["x-frame-options"] == "DENY"


def test_allowed_hosts_are_configurable(web: WebData) -> None:
    settings = WebSettings.for_bind("0.0.0.0", ["Ledger.Example.org"])
    assert "0.0.0.0" not in settings.allowed_hosts
    app = create_app(str(web.db), settings=settings)
    assert TestClient(app, base_url="http://ledger.example.org:8443").get("/").status_code == 200
    assert TestClient(app, base_url="http://[::1]:8001").get("/").status_code == 200
    assert TestClient(app, base_url="http://10.0.0.5:8001").get("/").status_code == 400
    assert host_name("[::1]:80") == "::1" and host_name("EXAMPLE.org:1") == "example.org"


def test_oversized_bodies_are_refused(client: TestClient, web: WebData) -> None:
    auth = {"authorization": f"Bearer {web.token}"}
    big = ACCEPT | {"note": "x" * 70_000}
    declared = client.post("/review.json", json=big, headers=auth)
    assert declared.status_code == 413 and "over 65536 bytes" in declared.json()["error"]

    def chunks() -> Iterator[bytes]:
        yield b'{"object_type": "event", "note": "'
        for _ in range(80):
            yield b"y" * 1000
        yield b'"}'

    streamed = client.post(
        "/review.json", content=chunks(), headers=auth | {"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert _log(client) == []


def test_forms_need_this_sessions_csrf_token(client: TestClient, web: WebData) -> None:
    other = TestClient(create_app(str(web.db)), base_url=BASE_URL)
    others_token = sign_in(other, ADMIN)
    csrf = sign_in(client)
    assert csrf != others_token
    for token in (None, "", "0" * 64, others_token):
        form = ACCEPT | ({"csrf_token": token} if token is not None else {})
        refused = client.post("/review", data=form)  # no Origin header, as some clients send
        assert refused.status_code == 403 and "CSRF token" in refused.text
    header = client.post("/review.json", json=ACCEPT, headers={"x-csrf-token": csrf})
    assert header.status_code == 200  # a script on the page sends it as a header
    assert [e["reviewer"] for e in _log(client)] == [REVIEWER]


def test_sign_in_form_needs_its_csrf_token(client: TestClient) -> None:
    client.get("/signin")
    form = {"name": REVIEWER, "password": PASSWORD}
    assert client.post("/signin", data=form).status_code == 403
    assert SESSION_COOKIE not in client.cookies


def test_session_cookie_flags_and_sign_out(web: WebData) -> None:
    client = TestClient(create_app(str(web.db)), base_url="https://localhost")
    page = client.get("/signin")
    form = {"name": REVIEWER, "password": PASSWORD, "csrf_token": csrf_of(page.text),
            "next": "/ledger"}  # fmt: skip
    response = client.post("/signin", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/ledger"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    for flag in ("HttpOnly", "Secure", "SameSite=lax", "Path=/"):
        assert flag in cookie
    assert "strict-transport-security" in response.headers
    session = client.cookies[SESSION_COOKIE]
    assert accounts.session_account(Store(str(web.db)), session) is not None
    csrf = csrf_of(client.get("/review").text)
    client.post("/signout", data={"csrf_token": csrf})
    assert accounts.session_account(Store(str(web.db)), session) is None
    client.cookies.set(SESSION_COOKIE, session)  # a copied cookie is dead after sign-out
    assert client.post("/review.json", json=ACCEPT | {"csrf_token": csrf}).status_code == 401


def test_each_sign_in_ends_the_previous_session(client: TestClient, web: WebData) -> None:
    sign_in(client)
    first = client.cookies[SESSION_COOKIE]
    sign_in(client, ADMIN)
    store = Store(str(web.db))
    assert accounts.session_account(store, first) is None
    assert store.query("SELECT COUNT(*) AS n FROM sessions")[0]["n"] == 1


def test_after_sign_in_only_local_paths(client: TestClient) -> None:
    cases = [
        ("//evil.example/x", "/review"),
        ("https://evil.example", "/review"),
        ("/\\\\evil.example", "/review"),
        ("/ledger?window=7", "/ledger?window=7"),
    ]
    for target, expected in cases:
        client.cookies.clear()
        form = {"name": REVIEWER, "password": PASSWORD, "next": target,
                "csrf_token": csrf_of(client.get("/signin").text)}  # fmt: skip
        response = client.post("/signin", data=form, follow_redirects=False)
        assert response.headers["location"] == expected, target


def test_wrong_passwords_are_throttled_per_account(client: TestClient) -> None:
    csrf = csrf_of(client.get("/signin").text)
    for _ in range(5):
        wrong = {"name": REVIEWER, "password": "not it at all", "csrf_token": csrf}
        response = client.post("/signin", data=wrong)
        assert response.status_code == 401 and "wrong name or password" in response.text
    right = {"name": REVIEWER, "password": PASSWORD, "csrf_token": csrf}
    limited = client.post("/signin", data=right, follow_redirects=False)
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert SESSION_COOKIE not in client.cookies
    other = {"name": ADMIN, "password": PASSWORD, "csrf_token": csrf}
    assert client.post("/signin", data=other, follow_redirects=False).status_code == 303


def test_wrong_passwords_are_throttled_per_address(client: TestClient) -> None:
    csrf = csrf_of(client.get("/signin").text)
    for i in range(20):  # spread over names, so that no account limit is reached
        form = {"name": f"guess{i % 5}", "password": "nope nope nope", "csrf_token": csrf}
        assert client.post("/signin", data=form).status_code == 401
    form = {"name": ADMIN, "password": PASSWORD, "csrf_token": csrf}
    assert client.post("/signin", data=form, follow_redirects=False).status_code == 429


def test_private_mode_needs_an_account_to_read(web: WebData) -> None:
    client = TestClient(
        create_app(str(web.db), settings=WebSettings(private=True)), base_url=BASE_URL
    )
    page = client.get("/ledger", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/signin?next=/ledger"
    query = client.get("/ledger?window=7&accepted_only=1", follow_redirects=False)
    assert query.headers["location"] == "/signin?next=/ledger%3Fwindow%3D7%26accepted_only%3D1"
    assert client.get("/.json").status_code == 401
    assert client.get("/people.csv", follow_redirects=False).status_code == 303
    for public in ("/signin", "/static/style.css", "/openapi.json"):
        assert client.get(public).status_code == 200, public
    token = {"authorization": f"Bearer {web.token}"}
    assert client.get("/.json", headers=token).status_code == 200
    sign_in(client)
    assert client.get("/ledger").status_code == 200


def test_a_removed_account_can_no_longer_write(client: TestClient, web: WebData) -> None:
    csrf = sign_in(client)
    accounts.remove_user(Store(str(web.db)), REVIEWER)
    response = client.post("/review", data=ACCEPT | {"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/signin")
    token = {"authorization": f"Bearer {web.token}"}
    assert client.post("/review.json", json=ACCEPT, headers=token).status_code == 401
    assert _log(client) == []
