"""Every programme exports to a service that the open data·inclusion schema's own model accepts."""

import json

import pytest
from data_inclusion.schema.v1 import Service
from test_cli import run

from navigator.catalogue.export import export, to_service, zone_codes


@pytest.fixture(scope="module")
def services(catalogue):
    return export(catalogue)


def test_every_running_programme_with_a_check_date_exports(catalogue, services):
    assert len(services) == len([p for p in catalogue if not p.is_ended and p.last_checked is not None])


def test_an_entry_whose_last_check_is_unknown_is_left_out_rather_than_given_a_date(services):
    assert "navigator--france-travail" not in {s["id"] for s in services}  # data·inclusion requires date_maj


def test_each_export_validates_again(services):
    for service in services:
        Service.model_validate(service)


def test_ended_programmes_are_not_exported(services):
    assert "navigator--mission-locale-agen-carap" not in {s["id"] for s in services}


def test_zones_use_data_inclusion_codes(catalogue):
    assert zone_codes(catalogue.get("france-travail")) == ["france"]
    assert "200070092" in zone_codes(catalogue.get("plateforme-mobilite-libournais"))  # an EPCI
    assert {"75", "77", "78", "91", "92", "93", "94", "95"} <= set(zone_codes(catalogue.get("coopaname")))  # Île-de-France


def test_a_referral_route_is_mobilised_by_professionals(catalogue):
    assert "professionnels" in {m.value for m in to_service(catalogue.get("plateforme-mobilite-libournais")).mobilisable_par}


def test_the_cli_prints_the_export():
    result = run("export")  # in this process; test_cli.py runs the one real process
    assert result.returncode == 0 and json.loads(result.stdout)
    assert "france-travail" in result.stderr and "unknown" in result.stderr
