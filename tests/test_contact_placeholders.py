"""Contact facts written once (issue #15): texts say {phone}, {website}…, filled from `contacts` in every language;
a text that writes a phone number, an email or a web address itself is a warning for curators."""

import shutil

import pytest
import yaml
from factories import programme_file

from navigator.catalogue.freshness import describe_contact, prose_warnings
from navigator.catalogue.loading import CATALOGUE_DIR, load_catalogue, read_programme
from navigator.catalogue.prose import contacts_in_prose
from navigator.i18n import TRANSLATIONS_DIR


def test_france_travail_writes_its_number_and_site_once_and_every_language_shows_them(catalogue):
    source = (CATALOGUE_DIR / "france-travail.yaml").read_text(encoding="utf-8").split("\nsource:")[0]  # facts, not the citation
    assert source.count("3949") == 1 and source.count("https://www.francetravail.fr") == 1
    how = catalogue.get("france-travail").access.how
    assert len(how) > 5
    assert all("3949" in text and "francetravail.fr" in text and "{" not in text for text in how.values())


def test_editing_the_phone_number_is_one_line_in_one_file(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (tmp_path / "translations").symlink_to(TRANSLATIONS_DIR)
    shutil.copy(CATALOGUE_DIR / "france-travail.yaml", folder / "france-travail.yaml")
    path = folder / "france-travail.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("  phone: '3949'", "  phone: 01 40 00 00 00")
        .replace('  phone: "3949"', "  phone: 01 40 00 00 00")
        .replace("  phone: 3949", "  phone: 01 40 00 00 00"),
        encoding="utf-8",
    )
    how = load_catalogue(folder).get("france-travail").access.how
    assert all("01 40 00 00 00" in text and "3949" not in text for text in how.values()), how


def test_a_placeholder_without_its_contact_is_a_problem_naming_the_field(tmp_path):
    data = programme_file(access={"modes": ["walk_in"], "how": {"fr": "Appelez le {phone}."}})
    path = tmp_path / "test-programme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    programme, problems = read_programme(path)
    assert programme is None
    assert [(p.field, "contacts.phone is not given" in p.message) for p in problems] == [("access.how.fr", True)]


@pytest.mark.parametrize(
    ("text", "contacts", "kind", "own"),
    [
        pytest.param("Allez sur https://www.exemple.fr.", {"website": "https://www.exemple.fr"}, "website", True, id="its own site"),
        pytest.param("Voir https://autre.example/page.", {"website": "https://www.exemple.fr"}, "website", False, id="another site"),
        pytest.param("Appelez le 05 49 00 00 00.", {"phone": "+33549000000"}, "phone", True, id="its own number"),
        pytest.param("Appelez le 05.49.11.22.33.", {"phone": "+33549000000"}, "phone", False, id="another number"),
        pytest.param("Écrivez à accueil@exemple.fr.", {}, "email", False, id="an email"),
    ],
)
def test_contact_facts_in_prose_are_found(text, contacts, kind, own):
    data = {"access": {"how": {"fr": text}}, "contacts": contacts}
    (found,) = contacts_in_prose(data)
    assert (found.field, found.kind, found.own) == ("access.how", kind, own)


def test_placeholders_and_plain_words_are_not_warned_about():
    data = {"access": {"how": {"fr": "Appelez le {phone} ou allez sur {website} ; ouvert 5 jours sur 7 depuis 2019."}}, "contacts": {}}
    assert contacts_in_prose(data) == []


@pytest.mark.parametrize(
    ("programme_id", "field", "words"),
    [
        pytest.param(
            "cap-emploi",
            "contacts.how_to_reach",
            "écrit le numéro de téléphone de france-travail.yaml (3949)",
            id="France Travail's number",
        ),
        pytest.param("premiers-pas-ess", "access.how", "écrit le site web de france-active.yaml", id="France Active's site"),
        pytest.param(
            "mission-locale",
            "access.how",
            "écrit le site web d'un autre organisme (https://www.1jeune1solution.gouv.fr), qu'aucune fiche ne donne : vérifier",
            id="a site no file gives",
        ),
    ],
)
def test_another_organisations_contact_is_named_by_the_file_that_holds_it_or_flagged_to_check(catalogue, programme_id, field, words):
    """In French, as the desks: a curator knows which file to follow when that contact changes, or that no file does."""
    found = [w.message for w in prose_warnings(catalogue) if w.file == f"{programme_id}.yaml" and w.field == field]
    assert any(m.startswith(words) for m in found), found


def test_the_programmes_own_contact_is_told_to_become_a_placeholder():
    (found,) = contacts_in_prose({"access": {"how": {"fr": "Appelez le 3949."}}, "contacts": {"phone": "3949"}})
    assert describe_contact(found, {}) == "écrit le numéro de téléphone de la fiche (3949) : écrire {phone} à la place"


def test_no_shipped_text_writes_its_own_contact_instead_of_a_placeholder(catalogue):
    own = [str(w) for w in prose_warnings(catalogue) if "à la place" in w.message]
    assert own == []
