"""`checker serve`: verdicts recorded from the report page, with the guards a local web app needs."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import Finding, Report, Settings, Side
from checker.review import ReviewStore, fingerprint
from checker.serve import TOKEN_HEADER, create_app


def _side(source: str, outlet: str, text: str) -> Side:
    return Side(source=source, start=5, end=5 + len(text), text=text, article_id=f"{source}#0", outlet=outlet,
                sentence=f"Toll {text} <script>alert(1)</script>.", normalized=text)


FINDING = Finding(id="f", kind="contradiction", type="quantity", explanation="the values cannot both be true",
                  sides=(_side("a.md", "Coast Wire", "14 people"), _side("b.md", "Harbour Daily", "19 people")))
REPORT = Report(version="t", settings=Settings(model="fake", dimension=2, similarity_threshold=0.5, neighbours=2),
                inputs=(), articles=(), findings=(FINDING,))
FP = fingerprint(FINDING)
TOKEN = "test-token"


@pytest.fixture
def client(tmp_path: Path):
    app = create_app(REPORT, tmp_path / "r.checker-review.sqlite", token=TOKEN)
    return app.test_client()


def post(client, body: dict, token: str | None = TOKEN, host: str = "127.0.0.1:8765"):
    headers = {TOKEN_HEADER: token} if token else {}
    return client.post("/verdicts", json=body, headers=headers, base_url=f"http://{host}")


def test_page_has_the_buttons_and_the_token(client) -> None:
    page = client.get("/", base_url="http://127.0.0.1:8765")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and f'data-fingerprint="{FP}"' in html
    assert 'data-verdict="unsure"' in html and f'content="{TOKEN}"' in html
    assert "<script>alert(1)</script>" not in html, "article text must be escaped"
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]


def test_a_verdict_is_saved_and_shown_on_reload(client, tmp_path: Path) -> None:
    saved = post(client, {"fingerprint": FP, "verdict": "dismissed", "reviewer": "Salma", "note": "two events"})
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["review"]["reviewer"] == "Salma"
    with ReviewStore(tmp_path / "r.checker-review.sqlite", readonly=True) as store:
        [row] = store.verdicts()
    assert (row["fingerprint"], row["verdict"], row["reviewer"], row["note"]) == (FP, "dismissed", "Salma", "two events")
    assert row["finding"]["sides"][0]["quote"] == "14 people"
    html = client.get("/", base_url="http://127.0.0.1:8765").get_data(as_text=True)
    assert "review-dismissed" in html and "by Salma" in html, "a dismissed finding stays on the review page, marked"
    assert client.get("/verdicts", base_url="http://127.0.0.1:8765").get_json()[FP]["verdict"] == "dismissed"


@pytest.mark.parametrize("body, token, host, status", [
    ({"fingerprint": FP, "verdict": "confirmed"}, None, "127.0.0.1:8765", 403),
    ({"fingerprint": FP, "verdict": "confirmed"}, "wrong", "127.0.0.1:8765", 403),
    ({"fingerprint": FP, "verdict": "confirmed"}, TOKEN, "evil.example:8765", 403),
    ({"fingerprint": FP, "verdict": "maybe"}, TOKEN, "127.0.0.1:8765", 400),
    ({"fingerprint": FP, "verdict": "confirmed", "note": "x" * 5000}, TOKEN, "127.0.0.1:8765", 400),
    ({"fingerprint": "0123456789ab", "verdict": "confirmed"}, TOKEN, "127.0.0.1:8765", 404),
])
def test_refused_writes_leave_no_store(client, tmp_path: Path, body, token, host, status: int) -> None:
    response = post(client, body, token, host)
    assert response.status_code == status
    assert not (tmp_path / "r.checker-review.sqlite").exists()
    if status == 404:
        assert response.get_json()["nearest"] == [FP]


def test_the_serve_command_end_to_end(tmp_path: Path) -> None:
    """`checker serve report.json --port 0` as a user runs it: it says where, serves the page, takes a verdict."""
    import json
    import os
    import re
    import subprocess
    import sys
    import urllib.request

    report = tmp_path / "report.json"
    report.write_text(REPORT.to_json(), encoding="utf-8")
    store = tmp_path / "s.checker-review.sqlite"
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root), "CHECKER_REVIEWER": "Omar"}
    server = subprocess.Popen([sys.executable, "-m", "checker.cli", "serve", str(report), "--port", "0",
                               "--store", str(store)], stderr=subprocess.PIPE, text=True, env=env)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy
    try:
        announced = server.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", announced)
        assert url, f"serve did not say where it listens: {announced!r}"
        page = opener.open(url[0]).read().decode("utf-8")
        token = re.search(r'<meta name="checker-token" content="([^"]+)">', page)[1]
        assert 'value="Omar"' in page, "the reviewer name from $CHECKER_REVIEWER is not offered"
        request = urllib.request.Request(url[0] + "verdicts", method="POST", headers={
            "Content-Type": "application/json", TOKEN_HEADER: token},
            data=json.dumps({"fingerprint": FP, "verdict": "confirmed", "reviewer": "Omar"}).encode())
        assert json.load(opener.open(request))["review"]["verdict"] == "confirmed"
    finally:
        server.terminate()
        server.wait()
    with ReviewStore(store, readonly=True) as opened:
        assert opened.latest()[FP]["reviewer"] == "Omar"
