"""The results worked out while the visitor is still on the last question: the pause before "See my results" is used.

When the screen shown leads to the results with its Next (the place screen, or a question opened from the results) and
has an answer, `prepare(answers)` hands the results' work for these answers — the profile, the matches, the ranked
routes, the gentle question, the cards shown first — to one worker thread of the process; the visitor reads, thinks,
taps. On the results screen, `adopt(answers)` takes that work, if it was done for the very same answers, catalogue, day
and "show more", and puts it where the results screen keeps its own (results.profile_of, matched, narrowing), which then
find it there. Work not started yet is called off and done in the run as before (in a burst, behind other visitors'
work, the run would wait longer for it than it takes); work under way is waited for. While the worker is busy with
one visitor's work, no other is started: work ahead pays where the server has time between taps, and in a rush it would
only move each visitor's work onto the others' taps.

Nothing is shared between visitors: the work is for one session's answers, and its result is kept in that session only.
The worker calls no Streamlit function: results.read_profile, routes_for, narrowing_for and cards_for are plain domain
and presentation work. Any failure there is logged and the results screen works them out itself, as without it.
"""

from __future__ import annotations

import copy
import logging
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st

from navigator.ui import results
from navigator.ui.resources import get_catalogue
from navigator.ui.session_keys import Key
from navigator.ui.state import kiosk_enabled, lang, results_lang, today

log = logging.getLogger(__name__)

#: One worker for the process: the interpreter runs one thread at a time, so more would only queue differently.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="results-ahead")
#: Work handed to the worker and not yet done or called off. Work ahead pays where the server has time between taps;
#: when it is already busy with another visitor's, a new one is not started (its visitor's results screen does it).
_pending: set[Future] = set()


def _work(answers: dict, loaded, day, shown: dict, drawn: tuple[str, str, bool]) -> tuple:
    """What the results screen works out on its first arrival, for these answers: (profile, problems, profile as
    JSON), and (matches, ranked routes, the gentle question or None when the routes are not crowded, the cards shown
    first, `drawn` in (language, staff's language, kiosk))."""
    profile = results.read_profile(answers)
    person = profile[0]
    curated, routes = results.routes_for(person, loaded, day, shown)
    found = results.narrowing_for(person, loaded, day, curated) if routes and routes.crowded else None
    return profile, (curated, routes, found, results.cards_for(routes, *drawn))


def _basis(answers: dict, loaded, day, shown: dict) -> tuple:
    """What the work is done for: the answers written out, the catalogue, the day and "show more"."""
    return results.answers_basis(answers), id(loaded), day, shown


def prepare(answers: dict) -> None:
    """Start working out the results for these answers (see the module's docstring), unless that is under way or done
    already; work for answers since changed is called off if it has not started."""
    loaded, _error = get_catalogue()
    if loaded is None:
        return
    shown = dict(st.session_state.get(Key.SHOWN_PER_PROJECT, {}))
    day = today()
    basis = _basis(answers, loaded, day, shown)
    kept = st.session_state.get(Key.AHEAD)
    if kept is not None:
        if kept[0] == basis:
            return
        kept[1].cancel()
        del st.session_state[Key.AHEAD]
    if _pending:
        return
    answers = copy.deepcopy(answers)  # the worker reads its own copy, whatever the session does meanwhile
    drawn = (results_lang(), lang(), kiosk_enabled())
    future = _WORKER.submit(_work, answers, loaded, day, shown, drawn)
    _pending.add(future)
    future.add_done_callback(_pending.discard)
    st.session_state[Key.AHEAD] = (basis, future)


def adopt(answers: dict) -> bool:
    """On the results screen: put the work `prepare` did for these answers where results.page keeps its own; whether
    it did. Work for other answers (or another catalogue, day or "show more") is dropped."""
    kept = st.session_state.pop(Key.AHEAD, None)
    if kept is None:
        return False
    basis, future = kept
    loaded, _error = get_catalogue()
    shown = dict(st.session_state.get(Key.SHOWN_PER_PROJECT, {}))
    if loaded is None or basis != _basis(answers, loaded, today(), shown):
        future.cancel()
        return False
    if future.cancel():  # not started yet: the results screen does it at once rather than wait behind others' work
        return False
    done = _result(future)
    if done is None:
        return False
    profile, worked = done
    results.keep_worked_out(basis[0], profile, loaded, basis[2], shown, worked)
    return True


def _result(future: Future) -> tuple | None:
    try:
        return future.result()
    except Exception:  # the results screen works them out itself
        log.exception("working out a visitor's results beforehand failed; the results screen does it")
        return None
