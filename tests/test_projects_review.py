"""A stated project finds every programme that serves it: the projects a programme's thématiques suggest are in its
`projects`, or reviewed and left out with a reason (tests/cases/projects_review.yaml)."""

from pathlib import Path

import pytest
import yaml

from navigator.catalogue.data_inclusion.mapping import mapping

REVIEWED = yaml.safe_load((Path(__file__).parent / "cases" / "projects_review.yaml").read_text(encoding="utf-8"))


def suggested(programme) -> set[str]:
    return set(mapping().apply("thematiques", [t.value if hasattr(t, "value") else t for t in programme.thematiques]))


def test_every_project_a_programme_s_thematiques_suggest_is_served_or_reviewed(catalogue):
    unreviewed = {}
    for p in catalogue:
        left_out = suggested(p) - {project.value for project in p.projects} - set(REVIEWED.get(p.id, {}))
        if left_out:
            unreviewed[p.id] = sorted(left_out)
    assert unreviewed == {}, "add these to the programme's projects, or say why not in tests/cases/projects_review.yaml"


def test_every_reviewed_reason_still_applies(catalogue):
    """A reason for a programme that now serves the project, or whose thématiques no longer suggest it, is stale."""
    by_id = {p.id: p for p in catalogue}
    stale = [
        (programme_id, project)
        for programme_id, reasons in REVIEWED.items()
        for project in reasons
        if programme_id not in by_id
        or project in {x.value for x in by_id[programme_id].projects}
        or project not in suggested(by_id[programme_id])
    ]
    assert stale == []


@pytest.mark.parametrize("programme_id", sorted(REVIEWED))
def test_each_reason_is_a_sentence(programme_id):
    assert all(isinstance(reason, str) and len(reason.split()) >= 5 for reason in REVIEWED[programme_id].values())
