"""Build navigator/data/places.csv from Etalab's découpage administratif (npm package).

    npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
    python scripts/build_places.py package/data

One row per (postal code, commune): commune INSEE code and name, département,
région, EPCI (SIREN). Plus departements.csv and regions.csv for their names.
Licence of the source data: MIT (Etalab); see navigator/data/README.md.
"""

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "navigator" / "data"


def main(source: Path) -> None:
    communes = json.loads((source / "communes.json").read_text())
    epci_of = {m["code"]: e["code"] for e in json.loads((source / "epci.json").read_text()) for m in e["membres"]}
    rows = []
    for c in communes:
        if c["type"] != "commune-actuelle":
            continue
        for postal_code in c.get("codesPostaux", []):
            rows.append(
                (postal_code, c["code"], c["nom"], c["departement"], c["region"], epci_of.get(c["code"], ""), c.get("population", 0))
            )
    rows.sort()
    with (OUT / "places.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["postal_code", "commune", "name", "departement", "region", "epci", "population"])
        writer.writerows(rows)
    for kind, fields in (("departements", ["code", "nom", "region"]), ("regions", ["code", "nom"])):
        items = json.loads((source / f"{kind}.json").read_text())
        with (OUT / f"{kind}.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(fields)
            writer.writerows([item[k] for k in fields] for item in items)
    epcis = json.loads((source / "epci.json").read_text())
    with (OUT / "epcis.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "nom"])
        writer.writerows((e["code"], e["nom"]) for e in epcis)
    print(f"{len(rows)} postal code rows written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "package/data"))
