"""The staff desk with a snapshot: its date, search across curated and imported routes by origin, the merges."""

import re
from pathlib import Path

import pytest
from app_helpers import nav, run_flow, start, unlocked_staff_desk, visible

from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.records import read_records

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"


@pytest.fixture
def with_snapshot(tmp_path, monkeypatch, fresh_catalogue):
    """The app serving the shipped catalogue and a snapshot of the fixtures."""
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=tmp_path)
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(tmp_path))


@pytest.fixture
def desk(with_snapshot, staff_key):
    """The staff page, unlocked, serving the shipped catalogue and a snapshot of the fixtures."""
    return unlocked_staff_desk()


def _page(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [str(h.proto.body) for h in at.get("html")] + [i.value for i in at.info])


def test_the_desk_shows_the_snapshot_searches_by_origin_and_lists_merges(desk):
    at = desk.run()
    assert not at.exception
    page = _page(at)
    assert "Instantané du" in page and "fixtures" in page and "10 services proposés" in page
    assert "infolang-poitiers" in page and "dora--infolang-poitiers" in page and "même nom et même commune" in page
    at.text_input(key="staff_di_query").input("atelier cv").run()
    assert "Atelier CV et lettre de motivation" in _page(at)
    at.selectbox(key="staff_di_origin").set_value("catalogue").run()
    assert "Atelier CV et lettre de motivation" not in _page(at)
    at.selectbox(key="staff_di_origin").set_value("dora").run()
    assert "Atelier CV et lettre de motivation" in _page(at) and "DORA" in _page(at)
    at.button(key="staff_di_open_dora--atelier-cv-grand-paris").click().run()
    assert not at.exception and "tel:+33199001122" in _page(at)  # the card, with the structure's phone


def test_results_show_a_handful_per_project_a_summary_and_show_more(with_snapshot, monkeypatch):
    from navigator.eligibility import ranking

    monkeypatch.setattr(ranking, "SHOWN_PER_PROJECT", 2)
    monkeypatch.setattr("navigator.ui.results.SHOWN_PER_PROJECT", 2)
    at = run_flow(lang="en", projects=["find_job"], age=30, place="75011")
    assert not at.exception
    cards = re.findall(r'data-programme="([^"]+)"', "".join(e.proto.body for e in at.get("html")))
    assert len(cards) == 2  # a handful, not a wall
    page = visible(at)
    assert re.search(r"We found \d+ routes for you.*To check with them: \d+", page, re.S)  # the summary on top
    more = nav(at, "more", None)
    assert "Show 2 more routes" in more.label
    at = more.click().run()
    cards_after = re.findall(r'data-programme="([^"]+)"', "".join(e.proto.body for e in at.get("html")))
    assert len(cards_after) == 4 and cards_after[:2] == cards
    assert "dora--emploi-paris-11" in cards_after


def test_a_shared_link_reopens_an_imported_service(with_snapshot):
    from navigator.presentation.sheet import route_code

    at = start(lang="ar", routes=f"{route_code('dora--emploi-paris-11')},{route_code('infolang-poitiers')}")
    assert not at.exception
    page = visible(at)
    assert "Accompagnement vers l'emploi à Paris 11e" in page and "(بالفرنسية)" in page
    assert 'href="tel:+33199001123"' in "".join(e.proto.body for e in at.get("html"))


def test_the_desk_says_whether_the_prepared_file_is_shared_or_built_by_each_process(with_snapshot, staff_key, tmp_path, monkeypatch):
    from navigator.catalogue.data_inclusion import prepared
    from navigator.ui import resources

    def said(at) -> str:
        return "\n".join([c.value for c in at.caption] + [w.value for w in at.warning])

    page = said(unlocked_staff_desk().run())
    assert "Index préparé à l'import, partagé par les processus" in page and "data-inclusion.index-" in page
    for found in tmp_path.glob("data-inclusion.index-*"):
        found.unlink()

    def read_only(*_args):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(prepared, "write_arrays", read_only)
    monkeypatch.setattr(resources, "CATALOGUE", resources.CatalogueHolder())  # a process started now
    page = said(unlocked_staff_desk().run())
    assert "chaque processus de l'app construit sa propre copie" in page and "--prepare-only" in page
