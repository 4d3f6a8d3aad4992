"""`checker serve`: the HTML report as a small local web app where a fact-checker records verdicts.

The page is the report of `checker check --format html` with confirm / dismiss / unsure buttons, a reviewer name
and a note on each finding; a click writes the verdict to the same SQLite store `checker review` writes, and a
reload shows it kept. Flask (a well-kept WSGI framework) serves it on 127.0.0.1 only.

A local server is still reachable from any page open in the same browser, so a write needs a token generated per
run and embedded in the page (a JSON body with a custom header: other sites cannot send one without a CORS
preflight, which this app never answers), and a request whose Host is not the loopback address it listens on is
refused (DNS rebinding).
"""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, Response, abort, jsonify, request

from checker.errors import CheckerError
from checker.model import Report
from checker.render import ReviewContext
from checker.render.html import render_html
from checker.review import VERDICTS, ReviewStore, apply_reviews, nearest, read_verdicts

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
TOKEN_HEADER = "X-Checker-Token"
MAX_NOTE = 2000  # characters: a note is a reason, not an essay; keeps one request small
MAX_REVIEWER = 100


def create_app(report: Report, store: Path, token: str | None = None) -> Flask:
    """The review app over `report` (fingerprints attached here), writing verdicts to `store`."""
    token = token or secrets.token_urlsafe(24)
    report = apply_reviews(report)
    findings = {finding.fingerprint: finding for finding in report.findings}
    read_verdicts(store)  # a store that is not checker's is refused before the first page, not at the first click
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=64 * 1024, CHECKER_TOKEN=token)

    @app.before_request
    def loopback_only() -> None:
        host = (request.host or "").rsplit(":", 1)[0]
        if host not in (HOST, "localhost"):
            abort(403)

    @app.get("/")
    def page() -> Response:
        shown = apply_reviews(report, read_verdicts(store))
        html = render_html(shown, ReviewContext(store=str(store), interactive=True, token=token,
                                                reviewer=app.config.get("CHECKER_REVIEWER")))
        return Response(html, mimetype="text/html", headers={
            "Cache-Control": "no-store",
            # inline script and style only, nothing fetched but this app
            "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                                       "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:"})

    @app.get("/verdicts")
    def verdicts() -> Response:
        latest = read_verdicts(store)
        return jsonify({fp: latest[fp] for fp in findings if fp in latest})

    @app.post("/verdicts")
    def record() -> tuple[Response, int]:
        if request.headers.get(TOKEN_HEADER) != token:
            return jsonify(error="missing or wrong token: reload the page"), 403
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return jsonify(error="expected a JSON object"), 400
        fp = str(body.get("fingerprint", "")).strip().lower()
        verdict = body.get("verdict")
        note = (str(body.get("note") or "").strip() or None)
        reviewer = (str(body.get("reviewer") or "").strip() or None)
        if fp not in findings:
            return jsonify(error=f"unknown fingerprint {fp!r}", nearest=nearest(fp, findings)), 404
        if verdict not in VERDICTS:
            return jsonify(error=f"verdict must be one of {', '.join(VERDICTS)}"), 400
        if (note and len(note) > MAX_NOTE) or (reviewer and len(reviewer) > MAX_REVIEWER):
            return jsonify(error=f"note longer than {MAX_NOTE} or name longer than {MAX_REVIEWER} characters"), 400
        try:
            with ReviewStore(store) as opened:
                saved = opened.record(fp, verdict, note, reviewer, findings[fp])
        except CheckerError as err:
            return jsonify(error=str(err)), 500
        return jsonify(fingerprint=fp, review=saved), 200

    return app


def run(app: Flask, port: int = DEFAULT_PORT, ready=None) -> None:
    """Serve until interrupted; `ready(url)` is called once the socket listens (port 0: a free one)."""
    from werkzeug.serving import make_server

    server = make_server(HOST, port, app, threaded=True)
    if ready is not None:
        ready(f"http://{HOST}:{server.server_port}/")
    try:
        server.serve_forever()
    finally:
        server.server_close()
