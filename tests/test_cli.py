"""The command line: every subcommand has --help; bad input exits 2 with a message, never a traceback."""

import contextlib
import io
import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

from navigator.cli import build_parser, main


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run(*args, stdin: str = "") -> Result:
    """The command run in this process (as `python -m navigator ARGS`), its exit status and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    saved_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        sys.stdin = saved_stdin
    return Result(code, out.getvalue(), err.getvalue())


def subcommands() -> list[str]:
    return list(build_parser()._subparsers._group_actions[0].choices)


def test_help_lists_the_subcommands():
    out = run("--help").stdout
    for name in ("validate", "stale", "match", "search", "place"):
        assert name in out


@pytest.mark.parametrize("name", subcommands())
def test_every_subcommand_has_help(name):
    result = run(name, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def test_validate_summarises_a_valid_catalogue():
    result = run("validate")
    assert result.returncode == 0
    assert "programmes valid" in result.stdout and "status:" in result.stdout


def test_validate_lists_every_problem_of_a_broken_catalogue():
    result = run("validate", "tests/fixtures/broken_catalogue")
    assert result.returncode == 1
    assert "contacts.phone" in result.stderr and "wrong-fields.yaml:" in result.stderr and "not-yaml.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_match_prints_json_routes_best_first():
    profile = {"age": 19, "statuses": ["out_of_school"], "projects": ["apprenticeship"], "postal_code": "86000"}
    result = run("match", "--json", stdin=json.dumps(profile))
    routes = json.loads(result.stdout)["routes"]
    assert routes and {"id", "name", "verdict", "reasons", "contacts"} <= set(routes[0])
    assert {r["verdict"] for r in routes} <= {"eligible", "check", "near_miss"}


def test_match_all_adds_the_ineligible_ones():
    few = json.loads(run("match", "--json", stdin='{"projects": ["learn_french"]}').stdout)["routes"]
    every = json.loads(run("match", "--json", "--all", stdin='{"projects": ["learn_french"]}').stdout)["routes"]
    assert len(every) > len(few) and "ineligible" in {r["verdict"] for r in every}


@pytest.mark.parametrize(
    ("stdin", "words"),
    [
        ("{bad json", "not valid JSON"),
        ('{"age": "old"}', "age"),
        ('{"statuses": ["pirate"]}', "job_seeker"),  # names the allowed values
        ('{"postal_code": "12"}', "postal_code"),
        ("[]", "JSON object"),
    ],
)
def test_bad_profiles_exit_2_with_a_message(stdin, words):
    result = run("match", stdin=stdin)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_readable_match_listing_in_another_language():
    result = run("match", "--lang", "en", stdin='{"projects": ["learn_french"], "postal_code": "86000"}')
    assert result.returncode == 0 and "Infolang" in result.stdout


def test_search_json():
    hits = json.loads(run("search", "cours de francais", "--json").stdout)["hits"]
    assert hits and {"id", "name", "score", "matched"} <= set(hits[0])


def test_place_says_where_the_ranking_places_the_person():
    from navigator.person.places import locate, position_of

    home = position_of(locate("75011"))
    assert f"position {home.latitude:.4f}, {home.longitude:.4f} (from: commune)" in run("place", "75011").stdout


def test_place_finds_a_town_or_says_what_is_wrong():
    assert "86000 Poitiers" in run("place", "poitier").stdout
    result = run("place", "99999")
    assert result.returncode == 2 and "not a known" in result.stderr


@pytest.mark.parametrize("limit", ["-5", "0", "1000", "abc"])
def test_a_bad_search_limit_is_a_clear_error(limit):
    result = run("search", "FLE", "--limit", limit)
    assert result.returncode == 2 and "--limit" in result.stderr and "Traceback" not in result.stderr


def test_the_installed_module_runs_as_a_process_and_a_reader_may_stop_early():
    """The one real process (every other test calls the CLI in this one): `python -m navigator export | head -1`
    starts, prints, and the closed pipe is not an error."""
    process = subprocess.Popen([sys.executable, "-m", "navigator", "export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline().strip()
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""
