"""Sizes enforced by the server, not the browser: long texts are no place and no profile, the CLI refuses a number
of 5,000 digits calmly, and a websocket client sending a message of megabytes is cut off while others go on."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import own_loop
import pytest
from test_cli import run

from navigator.person.places import MAX_PLACE_TEXT, PlaceError, PlaceProblem, find_towns, locate
from navigator.person.profile import MAX_PROFILE_CHARS, ProfileError, profile_from_json

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("profile", "words"),
    [
        pytest.param('{"age": ' + "9" * 5000 + "}", "number is far too long", id="an age of 5,000 digits"),
        pytest.param('{"age": ' + "9" * 4000 + "}", "less than or equal to 120", id="an age of 4,000 digits"),
        pytest.param('{"postal_code": "' + "8" * 50_000 + '"}', "postal_code", id="a postal code of 50,000 digits"),
        pytest.param(" " * (MAX_PROFILE_CHARS + 10), "at most", id="a profile of megabytes"),
        pytest.param("[" * 100_000, "not valid JSON", id="JSON nested 100,000 deep"),
    ],
)
def test_the_cli_refuses_oversized_input_with_a_message(profile, words):
    result = run("match", stdin=profile)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr) < 2_000


def test_a_long_text_is_no_place():
    assert find_towns("poitiers " * 100_000) == []
    assert find_towns("x" * (MAX_PLACE_TEXT + 1)) == []
    with pytest.raises(PlaceError) as refused:
        locate("8" * 1_000_000)
    assert refused.value.code is PlaceProblem.FORMAT and len(str(refused.value)) < 200


def test_a_profile_with_a_huge_postal_code_names_the_field():
    with pytest.raises(ProfileError) as refused:
        profile_from_json('{"postal_code": "' + "8" * 50_000 + '"}')
    assert refused.value.problems[0][0] == "postal_code" and len(str(refused.value)) < 300


@pytest.mark.servers
def test_a_client_sending_megabytes_is_cut_off_and_the_others_go_on():
    sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "scripts")]
    from browser_helpers import Server
    from protocol_client import Session, complete_flow

    async def attack(url: str) -> bool:
        """A visitor types 2 MB in the place field (the page allows 80 characters): True if the server cut it off."""
        async with Session(url) as visitor:
            await visitor.run()
            await visitor.run("lang_en")
            for _ in range(5):
                await visitor.run("nav_next")
            visitor.set("q_place", "string", "8" * 2_000_000)
            try:
                await asyncio.wait_for(visitor.run(), timeout=30)
            except Exception:  # noqa: BLE001 (the connection closed by the server, in whatever words)
                return True
            return False

    async def visitor_after(url: str) -> list:
        async with Session(url) as visitor:
            return await complete_flow(visitor, 1)

    server = Server()
    try:
        assert own_loop.run(attack(server.url)), "the server took a 2 MB widget value"
        assert len(own_loop.run(visitor_after(server.url))) == 9
    finally:
        server.stop()
