"""A page for the tap relay's browser test (test_listen.py): plain HTML buttons answered by the page's one component.

    streamlit run tests/browser/relay_page.py

Screen n shows "Screen n" and two HTML buttons, Back and Next, in one block; the one component (navigator.ui.listen)
relays their presses with the screen token "s<n>", and its handler moves one screen.
"""

import streamlit as st

from navigator.ui.listen import Tap, listen, tap, tap_button

step = st.session_state.setdefault("step", 1)


def on_tap(found: Tap) -> None:
    st.session_state["step"] += 1 if found.name == "next" else -1


st.html(f"<p id='screen'>Screen {step}</p>" + tap_button("back", "", "Back", id="back") + tap_button("next", str(step), "Next", id="next"))
listen("listen_relay", screen=f"s{step}", on_tap=on_tap)
seen = tap("listen_relay")
st.markdown(f"Last tap seen by the script: {seen.name if seen else 'none'}")
