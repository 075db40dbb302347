"""Every key this app keeps in a visitor's session, named once.

Answers to the guided flow live under `answer_key(question)`; everything else is listed here. Nothing in a session is
shared with another visitor, and Start over clears all of it (kiosk mode excepted, see `state.start_over`).
"""

from __future__ import annotations

from enum import StrEnum

from navigator.person.answers import Question


class Key(StrEnum):
    LANG = "lang"  # the interface language
    VISITOR_LANG = "visitor_lang"  # assisted mode: the language results come out in
    HEADER_LANG = "header_lang"  # the header's language selector
    LAST_ACTIVITY = "last_activity"  # monotonic time of the last interaction (kiosk reset)
    KIOSK = "kiosk"  # kiosk mode switched on by the URL key
    STEP = "step"  # the guided flow's screen
    SHOWN_STEP = "shown_step"  # the screen last shown (a new one is scrolled to its top)
    SCREEN_TOKEN = "screen_token"  # the screen shown, a new token each time one is shown (flow.screen_token)
    PLACE_TEXT = "q_place"  # the place as typed
    POSTAL_CODE = "postal_code"  # the place, once located
    PLACE_ERROR = "place_error"  # why the typed place was not understood
    PLACE_READING = "place_reading"  # the typed place read (towns to choose from), for the text it was read from
    PAGES = "pages"  # this run's st.Page objects, for page links and switches
    LEFT_SHARED = "left_shared"  # the visitor left a shared link's routes for their own search
    FLOW_COUNTED = "flow_counted"  # statistics: this flow's results were counted
    SHARED_COUNTED = "shared_counted"  # statistics: this shared page was counted
    STAFF_UNLOCKED = "staff_unlocked"  # the staff key was given in this session (only that it was right)
    STAFF_KEY_INPUT = "staff_key_input"  # the staff key field (emptied as soon as it is checked)
    STAFF_KEY_WAIT = "staff_key_wait"  # after a refused staff key: seconds to wait before the next try (0: none)
    GO_HOME = "go_home"  # set by a reset: the next run cleans the address and shows the first screen
    STAFF_COUNTED_QUERY = "staff_counted_query"  # statistics: last staff search counted
    STAFF_COUNTED_CARD = "staff_counted_card"  # statistics: last staff card counted
    SHOWN_PER_PROJECT = "shown_per_project"  # results: how many routes each project shows ("show more")
    PROFILE = "profile"  # results: the profile read from the answers, for the answers it was read from
    MATCHED = "matched"  # results: the matched and ranked routes, for the answers (and "show more") they were worked out for
    NARROWING = "narrowing"  # results: the question that would narrow the routes most, for the answers it was worked out for
    AHEAD = "ahead"  # results: their work started on the last question, for the answers it is for (ahead.py)
    ON_SHEET = "on_sheet"  # the ids of the routes on the sheet last offered (its download's tap counts them)
    BACK_TO_RESULTS = "back_to_results"  # a question opened from the results: its buttons lead back to them
    FRAME_LANG = "frame_lang"  # the language the page's frame (header, style, titles, footer) was last drawn in
    RELAY = "_nav_relay"  # the tap relay's bookkeeping, by component (listen._relay)


#: Survive Start over and the inactivity reset: a kiosk stays a kiosk for the next visitor.
KEPT_ON_RESET = (Key.KIOSK,)


def answer_key(question: Question) -> str:
    """The session key holding the answer to `question` (a widget's, or the answers' buttons', flow.py)."""
    return f"q_{question.key}"


def pick_key(programme_id: str) -> str:
    """The "add to my sheet" checkbox of one route."""
    return f"pick_{programme_id}"
