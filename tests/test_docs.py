"""The documentation says what the code does: every environment variable the code reads and every CLI command is in
the README, and every code a curator may write is listed in catalogue/README.md (completeness by construction)."""

import re
from pathlib import Path

import pytest

from navigator.catalogue import models
from navigator.cli import build_parser
from navigator.vocabulary import AccessMode, Delivery, FrenchLevel, Lifecycle, Prescriber, Project, Status

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CATALOGUE_README = (ROOT / "catalogue" / "README.md").read_text(encoding="utf-8")
#: Read only by the test scripts, not by the app: documented in the test section, not the configuration table.
TEST_ONLY = {"NAVIGATOR_TEST_POSTGRES_URL", "NAVIGATOR_TEST_SERVERS"}


def variables_read_by_the_code() -> set[str]:
    found = set()
    for path in [*(ROOT / "navigator").rglob("*.py"), *(ROOT / "scripts").rglob("*"), ROOT / "run.sh", ROOT / "test.sh"]:
        if path.is_file():
            found |= set(re.findall(r"\bNAVIGATOR_[A-Z][A-Z0-9_]*\b", path.read_text(encoding="utf-8", errors="replace")))
    return found - TEST_ONLY


def test_the_code_reads_some_variables():
    assert {"NAVIGATOR_KIOSK", "NAVIGATOR_STAFF_KEY"} <= variables_read_by_the_code()


@pytest.mark.parametrize("variable", sorted(variables_read_by_the_code()))
def test_every_environment_variable_is_in_the_readme(variable):
    assert f"`{variable}" in README, f"{variable} is read by the code but not documented in README.md"


@pytest.mark.parametrize("command", sorted(build_parser()._subparsers._group_actions[0].choices))
def test_every_cli_command_is_in_the_readme(command):
    assert re.search(rf"python -m navigator {re.escape(command)}\b", README), f"`python -m navigator {command}` is not in README.md"


@pytest.mark.parametrize(
    "vocabulary", [Project, Status, FrenchLevel, AccessMode, Prescriber, Delivery, Lifecycle], ids=lambda v: v.__name__
)
def test_every_code_a_curator_may_write_is_in_the_catalogue_guide(vocabulary):
    missing = [member.value for member in vocabulary if f"`{member.value}`" not in CATALOGUE_README]
    assert missing == [], f"catalogue/README.md does not list {missing}"


def test_every_programme_field_is_in_the_catalogue_guide():
    missing = [name for name in models.Programme.model_fields if f"`{name}`" not in CATALOGUE_README]
    assert missing == [], f"catalogue/README.md does not describe {missing}"
