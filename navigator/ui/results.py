"""Results grouped by what the person wants to do; the shared-link view; the take-away sheet."""

from __future__ import annotations

from functools import lru_cache, partial

import streamlit as st
from babel.numbers import format_decimal

from navigator.eligibility import match_offered
from navigator.eligibility.narrowing import Narrowing, narrowing_question, offered_routes
from navigator.eligibility.ranking import SHOWN_PER_PROJECT, rank_routes
from navigator.i18n import N_, babel_locale, translator
from navigator.person.answers import profile_from_answers
from navigator.presentation.cards import card_html, safe
from navigator.presentation.contact_details import now_in_france
from navigator.presentation.labels import icon, label
from navigator.presentation.sheet import SHARED_MAX, qr_data_uri, route_ids, share_query, sheet_html
from navigator.speech import card_utterance
from navigator.statistics.store import Metric, flow_items
from navigator.ui.listen import Tap, card_button, listen, listen_cards, tap, tap_button
from navigator.ui.markup import blocks, show
from navigator.ui.printing import print_document
from navigator.ui.resources import count, get_catalogue
from navigator.ui.session_keys import Key, pick_key
from navigator.ui.sheet_download import sheet_label, sheet_link
from navigator.ui.state import kept_for, kiosk_enabled, results_lang, start_over, today, touch, tr
from navigator.ui.state import lang as ui_lang
from navigator.vocabulary import Project, Verdict

#: General entry points offered when nothing fits.
ENTRY_POINTS = ("mission-locale", "france-travail", "infolang-poitiers")
GROUPS = (
    (Verdict.ELIGIBLE, "✅", N_("These fit you")),
    (Verdict.CHECK, "❓", N_("To check with them")),
    (Verdict.NEAR_MISS, "🔸", N_("Almost: what is missing")),
)


@lru_cache(maxsize=1024)
def number(n: int, lang: str) -> str:
    """A count written as `lang` writes numbers (Babel takes a tenth of a millisecond each time)."""
    return format_decimal(n, locale=babel_locale(lang))


def _show_cards(key: str, programmes, lang: str) -> None:
    """Cards without a match (a shared link), each with its listen button: one element. The screen's component also
    relays a tap on the sheet's download link, for the statistics."""
    listen_cards(key, programmes, lang, screen=SHARED_SCREEN, on_tap=_on_shared_tap)
    if programmes:
        show(plain_cards(programmes, lang))


def plain_cards(programmes, lang: str) -> str:
    """Cards without a match, each with its listen button, as one block of HTML."""
    kiosk = kiosk_enabled()
    return blocks(*(card_html(p, lang, today(), kiosk=kiosk) + card_button(p.id, lang) for p in programmes))


def route_card(m, lang: str, staff_lang: str, kiosk: bool) -> str:
    """A route's card with its listen button (answered by the screen's component); in assisted mode (`staff_lang`, the
    interface's, is not the visitor's `lang`), the visitor's card (right to left where their language is) with the
    French one beside it for the member of staff, as two columns would show them (`.nav-pair`, one under the other on
    a phone)."""
    card = card_html(m.programme, lang, today(), m, kiosk=kiosk) + card_button(m.programme.id, lang)
    if lang == staff_lang:
        return card
    french = card_html(m.programme, staff_lang, today(), m, kiosk=kiosk)
    return f'<div class="nav-pair"><div>{card}</div><div>{french}</div></div>'


#: The screen token the shared page's component relays taps with (the sheet's download link only).
SHARED_SCREEN = "shared"


def _on_shared_tap(found: Tap) -> None:
    if found.name == "sheet":
        counted_download()


#: The key of that component.
RELAY = "listen_cards_results"


def pick_button(programme_id: str, chosen: bool) -> str:
    """A card's "Add to my sheet" (in the screens' language, as the checkbox it replaces was): a toggle button,
    pressed while the route is on the sheet, relayed by the screen's component; its box is drawn by style.py."""
    _ = tr()  # `_(…)`: the message id is extracted into messages.pot
    box = '<span class="nav-pick-box" aria-hidden="true"></span>'
    return tap_button("pick", programme_id, box + safe(_("Add to my sheet")), class_="nav-pick", aria_pressed=str(chosen).lower())


def leave(then, *args) -> None:
    """Leave the results for a question (`then(*args)`): the "Add to my sheet" choices go, as the checkboxes they
    replaced went with the screen, so the results shown again start from the routes pre-chosen."""
    for key in [k for k in st.session_state if str(k).startswith(pick_key(""))]:
        del st.session_state[key]
    then(*args)


def button(key: str, name: str, value: str, text: str) -> str:
    """A full-width button of the results (as the `st.button` it replaces was, `.nav-button` in style.py), relayed by
    the screen's component, in an element of the class its widget had (`st-key-<key>`), which the tests find."""
    return f'<div class="st-key-{key} nav-results-button">{tap_button(name, value, safe(text), class_="nav-button")}</div>'


#: Projects a "Show more" may name ("" for routes under no project).
_PROJECTS = frozenset({p.value for p in Project} | {""})


def _on_tap(on_back, ask, prompts, found: Tap) -> None:
    """A relayed tap on the results: a card's "Add to my sheet" turns over; Change my answers, the gentle question,
    Show more and Start over do what their buttons did; a tap on the sheet's download link is counted. (Print is
    answered in the run: `printing`.) A double tap is one: listen.tap answers one tap per drawing, and "Show more"
    names how many routes were shown."""
    if found.name == "pick" and pick_key(found.value) in st.session_state:  # only a card drawn (its key set then)
        key = pick_key(found.value)
        st.session_state[key] = not st.session_state[key]
    elif found.name == "results_back":
        leave(on_back)
    elif found.name == "narrow" and ask and prompts and found.value in prompts:
        leave(ask, found.value)
    elif found.name == "more":
        project, _sep, shown = found.value.rpartition(":")
        if project in _PROJECTS and shown.isdigit() and int(shown) < 1000:
            _show_more(project, int(shown))
    elif found.name == "start_over":
        start_over()
    elif found.name == "sheet":
        counted_download()


def counted_download() -> None:
    """A tap on the sheet's download link (the browser fetches the file from sheet_download.py's path): the routes
    on the sheet are counted as printed, as a tap on Print counts them."""
    count([(Metric.ROUTE_PRINTED, i) for i in st.session_state.get(Key.ON_SHEET, ())])


def printing() -> bool:
    """Whether this run answers a tap on the results' Print (relayed by the screen's component)."""
    found = tap(RELAY)
    return found is not None and found.name == "print"


def share_button(link: str, title: str, label: str) -> str:
    """The system share sheet's button (Web Share API): the screen's component hands it the link when tapped, and
    shows it only where the browser can share (listen.js; never drawn on a kiosk). No script of its own."""
    return f'<button type="button" class="nav-share" data-nav-share="{safe(link)}" data-nav-title="{safe(title)}">📤 {safe(label)}</button>'


def caption(text: str) -> str:
    """Small print as `st.caption` shows it (`.nav-caption` in style.py), for a block of HTML."""
    return f'<div class="nav-caption"><p>{safe(text)}</p></div>'


def _link(programmes, lang: str) -> str:
    """The shared link of these routes: this page's address with their codes and the language."""
    return f"{(st.context.url or '').split('?')[0]}?{share_query([p.id for p in programmes], lang)}"


def take_away(programmes, lang: str, relayed: bool = False) -> str:
    """Link, QR code and printable sheet for the chosen routes, as one block of HTML. The link holds route ids and the
    language only. `relayed` (the results screen, whose component relays taps): the block is returned, with Print as
    an HTML button, for the caller to draw with what follows it (`print_now` answers the button); else it is drawn
    here, with Print as an `st.button`. Off a kiosk it also offers the phone's share sheet and the sheet to download
    (a link to sheet_download.py's path, its tap relayed for the statistics)."""
    _ = tr()
    if not programmes:
        return ""
    kiosk = kiosk_enabled()
    ids = tuple(p.id for p in programmes)
    st.session_state[Key.ON_SHEET] = ids
    kept = st.session_state[Key.MATCHED][4] if relayed else {}  # the results': made once per routes on the sheet
    key = (ids, lang, ui_lang(), kiosk, st.context.url)
    if kept.get("take_away", (None,))[0] == key:
        return kept["take_away"][1]
    link = _link(programmes, lang)
    alt = _("QR code: scan it with your phone to open these results")
    heading = _("Take it with you")
    heading = f'<div class="nav-headings"><h2>📲 {safe(heading)}</h2></div>'  # as markdown draws it
    parts = [heading, f'<img alt="{safe(alt)}" src="{qr_data_uri(link)}" width="220" height="220">']  # with the QR code: one element
    if len(programmes) > SHARED_MAX:
        held = _("The code and the link hold your first {n} routes; the sheet holds them all.")
        parts.append(caption("ℹ️ " + held.format(n=number(SHARED_MAX, lang))))
    parts.append(caption(_("Scan this code with your phone's camera, or copy the link:")))
    parts.append(f'<p class="nav-shared-link"><bdi dir="ltr">{safe(link)}</bdi></p>')
    if not kiosk:  # a phone's own share sheet, where the browser has one, and the sheet to keep: never on a kiosk
        parts.append(share_button(link, _("My routes"), _("Share")))
        parts.append(sheet_link([p.id for p in programmes], lang, sheet_label(lang)))
    if relayed:
        parts.append(button("print_sheet", "print", "", "🖨️ " + _("Print")))
        kept["take_away"] = (key, blocks(*parts))
        return kept["take_away"][1]
    show(blocks(*parts))
    if st.button("🖨️ " + _("Print"), key="print_sheet", use_container_width=True):
        print_now(programmes, lang)
    return ""


def print_now(programmes, lang: str) -> None:
    """Print's answer: the sheet handed to the device's print window (counted), and what to do if none opens."""
    _ = tr()
    count([(Metric.ROUTE_PRINTED, p.id) for p in programmes])
    print_document(sheet_html(programmes, lang, today(), _("My routes"), _link(programmes, lang)))
    st.caption("🖨️ " + _("If no print window opens, this device cannot print: scan the code with your phone, or ask at the desk."))


def entry_points(catalogue) -> list:
    """The general entry points, when nothing fits."""
    return [p for p in map(catalogue.get, ENTRY_POINTS) if p is not None and not p.is_ended]


def _show_more(project: str, shown: int) -> None:
    """The next handful of one project's routes."""
    touch()
    st.session_state[Key.SHOWN_PER_PROJECT] = st.session_state.get(Key.SHOWN_PER_PROJECT, {}) | {project: shown + SHOWN_PER_PROJECT}


def profile_of(answers: dict) -> tuple:
    """The profile for these answers, the problems found in them, and the profile as JSON (the key of what is kept
    for it), worked out once for these answers (kept in the session): a rerun of the results screen with the same
    answers neither reads them into a profile again nor writes it out."""
    return kept_for(Key.PROFILE, answers_basis(answers), lambda: read_profile(answers))


def answers_basis(answers: dict) -> str:
    """What the profile read from these answers is kept for: the answers themselves, written out."""
    return repr(sorted(answers.items()))


def read_profile(answers: dict) -> tuple:
    """The profile for these answers, the problems found in them, and the profile as JSON."""
    person, problems = profile_from_answers(answers)
    return person, problems, person.model_dump_json()


def matched(person, said: str, loaded):
    """The curated matches and the ranked routes for these answers (`said`: the profile as JSON), worked out once
    (kept in the session): a tick, a "show more" or any other rerun of the results screen does not match the
    catalogue again. (No spinner: it takes a few milliseconds, and a spinner starts a thread and sends a message on
    every first arrival.)"""
    shown = st.session_state.get(Key.SHOWN_PER_PROJECT, {})
    key = matched_key(said, today(), shown)
    kept = st.session_state.get(Key.MATCHED)
    if kept is None or kept[0] != key or kept[1] is not loaded:
        kept = (key, loaded, *routes_for(person, loaded, today(), shown), {})
        st.session_state[Key.MATCHED] = kept
    return kept[2], kept[3]


def matched_key(said: str, day, shown: dict) -> tuple:
    """What the matches are kept for: the profile as JSON, the day and how many routes each project shows."""
    return said, day, tuple(sorted(shown.items()))


def keep_worked_out(basis: str, profile: tuple, loaded, day, shown: dict, worked: tuple) -> None:
    """Keep in the session what `profile_of`, `matched`, `narrowing` and `kept_card` would work out for answers
    written out as `basis` (`answers_basis`), worked out beforehand (`ahead.py`): `profile` as `read_profile` gives
    it, `worked` as (matches, ranked routes, the gentle question, cards by `kept_card`'s key)."""
    curated, routes, found, cards = worked
    said = profile[2]
    st.session_state[Key.PROFILE] = (basis, profile)
    st.session_state[Key.MATCHED] = (matched_key(said, day, shown), loaded, curated, routes, cards)
    if routes and routes.crowded:  # the only results that ask the gentle question
        st.session_state[Key.NARROWING] = ((said, id(loaded)), found)


def routes_for(person, loaded, day, shown: dict) -> tuple:
    """The curated matches and the ranked routes (curated and the directory's) of a profile on `day`, `shown` routes
    of each project (`matched` keeps them; `ahead.py` works them out beforehand)."""
    curated = match_offered(person, loaded.candidates, day)
    return curated, rank_routes(person, curated, loaded.directory, day, shown)


def narrowing_for(person, loaded, day, curated) -> Narrowing | None:
    """The question that would narrow a profile's routes most (`curated`: its matches), or None."""
    routes_of = offered_routes(loaded.candidates, loaded.directory, day, (person, curated))
    return narrowing_question(person, [m.programme for m in curated], routes_of)


def kept_card(m, lang: str, staff_lang: str, kiosk: bool, cards: dict) -> str:
    """A route's card (`route_card`) made once for these answers (kept in `cards`, with the matches in the session: its
    reasons speak of the person), again each minute for a card with opening hours ("open now")."""
    minute = now_in_france().strftime("%H:%M") if m.programme.contacts.opening_hours else None
    key = (m.programme.id, lang, staff_lang, kiosk, minute)
    if key not in cards:
        cards[key] = route_card(m, lang, staff_lang, kiosk)
    return cards[key]


def cards_for(routes, lang: str, staff_lang: str, kiosk: bool) -> dict:
    """The cards of every route the results show first (`kept_card`'s, made beforehand by `ahead`)."""
    cards: dict = {}
    for group_of_project in routes.projects:
        for m in group_of_project.shown:
            kept_card(m, lang, staff_lang, kiosk, cards)
    return cards


def narrowing(person, said: str, loaded, curated) -> Narrowing | None:
    """The question that would narrow these routes most, worked out once for these answers (kept in the session)."""

    return kept_for(Key.NARROWING, (said, id(loaded)), lambda: narrowing_for(person, loaded, today(), curated))


def ask_gently(found: Narrowing, prompts: dict) -> str:
    """One short line and a button (HTML): the answer that would narrow the routes most; the button opens its
    question (relayed by the screen's component, `_on_tap`)."""
    _ = tr()
    pictogram, question = prompts[found.question]
    line = "💡 " + _("Many routes fit. If you wish, one more answer would narrow them the most:")
    return f"<p>{safe(line)}</p>" + button("narrow_question", "narrow", found.question, f"{pictogram} {_(question)}")


def intro(lang: str, routes, back: str, gently: str) -> str:
    """The top of the results (`.nav-intro`, laid out as markdown lays out a heading and paragraphs): Change my answers,
    the heading, how many routes were found and in which groups, and the gentle question."""
    _ = tr()
    heading = _("Your routes")
    parts = [back, f'<div class="nav-headings"><h1>🧭 {safe(heading)}</h1></div>']
    if routes:
        found = translator(lang).ngettext("We found {n} route for you.", "We found {n} routes for you.", len(routes))
        parts.append(f"<p><strong>{safe(found.format(n=number(len(routes), lang)))}</strong></p>")
        groups = " · ".join(
            f"{mark} {_(title)}: {number(routes.by_verdict[v], lang)}" for v, mark, title in GROUPS if v in routes.by_verdict
        )
        parts.append(f"<p>{safe(groups)}</p>")
    return '<div class="nav-intro">' + "".join(parts) + gently + "</div>"


def groups(routes, lang: str) -> tuple[list[str], list]:
    """Each project's verdict groups as blocks of HTML (headings, cards, "Add to my sheet", "Show more"), and the
    routes shown, each once. Made once per ticks, language and minute for these answers (kept with the matches, one
    drawing): a rerun with nothing changed draws what was made. A route drawn for the first time gets its tick: on,
    unless it is a near miss or doubtful."""
    kept = st.session_state[Key.MATCHED][4]
    staff_lang, kiosk = ui_lang(), kiosk_enabled()
    key = (lang, staff_lang, kiosk, now_in_france().strftime("%H:%M"))
    found = kept.get("groups")
    if found is not None and found[0] == key and found[3] == tuple(st.session_state.get(pick_key(p.id)) for p in found[2]):
        return found[1], found[2]
    drawn, shown = _groups(routes, lang, staff_lang, kiosk, kept)
    kept["groups"] = (key, drawn, shown, tuple(st.session_state.get(pick_key(p.id)) for p in shown))
    return drawn, shown


def _groups(routes, lang: str, staff_lang: str, kiosk: bool, cards: dict) -> tuple[list[str], list]:
    _ = tr()
    shown: list = []
    drawn: list[str] = []
    seen: set[str] = set()
    for group_of_project in routes.projects:
        project, in_project = group_of_project.project, group_of_project.shown
        if not in_project:
            continue
        headings = [f"<h2>{safe(icon(project))} {safe(label(project, lang))}</h2>"] if project is not None else []
        for verdict, mark, title in GROUPS:
            group = [m for m in in_project if m.verdict is verdict]
            if not group:
                continue
            # The project's and the group's headings (drawn as markdown's, `.nav-headings` in style.py), the group's
            # cards and their "Add to my sheet": one block.
            parts = [f'<div class="nav-headings">{"".join(headings)}<h3>{mark} {safe(_(title))}</h3></div>']
            headings = []
            for m in group:
                parts.append(kept_card(m, lang, staff_lang, kiosk, cards))
                if m.programme.id not in seen:
                    seen.add(m.programme.id)
                    shown.append(m.programme)
                    key = pick_key(m.programme.id)
                    if key not in st.session_state:
                        st.session_state[key] = m.verdict is not Verdict.NEAR_MISS and not m.doubtful
                    chosen = st.session_state[key]
                    parts.append(pick_button(m.programme.id, chosen))
            last = verdict is [v for v, _m, _t in GROUPS if any(m.verdict is v for m in in_project)][-1]
            if last and group_of_project.hidden:  # its "Show more" in the last group's block
                n = min(group_of_project.hidden, SHOWN_PER_PROJECT)
                more = translator(lang).ngettext("Show {n} more route", "Show {n} more routes", n)
                value = f"{project.value if project else ''}:{len(in_project)}"
                key = f"more_{project.value if project else 'all'}"
                parts.append(button(key, "more", value, "➕ " + more.format(n=number(n, lang))))
            drawn.append(blocks(*parts))
    return drawn, shown


def page(answers: dict, on_back, ask=None, prompts: dict | None = None, screen: str = "results") -> None:
    """The results of the guided flow; `ask(question_key)` opens a question's screen, worded by `prompts`. `screen`:
    the token the screen's component relays its taps with (the cards' "Add to my sheet" buttons, Change my answers,
    the gentle question, Show more, Print and Start over; a new one scrolls the page to its top). On a rerun
    the screen is its component (which relays its taps) and one block of HTML: the top, the cards, the take-away and
    Start over; a message or Print's answer splits the block."""
    _ = tr()
    lang = results_lang()
    loaded, _error = get_catalogue()
    back = button("results_back", "results_back", "", "⬅️ " + _("Change my answers"))
    person, problems, said = profile_of(answers) if loaded is not None else (None, None, "")
    if loaded is None or problems or person.abroad:  # a message comes between the button and the heading
        show(back)
        back = ""
    if loaded is None:
        st.warning(_("The list of programmes is being updated. Please ask at the desk, or try again in a few minutes."))
        return
    if problems:
        st.warning(_("Some answers could not be used and were left out. You can change them."))
    if person.abroad:
        st.info("🌍 " + _("You live outside France: we show only the routes open everywhere in France."))
    curated, routes = matched(person, said, loaded)
    if not st.session_state.get(Key.FLOW_COUNTED):
        st.session_state[Key.FLOW_COUNTED] = True
        count(flow_items(person, lang, routes.ids))
    asking = routes and routes.crowded and ask and prompts
    found = narrowing(person, said, loaded, curated) if asking else None  # worked out once, on the first arrival
    pending = [intro(lang, routes, back, ask_gently(found, prompts) if found is not None else "")]  # drawn as one block
    word = translator(lang).gettext("Listen")
    entries = [] if routes else entry_points(loaded.catalogue)
    cards = entries or [m.programme for g in routes.projects for m in g.shown]
    listen(  # the cards' listen buttons and the screen's HTML buttons (listen.py: the screen's one component)
        RELAY,
        {p.id: (word, word, card_utterance(p, lang)) for p in cards},
        visitor=lang,
        cards=True,
        screen=screen,
        on_tap=partial(_on_tap, on_back, ask, prompts),
    )
    if not routes:
        show(pending.pop())
        st.info("💙 " + _("Nothing in our list fits these answers exactly. These places help everyone and can guide you:"))
        if entries:
            show(plain_cards(entries, lang))
        return
    drawn, shown = groups(routes, lang)
    pending += drawn
    chosen = [p for p in shown if st.session_state.get(pick_key(p.id), True)]
    if not chosen:
        show(blocks(*pending))
        pending = []
        st.session_state[Key.ON_SHEET] = ()
        st.info("📲 " + _("Tick “Add to my sheet” on the routes you want to take with you."))
    else:
        pending.append(take_away(chosen, lang, relayed=True))
        if printing():
            show(blocks(*pending))
            pending = []
            print_now(chosen, lang)
    pending += ["<hr>", button("start_over_end", "start_over", "", "🔄 " + _("Start over"))]
    show(blocks(*pending))


def shared_page(ids_param: str, lang: str) -> None:
    """A shared link: the routes it names, in its language; unknown ids are skipped kindly."""
    _ = tr()
    loaded, _error = get_catalogue()
    if loaded is None:
        st.warning(_("The list of programmes is being updated. Please ask at the desk, or try again in a few minutes."))
        return
    ids = route_ids(ids_param, 30)
    programmes = [p for i in ids if (p := loaded.shared_route(i)) is not None]  # a code, or an id
    st.markdown("# 🧭 " + _("Routes shared with you"))
    if len(programmes) < len(ids):
        st.info(_("Some routes in this link are no longer in our list."))
    if not programmes:
        st.info(_("This link holds no route we know. You can start your own search."))
    if not st.session_state.get(Key.SHARED_COUNTED):
        st.session_state[Key.SHARED_COUNTED] = True
        count([(Metric.ROUTE_SHARED, p.id) for p in programmes])
    _show_cards("listen_cards_shared", programmes, lang)
    take_away([p for p in programmes if not p.is_ended], lang)
