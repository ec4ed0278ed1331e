"""The review queue: accept / reject / correct through forms and JSON, and the audit log."""

from __future__ import annotations

from web_fixtures import EVENT, INCIDENT, QUOTE_ID, TestClient

from quidproquo.web.app import REVIEWER_COOKIE


def _queue_ids(client: TestClient) -> set[str]:
    return {item["id"] for item in client.get("/review.json").json()["items"]}


def test_queue_lists_candidates_with_forms(client: TestClient) -> None:
    data = client.get("/review.json").json()
    kinds = {(i["object_type"], i["id"]) for i in data["items"]}
    assert {("incident", INCIDENT), ("event", EVENT), ("quote", QUOTE_ID)} <= kinds
    event = next(i for i in data["items"] if i["id"] == EVENT)
    assert event["row"]["count"] == 9  # the stored row travels with the queue item
    page = client.get("/review")
    assert f'id="item-{EVENT}"' in page.text
    assert 'name="action" value="accept"' in page.text and 'name="field"' in page.text
    only_quotes = client.get("/review.json", params={"object_type": "quote"}).json()["items"]
    assert {i["object_type"] for i in only_quotes} == {"quote"}
    bad = client.get("/review.json", params={"object_type": "memo"})
    assert bad.status_code == 400 and "object_type must be one of" in bad.json()["error"]


def test_accept_form_records_decision_and_remembers_reviewer(client: TestClient) -> None:
    form = {"object_type": "event", "object_id": EVENT, "action": "accept", "reviewer": "Olga"}
    response = client.post("/review", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/review?done=accept")
    assert response.cookies.get(REVIEWER_COOKIE) == "Olga"
    assert EVENT not in _queue_ids(client)
    page = client.get("/review")  # the client sends the cookie back
    assert 'id="reviewer-name" value="Olga"' in page.text
    log = client.get("/review/log.json").json()
    assert log["chain_problems"] == []
    latest = log["entries"][0]
    assert (latest["reviewer"], latest["object_id"], latest["action"]) == ("Olga", EVENT, "accept")
    assert latest["after"]["status"] == "accepted"
    html = client.get("/review/log").text
    assert EVENT in html and "Olga" in html and 'id="chain-ok"' in html


def test_reviewer_name_is_required(client: TestClient) -> None:
    form = {"object_type": "event", "object_id": EVENT, "action": "accept", "reviewer": " "}
    response = client.post("/review", data=form)
    assert response.status_code == 400 and "reviewer name is required" in response.text
    assert EVENT in _queue_ids(client)
    assert client.get("/review/log.json").json()["entries"] == []


def test_json_reject_and_correct(client: TestClient) -> None:
    decision = {"object_type": "quote", "object_id": QUOTE_ID, "action": "reject"}
    rejected = client.post("/review.json", json=decision | {"reviewer": "Ihar"})
    assert rejected.status_code == 200 and rejected.json()["after"]["status"] == "rejected"
    corrected = client.post(
        "/review.json",
        data={"object_type": "event", "object_id": EVENT, "action": "correct", "field": "count",
              "value": "7", "note": "the statement says seven", "reviewer": "Ihar"},
    )  # fmt: skip
    after = corrected.json()["after"]
    assert corrected.status_code == 200 and (after["count"], after["status"]) == (7, "corrected")
    entries = client.get("/review/log.json", params={"object_id": EVENT}).json()["entries"]
    assert [e["action"] for e in entries] == ["correct"]
    assert entries[0]["note"] == "the statement says seven" and entries[0]["before"]["count"] == 9


def test_review_errors(client: TestClient) -> None:
    base = {"object_type": "event", "object_id": EVENT, "reviewer": "Olga"}
    missing = client.post("/review.json", data=base | {"object_id": "nope", "action": "accept"})
    assert missing.status_code == 404 and missing.json() == {"error": "event 'nope' not found"}
    unknown = client.post("/review.json", data=base | {"action": "approve"})
    assert unknown.status_code == 400 and "action must be" in unknown.json()["error"]
    wrong_field = client.post(
        "/review.json", data=base | {"action": "correct", "field": "evidence", "value": "x"}
    )
    assert wrong_field.status_code == 400
    assert "cannot correct evidence" in wrong_field.json()["error"]
    not_int = client.post(
        "/review.json", data=base | {"action": "correct", "field": "count", "value": "many"}
    )
    assert not_int.status_code == 400 and "count: must be a whole number" in not_int.json()["error"]
    foreign = client.post(
        "/review", data=base | {"action": "accept"}, headers={"origin": "https://evil.example"}
    )
    assert foreign.status_code == 403
    upload = client.post("/review.json", files={"f": ("a.txt", b"x")}, data=base)
    assert upload.status_code == 400 and "urlencoded form or JSON" in upload.json()["error"]
    assert EVENT in _queue_ids(client)
    assert client.get("/review/log.json").json()["entries"] == []


def test_log_limit_is_checked(client: TestClient) -> None:
    assert client.get("/review/log.json", params={"limit": "0"}).status_code == 400
