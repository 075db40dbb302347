"""Imported services as routes: matched beside the curated catalogue, nearer first, merged into curated entries."""

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest

from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.national import load_national
from navigator.catalogue.data_inclusion.records import read_records
from navigator.catalogue.data_inclusion.snapshot import snapshot_path
from navigator.eligibility import CandidateIndex, match_offered
from navigator.eligibility.ranking import rank_routes
from navigator.person.places import km_from, locate, position_of
from navigator.person.profile import Profile
from navigator.presentation.cards import card_html
from navigator.vocabulary import Outcome, Verdict

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "data_inclusion"
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def national(tmp_path_factory, catalogue):
    """The fixtures imported into a throw-away data folder, loaded with the shipped catalogue."""
    folder = tmp_path_factory.mktemp("data")
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=folder)
    return load_national(catalogue, folder)


def _routes(national, shown=5, **profile):
    person = Profile(**profile)
    curated = match_offered(person, CandidateIndex(national.catalogue.programmes), TODAY)
    return rank_routes(person, curated, national.directory, TODAY, shown)


def _origin(match) -> str:
    return getattr(match.programme, "origin", "curated")


def test_without_a_snapshot_nothing_changes(tmp_path, catalogue):
    assert load_national(catalogue, tmp_path) is None


def test_a_damaged_snapshot_is_left_aside_not_a_crash(tmp_path, catalogue):
    snapshot_path(tmp_path).write_bytes(b"not an arrow file")
    assert load_national(catalogue, tmp_path) is None


def test_a_job_seeker_in_paris_11_gets_local_imported_services_nearest_first(national):
    routes = _routes(national, projects=["find_job"], postal_code="75011")
    (group,) = routes.projects
    checked = [m for m in group.shown if m.verdict is Verdict.CHECK]
    assert [m.programme.id for m in checked[:2]] == ["dora--emploi-paris-11", "dora--atelier-cv-grand-paris"]  # commune, then EPCI
    assert all(_origin(m) == "data-inclusion" for m in checked[:4])
    ids = [m.programme.id for m in group.shown]
    assert "mission-locale--francais-idf" not in ids  # learning French, not a job
    assert "carif-oref--formation-vienne" not in ids  # Vienne


def test_imported_services_are_never_ruled_out_for_what_the_directory_does_not_know(national):
    routes = _routes(national, shown=50, projects=["find_job"], postal_code="75011", age=70, french_level="none", languages=["ps"])
    imported = [m for g in routes.projects for m in g.shown if _origin(m) == "data-inclusion"]
    assert {m.programme.id for m in imported} >= {"dora--emploi-paris-11", "france-travail--conseil-paris-11"}
    for m in imported:
        assert m.verdict is Verdict.CHECK
        assert any(r.code == "directory_unknown" and r.outcome is Outcome.UNKNOWN for r in m.reasons)


def test_conditions_stated_by_the_directory_are_to_confirm(national):
    routes = _routes(national, projects=["find_job"], postal_code="75011")
    (m,) = [m for m in routes.projects[0].shown if m.programme.id == "france-travail--conseil-paris-11"]
    (reason,) = [r for r in m.reasons if r.code == "to_confirm"]
    assert reason.params["text"] == {"fr": "Jeunes de 16 à 25 ans.\nÊtre inscrit à France Travail."}


def test_at_most_a_handful_per_project_and_the_counts_of_the_rest(national):
    routes = _routes(national, shown=2, projects=["find_job"], postal_code="75011")
    (group,) = routes.projects
    assert len(group.shown) == 2 and group.total > 2 and group.hidden == group.total - 2
    assert sum(group.by_verdict.values()) == group.total == routes.total


def test_curated_before_imported_at_equal_fit(national):
    routes = _routes(national, shown=50, projects=["training"], postal_code="86000")
    shown = routes.projects[0].shown
    # Same verdict (to check), same level (département): fresher information first (the curated entries were last
    # checked in 2019, the imported one this year), and curated before imported at equal freshness.
    level_86 = [m for m in shown if m.verdict is Verdict.CHECK and (m.programme.zone.departements == ["86"])]
    assert [(m.doubtful, _origin(m)) for m in level_86] == [(False, "data-inclusion"), (True, "curated"), (True, "curated")]


def test_a_duplicate_of_a_curated_programme_is_merged_into_it(national):
    (merge,) = national.merges
    assert (merge.programme_id, merge.service_id, merge.why) == ("infolang-poitiers", "dora--infolang-poitiers", "same name and commune")
    merged = national.catalogue.get("infolang-poitiers")
    assert merged.name["fr"] == "Espace ressources Infolang" and merged.audience.statuses_aimed  # curated texts and eligibility win
    assert merged.contacts.phone == "+33536490021" and merged.contacts.opening_hours == "Tu 14:00-17:00"  # filled gaps
    assert merged.contacts.how_to_reach is not None  # curated contacts kept
    assert national.directory.get("dora--infolang-poitiers") is not None
    routes = _routes(national, shown=50, projects=["learn_french"], postal_code="86000")
    assert "dora--infolang-poitiers" not in [m.programme.id for g in routes.projects for m in g.shown]


def test_the_card_says_which_fact_came_from_the_directory(national):
    text = card_html(national.catalogue.get("infolang-poitiers"), "en", TODAY)
    assert "(from <bdi" in text and "DORA" in text and "tel:+33536490021" in text


def test_a_curated_entry_naming_a_service_merges_it(catalogue, tmp_path):
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=tmp_path)
    named = catalogue.get("france-travail").model_copy(update={"data_inclusion_ids": ["france-travail--conseil-paris-11"]})
    from dataclasses import replace

    edited = replace(catalogue, programmes=tuple(named if p.id == "france-travail" else p for p in catalogue.programmes))
    national = load_national(edited, tmp_path)
    assert ("france-travail", "france-travail--conseil-paris-11", "named in the curated file") in {
        (m.programme_id, m.service_id, m.why) for m in national.merges
    }


@pytest.mark.parametrize(
    ("programme_id", "merged"),
    [
        pytest.param(
            "wejob-bordeaux", {"dora--emploi-paris-11", "dora--atelier-cv-grand-paris", "dora--sans-zone"}, id="a-project-in-common"
        ),
        pytest.param("adie", set(), id="no-project-in-common"),  # creating a business: the structure's job services are others
    ],
)
def test_a_service_of_the_structure_with_the_programme_s_siret_is_merged_when_it_serves_its_projects(
    catalogue, tmp_path, programme_id, merged
):
    run_import(read_records(FIXTURES / "services.json"), read_records(FIXTURES / "structures.json"), "fixtures", directory=tmp_path)
    from dataclasses import replace

    given = catalogue.get(programme_id).model_copy(update={"siret": "12345678900011"})  # the Paris structure's SIRET
    edited = replace(catalogue, programmes=tuple(given if p.id == programme_id else p for p in catalogue.programmes))
    national = load_national(edited, tmp_path)
    assert {m.service_id for m in national.merges if m.why == "same SIRET"} == merged
    assert all(m.programme_id == programme_id for m in national.merges if m.why == "same SIRET")
    for service_id in merged:  # merged into the curated entry, not offered a second time beside it
        assert not national.directory.active[national.directory.row_of[service_id]]


def test_an_imported_card_has_its_contacts_hours_and_provenance(national):
    card = card_html(national.directory.get("dora--emploi-paris-11"), "fr", TODAY)
    assert 'href="tel:+33199001123"' in card and "mailto:emploi@paris-emploi.example.org" in card
    assert "DORA" in card and "12 mars 2026" in card and "Source : " in card
    assert 'lang="fr"' in card  # the French texts are marked as French


def test_a_service_without_any_contact_still_has_a_card(national):
    card = card_html(national.directory.get("dora--permis-libourne"), "ar", TODAY)
    assert "tel:" not in card and "mailto:" not in card and "Préparer son permis de conduire" in card


def test_a_shared_link_finds_imported_services_by_id(national):
    assert national.directory.get("dora--emploi-paris-11").name["fr"] == "Accompagnement vers l'emploi à Paris 11e"
    assert national.directory.get("no--such-id") is None


@pytest.mark.parametrize("when", [datetime(2026, 12, 1, 10, 0), datetime(2026, 12, 6, 10, 0)])
def test_cards_never_crash_on_hours_at_any_time(national, when):
    from navigator.presentation.contact_details import hours_lines

    for service_id in national.directory.ids:
        programme = national.directory.get(service_id)
        assert isinstance(hours_lines(programme.contacts.opening_hours, "fa", when), list)


@pytest.mark.parametrize("postal_code", ["75011", "86000", "86190", "33500", "93100", "97400", None])
def test_zones_are_judged_as_the_residence_criterion_judges_them(national, postal_code):
    """The directory judges every zone at once with numpy; it must agree with criteria.residence, zone by zone."""
    from navigator.catalogue.data_inclusion.zone_table import OUTCOMES, ZoneTable
    from navigator.catalogue.data_inclusion.zones import split_zone
    from navigator.eligibility.criteria import residence

    codes = [["75056"], ["200054781"], ["86"], ["75", "77", "78", "91", "92", "93", "94", "95"], ["france"], ["33243"], ["93048", "86"]]
    codes += [["86194"], ["200069854", "33"], ["97411"], ["2A004"], ["99999"]]
    import pyarrow as pa

    from navigator.catalogue.data_inclusion.snapshot import SCHEMA

    rows = []
    for zone in codes:
        split = split_zone(zone)
        rows.append(
            {name: None for name in SCHEMA.names}
            | {
                "zone_france": split["france"],
                "zone_departements": split["departements"],
                "zone_epcis": split["epcis"],
                "zone_communes": split["communes"],
            }
        )
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    zones = ZoneTable(table)
    person = Profile(postal_code=postal_code) if postal_code else Profile()
    outcomes = zones.outcomes(person.place)
    for z in range(zones.size):
        holder = type("Holder", (), {"zone": zones.zone(z)})()
        assert OUTCOMES[outcomes[z]] is residence(holder, person).outcome, (zones.keys[z], postal_code)


@pytest.mark.parametrize(
    ("postal_code", "arrondissement"),
    [("75011", "75111"), ("75016", "75116"), ("75116", "75116"), ("69003", "69383"), ("13008", "13208"), ("86000", ""), ("75000", "")],
)
def test_paris_lyon_and_marseille_postal_codes_name_their_arrondissement(postal_code, arrondissement):
    from navigator.person.places import arrondissement_of_postal_code

    assert arrondissement_of_postal_code(postal_code) == arrondissement


def test_within_a_level_the_nearer_service_comes_first(national):
    routes = _routes(national, shown=50, projects=["find_job"], postal_code="75011")
    departemental = [
        m.programme.id for m in routes.projects[0].shown if m.programme.id in ("france-travail--conseil-paris-11", "dora--sans-zone")
    ]
    # Both serve the département; "Permanence emploi…" (about 1 km away) before "Conseil en recrutement…" (about 3 km),
    # against the order of their names.
    assert departemental == ["dora--sans-zone", "france-travail--conseil-paris-11"]
    d = national.directory
    rows = np.array([d.row_of["dora--sans-zone"], d.row_of["france-travail--conseil-paris-11"]])
    near, far = km_from(position_of(locate("75011")), d.latitude[rows], d.longitude[rows])
    assert 0.5 < near < 1.5 and 2.5 < far < 3.5
