"""A synthetic national directory in data·inclusion's v1 shape, for benchmarks: services and structures JSON files.

    python scripts/generate_data_inclusion.py                      # 100,000 services, 80,000 structures → var/synthetic/
    python scripts/generate_data_inclusion.py --services 1000 --structures 800 --out /tmp/di

Every record is built through the schema package's own models (`Service`, `Structure`), so the files validate as
the published ones do. Communes are real (the shipped geography), drawn by population; zones are a commune (40 %),
an intercommunality (15 %), a département (32 %), a région's départements (8 %) or France (5 %); thematiques are
drawn from the whole v1 vocabulary, employment-heavy as the real directory; 65 % of services state opening hours
(one in ten in words the parser cannot read), most have a phone (in ARCEP's range for fiction), some an email at
example.org. Names say "(synthetic)": none of this is a real service. Coordinates are placed around a fixed point
per commune: they rank services, they are not where anything is. About one service in ten has an address but no
coordinates (an address the source did not geocode): the ranking places it at its commune.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data_inclusion.schema.v1 import (  # noqa: E402
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    Service,
    Structure,
    Thematique,
    TypeService,
)

from navigator.person.places import commune_positions  # noqa: E402

SOURCES = [
    ("dora", 30),
    ("france-travail", 15),
    ("mission-locale", 10),
    ("carif-oref", 15),
    ("1jeune1solution", 5),
    ("emplois-de-linclusion", 15),
    ("mediation-numerique", 10),
]
#: ARCEP's numbers kept for fiction (01 99 00 xx xx …): a synthetic phone can never ring anyone.
FICTION_PREFIXES = ["01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49"]
HOURS = [
    ("Mo-Fr 09:00-12:30,14:00-17:30", 20),
    ("Mo-Fr 08:30-17:00; PH off", 15),
    ("Tu,Th 14:00-17:00", 10),
    ("Mo,We,Fr 09:00-12:00", 10),
    ("Mo-Sa 09:00-19:00", 5),
    ("We 14:00-18:00", 5),
    ("Mo-Fr 09:00-12:00; Sa 10:00-12:00", 5),
    ("sur rendez-vous", 3),
    ("le matin, sauf le mercredi", 3),
]
WORK_FAMILIES = (
    "trouver-un-emploi",
    "preparer-sa-candidature",
    "choisir-un-metier",
    "se-former",
    "creer-une-entreprise",
    "mobilite",
    "numerique",
)
NAMES = [
    "Accompagnement vers l'emploi",
    "Atelier CV et lettre de motivation",
    "Permanence emploi",
    "Point information formation",
    "Cours de français pour adultes",
    "Aide au permis de conduire",
    "Accès aux droits et démarches en ligne",
    "Création d'entreprise : premiers pas",
    "Découverte des métiers",
    "Simulation d'entretien d'embauche",
    "Atelier numérique",
    "Épicerie solidaire",
    "Accès aux soins",
    "Aide au logement",
]


def _communes() -> list[dict]:
    with (ROOT / "navigator" / "data" / "places.csv").open(encoding="utf-8") as f:
        rows = {row["commune"]: row for row in csv.DictReader(f)}
    return list(rows.values())


def _point(code: str, rng: random.Random) -> tuple[float, float]:
    """A point a few hundred metres around the commune's position (navigator/data/positions.csv), or around a fixed
    point made from its code for a commune without one."""
    known = commune_positions().get(code)
    if known:
        lat, lon = known.latitude, known.longitude
    else:
        digest = hashlib.sha256(code.encode()).digest()
        lat, lon = 43.0 + digest[0] / 255 * 7.5, -1.5 + digest[1] / 255 * 8.5
    return round(lat + rng.uniform(-0.01, 0.01), 5), round(lon + rng.uniform(-0.01, 0.01), 5)


def _fiction_phone(rng: random.Random) -> str:
    prefix = rng.choice(FICTION_PREFIXES)
    return f"{prefix} {rng.randrange(100):02d} {rng.randrange(100):02d}"


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def generate(services: int, structures: int, seed: int = 14) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    communes = _communes()
    weights = [max(1, int(c["population"] or 0)) ** 0.8 for c in communes]
    by_departement: dict[str, list[dict]] = {}
    for c in communes:
        by_departement.setdefault(c["departement"], []).append(c)
    departements_of_region: dict[str, list[str]] = {}
    for c in communes:
        departements_of_region.setdefault(c["region"], [])
        if c["departement"] not in departements_of_region[c["region"]]:
            departements_of_region[c["region"]].append(c["departement"])
    thematiques = list(Thematique)
    work = [t for t in thematiques if t.value.startswith(WORK_FAMILIES)]
    today = date.today()
    structure_rows, places = [], []
    for i in range(structures):
        commune = rng.choices(communes, weights)[0]
        source = _weighted(rng, SOURCES)
        lat, lon = _point(commune["commune"], rng)
        record = Structure(
            source=source,
            id=f"{source}--synthetic-structure-{i}",
            nom=f"Structure {i} de {commune['name']} (synthetic)",
            date_maj=today - timedelta(days=rng.randrange(0, 900)),
            siret=f"{rng.randrange(10**13, 10**14)}",
            commune=commune["name"],
            code_postal=commune["postal_code"],
            code_insee=commune["commune"],
            adresse=f"{rng.randrange(1, 120)} rue de l'Exemple",
            latitude=lat,
            longitude=lon,
            telephone=_fiction_phone(rng) if rng.random() < 0.8 else None,
            courriel=f"contact{i}@example.org" if rng.random() < 0.6 else None,
            site_web=f"https://structure-{i}.example.org/" if rng.random() < 0.4 else None,
            horaires_accueil=_weighted(rng, HOURS) if rng.random() < 0.5 else None,
        )
        structure_rows.append(record.model_dump(mode="json", exclude_none=True))
        places.append(commune)
    service_rows = []
    for i in range(services):
        s = rng.randrange(structures)
        structure, commune = structure_rows[s], places[s]
        kind = rng.random()
        if kind < 0.40:
            zone = [commune["commune"]]
        elif kind < 0.55 and commune["epci"]:
            zone = [commune["epci"]]
        elif kind < 0.87:
            zone = [commune["departement"]]
        elif kind < 0.95:
            zone = departements_of_region[commune["region"]]
        else:
            zone = ["france"]
        chosen = rng.sample(work if rng.random() < 0.6 else thematiques, rng.randint(1, 3))
        publics = (
            rng.sample([p for p in Public if p is not Public.TOUS_PUBLICS], rng.randint(1, 2))
            if rng.random() < 0.6
            else [Public.TOUS_PUBLICS]
        )
        own_place = rng.random() < 0.7
        address = f"{rng.randrange(1, 120)} avenue de l'Essai" if own_place and rng.random() < 0.7 else None
        geocoded = own_place and not (address and rng.random() < 0.2)  # an address without coordinates: its commune's
        lat, lon = _point(commune["commune"], rng)
        record = Service(
            source=structure["source"],
            structure_id=structure["id"],
            id=f"{structure['source']}--synthetic-service-{i}",
            nom=f"{rng.choice(NAMES)} {i} (synthetic)",
            description=f"{rng.choice(NAMES)} à {commune['name']} : un service synthétique pour mesurer le navigateur, numéro {i}.",
            date_maj=today - timedelta(days=rng.randrange(0, 900)),
            type=rng.choice(list(TypeService)),
            thematiques=set(chosen),
            frais=rng.choice([Frais.GRATUIT, Frais.GRATUIT, Frais.GRATUIT, Frais.PAYANT]) if rng.random() < 0.8 else None,
            publics=set(publics),
            publics_precisions="Jeunes de 16 à 25 ans." if Public.JEUNES in publics and rng.random() < 0.5 else None,
            conditions_acces="Sur orientation d'un conseiller." if rng.random() < 0.15 else None,
            commune=commune["name"] if own_place else None,
            code_postal=commune["postal_code"] if own_place else None,
            code_insee=commune["commune"] if own_place else None,
            adresse=address,
            latitude=lat if geocoded else None,
            longitude=lon if geocoded else None,
            telephone=_fiction_phone(rng) if rng.random() < 0.5 else None,
            courriel=f"service{i}@example.org" if rng.random() < 0.3 else None,
            modes_accueil=set(rng.sample(list(ModeAccueil), rng.randint(1, 2))),
            zone_eligibilite=zone,
            modes_mobilisation=set(rng.sample(list(ModeMobilisation), rng.randint(1, 2))),
            mobilisable_par=set(rng.sample(list(PersonneMobilisatrice), rng.randint(1, 2))),
            horaires_accueil=_weighted(rng, HOURS) if rng.random() < 0.65 else None,
        )
        service_rows.append(record.model_dump(mode="json", exclude_none=True))
    return service_rows, structure_rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--structures", type=int, default=80_000)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "synthetic")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    started = time.perf_counter()
    services, structures = generate(args.services, args.structures, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("services", services), ("structures", structures)):
        with (args.out / f"{name}.json").open("w", encoding="utf-8") as f:
            json.dump(rows, f, ensure_ascii=False)
    print(f"{len(services)} services, {len(structures)} structures in {args.out} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
