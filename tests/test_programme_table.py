"""The catalogue's shapes, read once for both indexes, say what each programme says."""

import pytest

from navigator.eligibility import CandidateIndex
from navigator.indexing.programme_table import ZONE_KINDS, Shapes
from navigator.search.index import SearchIndex


@pytest.fixture(scope="module")
def shapes(catalogue):
    return Shapes(catalogue.programmes)


def positions(catalogue, holds):
    return [i for i, p in enumerate(catalogue.programmes) if holds(p)]


def test_programmes_by_project_are_those_serving_it(catalogue, shapes):
    for project, found in shapes.by_project.items():
        assert found.tolist() == positions(catalogue, lambda p, project=project: project in {x.value for x in p.projects})


def test_programmes_by_situation_are_those_aiming_at_or_requiring_it(catalogue, shapes):
    def situations(p):
        return {s.value for s in (*p.audience.statuses_aimed, *p.audience.statuses_required)}

    every = {s for p in catalogue.programmes for s in situations(p)}
    assert set(shapes.by_status) == every
    for status, found in shapes.by_status.items():
        assert found.tolist() == positions(catalogue, lambda p, status=status: status in situations(p))


def test_programmes_by_zone_code_are_those_whose_zone_lists_it(catalogue, shapes):
    for (kind, code), found in shapes.by_zone_code.items():
        assert kind in ZONE_KINDS
        assert found.tolist() == positions(catalogue, lambda p, kind=kind, code=code: code in getattr(p.zone, kind + "s"))


def test_ended_programmes_are_flagged(catalogue, shapes):
    assert shapes.ended.tolist() == [p.is_ended for p in catalogue.programmes]
    assert shapes.ended.any()  # CARAP has ended


def test_shapes_built_for_other_programmes_are_refused(catalogue, shapes):
    with pytest.raises(ValueError, match="shapes built for"):
        SearchIndex(catalogue.programmes[:3], shapes)
    with pytest.raises(ValueError, match="shapes built for"):
        CandidateIndex(catalogue.programmes[:3], shapes)
