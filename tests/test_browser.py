"""The seeds' HTML report in a real headless Chromium: findings visible, filters working, nothing fetched.

Chromium comes from Debian (`apt-get install chromium`), driven by its own command line or by Playwright's
Python package with `executable_path` (never `playwright install`). Without Chromium these tests skip; the
Playwright test also takes the screenshot used by the README: it lands in the test's temporary folder, and in
docs/seeds-report.png when CHECKER_UPDATE_SCREENSHOT=1 (so a test run never dirties the checkout).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "seeds-report.png"
SERVE_SCREENSHOT = ROOT / "docs" / "serve-review.png"
HANG = 900  # seconds after which a headless Chromium that has not exited is taken to hang
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no Chromium: install Debian's package (apt-get install -y chromium) or set CHROMIUM=/path")
    return found


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    """`checker check seeds/ --format html`, run from the repository root so inputs read `seeds/...`."""
    chromium()
    out = tmp_path_factory.mktemp("report") / "seeds.html"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        patch.setenv("CHECKER_REVIEW_STORE", str(out.parent / "no-store.checker-review.sqlite"))
        patch.setenv("SOURCE_DATE_EPOCH", "1764028800")  # a fixed 'generated' time: the screenshot is reproducible
        result = CliRunner().invoke(cli, ["check", "seeds/", "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, f"checker check seeds/ failed:\n{result.output}"
    return out


def test_chromium_runs_the_page_script(seeds_report: Path, tmp_path: Path) -> None:
    """Chromium's own --dump-dom: the DOM after scripts ran shows the filters and every finding."""
    # the timeout only stops a browser that hangs from hanging the suite: no speed is asserted
    dom = subprocess.run([chromium(), "--headless", *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                          "--dump-dom", seeds_report.as_uri()], capture_output=True, text=True, timeout=HANG)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert '<form id="filters" aria-label="Filter findings">' in html, "the filter script did not run"
    findings = html.count('<article class="finding')
    assert findings >= 1, "the seeds report shows no finding"
    assert f"{findings} of {findings} shown" in html
    assert "<article class=\"finding" in html and " hidden=" not in html.split("<h2>Facts</h2>")[0].split(
        'id="findings-title"')[1], "a finding is hidden before any filter was touched"


def test_filters_in_a_browser_and_screenshot(seeds_report: Path, tmp_path: Path) -> None:
    browser = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    fetched: list[str] = []
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=browser, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900})
        page = context.new_page()

        def only_local(route):
            if route.request.url.startswith(("file:", "data:", "about:")):
                return route.continue_()
            fetched.append(route.request.url)
            return route.abort()

        page.route("**/*", only_local)
        page.goto(seeds_report.as_uri())
        findings = page.locator("article.finding")
        total = findings.count()
        assert total >= 1, "the seeds report shows no finding"
        assert all(findings.nth(i).is_visible() for i in range(total))
        assert page.locator("#filters").is_visible(), "the filter form was not revealed by its script"

        kinds = [findings.nth(i).get_attribute("data-kind") for i in range(total)]
        chosen = kinds[-1]
        page.locator(f'#filters input[name="kind"][value="{chosen}"]').check()
        for i, kind in enumerate(kinds):
            assert findings.nth(i).is_visible() == (kind == chosen), \
                f"after choosing {chosen!r}, a {kind!r} finding is {'shown' if kind != chosen else 'hidden'}"
        assert page.locator("#shown").inner_text() == f"{kinds.count(chosen)} of {total} shown"

        page.locator('#filters input[name="kind"][value=""]').check()
        options = page.locator('#filters select[name="source"] option')
        source = options.nth(options.count() - 1).get_attribute("value")
        page.locator('#filters select[name="source"]').select_option(source)
        for i in range(total):
            sources = json.loads(findings.nth(i).get_attribute("data-sources"))
            assert findings.nth(i).is_visible() == (source in sources), f"source filter {source!r} wrong"

        page.locator('#filters select[name="source"]').select_option("")
        assert all(findings.nth(i).is_visible() for i in range(total)), "'all' did not bring every finding back"
        SCREENSHOT.parent.mkdir(exist_ok=True)
        target = SCREENSHOT if os.environ.get("CHECKER_UPDATE_SCREENSHOT") == "1" else tmp_path / SCREENSHOT.name
        page.screenshot(path=str(target), full_page=True)
        context.close()
    assert fetched == [], f"the report tried to fetch: {fetched}"
    assert target.stat().st_size > 10_000


def test_serve_records_a_verdict_that_a_reload_keeps(seeds_report: Path, tmp_path: Path) -> None:
    """`checker serve` end to end: click a verdict in Chromium, reload, see it kept; the store holds it."""
    import threading

    from werkzeug.serving import make_server

    from checker.review import ReviewStore
    from checker.serve import create_app

    browser = chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    report_json = tmp_path / "seeds.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        patch.setenv("CHECKER_REVIEW_STORE", str(tmp_path / "no-store.checker-review.sqlite"))
        result = CliRunner().invoke(cli, ["check", "seeds/", "-o", str(report_json)])
    assert result.exit_code == 0, result.output
    from checker.review import load_report

    store = tmp_path / "served.checker-review.sqlite"
    server = make_server("127.0.0.1", 0, create_app(load_report(report_json), store), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/"
    fetched: list[str] = []
    try:
        with sync_api.sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(tmp_path / "profile"), executable_path=browser, headless=True, args=FLAGS,
                viewport={"width": 1280, "height": 1250})
            page = context.new_page()
            page.on("request", lambda r: None if r.url.startswith(url) else fetched.append(r.url))
            page.goto(url)
            findings = page.locator("article.finding")
            assert findings.count() >= 2, "the seeds report has two findings"
            first, second = findings.nth(0), findings.nth(1)
            fp_first = first.locator(".verdict-form").get_attribute("data-fingerprint")
            page.locator("#reviewer").fill("Salma")
            first.locator('input[name="note"]').fill("two different counts")
            first.locator('button[data-verdict="dismissed"]').click()
            # expect() polls through Playwright's selector engine: the page's CSP forbids evaluating strings
            sync_api.expect(first.locator(".status")).to_have_text("saved")
            second.locator('button[data-verdict="unsure"]').click()
            sync_api.expect(second.locator(".status")).to_have_text("saved")

            page.reload()
            first = page.locator(f"#finding-{fp_first}")
            assert "review-dismissed" in first.get_attribute("class"), "the dismissed verdict was lost on reload"
            line = first.locator(".review").inner_text()
            assert "dismissed by Salma" in line and "two different counts" in line, line
            assert "unsure by Salma" in page.locator("article.finding").nth(1).locator(".review").inner_text()
            assert page.locator("#reviewer").input_value() == "Salma", "the reviewer name is remembered"
            shot = SERVE_SCREENSHOT if os.environ.get("CHECKER_UPDATE_SCREENSHOT") == "1" else \
                tmp_path / SERVE_SCREENSHOT.name
            page.goto(url)  # a fresh load opens at the top; the reload kept the scroll position of the clicks
            page.locator("#reviewing").scroll_into_view_if_needed()
            page.screenshot(path=str(shot), full_page=False)
            context.close()
    finally:
        server.shutdown()
    assert fetched == [], f"the review page fetched from elsewhere: {fetched}"
    with ReviewStore(store, readonly=True) as opened:
        latest = opened.latest()
    assert latest[fp_first]["verdict"] == "dismissed" and latest[fp_first]["reviewer"] == "Salma"
    assert sorted(v["verdict"] for v in latest.values()) == ["dismissed", "unsure"]
