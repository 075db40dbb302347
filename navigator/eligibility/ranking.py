"""Curated and imported routes in one order, nearest first, and a handful per project (the rest behind "show more").

The order, most important first:
1. the verdict (fits you, to check, almost);
1b. fresh information before doubtful (not checked for long, an experiment past its end);
2. the person's first-named project first;
3. how local the zone is: the person's commune, intercommunality, département, région, then national;
4. curated before imported at equal fit (curated entries know ages, French level and languages);
5. within a level, the distance in km between the person's commune and the service (an imported service's own
   coordinates, else its commune's, worked out at import: `directory.service_positions`; a curated programme's
   nearest commune when its zone lists communes or postal codes), when both positions are known — in steps as
   coarse as the person's position is rough (`places.Precision.step_km`), so that a derived position does not
   decide between two services a few km apart; with no position, level only (commune positions:
   navigator/data/positions.csv, `places.position_of`);
6. aimed at the person's situation, then open to all, then aimed at others;
7. without a car: comes to you, remote, on site, itinerant;
8. the name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from navigator.catalogue.data_inclusion.directory import DELIVERY_BIT, PROJECT_BIT, Directory
from navigator.catalogue.data_inclusion.zone_table import COMMUNE, DEPARTEMENT, EPCI, NATIONAL, REGION
from navigator.catalogue.freshness import STALE_AFTER
from navigator.catalogue.models import Zone
from navigator.eligibility.matching import OFFERED, Match, delivery_ranks, rank
from navigator.person.places import Position, km_from, position_of, zone_positions
from navigator.person.profile import Profile
from navigator.vocabulary import Project

#: Routes shown per project before "show more".
SHOWN_PER_PROJECT = 5


def level_of(zone: Zone) -> int:
    """How local a curated zone is, on the same scale as imported ones."""
    if zone.france:
        return NATIONAL
    if zone.communes or zone.postal_codes:
        return COMMUNE
    if zone.epcis:
        return EPCI
    if zone.departements:
        return DEPARTEMENT if len(zone.departements) == 1 else REGION
    return REGION


def curated_km(origin: Position | None, zone: Zone) -> float:
    """km from the person to the nearest commune of a curated zone listing communes or postal codes (0 inside it);
    inf for a wider zone or without positions."""
    if origin is None or not (zone.communes or zone.postal_codes):
        return np.inf
    found = zone_positions(zone.communes, zone.postal_codes)
    return float(km_from(origin, [p.latitude for p in found], [p.longitude for p in found]).min()) if found else np.inf


def distance_steps(origin: Position | None, km: np.ndarray) -> np.ndarray:
    """km as the ranking compares them: whole steps of the person's position's precision (inf stays inf)."""
    return km if origin is None else np.floor(km / origin.precision.step_km)


@dataclass
class ProjectRoutes:
    """One project's routes for a person: how many, by verdict, and the first ones in order."""

    project: Project | None
    total: int
    by_verdict: dict  # Verdict → count
    shown: list[Match] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return self.total - len(self.shown)


@dataclass
class Routes:
    """Every route a person can take, curated and imported, ranked; `projects` holds what a page shows."""

    total: int
    by_verdict: dict
    projects: list[ProjectRoutes]

    def __len__(self) -> int:
        return self.total

    @property
    def ids(self) -> list[str]:
        """Ids of the routes shown, each once, in order."""
        return list(dict.fromkeys(m.programme.id for group in self.projects for m in group.shown))

    @property
    def crowded(self) -> bool:
        """More routes than the page shows at once (some wait behind "show more"): worth narrowing."""
        return any(group.hidden for group in self.projects)


def _reach(delivery_bits: np.ndarray, person: Profile) -> np.ndarray:
    ranks = delivery_ranks(person)
    if ranks is None:
        return np.zeros(len(delivery_bits), dtype=np.int64)
    best = np.full(len(delivery_bits), 9, dtype=np.int64)
    for delivery, value in ranks.items():
        best = np.where((delivery_bits & DELIVERY_BIT[delivery.value]) != 0, np.minimum(best, value), best)
    return np.where(best == 9, 0, best)


def rank_routes(
    person: Profile,
    curated: list[Match],
    directory: Directory | None,
    today: date,
    shown_per_project: dict | int = SHOWN_PER_PROJECT,
) -> Routes:
    """Curated matches (from `match_offered`) and the directory's, in one order, grouped by the person's projects.

    `shown_per_project`: how many to build per project (a number, or project code → number after "show more")."""
    n_cur = len(curated)
    cur_rank = np.array([rank(m.programme, m.verdict, person) for m in curated], dtype=np.int64).reshape(n_cur, 5)
    cur_level = np.array([level_of(m.programme.zone) for m in curated], dtype=np.int64)
    cur_projects = np.array([sum(PROJECT_BIT[p.value] for p in m.programme.projects) for m in curated], dtype=np.int64)
    origin = position_of(person.place)
    cur_km = distance_steps(origin, np.array([curated_km(origin, m.programme.zone) for m in curated], dtype=np.float64))
    if directory is not None and len(directory):
        judged = directory.judge(person, today)
        pos = judged.positions
        imp = {
            "verdict": judged.verdict,
            "project": judged.project,
            "level": judged.level,
            "km": distance_steps(origin, km_from(origin, directory.latitude[pos], directory.longitude[pos])),
            "situation": judged.situation,
            "reach": _reach(directory.delivery_bits[pos], person),
            "name": directory.name_rank[pos],
            "projects": directory.project_bits[pos],
            "doubtful": ((today - date(1970, 1, 1)).days - directory.updated[pos].astype(np.int64) > STALE_AFTER.days).astype(np.int64),
        }
    else:
        judged, pos = None, np.array([], dtype=np.int64)
        imp = {
            key: np.array([], dtype=np.int64)
            for key in ("verdict", "project", "level", "km", "situation", "reach", "name", "projects", "doubtful")
        }
    n_imp = len(pos)
    origin = np.concatenate([np.zeros(n_cur, dtype=np.int64), np.ones(n_imp, dtype=np.int64)])
    verdict = np.concatenate([cur_rank[:, 0], imp["verdict"]])
    keys = (
        np.concatenate([np.arange(n_cur), imp["name"]]),  # curated keep match_offered's order among themselves
        np.concatenate([cur_rank[:, 4], imp["reach"]]),
        np.concatenate([cur_rank[:, 3], imp["situation"]]),
        np.concatenate([cur_km, imp["km"]]),
        origin,
        np.concatenate([cur_level, imp["level"]]),
        np.concatenate([cur_rank[:, 1], imp["project"]]),
        np.concatenate([np.array([m.doubtful for m in curated], dtype=np.int64), imp["doubtful"]]),
        verdict,
    )
    order = np.lexsort(keys)  # the last key sorts first
    projects_bits = np.concatenate([cur_projects, imp["projects"]])

    def build(i: int) -> Match:
        if i < n_cur:
            return curated[i]
        k = i - n_cur
        reasons, warnings = judged.reasons(k)
        return Match(directory.route(int(pos[k])), OFFERED[int(verdict[i])], reasons, warnings)

    groups = []
    for project in person.projects or [None]:
        in_project = order if project is None else order[(projects_bits[order] & PROJECT_BIT[project.value]) != 0]
        limit = (
            shown_per_project
            if isinstance(shown_per_project, int)
            else shown_per_project.get(project.value if project else "", SHOWN_PER_PROJECT)
        )
        counts = np.bincount(verdict[in_project], minlength=len(OFFERED))
        groups.append(
            ProjectRoutes(
                project,
                len(in_project),
                {v: int(c) for v, c in zip(OFFERED, counts, strict=True) if c},
                [build(int(i)) for i in in_project[: max(0, limit)]],
            )
        )
    counts = np.bincount(verdict, minlength=len(OFFERED))
    return Routes(n_cur + n_imp, {v: int(c) for v, c in zip(OFFERED, counts, strict=True) if c}, groups)
