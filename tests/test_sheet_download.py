"""The sheet to download (`GET /sheet`, navigator/ui/sheet_download.py): the link the results and a shared page offer
off a kiosk, the file it answers (a PDF of those routes in that language; the HTML sheet without Pango), what a
tampered address gets, and the statistics counting a download from the screen's tap."""

from __future__ import annotations

import html
import io
import re

import pytest
from app_helpers import relay_tap, run_flow, start, texts, visible
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.testclient import TestClient

from navigator.i18n import translator
from navigator.presentation.sheet import SHEET_MAX, route_code, share_query
from navigator.presentation.sheet_pdf import pdf_problem
from navigator.statistics.store import Metric
from navigator.ui import results, sheet_download

LINK = re.compile(r'<a class="nav-button nav-download" href="([^"]+)"[^>]*>(.*?)</a>')


@pytest.fixture
def client():
    return TestClient(Starlette(routes=sheet_download.ROUTES))


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.delenv("NAVIGATOR_KIOSK", raising=False)
    monkeypatch.delenv("NAVIGATOR_KIOSK_KEY", raising=False)


def the_link(at) -> tuple[str, str]:
    (found,) = LINK.findall(texts(at))
    return html.unescape(found[0]), html.unescape(found[1])


def data_programmes(sheet: str) -> list[str]:
    """The routes of an HTML sheet, in order, each once."""
    return list(dict.fromkeys(re.findall(r'data-programme="([^"]+)"', sheet)))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


needs_pango = pytest.mark.skipif(pdf_problem() is not None, reason="no Pango on this machine: the PDF sheet cannot be built")


@needs_pango
def test_a_shared_page_links_to_the_pdf_of_its_routes_in_its_language(phone, client, catalogue):
    at = start(lang="ar", routes="adie,coopaname")
    href, label = the_link(at)
    assert label.endswith("(PDF)") and label in visible(at)
    answer = client.get(href)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert 'filename="navigator-sheet.pdf"' in answer.headers["content-disposition"]
    text = pdf_text(answer.content)
    for programme_id in ("adie", "coopaname"):
        assert catalogue.get(programme_id).name["fr"].split(" (")[0] in text


@needs_pango
def test_the_results_link_holds_every_chosen_route_and_follows_the_ticks(phone, client):
    at = run_flow("en", projects=["create_business"], age=30, place="86000")
    href, _label = the_link(at)
    on_sheet = list(at.session_state["on_sheet"])
    assert len(on_sheet) >= 2
    assert href == f"/sheet?lang=en&routes={','.join(route_code(i) for i in on_sheet)}"
    at = relay_tap(at, "pick", on_sheet[0])  # untick the first route: the link no longer names it
    href, _label = the_link(at)
    assert route_code(on_sheet[0]) not in href.split("routes=")[1].split(",")
    assert client.get(href).status_code == 200


def test_a_kiosk_offers_no_download_on_the_results_or_a_shared_page(monkeypatch):
    monkeypatch.setenv("NAVIGATOR_KIOSK", "1")
    for at in (start(lang="fr", routes="adie,coopaname"), run_flow("fr", projects=["create_business"], age=30, place="86000")):
        assert not at.exception
        assert LINK.findall(texts(at)) == [] and "/sheet?" not in texts(at)
        assert "data-nav-share" not in texts(at)  # nor the phone's share sheet


def test_without_pango_the_link_hands_over_the_html_sheet(phone, client, monkeypatch):
    monkeypatch.setattr(sheet_download, "pdf_problem", lambda: "WeasyPrint cannot start: no Pango")
    at = start(lang="fr", routes="adie")
    href, label = the_link(at)
    assert "PDF" not in label
    answer = client.get(href)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert "navigator-sheet.html" in answer.headers["content-disposition"]
    assert "Adie" in answer.text


def test_a_tampered_address_gets_a_clear_answer_and_nothing_else(client, monkeypatch):
    monkeypatch.setattr(sheet_download, "pdf_problem", lambda: "no Pango")  # the HTML sheet: quick to read back
    none = client.get("/sheet?lang=xx&routes=nope,<script>alert(1)</script>")
    assert none.status_code == 404 and none.headers["content-type"].startswith("text/plain")
    said = translator("fr").gettext("This link holds no route we know. You can start your own search.")
    assert none.text == said and said != "This link holds no route we know. You can start your own search."  # in French
    assert client.get("/sheet").status_code == 404
    assert client.get("/sheet?routes=adie", headers={"Accept": "*/*"}).status_code == 200
    assert client.post("/sheet?routes=adie").status_code == 405
    many = client.get("/sheet?lang=fr&routes=" + ",".join(["adie"] * 5000 + ["coopaname"]))  # cut at 2,000 characters
    assert many.status_code == 200 and data_programmes(many.text) == ["adie"]


def test_a_sheet_holds_at_most_sheet_max_routes(client, monkeypatch, catalogue):
    monkeypatch.setattr(sheet_download, "pdf_problem", lambda: "no Pango")
    ids = [p.id for p in catalogue.programmes if not p.is_ended]
    assert len(ids) > 5
    answer = client.get(f"/sheet?lang=fr&routes={','.join(ids * 3)}")
    assert answer.status_code == 200
    assert data_programmes(answer.text) == ids[:SHEET_MAX]


def test_the_sheet_s_qr_link_is_the_shared_link_of_its_routes_on_this_server(client, monkeypatch):
    monkeypatch.setattr(sheet_download, "pdf_problem", lambda: "no Pango")
    answer = client.get("/sheet?lang=uk&routes=adie,coopaname", headers={"Host": "navigator.example"})
    assert f"http://navigator.example/?{share_query(['adie', 'coopaname'], 'uk')}" in html.unescape(answer.text)


def test_a_tap_on_the_link_counts_the_routes_on_the_sheet_as_printed(phone, monkeypatch):
    counted = []
    monkeypatch.setattr(results, "count", lambda items: counted.extend(items))
    at = run_flow("en", projects=["create_business"], age=30, place="86000")
    on_sheet = list(at.session_state["on_sheet"])
    counted.clear()
    at = relay_tap(at, "sheet")
    assert counted == [(Metric.ROUTE_PRINTED, i) for i in on_sheet]
    counted.clear()
    shared = start(lang="fr", routes="adie,coopaname")
    counted.clear()
    relay_tap(shared, "sheet")
    assert counted == [(Metric.ROUTE_PRINTED, "adie"), (Metric.ROUTE_PRINTED, "coopaname")]
