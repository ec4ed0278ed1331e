"""The review queue: accept / reject / correct through forms (signed in) and JSON (a token),
and the audit log that records the account."""

from __future__ import annotations

from web_fixtures import ADMIN, EVENT, INCIDENT, QUOTE_ID, REVIEWER, TestClient, WebData, sign_in

ACCEPT_EVENT = {"object_type": "event", "object_id": EVENT, "action": "accept"}


def _queue_ids(client: TestClient) -> set[str]:
    return {item["id"] for item in client.get("/review.json").json()["items"]}


def _bearer(web: WebData) -> dict[str, str]:
    return {"authorization": f"Bearer {web.token}"}


def test_queue_lists_candidates_with_forms(client: TestClient) -> None:
    data = client.get("/review.json").json()
    kinds = {(i["object_type"], i["id"]) for i in data["items"]}
    assert {("incident", INCIDENT), ("event", EVENT), ("quote", QUOTE_ID)} <= kinds
    event = next(i for i in data["items"] if i["id"] == EVENT)
    assert event["row"]["count"] == 9  # the stored row travels with the queue item
    anonymous = client.get("/review")
    assert f'id="item-{EVENT}"' in anonymous.text and 'id="signin-needed"' in anonymous.text
    assert 'name="action"' not in anonymous.text  # no forms until signed in
    sign_in(client)
    page = client.get("/review")
    assert 'name="action" value="accept"' in page.text and 'name="field"' in page.text
    assert page.text.count('name="csrf_token"') >= 3 * len(data["items"])
    only_quotes = client.get("/review.json", params={"object_type": "quote"}).json()["items"]
    assert {i["object_type"] for i in only_quotes} == {"quote"}
    bad = client.get("/review.json", params={"object_type": "memo"})
    assert bad.status_code == 400 and "object_type must be one of" in bad.json()["error"]


def test_accept_form_records_the_account_not_a_typed_name(client: TestClient) -> None:
    csrf = sign_in(client)
    form = {"object_type": "event", "object_id": EVENT, "action": "accept",
            "reviewer": "Somebody Else", "csrf_token": csrf}  # fmt: skip
    response = client.post("/review", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/review?done=accept")
    assert EVENT not in _queue_ids(client)
    assert f"Reviewing as <b>{REVIEWER}</b>" in client.get("/review").text
    log = client.get("/review/log.json").json()
    assert log["chain_problems"] == [] and log["head"].startswith("1:")
    latest = log["entries"][0]
    assert (latest["reviewer"], latest["object_id"], latest["action"]) == (
        REVIEWER,
        EVENT,
        "accept",
    )
    assert latest["after"]["status"] == "accepted"
    html = client.get("/review/log").text
    assert EVENT in html and REVIEWER in html and 'id="chain-ok"' in html
    assert "Somebody Else" not in html


def test_writes_without_an_account_are_refused(client: TestClient) -> None:
    form = {"object_type": "event", "object_id": EVENT, "action": "accept", "reviewer": "Olga"}
    page = client.post("/review", data=form, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/signin?next=/review"
    api = client.post("/review.json", json=form)
    assert api.status_code == 401 and api.headers["www-authenticate"] == "Bearer"
    assert "sign in" in api.json()["error"]
    bad_token = client.post("/review.json", json=form, headers={"authorization": "Bearer qpq_x"})
    assert bad_token.status_code == 401
    assert EVENT in _queue_ids(client)
    assert client.get("/review/log.json").json()["entries"] == []


def test_json_reject_and_correct_with_a_token(client: TestClient, web: WebData) -> None:
    decision = {"object_type": "quote", "object_id": QUOTE_ID, "action": "reject"}
    rejected = client.post("/review.json", json=decision, headers=_bearer(web))
    assert rejected.status_code == 200 and rejected.json()["after"]["status"] == "rejected"
    corrected = client.post(
        "/review.json",
        data={"object_type": "event", "object_id": EVENT, "action": "correct", "field": "count",
              "value": "7", "note": "the statement says seven"},
        headers=_bearer(web),
    )  # fmt: skip
    after = corrected.json()["after"]
    assert corrected.status_code == 200 and (after["count"], after["status"]) == (7, "corrected")
    entries = client.get("/review/log.json", params={"object_id": EVENT}).json()["entries"]
    assert [(e["action"], e["reviewer"]) for e in entries] == [("correct", REVIEWER)]
    assert entries[0]["note"] == "the statement says seven" and entries[0]["before"]["count"] == 9


def test_review_errors(client: TestClient, web: WebData) -> None:
    base = {"object_type": "event", "object_id": EVENT}
    auth = _bearer(web)
    missing = client.post(
        "/review.json", data=base | {"object_id": "nope", "action": "accept"}, headers=auth
    )
    assert missing.status_code == 404 and missing.json() == {"error": "event 'nope' not found"}
    unknown = client.post("/review.json", data=base | {"action": "approve"}, headers=auth)
    assert unknown.status_code == 400 and "action must be" in unknown.json()["error"]
    wrong_field = client.post(
        "/review.json",
        data=base | {"action": "correct", "field": "evidence", "value": "x"},
        headers=auth,
    )
    assert wrong_field.status_code == 400
    assert "cannot correct evidence" in wrong_field.json()["error"]
    not_int = client.post(
        "/review.json",
        data=base | {"action": "correct", "field": "count", "value": "many"},
        headers=auth,
    )
    assert not_int.status_code == 400 and "count: must be a whole number" in not_int.json()["error"]
    csrf = sign_in(client)
    foreign = client.post(
        "/review",
        data=base | {"action": "accept", "csrf_token": csrf},
        headers={"origin": "https://evil.example"},
    )
    assert foreign.status_code == 403
    upload = client.post("/review.json", files={"f": ("a.txt", b"x")}, data=base, headers=auth)
    assert upload.status_code == 400 and "urlencoded form or JSON" in upload.json()["error"]
    assert EVENT in _queue_ids(client)
    assert client.get("/review/log.json").json()["entries"] == []


def test_log_limit_is_checked(client: TestClient) -> None:
    assert client.get("/review/log.json", params={"limit": "0"}).status_code == 400


def test_only_an_admin_changes_another_reviewers_decision(client: TestClient, web: WebData) -> None:
    reviewer = _bearer(web)
    assert client.post("/review.json", json=ACCEPT_EVENT, headers=reviewer).status_code == 200
    again = ACCEPT_EVENT | {"action": "reject", "note": "my own second look"}
    assert client.post("/review.json", json=again, headers=reviewer).status_code == 200
    csrf = sign_in(client, ADMIN)
    overrule = ACCEPT_EVENT | {"note": "the statement is confirmed", "csrf_token": csrf}
    assert client.post("/review", data=overrule, follow_redirects=False).status_code == 303
    refused = client.post("/review.json", json=again, headers=reviewer)
    assert refused.status_code == 403
    assert refused.json()["error"] == (
        f"{ADMIN} decided this; only an admin may change another's decision"
    )
    log = client.get("/review/log.json", params={"object_id": EVENT}).json()["entries"]
    assert [(e["reviewer"], e["action"]) for e in log] == [
        (ADMIN, "accept"),
        (REVIEWER, "reject"),
        (REVIEWER, "accept"),
    ]
