"""The national directory in the browser: a person in Paris 11e who wants a job, in Arabic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_helpers import Server, card, shot
from test_e2e import full_flow

from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.records import read_records
from navigator.presentation.labels import label
from navigator.vocabulary import Project

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "data_inclusion"
ARABIC_DAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


@pytest.fixture(scope="module")
def directory_server(tmp_path_factory):
    """The app with the shipped catalogue and a snapshot of the fixtures."""
    folder = tmp_path_factory.mktemp("data")
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=folder)
    server = Server(env={"NAVIGATOR_DATA_DIR": str(folder)})
    yield server
    server.stop()


def test_a_job_seeker_in_paris_sees_local_services_first_with_phone_and_hours_in_arabic(directory_server, phone):
    full_flow(phone, directory_server.url, "lang_ar", label(Project.FIND_JOB, "ar"), "75011", "directory-ar")
    local = card(phone, "dora--emploi-paris-11")
    ids = phone.locator("[data-programme]").evaluate_all("cards => cards.map(c => c.dataset.programme)")
    imported = [i for i in ids if "--" in i]
    assert imported[:2] == ["dora--emploi-paris-11", "dora--atelier-cv-grand-paris"]  # the commune's, then the EPCI's
    national_to_check = [i for i in ids if i in ("mission-locale", "afpa-prepa-competences", "cap-emploi")]
    assert all(ids.index("dora--emploi-paris-11") < ids.index(i) for i in national_to_check)
    text = local.inner_text()
    assert "Accompagnement vers l'emploi à Paris 11e" in text and "(بالفرنسية)" in text  # French text, marked
    phone_link = local.locator('a[href="tel:+33199001123"]')
    assert phone_link.count() == 1 and phone_link.inner_text().strip() == "01 99 00 11 23"
    assert re.search("مفتوح الآن|مغلق الآن", text)  # open now, or when it opens
    assert sum(day in text for day in ARABIC_DAYS) == 7  # this week, day by day
    assert "DORA" in text and "2026" in text  # from DORA, updated on…
    shot(phone, "directory-ar-local-card")
