"""The curation desk in a real browser: behind the staff key, a phone number edited, previewed as a diff, written to
the programme file and logged — all read from what the page shows."""

import json
import shutil

import pytest
from browser_helpers import Server, shot, wait_idle

from navigator.catalogue.loading import CATALOGUE_DIR
from navigator.i18n import TRANSLATIONS_DIR

pytestmark = pytest.mark.browser

KEY = "k3y-of-the-curators"


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, folder)
    (folder / "changes.jsonl").unlink(missing_ok=True)
    (tmp_path / "translations").symlink_to(TRANSLATIONS_DIR)
    server = Server({"NAVIGATOR_STAFF_KEY": KEY, "NAVIGATOR_CATALOGUE": str(folder), "NAVIGATOR_CURATION_LOG": ""})
    yield server, folder
    server.stop()


def test_a_curator_edits_a_phone_number_sees_the_diff_and_the_file_is_written(copy, desktop):
    server, folder = copy
    page = desktop
    page.goto(f"{server.url}/curation?key={KEY}")
    wait_idle(page)
    page.get_by_text("À regarder").first.wait_for(timeout=30_000)
    assert "Traductions à relire, par langue" in page.locator("body").inner_text()
    page.locator(".st-key-curation_programme").click()
    page.keyboard.type("infolang-poitiers")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_label("Votre équipe (label, ex. accueil-poitiers — pas un nom)").fill("accueil-poitiers")
    page.get_by_label("Téléphone").fill("05 47 41 41 00")
    page.get_by_role("button", name="Prévisualiser").click()
    wait_idle(page)
    diff = page.locator('[data-testid="stCode"]').first
    diff.wait_for(timeout=20_000)
    assert "+  phone: 05 47 41 41 00" in diff.inner_text()
    shot(page, "curation-diff")
    assert "phone" not in (folder / "infolang-poitiers.yaml").read_text(encoding="utf-8")
    page.get_by_role("button", name="Enregistrer dans le fichier").click()
    wait_idle(page)
    page.get_by_text("Enregistré dans infolang-poitiers.yaml").wait_for(timeout=20_000)
    shot(page, "curation-saved")
    assert "  phone: 05 47 41 41 00" in (folder / "infolang-poitiers.yaml").read_text(encoding="utf-8")
    (entry,) = [json.loads(line) for line in (folder / "changes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entry["programme"] == "infolang-poitiers" and entry["staff"] == "accueil-poitiers"
    assert "accueil-poitiers" in page.locator("body").inner_text(), "the change log is shown"
