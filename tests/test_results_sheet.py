"""The results' "Add to my sheet": a toggle button in each card's block, relayed by the screen's one component; what
it says (pressed or not) is what goes on the sheet, and leaving the results for a question starts the choice over."""

import html
import re

from app_helpers import nav, next_, relay_tap, run_flow, texts

from navigator.presentation.sheet import share_query


def pressed(at) -> dict[str, bool]:
    """Each route's "Add to my sheet" on the screen: pressed or not."""
    return {
        i: state == "true"
        for i, state in re.findall(r'data-nav-tap="pick" data-nav-value="([^"]+)" class="nav-pick" aria-pressed="(\w+)"', texts(at))
    }


def shared(at) -> str:
    """The link the take-away's QR code holds."""
    (link,) = re.findall(r'<p class="nav-shared-link"><bdi dir="ltr">([^<]+)</bdi>', texts(at))
    return html.unescape(link)


def test_fresh_routes_are_pressed_and_on_the_sheet_doubtful_ones_not():
    at = run_flow(projects=["learn_french"], place="86000")
    buttons = pressed(at)
    assert buttons["infolang-poitiers"] is False and buttons["ofii-contrat-integration-republicaine"] is True
    on_sheet = [i for i, chosen in buttons.items() if chosen]
    assert shared(at).endswith(share_query(on_sheet, "en"))


def test_a_tap_turns_a_route_over_and_the_sheet_follows():
    at = run_flow(projects=["learn_french"], place="86000")
    at = relay_tap(at, "pick", "collectif-alpha-poitiers")
    assert not at.exception
    assert pressed(at)["collectif-alpha-poitiers"] is True
    assert shared(at).endswith(share_query(["ofii-contrat-integration-republicaine", "collectif-alpha-poitiers"], "en"))
    at = relay_tap(at, "pick", "ofii-contrat-integration-republicaine", n=2)
    buttons = pressed(at)
    assert buttons["collectif-alpha-poitiers"] is True and buttons["ofii-contrat-integration-republicaine"] is False
    assert shared(at).endswith(share_query([i for i, chosen in buttons.items() if chosen], "en"))


def test_a_tap_from_a_screen_already_left_changes_nothing():
    at = run_flow(projects=["learn_french"], place="86000")
    before = pressed(at)
    at = relay_tap(at, "pick", "ofii-contrat-integration-republicaine", screen="s6")
    assert pressed(at) == before


def test_changing_an_answer_starts_the_choice_over_as_the_checkboxes_did():
    at = run_flow(projects=["learn_french"], place="86000")
    before = pressed(at)
    at = relay_tap(at, "pick", "ofii-contrat-integration-republicaine")
    assert pressed(at) != before
    at = nav(at, "results_back").click().run()
    at = next_(at)
    assert pressed(at) == before


def test_the_gentle_question_is_still_offered_after_a_tap():
    """Worked out on the first arrival, drawn in its place at once on the reruns that follow."""
    at = run_flow(place="86000")  # every other question skipped: many routes
    asked = nav(at, "narrow", None).label
    first = next(iter(pressed(at)))
    at = relay_tap(at, "pick", first)
    assert not at.exception
    assert nav(at, "narrow", None).label == asked
