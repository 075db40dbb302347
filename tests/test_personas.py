"""Persona cases from tests/cases/personas.yaml: who must be offered what, and why."""

from pathlib import Path

import pytest
import yaml
from factories import TODAY

from navigator.eligibility import match, offered
from navigator.person.profile import parse_profile
from navigator.vocabulary import Verdict

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "personas.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_persona(case, catalogue):
    results = match(parse_profile(case["profile"]), catalogue, TODAY)
    verdicts = {m.programme.id: m.verdict for m in results}
    shown = {m.programme.id for m in offered(results)}
    for programme_id in case.get("offered", []):
        assert programme_id in shown, f"{programme_id} should be offered ({verdicts.get(programme_id)})"
    for programme_id in case.get("not_offered", []):
        assert programme_id not in shown, f"{programme_id} should not be offered ({verdicts.get(programme_id)})"
    for programme_id, verdict in case.get("verdicts", {}).items():
        assert verdicts[programme_id] is Verdict(verdict)
    if case.get("no_eligible"):
        assert Verdict.ELIGIBLE not in {verdicts[i] for i in shown}


def test_there_are_at_least_20_personas():
    assert len(CASES) >= 20


def test_every_programme_id_named_in_a_case_exists(catalogue):
    named = {i for c in CASES for key in ("offered", "not_offered") for i in c.get(key, [])} | {
        i for c in CASES for i in c.get("verdicts", {})
    }
    assert named <= {p.id for p in catalogue}


def test_every_active_programme_is_reached_by_some_persona(catalogue):
    reached = {i for c in CASES for i in c.get("offered", [])} | {
        i for c in CASES for i, v in c.get("verdicts", {}).items() if v != "ineligible"
    }
    active = {p.id for p in catalogue if not p.is_ended}
    assert active - reached == set(), "add a persona case for these programmes"
