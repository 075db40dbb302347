"""Test data: a tiny factory of valid programmes as dicts (`defaults | overrides`), a fixed day, and the shipped
catalogue loaded once per test run."""

from copy import deepcopy
from datetime import date
from functools import cache

from navigator.catalogue.loading import Catalogue, load_catalogue
from navigator.catalogue.models import Programme

#: A fixed day for rules that depend on the date (staleness, experiments' ends).
TODAY = date(2026, 11, 23)


@cache
def shipped_catalogue() -> Catalogue:
    """The catalogue shipped in catalogue/, validated, loaded once per test run (the `catalogue` fixture is the same)."""
    return load_catalogue()


DEFAULTS = {
    "id": "test-programme",
    "name": {"fr": "Programme test", "en": "Test programme"},
    "organisation": "Association test",
    "summary": {"fr": "Un résumé d'une ligne.", "en": "A one-line summary."},
    "description": {"fr": "Une description.", "en": "A description."},
    "kind": "accompagnement",
    "thematiques": ["trouver-un-emploi--repondre-a-des-offres-demploi"],
    "publics": ["demandeurs-emploi"],
    "projects": ["find_job"],
    "zone": {"name": "France", "france": True},
    "access": {"modes": ["walk_in"], "how": {"fr": "Venez sur place."}},
    "delivery": ["on_site"],
    "contacts": {"how_to_reach": {"fr": "Demandez à l'accueil."}},
    "status": {"state": "active"},
    "source": {"file": "004_51e17562872d0b9c.txt", "title": "Un article"},
    "last_checked": "2026-01-15",
}


#: Overrides of these fields are merged into the defaults; other fields are replaced.
MERGED = {"audience", "access", "contacts", "status"}


def programme_data(**overrides) -> dict:
    data = deepcopy(DEFAULTS)
    for key, value in overrides.items():
        if isinstance(value, dict) and key in MERGED:
            data[key] = data.get(key, {}) | value
        else:
            data[key] = value
    return data


def make_programme(**overrides) -> Programme:
    return Programme.model_validate(programme_data(**overrides))


def programme_file(**overrides) -> dict:
    """A programme as its file holds it: French texts only (their translations are in catalogue.po)."""
    data = programme_data(**overrides)
    for key in ("name", "summary", "description"):
        if isinstance(data.get(key), dict):
            data[key] = {"fr": data[key]["fr"]}
    return data
